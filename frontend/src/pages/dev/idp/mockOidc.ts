import { withCsrf } from '../../../api/client';
import { ApiProblem, isAbort } from '../../../api/problem';
import type { AuthMeansCode } from '../../../api/types';

/**
 * The demo's stand-ins for the federal login and the municipality's login, served by the same
 * backend under /mock-oidc/. They are no part of the API (nor of its OpenAPI document), so they
 * are typed here by hand. Their authorize endpoints send the browser to the pages in this folder.
 */
export interface TestCitizen {
  nationalNumber: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export type MunicipalRole = 'staff' | 'police' | 'admin';

export interface MunicipalAccount {
  username: string;
  name: string;
  /** Null: an account of the municipality without a role in Loket. */
  role: MunicipalRole | null;
  disabled: boolean;
}

interface Items<T> {
  items: T[];
}

/** The query string the authorize request came with, handed back to the provider unchanged. */
type Authorize = { query: string } & ({ cancel: true } | { means: AuthMeansCode; nationalNumber: string } | { username: string });

export function testCitizens(signal: AbortSignal): Promise<Items<TestCitizen>> {
  return send<Items<TestCitizen>>('GET', '/mock-oidc/federal/test-citizens', undefined, signal);
}

export function municipalAccounts(signal: AbortSignal): Promise<Items<MunicipalAccount>> {
  return send<Items<MunicipalAccount>>('GET', '/mock-oidc/municipal/accounts', undefined, signal);
}

/** Signs in (or cancels) at a mock provider: resolves to where the browser goes next. */
export async function authorize(provider: 'federal' | 'municipal', body: Authorize): Promise<string> {
  const { redirectTo } = await send<{ redirectTo: string }>('POST', `/mock-oidc/${provider}/authorize`, body);
  return redirectTo;
}

async function send<T>(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers = withCsrf(method, new Headers({ Accept: 'application/json, application/problem+json' }));
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await globalThis.fetch(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal }));
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiProblem.network(error);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok || json === undefined) throw ApiProblem.fromResponse(json, response);
  return json as T;
}
