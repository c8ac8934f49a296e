import createClient, { type Middleware } from 'openapi-fetch';
import type { ApiPaths } from './pending';
import { ApiProblem, isAbort } from './problem';
import { sessionStore } from '../session/store';

const AUTH_PATHS = '/api/v1/auth/';

/** Sends the session's bearer token, and forgets a token the API no longer accepts. */
const bearer: Middleware = {
  onRequest({ request }) {
    const session = sessionStore.get();
    if (session) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status !== 401 || new URL(request.url).pathname.startsWith(AUTH_PATHS)) return response;
    // Only the token that was refused: a newer sign-in in the meantime stays.
    const current = sessionStore.get();
    if (current && request.headers.get('Authorization') === `Bearer ${current.accessToken}`) {
      sessionStore.signOut();
    }
    return response;
  },
};

export const api = createClient<ApiPaths>({
  baseUrl: '',
  // Looked up per call rather than captured once, so tests can stub the global.
  fetch: (request) => globalThis.fetch(request),
});
api.use(bearer);

type Result<D> = { data?: D; error?: unknown; response: Response };

/** The body of a successful call; anything else becomes an ApiProblem. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiProblem.network(error);
  }
  if (result.response.ok && result.data !== undefined) return result.data;
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
