import { useMemo } from 'react';
import { useHealth } from '../hooks/useHealth';
import { locale, useI18n } from './i18n';

/** The municipality's zone until the API has said which it is (`timeZone` of `/api/health`). */
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

/** Whether this browser knows the zone (an unknown one would make Intl throw). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The municipality's time zone, as the API gives it: dates and times are shown as the
 * municipality lives them, whatever the browser's zone.
 */
export function useTimeZone(): string {
  const health = useHealth();
  const zone = health.status === 'ok' ? health.data.timeZone : undefined;
  return zone && knownZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

export interface Format {
  /** A calendar date (`1985-07-30`) or the day of a moment, e.g. "30 juli 1985". */
  date: (value: string) => string;
  /** A moment, e.g. "4 maart 2026 om 10:15". */
  dateTime: (value: string) => string;
  /** A country's name for its ISO 3166-1 alpha-2 code (`NL` → "Nederland"); other text as it is. */
  country: (code: string) => string;
}

/** Names of countries in this language, from the browser's CLDR data; the code when unknown. */
function countryNames(tag: string): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' });
  } catch {
    names = undefined;
  }
  return (code) => {
    if (!names || !/^[A-Z]{2}$/.test(code)) return code;
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
}

export function useFormat(): Format {
  const { lang } = useI18n();
  const timeZone = useTimeZone();
  return useMemo(() => {
    const tag = locale(lang);
    // A bare date has no zone: read it in UTC so it never moves to the day before.
    const day = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
    const dayHere = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone });
    const moment = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone });
    const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
    const safe = (format: (d: Date) => string) => (value: string) => {
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : format(parsed);
    };
    return {
      date: (value) => (isDate(value) ? safe((d) => day.format(d))(value) : safe((d) => dayHere.format(d))(value)),
      dateTime: safe((d) => moment.format(d)),
      country: countryNames(tag),
    };
  }, [lang, timeZone]);
}
