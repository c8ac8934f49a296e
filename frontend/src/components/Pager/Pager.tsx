import type { CursorPages } from '../../hooks/useCursorPages';
import { useI18n } from '../../i18n/i18n';

/** "Vorige" and "Volgende" under a list that comes a page at a time; nothing when it fits on one. */
export function Pager<C>({ pages, nextCursor }: { pages: CursorPages<C>; nextCursor: C | null | undefined }) {
  const { t } = useI18n();
  if (pages.page === 1 && nextCursor == null) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      {pages.page > 1 && (
        <button type="button" className="button button--secondary" onClick={pages.previous}>
          {t('pager.previous')}
        </button>
      )}
      {nextCursor != null && (
        <button type="button" className="button button--secondary" onClick={() => pages.next(nextCursor)}>
          {t('pager.next')}
        </button>
      )}
      <span className="muted">{t('pager.page', { page: pages.page })}</span>
    </nav>
  );
}
