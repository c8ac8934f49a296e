import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdviceRequest, User } from '../../api/types';
import { health } from '../../test/fixtures';
import { jsonResponse, mockApi, signInAs } from '../../test/http';
import { renderApp } from '../../test/renderApp';

const police: User = { id: 9, role: 'police', name: 'Politiezone Voorbeeldegem', email: null, authMeans: null };

const open: AdviceRequest = {
  reference: 'PA-2026-000003',
  subjectName: 'Mohamed El Amrani',
  subjectNationalNumber: '90112115716',
  subjectBirthDate: '1990-11-21',
  purpose: 'Jeugdtrainer voetbalclub',
  requestedAt: '2026-03-04T09:15:00Z',
  dueAt: '2026-03-11T09:15:00Z',
  advice: null,
  remark: null,
  answeredAt: null,
  answeredBy: null,
};

describe('the police page', () => {
  it('lists the open advice requests and sends the advice', async () => {
    signInAs(police);
    let items = [
      open,
      {
        ...open,
        reference: 'PA-2026-000001',
        advice: 'unfavourable',
        remark: 'Lopend onderzoek.',
        answeredAt: '2026-03-05T10:00:00Z',
        answeredBy: 'Politiezone Voorbeeldegem',
      },
    ];
    let sent: unknown;
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': police,
      'GET /api/v1/police/advice-requests': () => jsonResponse({ items }),
      'POST /api/v1/requests/PA-2026-000003/advice': async (request) => {
        sent = await request.json();
        items = items.map((item) =>
          item.reference === open.reference ? { ...item, advice: 'favourable', answeredAt: '2026-03-06T10:00:00Z' } : item,
        );
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/politie');

    const card = await screen.findByRole('article', { name: 'Aanvraag PA-2026-000003' });
    expect(within(card).getByText('Mohamed El Amrani')).toBeInTheDocument();
    expect(within(card).getByText('21 november 1990')).toBeInTheDocument();
    expect(within(card).getByText('Jeugdtrainer voetbalclub')).toBeInTheDocument();
    const answered = screen.getByRole('table', { name: 'Al gegeven' });
    expect(within(answered).getByText('Ongunstig')).toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: 'Advies geven voor aanvraag PA-2026-000003' }));
    expect(within(card).getByRole('group', { name: 'Advies' })).toHaveAccessibleDescription('Kies gunstig of ongunstig.');

    await userEvent.click(within(card).getByRole('radio', { name: 'Gunstig' }));
    await userEvent.type(within(card).getByRole('textbox', { name: 'Opmerking (niet verplicht)' }), 'Geen bezwaar.');
    await userEvent.click(within(card).getByRole('button', { name: 'Advies geven voor aanvraag PA-2026-000003' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Je advies voor aanvraag PA-2026-000003 is doorgegeven: Gunstig.');
    expect(sent).toEqual({ advice: 'favourable', remark: 'Geen bezwaar.' });
    expect(await screen.findByText('Er zijn geen adviesaanvragen.')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Al gegeven' })).getAllByRole('row')).toHaveLength(3);
  });
});
