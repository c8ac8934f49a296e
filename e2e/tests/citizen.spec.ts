import { expect, test } from '@playwright/test';

test('a citizen finds a document in the catalogue by searching', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Papieren en attesten' })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Zoek een document' }).fill('woonst');

  const results = page.getByRole('region', { name: 'Zoekresultaten' });
  await expect(results.getByRole('link', { name: 'Bewijs van woonst', exact: true })).toBeVisible();
  await results.getByRole('link', { name: 'Bewijs van woonst', exact: true }).click();
  await expect(page).toHaveURL(/\/documenten\/bewijs-van-woonst$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Bewijs van woonst' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Aanvragen', exact: true })).toHaveAttribute('href', '/aanvragen/bewijs-van-woonst');
});

test('a citizen picks a test citizen with one click on the mock federal login', async ({ page }) => {
  await page.goto('/aanmelden?next=%2Fdocumenten%2Fgeboorteakte');
  await page.getByRole('button', { name: 'Aanmelden met eID-kaartlezer' }).click();
  await expect(page.getByText('Testomgeving — gesimuleerde federale aanmelding')).toBeVisible();
  await page.getByRole('button', { name: 'Aanmelden als Jan Peeters' }).click();

  await expect(page).toHaveURL(/\/documenten\/geboorteakte$/);
  const account = page.getByRole('navigation', { name: 'Je account' });
  await expect(account).toContainText('Jan Peeters');
  await expect(account).toContainText('Aangemeld met eID');
});

test('a wrong national number is shown next to the field on the mock federal login', async ({ page }) => {
  await page.goto('/aanmelden');
  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  const field = page.getByRole('textbox', { name: 'Rijksregisternummer' });

  await field.fill('85.07.30-033.29');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/de controlecijfers kloppen niet/);

  // A number with the right check digits that the national register does not know: the provider says so.
  await field.fill('99.01.01-001.18');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(field).toHaveAccessibleDescription(/We vinden niemand met deze gegevens/);
  await expect(page).toHaveURL(/\/ontwikkeling\/idp\/federaal\?/);
});

test('a citizen who cancels at the federal login is told so and can start again', async ({ page }) => {
  await page.goto('/aanmelden?next=%2Fmijn-aanvragen');
  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  await page.getByRole('button', { name: 'Annuleren' }).click();

  await expect(page).toHaveURL(/\/aanmelden\/mislukt\?/);
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden is niet gelukt' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Je hebt het aanmelden afgebroken');
  await page.getByRole('link', { name: 'Opnieuw aanmelden' }).click();
  await expect(page).toHaveURL(/\/aanmelden\?next=%2Fmijn-aanvragen$/);
  await expect(page.getByRole('button', { name: 'Aanmelden met itsme' })).toBeVisible();
});
