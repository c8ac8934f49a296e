import type { AuthMeansCode } from '../api/types';

/** Only paths inside this app: never another origin, so `next` cannot send people away. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/**
 * Where a citizen's sign-in starts: the API sends the browser on to the federal login with the
 * chosen means and, once signed in, back to `returnTo` with the session cookie set.
 */
export function citizenLoginUrl(means: AuthMeansCode, returnTo: string): string {
  return `/api/v1/auth/citizen/login?${new URLSearchParams({ means, returnTo: safeNext(returnTo) })}`;
}

/** Where staff and police sign in: the municipality's own login, then back to `returnTo`. */
export function staffLoginUrl(returnTo: string): string {
  return `/api/v1/auth/staff/login?${new URLSearchParams({ returnTo: safeNext(returnTo) })}`;
}

/** The SPA's page to start signing in again, for citizens or staff, coming back to `returnTo`. */
export function signInPage(audience: 'citizen' | 'staff', returnTo: string): string {
  const page = audience === 'staff' ? '/medewerkers/aanmelden' : '/aanmelden';
  const back = safeNext(returnTo);
  // The staff page is itself where staff come back to (it sends each role to its home).
  if (back === page || back.startsWith(`${page}?`)) return back;
  return back === '/' ? page : `${page}?next=${encodeURIComponent(back)}`;
}

/** A full-page navigation: the sign-in round trips leave the SPA. Replaceable in tests. */
export const browser = {
  assign(url: string) {
    window.location.assign(url);
  },
};
