import type { PendingConfirmation, RequestDetail } from '../../api/types';

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

const PENDING_PREFIX = 'loket.pendingConfirmation.';

/**
 * A request sent without signing in, waiting for its e-mailed confirmation: where the link went
 * (the address as the API masked it) and until when, per document, so a reload still says so.
 */
export function rememberPending(code: string, pending: PendingConfirmation) {
  try {
    sessionStorage.setItem(PENDING_PREFIX + code, JSON.stringify(pending));
  } catch {
    // A full storage only costs the note after a reload.
  }
}

export function recallPending(code: string): PendingConfirmation | null {
  try {
    const raw = sessionStorage.getItem(PENDING_PREFIX + code);
    return raw ? (JSON.parse(raw) as PendingConfirmation) : null;
  } catch {
    return null;
  }
}
