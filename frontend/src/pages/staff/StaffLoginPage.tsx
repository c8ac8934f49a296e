import { Navigate, useSearchParams } from 'react-router';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useMocks } from '../../hooks/useHealth';
import { useI18n } from '../../i18n/i18n';
import { homeFor } from '../../session/homeFor';
import { SessionEndedNote } from '../../session/SessionEndedNote';
import { safeNext, staffLoginUrl } from '../../session/signInFlow';
import { useSessionState } from '../../session/store';

/**
 * Staff and police sign in with their account of the municipality. The API sends them to its
 * login and back to this page, which then sends each role on: to `next` when that is part of
 * their work, else to their own start page.
 */
export function StaffLoginPage() {
  const { t } = useI18n();
  useDocumentTitle(t('staffLogin.heading'));
  const [params] = useSearchParams();
  const { status, session } = useSessionState();
  const mocks = useMocks();
  const next = safeNext(params.get('next'));

  if (status === 'loading') return <Loading />;
  if (session && session.user.role !== 'citizen') {
    const home = homeFor(session.user.role);
    return <Navigate to={next.startsWith(home) ? next : home} replace />;
  }

  const here = next === '/' ? '/medewerkers/aanmelden' : `/medewerkers/aanmelden?next=${encodeURIComponent(next)}`;
  return (
    <div className="narrow">
      <h1>{t('staffLogin.heading')}</h1>
      <SessionEndedNote />
      <p className="lead">{t('staffLogin.intro')}</p>
      {mocks && (
        <Alert kind="warning">
          <p>{t('staffLogin.testEnvironment')}</p>
        </Alert>
      )}
      <p>
        {/* A plain link: signing in leaves this app for the municipality's login page. */}
        <a className="button" href={staffLoginUrl(here)}>
          {t('staffLogin.submit')}
        </a>
      </p>
    </div>
  );
}
