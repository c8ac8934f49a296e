import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestDetail } from '../../api/types';
import { health, jan, manualRequest } from '../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../test/http';
import { renderApp } from '../../test/renderApp';

const TOKEN = 'vK3x9qLm2Zt';
const PATH = `POST /api/v1/confirmations/${TOKEN}`;

const confirmed: RequestDetail = {
  ...manualRequest,
  history: [
    ...manualRequest.history,
    { at: '2026-03-04T09:20:00Z', actorRole: 'anonymous', actorName: 'Piet Pieters', action: 'confirmed_by_email', reason: null, details: null },
  ],
};

interface Seen {
  csrfToken: string | null;
  body: string;
}

function mockConfirmApi(answer: () => Response) {
  const seen: Seen[] = [];
  const fetch = mockApi({
    'GET /api/health': health,
    [PATH]: async (request) => {
      seen.push({ csrfToken: request.headers.get('X-CSRF-Token'), body: await request.text() });
      return answer();
    },
  });
  return { fetch, seen };
}

const confirmButton = () => screen.getByRole('button', { name: 'Aanvraag bevestigen' });

describe('confirming a request through the e-mailed link', () => {
  it('explains what confirming means and confirms only on a click, then gives the reference and what happens next', async () => {
    const { fetch, seen } = mockConfirmApi(() => jsonResponse(confirmed, 201));
    renderApp(`/bevestigen/${TOKEN}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Je aanvraag bevestigen' })).toBeInTheDocument();
    expect(screen.getByText(/Zo toon je dat het e-mailadres van jou is/)).toBeInTheDocument();
    expect(screen.getByText(/Heb je niets aangevraagd\? Bevestig dan niet/)).toBeInTheDocument();
    // A mail scanner opening the link confirms nothing.
    expect(calls(fetch).filter((c) => c.startsWith('POST'))).toEqual([]);

    await userEvent.click(confirmButton());

    const heading = await screen.findByRole('heading', { level: 1, name: 'Je aanvraag is bevestigd' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(document.title).toBe('Je aanvraag is bevestigd — Papieren en attesten');
    expect(screen.getByText('Je referentienummer is')).toBeInTheDocument();
    expect(screen.getByText('PA-2026-000002')).toBeInTheDocument();
    expect(screen.getByText('Uittreksel uit het strafregister (model 595)')).toBeInTheDocument();
    expect(screen.getByText('Een medewerker van de gemeente behandelt je aanvraag.')).toBeInTheDocument();
    const next = screen.getByRole('heading', { name: 'Wat gebeurt er nu?' }).nextElementSibling as HTMLElement;
    expect(
      within(next)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'We stuurden een ontvangstbevestiging naar piet@example.be.',
      'Bij elke volgende stap krijg je een e-mail.',
      'Bewaar je referentienummer: je hebt het nodig als je contact opneemt met de gemeente.',
    ]);
    expect(screen.queryByText('Je had deze aanvraag al eerder bevestigd.')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Aanvraag bevestigen' })).not.toBeInTheDocument();
    // No body, and no CSRF token without a session.
    expect(seen).toEqual([{ csrfToken: null, body: '' }]);
  });

  it('says so when the request was confirmed before', async () => {
    mockConfirmApi(() => jsonResponse(confirmed, 200));
    renderApp(`/bevestigen/${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Aanvraag bevestigen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Je aanvraag is bevestigd' })).toBeInTheDocument();
    expect(screen.getByText('Je had deze aanvraag al eerder bevestigd.')).toBeInTheDocument();
    expect(screen.getByText('PA-2026-000002')).toBeInTheDocument();
  });

  it('sends the CSRF token along when a session exists', async () => {
    signInAs(jan);
    const { seen } = mockConfirmApi(() => jsonResponse(confirmed, 201));
    renderApp(`/bevestigen/${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Aanvraag bevestigen' }));
    await screen.findByRole('heading', { level: 1, name: 'Je aanvraag is bevestigd' });
    expect(seen).toEqual([{ csrfToken: 'csrf-1', body: '' }]);
  });

  it('tells that a link older than 24 hours has expired, and leads back to the catalogue', async () => {
    mockConfirmApi(() => problemResponse(410, 'confirmation_expired'));
    renderApp(`/bevestigen/${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Aanvraag bevestigen' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Deze link is verlopen' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText('Deze link is verlopen (24 uur). Dien je aanvraag opnieuw in.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naar alle documenten' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Aanvraag bevestigen' })).not.toBeInTheDocument();
  });

  it('tells that it does not know the link', async () => {
    mockConfirmApi(() => problemResponse(404, 'confirmation_unknown'));
    renderApp(`/bevestigen/${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Aanvraag bevestigen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link kennen we niet' })).toBeInTheDocument();
    expect(screen.getByText(/Misschien is de link niet volledig overgenomen uit de e-mail/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naar alle documenten' })).toHaveAttribute('href', '/');
  });

  it('keeps the button for another try when the confirmation could not be done now', async () => {
    let attempts = 0;
    mockConfirmApi(() => {
      attempts += 1;
      if (attempts === 1) return problemResponse(409, 'confirmation_in_progress');
      if (attempts === 2) return problemResponse(503, 'service_unavailable');
      return jsonResponse(confirmed, 200);
    });
    renderApp(`/bevestigen/${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Aanvraag bevestigen' }));
    expect(await screen.findByText('Je aanvraag wordt op dit moment bevestigd. Probeer het over enkele seconden opnieuw.')).toBeInTheDocument();

    await userEvent.click(confirmButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('De dienst is even niet beschikbaar.');

    await userEvent.click(confirmButton());
    expect(await screen.findByRole('heading', { level: 1, name: 'Je aanvraag is bevestigd' })).toBeInTheDocument();
  });
});
