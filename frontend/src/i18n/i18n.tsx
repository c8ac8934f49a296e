import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import nl from './nl.json';

/** Dutch is the source language: every key exists in nl.json, the others may lag behind. */
export type MessageKey = keyof typeof nl;
export type Lang = 'nl' | 'fr' | 'de' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;
type Catalogue = Partial<Record<MessageKey, string>>;

export const LANGS: readonly Lang[] = ['nl', 'fr', 'de', 'en'];
const STORAGE_KEY = 'loket.lang';

/**
 * Dutch is in the main bundle: it is the default and the fallback of every message. Each other
 * language is a chunk of its own, fetched only when someone chooses it (or chose it before), so
 * a first visit does not download three catalogues it will not show.
 */
const loaders: Record<Exclude<Lang, 'nl'>, () => Promise<{ default: Catalogue }>> = {
  fr: () => import('./fr.json'),
  de: () => import('./de.json'),
  en: () => import('./en.json'),
};
const catalogues: Partial<Record<Lang, Catalogue>> = { nl };
const loading = new Map<Lang, Promise<void>>();

/** Whether a language's messages are here, so `translate` words it rather than falling back. */
export function isLoaded(lang: Lang): boolean {
  return catalogues[lang] !== undefined;
}

/** Fetches a language's messages once; later calls share the same fetch. */
export function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'nl' || isLoaded(lang)) return Promise.resolve();
  let pending = loading.get(lang);
  if (!pending) {
    pending = loaders[lang]().then(
      (module) => {
        catalogues[lang] = module.default;
      },
      (error: unknown) => {
        // Let a later choice try again (the network may be back).
        loading.delete(lang);
        throw error;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

/** A message in a language; in Dutch while that language is not loaded (see `loadLanguage`) or lacks it. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = catalogues[lang]?.[key] ?? nl[key];
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
