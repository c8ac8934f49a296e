import { useSyncExternalStore } from 'react';

/**
 * How many webhook subscriptions are paused, for the badge beside "Koppelingen" in the back
 * office's navigation: the navigation asks on each page, the page says so when it loads them.
 */
let paused = 0;
const listeners = new Set<() => void>();

export function setPausedWebhooks(count: number) {
  if (count === paused) return;
  paused = count;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function usePausedWebhooks(): number {
  return useSyncExternalStore(subscribe, () => paused);
}
