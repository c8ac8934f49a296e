import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { User } from '../../api/types';
import { browser } from '../../session/signInFlow';
import { sessionStore } from '../../session/store';
import { an, catalogue, documentTypes, health, jan, means, sessionFor } from '../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../test/http';
import { renderApp } from '../../test/renderApp';

function leaving() {
  return vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
}

function mockSignInApi(routes: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/catalogue': catalogue,
    'GET /api/v1/auth/federal/means': means,
    'GET /api/v1/document-types/geboorteakte': documentTypes.geboorteakte,
    'GET /api/v1/requests': { items: [], total: 0 },
    ...routes,
  });
}

describe('the citizen sign-in page', () => {
  it('sends the browser to the federal login with the chosen means, to come back to the page it came from', async () => {
    const assign = leaving();
    mockSignInApi();
    renderApp('/aanmelden?next=%2Fdocumenten%2Fgeboorteakte');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden' })).toBeInTheDocument();
    for (const name of ['eID-kaartlezer', 'itsme', 'Mobiele app', 'Federaal token']) {
      expect(await screen.findByRole('heading', { name })).toBeInTheDocument();
    }
    expect(screen.getByText(/de volgende pagina is een gesimuleerde federale aanmelding/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Rijksregisternummer' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden met itsme' }));

    expect(assign).toHaveBeenCalledWith('/api/v1/auth/citizen/login?means=itsme&returnTo=%2Fdocumenten%2Fgeboorteakte');
  });

  it('never sends people back to another site', async () => {
    const assign = leaving();
    mockSignInApi();
    renderApp('/aanmelden?next=%2F%2Fevil.example%2Fpage');

    await userEvent.click(await screen.findByRole('button', { name: 'Aanmelden met eID-kaartlezer' }));

    expect(assign).toHaveBeenCalledWith('/api/v1/auth/citizen/login?means=eid&returnTo=%2F');
  });
});

