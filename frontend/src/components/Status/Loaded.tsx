import type { ReactNode } from 'react';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { Resource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../Alert/Alert';
import { Loading } from './Loading';

interface LoadedProps<T> {
  resource: Resource<T>;
  /** What to show when it could not be loaded; by default the problem in words. */
  error?: (error: unknown) => ReactNode;
  /** For a list (`items`): what to say instead when it has none. */
  empty?: T extends { items: readonly unknown[] } ? ReactNode : never;
  children: (data: T) => ReactNode;
}

/**
 * The one frame around loaded data: a note while it comes, the problem when it failed, what
 * to say when a list is empty, else the data.
 */
export function Loaded<T>({ resource, error, empty, children }: LoadedProps<T>) {
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return error ? error(resource.error) : <ProblemAlert error={resource.error} />;
  if (empty !== undefined && hasNoItems(resource.data)) {
    return (
      <div className="empty-state">
        <p>{empty}</p>
      </div>
    );
  }
  return children(resource.data);
}

function hasNoItems(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'items' in data && Array.isArray(data.items) && data.items.length === 0;
}

/** A failed call in words; `notFound` says what a 404 means on this page. */
export function ProblemAlert({ error, notFound }: { error: unknown; notFound?: string }) {
  const { t } = useI18n();
  return <Alert kind="error">{notFound && isNotFound(error) ? notFound : problemMessage(t, error)}</Alert>;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 404;
}
