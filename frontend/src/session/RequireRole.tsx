import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from './store';

/** Renders its children for the given role only; others are sent to the staff sign-in. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session?.user.role === role) return children;
  const next = encodeURIComponent(location.pathname + location.search);
  return <Navigate to={`/medewerkers/aanmelden?next=${next}`} replace />;
}
