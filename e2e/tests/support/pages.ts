import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { automaticRequestViaApi, confirmationLinkFor, downloadLinkFor, JAN, uniqueSuffix } from './citizen';
import { t, type Lang } from './i18n';
import { ADMIN, AN, manualRequestForMohamed, policeAdviceRequest, POLICE } from './staff';

/**
 * Called once a page (or a state of it: a dialog open, errors showing) is ready: `name` for the
 * failure message, its main heading, and its primary action where it has one.
 */
export type Visit = (name: string, heading: Locator, action?: Locator) => Promise<void>;

/**
 * The page's level-1 heading, once the page is done loading and speaks `lang`. A page after a
 * click is a chunk loaded on first use, and the previous page stays until it is there: its
 * `action`, when given, shows the new page has come.
 */
async function ready(page: Page, lang: Lang, action?: Locator): Promise<Locator> {
  if (action) await expect(action).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.getByText(t(lang, 'common.loading'), { exact: true })).toHaveCount(0);
  const heading = page.locator('h1').first();
  await expect(heading).toBeVisible();
  return heading;
}

/** Signs in through the staff sign-in page and the mock municipal login, in `lang`. */
export async function signInStaffIn(page: Page, lang: Lang, username: string, next?: string) {
  await page.context().clearCookies();
  await page.goto(next ? `/medewerkers/aanmelden?next=${encodeURIComponent(next)}` : '/medewerkers/aanmelden');
  await page.getByRole('link', { name: t(lang, 'staffLogin.submit') }).click();
  await expect(page).toHaveURL(/\/ontwikkeling\/idp\/gemeente\?/);
  await page.getByRole('textbox', { name: t(lang, 'mockMunicipal.username') }).fill(username);
  await page.getByRole('button', { name: t(lang, 'mockIdp.submit'), exact: true }).click();
  await expect(page.getByRole('button', { name: t(lang, 'header.signOut') })).toBeVisible();
}

/**
 * Every page of the SPA's router (frontend/src/app/routes.tsx) that citizens, staff, police and
 * the demo's test pages show, with the states worth checking (errors showing, dialogs open), in
 * one language: `visit` is called on each. Data comes from the API first, so each page has
 * something to show.
 */
