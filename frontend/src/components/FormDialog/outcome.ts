import type { InvalidParam } from '../../../api/problem';

/**
 * How an action ended, for the dialog that started it: done (the page shows the news and closes
 * the dialog), fields to fix (422), or a message to show in the dialog.
 */
export type Outcome = { ok: true } | { ok: false; params: readonly InvalidParam[]; message?: string };

export type Submit<B> = (body: B) => Promise<Outcome>;
