import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sessionStore } from '../../session/store';
import { calls, jsonResponse, mockApi, problemResponse } from '../../test/http';
import { catalogue, documentTypes, health, janToken, means, testCitizens } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

type Authorize = { means: string; nationalNumber: string; state: string };

function mockSignInApi(authorize?: (body: Authorize) => Response) {
  const received: Authorize[] = [];
  const fetch = mockApi({
    'GET /api/health': health,
    'GET /api/v1/auth/federal/means': means,
    'GET /api/v1/auth/federal/test-citizens': testCitizens,
    'GET /api/v1/document-types/geboorteakte': documentTypes.geboorteakte,
    'GET /api/v1/me': janToken.user,
    'POST /api/v1/auth/federal/authorize': async (request) => {
      const body = (await request.json()) as Authorize;
      received.push(body);
      return authorize ? authorize(body) : jsonResponse({ code: 'one-time-code', state: body.state });
    },
    'POST /api/v1/auth/token': async (request) => {
      const { code } = (await request.json()) as { code: string };
      return code === 'one-time-code' ? jsonResponse(janToken) : problemResponse(400, 'invalid_grant');
    },
  });
  return { fetch, received };
}

async function chooseItsme() {
  await userEvent.click(await screen.findByRole('button', { name: 'Aanmelden met itsme' }));
  return screen.getByRole('textbox', { name: 'Rijksregisternummer' });
}

describe('SignInPage', () => {
  it('signs a citizen in through the mock federal login and returns to the page they came from', async () => {
    const { fetch, received } = mockSignInApi();
    const { router } = renderApp('/aanmelden?next=%2Fdocumenten%2Fgeboorteakte');

    expect(screen.getByText('Testomgeving — gesimuleerde federale aanmelding.')).toBeInTheDocument();
    for (const name of ['eID-kaartlezer', 'itsme', 'Mobiele app', 'Federaal token']) {
      expect(await screen.findByRole('heading', { name })).toBeInTheDocument();
    }
    await userEvent.type(await chooseItsme(), '85.07.30-033.28');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Geboorteakte' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/documenten/geboorteakte');
    expect(received).toEqual([{ means: 'itsme', nationalNumber: '85073003328', state: expect.any(String) }]);
    expect(received[0]?.state).toMatch(/^[0-9a-f]{32}$/);
    expect(calls(fetch)).toContain('POST /api/v1/auth/token');
    expect(sessionStore.get()).toMatchObject({ accessToken: 'token-jan', user: { name: 'Jan Peeters' } });
    expect(JSON.parse(localStorage.getItem('loket.session') ?? '{}')).toMatchObject({ accessToken: 'token-jan' });
    expect(screen.getByText('Jan Peeters')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Afmelden' })).toBeInTheDocument();
  });

  it('signs in with one click on a test citizen', async () => {
    const { received } = mockSignInApi();
    const { router } = renderApp('/aanmelden');
    await chooseItsme();

    await userEvent.click(await screen.findByRole('button', { name: 'Aanmelden als Jan Peeters' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(received[0]?.nationalNumber).toBe('85073003328');
    expect(sessionStore.get()?.user.name).toBe('Jan Peeters');
  });

  it('checks the national number before sending it', async () => {
    const { received } = mockSignInApi();
    renderApp('/aanmelden');
    const field = await chooseItsme();

    await userEvent.type(field, '85.07.30-033.29');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('de controlecijfers kloppen niet'));
    expect(field).toHaveFocus();
    expect(received).toEqual([]);
  });

  it('shows the reason the federal login gives next to the field', async () => {
    mockSignInApi(() =>
      problemResponse(422, 'validation_failed', [{ name: 'nationalNumber', reason: 'No person with this number is known.' }]),
    );
    renderApp('/aanmelden');
    const field = await chooseItsme();

    await userEvent.type(field, '85073003328');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringContaining('No person with this number is known.')));
    expect(sessionStore.get()).toBeNull();
  });

  it('refuses a return whose state this tab did not send', async () => {
    const { fetch } = mockSignInApi();
    renderApp('/aanmelden/terugkeer?code=one-time-code&state=forged');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden is niet gelukt' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('We konden niet nagaan');
    expect(calls(fetch)).not.toContain('POST /api/v1/auth/token');
    expect(sessionStore.get()).toBeNull();
  });
});

describe('session', () => {
  it('is signed out silently when the API no longer accepts the stored token', async () => {
    sessionStore.signIn(janToken);
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/catalogue': catalogue,
      'GET /api/v1/me': () => problemResponse(401, 'invalid_token'),
    });
    renderApp('/');

    expect(await screen.findByRole('link', { name: 'Aanmelden' })).toBeInTheDocument();
    expect(sessionStore.get()).toBeNull();
    expect(localStorage.getItem('loket.session')).toBeNull();
  });
});
