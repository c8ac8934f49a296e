import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signInCitizen } from './support/citizen';
import { ADMIN, AN, MOHAMED, manualRequestForMohamed, signInStaff, signOut } from './support/staff';

test('staff looking at a request is shown to colleagues by name and to the citizen as the service', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request);

  await signInStaff(page, AN.username, `/behandelportaal/aanvragen/${reference}`);
  const viewed = page.getByRole('region', { name: 'Inzage' });
  const row = viewed
    .getByRole('row')
    .filter({ hasText: `${AN.name} (medewerker)` })
    .first();
  await expect(row).toContainText('Bekeek de aanvraag');
  // A look is not a change: the history does not list it.
  await expect(page.getByRole('list', { name: 'Geschiedenis' })).not.toContainText('ingekeken');
  await signOut(page);

  // Jan asked it: he sees which service looked, not who.
  await page.goto(`/aanmelden?next=${encodeURIComponent(`/mijn-aanvragen/${reference}`)}`);
  await signInCitizen(page, 'itsme', '85.07.30-033.28');
  const mine = page.getByRole('region', { name: 'Wie heeft je aanvraag ingekeken' });
  await expect(mine.getByRole('cell', { name: 'Gemeente – Papieren en attesten' }).first()).toBeVisible();
  await expect(mine).not.toContainText(AN.name);
});

test('the auditor finds who looked at a request and at a person, and exports it as CSV', async ({ page, request }) => {
  const { reference } = await manualRequestForMohamed(request);
  await signInStaff(page, AN.username, `/behandelportaal/aanvragen/${reference}`);
  await expect(page.getByRole('region', { name: 'Inzage' })).toContainText(AN.name);
  await signOut(page);

  // Staff have no audit trail.
  await signInStaff(page, AN.username);
  await expect(page.getByRole('navigation', { name: 'Behandelportaal' }).getByRole('link', { name: 'Audittrail' })).toHaveCount(0);
  await page.goto('/behandelportaal/audittrail');
  await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
  await signOut(page);

  await signInStaff(page, ADMIN.username);
  await page.getByRole('navigation', { name: 'Behandelportaal' }).getByRole('link', { name: 'Audittrail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audittrail' })).toBeVisible();
  const form = page.getByRole('search', { name: 'Audittrail doorzoeken' });
  await form.getByRole('textbox', { name: 'Referentie van de aanvraag' }).fill(reference);
  await form.getByRole('combobox', { name: 'Actie' }).selectOption({ label: 'Aanvraag ingekeken' });
  await form.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(new RegExp(`reference=${reference}&action=request_viewed`));
  const events = page.getByRole('table', { name: 'Gebeurtenissen' });
  const looked = events.getByRole('row').filter({ hasText: AN.name }).first();
  await expect(looked).toContainText('Medewerker');
  await expect(looked).toContainText('Aanvraag ingekeken');
  await expect(looked.getByRole('link', { name: reference })).toBeVisible();
  await expect(looked).toContainText(/Adres: \S+/);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporteren (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('id,at,actor_role,actor_name,action,entity_type,entity_id,reason,details');
  expect(csv).toContain(reference);
  expect(csv).toContain(AN.name);

  // By person: the request about Mohamed, and the export that was just made is itself there.
  await page.goto('/behandelportaal/audittrail');
  await form.getByRole('textbox', { name: 'Rijksregisternummer' }).fill('12345678901');
  await form.getByRole('button', { name: 'Zoeken' }).click();
  await expect(form.getByRole('textbox', { name: 'Rijksregisternummer' })).toHaveAccessibleDescription(/Dit rijksregisternummer klopt niet/);
  await form.getByRole('textbox', { name: 'Rijksregisternummer' }).fill(MOHAMED.nationalNumber);
  await form.getByRole('button', { name: 'Zoeken' }).click();
  await expect(events.getByRole('link', { name: reference }).first()).toBeVisible();
  await page.goto('/behandelportaal/audittrail?action=audit_exported');
  await expect(events.getByRole('row').filter({ hasText: ADMIN.name }).first()).toContainText('Audittrail geëxporteerd');
});
