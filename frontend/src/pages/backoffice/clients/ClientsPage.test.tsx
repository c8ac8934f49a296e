import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApiClient, User, Webhook, WebhookDelivery } from '../../../api/types';
import { catalogue, health } from '../../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../../test/http';
import { renderApp } from '../../../test/renderApp';

const lotte: User = { id: 5, role: 'admin', name: 'Lotte Vermeulen', email: null, authMeans: null };
const an: User = { id: 7, role: 'staff', name: 'An De Smet', email: null, authMeans: null };

const zaaksysteem: ApiClient = {
  id: 3,
  clientId: 'lk_3f9a6c21',
  name: 'Zaaksysteem',
  scopes: ['requests:create', 'webhooks:manage'],
  documentTypes: ['bewijs-van-woonst'],
  contactEmail: 'ict@testdorp.be',
  active: true,
  createdAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-02T09:00:00Z',
  secrets: [{ id: 11, hint: 'x7Qz', createdAt: '2026-11-02T09:00:00Z', revokedAt: null, lastUsedAt: '2026-11-29T08:30:00Z' }],
};

const paused: Webhook = {
  id: 21,
  clientId: 'lk_3f9a6c21',
  url: 'https://zaken.testdorp.be/loket-hook',
  events: ['request.submitted', 'request.delivered'],
  active: true,
  paused: true,
  pausedAt: '2026-11-28T10:00:00Z',
  pausedReason: 'msg_1 failed for three days: HTTP 503',
  createdAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-28T10:00:00Z',
};

const failed: WebhookDelivery = {
  id: 301,
  webhookId: 'msg_2b8f',
  event: 'request.delivered',
  status: 'failed',
  attempts: 14,
  lastAttemptAt: '2026-11-28T10:00:00Z',
  lastStatus: 503,
  lastError: 'the receiver answered 503 Service Unavailable',
  deliveredAt: null,
  createdAt: '2026-11-25T10:00:00Z',
  payload: { type: 'request.delivered', data: { reference: 'PA-2026-000123' } } as unknown as WebhookDelivery['payload'],
};

const base = { 'GET /api/health': health, 'GET /api/v1/catalogue': catalogue };

