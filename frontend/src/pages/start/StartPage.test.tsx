import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { calls, jsonResponse, mockApi } from '../../test/http';
import { catalogue, documentTypes, health } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

function mockCatalogueApi() {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/catalogue': catalogue,
    'GET /api/v1/document-types': (_request, url) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = Object.values(documentTypes).filter((doc) => doc.name.toLowerCase().includes(q));
      return jsonResponse({ items });
    },
  });
}

describe('StartPage', () => {
  it('shows the module with its categories and documents', async () => {
    mockCatalogueApi();
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Papieren en attesten aanvragen' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Papieren en attesten' })).toBeInTheDocument();
    const category = screen.getByRole('region', { name: 'Attesten uit het bevolkingsregister' });
    expect(within(category).getByRole('link', { name: 'Bewijs van woonst' })).toHaveAttribute('href', '/documenten/bewijs-van-woonst');
    expect(screen.getByRole('link', { name: 'Geboorteakte' })).toBeInTheDocument();
    expect(await screen.findByText('Gemeente Testdorp')).toBeInTheDocument();
  });

  it('filters the catalogue as the citizen types', async () => {
    const fetch = mockCatalogueApi();
    renderApp('/');
    await screen.findByRole('link', { name: 'Geboorteakte' });

    await userEvent.type(screen.getByRole('searchbox', { name: 'Zoek een document' }), 'woonst');

    expect(await screen.findByText('2 documenten gevonden voor ‘woonst’.')).toBeInTheDocument();
    const results = screen.getByRole('region', { name: 'Zoekresultaten' });
    expect(within(results).getByRole('link', { name: 'Bewijs van woonst' })).toBeInTheDocument();
    expect(within(results).getByRole('link', { name: 'Bewijs van woonst met historiek' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Geboorteakte' })).not.toBeInTheDocument();
    // Debounced: one search for the whole word, not one per key.
    expect(calls(fetch).filter((call) => call.startsWith('GET /api/v1/document-types'))).toEqual(['GET /api/v1/document-types?q=woonst']);
  });

  it('says so when nothing matches, and shows the catalogue again when the box is cleared', async () => {
    mockCatalogueApi();
    renderApp('/');
    const search = await screen.findByRole('searchbox', { name: 'Zoek een document' });

    await userEvent.type(search, 'paspoort');
    expect(await screen.findByText(/Geen documenten gevonden voor ‘paspoort’/)).toBeInTheDocument();

    await userEvent.clear(search);
    expect(await screen.findByRole('link', { name: 'Geboorteakte' })).toBeInTheDocument();
  });

  it('shows an error when the catalogue cannot be loaded', async () => {
    mockApi({ 'GET /api/health': health, 'GET /api/v1/catalogue': () => Promise.reject(new TypeError('fetch failed')) });
    renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('We kunnen de server niet bereiken');
  });
});

describe('the first load', () => {
  it('shows the start page with the core messages only, and a request page once the rest is there', async () => {
    // A fresh i18n module: Dutch's core and nothing else, as the main bundle has it.
    vi.resetModules();
    const i18n = await import('../../i18n/i18n');
    const fresh = await import('../../test/renderApp');
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/catalogue': catalogue,
      'GET /api/v1/document-types/bewijs-van-woonst': documentTypes.woonst,
    });
    fresh.renderApp('/');
    await userEvent.click(await screen.findByRole('link', { name: 'Bewijs van woonst' }));
    // The document page is a chunk of its own, shown once the rest of the messages came with it.
    expect(await screen.findByRole('heading', { level: 1, name: 'Bewijs van woonst' })).toBeInTheDocument();
    expect(i18n.missingMessages()).toEqual([]);
    vi.resetModules();
  });
});
