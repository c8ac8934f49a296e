import type { RequestDetail } from '../../api/types';

/**
 * The answer to the submit, kept for this tab: the confirmation survives a reload even for
 * someone who is not signed in and so cannot fetch the request again. Without the national
 * register numbers: the confirmation does not show them, and the browser need not keep them.
 */
const STORAGE_PREFIX = 'loket.confirmation.';

export function rememberConfirmation(request: RequestDetail) {
  try {
    const kept: RequestDetail = {
      ...request,
      requester: { ...request.requester, nationalNumber: null },
      subject: { ...request.subject, nationalNumber: null },
    };
    sessionStorage.setItem(STORAGE_PREFIX + request.reference, JSON.stringify(kept));
  } catch {
    // A full storage only costs the confirmation after a reload.
  }
}

export function recallConfirmation(reference: string): RequestDetail | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_PREFIX + reference);
    return raw ? (JSON.parse(raw) as RequestDetail) : null;
  } catch {
    return null;
  }
}