describe('Koppelingen', () => {
  it('is in the navigation of an admin only', async () => {
    signInAs(an);
    mockApi({ ...base, 'GET /api/v1/tasks': { items: [], total: 0 } });
    renderApp('/behandelportaal');
    const nav = await screen.findByRole('navigation', { name: 'Behandelportaal' });
    expect(within(nav).queryByRole('link', { name: /Koppelingen/ })).not.toBeInTheDocument();
  });

  it('is refused to staff who are not admin', async () => {
    signInAs(an);
    const fetch = mockApi({ ...base });
    renderApp('/behandelportaal/koppelingen');
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
    expect(calls(fetch)).not.toContain('GET /api/v1/clients');
  });

  it('changes a client: its rights and document types, and switches it off', async () => {
    signInAs(lotte);
    let client = zaaksysteem;
    const bodies: unknown[] = [];
    mockApi({
      ...base,
      'GET /api/v1/clients': () => jsonResponse({ items: [client] }),
      'GET /api/v1/webhooks': { items: [] },
      'PUT /api/v1/clients/3': async (request) => {
        const body = (await request.json()) as Partial<ApiClient>;
        bodies.push(body);
        client = { ...client, ...body };
        return jsonResponse(client);
      },
    });
    renderApp('/behandelportaal/koppelingen');

    await userEvent.click(await screen.findByRole('button', { name: 'Wijzigen koppeling Zaaksysteem' }));
    const dialog = screen.getByRole('dialog', { name: 'Koppeling Zaaksysteem wijzigen' });
    expect(within(dialog).getByRole('checkbox', { name: 'Aanvragen indienen' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Bewijs van woonst' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Rapporten' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: /Alle documentsoorten/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Wijzigingen bewaren' }));
    expect(await screen.findByText('De koppeling Zaaksysteem is gewijzigd.')).toBeInTheDocument();
    expect(bodies[0]).toEqual({
      name: 'Zaaksysteem',
      scopes: ['requests:create', 'reports:read', 'webhooks:manage'],
      documentTypes: null,
      contactEmail: 'ict@testdorp.be',
      active: true,
    });
    const card = screen.getByRole('region', { name: /^Zaaksysteem/ });
    expect(await within(card).findByText('Alle documentsoorten')).toBeInTheDocument();
    expect(within(card).getByText('Rapporten')).toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: 'Uitschakelen koppeling Zaaksysteem' }));
    expect(await screen.findByText('De koppeling Zaaksysteem is uitgeschakeld: ze krijgt geen toegang meer.')).toBeInTheDocument();
    expect(bodies[1]).toMatchObject({ active: false });
    expect(await within(card).findByRole('heading', { level: 2 })).toHaveTextContent('Zaaksysteem Uitgeschakeld');
    expect(within(card).getByRole('button', { name: 'Inschakelen koppeling Zaaksysteem' })).toBeInTheDocument();
  });

  it('lists each client with its rights, document types and secrets', async () => {
    signInAs(lotte);
    mockApi({ ...base, 'GET /api/v1/clients': { items: [zaaksysteem] }, 'GET /api/v1/webhooks': { items: [] } });
    renderApp('/behandelportaal/koppelingen');

    const card = await screen.findByRole('region', { name: /^Zaaksysteem/ });
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent('Zaaksysteem Actief');
    expect(within(card).getByText('lk_3f9a6c21')).toBeInTheDocument();
    expect(within(card).getByText('Aanvragen indienen')).toBeInTheDocument();
    expect(within(card).getByText('Webhooks beheren')).toBeInTheDocument();
    expect(within(card).getByText('Bewijs van woonst')).toBeInTheDocument();
    const secrets = within(card).getByRole('table', { name: 'Geheimen van Zaaksysteem' });
    const [, row] = within(secrets).getAllByRole('row');
    expect(within(row!).getAllByRole('cell')[0]).toHaveTextContent('eindigt op x7Qz');
    expect(within(row!).getAllByRole('cell')[3]).toHaveTextContent('Geldig');
    expect(within(card).getByText('Geen webhooks.')).toBeInTheDocument();
  });

  it('creates a client and shows its secret once, in a box that takes focus', async () => {
    signInAs(lotte);
    let clients: ApiClient[] = [];
    const created: ApiClient = { ...zaaksysteem, id: 4, clientId: 'lk_new1', name: 'Archief', documentTypes: null, contactEmail: null };
    const fetch = mockApi({
      ...base,
      'GET /api/v1/clients': () => jsonResponse({ items: clients }),
      'GET /api/v1/webhooks': { items: [] },
      'POST /api/v1/clients': async (request) => {
        expect(await request.json()).toEqual({
          name: 'Archief',
          scopes: ['requests:read', 'search:read'],
          documentTypes: null,
          contactEmail: null,
          active: true,
        });
        clients = [created];
        return jsonResponse({ client: created, clientSecret: 'lks_s3cr3t-only-once' }, 201);
      },
    });
    renderApp('/behandelportaal/koppelingen');

    expect(await screen.findByText('Er zijn nog geen koppelingen.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Nieuwe koppeling' }));
    const dialog = screen.getByRole('dialog', { name: 'Nieuwe koppeling' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Naam' }), 'Archief');
    const rights = within(dialog).getByRole('group', { name: 'Rechten' });
    await userEvent.click(within(rights).getByRole('checkbox', { name: 'Aanvragen inzien' }));
    await userEvent.click(within(rights).getByRole('checkbox', { name: 'Zoeken' }));
    expect(within(rights).getByRole('checkbox', { name: 'Zoeken' })).toHaveAccessibleDescription(
      'Aanvragen zoeken (de bewaarde zoekfilters zijn voor medewerkers).',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Koppeling aanmaken' }));

    const box = await screen.findByRole('region', { name: 'Geheim van Archief' });
    await waitFor(() => expect(box).toHaveFocus());
    expect(within(box).getByText('De koppeling Archief is aangemaakt.')).toBeInTheDocument();
    expect(within(box).getByText(/wordt maar één keer getoond/)).toBeInTheDocument();
    expect(within(box).getByText('lk_new1')).toBeInTheDocument();
    expect(within(box).getByRole('textbox', { name: 'Geheim' })).toHaveValue('lks_s3cr3t-only-once');
    expect(within(box).getByRole('button', { name: 'Geheim kopiëren' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: /^Archief/ })).toBeInTheDocument();

    await userEvent.click(within(box).getByRole('button', { name: 'Ik heb het geheim bewaard' }));
    expect(screen.queryByRole('region', { name: 'Geheim van Archief' })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('lks_s3cr3t-only-once');
    expect(calls(fetch).filter((call) => call === 'POST /api/v1/clients')).toHaveLength(1);
  });

  it('shows what is wrong beside each field, from the form and from the API', async () => {
    signInAs(lotte);
    const fetch = mockApi({
      ...base,
      'GET /api/v1/clients': { items: [] },
      'GET /api/v1/webhooks': { items: [] },
      'POST /api/v1/clients': () =>
        problemResponse(422, 'validation_failed', [
          { name: 'contactEmail', code: 'invalid_email', reason: 'This is not an e-mail address.' },
          { name: 'documentTypes', reason: "There is no document type 'paspoort' in the catalogue." },
        ]),
    });
    renderApp('/behandelportaal/koppelingen');

    await userEvent.click(await screen.findByRole('button', { name: 'Nieuwe koppeling' }));
    const dialog = screen.getByRole('dialog', { name: 'Nieuwe koppeling' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Koppeling aanmaken' }));
    // Checked before anything is sent: a name and at least one right.
    expect(within(dialog).getByRole('textbox', { name: 'Naam' })).toHaveAccessibleDescription(expect.stringContaining('Geef de koppeling een naam.'));
    expect(within(dialog).getByRole('group', { name: 'Rechten' })).toHaveAccessibleDescription(expect.stringContaining('Kies minstens één recht.'));
    expect(calls(fetch)).not.toContain('POST /api/v1/clients');

    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Naam' }), 'Archief');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Aanvragen inzien' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Alleen de documentsoorten die ik kies' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Koppeling aanmaken' }));
    expect(
      within(dialog)
        .getByRole('radio', { name: /Alle documentsoorten/ })
        .closest('fieldset'),
    ).toHaveAccessibleDescription(expect.stringContaining('Kies minstens één documentsoort'));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Geboorteakte' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Contactadres/ }), 'ict-at-testdorp');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Koppeling aanmaken' }));

    const email = within(dialog).getByRole('textbox', { name: /Contactadres/ });
    await waitFor(() => expect(email).toHaveAccessibleDescription(expect.stringContaining('Dit e-mailadres klopt niet.')));
    expect(
      within(dialog)
        .getByRole('radio', { name: /Alle documentsoorten/ })
        .closest('fieldset'),
    ).toHaveAccessibleDescription(expect.stringContaining("There is no document type 'paspoort' in the catalogue."));
  });

  it('warns about a paused webhook and resumes it', async () => {
    signInAs(lotte);
    let webhook = paused;
    const fetch = mockApi({
      ...base,
      'GET /api/v1/clients': { items: [zaaksysteem] },
      'GET /api/v1/webhooks': () => jsonResponse({ items: [webhook] }),
      'PATCH /api/v1/webhooks/21': async (request) => {
        expect(await request.json()).toEqual({ paused: false });
        webhook = { ...paused, paused: false, pausedAt: null, pausedReason: null };
        return jsonResponse(webhook);
      },
    });
    renderApp('/behandelportaal/koppelingen');

    const banner = await screen.findByRole('note', { name: 'Een webhook is gepauzeerd' });
    expect(within(banner).getByRole('link', { name: 'Zaaksysteem: https://zaken.testdorp.be/loket-hook' })).toHaveAttribute('href', '#webhook-21');
    const nav = screen.getByRole('navigation', { name: 'Behandelportaal' });
    // The count is seen as a badge and heard in words.
    expect(await within(nav).findByRole('link', { name: 'Koppelingen, 1 webhook gepauzeerd' })).toHaveTextContent(
      /^Koppelingen1, 1 webhook gepauzeerd$/,
    );

    const card = screen.getByRole('region', { name: /^Zaaksysteem/ });
    expect(within(card).getByText('Gepauzeerd')).toBeInTheDocument();
    expect(within(card).getByText('Reden: msg_1 failed for three days: HTTP 503')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Hervatten webhook naar https://zaken.testdorp.be/loket-hook' }));

    expect(
      await screen.findByText('De webhook naar https://zaken.testdorp.be/loket-hook is hervat: wat bleef wachten, wordt nu verstuurd.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('note', { name: 'Een webhook is gepauzeerd' })).not.toBeInTheDocument());
    expect(within(card).getByText('Actief', { selector: '.webhook__state' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Koppelingen' })).toHaveTextContent(/^Koppelingen$/);
    expect(calls(fetch)).toContain('PATCH /api/v1/webhooks/21');
  });

  it('revokes a secret only after asking', async () => {
    signInAs(lotte);
    let client = zaaksysteem;
    const fetch = mockApi({
      ...base,
      'GET /api/v1/clients': () => jsonResponse({ items: [client] }),
      'GET /api/v1/webhooks': { items: [] },
      'DELETE /api/v1/clients/3/secrets/11': () => {
        client = { ...zaaksysteem, secrets: [{ ...zaaksysteem.secrets[0]!, revokedAt: '2026-11-30T09:00:00Z' }] };
        return jsonResponse(client);
      },
    });
    renderApp('/behandelportaal/koppelingen');

    await userEvent.click(await screen.findByRole('button', { name: 'Intrekken geheim dat eindigt op x7Qz' }));
    const dialog = screen.getByRole('dialog', { name: 'Geheim dat eindigt op x7Qz intrekken?' });
    expect(within(dialog).getByText(/Zaaksysteem krijgt er geen toegang meer mee/)).toBeInTheDocument();
    expect(calls(fetch)).not.toContain('DELETE /api/v1/clients/3/secrets/11');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Intrekken' }));

    expect(await screen.findByText('Het geheim dat eindigt op x7Qz is ingetrokken: Zaaksysteem kan het niet meer gebruiken.')).toBeInTheDocument();
    expect(await screen.findByText(/^Ingetrokken op/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Intrekken/ })).not.toBeInTheDocument();
  });

  it('shows the delivery log of a webhook and sends a delivery again', async () => {
    signInAs(lotte);
    let delivery = failed;
    const fetch = mockApi({
      ...base,
      'GET /api/v1/clients': { items: [zaaksysteem] },
      'GET /api/v1/webhooks': { items: [{ ...paused, paused: false, pausedAt: null, pausedReason: null }] },
      'GET /api/v1/webhooks/21/deliveries': () => jsonResponse({ items: [delivery] }),
      'POST /api/v1/webhooks/21/deliveries/301/replay': () => {
        delivery = { ...failed, status: 'pending' };
        return jsonResponse(delivery, 202);
      },
    });
    renderApp('/behandelportaal/koppelingen');

    const toggle = await screen.findByRole('button', { name: 'Verstuurde berichten tonen webhook naar https://zaken.testdorp.be/loket-hook' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = await screen.findByRole('region', { name: 'Verstuurde berichten naar https://zaken.testdorp.be/loket-hook' });
    const [, row] = within(table).getAllByRole('row');
    const cells = within(row!).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('Document afgeleverdPA-2026-000123');
    expect(cells[2]).toHaveTextContent('Mislukt');
    expect(cells[3]).toHaveTextContent('14');
    expect(cells[4]).toHaveTextContent('HTTP 503the receiver answered 503 Service Unavailable');

    await userEvent.click(within(row!).getByRole('button', { name: 'Opnieuw versturen bericht msg_2b8f' }));
    expect(await screen.findByText('Het bericht wordt opnieuw verstuurd.')).toBeInTheDocument();
    await waitFor(() => expect(within(table).getAllByRole('row')[1]).toHaveTextContent('In de wachtrij'));
    expect(calls(fetch)).toContain('POST /api/v1/webhooks/21/deliveries/301/replay');
  });

  it('gives a webhook a new signing secret, shown once, and removes a webhook only after asking', async () => {
    signInAs(lotte);
    let webhooks = [{ ...paused, paused: false, pausedAt: null, pausedReason: null }];
    const fetch = mockApi({
      ...base,
      'GET /api/v1/clients': { items: [zaaksysteem] },
      'GET /api/v1/webhooks': () => jsonResponse({ items: webhooks }),
      'POST /api/v1/webhooks/21/secret': { secret: 'whsec_bmV3LXNpZ25pbmcta2V5' },
      'DELETE /api/v1/webhooks/21': () => {
        webhooks = [];
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/behandelportaal/koppelingen');

    await userEvent.click(await screen.findByRole('button', { name: 'Nieuw geheim webhook naar https://zaken.testdorp.be/loket-hook' }));
    const box = await screen.findByRole('region', { name: 'Ondertekeningsgeheim van de webhook naar https://zaken.testdorp.be/loket-hook' });
    await waitFor(() => expect(box).toHaveFocus());
    expect(within(box).getByText(/Het vorige werkt niet meer/)).toBeInTheDocument();
    expect(within(box).getByRole('textbox', { name: 'Geheim' })).toHaveValue('whsec_bmV3LXNpZ25pbmcta2V5');

    await userEvent.click(screen.getByRole('button', { name: 'Verwijderen webhook naar https://zaken.testdorp.be/loket-hook' }));
    const dialog = screen.getByRole('dialog', { name: 'Webhook verwijderen?' });
    expect(calls(fetch)).not.toContain('DELETE /api/v1/webhooks/21');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Verwijderen' }));
    expect(await screen.findByText('De webhook naar https://zaken.testdorp.be/loket-hook is verwijderd.')).toBeInTheDocument();
    expect(await screen.findByText('Geen webhooks.')).toBeInTheDocument();
  });
});
