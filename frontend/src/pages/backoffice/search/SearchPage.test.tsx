import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Export, SavedFilter, SearchHit, User } from '../../../api/types';
import { documentTypes, health } from '../../../test/fixtures';
import { calls, jsonResponse, mockApi, signInAs } from '../../../test/http';
import { renderApp } from '../../../test/renderApp';

const an: User = { id: 1, role: 'staff', name: 'An De Smet', email: null, authMeans: null };

const hit = (reference: string, changes: Partial<SearchHit> = {}): SearchHit => ({
  reference,
  documentTypeCode: 'strafregister-596-2',
  documentTypeName: 'Uittreksel uit het strafregister (model 596.2)',
  status: 'in_progress',
  processing: 'manual',
  channel: 'web',
  delivery: 'digital',
  requesterName: 'Mohamed El Amrani',
  requesterNationalNumber: '90112115716',
  subjectName: 'Mohamed El Amrani',
  subjectNationalNumber: '90112115716',
  submittedAt: '2026-03-04T09:15:00Z',
  finishedAt: null,
  openTasks: [{ taskType: 'handle_request', assignee: { id: 8, name: 'Pieter Claes' } }],
  ...changes,
});

const filters: SavedFilter[] = [
  { id: 1, name: 'Papieren en attesten', criteria: { module: 'papieren-en-attesten' }, shared: true, system: true, ownerName: null, editable: false },
  { id: 2, name: 'Mijn weigeringen', criteria: { status: 'refused' }, shared: false, system: false, ownerName: 'An De Smet', editable: true },
  {
    id: 3,
    name: 'Alle 596.2',
    criteria: { documentType: 'strafregister-596-2', name: 'amrani' },
    shared: true,
    system: false,
    ownerName: 'Pieter Claes',
    editable: false,
  },
];

function mockSearchApi(extra: Parameters<typeof mockApi>[0] = {}) {
  signInAs(an);
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/me': an,
    'GET /api/v1/document-types': { items: Object.values(documentTypes) },
    'GET /api/v1/staff-members': {
      items: [
        { id: 1, name: 'An De Smet' },
        { id: 2, name: 'Pieter Claes' },
      ],
    },
    'GET /api/v1/search/filters': { items: filters },
    'GET /api/v1/search/requests': (_request, url) =>
      url.searchParams.get('cursor') === 'next'
        ? jsonResponse({ items: [hit('PA-2026-000099')], total: 2, totalExact: true })
        : jsonResponse({ items: [hit('PA-2026-000003')], total: 2, totalExact: true, nextCursor: 'next' }),
    ...extra,
  });
}

const searches = (fetch: ReturnType<typeof mockApi>) => calls(fetch).filter((c) => c.startsWith('GET /api/v1/search/requests'));

