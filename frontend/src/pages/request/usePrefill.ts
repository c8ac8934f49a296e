import { api, unwrap } from '../../api/client';
import type { Prefill } from '../../api/types';
import { useResource, type Resource } from '../../hooks/useResource';

/** What the national register says about the signed-in citizen; nothing for anyone else. */
export function usePrefill(signedIn: boolean): Resource<Prefill | null> {
  return useResource((signal) => (signedIn ? unwrap(api.GET('/api/v1/me/prefill', { signal })) : Promise.resolve(null)), [signedIn]);
}
