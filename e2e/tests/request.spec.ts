import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  ELS,
  JAN,
  automaticRequestViaApi,
  confirmationLinkFor,
  confirmedReference,
  downloadLinkFor,
  startSignedIn,
  uniqueSuffix,
} from './support/citizen';
import { AN, inboxRow, signInStaff } from './support/staff';

const PURPOSE = 'Waarvoor heb je het document nodig?';

test('a signed-in citizen gets a residence certificate at once and downloads the PDF', async ({ page }) => {
  await startSignedIn(page, 'bewijs-van-woonst');
  const register = page.getByRole('region', { name: 'Gegevens uit het rijksregister' });
  await expect(register).toContainText(JAN.formatted);
  await expect(register).toContainText('Peeters');
  await expect(page.getByRole('textbox', { name: 'E-mailadres' })).toHaveValue(/@/);

  await page.getByRole('textbox', { name: PURPOSE }).fill('Voor mijn huurcontract');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeVisible();
  await expect(page.getByText('Voor mijn huurcontract')).toBeVisible();
  await page.getByRole('button', { name: 'Opslaan' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeVisible();
  const reference = await confirmedReference(page);
  await expect(page).toHaveURL(new RegExp(`/aanvragen/bewijs-van-woonst/bevestiging/${reference}$`));
  await expect(page.getByText(/My eBox/).first()).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Bewijs van woonst downloaden (pdf)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

  // The request is in "Mijn aanvragen", with its history.
  await page.getByRole('link', { name: 'Mijn aanvragen' }).first().click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Aanvraag ${reference}` })).toBeVisible();
  const history = page.getByRole('list', { name: 'Geschiedenis' });
  await expect(history).toContainText('Aanvraag ingediend');
  await expect(history).toContainText('Automatisch verwerkt en document aangemaakt');
});

test('a request for someone else goes to staff, with an acknowledgement e-mail in the outbox', async ({ page }) => {
  await startSignedIn(page, 'bewijs-van-woonst');
  await page.getByRole('radio', { name: 'Voor iemand anders' }).check();
  const subject = page.getByRole('group', { name: 'Over wie gaat het document?' });
  await subject.getByRole('textbox', { name: 'Voornaam' }).fill(ELS.firstName);
  await subject.getByRole('textbox', { name: 'Achternaam' }).fill(ELS.lastName);
  await subject.getByRole('textbox', { name: 'Rijksregisternummer' }).fill(ELS.nationalNumber);
  await page.getByRole('textbox', { name: PURPOSE }).fill('Voor haar huurcontract');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByText('Els Janssens')).toBeVisible();
  await page.getByRole('button', { name: 'Opslaan' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'We hebben je aanvraag ontvangen' })).toBeVisible();
  const reference = await confirmedReference(page);
  await expect(page.getByRole('main')).toContainText('Je vraagt het document voor iemand anders. Een medewerker kijkt na of dat mag.');
  await expect(page.getByText(/We stuurden een ontvangstbevestiging naar/)).toBeVisible();

  await page.getByRole('navigation', { name: 'Testomgeving' }).getByRole('link', { name: 'Verstuurde e-mails' }).click();
  const subjectLine = `Ontvangstbevestiging van je aanvraag ${reference}`;
  await expect(page.getByRole('button', { name: subjectLine })).toBeVisible();
  await page.getByRole('button', { name: subjectLine }).click();
  await expect(page.getByRole('region', { name: subjectLine })).toContainText(reference);
});

test('someone who does not sign in asks for a criminal record extract, confirms it by e-mail, and staff handle it', async ({
  page,
  browser,
  request,
}) => {
  // A name and address of this run only: staff search for them before and after confirming.
  const lastName = `Pieters-${uniqueSuffix()}`;
  const email = `piet.${uniqueSuffix()}@example.be`;
  await page.goto('/documenten/strafregister-595');
  await page.getByRole('link', { name: 'Aanvragen', exact: true }).click();
  await expect(page.getByRole('main')).toContainText('We sturen nooit een document digitaal naar een e-mailadres dat niet bevestigd is.');
  await page.getByRole('link', { name: 'Verder zonder aanmelden' }).click();

  await page.getByRole('textbox', { name: 'Voornaam' }).fill('Piet');
  await page.getByRole('textbox', { name: 'Achternaam' }).fill(lastName);
  await page.getByLabel('Geboortedatum').fill('1990-05-12');
  await page.getByRole('textbox', { name: 'E-mailadres' }).fill(email);
  await page.getByRole('textbox', { name: PURPOSE }).fill('Sollicitatie');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeVisible();
  await page.getByRole('button', { name: 'Opslaan' }).click();

  // Not handled yet: no reference, only the request to confirm.
  await expect(page.getByRole('heading', { level: 1, name: 'Bevestig je aanvraag' })).toBeVisible();
  await expect(page).toHaveURL(/\/aanvragen\/strafregister-595\/bevestiging$/);
  await expect(page.getByRole('main')).toContainText(
    'We stuurden een e-mail naar p***@example.be. Klik binnen 24 uur op de link in die e-mail; pas dan behandelen we je aanvraag. Zonder bevestiging vervalt ze.',
  );
  await expect(page.locator('.reference-panel__number')).toHaveCount(0);

  // Staff do not see it before it is confirmed.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const search = `/behandelportaal/zoeken?name=${encodeURIComponent(lastName)}`;
  await signInStaff(staff, AN.username, search);
  await expect(staff.getByText('Geen aanvragen gevonden. Probeer andere zoekcriteria.')).toBeVisible();

  // The link in the e-mail: opening it confirms nothing, the button does.
  await page.goto(await confirmationLinkFor(request, email));
  await expect(page.getByRole('heading', { level: 1, name: 'Je aanvraag bevestigen' })).toBeVisible();
  await page.getByRole('button', { name: 'Aanvraag bevestigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je aanvraag is bevestigd' })).toBeVisible();
  const reference = await confirmedReference(page);
  await expect(page.getByRole('main')).toContainText('Je was niet aangemeld. Een medewerker kijkt daarom eerst na wie de aanvraag deed.');
  await expect(page.getByRole('main')).toContainText(`We stuurden een ontvangstbevestiging naar ${email}.`);

  // Confirming twice answers the same request.
  await page.reload();
  await page.getByRole('button', { name: 'Aanvraag bevestigen' }).click();
  await expect(page.getByText('Je had deze aanvraag al eerder bevestigd.')).toBeVisible();
  expect(await confirmedReference(page)).toBe(reference);

  // Now staff find it, and it waits in their inbox.
  await staff.reload();
  await expect(staff.getByRole('table', { name: 'Resultaten' }).getByRole('link', { name: reference, exact: true })).toBeVisible();
  await staff.goto('/behandelportaal');
  await inboxRow(staff, reference);
  await staffContext.close();
});

test('the form keeps what was typed after a reload', async ({ page }) => {
  await page.goto('/aanvragen/strafregister-595/gegevens');
  await page.getByRole('textbox', { name: PURPOSE }).fill('Vrijwilligerswerk bij de jeugdbeweging');
  await page.getByRole('radio', { name: 'In het buitenland' }).check();
  // The countries come from GET /api/v1/countries, named in the page's language; Belgium is not abroad.
  const country = page.getByRole('combobox', { name: 'In welk land?' });
  await expect(country.getByRole('option', { name: 'Nederland', exact: true })).toBeAttached();
  await expect(country.getByRole('option', { name: 'België', exact: true })).toHaveCount(0);
  await country.selectOption({ label: 'Nederland' });
  await page.reload();
  await expect(page.getByRole('textbox', { name: PURPOSE })).toHaveValue('Vrijwilligerswerk bij de jeugdbeweging');
  await expect(page.getByRole('radio', { name: 'In het buitenland' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'In welk land?' })).toHaveValue('NL');
});

test('missing answers are shown beside their fields before going on', async ({ page }) => {
  await page.goto('/aanvragen/strafregister-595/gegevens');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByRole('heading', { name: 'Enkele gegevens kloppen niet' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Voornaam' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: 'Voornaam' })).toHaveAccessibleDescription('Vul dit veld in.');
  await expect(page).toHaveURL(/\/gegevens$/);
});

test('answers the API refuses bring the citizen back to the form, the reason beside the field', async ({ page }) => {
  await startSignedIn(page, 'bewijs-van-woonst');
  // "Someone else", with Jan's own national register number: only the API knows it is his.
  await page.getByRole('radio', { name: 'Voor iemand anders' }).check();
  const subject = page.getByRole('group', { name: 'Over wie gaat het document?' });
  await subject.getByRole('textbox', { name: 'Voornaam' }).fill('Jan');
  await subject.getByRole('textbox', { name: 'Achternaam' }).fill('Peeters');
  await subject.getByRole('textbox', { name: 'Rijksregisternummer' }).fill(JAN.formatted);
  await page.getByRole('textbox', { name: PURPOSE }).fill('Test');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();

  await expect(page).toHaveURL(/\/aanvragen\/bewijs-van-woonst\/gegevens$/);
  await expect(page.getByRole('heading', { name: 'Enkele gegevens kloppen niet' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Voor wie?' })).toHaveAccessibleDescription(/Dit is je eigen rijksregisternummer/);
  await expect(subject.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveValue(JAN.formatted);

  // Corrected, the same draft goes through.
  await page.getByRole('radio', { name: 'Voor mezelf' }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeVisible();
});

test('the verification page recognises the code of an issued document', async ({ page, request }) => {
  const made = await automaticRequestViaApi(request);
  const code = made.documents[0]?.verificationCode;
  expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);

  await page.goto('/verifieer');
  await page.getByRole('textbox', { name: 'Verificatiecode' }).fill(code!.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Nagaan' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Echt document' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Bewijs van woonst');
  await expect(page.getByRole('main')).toContainText('Jan P.');
  await expect(page.getByRole('main')).toContainText('Geldig');

  await page.goto('/verifieer/AAAA-BBBB-CCCC-DDDD');
  await expect(page.getByText('Deze code is niet gekend: het document is niet echt of de code is verkeerd overgetypt.')).toBeVisible();
});

test('the link in the e-mail downloads the document', async ({ page, request }) => {
  const made = await automaticRequestViaApi(request);
  await page.goto(await downloadLinkFor(request, made.reference));
  await expect(page.getByRole('heading', { level: 1, name: 'Je document downloaden' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(made.reference);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /\.pdf downloaden$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

  await page.goto('/download/deze-link-bestaat-niet');
  await expect(page.getByRole('heading', { level: 1, name: 'Deze link kennen we niet' })).toBeVisible();
});
