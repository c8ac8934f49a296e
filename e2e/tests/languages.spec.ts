import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import en from '../../frontend/src/i18n/en.json' with { type: 'json' };
import fr from '../../frontend/src/i18n/fr.json' with { type: 'json' };
import nl from '../../frontend/src/i18n/nl.json' with { type: 'json' };
import { uniqueSuffix } from './support/citizen';
import { ADMIN, AN, MOHAMED, requestByJan, signInStaff } from './support/staff';

type Messages = Record<string, string>;

/** The vocabularies whose Dutch words must never reach a French or English page. */
const LABEL_KEYS = ['requestStatus.', 'taskType.', 'taskStatus.', 'manualReason.', 'processing.', 'staffAction.', 'documentType.'];

/** The Dutch labels the API used to send beside its codes. */
const API_LABELS = [
  'In behandeling',
  'Wacht op advies van de politie',
  'Wacht op de akte',
  'Wordt per post verstuurd',
  'Af te halen aan de balie',
  'Afgeleverd',
  'Geweigerd',
  'Geannuleerd',
  'Aanvraag behandelen',
  'Verzending bevestigen',
  'Afhaling bevestigen',
  'Advies geven',
  'Akte toevoegen',
  'De aanvrager was niet aangemeld',
  'De aanvraag is voor iemand anders',
  'Het document is voor gebruik in het buitenland',
  'Dit document wordt nooit automatisch afgeleverd',
  'De akte is niet beschikbaar in DABS',
];

const LANGUAGES = [
  { lang: 'fr', button: 'Français', messages: fr as Messages },
  { lang: 'en', button: 'English', messages: en as Messages },
] as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Dutch label as a whole word (or words): "open" does not match "Openstaand". */
const asWords = (label: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(label)}(?![\\p{L}\\p{N}])`, 'u');

/** The Dutch labels of the vocabularies that this language words differently, and the API's old ones. */
function dutchLabels(messages: Messages): string[] {
  const own = Object.entries(nl as Messages)
    .filter(([key, dutch]) => LABEL_KEYS.some((prefix) => key.startsWith(prefix)) && messages[key] !== dutch)
    .map(([, dutch]) => dutch);
  return [...new Set([...own, ...API_LABELS])];
}

/**
 * Every Dutch message without placeholders that this language words differently, except
 * Dutch that this language's messages quote themselves: a name, such as the module's
 * ‘Papieren en attesten’, not a label.
 */
function dutchMessages(messages: Messages): Set<string> {
  const quoted = (dutch: string) => Object.values(messages).some((message) => asWords(dutch).test(message));
  return new Set(
    Object.entries(nl as Messages)
      .filter(([key, dutch]) => !dutch.includes('{') && messages[key] !== dutch && !quoted(dutch))
      .map(([, dutch]) => dutch),
  );
}

/** What `main` shows that is Dutch: labels anywhere in its text, and lines or cells that are exactly a Dutch message. */
async function dutchOn(page: Page, messages: Messages): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const labels = dutchLabels(messages).filter((label) => asWords(label).test(text));
  const exact = dutchMessages(messages);
  const pieces = text
    .split(/[\n\t]/)
    .map((piece) => piece.trim())
    .filter((piece) => exact.has(piece));
  return [...new Set([...labels, ...pieces])];
}

async function switchTo(page: Page, lang: string, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Data of its own: a request for someone else (tasks, manual reasons, history) and one that waits for the police. */
async function requestsToShow(request: APIRequestContext) {
  const purpose = `Talen ${uniqueSuffix()}`;
  const manual = await requestByJan(request, {
    documentType: 'uittreksel-bevolkingsregister',
    forWhom: 'someone_else',
    subject: { firstName: MOHAMED.firstName, lastName: MOHAMED.lastName, nationalNumber: MOHAMED.nationalNumber },
    delivery: 'post',
    purpose,
  });
  expect(manual.status).toBe('in_progress');
  const police = await requestByJan(request, { documentType: 'strafregister-596-2', purpose });
  expect(police.status).toBe('awaiting_police_advice');
  return { purpose, manual: manual.reference, police: police.reference };
}

async function expectNoDutch(page: Page, path: string, loaded: () => Promise<void>, messages: Messages) {
  await page.goto(path);
  await loaded();
  expect(await dutchOn(page, messages), `Dutch on ${path}`).toEqual([]);
}

for (const { lang, button, messages } of LANGUAGES) {
  test(`${lang}: the staff pages show no Dutch labels`, async ({ page, request }) => {
    const { purpose, manual, police } = await requestsToShow(request);
    await signInStaff(page, AN.username);
    await switchTo(page, lang, button);

    const table = page.getByRole('table');
    await expectNoDutch(page, '/behandelportaal', () => expect(table).toBeVisible(), messages);
    await expectNoDutch(page, '/behandelportaal/geparkeerde-taken', () => expect(table).toBeVisible(), messages);
    await expectNoDutch(
      page,
      `/behandelportaal/zoeken?q=${encodeURIComponent(purpose)}`,
      // A header row and the two requests.
      () => expect(table.getByRole('row')).toHaveCount(3),
      messages,
    );
    for (const reference of [manual, police]) {
      await expectNoDutch(
        page,
        `/behandelportaal/aanvragen/${reference}`,
        async () => {
          await expect(page.locator('#request-status')).toBeVisible();
          await expect(page.locator('main ol li').first()).toBeVisible();
        },
        messages,
      );
    }
  });

  test(`${lang}: the audit trail shows no Dutch labels`, async ({ page, request }) => {
    const { manual } = await requestsToShow(request);
    await signInStaff(page, ADMIN.username);
    await switchTo(page, lang, button);
    await expectNoDutch(
      page,
      `/behandelportaal/audittrail?reference=${manual}`,
      () => expect(page.getByRole('table').getByRole('link', { name: manual }).first()).toBeVisible(),
      messages,
    );
  });
}
