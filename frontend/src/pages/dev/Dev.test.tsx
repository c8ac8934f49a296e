import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { health } from '../../test/fixtures';
import { calls, jsonResponse, mockApi } from '../../test/http';
import { renderApp } from '../../test/renderApp';

const mails = [
  {
    id: 2,
    to: 'piet@example.be',
    subject: 'Ontvangstbevestiging van je aanvraag PA-2026-000002',
    body: 'Beste Piet,\n\nWe ontvingen je aanvraag.\nVolg ze op: http://127.0.0.1:8080/mijn-aanvragen',
    template: 'acknowledgement',
    status: 'kept',
    createdAt: '2026-03-04T09:15:00Z',
    sentAt: null,
    reference: 'PA-2026-000002',
  },
  {
    id: 1,
    to: 'jan@example.be',
    subject: 'Je document is klaar',
    body: 'Beste Jan',
    template: 'document_ready',
    status: 'sent',
    createdAt: '2026-03-04T09:10:00Z',
    sentAt: '2026-03-04T09:10:01Z',
    reference: 'PA-2026-000001',
  },
];

describe('the development pages', () => {
  it('are linked under "Testomgeving" and show the outbox, filtered by recipient', async () => {
    const fetch = mockApi({
      'GET /api/health': health,
      'GET /api/v1/catalogue': { module: { code: 'x', name: 'x', description: '' }, categories: [] },
      'GET /api/v1/dev/outbox': (_request, url) => {
        const to = url.searchParams.get('to');
        return jsonResponse({ items: mails.filter((mail) => !to || mail.to.includes(to)) });
      },
    });
    renderApp('/');
    const footer = await screen.findByRole('navigation', { name: 'Testomgeving' });
    await userEvent.click(within(footer).getByRole('link', { name: 'Verstuurde e-mails' }));

    const table = await screen.findByRole('table', { name: 'Verstuurde e-mails' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Bewaard (niet verstuurd)')).toBeInTheDocument();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter op ontvanger' }), 'piet');
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(calls(fetch)).toContain('GET /api/v1/dev/outbox?to=piet&limit=100');

    await userEvent.click(screen.getByRole('button', { name: 'Ontvangstbevestiging van je aanvraag PA-2026-000002' }));
    const mail = screen.getByRole('region', { name: 'Ontvangstbevestiging van je aanvraag PA-2026-000002' });
    expect(within(mail).getByText(/We ontvingen je aanvraag/)).toBeInTheDocument();
    expect(within(mail).getByRole('link', { name: 'http://127.0.0.1:8080/mijn-aanvragen' })).toBeInTheDocument();
  });

  it('do not exist when the API runs without mocks', async () => {
    mockApi({ 'GET /api/health': { ...health, mocks: false } });
    renderApp('/ontwikkeling/e-mails');
    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Testomgeving' })).not.toBeInTheDocument();
  });
});
