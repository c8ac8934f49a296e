import { expect, test } from '@playwright/test';
import { AN, signInStaff } from './support/staff';

test('a staff member signs in and sees the task views of the back office', async ({ page }) => {
  await signInStaff(page, AN.username);

  await expect(page).toHaveURL(/\/behandelportaal$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Alle taken' })).toBeVisible();
  // Empty on a fresh database; the request tests leave tasks behind.
  await expect(page.getByRole('region', { name: 'Alle taken' }).or(page.getByText('Er zijn geen taken.'))).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Behandelportaal' });
  await nav.getByRole('link', { name: 'Geparkeerde taken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Geparkeerde taken' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Geparkeerde taken' }).or(page.getByText('Er zijn geen taken.'))).toBeVisible();
});

test('an unknown user name is refused by the municipal login', async ({ page }) => {
  await page.goto('/medewerkers/aanmelden');
  await page.getByRole('link', { name: 'Aanmelden met je account van de gemeente' }).click();
  const field = page.getByRole('textbox', { name: 'Gebruikersnaam' });
  await field.fill('niet.gekend');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(field).toHaveAccessibleDescription('Er is geen account met deze gebruikersnaam.');
  await expect(page).toHaveURL(/\/ontwikkeling\/idp\/gemeente\?/);
});

test('an account of the municipality without a role in Loket is refused, with the reason', async ({ page }) => {
  await page.goto('/medewerkers/aanmelden?next=%2Fbehandelportaal%2Fzoeken');
  await page.getByRole('link', { name: 'Aanmelden met je account van de gemeente' }).click();
  await page.getByRole('region', { name: 'Testaccounts' }).getByRole('button', { name: 'Aanmelden als Jonas Maes' }).click();

  await expect(page).toHaveURL(/\/aanmelden\/mislukt\?/);
  await expect(page.getByRole('alert')).toContainText('Je account heeft geen toegang tot het loket');
  await expect(page.getByRole('button', { name: 'Afmelden' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Opnieuw aanmelden' }).click();
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden\?next=%2Fbehandelportaal%2Fzoeken$/);
});

test('the back office sends people who are not signed in to the staff sign-in', async ({ page }) => {
  await page.goto('/behandelportaal');
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden\?next=/);
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/bestaat-niet');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
});
