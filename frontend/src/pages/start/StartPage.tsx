import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Catalogue } from '../../api/types';
import { Loaded } from '../../components/Status/Loaded';
import { useDebounced } from '../../hooks/useDebounced';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { DocumentList } from './DocumentList';
import './StartPage.css';

const SEARCH_DELAY_MS = 250;

/** The citizen's start: the catalogue of the module, and a search over it. */
export function StartPage() {
  const { t } = useI18n();
  useDocumentTitle(undefined);
  const [query, setQuery] = useState('');
  const searchTerm = useDebounced(query.trim(), SEARCH_DELAY_MS);

  return (
    <>
      <h1>{t('start.heading')}</h1>
      <p className="lead">{t('start.intro')}</p>

      <form role="search" className="catalogue-search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="catalogue-search" className="catalogue-search__label">
          {t('start.searchLabel')}
        </label>
        <p id="catalogue-search-hint" className="muted">
          {t('start.searchHint')}
        </p>
        <input
          id="catalogue-search"
          type="search"
          className="catalogue-search__input"
          aria-describedby="catalogue-search-hint"
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </form>

      {searchTerm ? <SearchResults term={searchTerm} /> : <Catalogue />}
    </>
  );
}

function Catalogue() {
  const catalogue = useResource((signal) => unwrap(api.GET('/api/v1/catalogue', { signal })), []);
  return <Loaded resource={catalogue}>{(data) => <CatalogueView catalogue={data} />}</Loaded>;
}

function CatalogueView({ catalogue: { module, categories } }: { catalogue: Catalogue }) {
  return (
    <section aria-labelledby="module-heading" className="catalogue">
      <h2 id="module-heading">{module.name}</h2>
      <p>{module.description}</p>
      {categories.map((category) => (
        <section key={category.code} aria-labelledby={`category-${category.code}`} className="catalogue__category">
          <h3 id={`category-${category.code}`}>{category.name}</h3>
          {category.description && <p className="muted">{category.description}</p>}
          <DocumentList items={category.documentTypes} />
        </section>
      ))}
    </section>
  );
}

function SearchResults({ term }: { term: string }) {
  const { t } = useI18n();
  const results = useResource((signal) => unwrap(api.GET('/api/v1/document-types', { params: { query: { q: term } }, signal })), [term]);

  return (
    <section aria-labelledby="results-heading" className="catalogue">
      <h2 id="results-heading">{t('start.resultsHeading')}</h2>
      <div aria-live="polite">
        <Loaded resource={results}>
          {({ items }) => (
            <p>
              {items.length === 0
                ? t('start.noResults', { term })
                : t(items.length === 1 ? 'start.resultCountOne' : 'start.resultCount', { count: items.length, term })}
            </p>
          )}
        </Loaded>
      </div>
      {results.status === 'ok' && <DocumentList items={results.data.items} />}
    </section>
  );
}
