import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditEvent, User } from '../../../api/types';
import { health } from '../../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../../test/http';
import { renderApp } from '../../../test/renderApp';

const lotte: User = { id: 5, role: 'admin', name: 'Lotte Vermeulen', email: null, authMeans: null };
const an: User = { id: 7, role: 'staff', name: 'An De Smet', email: null, authMeans: null };

const event = (id: number, changes: Partial<AuditEvent>): AuditEvent => ({
  id,
  at: '2026-03-04T09:15:00Z',
  actorRole: 'staff',
  actorName: 'An De Smet',
  action: 'request_viewed',
  entityType: 'request',
  entityId: 'PA-2026-000003',
  reason: null,
  details: { kind: 'request_viewed', address: '10.0.0.7' },
  ...changes,
});

const firstPage: AuditEvent[] = [
  event(120, {
    at: '2026-03-04T10:00:00Z',
    action: 'requests_searched',
    entityType: 'search',
    entityId: '-',
    details: { kind: 'requests_searched', criteria: { nationalNumber: '90112115716', status: null, name: '' }, total: 2, address: '10.0.0.7' },
  }),
  event(119, {}),
  event(118, {
    actorRole: 'citizen',
    actorName: 'Jan Peeters',
    action: 'signed_in',
    entityType: 'user',
    entityId: '12',
    details: { kind: 'signed_in', means: 'itsme', session: 'cookie', provider: 'citizen', address: '192.0.2.1', userAgent: 'Mozilla/5.0' },
  }),
  event(117, { action: 'refused', reason: 'Geen volmacht.', details: null }),
  event(116, {
    actorRole: 'admin',
    actorName: 'Lotte Vermeulen',
    action: 'brand_new_action' as AuditEvent['action'],
    entityType: 'audit',
    entityId: '-',
    // A kind of details this page does not know yet either.
    details: { kind: 'brand_new_action', rows: 1 } as unknown as AuditEvent['details'],
  }),
];

function mockAuditApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/tasks': { items: [], total: 0 },
    'GET /api/v1/audit/events': (_request, url) =>
      url.searchParams.get('cursor') === '116'
        ? jsonResponse({
            items: [
              event(115, {
                actorName: 'Pieter Claes',
                action: 'document_viewed',
                details: { kind: 'document_viewed', documentId: 4, address: '10.0.0.8' },
              }),
            ],
            nextCursor: null,
          })
        : jsonResponse({ items: firstPage, nextCursor: 116 }),
    ...extra,
  });
}

