import createClient, { type Middleware } from 'openapi-fetch';
import type { ApiPaths } from './pending';
import { ApiProblem, isAbort } from './problem';
import type { SessionInfo } from './types';
import { sessionStore } from '../session/store';

const AUTH_PATHS = '/api/v1/auth/';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Adds the session's CSRF token to an unsafe request. The session itself travels in its
 * HttpOnly cookie, which the browser sends on its own.
 */
export function withCsrf(method: string, headers: Headers): Headers {
  const token = sessionStore.csrfToken();
  if (token && UNSAFE_METHODS.has(method.toUpperCase())) headers.set(CSRF_HEADER, token);
  return headers;
}

/**
 * What an answer says about the session: a 401 outside the sign-in endpoints means the cookie
 * is no longer accepted (expired, ended elsewhere), so the page forgets who was signed in; a
 * refused CSRF token is fetched again, so a retry can succeed.
 */
export async function noteSessionProblem(request: Request, response: Response): Promise<void> {
  if (response.status !== 401 && response.status !== 403) return;
  if (new URL(request.url).pathname.startsWith(AUTH_PATHS)) return;
  const code = await problemCode(response);
  if (response.status === 401) {
    if (!sessionStore.get()) return;
    sessionStore.forget(code);
    void refreshSession();
  } else if (code === 'csrf_token_missing' || code === 'csrf_token_invalid') {
    void refreshSession();
  }
}

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    return typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

const session: Middleware = {
  onRequest({ request }) {
    withCsrf(request.method, request.headers);
    return request;
  },
  async onResponse({ request, response }) {
    await noteSessionProblem(request, response);
    return response;
  },
};

export const api = createClient<ApiPaths>({
  baseUrl: '',
  // Looked up per call rather than captured once, so tests can stub the global.
  fetch: (request) => globalThis.fetch(request),
});
api.use(session);

function fetchSessionInfo(): Promise<SessionInfo> {
  return unwrap(api.GET('/api/v1/auth/session'));
}

/** Asks the API who is signed in, once per page load; the app waits for the answer. */
export function loadSession(): Promise<void> {
  return sessionStore.load(fetchSessionInfo);
}

/** Asks again, after the API refused the session or its CSRF token. */
export function refreshSession(): Promise<void> {
  return sessionStore.load(fetchSessionInfo, { force: true });
}

type Result<D> = { data?: D; error?: unknown; response: Response };

/** The body of a successful call; anything else becomes an ApiProblem. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  return (await unwrapWithStatus(call)).data;
}

/** The body of a successful call with its status, for an operation whose 200 and 201 differ. */
export async function unwrapWithStatus<D>(call: Promise<Result<D>>): Promise<{ data: D; status: number }> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiProblem.network(error);
  }
  if (result.response.ok && result.data !== undefined) return { data: result.data, status: result.response.status };
  throw ApiProblem.fromResponse(result.error, result.response);
}

/** For answers without a body (204): resolves when the call succeeded. */
export async function expectOk(call: Promise<Result<unknown>>): Promise<void> {
  let result: Result<unknown>;
  try {
    result = await call;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiProblem.network(error);
  }
  if (!result.response.ok) throw ApiProblem.fromResponse(result.error, result.response);
}
