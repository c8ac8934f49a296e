import { LANGS, useI18n, type Lang } from '../../i18n/i18n';

const NAMES: Record<Lang, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

/** Each language named in itself, so people find theirs whatever the page's language. */
export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  return (
    <ul className="language-switcher" aria-label={t('header.language')}>
      {LANGS.map((code) => (
        <li key={code}>
          <button type="button" lang={code} className="language-switcher__button" aria-pressed={code === lang} onClick={() => setLang(code)}>
            {NAMES[code]}
          </button>
        </li>
      ))}
    </ul>
  );
}
