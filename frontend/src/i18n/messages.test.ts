import de from './de.json';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';

/** Every catalogue against Dutch, the source language (the SPA's code uses its keys). */
const OTHERS: Record<string, Record<string, string>> = { fr, de, en };
const KEYS = Object.keys(nl);

/**
 * The SPA's own code, as text: where a key must appear for it to count as used. Tests do not
 * count (a key only a test reads shows nowhere), nor does the generated API schema.
 */
const SOURCES = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!../api/schema.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const CODE = Object.values(SOURCES).join('\n');

/**
 * Keys the code builds at run time from a code of the API (or of its own), `*` standing for
 * that code. Each is checked below to be still built that way somewhere.
 */
const BUILT = [
  // domain/requestLabels.ts: byCode(t, 'prefix', code) words an API code, or shows the code itself.
  'actorRole.*',
  'advice.*',
  'channel.*',
  'deedModel.*',
  'deedVariant.*',
  'delivery.*',
  'deliveryReason.*',
  'documentLanguage.*',
  'forUse.*',
  'forWhom.*',
  'historyAction.*',
  'manualReason.*',
  'manualReasonWhy.*',
  'outbox.status.*',
  'outsideSystem.*',
  'processing.*',
  'requestStatus.*',
  'staffAction.*',
  'taskStatus.*',
  'taskType.*',
  // domain/requestLabels.ts (documentTypeName), api/problemMessage.ts (a problem's code, a
  // field error's code, first for that field), pages/backoffice/audit/auditLabels.ts.
  'documentType.*',
  'error.*',
  'fieldError.*',
  'fieldError.*.*',
  'auditAction.*',
  'audit.entity.*',
  // pages/backoffice/clients/clientLabels.ts: an API client's scopes, webhook events and deliveries.
  'scope.*',
  'scopeHint.*',
  'webhookEvent.*',
  'webhookDelivery.*',
  // Pages and components, each from the code of the thing they show.
  'authMeans.*',
  'dabs.detail.*',
  'dabs.type.*',
  'deliver.*',
  'deliver.*Hint',
  'header.home.*',
  'header.signedInWith.*',
  'jobKind.*',
  'mockMunicipal.role.*',
  'requestActions.delivered.*',
  'session.*.text',
  'session.*.title',
  'signIn.means.*',
  'signIn.nationalNumber.*',
  'signInFailed.*.text',
  'signInFailed.*.title',
  'verify.status.*',
  'verify.statusText.*',
  'viewedBy.action.*',
  'viewedBy.role.*',
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A code in a key: a word, a slug (`documentType.akte-van-geboorte`), a scope (`scope.requests:read`) or a field's path (`requester.birthDate`). */
const keyShape = (pattern: string) => new RegExp(`^${pattern.split('*').map(escape).join('[\\w.:-]+')}$`);

/** Whether the code builds keys of this shape: a template literal, or a byCode prefix. */
function isBuilt(pattern: string): boolean {
  const template = new RegExp(`\`${pattern.split('*').map(escape).join('\\$\\{[^}]*\\}')}\``);
  const prefix = /^([\w.]+)\.\*$/.exec(pattern)?.[1];
  return template.test(CODE) || (prefix !== undefined && CODE.includes(`byCode(t, '${prefix}'`));
}

/** The placeholders of a message (`{name}`), sorted. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

describe('the message catalogues', () => {
  it.each(Object.keys(OTHERS))('%s has every Dutch key, with a message', (lang) => {
    const messages = OTHERS[lang]!;
    expect(KEYS.filter((key) => !messages[key]?.trim())).toEqual([]);
  });

  it.each(Object.keys(OTHERS))('%s has no key Dutch lacks', (lang) => {
    expect(Object.keys(OTHERS[lang]!).filter((key) => !Object.hasOwn(nl, key))).toEqual([]);
  });

  it.each(Object.keys(OTHERS))('%s has the placeholders of the Dutch message, no more and no fewer', (lang) => {
    const messages = OTHERS[lang]!;
    const differ = KEYS.filter((key) => key in messages && placeholders(messages[key]!).join() !== placeholders(nl[key as keyof typeof nl]).join());
    expect(differ).toEqual([]);
  });

  it('has no key the code does not use', () => {
    const shapes = BUILT.map(keyShape);
    const quoted = (key: string) => ["'", '"', '`'].some((quote) => CODE.includes(`${quote}${key}${quote}`));
    expect(KEYS.filter((key) => !quoted(key) && !shapes.some((shape) => shape.test(key)))).toEqual([]);
  });

  it('lists only keys the code still builds', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    expect(BUILT.filter((pattern) => !isBuilt(pattern))).toEqual([]);
  });
});
