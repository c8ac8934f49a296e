import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider, LANGS, loadLanguage, translate, useI18n } from './i18n';

describe('translate', () => {
  it('uses the chosen language once it is loaded, and fills in parameters', async () => {
    await Promise.all(LANGS.map(loadLanguage));
    expect(translate('nl', 'header.signIn')).toBe('Aanmelden');
    expect(translate('fr', 'header.signIn')).toBe('Se connecter');
    expect(translate('en', 'start.resultCount', { count: 3, term: 'woonst' })).toBe('3 documents found for ‘woonst’.');
  });

  it('falls back to Dutch for a message not yet translated, and for a language not yet loaded', async () => {
    // The real catalogues are complete, so load i18n afresh with a French one that lacks the key.
    vi.resetModules();
    vi.doMock('virtual:messages/fr/core', () => ({ default: { 'header.signIn': 'Se connecter' } }));
    try {
      const partial = await import('./i18n');
      expect(partial.isLoaded('fr')).toBe(false);
      expect(partial.translate('fr', 'header.signIn')).toBe('Aanmelden');
      await partial.loadLanguage('fr');
      expect(partial.translate('fr', 'header.signIn')).toBe('Se connecter');
      expect(partial.translate('fr', 'header.signOut')).toBe('Afmelden');
      // A message of the rest, not loaded yet, shows its key (and is noted) until a page loads it.
      expect(partial.translate('fr', 'tasks.empty')).toBe('tasks.empty');
      expect(partial.missingMessages()).toEqual(['tasks.empty']);
      await partial.loadAllMessages();
      expect(partial.translate('fr', 'tasks.empty')).toBe("Il n'y a aucune tâche.");
    } finally {
      vi.doUnmock('virtual:messages/fr/core');
      vi.resetModules();
    }
  });

  it('leaves unknown placeholders visible rather than dropping them', () => {
    expect(translate('nl', 'start.noResults', {})).toContain('{term}');
  });
});

function Probe() {
  const { t, setLang } = useI18n();
  return (
    <>
      <p>{t('header.signOut')}</p>
      <button onClick={() => setLang('en')}>en</button>
      <button onClick={() => setLang('de')}>de</button>
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
    expect(await screen.findByText('Sign out')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('loket.lang')).toBe('en');
    await userEvent.click(screen.getByRole('button', { name: 'de' }));
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    expect(screen.getByText(translate('de', 'header.signOut'))).toBeInTheDocument();
  });

  it('shows a remembered language from the first words, fetching its messages first', async () => {
    vi.resetModules();
    try {
      // A fresh module: nothing but Dutch is loaded yet, as on a first page load.
      const fresh = await import('./i18n');
      expect(fresh.isLoaded('fr')).toBe(false);
      localStorage.setItem('loket.lang', 'fr');
      const FreshProbe = () => <p>{fresh.useI18n().t('header.signOut')}</p>;
      const { container } = render(
        <fresh.I18nProvider>
          <FreshProbe />
        </fresh.I18nProvider>,
      );
      // No Dutch in the meantime: nothing until the French messages are here.
      expect(container).toBeEmptyDOMElement();
      expect(await screen.findByText('Se déconnecter')).toBeInTheDocument();
      expect(document.documentElement.lang).toBe('fr');
    } finally {
      vi.resetModules();
    }
  });

  it('opens in the language a link names (?lang=), and remembers it', async () => {
    localStorage.setItem('loket.lang', 'nl');
    window.history.pushState({}, '', '/verifieer/ABCD-EFGH-JKMN-PQRS?lang=de');
    try {
      render(
        <I18nProvider>
          <Probe />
        </I18nProvider>,
      );
      expect(await screen.findByText(translate('de', 'header.signOut'))).toBeInTheDocument();
      expect(document.documentElement.lang).toBe('de');
      expect(localStorage.getItem('loket.lang')).toBe('de');
    } finally {
      window.history.pushState({}, '', '/');
    }
  });

  it('stays in the language on screen when the next one cannot be fetched', async () => {
    vi.resetModules();
    vi.doMock('virtual:messages/en/core', () => {
      throw new Error('offline');
    });
    try {
      const fresh = await import('./i18n');
      const Switch = () => {
        const { t, setLang } = fresh.useI18n();
        return <button onClick={() => setLang('en')}>{t('header.signOut')}</button>;
      };
      render(
        <fresh.I18nProvider>
          <Switch />
        </fresh.I18nProvider>,
      );
      await userEvent.click(screen.getByRole('button', { name: 'Afmelden' }));
      await act(() => fresh.loadLanguage('en').catch(() => undefined));
      expect(screen.getByRole('button', { name: 'Afmelden' })).toBeInTheDocument();
      expect(document.documentElement.lang).toBe('nl');
    } finally {
      vi.doUnmock('virtual:messages/en/core');
      vi.resetModules();
    }
  });
});
