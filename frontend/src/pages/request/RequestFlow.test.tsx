import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NewRequest, PendingConfirmation } from '../../api/types';
import { automaticRequest, documentTypes, health, janPrefill, jan, strafregister595 } from '../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse, signInAs } from '../../test/http';
import { renderApp } from '../../test/renderApp';
import { loadDraft } from './draft';

interface Submitted {
  body: NewRequest;
  idempotencyKey: string | null;
  channel: string | null;
  csrfToken: string | null;
}

function mockRequestApi(answer: (body: NewRequest) => Response) {
  const submitted: Submitted[] = [];
  const fetch = mockApi({
    'GET /api/health': health,
    'GET /api/v1/me': jan,
    'GET /api/v1/me/prefill': janPrefill,
    'GET /api/v1/document-types/bewijs-van-woonst': documentTypes.woonst,
    'GET /api/v1/document-types/strafregister-595': strafregister595,
    'GET /api/v1/document-types/geboorteakte': documentTypes.geboorteakte,
    'GET /api/v1/document-types/bewijs-van-woonst-historiek': documentTypes.woonstHistoriek,
    'GET /api/v1/countries': (_request: Request, url: URL) => jsonResponse(countries(url.searchParams.get('lang'))),
    'POST /api/v1/requests': async (request) => {
      const body = (await request.json()) as NewRequest;
      submitted.push({
        body,
        idempotencyKey: request.headers.get('Idempotency-Key'),
        channel: request.headers.get('X-Loket-Channel'),
        csrfToken: request.headers.get('X-CSRF-Token'),
      });
      return answer(body);
    },
  });
  return { fetch, submitted };
}

const textbox = (name: string | RegExp) => screen.getByRole('textbox', { name });
const country = () => screen.getByRole('combobox', { name: 'In welk land?' });

/** A few countries as GET /api/v1/countries names them, sorted by name, Belgium included. */
function countries(lang: string | null) {
  const names: Record<string, string>[] = [
    { code: 'BE', nl: 'België', fr: 'Belgique' },
    { code: 'DE', nl: 'Duitsland', fr: 'Allemagne' },
    { code: 'NL', nl: 'Nederland', fr: 'Pays-Bas' },
    { code: 'ES', nl: 'Spanje', fr: 'Espagne' },
  ];
  const language = lang === 'fr' ? 'fr' : 'nl';
  // The EU multilingual form's language, for the member states whose language Loket writes.
  const formLanguages: Record<string, 'de' | 'nl'> = { DE: 'de', NL: 'nl' };
  const items = names.map((c) => ({ code: c.code ?? '', name: c[language] ?? '', euStandardFormLanguage: formLanguages[c.code ?? ''] ?? null }));
  return { items: items.sort((a, b) => a.name.localeCompare(b.name, language)) };
}

/** What the API answers a request sent without signing in: 202, waiting for the e-mailed link. */
const pending: PendingConfirmation = { status: 'awaiting_confirmation', email: 'p***@example.be', expiresAt: '2026-03-05T09:15:00Z' };

