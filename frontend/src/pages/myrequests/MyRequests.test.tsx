import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { automaticRequest, health, jan, manualRequest } from '../../test/fixtures';
import { mockApi, signInAs } from '../../test/http';
import { renderApp } from '../../test/renderApp';

function mockMyRequestsApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/me': jan,
    'GET /api/v1/requests': {
      items: [automaticRequest, manualRequest].map((r) => ({
        reference: r.reference,
        documentType: r.documentType.code,
        documentTypeName: r.documentType.name,
        status: r.status,
        processing: r.processing,
        subjectName: r.subject.name,
        submittedAt: r.submittedAt,
        finishedAt: r.finishedAt,
      })),
    },
    'GET /api/v1/requests/PA-2026-000001': automaticRequest,
    'GET /api/v1/requests/PA-2026-000002': manualRequest,
    ...extra,
  });
}

describe('Mijn aanvragen', () => {
  it('sends someone who is not signed in to the citizen sign-in', async () => {
    mockMyRequestsApi();
    const { router } = renderApp('/mijn-aanvragen');
    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanmelden'));
    await waitFor(() => expect(router.state.location.search).toBe('?next=%2Fmijn-aanvragen'));
  });

  it('lists the own requests and opens one with its documents and history', async () => {
    signInAs(jan);
    mockMyRequestsApi();
    renderApp('/');
    await userEvent.click(await screen.findByRole('link', { name: 'Mijn aanvragen' }));

    const table = await screen.findByRole('table', { name: 'Mijn aanvragen' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['PA-2026-000001', 'Bewijs van woonst', 'Jan Pieter Peeters', 'Afgeleverd', '4 maart 2026 om 10:15']);
    expect(within(rows[1]!).getByText('In behandeling')).toBeInTheDocument();

    await userEvent.click(within(table).getByRole('link', { name: 'PA-2026-000001' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Aanvraag PA-2026-000001' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bewijs van woonst downloaden' })).toBeInTheDocument();
    const history = screen.getByRole('list', { name: 'Geschiedenis' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.timeline__action')?.textContent),
    ).toEqual(['Aanvraag ingediend', 'Automatisch verwerkt en document aangemaakt', 'E-mail verstuurd', 'Afgeleverd in My eBox']);
  });

  it('shows why a request is not automatic, and an unknown history code as it is', async () => {
    signInAs(jan);
    mockMyRequestsApi();
    renderApp('/mijn-aanvragen/PA-2026-000002');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanvraag PA-2026-000002' })).toBeInTheDocument();
    // The citizen reads the reason as one plain sentence, saying what happens next.
    expect(screen.getByText('Je was niet aangemeld. Een medewerker kijkt daarom eerst na wie de aanvraag deed.')).toBeInTheDocument();
    expect(screen.getByText('Er zijn nog geen documenten voor deze aanvraag.')).toBeInTheDocument();
    expect(screen.getByText('Doorgestuurd naar een medewerker')).toBeInTheDocument();
    expect(screen.getByText('something_new')).toBeInTheDocument();
  });

  it('shows which services looked at the request, never the names of the people', async () => {
    signInAs(jan);
    mockMyRequestsApi({
      'GET /api/v1/requests/PA-2026-000002': {
        ...manualRequest,
        viewedBy: [
          { at: '2026-03-05T08:30:00Z', actorRole: 'police', actorName: 'Politie', action: 'advice_request_viewed' },
          { at: '2026-03-04T14:00:00Z', actorRole: 'staff', actorName: 'Gemeente — Papieren en attesten', action: 'document_viewed' },
          { at: '2026-03-04T10:00:00Z', actorRole: 'admin', actorName: 'Gemeente — Papieren en attesten', action: 'request_viewed' },
        ],
      },
    });
    renderApp('/mijn-aanvragen/PA-2026-000002');

    const section = await screen.findByRole('region', { name: 'Wie heeft je aanvraag ingekeken' });
    expect(within(section).getByText(/houden we bij wanneer en welke dienst dat deed/)).toBeInTheDocument();
    const table = within(section).getByRole('table', { name: 'Wie heeft je aanvraag ingekeken' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Datum', 'Dienst']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['5 maart 2026 om 09:30', 'Politie'],
      ['4 maart 2026 om 15:00', 'Gemeente – Papieren en attesten'],
      ['4 maart 2026 om 11:00', 'Gemeente – Papieren en attesten'],
    ]);
  });

  it('names the country of use in the language of the page', async () => {
    signInAs(jan);
    const abroad = { ...manualRequest, forUse: 'abroad' as const, destinationCountry: 'NL' };
    mockMyRequestsApi({ 'GET /api/v1/requests/PA-2026-000002': abroad });
    const { unmount } = renderApp('/mijn-aanvragen/PA-2026-000002');
    expect(await screen.findByText('Nederland')).toBeInTheDocument();
    unmount();

    localStorage.setItem('loket.lang', 'fr');
    renderApp('/mijn-aanvragen/PA-2026-000002');
    expect(await screen.findByText('Pays-Bas')).toBeInTheDocument();
  });

  it('says in French and English which service looked, and when nobody did', async () => {
    signInAs(jan);
    localStorage.setItem('loket.lang', 'fr');
    mockMyRequestsApi({
      'GET /api/v1/requests/PA-2026-000002': {
        ...manualRequest,
        viewedBy: [{ at: '2026-03-04T14:00:00Z', actorRole: 'staff', actorName: 'Gemeente — Papieren en attesten', action: 'request_viewed' }],
      },
    });
    const { unmount } = renderApp('/mijn-aanvragen/PA-2026-000002');
    const section = await screen.findByRole('region', { name: 'Qui a consulté votre demande' });
    expect(within(section).getByText('Commune – Documents et attestations')).toBeInTheDocument();
    unmount();

    localStorage.setItem('loket.lang', 'en');
    renderApp('/mijn-aanvragen/PA-2026-000001');
    const empty = await screen.findByRole('region', { name: 'Who has viewed your request' });
    expect(within(empty).getByText('Nobody from the municipality or the police has viewed your request yet.')).toBeInTheDocument();
  });
});

describe('the history a citizen reads', () => {
  beforeEach(() => signInAs(jan));

  it('names a member of staff in the page language, never the colleague', async () => {
    localStorage.setItem('loket.lang', 'fr');
    mockMyRequestsApi({
      'GET /api/v1/requests/PA-2026-000002': {
        ...manualRequest,
        history: [
          {
            at: '2026-03-04T09:15:00Z',
            actorRole: 'staff',
            actorName: 'Medewerker van de gemeente',
            action: 'cancelled',
            reason: null,
            details: null,
          },
        ],
      },
    });
    renderApp('/mijn-aanvragen/PA-2026-000002');
    const history = await screen.findByRole('list', { name: 'Historique' });
    expect(within(history).getByText(/Un collaborateur de la commune/)).toBeInTheDocument();
    expect(history).not.toHaveTextContent('Medewerker');
  });
});
