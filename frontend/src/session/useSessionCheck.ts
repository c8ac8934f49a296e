import { useEffect } from 'react';
import { api, unwrap } from '../api/client';
import { sessionStore } from './store';

/**
 * Once per page load, asks the API who the stored token belongs to. A 401 signs out through
 * the client's middleware; other failures keep the session (the API may just be restarting).
 */
export function useSessionCheck() {
  useEffect(() => {
    if (!sessionStore.get()) return;
    const controller = new AbortController();
    unwrap(api.GET('/api/v1/me', { signal: controller.signal })).then(
      (user) => sessionStore.updateUser(user),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
}
