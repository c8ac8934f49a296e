/**
 * The citizen's round trip through the (mock) federal login, shaped like an OpenID Connect
 * code flow: a random `state` is kept in this tab before leaving and must come back unchanged.
 */
const STORAGE_KEY = 'loket.federalSignIn';

interface Pending {
  state: string;
  next: string;
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function beginSignIn(next: string): string {
  const pending: Pending = { state: randomState(), next: safeNext(next) };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  return pending.state;
}

/** The page to go back to, when `state` is the one this tab sent; null otherwise. */
export function completeSignIn(state: string | null): string | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  if (!raw || !state) return null;
  try {
    const pending = JSON.parse(raw) as Pending;
    return pending.state === state ? safeNext(pending.next) : null;
  } catch {
    return null;
  }
}

/** Only paths inside this app: never another origin, so `next` cannot send people away. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
