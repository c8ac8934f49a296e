import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';

/**
 * The languages the SPA offers, the one place the language loops of the e2e suite read: adding
 * a language to the UI is adding its code here.
 */
export const LANGS = ['nl', 'fr', 'de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Catalogue = Record<string, string>;
const catalogues = new Map<string, Catalogue>();

function catalogue(lang: string): Catalogue {
  let found = catalogues.get(lang);
  if (!found) {
    // The SPA's own message files, so a test finds a button by the words the SPA shows.
    found = JSON.parse(readFileSync(new URL(`../../../frontend/src/i18n/${lang}.json`, import.meta.url), 'utf8')) as Catalogue;
    catalogues.set(lang, found);
  }
  return found;
}

/** A message as the SPA words it in `lang` (Dutch where that language lacks it, as the SPA does). */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogue(lang)[key] ?? catalogue('nl')[key];
  if (template === undefined) throw new Error(`no message "${key}" in nl.json`);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Every page this context loads starts in `lang`, as if the person had chosen it before. */
export async function useLanguage(context: BrowserContext, lang: Lang) {
  await context.addInitScript((chosen) => window.localStorage.setItem('loket.lang', chosen), lang);
}
