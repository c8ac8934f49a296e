import { vi } from 'vitest';
import type { User } from '../api/types';
import { sessionFor } from './fixtures';

let signedIn: User | null = null;

/**
 * Who the stubbed API says is signed in (the session cookie a browser would send): the answer
 * to GET /api/v1/auth/session, unless a test's route table gives its own.
 */
export function signInAs(user: User | null) {
  signedIn = user;
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function problemResponse(status: number, code: string, invalidParams?: { name: string; reason: string; code?: string }[]): Response {
  const body = { type: `urn:loket:problem:${code}`, title: code, status, detail: `Problem ${code}.`, code, invalidParams };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

type Handler = (request: Request, url: URL) => Response | Promise<Response>;

/**
 * Stubs fetch with a route table keyed by "METHOD /path" (no query string). A plain value is
 * answered as JSON; anything not in the table gets a 404 problem, except the session (see
 * signInAs).
 */
export function mockApi(routes: Record<string, Handler | object>) {
  const spy = vi.fn(async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(input);
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const route = routes[key];
    if (route === undefined && key === 'GET /api/v1/auth/session') return jsonResponse(sessionFor(signedIn));
    if (route === undefined) return problemResponse(404, 'not_found');
    return typeof route === 'function' ? (route as Handler)(request, url) : jsonResponse(route);
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}

/** The requests the stub received, as "METHOD /path?query". */
export function calls(spy: ReturnType<typeof mockApi>): string[] {
  return spy.mock.calls.map(([input]) => {
    const request = input as Request;
    const url = new URL(request.url);
    return `${request.method} ${url.pathname}${url.search}`;
  });
}
