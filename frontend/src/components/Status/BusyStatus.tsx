import { useI18n } from '../../i18n/i18n';

/**
 * A polite live region, always in the page, that says "one moment" while `busy`: screen readers
 * announce a change of its text (a button's aria-busy alone is not announced).
 */
export function BusyStatus({ busy }: { busy: boolean }) {
  const { t } = useI18n();
  return (
    <span role="status" className="visually-hidden">
      {busy ? t('common.busy') : ''}
    </span>
  );
}
