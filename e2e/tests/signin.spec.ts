import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { JAN, confirmedReference, signInCitizen } from './support/citizen';
import { AN, signInStaff } from './support/staff';

const PURPOSE = 'Waarvoor heb je het document nodig?';

/** The session cookie the API set in this browser. */
async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => /loket_session$/.test(c.name));
  expect(cookie, 'the session cookie').toBeDefined();
  return cookie!;
}

/** Everything this page keeps in localStorage and sessionStorage, as one string. */
function webStorage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i)!).map((key) => [key, storage.getItem(key)]);
    return JSON.stringify([dump(localStorage), dump(sessionStorage)]);
  });
}

test('a citizen signs in with itsme, submits a request, stays signed in after a reload, and signing out ends the session', async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto('/documenten/bewijs-van-woonst');
  await page.getByRole('link', { name: 'Aanvragen', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Aanmelden', exact: true }).click();
  await signInCitizen(page, 'itsme', JAN.formatted);

  await expect(page).toHaveURL(/\/aanvragen\/bewijs-van-woonst\/gegevens$/);
  const account = page.getByRole('navigation', { name: 'Je account' });
  await expect(account).toContainText(JAN.name);
  await expect(account).toContainText('Aangemeld met itsme');
  await expect(page.getByRole('region', { name: 'Gegevens uit het rijksregister' })).toContainText(JAN.formatted);

  // Submitting is a POST: it needs the CSRF token that the SPA sends along.
  await page.getByRole('textbox', { name: PURPOSE }).fill('Voor mijn huurcontract');
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Je document is klaar' })).toBeVisible();
  const reference = await confirmedReference(page);

  await page.getByRole('link', { name: 'Mijn aanvragen' }).first().click();
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/\/mijn-aanvragen$/);
  await expect(account).toContainText(JAN.name);
  await expect(page.getByRole('link', { name: reference })).toBeVisible();

  // The cookie works from anywhere while the session lasts…
  const cookie = await sessionCookie(page.context());
  const outsider = await playwright.request.newContext({ baseURL });
  try {
    const before = await outsider.get('/api/v1/me', { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    expect(before.status()).toBe(200);
    expect(await before.json()).toMatchObject({ name: JAN.name, role: 'citizen' });

    await account.getByRole('button', { name: 'Afmelden' }).click();
    await expect(account.getByRole('link', { name: 'Aanmelden' })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(JAN.name)).toHaveCount(0);

    // …and not at all once signed out, even for someone who kept a copy.
    const after = await outsider.get('/api/v1/me', { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    expect(after.status()).toBe(401);
  } finally {
    await outsider.dispose();
  }
});

test('a citizen who signs in with eID sees that they did', async ({ page }) => {
  await page.goto('/aanmelden?next=%2Fmijn-aanvragen');
  await signInCitizen(page, 'eid', JAN.formatted);

  await expect(page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Je account' })).toContainText('Aangemeld met eID');
  const me = await page.request.get('/api/v1/me');
  expect(await me.json()).toMatchObject({ name: JAN.name, authMeans: 'eid' });
});

test('a staff member signs in through the municipal login and reaches the inbox', async ({ page }) => {
  await signInStaff(page, { name: AN.name });

  await expect(page).toHaveURL(/\/behandelportaal$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Alle taken' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Je account' })).toContainText(AN.name);
});

test('no Loket page keeps the session in Web Storage, and the session cookie is HttpOnly', async ({ page }) => {
  await page.goto('/aanmelden?next=%2Fmijn-aanvragen');
  await page.getByRole('button', { name: 'Aanmelden met itsme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Federale authenticatiedienst (test)' })).toBeVisible();
  expect(await webStorage(page)).not.toMatch(/csrf|session|token/i);
  await page.goto('/aanmelden?next=%2Fmijn-aanvragen');
  await signInCitizen(page, 'itsme', JAN.formatted);

  const cookie = await sessionCookie(page.context());
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');
  const { csrfToken } = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  expect(csrfToken).toBeTruthy();

  const account = page.getByRole('navigation', { name: 'Je account' });
  for (const path of ['/mijn-aanvragen', '/', '/aanvragen/bewijs-van-woonst/gegevens', '/verifieer']) {
    await page.goto(path);
    await expect(account).toContainText(JAN.name);
    const stored = await webStorage(page);
    expect(stored, path).not.toMatch(/csrf|session|token/i);
    expect(stored, path).not.toContain(csrfToken);
    expect(stored, path).not.toContain(cookie.value);
    expect(await page.evaluate(() => document.cookie), path).not.toContain(cookie.value);
  }
});
