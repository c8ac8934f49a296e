import { expect, test } from '@playwright/test';

test('a staff member signs in and sees the task views of the back office', async ({ page }) => {
  await page.goto('/medewerkers/aanmelden');
  await page.getByLabel('Gebruikersnaam').fill('an.desmet');
  await page.getByLabel('Wachtwoord').fill('loket');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();

  await expect(page).toHaveURL(/\/behandelportaal$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Alle taken' })).toBeVisible();
  // Empty on a fresh database; the request tests leave tasks behind.
  await expect(page.getByRole('region', { name: 'Alle taken' }).or(page.getByText('Er zijn geen taken.'))).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Behandelportaal' });
  await nav.getByRole('link', { name: 'Geparkeerde taken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Geparkeerde taken' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Geparkeerde taken' }).or(page.getByText('Er zijn geen taken.'))).toBeVisible();
});

test('wrong staff credentials are refused', async ({ page }) => {
  await page.goto('/medewerkers/aanmelden');
  await page.getByLabel('Gebruikersnaam').fill('an.desmet');
  await page.getByLabel('Wachtwoord').fill('verkeerd');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('De gebruikersnaam of het wachtwoord is niet juist.');
});

test('the back office sends people who are not signed in to the staff sign-in', async ({ page }) => {
  await page.goto('/behandelportaal');
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden\?next=/);
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/bestaat-niet');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
});
