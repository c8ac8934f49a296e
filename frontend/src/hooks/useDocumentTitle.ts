import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';

/** "<page> — Papieren en attesten", so each route announces itself in the tab and to screen readers. */
export function useDocumentTitle(page: string | undefined) {
  const { t } = useI18n();
  useEffect(() => {
    const site = t('app.title');
    document.title = page ? `${page} — ${site}` : site;
  }, [page, t]);
}
