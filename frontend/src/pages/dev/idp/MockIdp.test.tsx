import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { browser } from '../../../session/signInFlow';
import { health } from '../../../test/fixtures';
import { jsonResponse, mockApi, problemResponse } from '../../../test/http';
import { renderApp } from '../../../test/renderApp';

const QUERY =
  'response_type=code&client_id=loket&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fv1%2Fauth%2Fcallback&state=s1&nonce=n1&acr_values=itsme';
const BACK = 'http://127.0.0.1:8080/api/v1/auth/callback?code=c1&state=s1';

function leaving() {
  return vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
}

function mockFederal(authorize: (body: Record<string, unknown>) => Response = () => jsonResponse({ redirectTo: BACK })) {
  const received: Record<string, unknown>[] = [];
  mockApi({
    'GET /api/health': health,
    'GET /mock-oidc/federal/test-citizens': {
      items: [
        { nationalNumber: '85073003328', name: 'Jan Peeters', birthDate: '1985-07-30' },
        { nationalNumber: '90020199605', name: 'Marie Claes', birthDate: '1990-02-01' },
      ],
    },
    'POST /mock-oidc/federal/authorize': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      received.push(body);
      return authorize(body);
    },
  });
  return received;
}

describe('the mock federal login', () => {
  it('preselects the means the relying party asked for and signs in as the person typed', async () => {
    const assign = leaving();
    const received = mockFederal();
    renderApp(`/ontwikkeling/idp/federaal?${QUERY}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Federale authenticatiedienst (test)' })).toBeInTheDocument();
    expect(screen.getByText('Testomgeving — gesimuleerde federale aanmelding.')).toBeInTheDocument();
    const means = screen.getByRole('group', { name: 'Met welke digitale sleutel meld je je aan?' });
    expect(within(means).getByRole('radio', { name: 'itsme' })).toBeChecked();
    await userEvent.click(within(means).getByRole('radio', { name: 'eID-kaartlezer' }));

    await userEvent.type(screen.getByRole('textbox', { name: 'Rijksregisternummer' }), '85.07.30-033.28');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(BACK));
    expect(received).toEqual([{ query: QUERY, means: 'eid', nationalNumber: '85073003328' }]);
  });

  it('signs in with one click on a test citizen', async () => {
    const assign = leaving();
    const received = mockFederal();
    renderApp(`/ontwikkeling/idp/federaal?${QUERY}`);

    await userEvent.click(await screen.findByRole('button', { name: 'Aanmelden als Marie Claes' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(BACK));
    expect(received).toEqual([{ query: QUERY, means: 'itsme', nationalNumber: '90020199605' }]);
  });

  it('checks the means and the national number before sending them', async () => {
    const received = mockFederal();
    renderApp('/ontwikkeling/idp/federaal?client_id=loket');
    const field = await screen.findByRole('textbox', { name: 'Rijksregisternummer' });
    const means = screen.getByRole('group', { name: 'Met welke digitale sleutel meld je je aan?' });
    expect(
      within(means)
        .getAllByRole('radio')
        .filter((radio) => (radio as HTMLInputElement).checked),
    ).toEqual([]);

    await userEvent.type(field, '85.07.30-033.29');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    expect(means).toHaveAccessibleDescription('Kies een digitale sleutel.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('de controlecijfers kloppen niet'));
    expect(within(means).getByRole('radio', { name: 'eID-kaartlezer' })).toHaveFocus();
    expect(received).toEqual([]);
  });

  it('shows the provider’s reason next to the field', async () => {
    mockFederal(() => problemResponse(422, 'validation_failed', [{ name: 'nationalNumber', code: 'unknown_person', reason: 'No such person.' }]));
    renderApp(`/ontwikkeling/idp/federaal?${QUERY}`);
    const field = await screen.findByRole('textbox', { name: 'Rijksregisternummer' });

    await userEvent.type(field, '85073003328');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));

    await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringContaining('We vinden niemand met deze gegevens')));
    await waitFor(() => expect(field).toHaveFocus());
  });

  it('says so when the sign-in request itself is wrong', async () => {
    mockFederal(() => problemResponse(400, 'invalid_authorization_request'));
    renderApp('/ontwikkeling/idp/federaal?client_id=onbekend&acr_values=itsme');

    await userEvent.click(await screen.findByRole('button', { name: 'Aanmelden als Jan Peeters' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('de aanvraag komt van een onbekende toepassing');
  });

  it('cancels, and goes where the provider says', async () => {
    const assign = leaving();
    const denied = 'http://127.0.0.1:8080/api/v1/auth/callback?error=access_denied&state=s1';
    const received = mockFederal(() => jsonResponse({ redirectTo: denied }));
    renderApp(`/ontwikkeling/idp/federaal?${QUERY}`);

    await userEvent.click(await screen.findByRole('button', { name: 'Annuleren' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(denied));
    expect(received).toEqual([{ query: QUERY, cancel: true }]);
  });

  it('has the language switch, and speaks the language chosen there', async () => {
    mockFederal();
    renderApp(`/ontwikkeling/idp/federaal?${QUERY}`);
    await screen.findByRole('heading', { level: 1, name: 'Federale authenticatiedienst (test)' });

    const languages = screen.getByRole('list', { name: 'Taal' });
    expect(
      within(languages)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Nederlands', 'Français', 'Deutsch', 'English']);
    await userEvent.click(within(languages).getByRole('button', { name: 'Français' }));

    expect(await screen.findByRole('heading', { level: 1, name: "Service d'authentification fédéral (test)" })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('fr');
    expect(localStorage.getItem('loket.lang')).toBe('fr');
  });

  it('is not there when the outside systems are not mocked', async () => {
    mockApi({ 'GET /api/health': { ...health, mocks: false } });
    renderApp(`/ontwikkeling/idp/federaal?${QUERY}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeInTheDocument();
  });
});

function mockMunicipal(authorize: (body: Record<string, unknown>) => Response = () => jsonResponse({ redirectTo: BACK })) {
  const received: Record<string, unknown>[] = [];
  mockApi({
    'GET /api/health': health,
    'GET /mock-oidc/municipal/accounts': {
      items: [
        { username: 'an.desmet', name: 'An De Smet', role: 'staff', disabled: false },
        { username: 'politie.voorbeeldegem', name: 'Politiezone Voorbeeldegem', role: 'police', disabled: false },
        { username: 'oud.account', name: 'Oud Account', role: 'staff', disabled: true },
        { username: 'zonder.rol', name: 'Zonder Rol', role: null, disabled: false },
      ],
    },
    'POST /mock-oidc/municipal/authorize': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      received.push(body);
      return authorize(body);
    },
  });
  return received;
}

