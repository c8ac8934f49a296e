import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import nlCore from 'virtual:messages/nl/core';
import type nl from './nl.json';
import type { MessagePart } from './parts';

/** Dutch is the source language: every key exists in nl.json, the others may lag behind. */
export type MessageKey = keyof typeof nl;
export type Lang = 'nl' | 'fr' | 'de' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;
type Catalogue = Partial<Record<MessageKey, string>>;
type Loader = () => Promise<{ default: Catalogue }>;

export const LANGS: readonly Lang[] = ['nl', 'fr', 'de', 'en'];
const STORAGE_KEY = 'loket.lang';

/**
 * The core of Dutch is in the main bundle: it is the default and the fallback of every
 * message. Everything else is a chunk of its own (parts.ts): another language's core when
 * someone chooses it (or chose it before), and the rest of the messages with the first page
 * that needs them, so a first visit downloads only what the start page shows.
 */
const loaders: Record<Lang, Record<MessagePart, Loader>> = {
  nl: { core: () => Promise.resolve({ default: nlCore }), rest: () => import('virtual:messages/nl/rest') },
  fr: { core: () => import('virtual:messages/fr/core'), rest: () => import('virtual:messages/fr/rest') },
  de: { core: () => import('virtual:messages/de/core'), rest: () => import('virtual:messages/de/rest') },
  en: { core: () => import('virtual:messages/en/core'), rest: () => import('virtual:messages/en/rest') },
};
const catalogues: Partial<Record<Lang, Catalogue>> = { nl: { ...nlCore } };
const loaded = new Set<string>(['nl/core']);
const loading = new Map<string, Promise<void>>();
/** Whether a page needed the rest of the messages: from then on every language loads it too. */
let restWanted = false;
/** Keys asked for but in no loaded catalogue (a page that did not wait for its part). */
const missing = new Set<string>();

/** Fetches one part of one language once; later calls share the same fetch. */
function loadPart(lang: Lang, part: MessagePart): Promise<void> {
  const id = `${lang}/${part}`;
  if (loaded.has(id)) return Promise.resolve();
  let pending = loading.get(id);
  if (!pending) {
    pending = loaders[lang][part]().then(
      (module) => {
        catalogues[lang] = { ...catalogues[lang], ...module.default };
        loaded.add(id);
      },
      (error: unknown) => {
        // Let a later choice try again (the network may be back).
        loading.delete(id);
        throw error;
      },
    );
    loading.set(id, pending);
  }
  return pending;
}

/** Whether a language's messages are here, so `translate` words it rather than falling back. */
export function isLoaded(lang: Lang): boolean {
  return loaded.has(`${lang}/core`) && (!restWanted || loaded.has(`${lang}/rest`));
}

/** Fetches a language's messages: its core, and the rest once a page has needed it. */
export async function loadLanguage(lang: Lang): Promise<void> {
  const parts = [loadPart(lang, 'core')];
  if (restWanted) parts.push(loadPart(lang, 'rest'), loadPart('nl', 'rest'));
  await Promise.all(parts);
}

/** The rest of the messages, of Dutch and of every language chosen so far: before a page that needs them. */
export async function loadAllMessages(): Promise<void> {
  restWanted = true;
  await Promise.all(LANGS.filter((lang) => loaded.has(`${lang}/core`)).map(loadLanguage));
}

/** The keys translated so far without a message loaded for them: empty when every page waited for its part. */
export function missingMessages(): string[] {
  return [...missing];
}

/** Whether `key` has a message (in the Dutch loaded so far: codes are worded on the pages that load their part). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogues.nl ?? {}, key);
}

/** A message in a language; in Dutch while that language is not loaded (see `loadLanguage`) or lacks it. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = catalogues[lang]?.[key] ?? catalogues.nl?.[key];
  if (template === undefined) {
    missing.add(key);
    return key;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** BCP 47 tag for dates and numbers: Belgian variants of each language. */
export function locale(lang: Lang): string {
  return `${lang}-BE`;
}

/**
 * The language to start in: the link's `?lang=` (the QR code of a French document, a link in a
 * German e-mail), which is then remembered; else the one chosen before; else Dutch.
 */
function rememberedLang(): Lang {
  const asked = new URLSearchParams(window.location.search).get('lang');
  const linked = LANGS.find((l) => l === asked);
  if (linked) {
    localStorage.setItem(STORAGE_KEY, linked);
    return linked;
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGS.find((l) => l === stored) ?? 'nl';
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // The language on screen, always one whose messages are here. Null while a remembered
  // language is still being fetched: the page then shows nothing for that moment rather than
  // a flash of Dutch.
  const [lang, setShown] = useState<Lang | null>(() => {
    const remembered = rememberedLang();
    return isLoaded(remembered) ? remembered : null;
  });
  // The language asked for last: an earlier, slower fetch must not override it.
  const wanted = useRef<Lang | null>(null);

  const show = useCallback((next: Lang) => {
    wanted.current = next;
    void loadLanguage(next).then(
      () => {
        if (wanted.current === next) setShown(next);
      },
      // Its messages could not be fetched (offline, or a new release replaced the file): stay
      // in the language on screen, or Dutch, rather than show nothing.
      () => {
        if (wanted.current === next) setShown((current) => current ?? 'nl');
      },
    );
  }, []);

  useEffect(() => {
    if (lang === null) show(rememberedLang());
  }, [lang, show]);

  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);

  // Remembered at once; shown as soon as its messages are here (the current language stays until then).
  const setLang = useCallback(
    (next: Lang) => {
      localStorage.setItem(STORAGE_KEY, next);
      show(next);
    },
    [show],
  );

  const shown = lang ?? 'nl';
  const value = useMemo<I18n>(() => ({ lang: shown, setLang, t: (key, params) => translate(shown, key, params) }), [shown, setLang]);
  if (lang === null) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
