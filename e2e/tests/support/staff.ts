import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { devToken, JAN } from './citizen';

export const MOHAMED = { nationalNumber: '90112115716', firstName: 'Mohamed', lastName: 'El Amrani', name: 'Mohamed El Amrani' };
export const AN = { username: 'an.desmet', name: 'An De Smet' };
export const PIETER = { username: 'pieter.claes', name: 'Pieter Claes' };
export const POLICE = { username: 'politie.voorbeeldegem' };
export const ADMIN = { username: 'lotte.vermeulen', name: 'Lotte Vermeulen' };

/**
 * Through the staff sign-in page and the mock municipal login, as staff and police do; optionally
 * straight on to `next`. `who` is a test account's user name, or `{ name }` to click that
 * account in the provider's list.
 */
export async function signInStaff(page: Page, who: string | { name: string }, next?: string) {
  await page.goto(next ? `/medewerkers/aanmelden?next=${encodeURIComponent(next)}` : '/medewerkers/aanmelden');
  await page.getByRole('link', { name: 'Aanmelden met je account van de gemeente' }).click();

  await expect(page).toHaveURL(/\/ontwikkeling\/idp\/gemeente\?/);
  await expect(page.getByRole('heading', { level: 1, name: /^Aanmelden bij .* \(test\)$/ })).toBeVisible();
  if (typeof who === 'string') {
    await page.getByRole('textbox', { name: 'Gebruikersnaam' }).fill(who);
    await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  } else {
    await page
      .getByRole('region', { name: 'Testaccounts' })
      .getByRole('button', { name: `Aanmelden als ${who.name}` })
      .click();
  }
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeHidden();
}

interface Created {
  reference: string;
  status: string;
}

/** A request by Jan through the API; `body` adds to or overrides a request for himself. */
export async function requestByJan(request: APIRequestContext, body: Record<string, unknown>): Promise<Created> {
  const token = await devToken(request, JAN.nationalNumber);
  const response = await request.post('/api/v1/requests', {
    headers: { Authorization: `Bearer ${token}` },
    data: { forWhom: 'myself', forUse: 'belgium', purpose: 'Voor de e2e-tests', language: 'nl', delivery: 'digital', ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Created;
}

/** Jan asks a paper for Mohamed: never automatic, so a task "Aanvraag behandelen" appears. */
export async function manualRequestForMohamed(request: APIRequestContext, documentType = 'uittreksel-bevolkingsregister'): Promise<Created> {
  const created = await requestByJan(request, {
    documentType,
    forWhom: 'someone_else',
    subject: { firstName: MOHAMED.firstName, lastName: MOHAMED.lastName, nationalNumber: MOHAMED.nationalNumber },
    delivery: 'post',
  });
  expect(created.status).toBe('in_progress');
  return created;
}

/** Jan asks the model 596.2 extract for himself: the police are asked for advice first. */
export async function policeAdviceRequest(request: APIRequestContext): Promise<Created> {
  const created = await requestByJan(request, { documentType: 'strafregister-596-2', purpose: 'Begeleider jeugdkamp' });
  expect(created.status).toBe('awaiting_police_advice');
  return created;
}

export async function advanceClock(request: APIRequestContext, seconds: number) {
  const response = await request.post('/api/v1/dev/clock/advance', { data: { seconds } });
  expect(response.ok()).toBe(true);
}

export async function runJobs(request: APIRequestContext) {
  const response = await request.post('/api/v1/dev/jobs/run');
  expect(response.ok()).toBe(true);
}

/**
 * The inbox row of a request: pages through "Alle taken" with "Volgende" until it is there
 * (other tests leave tasks behind, oldest first).
 */
export async function inboxRow(page: Page, reference: string, heading = 'Alle taken') {
  const table = page.getByRole('table', { name: heading });
  await expect(table).toBeVisible();
  for (let pageNumber = 0; pageNumber < 50; pageNumber++) {
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: reference, exact: true }) });
    if ((await row.count()) > 0) return row.first();
    const next = page.getByRole('button', { name: 'Volgende', exact: true });
    if ((await next.count()) === 0) break;
    const before = await table.getByRole('link').first().textContent();
    await next.click();
    await expect(table.getByRole('link').first()).not.toHaveText(before ?? '');
  }
  throw new Error(`${reference} is not in "${heading}"`);
}

/** The status on a request's staff page. */
export function requestStatus(page: Page) {
  return page.locator('#request-status');
}
