import { useSyncExternalStore } from 'react';
import type { SessionInfo, User } from '../api/types';

/**
 * The signed-in person, as GET /api/v1/auth/session describes the session cookie. The cookie
 * itself is HttpOnly: this page never sees it. What the API tells about it is kept in memory
 * only — never in localStorage or sessionStorage — and asked again at every page load.
 */
export interface Session {
  user: User;
  /** Sent as `X-CSRF-Token` with every POST, PUT, PATCH and DELETE. */
  csrfToken: string | null;
  /** RFC 3339: when the session ends however active the person is. */
  expiresAt: string | null;
  /** Minutes without any request after which the session ends. */
  idleMinutes: number;
}

/** Why the API stopped accepting the session: the sign-in pages say so. */
export type SessionEnd = 'session_expired' | 'session_ended';

export interface SessionState {
  /** `loading` until the API has answered once; pages that depend on who is signed in wait. */
  status: 'loading' | 'ready';
  session: Session | null;
  /** The CSRF token for unsafe requests; the API may hand one out before anyone signs in. */
  csrfToken: string | null;
  ended: SessionEnd | null;
}

const INITIAL: SessionState = { status: 'loading', session: null, csrfToken: null, ended: null };

const listeners = new Set<() => void>();
let state: SessionState = INITIAL;
/** Bumped by reset(), so an answer for an earlier page (a test) is ignored. */
let generation = 0;
let pending: Promise<void> | null = null;

function publish(next: SessionState) {
  state = next;
  listeners.forEach((listener) => listener());
}

function asEnd(reason: string | null | undefined): SessionEnd | null {
  return reason === 'session_expired' || reason === 'session_ended' ? reason : null;
}

function fromInfo(info: SessionInfo): SessionState {
  const csrfToken = info.csrfToken ?? null;
  const session = info.user ? { user: info.user, csrfToken, expiresAt: info.expiresAt ?? null, idleMinutes: info.idleMinutes } : null;
  // A fresh session clears the note about the one that ended before it; the API tells when the
  // cookie this browser sent no longer works (after a reload, say).
  return { status: 'ready', session, csrfToken, ended: session ? null : (asEnd(info.ended) ?? state.ended) };
}

export const sessionStore = {
  get: (): Session | null => state.session,
  state: (): SessionState => state,
  csrfToken: (): string | null => state.csrfToken,

  /**
   * Asks the API about the session once per page load (`force`: again). While an answer is on
   * its way, callers share it. A failure leaves the page signed out rather than stuck loading.
   */
  load(fetchInfo: () => Promise<SessionInfo>, { force = false } = {}): Promise<void> {
    if (pending) return pending;
    if (state.status === 'ready' && !force) return Promise.resolve();
    const mine = generation;
    pending = fetchInfo().then(
      (info) => {
        if (mine === generation) publish(fromInfo(info));
      },
      () => {
        if (mine === generation && state.status === 'loading') publish({ ...state, status: 'ready' });
      },
    );
    const settled = pending.finally(() => {
      if (mine === generation) pending = null;
    });
    return settled;
  },

  /** The API said who is signed in (GET /api/v1/me). */
  updateUser(user: User) {
    if (state.session) publish({ ...state, session: { ...state.session, user } });
  },

  /** The API no longer accepts the session (a 401): show the page as signed out. */
  forget(reason?: string) {
    if (!state.session) return;
    publish({ status: 'ready', session: null, csrfToken: null, ended: asEnd(reason) });
  },

  /** Signed out on purpose: nothing to explain on the sign-in page. */
  signedOut() {
    publish({ status: 'ready', session: null, csrfToken: null, ended: null });
  },

  /** Back to the state of a page that has just loaded (tests). */
  reset() {
    generation++;
    pending = null;
    publish(INITIAL);
  },

  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.state);
}