const audits = (fetch: ReturnType<typeof mockApi>) => calls(fetch).filter((c) => c.startsWith('GET /api/v1/audit/events'));
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('the audit trail', () => {
  it('is in the back-office navigation for an admin only', async () => {
    signInAs(lotte);
    mockAuditApi();
    const first = renderApp('/behandelportaal');
    const nav = await screen.findByRole('navigation', { name: 'Behandelportaal' });
    await userEvent.click(within(nav).getByRole('link', { name: 'Audittrail' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Audittrail' })).toBeInTheDocument();
    await waitFor(() => expect(first.router.state.location.pathname).toBe('/behandelportaal/audittrail'));
    first.unmount();

    signInAs(an);
    const { sessionStore } = await import('../../../session/store');
    sessionStore.reset();
    renderApp('/behandelportaal');
    const staffNav = await screen.findByRole('navigation', { name: 'Behandelportaal' });
    expect(within(staffNav).getByRole('link', { name: 'Zoeken' })).toBeInTheDocument();
    expect(within(staffNav).queryByRole('link', { name: 'Audittrail' })).not.toBeInTheDocument();
  });

  it('tells staff without the admin role that the page is not for them, without asking the API', async () => {
    signInAs(an);
    const fetch = mockAuditApi();
    const { router } = renderApp('/behandelportaal/audittrail');
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
    expect(screen.getByText('Deze pagina is er alleen voor beheerders. Je account heeft die rol niet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naar je startpagina' })).toHaveAttribute('href', '/behandelportaal');
    await waitFor(() => expect(router.state.location.pathname).toBe('/behandelportaal/audittrail'));
    expect(audits(fetch)).toEqual([]);
  });

  it('searches with the criteria in the address and shows who did what, when, about what and from where', async () => {
    signInAs(lotte);
    const fetch = mockAuditApi();
    const { router } = renderApp('/behandelportaal/audittrail?person=90112115716&from=2026-03-01&to=2026-03-31&cursor=9&unknown=1');

    const table = await screen.findByRole('table', { name: 'Gebeurtenissen' });
    expect(audits(fetch)[0]).toBe('GET /api/v1/audit/events?person=90112115716&from=2026-03-01&to=2026-03-31&limit=50');
    expect(screen.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveValue('90112115716');
    expect(screen.getByLabelText('Van')).toHaveValue('2026-03-01');
    expect(screen.getByLabelText('Tot en met')).toHaveValue('2026-03-31');

    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Wanneer', 'Wie', 'Rol', 'Actie', 'Over', 'Reden', 'Details']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(cells(rows[0]!)).toEqual([
      '4 maart 2026 om 11:00',
      'An De Smet',
      'Medewerker',
      'Aanvragen gezocht',
      'Zoekopdracht',
      '',
      'Zoekcriteria: nationalNumber: 90112115716' + '2 gevonden' + 'Adres: 10.0.0.7',
    ]);
    expect(
      within(rows[0]!)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Zoekcriteria: nationalNumber: 90112115716', '2 gevonden', 'Adres: 10.0.0.7']);
    expect(cells(rows[1]!).slice(1, 5)).toEqual(['An De Smet', 'Medewerker', 'Aanvraag ingekeken', 'PA-2026-000003']);
    expect(within(rows[1]!).getByRole('link', { name: 'PA-2026-000003' })).toHaveAttribute('href', '/behandelportaal/aanvragen/PA-2026-000003');
    expect(cells(rows[2]!)).toEqual([
      '4 maart 2026 om 10:15',
      'Jan Peeters',
      'Burger',
      'Aangemeld',
      'Account 12',
      '',
      'means: itsme' + 'session: cookie' + 'provider: citizen' + 'Adres: 192.0.2.1',
    ]);
    expect(cells(rows[3]!).slice(3, 7)).toEqual(['Aanvraag geweigerd', 'PA-2026-000003', 'Geen volmacht.', '']);
    // An action this page does not know yet: its code.
    expect(cells(rows[4]!).slice(2, 7)).toEqual(['Beheerder', 'brand_new_action', 'Audittrail', '', '1 rij']);

    await userEvent.clear(screen.getByRole('textbox', { name: 'Rijksregisternummer' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Wie' }), ' claes ');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Actie' }), 'Document ingekeken');
    await userEvent.click(screen.getByRole('button', { name: 'Zoeken' }));
    await waitFor(() => expect(router.state.location.search).toBe('?actor=claes&action=document_viewed&from=2026-03-01&to=2026-03-31'));
    await waitFor(() =>
      expect(audits(fetch).at(-1)).toBe('GET /api/v1/audit/events?actor=claes&action=document_viewed&from=2026-03-01&to=2026-03-31&limit=50'),
    );

    // Back: the earlier search, in the form too.
    await act(() => router.navigate(-1));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveValue('90112115716'));
    expect(screen.getByRole('textbox', { name: 'Wie' })).toHaveValue('');
  });

  it('pages on with the cursor and back', async () => {
    signInAs(lotte);
    const fetch = mockAuditApi();
    renderApp('/behandelportaal/audittrail?reference=PA-2026-000003');
    await screen.findByRole('table', { name: 'Gebeurtenissen' });

    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));
    expect(await screen.findByText('Document 4')).toBeInTheDocument();
    expect(audits(fetch).at(-1)).toBe('GET /api/v1/audit/events?reference=PA-2026-000003&limit=50&cursor=116');
    expect(screen.queryByRole('button', { name: 'Volgende' })).not.toBeInTheDocument();
    expect(screen.getByText('Pagina 2')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Vorige' }));
    const table = await screen.findByRole('table', { name: 'Gebeurtenissen' });
    expect(await within(table).findByText('Aanvragen gezocht')).toBeInTheDocument();
    expect(screen.getByText('Pagina 1')).toBeInTheDocument();
  });

  it('shows what the API finds wrong beside the field', async () => {
    signInAs(lotte);
    mockAuditApi({
      'GET /api/v1/audit/events': () =>
        problemResponse(422, 'validation_failed', [{ name: 'person', code: 'invalid_national_number', reason: 'The check digits do not match.' }]),
    });
    renderApp('/behandelportaal/audittrail?person=12345678901');
    const person = await screen.findByRole('textbox', { name: 'Rijksregisternummer' });
    await waitFor(() => expect(person).toHaveAttribute('aria-invalid', 'true'));
    expect(person).toHaveAccessibleDescription(expect.stringContaining('Dit rijksregisternummer klopt niet. Kijk de 11 cijfers na.'));
    expect(screen.getByRole('alert')).toHaveTextContent('Enkele zoekcriteria kloppen niet.');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when the period ends before it starts', async () => {
    signInAs(lotte);
    mockAuditApi({
      'GET /api/v1/audit/events': () =>
        problemResponse(422, 'validation_failed', [{ name: 'to', code: 'invalid_value', reason: 'The period ends before it starts.' }]),
    });
    renderApp('/behandelportaal/audittrail?from=2026-03-10&to=2026-03-01');
    const to = await screen.findByLabelText('Tot en met');
    await waitFor(() => expect(to).toHaveAccessibleDescription('De periode eindigt voor ze begint. Kies een latere datum.'));
    expect(screen.getByLabelText('Van')).not.toHaveAttribute('aria-invalid');
  });

  it('says when nothing matches', async () => {
    signInAs(lotte);
    mockAuditApi({ 'GET /api/v1/audit/events': { items: [], nextCursor: null } });
    renderApp('/behandelportaal/audittrail?actor=niemand');
    expect(await screen.findByText('Geen gebeurtenissen gevonden voor deze criteria.')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: "Pagina's" })).not.toBeInTheDocument();
  });

  it('exports the same criteria as CSV', async () => {
    signInAs(lotte);
    const fetch = mockAuditApi({
      'GET /api/v1/audit/events/export': () =>
        new Response('id,at\n', {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audittrail.csv"' },
        }),
    });
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:csv'), revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderApp('/behandelportaal/audittrail?reference=PA-2026-000003&action=request_viewed');
    await screen.findByRole('table', { name: 'Gebeurtenissen' });

    await userEvent.click(screen.getByRole('button', { name: 'Exporteren (CSV)' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe('audittrail.csv');
    expect(calls(fetch)).toContain('GET /api/v1/audit/events/export?reference=PA-2026-000003&action=request_viewed');
    const exported = fetch.mock.calls.map(([input]) => input as Request).find((r) => r.url.includes('/export'));
    expect(exported?.headers.get('Accept')).toContain('text/csv');
  });
});
