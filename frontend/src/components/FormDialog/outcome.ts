import { ApiProblem, type InvalidParam } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { Translate } from '../../i18n/i18n';

/**
 * How a submitted form ended, for the dialog that sent it: done (the page shows the news and
 * closes the dialog), fields to fix (422), or a message to show in the dialog.
 */
export type Outcome = { ok: true } | { ok: false; params: readonly InvalidParam[]; message?: string };

/** A failed call as an outcome: the fields a 422 names, else the problem in words. */
export function failure(t: Translate, error: unknown): Outcome {
  if (error instanceof ApiProblem && error.invalidParams.length > 0) return { ok: false, params: error.invalidParams };
  return { ok: false, params: [], message: problemMessage(t, error) };
}
