import { expect, test } from '@playwright/test';
import { expectNoViolations, expectReflows } from './support/a11y';
import { LANGS, useLanguage } from './support/i18n';
import { walkEveryPage } from './support/pages';
import { AN, manualRequestForMohamed, signInStaff } from './support/staff';

// Every page in every language the SPA offers: one browser context per language, which starts
// in that language as if the person had chosen it before.
for (const lang of LANGS) {
  test(`every page has no accessibility violations, in ${lang}`, async ({ page, context, request }) => {
    test.setTimeout(300_000);
    await useLanguage(context, lang);
    await walkEveryPage(page, request, lang, async (name) => expectNoViolations(page, `${name} (${lang})`));
  });
}

// At 200 % zoom a 1280 × 800 screen is 640 × 400 CSS px, drawn with two device pixels each.
test.describe('at 200 % zoom', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  test('every page keeps its content and actions without horizontal scrolling', async ({ page, context, request }) => {
    test.setTimeout(180_000);
    await useLanguage(context, LANGS[0]);
    await walkEveryPage(page, request, LANGS[0], async (_name, heading, action) => expectReflows(page, heading, action));
  });
});

// WCAG 1.4.10: 320 CSS px wide is a 1280 px screen at 400 % zoom; in every language, as some
// words are longer in one than in another.
test.describe('at 320 CSS px wide', () => {
  test.use({ viewport: { width: 320, height: 256 } });
  for (const lang of LANGS) {
    test(`every page reflows without horizontal scrolling, in ${lang}`, async ({ page, context, request }) => {
      test.setTimeout(180_000);
      await useLanguage(context, lang);
      await walkEveryPage(page, request, lang, async (_name, heading, action) => expectReflows(page, heading, action));
    });
  }
});

// WCAG 4.1.3: what went wrong is announced without the person having to look for it.
test('the errors of a form are announced as an alert', async ({ page, request }) => {
  await page.goto('/ontwikkeling/dabs');
  await page.getByRole('button', { name: 'Akte toevoegen' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Kijk deze gegevens na' }) });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();

  const { reference } = await manualRequestForMohamed(request);
  await signInStaff(page, AN.username, `/behandelportaal/aanvragen/${reference}?actie=afleveren`);
  const dialog = page.getByRole('dialog', { name: `Aanvraag ${reference} afleveren` });
  await dialog.getByRole('button', { name: 'Afleveren' }).click();
  await expect(dialog.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Kijk deze gegevens na' }) })).toBeVisible();
});

// The request form draws its own error summary (frontend/src/pages/request/RequestFormPage.tsx).
test('the errors of the request form are announced as an alert', async ({ page }) => {
  await page.goto('/aanvragen/strafregister-595/gegevens');
  await page.getByRole('button', { name: 'Volgende' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Enkele gegevens kloppen niet' }) });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
});
