import { Link, useLocation, useParams } from 'react-router';
import type { PendingConfirmation } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { recallPending } from './confirmationStore';
import { RequestShell } from './RequestShell';

/**
 * Step "Bevestiging" for someone who did not sign in: nothing is handled yet. The request waits
 * until the link e-mailed to the requester confirms it, and lapses after 24 hours without.
 */
export function AwaitingConfirmationPage() {
  const { t } = useI18n();
  const format = useFormat();
  const code = useParams().code ?? '';
  const location = useLocation();
  const pending = (location.state as { pending?: PendingConfirmation } | null)?.pending ?? recallPending(code);

  return (
    <RequestShell code={code} step={4} title={t('awaitingConfirmation.heading')}>
      {() => (
        <>
          <Alert kind="warning" title={t('awaitingConfirmation.notYet')}>
            <p>
              {pending ? t('awaitingConfirmation.emailSent', { email: pending.email }) : t('awaitingConfirmation.emailSentUnknown')}{' '}
              {t('awaitingConfirmation.clickWithin')}
            </p>
            {pending && <p>{t('awaitingConfirmation.expiresAt', { date: format.dateTime(pending.expiresAt) })}</p>}
          </Alert>
          <h2>{t('awaitingConfirmation.nextHeading')}</h2>
          <ul>
            <li>{t('awaitingConfirmation.afterConfirming')}</li>
            <li>{t('awaitingConfirmation.noMail')}</li>
            <li>{t('awaitingConfirmation.neverUnconfirmed')}</li>
          </ul>
          <p>
            <Link to="/">{t('awaitingConfirmation.catalogue')}</Link>
          </p>
        </>
      )}
    </RequestShell>
  );
}
