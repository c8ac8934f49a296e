import type { ReactNode } from 'react';
import { Loading } from '../../components/Status/Loading';
import { useHealth } from '../../hooks/useHealth';
import { NotFoundPage } from '../notfound/NotFoundPage';

/** Pages that only exist while the outside systems are mocked (development and demo). */
export function DevOnly({ children }: { children: ReactNode }) {
  const health = useHealth();
  if (health.status === 'loading') return <Loading />;
  if (health.status === 'ok' && health.data.mocks === true) return children;
  return <NotFoundPage />;
}
