import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from './store';

/**
 * Renders its children for the given role only. Others are sent to sign in: citizens through
 * the federal login, staff and police through the staff sign-in; both come back here after.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session?.user.role === role) return children;
  const next = encodeURIComponent(location.pathname + location.search);
  const signIn = role === 'citizen' ? '/aanmelden' : '/medewerkers/aanmelden';
  return <Navigate to={`${signIn}?next=${next}`} replace />;
}
