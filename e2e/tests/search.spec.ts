import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { AN, PIETER, manualRequestForMohamed, signInStaff, signOut } from './support/staff';

test('a shared filter gives a colleague the same results, and the report downloads as Excel', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request, 'attest-van-leven');
  const name = `E2E filter ${Math.random().toString(36).slice(2, 8)}`;

  await signInStaff(page, AN.username);
  await page.getByRole('navigation', { name: 'Behandelportaal' }).getByRole('link', { name: 'Zoeken' }).click();
  const search = page.getByRole('search', { name: 'Aanvragen zoeken' });
  await search.getByRole('textbox', { name: 'Referentie' }).fill(reference);
  await search.getByRole('textbox', { name: 'Naam' }).fill('amrani');
  await search.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(new RegExp(`reference=${reference}`));
  const results = page.getByRole('table', { name: 'Resultaten' });
  await expect(page.getByText('1 aanvraag gevonden')).toBeVisible();
  await expect(results.getByRole('link', { name: reference })).toBeVisible();

  // A reload keeps the search.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Referentie' })).toHaveValue(reference);
  await expect(results.getByRole('link', { name: reference })).toBeVisible();

  const filters = page.getByRole('complementary', { name: 'Opgeslagen filters' });
  await filters.getByRole('button', { name: 'Filter opslaan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Filter opslaan' });
  await dialog.getByRole('textbox', { name: 'Naam van de filter' }).fill(name);
  await dialog.getByRole('checkbox', { name: "Delen met collega's" }).check();
  await dialog.getByRole('button', { name: 'Filter opslaan' }).click();
  await expect(filters.getByText(`Filter ‘${name}’ is opgeslagen.`)).toBeVisible();
  await expect(filters.getByRole('button', { name: `Wijzigen filter ‘${name}’` })).toBeVisible();

  await signOut(page);
  await signInStaff(page, PIETER.username, '/behandelportaal/zoeken');
  const shared = filters.getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
  await expect(shared).toContainText(`Van ${AN.name}`);
  await expect(shared.getByRole('button', { name: `Wijzigen filter ‘${name}’` })).toHaveCount(0);
  await expect(shared.getByRole('button', { name: `Verwijderen filter ‘${name}’` })).toHaveCount(0);
  await expect(shared.getByRole('button', { name: `Kopie opslaan filter ‘${name}’` })).toBeVisible();

  await shared.getByRole('button', { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`reference=${reference}`));
  await expect(page.getByText('1 aanvraag gevonden')).toBeVisible();
  await expect(results.getByRole('link', { name: reference })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Excel-rapport' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(page.getByText(/Het Excel-rapport .*\.xlsx is gedownload\./)).toBeVisible();
});

test('sorting by a column is kept in the address', async ({ page }) => {
  await signInStaff(page, AN.username, '/behandelportaal/zoeken');
  const results = page.getByRole('table', { name: 'Resultaten' });
  await expect(results).toBeVisible();
  await results.getByRole('button', { name: /^Referentie/ }).click();
  await expect(page).toHaveURL(/sort=reference/);
  await expect(results.getByRole('columnheader', { name: /Referentie/ })).toHaveAttribute('aria-sort', 'ascending');
  await results.getByRole('button', { name: /^Referentie/ }).click();
  await expect(page).toHaveURL(/sort=-reference/);
  await expect(results.getByRole('columnheader', { name: /Referentie/ })).toHaveAttribute('aria-sort', 'descending');
  await page.goBack();
  await expect(results.getByRole('columnheader', { name: /Referentie/ })).toHaveAttribute('aria-sort', 'ascending');
});