describe('the request flow of a signed-in citizen', () => {
  it('prefills the form, shows the overview and delivers the document at once', async () => {
    signInAs(jan);
    const { submitted } = mockRequestApi(() => jsonResponse(automaticRequest, 201));
    const { router } = renderApp('/aanvragen/bewijs-van-woonst');

    // Signed in already: the sign-in step is skipped.
    expect(await screen.findByRole('heading', { level: 1, name: 'Vul je aanvraag in' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanvragen/bewijs-van-woonst/gegevens'));
    const register = await screen.findByRole('region', { name: 'Gegevens uit het rijksregister' });
    expect(await within(register).findByText('Jan Pieter Peeters')).toBeInTheDocument();
    expect(within(register).getByText('85.07.30-033.28')).toBeInTheDocument();
    expect(within(register).getByText('30 juli 1985')).toBeInTheDocument();
    expect(within(register).getByText('Kerkstraat 12, 9999 Voorbeeldegem')).toBeInTheDocument();
    await waitFor(() => expect(textbox('E-mailadres')).toHaveValue('jan.peeters@example.be'));
    expect(screen.queryByRole('textbox', { name: 'Voornaam' })).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Voor mezelf' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'In België' })).toBeChecked();

    await userEvent.type(textbox('Waarvoor heb je het document nodig?'), 'Voor mijn huurcontract');
    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeInTheDocument();
    expect(screen.getByText('Voor mijn huurcontract')).toBeInTheDocument();
    expect(await screen.findByText('Jan Pieter Peeters')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /^Wijzigen/ })[0]).toHaveAttribute('href', '/aanvragen/bewijs-van-woonst/gegevens');
    const key = loadDraft('bewijs-van-woonst')?.idempotencyKey;

    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanvragen/bewijs-van-woonst/bevestiging/PA-2026-000001'));
    expect(screen.getByText('PA-2026-000001')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bewijs van woonst downloaden (pdf)' })).toBeInTheDocument();
    expect(screen.getByText(/We stuurden een e-mail naar jan\.peeters@example\.be/)).toBeInTheDocument();
    expect(screen.getByText('Het document staat ook in je My eBox.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naar mijn aanvragen' })).toBeInTheDocument();

    expect(submitted).toEqual([
      {
        body: {
          documentType: 'bewijs-van-woonst',
          forWhom: 'myself',
          requester: { email: 'jan.peeters@example.be' },
          subject: null,
          forUse: 'belgium',
          destinationCountry: null,
          purpose: 'Voor mijn huurcontract',
          language: 'nl',
          deed: null,
          delivery: 'digital',
          euStandardForm: false,
        },
        idempotencyKey: key,
        channel: 'web',
        csrfToken: 'csrf-1',
      },
    ]);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // Submitted: the draft is gone, the next request starts afresh.
    expect(loadDraft('bewijs-van-woonst')).toBeNull();
    // The confirmation kept for a reload holds no national register number.
    expect(sessionStorage.getItem('loket.confirmation.PA-2026-000001')).not.toBeNull();
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('85073003328');
  });

  it('keeps the confirmation after a reload', async () => {
    signInAs(jan);
    sessionStorage.setItem('loket.confirmation.PA-2026-000001', JSON.stringify(automaticRequest));
    const { fetch } = mockRequestApi(() => jsonResponse(automaticRequest, 201));
    renderApp('/aanvragen/bewijs-van-woonst/bevestiging/PA-2026-000001');
    expect(await screen.findByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeInTheDocument();
    expect(calls(fetch)).not.toContain('GET /api/v1/requests/PA-2026-000001');
  });

  it.each([
    [
      { status: 'awaiting_shipment', deliveryPreference: 'post', deliveryMethod: 'post' },
      'We sturen het per post naar je adres in het rijksregister.',
    ],
    [{ status: 'ready_for_pickup', deliveryPreference: 'counter', deliveryMethod: 'counter' }, 'Je kunt het afhalen aan de balie van de gemeente.'],
    [
      { status: 'delivered', deliveryPreference: 'post', deliveryMethod: 'digital', deliveryReason: 'no_address_for_post' },
      'Het rijksregister heeft geen adres voor jou, daarom krijg je het digitaal.',
    ],
    [{ status: 'delivered', deliveryPreference: 'post', deliveryMethod: 'post' }, 'We hebben je document per post verstuurd.'],
  ] as const)('says how a document made at once reaches the requester (%o)', async (delivery, text) => {
    signInAs(jan);
    const request = { ...automaticRequest, deliveryReason: 'as_asked' as const, ...delivery };
    sessionStorage.setItem('loket.confirmation.PA-2026-000001', JSON.stringify(request));
    mockRequestApi(() => jsonResponse(request, 201));
    renderApp('/aanvragen/bewijs-van-woonst/bevestiging/PA-2026-000001');
    expect(await screen.findByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(text.replace(/[.]/g, '\\.')))).toBeInTheDocument();
    // Only a document delivered digitally is offered for download on the spot.
    const download = screen.queryByRole('button', { name: /downloaden/ });
    expect(download !== null).toBe(request.status === 'delivered' && request.deliveryMethod === 'digital');
    // Nothing is said about an e-mailed link or My eBox for a paper handed over.
    expect(screen.queryByText('Het document staat ook in je My eBox.') !== null).toBe(request.deliveryMethod === 'digital');
  });
});

describe('the request flow without signing in', () => {
  it('offers to sign in first, explaining when a document is made at once and that going on without means confirming by e-mail', async () => {
    mockRequestApi(() => jsonResponse(pending, 202));
    renderApp('/aanvragen/bewijs-van-woonst');

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden of verder zonder aanmelden' })).toBeInTheDocument();
    expect(screen.getByText(/vraag je het document voor jezelf aan, voor gebruik in België\? Dan maken we het meteen/)).toBeInTheDocument();
    const main = screen.getByRole('main');
    expect(within(main).getByRole('link', { name: 'Aanmelden' })).toHaveAttribute(
      'href',
      '/aanmelden?next=%2Faanvragen%2Fbewijs-van-woonst%2Fgegevens',
    );
    expect(within(main).getByRole('link', { name: 'Verder zonder aanmelden' })).toHaveAttribute('href', '/aanvragen/bewijs-van-woonst/gegevens');
    expect(screen.getByRole('navigation', { name: 'Stappen van je aanvraag' })).toHaveTextContent('Stap 2 van 5');
    const note = screen.getByRole('note', { name: 'Zonder aanmelden bevestig je via e-mail' });
    expect(note).toHaveTextContent('Pas als je binnen 24 uur op die link klikt, behandelen we je aanvraag.');
    expect(note).toHaveTextContent('We sturen nooit een document digitaal naar een e-mailadres dat niet bevestigd is.');
  });

  it('says that the model 596.2 extract is never made at once and needs police advice', async () => {
    mockApi({ 'GET /api/health': health, 'GET /api/v1/document-types/strafregister-596-2': documentTypes.strafregister });
    renderApp('/aanvragen/strafregister-596-2');
    expect(await screen.findByText('Dit document wordt nooit automatisch gemaakt')).toBeInTheDocument();
    expect(screen.getByText('Eerst advies van de politie')).toBeInTheDocument();
    expect(screen.queryByText('Meteen klaar als je je aanmeldt')).not.toBeInTheDocument();
  });

  it('sends an anonymous request and asks to confirm it through the e-mailed link', async () => {
    const { submitted } = mockRequestApi(() => jsonResponse(pending, 202));
    const { router } = renderApp('/aanvragen/strafregister-595');
    await userEvent.click(await screen.findByRole('link', { name: 'Verder zonder aanmelden' }));

    await userEvent.type(await screen.findByRole('textbox', { name: 'Voornaam' }), 'Piet');
    await userEvent.type(textbox('Achternaam'), 'Pieters');
    await userEvent.type(screen.getByLabelText('Geboortedatum'), '1990-05-12');
    await userEvent.type(textbox('E-mailadres'), 'piet@example.be');
    await userEvent.type(textbox('Waarvoor heb je het document nodig?'), 'Sollicitatie');
    await userEvent.click(screen.getByRole('radio', { name: 'Per post' }));
    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeInTheDocument();
    expect(screen.getByText('Piet Pieters')).toBeInTheDocument();
    expect(screen.getByText('12 mei 1990')).toBeInTheDocument();
    expect(screen.getByText('Per post')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Bevestig je aanvraag' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanvragen/strafregister-595/bevestiging'));
    const note = screen.getByRole('note', { name: 'Je aanvraag is nog niet bevestigd' });
    expect(note).toHaveTextContent(
      'We stuurden een e-mail naar p***@example.be. Klik binnen 24 uur op de link in die e-mail; pas dan behandelen we je aanvraag. Zonder bevestiging vervalt ze.',
    );
    expect(note).toHaveTextContent('De link werkt tot 5 maart 2026 om 10:15.');
    expect(screen.getByRole('navigation', { name: 'Stappen van je aanvraag' })).toHaveTextContent('Stap 5 van 5');
    // No reference yet: nothing is handled before the confirmation.
    expect(screen.queryByText(/PA-2026-/)).not.toBeInTheDocument();
    expect(screen.queryByText('Je referentienummer is')).not.toBeInTheDocument();
    expect(loadDraft('strafregister-595')).toBeNull();

    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({
      body: {
        documentType: 'strafregister-595',
        requester: { firstName: 'Piet', lastName: 'Pieters', email: 'piet@example.be', nationalNumber: null, birthDate: '1990-05-12' },
        delivery: 'post',
      },
      channel: 'web',
      csrfToken: null,
    });
  });

  it('still asks to confirm after a reload, and says so even when the address is not known any more', async () => {
    sessionStorage.setItem('loket.pendingConfirmation.strafregister-595', JSON.stringify(pending));
    mockRequestApi(() => jsonResponse(pending, 202));
    const first = renderApp('/aanvragen/strafregister-595/bevestiging');
    expect(await screen.findByText(/We stuurden een e-mail naar p\*\*\*@example\.be\./)).toBeInTheDocument();
    first.unmount();

    sessionStorage.clear();
    renderApp('/aanvragen/strafregister-595/bevestiging');
    expect(await screen.findByText(/We stuurden een e-mail naar het adres dat je opgaf\./)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Bevestig je aanvraag' })).toBeInTheDocument();
  });

  it('says which fields are missing before going on', async () => {
    mockRequestApi(() => jsonResponse(pending, 202));
    const { router } = renderApp('/aanvragen/strafregister-595/gegevens');
    await userEvent.click(await screen.findByRole('button', { name: 'Volgende' }));

    const summary = screen.getByRole('heading', { name: 'Enkele gegevens kloppen niet' }).parentElement!;
    expect(summary).toHaveFocus();
    expect(within(summary).getByRole('link', { name: 'Voornaam: Vul dit veld in.' })).toHaveAttribute('href', '#veld-requester-firstName');
    expect(textbox('Voornaam')).toHaveAccessibleDescription('Vul dit veld in.');
    expect(textbox('Voornaam')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Geboortedatum')).toHaveAccessibleDescription('Vul je geboortedatum of je rijksregisternummer in.');
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanvragen/strafregister-595/gegevens'));

    await userEvent.click(within(summary).getByRole('link', { name: 'Voornaam: Vul dit veld in.' }));
    expect(textbox('Voornaam')).toHaveFocus();
  });

  it('asks for the country and the person when the answers need them', async () => {
    mockRequestApi(() => jsonResponse(pending, 202));
    renderApp('/aanvragen/geboorteakte/gegevens');
    await screen.findByRole('button', { name: 'Volgende' });
    expect(screen.queryByRole('combobox', { name: 'In welk land?' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'In het buitenland' }));
    await userEvent.click(screen.getByRole('radio', { name: 'Voor iemand anders' }));
    expect(country()).toHaveValue('');
    // Every country but Belgium, by name in the reader's language, after a blank choice.
    expect(await within(country()).findByRole('option', { name: 'Spanje' })).toBeInTheDocument();
    expect(
      within(country())
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Kies een land', 'Duitsland', 'Nederland', 'Spanje']);
    const subject = screen.getByRole('group', { name: 'Over wie gaat het document?' });
    expect(within(subject).getByRole('textbox', { name: 'Rijksregisternummer' })).toBeInTheDocument();
    // A deed: which one, and in which model.
    expect(screen.getByRole('group', { name: 'Uittreksel of volledig afschrift?' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Meertalig model' })).not.toBeChecked();
  });

  it('sends the chosen country as its code and names it in the language of the page', async () => {
    signInAs(jan);
    const { fetch, submitted } = mockRequestApi(() => jsonResponse(automaticRequest, 201));
    renderApp('/aanvragen/bewijs-van-woonst/gegevens');
    await userEvent.click(await screen.findByRole('radio', { name: 'In het buitenland' }));
    await userEvent.selectOptions(country(), await within(country()).findByRole('option', { name: 'Spanje' }));
    expect(country()).toHaveValue('ES');
    await userEvent.type(textbox('Waarvoor heb je het document nodig?'), 'Werk');
    await waitFor(() => expect(textbox('E-mailadres')).toHaveValue('jan.peeters@example.be'));
    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeInTheDocument();
    expect(screen.getByText('Spanje')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeInTheDocument();
    expect(submitted[0]?.body).toMatchObject({ forUse: 'abroad', destinationCountry: 'ES' });
    expect(calls(fetch)).toContain('GET /api/v1/countries?lang=nl');
  });

  it('offers the EU multilingual form only where it applies, and sends it when ticked', async () => {
    signInAs(jan);
    const { submitted } = mockRequestApi(() => jsonResponse(automaticRequest, 201));
    renderApp('/aanvragen/geboorteakte/gegevens');
    const form = () => screen.queryByRole('checkbox', { name: 'Voeg het meertalige EU-formulier toe (vertaalhulp)' });
    await userEvent.click(await screen.findByRole('radio', { name: 'In het buitenland' }));
    await userEvent.selectOptions(country(), await within(country()).findByRole('option', { name: 'Duitsland' }));
    expect(form()).not.toBeChecked();
    expect(form()).toHaveAccessibleDescription(/ook in een taal van Duitsland/);
    await userEvent.click(form()!);

    // Spain has no form in a language Loket writes: the choice goes, and does not come back ticked.
    await userEvent.selectOptions(country(), 'ES');
    expect(form()).not.toBeInTheDocument();
    await userEvent.selectOptions(country(), 'DE');
    expect(form()).not.toBeChecked();
    await userEvent.click(form()!);

    await userEvent.type(textbox('Waarvoor heb je het document nodig?'), 'Huwelijk');
    await waitFor(() => expect(textbox('E-mailadres')).toHaveValue('jan.peeters@example.be'));
    await userEvent.click(screen.getByRole('button', { name: 'Volgende' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeInTheDocument();
    expect(screen.getByText('Meertalig EU-formulier')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeInTheDocument();
    expect(submitted[0]?.body).toMatchObject({ forUse: 'abroad', destinationCountry: 'DE', euStandardForm: true });
  });

  it('does not offer the EU form for a type that has none', async () => {
    signInAs(jan);
    mockRequestApi(() => jsonResponse(automaticRequest, 201));
    renderApp('/aanvragen/bewijs-van-woonst-historiek/gegevens');
    await userEvent.click(await screen.findByRole('radio', { name: 'In het buitenland' }));
    await userEvent.selectOptions(country(), await within(country()).findByRole('option', { name: 'Duitsland' }));
    expect(country()).toHaveValue('DE');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('lists the countries in French on a French page', async () => {
    localStorage.setItem('loket.lang', 'fr');
    const { fetch } = mockRequestApi(() => jsonResponse(pending, 202));
    renderApp('/aanvragen/geboorteakte/gegevens');
    await userEvent.click(await screen.findByRole('radio', { name: "À l'étranger" }));
    const field = screen.getByRole('combobox', { name: 'Dans quel pays\u00a0?' });
    expect(await within(field).findByRole('option', { name: 'Espagne' })).toBeInTheDocument();
    expect(
      within(field)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choisissez un pays', 'Allemagne', 'Espagne', 'Pays-Bas']);
    expect(calls(fetch)).toContain('GET /api/v1/countries?lang=fr');
  });

  it('keeps what was typed when the page is loaded again', async () => {
    mockRequestApi(() => jsonResponse(pending, 202));
    const first = renderApp('/aanvragen/strafregister-595/gegevens');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Waarvoor heb je het document nodig?' }), 'Vrijwilligerswerk');
    first.unmount();

    renderApp('/aanvragen/strafregister-595/gegevens');
    expect(await screen.findByRole('textbox', { name: 'Waarvoor heb je het document nodig?' })).toHaveValue('Vrijwilligerswerk');
  });
});

describe('when the API refuses the answers', () => {
  it('goes back to the form and shows each reason beside its field', async () => {
    const { submitted } = mockRequestApi(() =>
      problemResponse(422, 'validation_failed', [
        { name: 'subject.nationalNumber', reason: 'The check digits do not match.', code: 'invalid_national_number' },
        { name: 'destinationCountry', reason: 'Fill in the country.', code: 'required' },
        { name: 'purpose', reason: 'Say it in other words.', code: 'some_new_code' },
      ]),
    );
    sessionStorage.setItem(
      'loket.requestDraft.strafregister-595',
      JSON.stringify({
        idempotencyKey: 'key-1',
        requester: { firstName: 'Piet', lastName: 'Pieters', email: 'piet@example.be', nationalNumber: '', birthDate: '1990-05-12' },
        forWhom: 'someone_else',
        subject: { firstName: 'Els', lastName: 'Janssens', nationalNumber: '', birthDate: '1987-02-14' },
        forUse: 'abroad',
        destinationCountry: 'ES',
        purpose: 'Werk',
      }),
    );
    const { router } = renderApp('/aanvragen/strafregister-595/overzicht');
    await userEvent.click(await screen.findByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Vul je aanvraag in' })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/aanvragen/strafregister-595/gegevens'));
    const subject = screen.getByRole('group', { name: 'Over wie gaat het document?' });
    expect(within(subject).getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveAccessibleDescription(
      'Dit rijksregisternummer klopt niet. Kijk de 11 cijfers na.',
    );
    expect(country()).toHaveAccessibleDescription(expect.stringContaining('Vul dit veld in.'));
    // An unknown code: the API's own reason.
    expect(textbox('Waarvoor heb je het document nodig?')).toHaveAccessibleDescription(expect.stringContaining('Say it in other words.'));
    expect(await screen.findByRole('heading', { name: 'Enkele gegevens kloppen niet' })).toBeInTheDocument();
    // The answers are kept; the next attempt gets a key of its own.
    expect(country()).toHaveValue('ES');
    expect(submitted[0]?.idempotencyKey).toBe('key-1');
    expect(loadDraft('strafregister-595')?.idempotencyKey).not.toBe('key-1');
  });

  it('stays on the overview with the same key when the API cannot be reached', async () => {
    let attempts = 0;
    const { submitted } = mockRequestApi(() => {
      attempts += 1;
      return attempts === 1 ? problemResponse(503, 'service_unavailable') : jsonResponse(pending, 202);
    });
    sessionStorage.setItem(
      'loket.requestDraft.strafregister-595',
      JSON.stringify({
        idempotencyKey: 'key-2',
        requester: { firstName: 'Piet', lastName: 'Pieters', email: 'piet@example.be', nationalNumber: '', birthDate: '1990-05-12' },
        purpose: 'Werk',
      }),
    );
    renderApp('/aanvragen/strafregister-595/overzicht');
    await userEvent.click(await screen.findByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('De dienst is even niet beschikbaar.');

    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bevestig je aanvraag' })).toBeInTheDocument();
    expect(submitted.map((s) => s.idempotencyKey)).toEqual(['key-2', 'key-2']);
  });
});
