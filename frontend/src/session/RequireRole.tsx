import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { Loading } from '../components/Status/Loading';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useI18n } from '../i18n/i18n';
import { hasRole, homeFor } from './homeFor';
import { useSessionState } from './store';

/**
 * Renders its children for the given role only (an admin may do whatever staff may). Others
 * are sent to sign in: citizens through the federal login, staff and police through the
 * municipality's; both come back here after. Waits while the session is still being asked for.
 * Someone signed in with the municipality who lacks the admin role is told so: signing in
 * again would only bring them back here.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { status, session } = useSessionState();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (session && hasRole(session.user.role, role)) return children;
  if (session && role === 'admin' && session.user.role !== 'citizen') return <NoAccess home={homeFor(session.user.role)} />;
  const next = encodeURIComponent(location.pathname + location.search);
  const signIn = role === 'citizen' ? '/aanmelden' : '/medewerkers/aanmelden';
  return <Navigate to={`${signIn}?next=${next}`} replace />;
}

function NoAccess({ home }: { home: string }) {
  const { t } = useI18n();
  useDocumentTitle(t('noAccess.heading'));
  return (
    <>
      <h1>{t('noAccess.heading')}</h1>
      <p>{t('noAccess.adminOnly')}</p>
      <p>
        <Link to={home}>{t('noAccess.home')}</Link>
      </p>
    </>
  );
}
