import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { automaticRequestViaApi, downloadLinkFor } from './support/citizen';

const EXACT = 'Dit is exact het document dat de gemeente uitreikte.';
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const NOT_IT = 'Dit bestand is niet het uitgereikte document (het werd gewijzigd of is een ander document).';

test('the verification page says whether a PDF file is exactly the issued document', async ({ page, request }) => {
  const made = await automaticRequestViaApi(request);
  const code = made.documents[0]!.verificationCode!;

  // The PDF as its owner has it: downloaded through the e-mailed link.
  await page.goto(await downloadLinkFor(request, made.reference));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /\.pdf downloaden$/ }).click();
  const download = await downloading;
  const original = await readFile((await download.path())!);
  expect(original.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await page.goto(`/verifieer/${code}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Echt document' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Controleer het PDF-bestand' })).toBeVisible();
  const input = page.getByLabel('Kies het PDF-bestand');
  const status = page.getByRole('status').filter({ has: page.locator('.compare-file__outcome') });

  await input.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: original });
  await expect(status).toContainText(EXACT);
  await expect(status).toContainText(download.suggestedFilename());
  await expectNoViolations(page);

  // A copy with one letter changed, as someone editing the PDF would.
  const changed = Buffer.from(original);
  changed[Math.floor(changed.length / 2)] ^= 0x01;
  await input.setInputFiles({ name: 'aangepast.pdf', mimeType: 'application/pdf', buffer: changed });
  await expect(status).toContainText(NOT_IT);
  await expect(status).not.toContainText(EXACT);
  await expect(status).toContainText('aangepast.pdf');
  await expectNoViolations(page);
});

test('the file check is reached and used with the keyboard alone', async ({ page, request }) => {
  const made = await automaticRequestViaApi(request);
  const code = made.documents[0]!.verificationCode!;
  await page.goto(`/verifieer/${code}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Echt document' })).toBeVisible();

  const input = page.getByLabel('Kies het PDF-bestand');
  for (let i = 0; i < 40 && !(await input.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(input).toBeFocused();
  const choosing = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  const chooser = await choosing;
  await chooser.setFiles({ name: 'geen-pdf.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Dit is geen pdf') });
  await expect(page.getByRole('status').filter({ hasText: 'geen-pdf.pdf' })).toContainText('Dit bestand is geen PDF-bestand.');
});
