import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { automaticRequestViaApi, confirmationLinkFor, confirmedReference, downloadLinkFor, startSignedIn, uniqueSuffix } from './support/citizen';
import { ADMIN, AN, POLICE, manualRequestForMohamed, policeAdviceRequest, signInStaff } from './support/staff';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test('the start page has no accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Bewijs van woonst', exact: true })).toBeVisible();
  await expectNoViolations(page);
});

test('the document page has no accessibility violations', async ({ page }) => {
  await page.goto('/documenten/strafregister-596-2');
  await expect(page.getByRole('link', { name: 'Aanvragen', exact: true })).toBeVisible();
  await expectNoViolations(page);
});

test('the sign-in page and the mock federal login have no accessibility violations', async ({ page }) => {
  await page.goto('/aanmelden');
  await expect(page.getByRole('button', { name: 'Aanmelden met itsme' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Federale authenticatiedienst (test)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Aanmelden als Jan Peeters' })).toBeVisible();
  await expectNoViolations(page);

  // With the errors showing.
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden is niet gelukt' })).toBeVisible();
  await expectNoViolations(page);
});

test('the staff sign-in, the mock municipal login and the back office have no accessibility violations', async ({ page }) => {
  await page.goto('/medewerkers/aanmelden');
  await expect(page.getByRole('link', { name: 'Aanmelden met je account van de gemeente' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'Aanmelden met je account van de gemeente' }).click();
  await expect(page.getByRole('button', { name: `Aanmelden als ${AN.name}` })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Gebruikersnaam' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);

  await page.getByRole('button', { name: `Aanmelden als ${AN.name}` }).click();
  await expect(page.getByRole('region', { name: 'Alle taken' }).or(page.getByText('Er zijn geen taken.'))).toBeVisible();
  await expectNoViolations(page);
});

test('the request flow has no accessibility violations, from the first step to the confirmation', async ({ page }) => {
  await page.goto('/aanvragen/strafregister-596-2');
  await expect(page.getByRole('link', { name: 'Verder zonder aanmelden' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'Verder zonder aanmelden' }).click();
  await page.getByRole('radio', { name: 'Voor iemand anders' }).check();
  await page.getByRole('radio', { name: 'In het buitenland' }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByRole('heading', { name: 'Enkele gegevens kloppen niet' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/aanvragen/geboorteakte/gegevens');
  await expect(page.getByRole('group', { name: 'Welk model?' })).toBeVisible();
  await expectNoViolations(page);

  await startSignedIn(page, 'bewijs-van-woonst');
  await expectNoViolations(page);
  await page.getByRole('textbox', { name: 'Waarvoor heb je het document nodig?' }).fill('Voor mijn huurcontract');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeVisible();
  const reference = await confirmedReference(page);
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'Mijn aanvragen' }).first().click();
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('list', { name: 'Geschiedenis' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('navigation', { name: 'Testomgeving' }).getByRole('link', { name: 'My eBox (test)' }).click();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expectNoViolations(page);
});

test('confirming a request by e-mail and its manual confirmation have no accessibility violations', async ({ page, request }) => {
  const email = `piet.${uniqueSuffix()}@example.be`;
  await page.goto('/aanvragen/strafregister-595/gegevens');
  await page.getByRole('textbox', { name: 'Voornaam' }).fill('Piet');
  await page.getByRole('textbox', { name: 'Achternaam' }).fill('Pieters');
  await page.getByLabel('Geboortedatum').fill('1990-05-12');
  await page.getByRole('textbox', { name: 'E-mailadres' }).fill(email);
  await page.getByRole('textbox', { name: 'Waarvoor heb je het document nodig?' }).fill('Sollicitatie');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bevestig je aanvraag' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto(await confirmationLinkFor(request, email));
  await expect(page.getByRole('button', { name: 'Aanvraag bevestigen' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Aanvraag bevestigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je aanvraag is bevestigd' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('navigation', { name: 'Testomgeving' }).getByRole('link', { name: 'Verstuurde e-mails' }).click();
  await page
    .getByRole('button', { name: /^Ontvangstbevestiging/ })
    .first()
    .click();
  await expect(page.getByRole('region', { name: /^Ontvangstbevestiging/ })).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/bevestigen/deze-link-bestaat-niet');
  await page.getByRole('button', { name: 'Aanvraag bevestigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deze link kennen we niet' })).toBeVisible();
  await expectNoViolations(page);
});

test('the download and verification pages have no accessibility violations', async ({ page, request }) => {
  const made = await automaticRequestViaApi(request);
  await page.goto(await downloadLinkFor(request, made.reference));
  await expect(page.getByRole('button', { name: /downloaden$/ })).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/download/onbekende-link');
  await expect(page.getByRole('heading', { level: 1, name: 'Deze link kennen we niet' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/verifieer/${made.documents[0]!.verificationCode}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Echt document' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/verifieer/AAAA-BBBB-CCCC-DDDD');
  await expect(page.getByRole('heading', { level: 2, name: 'Code niet gekend' })).toBeVisible();
  await expectNoViolations(page);
});

test('a request in the back office has no accessibility violations, with the deliver dialog open', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request);
  await signInStaff(page, AN.username, `/behandelportaal/aanvragen/${reference}`);
  await expect(page.getByRole('list', { name: 'Geschiedenis' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Afleveren' }).click();
  const dialog = page.getByRole('dialog', { name: `Aanvraag ${reference} afleveren` });
  await dialog.getByRole('radio', { name: 'Per post' }).check();
  await expect(dialog.getByRole('group', { name: 'Naar wie sturen we de brief?' })).toBeVisible();
  await expectNoViolations(page);

  // With the error summary showing.
  await page.goto(`/behandelportaal/aanvragen/${reference}?actie=afleveren`);
  await dialog.getByRole('button', { name: 'Afleveren' }).click();
  await expect(dialog.getByRole('heading', { name: 'Kijk deze gegevens na' })).toBeVisible();
  await expectNoViolations(page);
});

test('the inbox with its actions has no accessibility violations', async ({ page, request }) => {
  await manualRequestForMohamed(request);
  await signInStaff(page, AN.username);
  await expect(page.getByRole('table', { name: 'Alle taken' })).toBeVisible();
  await expectNoViolations(page);
  await page
    .getByRole('button', { name: /^Toewijzen/ })
    .first()
    .click();
  await expect(page.getByRole('combobox', { name: 'Aan wie wijs je de taak toe?' })).toBeVisible();
  await expectNoViolations(page);
});

test('the police page has no accessibility violations', async ({ page, request }) => {
  await policeAdviceRequest(request);
  await signInStaff(page, POLICE.username);
  await expect(page.getByRole('article').first()).toBeVisible();
  await expectNoViolations(page);
});

test('the search page with results has no accessibility violations', async ({ page, request }) => {
  await manualRequestForMohamed(request);
  await signInStaff(page, AN.username, '/behandelportaal/zoeken?name=amrani&status=in_progress');
  await expect(page.getByRole('table', { name: 'Resultaten' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Papieren en attesten', exact: true })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Filter opslaan' }).click();
  await expect(page.getByRole('dialog', { name: 'Filter opslaan' })).toBeVisible();
  await expectNoViolations(page);
});

test('the audit trail has no accessibility violations, with results and with an error beside a field', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request);
  await signInStaff(page, ADMIN.username, `/behandelportaal/aanvragen/${reference}`);
  await expect(page.getByRole('region', { name: 'Inzage' })).toBeVisible();
  await page.goto(`/behandelportaal/audittrail?reference=${reference}`);
  await expect(page.getByRole('table', { name: 'Gebeurtenissen' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/behandelportaal/audittrail?person=12345678901');
  await expect(page.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
});

test('the mock DABS page has no accessibility violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Testomgeving' }).getByRole('link', { name: 'Aktedatabank DABS (test)' }).click();
  await expect(page.getByRole('table', { name: 'Akten in DABS' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Akte toevoegen' }).click();
  await expect(page.getByRole('heading', { name: 'Kijk deze gegevens na' })).toBeVisible();
  await expectNoViolations(page);
});
