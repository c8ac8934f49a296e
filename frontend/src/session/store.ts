import { useSyncExternalStore } from 'react';
import type { TokenResponse, User } from '../api/types';

/** The signed-in person and their bearer token, kept in localStorage to survive a reload. */
export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
  user: User;
}

const STORAGE_KEY = 'loket.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.accessToken !== 'string' || !session.user || session.expiresAt <= Date.now()) {
      localStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

function publish(next: Session | null) {
  current = next;
  if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else localStorage.removeItem(STORAGE_KEY);
  listeners.forEach((listener) => listener());
}

export const sessionStore = {
  get: (): Session | null => current,
  signIn(token: TokenResponse) {
    publish({
      accessToken: token.accessToken,
      expiresAt: Date.now() + token.expiresIn * 1000,
      user: token.user,
    });
  },
  updateUser(user: User) {
    if (current) publish({ ...current, user });
  },
  signOut() {
    if (current) publish(null);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Re-reads storage: another tab signed in or out. */
  reload() {
    current = read();
    listeners.forEach((listener) => listener());
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) sessionStore.reload();
  });
}

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
