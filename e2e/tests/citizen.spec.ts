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

test('a citizen signs in with itsme, stays signed in after a reload and signs out', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Aanmelden' }).click();
  await expect(page.getByText('Testomgeving — gesimuleerde federale aanmelding')).toBeVisible();

  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  await page.getByRole('textbox', { name: 'Rijksregisternummer' }).fill('85.07.30-033.28');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();

  const account = page.getByRole('navigation', { name: 'Je account' });
  await expect(account).toContainText('Jan Peeters');
  await expect(page).toHaveURL(/\/$/);

  await page.reload();
  await expect(account).toContainText('Jan Peeters');

  await account.getByRole('button', { name: 'Afmelden' }).click();
  await expect(account.getByRole('link', { name: 'Aanmelden' })).toBeVisible();
  await expect(page.getByText('Jan Peeters')).toHaveCount(0);
});

test('a citizen picks a test citizen with one click', async ({ page }) => {
  await page.goto('/aanmelden?next=%2Fdocumenten%2Fgeboorteakte');
  await page.getByRole('button', { name: 'Aanmelden met eID-kaartlezer' }).click();
  await page.getByRole('button', { name: 'Aanmelden als Jan Peeters' }).click();

  await expect(page).toHaveURL(/\/documenten\/geboorteakte$/);
  await expect(page.getByRole('navigation', { name: 'Je account' })).toContainText('Jan Peeters');
});

test('a wrong national number is shown next to the field', async ({ page }) => {
  await page.goto('/aanmelden');
  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  const field = page.getByRole('textbox', { name: 'Rijksregisternummer' });

  await field.fill('85.07.30-033.29');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/de controlecijfers kloppen niet/);
  await expect(page).toHaveURL(/\/aanmelden$/);
});