describe('a sign-in that failed', () => {
  it('explains that the person cancelled, and offers to sign in again to the same page', async () => {
    mockSignInApi();
    renderApp('/aanmelden/mislukt?code=access_denied&for=citizen&returnTo=%2Fmijn-aanvragen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden is niet gelukt' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Je hebt het aanmelden afgebroken');
    expect(screen.getByRole('link', { name: 'Opnieuw aanmelden' })).toHaveAttribute('href', '/aanmelden?next=%2Fmijn-aanvragen');
  });

  it.each([
    ['provider_unavailable', 'De aanmeldingsdienst is niet bereikbaar'],
    ['sign_in_failed', 'Er ging iets mis bij het aanmelden'],
    ['sign_in_expired', 'Je aanmelding is verlopen'],
    ['role_missing', 'Je account heeft geen toegang tot het loket'],
    ['account_unknown', 'We kennen je account niet'],
    ['something_new', 'Er ging iets mis bij het aanmelden'],
  ])('says what %s means', async (code, title) => {
    mockSignInApi();
    renderApp(`/aanmelden/mislukt?code=${code}&for=citizen&returnTo=%2F`);
    expect(await screen.findByRole('alert')).toHaveTextContent(title);
    expect(screen.getByRole('link', { name: 'Opnieuw aanmelden' })).toHaveAttribute('href', '/aanmelden');
  });

  it('sends staff back to the staff sign-in, keeping where they were going', async () => {
    mockSignInApi();
    renderApp('/aanmelden/mislukt?code=role_missing&for=staff&returnTo=%2Fmedewerkers%2Faanmelden%3Fnext%3D%252Fbehandelportaal%252Fzoeken');

    expect(await screen.findByRole('alert')).toHaveTextContent('je account heeft geen rol in Papieren en attesten');
    expect(screen.getByRole('link', { name: 'Opnieuw aanmelden' })).toHaveAttribute(
      'href',
      '/medewerkers/aanmelden?next=%2Fbehandelportaal%2Fzoeken',
    );
  });

  it('never offers a link to another site', async () => {
    mockSignInApi();
    renderApp('/aanmelden/mislukt?code=sign_in_failed&for=citizen&returnTo=https%3A%2F%2Fevil.example');
    expect(await screen.findByRole('link', { name: 'Opnieuw aanmelden' })).toHaveAttribute('href', '/aanmelden');
  });
});

describe('the session', () => {
  it('is asked for once at start; until the answer is in, a page for signed-in people waits', async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetch = mockSignInApi({
      'GET /api/v1/auth/session': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const { router } = renderApp('/mijn-aanvragen');

    expect(await screen.findByRole('status')).toHaveTextContent('Even geduld');
    await waitFor(() => expect(router.state.location.pathname).toBe('/mijn-aanvragen'));
    answer(jsonResponse(sessionFor(jan)));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn aanvragen' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/mijn-aanvragen'));
    const account = screen.getByRole('navigation', { name: 'Je account' });
    expect(account).toHaveTextContent('Jan Peeters');
    expect(account).toHaveTextContent('Aangemeld met itsme');
    expect(calls(fetch).filter((call) => call === 'GET /api/v1/auth/session')).toHaveLength(1);
  });

  it('shows how a citizen signed in', async () => {
    signInAs({ ...jan, authMeans: 'eid' });
    mockSignInApi();
    renderApp('/');
    const account = await screen.findByRole('navigation', { name: 'Je account' });
    await waitFor(() => expect(account).toHaveTextContent('Aangemeld met eID'));
  });

  it('is kept in memory only, never in localStorage or sessionStorage', async () => {
    signInAs(jan);
    mockSignInApi();
    renderApp('/mijn-aanvragen');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mijn aanvragen' })).toBeInTheDocument();

    expect(sessionStore.get()).toMatchObject({ user: { name: 'Jan Peeters' }, csrfToken: 'csrf-1' });
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(stored).not.toMatch(/csrf|session|token|Jan Peeters/i);
  });

  it('sends the CSRF token with every unsafe request, and only then', async () => {
    signInAs(an);
    const seen: string[] = [];
    mockSignInApi({
      'GET /api/v1/tasks': (request) => {
        seen.push(`GET ${request.headers.get('X-CSRF-Token')}`);
        return jsonResponse({
          items: [
            {
              id: 1,
              requestReference: 'PA-2026-000001',
              documentTypeName: 'Geboorteakte',
              requesterName: 'Jan Peeters',
              taskType: 'handle_request',
              createdAt: '2026-03-04T09:15:00Z',
              dueAt: null,
              assignee: null,
            },
          ],
          total: 1,
        });
      },
      'POST /api/v1/tasks/1/claim': (request) => {
        seen.push(`POST ${request.headers.get('X-CSRF-Token')}`);
        return jsonResponse({ id: 1, assignee: { id: 7, name: 'An Desmet' } });
      },
    });
    renderApp('/behandelportaal');

    await userEvent.click(await screen.findByRole('button', { name: /^Neem/ }));

    await waitFor(() => expect(seen).toContain('POST csrf-7'));
    expect(seen[0]).toBe('GET null');
  });

  it('is forgotten when the API says it expired, and the sign-in page says why', async () => {
    signInAs(jan);
    mockSignInApi({
      'GET /api/v1/requests': () => {
        signInAs(null);
        return problemResponse(401, 'session_expired');
      },
    });
    const { router } = renderApp('/mijn-aanvragen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanmelden'));
    await waitFor(() => expect(router.state.location.search).toBe('?next=%2Fmijn-aanvragen'));
    expect(screen.getByText('Je sessie is verlopen')).toBeInTheDocument();
    expect(screen.queryByText('Jan Peeters')).not.toBeInTheDocument();
  });

  it('says it expired when the page is loaded with a cookie that no longer works', async () => {
    mockSignInApi({ 'GET /api/v1/auth/session': sessionFor(null, 'session_expired') });
    const { router } = renderApp('/mijn-aanvragen');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.search).toBe('?next=%2Fmijn-aanvragen'));
    expect(screen.getByText('Je sessie is verlopen')).toBeInTheDocument();
  });

  it('says so on the staff sign-in when the session was ended elsewhere', async () => {
    signInAs(an);
    mockSignInApi({
      'GET /api/v1/tasks': () => {
        signInAs(null);
        return problemResponse(401, 'session_ended');
      },
    });
    renderApp('/behandelportaal');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden voor medewerkers' })).toBeInTheDocument();
    expect(screen.getByText('Je bent afgemeld')).toBeInTheDocument();
  });

  it('lets an admin into the back office, and sends the police to their own page', async () => {
    const admin: User = { id: 3, role: 'admin', name: 'Beheerder Bart', email: null, authMeans: null };
    signInAs(admin);
    mockSignInApi({ 'GET /api/v1/tasks': { items: [], total: 0 } });
    const first = renderApp('/medewerkers/aanmelden?next=%2Fbehandelportaal%2Fgeparkeerde-taken');
    expect(await screen.findByRole('heading', { level: 1, name: 'Geparkeerde taken' })).toBeInTheDocument();
    await waitFor(() => expect(first.router.state.location.pathname).toBe('/behandelportaal/geparkeerde-taken'));
    first.unmount();

    sessionStore.reset();
    signInAs({ id: 9, role: 'police', name: 'Politiezone Voorbeeldegem', email: null, authMeans: null });
    mockSignInApi({ 'GET /api/v1/police/advice-requests': { items: [] } });
    const second = renderApp('/medewerkers/aanmelden?next=%2Fbehandelportaal');
    await waitFor(() => expect(second.router.state.location.pathname).toBe('/politie'));
  });
});

describe('signing out', () => {
  it('ends the session at the API with the CSRF token, then at the provider', async () => {
    const assign = leaving();
    signInAs(jan);
    let token: string | null = null;
    mockSignInApi({
      'POST /api/v1/auth/logout': (request) => {
        token = request.headers.get('X-CSRF-Token');
        return jsonResponse({ providerLogoutUrl: 'https://idp.example/logout?post_logout_redirect_uri=x' });
      },
    });
    renderApp('/');
    const account = await screen.findByRole('navigation', { name: 'Je account' });

    await userEvent.click(await within(account).findByRole('button', { name: 'Afmelden' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://idp.example/logout?post_logout_redirect_uri=x'));
    expect(token).toBe('csrf-1');
  });

  it('loads the start page afresh when the provider has nothing to end', async () => {
    const assign = leaving();
    signInAs(jan);
    mockSignInApi({ 'POST /api/v1/auth/logout': { providerLogoutUrl: null } });
    renderApp('/mijn-aanvragen');
    const account = await screen.findByRole('navigation', { name: 'Je account' });

    await userEvent.click(await within(account).findByRole('button', { name: 'Afmelden' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('/'));
  });

  it('says so when signing out did not work', async () => {
    signInAs(jan);
    mockSignInApi({ 'POST /api/v1/auth/logout': () => problemResponse(503, 'service_unavailable') });
    renderApp('/');
    const account = await screen.findByRole('navigation', { name: 'Je account' });

    await userEvent.click(await within(account).findByRole('button', { name: 'Afmelden' }));

    expect(await within(account).findByRole('alert')).toHaveTextContent('Afmelden is niet gelukt.');
    expect(account).toHaveTextContent('Jan Peeters');
  });
});
