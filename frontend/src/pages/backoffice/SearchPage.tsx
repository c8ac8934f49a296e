import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useI18n } from '../../i18n/i18n';

export function SearchPage() {
  const { t } = useI18n();
  useDocumentTitle(t('backOffice.nav.search'));
  return (
    <>
      <h1>{t('backOffice.nav.search')}</h1>
      <div className="empty-state">
        <p>{t('backOffice.searchSoon')}</p>
      </div>
    </>
  );
}
