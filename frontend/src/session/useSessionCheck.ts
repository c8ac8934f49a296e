import { useEffect } from 'react';
import { loadSession, refreshSession } from '../api/client';

/**
 * Once per page load, asks the API who the session cookie belongs to (GET
 * /api/v1/auth/session). Until it answers, the layout shows that it is loading, so a reload
 * does not send a signed-in person to the sign-in page. Asks again when the person comes back
 * to this tab: they may have signed out (or in) in another one meanwhile.
 */
export function useSessionCheck() {
  useEffect(() => {
    void loadSession();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshSession();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
}
