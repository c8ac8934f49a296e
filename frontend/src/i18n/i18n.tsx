import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import nl from './nl.json';
import fr from './fr.json';
import en from './en.json';

/** Dutch is the source language: every key exists in nl.json, fr/en may lag behind. */
export type MessageKey = keyof typeof nl;
export type Lang = 'nl' | 'fr' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LANGS: readonly Lang[] = ['nl', 'fr', 'en'];
const catalogs: Record<Lang, Partial<Record<MessageKey, string>>> = { nl, fr, en };
const STORAGE_KEY = 'loket.lang';

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = catalogs[lang][key] ?? nl[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** BCP 47 tag for dates and numbers: Belgian variants of each language. */
export function locale(lang: Lang): string {
  return `${lang}-BE`;
}

function initialLang(): Lang {
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
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
