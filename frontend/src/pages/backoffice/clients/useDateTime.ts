import { useTimeZone } from '../../../i18n/format';
import { locale, useI18n } from '../../../i18n/i18n';

/** Date and time, short, in the municipality's time zone and the page's language. */
export function useDateTime(): Intl.DateTimeFormat {
  const { lang } = useI18n();
  const timeZone = useTimeZone();
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone });
}
