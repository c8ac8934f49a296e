import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Task, TokenResponse } from '../../api/types';
import { sessionStore } from '../../session/store';
import { calls, jsonResponse, mockApi, problemResponse } from '../../test/http';
import { health } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const anToken: TokenResponse = {
  accessToken: 'token-an',
  tokenType: 'Bearer',
  expiresIn: 3600,
  user: { id: 7, role: 'staff', name: 'An Desmet', nationalNumber: null, email: 'an.desmet@testdorp.be', authMeans: null },
};

const task: Task = {
  id: 1,
  requestReference: 'PA-2025-000123',
  documentTypeName: 'Uittreksel uit het strafregister model 596.2',
  requesterName: 'Jan Peeters',
  taskType: 'handle_request',
  taskTypeLabel: 'Aanvraag behandelen',
  createdAt: '2025-03-04T09:15:00Z',
  dueAt: null,
  assignee: null,
};

function mockBackOfficeApi(tasks: Record<string, Task[]> = {}) {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/me': anToken.user,
    'POST /api/v1/auth/staff/login': async (request) => {
      const { username, password } = (await request.json()) as { username: string; password: string };
      return username === 'an.desmet' && password === 'loket'
        ? jsonResponse(anToken)
        : problemResponse(401, 'invalid_credentials');
    },
    'GET /api/v1/tasks': (request, url) => {
      if (request.headers.get('Authorization') !== 'Bearer token-an') return problemResponse(401, 'unauthenticated');
      const items = tasks[url.searchParams.get('view') ?? 'all'] ?? [];
      return jsonResponse({ items, total: items.length });
    },
  });
}

describe('staff sign-in and back office', () => {
  it('sends someone who is not signed in as staff to the staff sign-in', async () => {
    mockBackOfficeApi();
    const { router } = renderApp('/behandelportaal/geparkeerde-taken');
    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden voor medewerkers' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fbehandelportaal%2Fgeparkeerde-taken');
  });

  it('says which fields are missing and when the credentials are wrong', async () => {
    mockBackOfficeApi();
    renderApp('/medewerkers/aanmelden');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
    expect(screen.getByLabelText('Gebruikersnaam')).toHaveAccessibleDescription('Vul je gebruikersnaam in.');

    await userEvent.type(screen.getByLabelText('Gebruikersnaam'), 'an.desmet');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'fout');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('De gebruikersnaam of het wachtwoord is niet juist.');
    expect(sessionStore.get()).toBeNull();
  });

  it('signs staff in and shows the empty task views', async () => {
    const fetch = mockBackOfficeApi();
    const { router } = renderApp('/medewerkers/aanmelden');
    await userEvent.type(screen.getByLabelText('Gebruikersnaam'), 'an.desmet');
    await userEvent.type(screen.getByLabelText('Wachtwoord'), 'loket');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Alle taken' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/behandelportaal');
    expect(await screen.findByText('Er zijn geen taken.')).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Behandelportaal' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Geparkeerde taken' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Geparkeerde taken' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Geparkeerde taken' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(calls(fetch)).toContain('GET /api/v1/tasks?view=parked&limit=50'));
  });

  it('lists tasks in a table', async () => {
    sessionStore.signIn(anToken);
    mockBackOfficeApi({ mine: [task] });
    renderApp('/behandelportaal/mijn-taken');

    const table = await screen.findByRole('table', { name: 'Mijn taken' });
    const [header, row] = within(table).getAllByRole('row');
    expect(within(header!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Referentie',
      'Document',
      'Aanvrager',
      'Taak',
      'Aangemaakt',
      'Uiterste datum',
      'Toegewezen aan',
    ]);
    expect(within(row!).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'PA-2025-000123',
      'Uittreksel uit het strafregister model 596.2',
      'Jan Peeters',
      'Aanvraag behandelen',
      expect.stringMatching(/^0?4\/0?3\/(20)?25,? 10:15$/),
      'Geen',
      'Niemand',
    ]);
  });
});
