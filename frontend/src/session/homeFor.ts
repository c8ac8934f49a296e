import type { Role } from '../api/types';

/** Where each role starts after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'staff':
    case 'admin':
      return '/behandelportaal';
    case 'police':
      return '/politie';
    // An API client has no pages of its own: it uses the API with a token, not a browser.
    case 'client':
    case 'citizen':
      return '/';
  }
}

/** Whether someone with `role` may use what `required` may: an admin does all that staff do. */
export function hasRole(role: Role, required: Role): boolean {
  return role === required || (required === 'staff' && role === 'admin');
}
