import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useMocks } from './useHealth';

/**
 * The application's "now" in epoch milliseconds. In a test or demo setup the API's clock can
 * be moved ahead (to pass a deadline); deadlines are then judged by that clock, not the browser's.
 */
export function useServerNow(): () => number {
  const mocks = useMocks();
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (!mocks) return;
    const controller = new AbortController();
    unwrap(api.GET('/api/v1/dev/clock', { signal: controller.signal })).then(
      (clock) => setOffset(clock.offsetSeconds * 1000),
      () => undefined,
    );
    return () => controller.abort();
  }, [mocks]);
  return () => Date.now() + offset;
}
