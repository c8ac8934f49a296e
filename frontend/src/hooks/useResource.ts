import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isAbort } from '../api/problem';

export type Resource<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: unknown };

export interface Reloadable<T> {
  resource: Resource<T>;
  /** Loads it again, showing what there is until the answer comes; resolves to the new data. */
  reload: () => Promise<T | undefined>;
  /** Shows data the page already has (what an action answered), cancelling a load under way. */
  replace: (data: T) => void;
}

const LOADING = { status: 'loading' } as const;

/** Loads data when the dependencies change; a newer load cancels the older one. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  return useReloadable(load, deps).resource;
}

/** useResource for a page that also loads again after a change of its own. */
export function useReloadable<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Reloadable<T> {
  // What came back, and for which dependencies: for others it is still loading.
  const [loaded, setLoaded] = useState<{ deps: DependencyList; resource: Resource<T> }>();
  // How to load and show for the current dependencies, and the load under way.
  const current = useRef<{ run: () => Promise<T | undefined>; show: (resource: Resource<T>) => void; controller?: AbortController }>(null);

  useEffect(() => {
    const show = (resource: Resource<T>) => setLoaded({ deps, resource });
    const handle: NonNullable<typeof current.current> = {
      show,
      run: async () => {
        handle.controller?.abort();
        const controller = new AbortController();
        handle.controller = controller;
        try {
          const data = await load(controller.signal);
          if (controller.signal.aborted) return undefined;
          show({ status: 'ok', data });
          return data;
        } catch (error) {
          if (!controller.signal.aborted && !isAbort(error)) show({ status: 'error', error });
          return undefined;
        }
      },
    };
    current.current = handle;
    void handle.run();
    return () => handle.controller?.abort();
    // The caller lists what `load` depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const reload = useCallback(() => current.current?.run() ?? Promise.resolve(undefined), []);
  const replace = useCallback((data: T) => {
    current.current?.controller?.abort();
    current.current?.show({ status: 'ok', data });
  }, []);
  return { resource: loaded && sameDeps(loaded.deps, deps) ? loaded.resource : LOADING, reload, replace };
}

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}
