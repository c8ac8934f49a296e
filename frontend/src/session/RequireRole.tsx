import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { Loading } from '../components/Status/Loading';
import { hasRole } from './homeFor';
import { useSessionState } from './store';

/**
 * Renders its children for the given role only (an admin may do whatever staff may). Others
 * are sent to sign in: citizens through the federal login, staff and police through the
 * municipality's; both come back here after. Waits while the session is still being asked for.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { status, session } = useSessionState();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (session && hasRole(session.user.role, role)) return children;
  const next = encodeURIComponent(location.pathname + location.search);
  const signIn = role === 'citizen' ? '/aanmelden' : '/medewerkers/aanmelden';
  return <Navigate to={`${signIn}?next=${next}`} replace />;
}
