import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FailedJob, User } from '../../../api/types';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../../test/http';
import { health } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

const an: User = { id: 7, role: 'staff', name: 'An Desmet', email: 'an.desmet@testdorp.be', authMeans: null };

const email: FailedJob = {
  id: 41,
  kind: 'send_email',
  state: 'failed',
  requestReference: 'PA-2026-000123',
  attempts: 10,
  lastError: 'Connection refused (os error 111)',
  failedAt: '2026-03-04T09:15:00Z',
  createdAt: '2026-03-04T07:00:00Z',
};

const report: FailedJob = {
  id: 42,
  kind: 'export_report',
  state: 'failed',
  requestReference: null,
  attempts: 3,
  lastError: 'gave up after 3 attempts: the last one never finished (its worker stopped)',
  failedAt: '2026-03-04T08:00:00Z',
  createdAt: '2026-03-04T07:30:00Z',
};

describe('Mislukte leveringen', () => {
  it('is in the back office’s navigation and lists what the system gave up on', async () => {
    signInAs(an);
    mockApi({ 'GET /api/health': health, 'GET /api/v1/me': an, 'GET /api/v1/jobs/failed': { items: [email, report], total: 2 } });
    renderApp('/behandelportaal/mislukte-leveringen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mislukte leveringen' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Behandelportaal' });
    expect(within(nav).getByRole('link', { name: 'Mislukte leveringen' })).toHaveAttribute('aria-current', 'page');
    const table = await screen.findByRole('table', { name: 'Mislukte leveringen' });
    const [header, first, second] = within(table).getAllByRole('row');
    expect(
      within(header!)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Aanvraag', 'Soort', 'Pogingen', 'Laatste fout', 'Opgegeven op', 'Acties']);
    const cells = within(first!).getAllByRole('cell');
    expect(within(cells[0]!).getByRole('link', { name: 'PA-2026-000123' })).toHaveAttribute('href', '/behandelportaal/aanvragen/PA-2026-000123');
    expect(cells.map((cell) => cell.textContent).slice(1, 4)).toEqual(['E-mail', '10', 'Connection refused (os error 111)']);
    expect(within(cells[4]!).getByText(/04\/03\/2026|4\/03\/2026|04-03-2026|4-3-2026/)).toBeInTheDocument();
    expect(within(second!).getAllByRole('cell')[0]).toHaveTextContent('Geen aanvraag');
    expect(within(second!).getAllByRole('cell')[1]).toHaveTextContent('Excel-rapport');
  });

  it('comes a page at a time', async () => {
    signInAs(an);
    const fetch = mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': an,
      'GET /api/v1/jobs/failed': (_request, url) =>
        url.searchParams.get('cursor') === 'c2'
          ? jsonResponse({ items: [report], total: 51 })
          : jsonResponse({ items: [email], total: 51, nextCursor: 'c2' }),
    });
    renderApp('/behandelportaal/mislukte-leveringen');
    expect(await screen.findByText('Mislukte leveringen 1 tot 1 van 51')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));
    expect(await screen.findByText('Mislukte leveringen 51 tot 51 van 51')).toBeInTheDocument();
    expect(calls(fetch)).toContain('GET /api/v1/jobs/failed?limit=50&cursor=c2');
  });

  it('tries a delivery again and shows the list as it now is', async () => {
    signInAs(an);
    let failed = [email];
    const fetch = mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': an,
      'GET /api/v1/jobs/failed': () => jsonResponse({ items: failed, total: failed.length }),
      'POST /api/v1/jobs/41/retry': () => {
        failed = [];
        return jsonResponse({ ...email, state: 'done', attempts: 1, failedAt: null, lastError: null });
      },
    });
    renderApp('/behandelportaal/mislukte-leveringen');

    await userEvent.click(await screen.findByRole('button', { name: 'Opnieuw proberen E-mail voor PA-2026-000123' }));
    expect(await screen.findByText('E-mail is gelukt.')).toBeInTheDocument();
    expect(await screen.findByText('Er zijn geen mislukte leveringen.')).toBeInTheDocument();
    expect(calls(fetch)).toContain('POST /api/v1/jobs/41/retry');
  });

  it('says so when the delivery no longer needs a retry', async () => {
    signInAs(an);
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': an,
      'GET /api/v1/jobs/failed': { items: [email], total: 1 },
      'POST /api/v1/jobs/41/retry': () => problemResponse(409, 'job_not_failed'),
    });
    renderApp('/behandelportaal/mislukte-leveringen');

    await userEvent.click(await screen.findByRole('button', { name: /Opnieuw proberen/ }));
    expect(await screen.findByText('Deze levering is niet (meer) mislukt: ze is al gelukt of staat in de wachtrij.')).toBeInTheDocument();
  });
});
