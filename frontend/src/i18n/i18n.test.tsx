import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';
import { I18nProvider, translate, useI18n } from './i18n';

describe('translate', () => {
  it('uses the chosen language and fills in parameters', () => {
    expect(translate('nl', 'header.signIn')).toBe('Aanmelden');
    expect(translate('fr', 'header.signIn')).toBe('Se connecter');
    expect(translate('en', 'start.resultCount', { count: 3, term: 'woonst' })).toBe('3 documents found for ‘woonst’.');
  });

  it('falls back to Dutch for a message not yet translated', async () => {
    // The real catalogues are complete, so load i18n with a French one that lacks the key.
    vi.resetModules();
    vi.doMock('./fr.json', () => ({ default: { 'header.signIn': 'Se connecter' } }));
    try {
      const partial = await import('./i18n');
      expect(partial.translate('fr', 'header.signIn')).toBe('Se connecter');
      expect(partial.translate('fr', 'tasks.empty')).toBe('Er zijn geen taken.');
    } finally {
      vi.doUnmock('./fr.json');
      vi.resetModules();
    }
  });

  it('leaves unknown placeholders visible rather than dropping them', () => {
    expect(translate('nl', 'start.noResults', {})).toContain('{term}');
  });

  it('has no French or English keys that Dutch lacks', () => {
    const known = new Set(Object.keys(nl));
    expect(Object.keys(fr).filter((key) => !known.has(key))).toEqual([]);
    expect(Object.keys(en).filter((key) => !known.has(key))).toEqual([]);
  });

  it('has every Dutch message in French and English too', () => {
    expect(Object.keys(nl).filter((key) => !Object.hasOwn(fr, key))).toEqual([]);
    expect(Object.keys(nl).filter((key) => !Object.hasOwn(en, key))).toEqual([]);
  });
});

function Probe() {
  const { t, setLang } = useI18n();
  return (
    <>
      <p>{t('header.signOut')}</p>
      <button onClick={() => setLang('en')}>en</button>
    </>
  );
}

describe('I18nProvider', () => {
  it('switches language, remembers it and sets the document language', async () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Afmelden')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('nl');
    await userEvent.click(screen.getByRole('button', { name: 'en' }));
    expect(screen.getByText('Sign out')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('loket.lang')).toBe('en');
  });
});