export async function walkEveryPage(page: Page, request: APIRequestContext, lang: Lang, visit: Visit) {
  const tr = (key: string, params?: Record<string, string | number>) => t(lang, key, params);
  const made = await automaticRequestViaApi(request);
  const manual = await manualRequestForMohamed(request);
  await policeAdviceRequest(request);
  const main = page.getByRole('main');
  const go = async (name: string, path: string, action?: Locator) => {
    await page.goto(path);
    await visit(name, await ready(page, lang, action), action);
  };
  const here = async (name: string, action?: Locator) => visit(name, await ready(page, lang, action), action);

  // The citizen's pages, without signing in.
  await go('start page', '/', main.getByRole('link').first());
  await go('document page', '/documenten/strafregister-596-2', main.getByRole('link', { name: tr('document.request'), exact: true }));
  const withoutSignIn = main.getByRole('link', { name: tr('requestStart.withoutSignIn') });
  await go('request: sign in or not', '/aanvragen/strafregister-595', withoutSignIn);
  await withoutSignIn.click();
  const next = page.getByRole('button', { name: tr('requestForm.next') });
  await here('request form without signing in', next);
  await next.click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await here('request form with its errors', next);
  const email = `piet.${uniqueSuffix()}@example.be`;
  await page.getByRole('textbox', { name: tr('requestForm.firstName') }).fill('Piet');
  await page.getByRole('textbox', { name: tr('requestForm.lastName') }).fill('Pieters');
  await page.getByLabel(tr('requestForm.birthDate')).fill('1990-05-12');
  await page.getByRole('textbox', { name: tr('requestForm.email') }).fill(email);
  await page.getByRole('textbox', { name: tr('requestForm.purpose') }).fill('Sollicitatie');
  await next.click();
  const save = page.getByRole('button', { name: tr('requestOverview.submit') });
  await here('request overview without signing in', save);
  await save.click();
  await expect(page.getByRole('heading', { level: 1, name: tr('awaitingConfirmation.heading') })).toBeVisible();
  await here('request awaiting its e-mail confirmation');
  const confirm = page.getByRole('button', { name: tr('confirmRequest.button') });
  await go('confirming a request', await confirmationLinkFor(request, email), confirm);
  await confirm.click();
  await expect(page.getByRole('heading', { level: 1, name: tr('confirmRequest.confirmedHeading') })).toBeVisible();
  await here('request confirmed');
  await page.goto('/bevestigen/deze-link-bestaat-niet');
  await confirm.click();
  await expect(page.getByRole('heading', { level: 1, name: tr('confirmRequest.unknownHeading') })).toBeVisible();
  await here('confirmation link unknown');
  await go('deed request form', '/aanvragen/geboorteakte/gegevens', next);

  await go('download page', await downloadLinkFor(request, made.reference), main.getByRole('button').first());
  await go('download link unknown', '/download/onbekende-link');
  await go('verify page', '/verifieer', main.getByRole('button', { name: tr('verify.submit') }));
  await go('verify: a real document', `/verifieer/${made.documents[0]!.verificationCode}`);
  await go('verify: an unknown code', '/verifieer/AAAA-BBBB-CCCC-DDDD');
  await go('page not found', '/deze-pagina-bestaat-niet');

  // The demo's test pages.
  await go('sent e-mails', '/ontwikkeling/e-mails');
  await page.getByRole('button', { expanded: false }).first().click();
  await here('sent e-mails with one open');
  const addDeed = main.getByRole('button', { name: tr('dabs.submit') });
  await go('mock DABS', '/ontwikkeling/dabs', addDeed);
  await addDeed.click();
  await expect(page.getByRole('heading', { name: tr('errorSummary.title') })).toBeVisible();
  await here('mock DABS with its errors', addDeed);

  // Signing in as a citizen, with the mock federal login.
  await go('citizen sign-in', '/aanmelden?next=%2Faanvragen%2Fbewijs-van-woonst%2Fgegevens');
  await page.getByRole('button', { name: tr('signIn.useMeans', { means: tr('authMeans.itsme') }) }).click();
  const signIn = page.getByRole('button', { name: tr('mockIdp.submit'), exact: true });
  await here('mock federal login', signIn);
  await signIn.click();
  await expect(page.getByRole('textbox', { name: tr('signIn.nationalNumber.label') })).toHaveAttribute('aria-invalid', 'true');
  await here('mock federal login with its errors', signIn);
  await page.getByRole('button', { name: tr('mockIdp.cancel') }).click();
  await expect(page).toHaveURL(/\/aanmelden\/mislukt/);
  await here('sign-in failed');
  await page.goto('/aanmelden?next=%2Faanvragen%2Fbewijs-van-woonst%2Fgegevens');
  await page.getByRole('button', { name: tr('signIn.useMeans', { means: tr('authMeans.itsme') }) }).click();
  await page.getByRole('textbox', { name: tr('signIn.nationalNumber.label') }).fill(JAN.nationalNumber);
  await signIn.click();
  await expect(page).toHaveURL(/\/aanvragen\/bewijs-van-woonst\/gegevens$/);
  await here('request form, signed in', next);
  await page.getByRole('textbox', { name: tr('requestForm.purpose') }).fill('Voor mijn huurcontract');
  await next.click();
  await here('request overview, signed in', save);
  await save.click();
  await expect(page.getByRole('heading', { level: 1, name: tr('confirmation.readyHeading') })).toBeVisible();
  await here('request confirmation');
  await go('my requests', '/mijn-aanvragen');
  await go('one of my requests', `/mijn-aanvragen/${made.reference}`);
  await go('mock My eBox', '/ontwikkeling/ebox');

  // Staff.
  await page.context().clearCookies();
  const staffSignIn = main.getByRole('link', { name: tr('staffLogin.submit') });
  await go('staff sign-in', '/medewerkers/aanmelden', staffSignIn);
  await staffSignIn.click();
  const staffSubmit = page.getByRole('button', { name: tr('mockIdp.submit'), exact: true });
  await here('mock municipal login', staffSubmit);
  await staffSubmit.click();
  await expect(page.getByRole('textbox', { name: tr('mockMunicipal.username') })).toHaveAttribute('aria-invalid', 'true');
  await here('mock municipal login with its error', staffSubmit);
  await signInStaffIn(page, lang, AN.username);
  await here('all tasks');
  await main
    .getByRole('button', { name: new RegExp(`^${tr('tasks.assign')}`) })
    .first()
    .click();
  await expect(page.getByRole('combobox', { name: tr('tasks.assignTo') })).toBeVisible();
  await here('all tasks, assigning one');
  await go('my tasks', '/behandelportaal/mijn-taken');
  await go('parked tasks', '/behandelportaal/geparkeerde-taken');
  await go('failed deliveries', '/behandelportaal/mislukte-leveringen');
  await go('search', '/behandelportaal/zoeken?name=amrani&status=in_progress', main.getByRole('button', { name: tr('export.button') }));
  await expect(page.getByRole('table', { name: tr('search.results') })).toBeVisible();
  await page.getByRole('button', { name: tr('filters.saveButton') }).click();
  await expect(page.getByRole('dialog', { name: tr('filters.saveTitle') })).toBeVisible();
  await here('search, saving a filter');

  const staffRequest = `/behandelportaal/aanvragen/${manual.reference}`;
  const deliver = main.getByRole('button', { name: tr('staffAction.deliver'), exact: true });
  await go('a request in the back office', staffRequest, deliver);
  await deliver.click();
  const deliverDialog = page.getByRole('dialog', { name: tr('deliver.title', { reference: manual.reference }) });
  await deliverDialog.getByRole('radio', { name: tr('deliver.post') }).check();
  await expect(deliverDialog.getByRole('group', { name: tr('deliver.recipient') })).toBeVisible();
  await here('deliver dialog', deliverDialog.getByRole('button', { name: tr('deliver.submit') }));
  await page.goto(`${staffRequest}?actie=afleveren`);
  await deliverDialog.getByRole('button', { name: tr('deliver.submit') }).click();
  await expect(deliverDialog.getByRole('heading', { name: tr('errorSummary.title') })).toBeVisible();
  await here('deliver dialog with its errors', deliverDialog.getByRole('button', { name: tr('deliver.submit') }));
  await page.keyboard.press('Escape');
  await main.getByRole('button', { name: tr('staffAction.refuse'), exact: true }).click();
  const refuseDialog = page.getByRole('dialog', { name: tr('refuse.title', { reference: manual.reference }) });
  await refuseDialog.getByRole('button', { name: tr('refuse.submit') }).click();
  await expect(refuseDialog.getByRole('textbox', { name: tr('refuse.reason') })).toHaveAttribute('aria-invalid', 'true');
  await here('refuse dialog with its error', refuseDialog.getByRole('button', { name: tr('refuse.submit') }));
  await page.keyboard.press('Escape');
  await main.getByRole('button', { name: tr('staffAction.cancel'), exact: true }).click();
  const cancelDialog = page.getByRole('dialog', { name: tr('cancel.title', { reference: manual.reference }) });
  await here('cancel dialog', cancelDialog.getByRole('button', { name: tr('cancel.submit') }));
  await page.keyboard.press('Escape');

  // An administrator's pages.
  await signInStaffIn(page, lang, ADMIN.username);
  await go('audit trail', `/behandelportaal/audittrail?reference=${manual.reference}`);
  await go('audit trail with an error', '/behandelportaal/audittrail?person=12345678901');
  await expect(page.getByRole('textbox', { name: tr('audit.person') })).toHaveAttribute('aria-invalid', 'true');
  await go('API clients', '/behandelportaal/koppelingen');

  // The police.
  await signInStaffIn(page, lang, POLICE.username);
  await here('police advice requests', main.getByRole('button', { name: new RegExp(`^${tr('police.submit')}`) }).first());
}
