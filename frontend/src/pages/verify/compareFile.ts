import { noteSessionProblem, withCsrf } from '../../api/client';
import type { components } from '../../api/schema';
import { ApiProblem, isAbort } from '../../api/problem';

export type DocumentComparison = components['schemas']['DocumentComparison'];

/** The largest file the API compares: an issued document is far smaller. */
export const COMPARE_LIMIT = 10 * 1024 * 1024;

/**
 * Sends a PDF file to be compared with the document issued under `code`; the API keeps
 * nothing of it. The body is the file itself, so this is no JSON call of the typed client.
 */
export async function compareFile(code: string, file: Blob, signal?: AbortSignal): Promise<DocumentComparison> {
  const request = new Request(`/api/v1/verify/${encodeURIComponent(code)}/document`, {
    method: 'POST',
    headers: withCsrf('POST', new Headers({ 'Content-Type': 'application/pdf', Accept: 'application/json, application/problem+json' })),
    body: file,
    credentials: 'same-origin',
    signal,
  });
  let response: Response;
  try {
    response = await globalThis.fetch(request);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiProblem.network(error);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    await noteSessionProblem(request, response);
    throw ApiProblem.fromResponse(body, response);
  }
  return body as DocumentComparison;
}
