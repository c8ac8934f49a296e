import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Task, User } from '../../api/types';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../test/http';
import { health } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const an: User = { id: 7, role: 'staff', name: 'An Desmet', email: 'an.desmet@testdorp.be', authMeans: null };

const task: Task = {
  id: 1,
  requestReference: 'PA-2025-000123',
  documentType: 'strafregister-596-2',
  documentTypeName: 'Uittreksel uit het strafregister model 596.2',
  requesterName: 'Jan Peeters',
  taskType: 'handle_request',
  createdAt: '2025-03-04T09:15:00Z',
  dueAt: null,
  assignee: null,
};

function mockBackOfficeApi(tasks: Record<string, Task[]> = {}) {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/me': an,
    'GET /api/v1/tasks': (_request, url) => {
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
    await waitFor(() => expect(router.state.location.search).toBe('?next=%2Fbehandelportaal%2Fgeparkeerde-taken'));
  });

  it('signs staff in through the municipality’s login, coming back to the staff sign-in page', async () => {
    mockBackOfficeApi();
    renderApp('/medewerkers/aanmelden?next=%2Fbehandelportaal%2Fzoeken');

    const link = await screen.findByRole('link', { name: 'Aanmelden met je account van de gemeente' });
    const href = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/api/v1/auth/staff/login');
    expect(href.searchParams.get('returnTo')).toBe('/medewerkers/aanmelden?next=%2Fbehandelportaal%2Fzoeken');
    expect(screen.getByText('Testomgeving: op de volgende pagina kies je een testaccount van de gemeente.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Wachtwoord')).not.toBeInTheDocument();
  });

  it('sends signed-in staff on from the staff sign-in page to their inbox, and shows the empty task views', async () => {
    signInAs(an);
    const fetch = mockBackOfficeApi();
    const { router } = renderApp('/medewerkers/aanmelden');

    expect(await screen.findByRole('heading', { level: 1, name: 'Alle taken' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/behandelportaal'));
    expect(await screen.findByText('Er zijn geen taken.')).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Behandelportaal' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Geparkeerde taken' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Geparkeerde taken' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Geparkeerde taken' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(calls(fetch)).toContain('GET /api/v1/tasks?view=parked&limit=50'));
  });

  it('lists tasks in a table', async () => {
    signInAs(an);
    mockBackOfficeApi({ mine: [task] });
    renderApp('/behandelportaal/mijn-taken');

    const table = await screen.findByRole('table', { name: 'Mijn taken' });
    const [header, row] = within(table).getAllByRole('row');
    expect(
      within(header!)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Referentie', 'Document', 'Aanvrager', 'Taak', 'Aangemaakt', 'Uiterste datum', 'Toegewezen aan', 'Acties']);
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'PA-2025-000123',
      // The SPA's own name for the code, not the one the API sends.
      'Uittreksel uit het strafregister (model 596.2)',
      'Jan Peeters',
      'Aanvraag behandelen',
      expect.stringMatching(/^0?4\/0?3\/(20)?25,? 10:15$/),
      'Geen',
      'Niemand',
      expect.stringMatching(/^Neem.*Toewijzen/),
    ]);
    expect(within(row!).getByRole('link', { name: 'PA-2025-000123' })).toHaveAttribute('href', '/behandelportaal/aanvragen/PA-2025-000123');
  });

  it('words tasks in the reader’s language from their codes, and a document type it does not know by the API’s name', async () => {
    localStorage.setItem('loket.lang', 'fr');
    signInAs(an);
    mockBackOfficeApi({
      all: [
        { ...task, id: 1, documentType: 'strafregister-596-2' },
        { ...task, id: 2, requestReference: 'PA-2025-000124', documentType: 'nieuw-attest', documentTypeName: 'Nieuw attest', taskType: 'add_deed' },
      ],
    });
    renderApp('/behandelportaal');
    const table = await screen.findByRole('table', { name: 'Toutes les tâches' });
    const [, known, unknown] = within(table).getAllByRole('row');
    expect(
      within(known!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
        .slice(1, 4),
    ).toEqual(['Extrait de casier judiciaire (modèle 596.2)', 'Jan Peeters', 'Traiter la demande']);
    expect(
      within(unknown!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
        .slice(1, 4),
    ).toEqual(['Nieuw attest', 'Jan Peeters', "Ajouter l'acte dans la BAEC"]);
  });

  it('marks a due date that has passed, and one within two days, in words', async () => {
    signInAs(an);
    const hour = 3600 * 1000;
    mockBackOfficeApi({
      all: [
        { ...task, id: 1, requestReference: 'PA-2026-000001', dueAt: new Date(Date.now() - hour).toISOString() },
        { ...task, id: 2, requestReference: 'PA-2026-000002', dueAt: new Date(Date.now() + 24 * hour).toISOString() },
        { ...task, id: 3, requestReference: 'PA-2026-000003', dueAt: new Date(Date.now() + 10 * 24 * hour).toISOString() },
      ],
    });
    renderApp('/behandelportaal');
    const table = await screen.findByRole('table', { name: 'Alle taken' });
    const [, late, soon, later] = within(table).getAllByRole('row');
    expect(within(late!).getByText('Te laat')).toHaveClass('due-badge--overdue');
    expect(within(soon!).getByText('Bijna')).toHaveClass('due-badge--soon');
    expect(within(later!).queryByText(/Te laat|Bijna/)).not.toBeInTheDocument();
  });

  it('claims a task, and says who has it when a colleague was first', async () => {
    signInAs(an);
    let items: Task[] = [task, { ...task, id: 2, requestReference: 'PA-2025-000124' }];
    const fetch = mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': an,
      'GET /api/v1/tasks': () => jsonResponse({ items, total: items.length }),
      'POST /api/v1/tasks/1/claim': () => {
        items = items.map((t) => (t.id === 1 ? { ...t, assignee: { id: 7, name: 'An Desmet' } } : t));
        return jsonResponse({ id: 1, assignee: { id: 7, name: 'An Desmet' } });
      },
      'POST /api/v1/tasks/2/claim': () => {
        items = items.map((t) => (t.id === 2 ? { ...t, assignee: { id: 8, name: 'Pieter Claes' } } : t));
        return problemResponse(409, 'task_already_claimed');
      },
    });
    renderApp('/behandelportaal');
    const table = await screen.findByRole('table', { name: 'Alle taken' });

    await userEvent.click(within(table).getByRole('button', { name: 'Neem (taak ‘Aanvraag behandelen’, aanvraag PA-2025-000123)' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Je nam de taak ‘Aanvraag behandelen’ van aanvraag PA-2025-000123.');
    const [, first] = within(screen.getByRole('table')).getAllByRole('row');
    expect(within(first!).getByText('An Desmet (jij)')).toBeInTheDocument();
    expect(within(first!).getByRole('button', { name: /^Vrijgeven/ })).toBeInTheDocument();
    expect(within(first!).queryByRole('button', { name: /^Neem/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /^Neem .*PA-2025-000124/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Pieter Claes nam deze taak net.');
    expect(calls(fetch)).toContain('POST /api/v1/tasks/2/claim');
  });

  it('assigns a task to a colleague chosen from the staff list', async () => {
    signInAs(an);
    let assigned: unknown;
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': an,
      'GET /api/v1/tasks': () => jsonResponse({ items: [task], total: 1 }),
      'GET /api/v1/staff-members': {
        items: [
          { id: 7, name: 'An Desmet' },
          { id: 8, name: 'Pieter Claes' },
        ],
      },
      'POST /api/v1/tasks/1/assign': async (request) => {
        assigned = await request.json();
        return jsonResponse({ id: 1, assignee: { id: 8, name: 'Pieter Claes' } });
      },
    });
    renderApp('/behandelportaal');
    await userEvent.click(await screen.findByRole('button', { name: /^Toewijzen/ }));
    const dialog = screen.getByRole('dialog', { name: 'Taak ‘Aanvraag behandelen’ van PA-2025-000123 toewijzen' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Toewijzen' }));
    expect(within(dialog).getByRole('combobox', { name: 'Aan wie wijs je de taak toe?' })).toHaveAccessibleDescription('Kies een collega.');

    await userEvent.selectOptions(await within(dialog).findByRole('combobox', { name: 'Aan wie wijs je de taak toe?' }), 'Pieter Claes');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Toewijzen' }));
    expect(await screen.findByRole('status')).toHaveTextContent('toegewezen aan Pieter Claes');
    expect(assigned).toEqual({ userId: 8 });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('pages with the next cursor and back', async () => {
    signInAs(an);
    const fetch = mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': an,
      'GET /api/v1/tasks': (_request, url) =>
        url.searchParams.get('cursor') === 'c2'
          ? jsonResponse({ items: [{ ...task, id: 2, requestReference: 'PA-2025-000200' }], total: 51 })
          : jsonResponse({ items: [task], total: 51, nextCursor: 'c2' }),
    });
    renderApp('/behandelportaal');
    expect(await screen.findByText('Taken 1 tot 1 van 51')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));
    expect(await screen.findByRole('link', { name: 'PA-2025-000200' })).toBeInTheDocument();
    expect(screen.getByText('Taken 51 tot 51 van 51')).toBeInTheDocument();
    expect(calls(fetch)).toContain('GET /api/v1/tasks?view=all&limit=50&cursor=c2');
    await userEvent.click(screen.getByRole('button', { name: 'Vorige' }));
    expect(await screen.findByRole('link', { name: 'PA-2025-000123' })).toBeInTheDocument();
  });

  it('links a parked "Annuleren" task to the request with the cancel dialog open', async () => {
    signInAs(an);
    mockBackOfficeApi({ parked: [{ ...task, taskType: 'cancel_request' }] });
    renderApp('/behandelportaal/geparkeerde-taken');
    const table = await screen.findByRole('table', { name: 'Geparkeerde taken' });
    expect(within(table).getByRole('link', { name: 'Annuleren PA-2025-000123' })).toHaveAttribute(
      'href',
      '/behandelportaal/aanvragen/PA-2025-000123?actie=annuleren',
    );
    expect(within(table).queryByRole('button', { name: /^Neem/ })).not.toBeInTheDocument();
  });
});
