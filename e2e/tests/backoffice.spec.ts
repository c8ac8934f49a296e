import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  AN,
  MOHAMED,
  POLICE,
  advanceClock,
  inboxRow,
  manualRequestForMohamed,
  policeAdviceRequest,
  requestStatus,
  runJobs,
  signInStaff,
  signOut,
} from './support/staff';

test('staff deliver a document by post to the person concerned and confirm the shipment', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request);
  await signInStaff(page, AN.username);
  await expect(page.getByRole('heading', { level: 1, name: 'Alle taken' })).toBeVisible();

  const row = await inboxRow(page, reference);
  await expect(row).toContainText('Aanvraag behandelen');
  await row.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Aanvraag ${reference}` })).toBeVisible();
  await expect(requestStatus(page)).toHaveText('In behandeling');
  await expect(page.getByRole('main')).toContainText('De aanvraag is voor iemand anders');

  await page.getByRole('button', { name: 'Afleveren' }).click();
  const dialog = page.getByRole('dialog', { name: `Aanvraag ${reference} afleveren` });
  await dialog.getByRole('radio', { name: 'Per post' }).check();
  await dialog.getByRole('radio', { name: `De betrokkene: ${MOHAMED.name}` }).check();
  await dialog.getByRole('button', { name: 'Afleveren' }).click();

  await expect(dialog).toBeHidden();
  await expect(requestStatus(page)).toHaveText('Wordt per post verstuurd');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Begeleidende brief downloaden' }).click();
  const letter = await downloading;
  expect(letter.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await readFile((await letter.path())!)).subarray(0, 4).toString('latin1')).toBe('%PDF');

  await page.getByRole('button', { name: 'Verzenden bevestigen' }).click();
  await expect(requestStatus(page)).toHaveText('Afgeleverd');
  await expect(page.getByRole('list', { name: 'Geschiedenis' })).toContainText('Verzending per post bevestigd');
  await expect(page.getByText('Deze aanvraag is afgerond: er zijn geen acties meer mogelijk.')).toBeVisible();
});

test('staff cannot refuse a request without a reason', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request, 'nationaliteitsbewijs');
  await signInStaff(page, AN.username, `/behandelportaal/aanvragen/${reference}`);
  await expect(page.getByRole('heading', { level: 1, name: `Aanvraag ${reference}` })).toBeVisible();

  await page.getByRole('button', { name: 'Weigeren' }).click();
  const dialog = page.getByRole('dialog', { name: `Aanvraag ${reference} weigeren` });
  const reason = dialog.getByRole('textbox', { name: 'Reden van de weigering' });
  await dialog.getByRole('button', { name: 'Aanvraag weigeren' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Vul de reden van de weigering in\./);

  // Only spaces pass the browser's check; the API refuses them and its error shows beside the field.
  await reason.fill('   ');
  const refused = page.waitForResponse((r) => r.url().endsWith(`/requests/${reference}/refuse`));
  await dialog.getByRole('button', { name: 'Aanvraag weigeren' }).click();
  expect((await refused).status()).toBe(422);
  await expect(reason).toHaveAccessibleDescription(/Vul de reden van de weigering in\./);
  await dialog.getByRole('button', { name: 'Terug' }).click();
  await expect(requestStatus(page)).toHaveText('In behandeling');

  await page.getByRole('button', { name: 'Weigeren' }).click();
  await dialog.getByRole('textbox', { name: 'Reden van de weigering' }).fill('Er is geen volmacht van de betrokkene.');
  await dialog.getByRole('button', { name: 'Aanvraag weigeren' }).click();
  await expect(requestStatus(page)).toHaveText('Geweigerd');
  await expect(page.getByRole('list', { name: 'Geschiedenis' })).toContainText('Er is geen volmacht van de betrokkene.');
});

test('a model 596.2 request goes to staff once the police gave a favourable advice', async ({ page, request }) => {
  const { reference } = await policeAdviceRequest(request);
  await signInStaff(page, POLICE.username);
  await expect(page).toHaveURL(/\/politie$/);

  const card = page.getByRole('article', { name: `Aanvraag ${reference}` });
  await expect(card).toContainText('Begeleider jeugdkamp');
  await card.getByRole('radio', { name: 'Gunstig', exact: true }).check();
  await card.getByRole('textbox', { name: 'Opmerking (niet verplicht)' }).fill('Geen bezwaren gekend.');
  await card.getByRole('button', { name: `Advies geven voor aanvraag ${reference}` }).click();
  await expect(page.getByText(`Je advies voor aanvraag ${reference} is doorgegeven: Gunstig.`)).toBeVisible();
  await expect(card).toBeHidden();
  await expect(page.getByRole('table', { name: 'Al gegeven' }).getByRole('row', { name: new RegExp(reference) })).toContainText('Gunstig');

  await signOut(page);
  await signInStaff(page, AN.username);
  const row = await inboxRow(page, reference);
  await expect(row).toContainText('Aanvraag behandelen');
  await row.getByRole('link', { name: reference }).click();
  await expect(requestStatus(page)).toHaveText('In behandeling');
  const advice = page.getByRole('heading', { level: 2, name: 'Advies van de politie' });
  await expect(advice).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Gunstig');
  await expect(page.getByRole('main')).toContainText('Geen bezwaren gekend.');
});

test('without police advice in 7 days, staff register it in the police’s name', async ({ page, request }) => {
  const { reference } = await policeAdviceRequest(request);
  await advanceClock(request, 8 * 24 * 60 * 60);
  await runJobs(request);

  await signInStaff(page, AN.username);
  const row = await inboxRow(page, reference);
  await expect(row).toContainText('Advies geven');
  // Staff have five days from the police's deadline: the task is not overdue yet.
  await expect(row).not.toContainText('Te laat');
  await row.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('list', { name: 'Geschiedenis' })).toContainText('Termijn voor politieadvies verstreken');

  await page.getByRole('button', { name: 'Advies registreren in naam van de politie' }).click();
  const dialog = page.getByRole('dialog', { name: `Advies registreren voor ${reference}` });
  await dialog.getByRole('radio', { name: 'Ongunstig' }).check();
  await dialog.getByRole('textbox', { name: 'Opmerking (niet verplicht)' }).fill('Telefonisch doorgegeven door de wijkagent.');
  await dialog.getByRole('button', { name: 'Advies registreren' }).click();

  await expect(dialog).toBeHidden();
  await expect(requestStatus(page)).toHaveText('In behandeling');
  const history = page.getByRole('list', { name: 'Geschiedenis' });
  await expect(history).toContainText(`Geregistreerd door ${AN.name} in naam van de politie`);
  await expect(history).toContainText('Advies: Ongunstig');
  await expect(page.getByRole('button', { name: 'Advies registreren in naam van de politie' })).toBeHidden();
});
