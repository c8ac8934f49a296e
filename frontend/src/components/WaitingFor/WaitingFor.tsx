import type { RequestDetail } from '../../api/types';
import { outsideSystemText } from '../../domain/requestLabels';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../Alert/Alert';

/**
 * Why a request is in progress without anyone handling it yet: its decision waits for an
 * outside system that did not answer. Worded for the requester, or for staff.
 */
export function WaitingFor({ request, audience }: { request: RequestDetail; audience: 'citizen' | 'staff' }) {
  const { t } = useI18n();
  if (!request.waitingFor) return null;
  const system = outsideSystemText(t, request.waitingFor);
  return audience === 'citizen' ? (
    <Alert kind="info" title={t('waitingFor.title')}>
      <p>{t('waitingFor.text', { system })}</p>
    </Alert>
  ) : (
    <Alert kind="info" title={t('waitingFor.staffTitle')}>
      <p>{t('waitingFor.staffText', { system })}</p>
    </Alert>
  );
}
