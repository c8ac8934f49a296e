import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestDetail, User } from '../../../api/types';
import { health, manualRequest } from '../../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../../test/http';
import { renderApp } from '../../../test/renderApp';

const an: User = { id: 7, role: 'staff', name: 'An Desmet', email: 'an.desmet@testdorp.be', authMeans: null };

const REF = 'PA-2026-000010';
const request: RequestDetail = {
  ...manualRequest,
  reference: REF,
  documentType: { code: 'uittreksel-bevolkingsregister', name: 'Uittreksel uit het bevolkingsregister', kind: 'register_certificate' },
  manualReasons: [{ code: 'for_someone_else' }],
  requester: { name: 'Jan Peeters', email: 'jan.peeters@example.be', nationalNumber: '85073003328', signedIn: true },
  subject: { name: 'Mohamed El Amrani', nationalNumber: '90112115716', birthDate: null },
  forWhom: 'someone_else',
  deliveryPreference: 'post',
  tasks: [
    { id: 20, taskType: 'cancel_request', status: 'parked', dueAt: null, createdAt: '2026-03-04T09:15:00Z' },
    { id: 21, taskType: 'handle_request', status: 'open', dueAt: null, createdAt: '2026-03-04T09:15:00Z' },
  ],
  version: 3,
  availableActions: ['deliver', 'refuse', 'cancel'],
};

function mockRequestApi(routes: Record<string, Parameters<typeof mockApi>[0][string]> = {}) {
  signInAs(an);
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/me': an,
    [`GET /api/v1/requests/${REF}`]: request,
    ...routes,
  });
}

const actions = () => screen.getByRole('region', { name: 'Wat kun je doen?' });

