import { noteSessionProblem } from './client';
import { ApiProblem, isAbort } from './problem';

/**
 * Fetches a file from the API (the session cookie goes along) and hands it to the browser as
 * a download under `fileName`; a failure stays on the page as a message rather than an error
 * page of the API.
 */
export async function downloadFile(url: string, fileName?: string, accept = PDF): Promise<void> {
  const file = await fetchFile(url, accept);
  saveBlob(file.blob, fileName ?? file.fileName ?? 'document.pdf');
}

const PDF = 'application/pdf';
export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function fetchFile(url: string, accept = PDF): Promise<{ blob: Blob; fileName?: string }> {
  const request = new Request(url, { headers: { Accept: `${accept}, application/problem+json` }, credentials: 'same-origin' });
  let response: Response;
  try {
    response = await globalThis.fetch(request);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiProblem.network(error);
  }
  if (!response.ok) {
    await noteSessionProblem(request, response);
    const body: unknown = await response.json().catch(() => undefined);
    throw ApiProblem.fromResponse(body, response);
  }
  return { blob: await response.blob(), fileName: attachmentName(response.headers.get('Content-Disposition')) };
}

/** The file name a `Content-Disposition: attachment; filename="…"` header gives, if any. */
export function attachmentName(header: string | null): string | undefined {
  if (!header) return undefined;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || undefined;
}

export function saveBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the file before it is released.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