describe('the search page', () => {
  it('searches with the criteria in the address, and puts new criteria there', async () => {
    const fetch = mockSearchApi();
    const { router } = renderApp('/behandelportaal/zoeken?name=amrani&status=in_progress,refused&sort=reference');

    expect(await screen.findByText('2 aanvragen gevonden')).toHaveAttribute('role', 'status');
    expect(searches(fetch)[0]).toBe('GET /api/v1/search/requests?name=amrani&status=in_progress%2Crefused&sort=reference&limit=25');
    expect(screen.getByRole('textbox', { name: 'Naam' })).toHaveValue('amrani');
    expect(screen.getByRole('checkbox', { name: 'Geweigerd' })).toBeChecked();
    const table = screen.getByRole('table', { name: 'Resultaten' });
    expect(within(table).getByRole('link', { name: 'PA-2026-000003' })).toHaveAttribute('href', '/behandelportaal/aanvragen/PA-2026-000003');
    expect(within(table).getByText('Aanvraag behandelen (Pieter Claes)')).toBeInTheDocument();

    await userEvent.clear(screen.getByRole('textbox', { name: 'Naam' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Referentie' }), 'PA-2026-0000');
    await userEvent.click(screen.getByRole('checkbox', { name: 'In behandeling' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Toegewezen aan' }), 'Mij');
    await userEvent.click(screen.getByRole('button', { name: 'Zoeken' }));
    await waitFor(() => expect(router.state.location.search).toBe('?reference=PA-2026-0000&status=refused&assignee=me&sort=reference'));

    // Back: the earlier search, in the form too.
    await router.navigate(-1);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Naam' })).toHaveValue('amrani'));
    expect(screen.getByRole('textbox', { name: 'Referentie' })).toHaveValue('');
  });

  it('says "more than" when the API stopped counting, in the reader’s number format', async () => {
    mockSearchApi({ 'GET /api/v1/search/requests': { items: [hit('PA-2026-000003')], total: 10000, totalExact: false, nextCursor: 'next' } });
    renderApp('/behandelportaal/zoeken');
    expect(await screen.findByText('Meer dan 10.000 aanvragen gevonden')).toHaveAttribute('role', 'status');
  });

  it('words hits and criteria in the reader’s language from their codes', async () => {
    localStorage.setItem('loket.lang', 'fr');
    mockSearchApi();
    renderApp('/behandelportaal/zoeken?status=in_progress');
    const table = await screen.findByRole('table', { name: 'Résultats' });
    const [, row] = within(table).getAllByRole('row');
    const cells = within(row!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect([cells[1], cells[4], cells[5], cells[7]]).toEqual([
      'Extrait de casier judiciaire (modèle 596.2)',
      'En cours de traitement',
      'Site web',
      'Traiter la demande (Pieter Claes)',
    ]);
    expect(screen.getByRole('checkbox', { name: 'En cours de traitement' })).toBeChecked();
    expect(await screen.findByRole('checkbox', { name: 'Certificat de résidence' })).not.toBeChecked();
    expect(within(screen.getByRole('combobox', { name: 'Tâche ouverte' })).getByRole('option', { name: 'Confirmer le retrait' })).toBeInTheDocument();
  });

  it('sorts by a column header and pages on with the cursor', async () => {
    const fetch = mockSearchApi();
    const { router } = renderApp('/behandelportaal/zoeken');
    const table = await screen.findByRole('table', { name: 'Resultaten' });
    expect(within(table).getByRole('columnheader', { name: /Ingediend op/ })).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(within(table).getByRole('button', { name: /^Referentie/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=reference'));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /Referentie/ })).toHaveAttribute('aria-sort', 'ascending'));
    expect(screen.getByRole('columnheader', { name: /Ingediend op/ })).not.toHaveAttribute('aria-sort');
    await userEvent.click(screen.getByRole('button', { name: /^Referentie/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=-reference'));

    await userEvent.click(await screen.findByRole('button', { name: 'Volgende' }));
    expect(await screen.findByRole('link', { name: 'PA-2026-000099' })).toBeInTheDocument();
    expect(searches(fetch).at(-1)).toBe('GET /api/v1/search/requests?sort=-reference&limit=25&cursor=next');
    await userEvent.click(screen.getByRole('button', { name: 'Vorige' }));
    expect(await screen.findByRole('link', { name: 'PA-2026-000003' })).toBeInTheDocument();
  });

  it('lists saved filters, applies one, and saves the current criteria as a shared filter', async () => {
    let saved: unknown;
    mockSearchApi({
      'POST /api/v1/search/filters': async (request) => {
        saved = await request.json();
        return jsonResponse({ id: 9, ...(saved as object), system: false, ownerName: 'An De Smet', editable: true }, 201);
      },
    });
    const { router } = renderApp('/behandelportaal/zoeken?q=voetbal');
    const aside = await screen.findByRole('complementary', { name: 'Opgeslagen filters' });
    await within(aside).findByRole('button', { name: 'Alle 596.2' });

    expect(within(aside).getByText('Van Pieter Claes')).toBeInTheDocument();
    expect(within(aside).getByRole('button', { name: 'Wijzigen filter ‘Mijn weigeringen’' })).toBeInTheDocument();
    expect(within(aside).queryByRole('button', { name: 'Wijzigen filter ‘Alle 596.2’' })).not.toBeInTheDocument();
    expect(within(aside).getByRole('button', { name: 'Kopie opslaan filter ‘Alle 596.2’' })).toBeInTheDocument();
    expect(within(aside).getByRole('button', { name: 'Kopie opslaan filter ‘Papieren en attesten’' })).toBeInTheDocument();

    await userEvent.click(within(aside).getByRole('button', { name: 'Alle 596.2' }));
    await waitFor(() => expect(router.state.location.search).toBe('?name=amrani&documentType=strafregister-596-2'));
    await waitFor(() => expect(within(aside).getByRole('button', { name: 'Alle 596.2' })).toHaveAttribute('aria-current', 'true'));

    await userEvent.click(within(aside).getByRole('button', { name: 'Filter opslaan' }));
    const dialog = screen.getByRole('dialog', { name: 'Filter opslaan' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Filter opslaan' }));
    expect(within(dialog).getByRole('textbox', { name: 'Naam van de filter' })).toHaveAccessibleDescription('Geef de filter een naam.');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Naam van de filter' }), 'Amrani');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: "Delen met collega's" }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Filter opslaan' }));

    expect(await within(aside).findByText('Filter ‘Amrani’ is opgeslagen.')).toBeInTheDocument();
    expect(saved).toEqual({ name: 'Amrani', criteria: { name: 'amrani', documentType: 'strafregister-596-2' }, shared: true });
  });

  it('makes the Excel report, showing its progress, and saves it', async () => {
    const running: Export = {
      id: 'x1',
      status: 'running',
      totalRows: 2,
      rowsWritten: 1,
      fileName: 'aanvragen-20260304-1015.xlsx',
      downloadUrl: null,
      error: null,
      createdAt: '2026-03-04T09:15:00Z',
      finishedAt: null,
    };
    let started: unknown;
    mockSearchApi({
      'POST /api/v1/search/exports': async (request) => {
        started = await request.json();
        return jsonResponse(running, 202);
      },
      'GET /api/v1/search/exports/x1': () =>
        jsonResponse({ ...running, status: 'done', rowsWritten: 2, downloadUrl: '/api/v1/search/exports/x1/file' }),
      'GET /api/v1/search/exports/x1/file': () =>
        new Response('PK', { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }),
    });
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:xlsx'), revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderApp('/behandelportaal/zoeken?status=refused&sort=status');
    await userEvent.click(await screen.findByRole('button', { name: 'Download Excel-rapport' }));

    const bar = await screen.findByRole('progressbar', { name: 'Het Excel-rapport wordt gemaakt…' });
    expect(bar).toHaveAttribute('aria-valuenow', '1');
    expect(bar).toHaveAttribute('aria-valuemax', '2');
    expect(bar).toHaveAttribute('aria-valuetext', '1 van 2 rijen');
    // The report is in the reader's language.
    expect(started).toEqual({ criteria: { status: 'refused' }, sort: 'status', language: 'nl' });

    expect(await screen.findByText('Het Excel-rapport aanvragen-20260304-1015.xlsx is gedownload.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(clicked[0]?.download).toBe('aanvragen-20260304-1015.xlsx');
  });
});
