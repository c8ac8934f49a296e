import { Link, Navigate, useParams } from 'react-router';
import { Alert } from '../../components/Alert/Alert';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import { RequestShell } from './RequestShell';

/** Step "Aanmelden": sign in for a prefilled (and maybe automatic) request, or go on without. */
export function RequestStartPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  const session = useSession();
  const form = `/aanvragen/${encodeURIComponent(code)}/gegevens`;
  if (session?.user.role === 'citizen') return <Navigate to={form} replace />;

  return (
    <RequestShell code={code} step={1} title={t('requestStart.heading')}>
      {(doc) => (
        <>
          <p className="lead">{t('requestStart.intro')}</p>
          {doc.automaticAllowed ? (
            <Alert kind="info" title={t('requestStart.automaticTitle')}>
              <p>{t('requestStart.automaticText')}</p>
              {doc.kind === 'civil_status_deed' && <p>{t('requestStart.deedCondition')}</p>}
              <p>{t('requestStart.manualOtherwise')}</p>
            </Alert>
          ) : (
            <Alert kind="info" title={t('requestStart.neverAutomaticTitle')}>
              <p>{t('requestStart.neverAutomaticText')}</p>
            </Alert>
          )}
          {doc.policeAdviceRequired && (
            <Alert kind="warning" title={t('document.policeAdviceTitle')}>
              <p>{t('document.policeAdviceText')}</p>
            </Alert>
          )}
          <div className="actions">
            <Link className="button" to={`/aanmelden?next=${encodeURIComponent(form)}`}>
              {t('requestStart.signIn')}
            </Link>
            <Link className="button button--secondary" to={form}>
              {t('requestStart.withoutSignIn')}
            </Link>
          </div>
          <p className="muted">{t('requestStart.withoutSignInText')}</p>
          <Alert kind="info" title={t('requestStart.confirmByEmailTitle')}>
            <p>{t('requestStart.confirmByEmailText')}</p>
            <p>{t('requestStart.neverUnconfirmed')}</p>
          </Alert>
        </>
      )}
    </RequestShell>
  );
}