describe('a request in the back office', () => {
  it('shows the answers, why it is manual, its tasks and history, and only the actions that apply', async () => {
    mockRequestApi();
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    expect(await screen.findByRole('heading', { level: 1, name: `Aanvraag ${REF}` })).toBeInTheDocument();
    expect(screen.getByText('De aanvraag is voor iemand anders')).toBeInTheDocument();
    expect(screen.getByText('Mohamed El Amrani')).toBeInTheDocument();
    expect(screen.getByText('90.11.21-157.16')).toBeInTheDocument();
    expect(screen.getByText('Aanvraag behandelen')).toBeInTheDocument();
    expect(
      within(actions())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Afleveren', 'Weigeren', 'Annuleren']);
    expect(screen.getByRole('list', { name: 'Geschiedenis' })).toBeInTheDocument();
    expect(screen.queryByText('Advies van de politie')).not.toBeInTheDocument();
  });

  it('names the integration that submitted a request through the API', async () => {
    mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: { ...request, submittedVia: 'api', submittedByClient: { clientId: 'lk_1', name: 'Burgerportaal' } },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    expect(await screen.findByText('API, door de koppeling Burgerportaal')).toBeInTheDocument();
  });

  it('words every code in the reader’s language: status, document, reasons, tasks, actions, answers and history', async () => {
    localStorage.setItem('loket.lang', 'en');
    mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: {
        ...request,
        history: [
          {
            at: '2026-03-04T09:15:00Z',
            actorRole: 'citizen',
            actorName: 'Jan Peeters',
            action: 'submitted',
            reason: null,
            details: { kind: 'submitted', via: 'api' },
          },
          {
            at: '2026-03-04T09:15:00Z',
            actorRole: 'system',
            actorName: 'Loket (automatisch)',
            action: 'sent_to_staff',
            reason: 'De aanvraag is voor iemand anders',
            details: { kind: 'sent_to_staff', reasons: ['for_someone_else', 'abroad'] },
          },
          {
            at: '2026-03-04T09:16:00Z',
            actorRole: 'system',
            actorName: 'Loket (automatisch)',
            action: 'advice_deadline_passed',
            reason: 'De politie gaf geen advies binnen de termijn.',
            details: null,
          },
          { at: '2026-03-04T09:17:00Z', actorRole: 'staff', actorName: 'An Desmet', action: 'refused', reason: 'Geen volmacht.', details: null },
        ],
        submittedVia: 'api',
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    expect(await screen.findByRole('heading', { level: 1, name: `Request ${REF}` })).toBeInTheDocument();
    expect(screen.getByText('Extract from the population register')).toHaveClass('caption');
    expect(document.getElementById('request-status')).toHaveTextContent('In progress');
    expect(screen.getByText('The request is for someone else')).toBeInTheDocument();
    const tasks = document.querySelectorAll('.task-list li');
    expect([...tasks].map((li) => li.textContent?.split(' · ').slice(0, 2).join(' · '))).toEqual(['Cancel · parked', 'Handle request · open']);
    const english = screen.getByRole('region', { name: 'What can you do?' });
    expect(
      within(english)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Deliver', 'Refuse', 'Cancel']);
    expect(screen.getByText('API')).toBeInTheDocument();
    expect(screen.getByText('By a member of staff')).toBeInTheDocument();

    const history = screen.getByRole('list', { name: 'History' });
    // Loket's own reasons are worded here from their codes, or left out where the action says it all;
    // what a person wrote stays as written.
    expect(history).toHaveTextContent('The request is for someone else; The document is for use abroad');
    expect(history).toHaveTextContent('Loket (automatic)');
    expect(history).toHaveTextContent('Geen volmacht.');
    expect(history).not.toHaveTextContent(/De aanvraag|De politie|automatisch/);
  });

  it('will not refuse without a reason, and shows the reason the API gives next to the field', async () => {
    const bodies: unknown[] = [];
    let answer: Response = problemResponse(422, 'validation_failed', [{ name: 'reason', code: 'required', reason: 'Explain why.' }]);
    const fetch = mockRequestApi({
      [`POST /api/v1/requests/${REF}/refuse`]: async (r) => {
        bodies.push(await r.json());
        return answer;
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    await userEvent.click(await within(await screen.findByRole('region', { name: 'Wat kun je doen?' })).findByRole('button', { name: 'Weigeren' }));
    const dialog = screen.getByRole('dialog', { name: `Aanvraag ${REF} weigeren` });
    const reason = within(dialog).getByRole('textbox', { name: 'Reden van de weigering' });

    // The client check: nothing is sent.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Aanvraag weigeren' }));
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Vul de reden van de weigering in.'));
    expect(reason).toHaveFocus();
    expect(calls(fetch).filter((c) => c.startsWith('POST'))).toEqual([]);

    // Past the client check, the API's own field error shows beside the field.
    await userEvent.type(reason, 'x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Aanvraag weigeren' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription(expect.stringContaining('Vul de reden van de weigering in.')));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(bodies).toEqual([{ reason: 'x', expectedVersion: 3 }]);
    expect(screen.getByText('In behandeling')).toBeInTheDocument();

    answer = jsonResponse({ ...request, status: 'refused', availableActions: [], tasks: [], version: 4 });
    await userEvent.clear(reason);
    await userEvent.type(reason, 'Geen volmacht van de betrokkene.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Aanvraag weigeren' }));
    expect((await screen.findByText('De aanvraag is geweigerd.', { exact: false })).closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.getElementById('request-status')).toHaveTextContent('Geweigerd');
    expect(within(actions()).queryByRole('button')).not.toBeInTheDocument();
  });

  it('delivers by post to the person concerned, asking for an address when the register has none', async () => {
    const bodies: unknown[] = [];
    const delivered: RequestDetail = {
      ...request,
      status: 'awaiting_shipment',
      deliveryMethod: 'post',
      version: 4,
      availableActions: ['confirm_shipment', 'cancel'],
      documents: [
        {
          id: 5,
          kind: 'document',
          title: 'Uittreksel uit het bevolkingsregister',
          fileName: 'u.pdf',
          issuedAt: '2026-03-04T10:00:00Z',
          validUntil: null,
          verificationCode: 'AAAA-BBBB-CCCC-DDDD',
          downloadUrl: `/api/v1/requests/${REF}/documents/5`,
        },
        {
          id: 6,
          kind: 'letter',
          title: 'Begeleidende brief',
          fileName: 'brief.pdf',
          issuedAt: '2026-03-04T10:00:00Z',
          validUntil: null,
          verificationCode: null,
          downloadUrl: `/api/v1/requests/${REF}/documents/6`,
        },
      ],
    };
    mockRequestApi({
      [`POST /api/v1/requests/${REF}/deliver`]: async (r) => {
        const body = (await r.json()) as { address?: string[] };
        bodies.push(body);
        return body.address
          ? jsonResponse(delivered)
          : problemResponse(422, 'validation_failed', [{ name: 'address', code: 'required', reason: 'No address.' }]);
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Afleveren' }));
    const dialog = screen.getByRole('dialog', { name: `Aanvraag ${REF} afleveren` });
    expect(within(dialog).queryByRole('group', { name: 'Naar wie sturen we de brief?' })).not.toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('radio', { name: 'Per post' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'De betrokkene: Mohamed El Amrani' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Afleveren' }));

    const address = await within(dialog).findByRole('textbox', { name: 'Postadres' });
    expect(address).toHaveAccessibleDescription(expect.stringContaining('Vul het postadres in.'));
    expect(within(dialog).getByRole('link', { name: /^Postadres:/ })).toBeInTheDocument();
    await userEvent.type(address, 'Molenweg 3 bus 2{Enter}9999 Voorbeeldegem');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Afleveren' }));

    expect((await screen.findByText('verstuur ze per post', { exact: false })).closest('[role="status"]')).not.toBeNull();
    expect(bodies).toEqual([
      { method: 'post', recipient: 'subject', expectedVersion: 3 },
      { method: 'post', recipient: 'subject', address: ['Molenweg 3 bus 2', '9999 Voorbeeldegem'], expectedVersion: 3 },
    ]);
    expect(document.getElementById('request-status')).toHaveTextContent('Wordt per post verstuurd');
    expect(screen.getByRole('button', { name: 'Begeleidende brief downloaden' })).toBeInTheDocument();
    expect(within(actions()).getByRole('button', { name: 'Verzenden bevestigen' })).toBeInTheDocument();
  });

  it('asks for the national number of a person the request does not identify', async () => {
    mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: {
        ...request,
        forWhom: 'myself',
        subject: { name: 'Piet Pieters', nationalNumber: null, birthDate: '1990-05-12' },
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Afleveren' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Afleveren' }));
    expect(within(dialog).getByRole('group', { name: 'Hoe lever je het document af?' })).toHaveAccessibleDescription(
      'Kies hoe je het document aflevert.',
    );
    expect(within(dialog).getByRole('textbox', { name: 'Rijksregisternummer van de betrokkene' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('reloads the request when someone else acted first', async () => {
    let version = 3;
    const fetch = mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: () => jsonResponse({ ...request, version }),
      [`POST /api/v1/requests/${REF}/refuse`]: () => {
        version = 5;
        return problemResponse(409, 'conflict');
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Weigeren' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Reden van de weigering' }), 'Geen volmacht.');
    await userEvent.click(screen.getByRole('button', { name: 'Aanvraag weigeren' }));

    expect(await screen.findByText(/Iemand anders heeft deze aanvraag intussen gewijzigd/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls(fetch).filter((c) => c === `GET /api/v1/requests/${REF}`)).toHaveLength(2);
  });

  it('says so when an action no longer applies though nobody changed the request', async () => {
    mockRequestApi({ [`POST /api/v1/requests/${REF}/deliver`]: () => problemResponse(409, 'conflict') });
    renderApp(`/behandelportaal/aanvragen/${REF}?actie=afleveren`);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Digitaal' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Afleveren' }));
    expect(await screen.findByText(/Deze actie kan nu niet voor deze aanvraag/)).toBeInTheDocument();
  });

  it('opens the cancel dialog from the address, and needs an explanation when the requester is informed', async () => {
    let body: unknown;
    mockRequestApi({
      [`POST /api/v1/requests/${REF}/cancel`]: async (r) => {
        body = await r.json();
        return jsonResponse({ ...request, status: 'cancelled', availableActions: [], tasks: [] });
      },
    });
    const { router } = renderApp(`/behandelportaal/aanvragen/${REF}?actie=annuleren`);
    const dialog = await screen.findByRole('dialog', { name: `Aanvraag ${REF} annuleren` });
    expect(within(dialog).getByRole('checkbox', { name: 'Aanvrager informeren' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Aanvraag annuleren' }));
    expect(within(dialog).getByRole('textbox', { name: 'Uitleg voor de aanvrager' })).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Uitleg voor de aanvrager' }), 'Dubbele aanvraag.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Aanvraag annuleren' }));
    expect((await screen.findByText('De aanvrager krijgt je uitleg per e-mail.', { exact: false })).closest('[role="status"]')).not.toBeNull();
    expect(body).toEqual({ informRequester: true, explanation: 'Dubbele aanvraag.', expectedVersion: 3 });
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('explains that the police still have time, and that a missing deed keeps its task', async () => {
    mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: {
        ...request,
        status: 'awaiting_police_advice',
        policeAdviceRequired: true,
        availableActions: ['refuse', 'give_advice', 'confirm_deed_added', 'cancel'],
      },
      [`POST /api/v1/requests/${REF}/advice`]: () => problemResponse(409, 'advice_not_due'),
      [`POST /api/v1/requests/${REF}/confirm-deed-added`]: () => problemResponse(409, 'deed_still_missing'),
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    expect(await screen.findByText('Nog geen advies')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Advies registreren in naam van de politie' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Gunstig' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Advies registreren' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('De politie heeft nog tijd om advies te geven.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Terug' }));

    await userEvent.click(screen.getByRole('button', { name: 'Akte is toegevoegd in DABS' }));
    expect(await screen.findByText(/De akte staat nog niet in DABS. De taak blijft openstaan/)).toBeInTheDocument();
  });

  it('shows who registered the advice in the police’s name', async () => {
    mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: {
        ...request,
        policeAdviceRequired: true,
        policeAdvice: 'favourable',
        policeAdviceRemark: 'Geen bezwaar.',
        history: [
          {
            at: '2026-03-12T09:00:00Z',
            actorRole: 'staff',
            actorName: 'An Desmet',
            action: 'advice_given',
            reason: 'Geen bezwaar.',
            details: { kind: 'advice_given', advice: 'favourable', onBehalfOfPolice: true, afterDeadline: false },
          },
        ],
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    const history = await screen.findByRole('list', { name: 'Geschiedenis' });
    expect(within(history).getByText('Geregistreerd door An Desmet in naam van de politie')).toBeInTheDocument();
    expect(within(history).getByText('Advies: Gunstig')).toBeInTheDocument();
    expect(screen.getAllByText('Geen bezwaar.').length).toBeGreaterThan(0);
  });

  it('shows who looked at the request, newest first, and says so when nobody did', async () => {
    mockRequestApi({
      [`GET /api/v1/requests/${REF}`]: {
        ...request,
        viewedBy: [
          { at: '2026-03-05T08:30:00Z', actorRole: 'police', actorName: 'Politie Voorbeeldegem', action: 'advice_request_viewed' },
          { at: '2026-03-04T14:00:00Z', actorRole: 'staff', actorName: 'Pieter Claes', action: 'document_viewed' },
          { at: '2026-03-04T10:00:00Z', actorRole: 'admin', actorName: 'Lotte Vermeulen', action: 'request_viewed' },
          { at: '2026-03-04T09:30:00Z', actorRole: 'staff', actorName: 'An Desmet', action: 'something_new' },
        ],
      },
    });
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    const section = await screen.findByRole('region', { name: 'Inzage' });
    const table = within(section).getByRole('table', { name: 'Inzage' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Wanneer', 'Wie', 'Wat']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['5 maart 2026 om 09:30', 'Politie Voorbeeldegem (politie)', 'Politie: bekeek de adviesaanvraag'],
      ['4 maart 2026 om 15:00', 'Pieter Claes (medewerker)', 'Bekeek een document'],
      ['4 maart 2026 om 11:00', 'Lotte Vermeulen (beheerder)', 'Bekeek de aanvraag'],
      ['4 maart 2026 om 10:30', 'An Desmet (medewerker)', 'something_new'],
    ]);
  });

  it('says when nobody has looked at the request yet', async () => {
    mockRequestApi();
    renderApp(`/behandelportaal/aanvragen/${REF}`);
    const section = await screen.findByRole('region', { name: 'Inzage' });
    expect(within(section).getByText('Nog niemand heeft deze aanvraag ingekeken.')).toBeInTheDocument();
    expect(within(section).queryByRole('table')).not.toBeInTheDocument();
  });
});
