import type { ReactNode } from 'react';
import { Alert } from '../../../components/Alert/Alert';
import { Pager } from '../../../components/Pager/Pager';
import { Loaded, ProblemAlert } from '../../../components/Status/Loaded';
import type { CursorPages } from '../../../hooks/useCursorPages';
import type { Resource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/i18n';

interface Page<Item, C> {
  items: Item[];
  nextCursor?: C | null;
}

interface SearchResultsProps<Item, C> {
  /** The id of the section's heading, which also names the table. */
  id: string;
  heading: string;
  /** Beside the heading: what to do with all results (a report, an export). */
  tools: ReactNode;
  /** Above the results: how many there are. */
  count?: ReactNode;
  results: Resource<Page<Item, C>>;
  pages: CursorPages<C>;
  /** Whether a refused search names fields of the form, which then say what is wrong. */
  criteriaInError: boolean;
  none: string;
  children: (items: Item[]) => ReactNode;
}

/** The results of a search whose criteria live in the address, a page at a time. */
export function SearchResults<Item, C>({ id, heading, tools, count, results, pages, criteriaInError, none, children }: SearchResultsProps<Item, C>) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id} className="search-results">
      <div className="search-results__head">
        <h2 id={id}>{heading}</h2>
        {tools}
      </div>
      {count}
      <Loaded
        resource={results}
        error={(error) => (criteriaInError ? <Alert kind="error">{t('search.invalidCriteria')}</Alert> : <ProblemAlert error={error} />)}
      >
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <div className="empty-state">
                <p>{none}</p>
              </div>
            ) : (
              children(data.items)
            )}
            <Pager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** "Zoeken" and "Wissen" under a search form. */
export function SearchActions({ onClear }: { onClear: () => void }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="submit" className="button">
        {t('search.submit')}
      </button>
      <button type="button" className="button button--secondary" onClick={onClear}>
        {t('search.clear')}
      </button>
    </div>
  );
}
