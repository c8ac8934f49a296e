import { expect, test, type Locator, type Page } from '@playwright/test';
import { activate, expectFocusVisible, tabTo, typeInto } from './support/a11y';
import { JAN, REFERENCE } from './support/citizen';
import { AN, MOHAMED, manualRequestForMohamed, requestStatus } from './support/staff';

/*
 * Everything here is done the way someone without a mouse does it: Tab and Shift+Tab to move,
 * Enter and Space to press, arrows inside a group of radio buttons, typing into the field that
 * has the focus. No click, no fill; page.goto only where a person would open a link from an
 * e-mail or type an address. Each element reached must show that it has the focus.
 */

/** Moves into a group of radio buttons with Tab, then with the arrows to `radio`, and checks it. */
async function chooseRadio(page: Page, group: Locator, radio: Locator) {
  await tabTo(page, group);
  for (let step = 0; step < 10; step++) {
    if (await radio.evaluate((el) => el === document.activeElement)) {
      if (!(await radio.isChecked())) await page.keyboard.press('Space');
      await expect(radio).toBeChecked();
      await expectFocusVisible(page);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the arrows did not reach ${radio.toString()}`);
}

/** Staff sign in through the mock municipal login with the keyboard, and land on `next`. */
async function signInStaffByKeyboard(page: Page, username: string, next: string) {
  await page.goto(`/medewerkers/aanmelden?next=${encodeURIComponent(next)}`);
  await activate(page, page.getByRole('link', { name: 'Aanmelden met je account van de gemeente' }));
  await expect(page).toHaveURL(/\/ontwikkeling\/idp\/gemeente\?/);
  await typeInto(page, page.getByRole('textbox', { name: 'Gebruikersnaam' }), username);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname + url.search === next);
}

test('a citizen asks a residence certificate with the keyboard alone, from the start page to the confirmation', async ({ page }) => {
  await page.goto('/');
  // The first Tab reaches the skip link, which shows itself.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await expectFocusVisible(page);

  await activate(page, page.getByRole('link', { name: 'Bewijs van woonst', exact: true }));
  await expect(page).toHaveURL(/\/documenten\/bewijs-van-woonst$/);
  await activate(page, page.getByRole('main').getByRole('link', { name: 'Aanvragen', exact: true }));
  await expect(page).toHaveURL(/\/aanvragen\/bewijs-van-woonst$/);
  await activate(page, page.getByRole('main').getByRole('link', { name: 'Aanmelden', exact: true }));

  await expect(page).toHaveURL(/\/aanmelden\?/);
  await activate(page, page.getByRole('button', { name: 'Aanmelden met itsme' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Federale authenticatiedienst (test)' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'itsme' })).toBeChecked();
  await typeInto(page, page.getByRole('textbox', { name: 'Rijksregisternummer' }), JAN.formatted);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/aanvragen\/bewijs-van-woonst\/gegevens$/);
  await expect(page.getByRole('region', { name: 'Gegevens uit het rijksregister' })).toBeVisible();
  await typeInto(page, page.getByRole('textbox', { name: 'Waarvoor heb je het document nodig?' }), 'Voor mijn huurcontract');
  await activate(page, page.getByRole('button', { name: 'Volgende' }));

  await expect(page.getByRole('heading', { level: 1, name: 'Kijk je aanvraag na' })).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Opslaan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeVisible();
  await expect(page.locator('.reference-panel__number')).toHaveText(REFERENCE);
});

test('staff deliver, refuse and cancel requests with the keyboard alone', async ({ page, request }) => {
  const toDeliver = await manualRequestForMohamed(request);
  const toRefuse = await manualRequestForMohamed(request, 'nationaliteitsbewijs');
  const toCancel = await manualRequestForMohamed(request);

  // Deliver by post to the person concerned.
  await signInStaffByKeyboard(page, AN.username, `/behandelportaal/aanvragen/${toDeliver.reference}`);
  await expect(requestStatus(page)).toHaveText('In behandeling');
  await activate(page, page.getByRole('main').getByRole('button', { name: 'Afleveren', exact: true }));
  const deliver = page.getByRole('dialog', { name: `Aanvraag ${toDeliver.reference} afleveren` });
  await expect(deliver).toBeVisible();
  await chooseRadio(page, deliver.getByRole('group', { name: 'Hoe lever je het document af?' }), deliver.getByRole('radio', { name: 'Per post' }));
  await chooseRadio(
    page,
    deliver.getByRole('group', { name: 'Naar wie sturen we de brief?' }),
    deliver.getByRole('radio', { name: `De betrokkene: ${MOHAMED.name}` }),
  );
  await activate(page, deliver.getByRole('button', { name: 'Afleveren' }));
  await expect(deliver).toBeHidden();
  await expect(requestStatus(page)).toHaveText('Wordt per post verstuurd');

  // Refuse, with a reason.
  await page.goto(`/behandelportaal/aanvragen/${toRefuse.reference}`);
  await expect(requestStatus(page)).toHaveText('In behandeling');
  await activate(page, page.getByRole('main').getByRole('button', { name: 'Weigeren', exact: true }));
  const refuse = page.getByRole('dialog', { name: `Aanvraag ${toRefuse.reference} weigeren` });
  await typeInto(page, refuse.getByRole('textbox', { name: 'Reden van de weigering' }), 'Er is geen volmacht van de betrokkene.');
  await activate(page, refuse.getByRole('button', { name: 'Aanvraag weigeren' }));
  await expect(requestStatus(page)).toHaveText('Geweigerd');

  // Cancel.
  await page.goto(`/behandelportaal/aanvragen/${toCancel.reference}`);
  await expect(requestStatus(page)).toHaveText('In behandeling');
  await activate(page, page.getByRole('main').getByRole('button', { name: 'Annuleren', exact: true }));
  const cancel = page.getByRole('dialog', { name: `Aanvraag ${toCancel.reference} annuleren` });
  await expect(cancel).toBeVisible();
  await typeInto(page, cancel.getByRole('textbox', { name: 'Uitleg voor de aanvrager' }), 'De betrokkene vroeg het document zelf al aan.');
  await activate(page, cancel.getByRole('button', { name: 'Aanvraag annuleren' }));
  await expect(requestStatus(page)).toHaveText('Geannuleerd');
});

test('staff search and download the Excel report with the keyboard alone', async ({ page, request }) => {
  await manualRequestForMohamed(request);
  await signInStaffByKeyboard(page, AN.username, '/behandelportaal/zoeken');
  await typeInto(page, page.getByRole('textbox', { name: 'Naam' }), 'amrani');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Resultaten' })).toBeVisible();
  await expect(page).toHaveURL(/name=amrani/);

  const exportButton = page.getByRole('button', { name: 'Download Excel-rapport' });
  const downloading = page.waitForEvent('download');
  await activate(page, exportButton);
  expect((await downloading).suggestedFilename()).toMatch(/\.xlsx$/);
  // Said in a live region, and the focus stayed on the button: the person goes on from there.
  await expect(page.getByRole('status').filter({ hasText: /Het Excel-rapport .*\.xlsx is gedownload\./ })).toBeVisible();
  await expect(exportButton).toBeFocused();
  await expectFocusVisible(page);
});
