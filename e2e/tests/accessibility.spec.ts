import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

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
  await expect(page.getByRole('button', { name: 'Aanvragen' })).toBeVisible();
  await expectNoViolations(page);
});

test('the sign-in page has no accessibility violations, before and after choosing a means', async ({ page }) => {
  await page.goto('/aanmelden');
  await expect(page.getByRole('button', { name: 'Aanmelden met itsme' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  await expect(page.getByRole('button', { name: 'Aanmelden als Jan Peeters' })).toBeVisible();
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
});

test('the staff sign-in and the back office have no accessibility violations', async ({ page }) => {
  await page.goto('/medewerkers/aanmelden');
  await expect(page.getByLabel('Gebruikersnaam')).toBeVisible();
  await expectNoViolations(page);

  await page.getByLabel('Gebruikersnaam').fill('an.desmet');
  await page.getByLabel('Wachtwoord').fill('loket');
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByText('Er zijn geen taken.')).toBeVisible();
  await expectNoViolations(page);
});