describe('the mock municipal login', () => {
  it('lists the test accounts with their role, and signs in as the one chosen', async () => {
    const assign = leaving();
    const received = mockMunicipal();
    renderApp('/ontwikkeling/idp/gemeente?client_id=loket&state=s2');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden bij Gemeente Testdorp (test)' })).toBeInTheDocument();
    const accounts = screen.getByRole('region', { name: 'Testaccounts' });
    const items = await within(accounts).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Aanmelden als An De Smet an.desmet · Medewerker',
      'Aanmelden als Politiezone Voorbeeldegem politie.voorbeeldegem · Politie',
      'Aanmelden als Oud Account oud.account · Medewerker Uitgeschakeld',
      'Aanmelden als Zonder Rol zonder.rol · Geen rol in het loket',
    ]);

    await userEvent.click(within(accounts).getByRole('button', { name: 'Aanmelden als An De Smet' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(BACK));
    expect(received).toEqual([{ query: 'client_id=loket&state=s2', username: 'an.desmet' }]);
  });

  it('asks for a user name, and shows why the provider refuses one', async () => {
    const received = mockMunicipal(() =>
      problemResponse(422, 'validation_failed', [{ name: 'username', code: 'account_disabled', reason: 'Disabled.' }]),
    );
    renderApp('/ontwikkeling/idp/gemeente?client_id=loket');
    const field = await screen.findByRole('textbox', { name: 'Gebruikersnaam' });

    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
    expect(field).toHaveAccessibleDescription('Vul je gebruikersnaam in.');
    expect(received).toEqual([]);

    await userEvent.type(field, ' oud.account ');
    await userEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription('Dit account is uitgeschakeld.'));
    expect(received).toEqual([{ query: 'client_id=loket', username: 'oud.account' }]);
  });

  it('speaks the language remembered from the pages before', async () => {
    localStorage.setItem('loket.lang', 'en');
    mockMunicipal();
    renderApp('/ontwikkeling/idp/gemeente?client_id=loket');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Gemeente Testdorp (test)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('en');
  });

  it('cancels', async () => {
    const assign = leaving();
    const received = mockMunicipal();
    renderApp('/ontwikkeling/idp/gemeente?client_id=loket');

    await userEvent.click(await screen.findByRole('button', { name: 'Annuleren' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(BACK));
    expect(received).toEqual([{ query: 'client_id=loket', cancel: true }]);
  });
});
