import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useI18n } from '../../i18n/i18n';

/** The police see only the advice they are asked for. */
export function PolicePage() {
  const { t } = useI18n();
  useDocumentTitle(t('police.heading'));
  return (
    <>
      <h1>{t('police.heading')}</h1>
      <p className="lead">{t('police.intro')}</p>
      <div className="empty-state">
        <p>{t('police.empty')}</p>
      </div>
    </>
  );
}
