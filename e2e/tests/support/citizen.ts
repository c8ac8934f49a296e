import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const JAN = { nationalNumber: '85073003328', formatted: '85.07.30-033.28', name: 'Jan Peeters' };
export const ELS = { nationalNumber: '87021412436', firstName: 'Els', lastName: 'Janssens' };
export const REFERENCE = /^PA-\d{4}-\d{6}$/;

/** The digital keys of the federal login, by code, with the name of their button on /aanmelden. */
export const MEANS = {
  eid: 'eID-kaartlezer',
  itsme: 'itsme',
  mobile_app: 'Mobiele app',
  federal_token: 'Federaal token',
} as const;
export type Means = keyof typeof MEANS;

/**
 * From Loket's sign-in page (`/aanmelden?next=…`) through the mock federal login, as a citizen
 * does: choose the means, say who you are on the provider's page, and come back to `next`.
 */
export async function signInCitizen(page: Page, means: Means, nationalNumber: string) {
  await expect(page).toHaveURL(/\/aanmelden(\?|$)/);
  const next = new URL(page.url()).searchParams.get('next') ?? '/';
  await page.getByRole('button', { name: `Aanmelden met ${MEANS[means]}` }).click();

  await expect(page).toHaveURL(/\/ontwikkeling\/idp\/federaal\?/);
  await expect(page.getByRole('heading', { level: 1, name: 'Federale authenticatiedienst (test)' })).toBeVisible();
  const chosen = page.getByRole('group', { name: 'Met welke digitale sleutel meld je je aan?' });
  await expect(chosen.getByRole('radio', { name: MEANS[means] })).toBeChecked();
  await page.getByRole('textbox', { name: 'Rijksregisternummer' }).fill(nationalNumber);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();

  await expect(page).toHaveURL((url) => url.pathname + url.search === next);
  await expect(page.getByRole('navigation', { name: 'Je account' }).getByRole('button', { name: 'Afmelden' })).toBeVisible();
}

/** Through the mock federal login with itsme and a national register number. */
export async function signInWithItsme(page: Page, nationalNumber: string) {
  await signInCitizen(page, 'itsme', nationalNumber);
}

/** Opens a document, starts its request and signs in from the request's first step. */
export async function startSignedIn(page: Page, code: string, nationalNumber = JAN.formatted) {
  await page.goto(`/documenten/${code}`);
  await page.getByRole('link', { name: 'Aanvragen', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/aanvragen/${code}$`));
  await page.getByRole('main').getByRole('link', { name: 'Aanmelden', exact: true }).click();
  await signInWithItsme(page, nationalNumber);
  await expect(page).toHaveURL(new RegExp(`/aanvragen/${code}/gegevens$`));
  await expect(page.getByRole('region', { name: 'Gegevens uit het rijksregister' })).toBeVisible();
}

/** The reference number on the confirmation page. */
export async function confirmedReference(page: Page): Promise<string> {
  const reference = page.locator('.reference-panel__number');
  await expect(reference).toHaveText(REFERENCE);
  return (await reference.textContent())!.trim();
}

/** A bearer token for a test citizen, from the development helper of the API (demo only). */
export async function devToken(request: APIRequestContext, nationalNumber: string): Promise<string> {
  const response = await request.post('/api/v1/dev/token', { data: { nationalNumber } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A request made straight through the API: a residence certificate for Jan, delivered at once. */
export async function automaticRequestViaApi(request: APIRequestContext) {
  const token = await devToken(request, JAN.nationalNumber);
  const response = await request.post('/api/v1/requests', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      documentType: 'bewijs-van-woonst',
      forWhom: 'myself',
      forUse: 'belgium',
      purpose: 'Voor de e2e-tests',
      language: 'nl',
      delivery: 'digital',
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as {
    reference: string;
    requester: { email: string };
    documents: { verificationCode: string | null }[];
  };
}

/** The download link of the newest e-mail about a request, from the development outbox. */
export async function downloadLinkFor(request: APIRequestContext, reference: string): Promise<string> {
  const response = await request.get('/api/v1/dev/outbox?limit=500');
  const { items } = (await response.json()) as { items: { reference: string | null; body: string }[] };
  const mail = items.find((item) => item.reference === reference && /\/download\//.test(item.body));
  const link = mail?.body.match(/https?:\/\/\S+\/download\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, `an e-mail with a download link for ${reference}`).toBeTruthy();
  return new URL(link!).pathname;
}

/**
 * The confirmation link e-mailed to someone who asked for a document without signing in, from
 * the development outbox: the newest mail to `email` with a `/bevestigen/` link (it names no
 * request yet).
 */
export async function confirmationLinkFor(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.get('/api/v1/dev/outbox?limit=500');
  const { items } = (await response.json()) as { items: { reference: string | null; to: string; body: string; createdAt: string }[] };
  const mail = items
    .filter((item) => item.reference === null && item.to === email && /\/bevestigen\//.test(item.body))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const link = mail?.body.match(/https?:\/\/\S+\/bevestigen\/[A-Za-z0-9_-]+/)?.[0];
  expect(link, `an e-mail to ${email} with a confirmation link`).toBeTruthy();
  return new URL(link!).pathname;
}

/** Letters only, different on every run: a name or address that no other test uses. */
export function uniqueSuffix(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}
