import { api, unwrap } from '../../../api/client';
import { fetchFile, saveBlob, XLSX } from '../../../api/download';
import type { Export, SearchParams } from '../../../api/types';
import type { Lang } from '../../../i18n/i18n';

export const POLL_INTERVAL_MS = 500;

/** Why a signal aborted: its reason, which is an AbortError unless the caller gave another. */
function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
}

/** Waits `ms`, or rejects at once when the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(abortError(signal));
    });
  });
}

interface Options {
  /**
   * The report's language (its titles and labels): the reader's. Without it the API uses the browser's.
   * The API writes reports in every language of the SPA; were one added that it cannot write, the
   * request body below would no longer type-check.
   */
  language?: Lang;
  signal?: AbortSignal;
  onProgress?: (progress: Export) => void;
  /** How to wait between polls; a test can pass its own. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Starts the Excel report of a search and polls it every 500 ms until it is done or failed. */
export async function runExport(criteria: SearchParams, sort: string, { language, signal, onProgress, wait = delay }: Options = {}): Promise<Export> {
  let current = await unwrap(api.POST('/api/v1/search/exports', { body: { criteria, sort, language }, signal }));
  onProgress?.(current);
  while (current.status === 'running') {
    await wait(POLL_INTERVAL_MS, signal);
    current = await unwrap(api.GET('/api/v1/search/exports/{id}', { params: { path: { id: current.id } }, signal }));
    onProgress?.(current);
  }
  return current;
}

/** Fetches a finished report with the bearer token and saves it under its own name. */
export async function saveExport(done: Export): Promise<void> {
  if (!done.downloadUrl) throw new Error('the export has no file');
  const file = await fetchFile(done.downloadUrl, XLSX);
  saveBlob(file.blob, done.fileName || file.fileName || 'aanvragen.xlsx');
}
