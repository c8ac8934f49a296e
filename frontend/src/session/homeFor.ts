import type { Role } from '../api/types';

/** Where each role starts after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'staff':
      return '/behandelportaal';
    case 'police':
      return '/politie';
    case 'citizen':
      return '/';
  }
}
