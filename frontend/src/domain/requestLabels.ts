import type { AuditDetails } from '../api/types';
import { isMessageKey, type Translate } from '../i18n/i18n';

/**
 * Codes of the API in the reader's language, from the SPA's own messages: the API sends
 * codes, never labels. A code this SPA does not know yet shows as itself.
 */
function byCode(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

export const statusText = (t: Translate, status: string) => byCode(t, 'requestStatus', status);
export const manualReasonText = (t: Translate, reason: string) => byCode(t, 'manualReason', reason);
/** For the citizen: the reason in one plain sentence, with what happens next. */
export const manualReasonSentence = (t: Translate, reason: string) => byCode(t, 'manualReasonWhy', reason);
export const outsideSystemText = (t: Translate, system: string) => byCode(t, 'outsideSystem', system);
export const taskTypeText = (t: Translate, taskType: string) => byCode(t, 'taskType', taskType);
export const taskStatusText = (t: Translate, status: string) => byCode(t, 'taskStatus', status);
export const processingText = (t: Translate, processing: string) => byCode(t, 'processing', processing);
export const channelText = (t: Translate, channel: string) => byCode(t, 'channel', channel);
export const staffActionText = (t: Translate, action: string) => byCode(t, 'staffAction', action);
export const actorRoleText = (t: Translate, role: string) => byCode(t, 'actorRole', role);
export const historyActionText = (t: Translate, action: string) => byCode(t, 'historyAction', action);
export const languageText = (t: Translate, code: string) => byCode(t, 'documentLanguage', code);
export const deliveryText = (t: Translate, code: string) => byCode(t, 'delivery', code);
export const deliveryReasonText = (t: Translate, code: string) => byCode(t, 'deliveryReason', code);
export const deedVariantText = (t: Translate, code: string) => byCode(t, 'deedVariant', code);
export const deedModelText = (t: Translate, code: string) => byCode(t, 'deedModel', code);
export const forWhomText = (t: Translate, code: string) => byCode(t, 'forWhom', code);
export const forUseText = (t: Translate, code: string) => byCode(t, 'forUse', code);
export const adviceText = (t: Translate, advice: string) => byCode(t, 'advice', advice);
export const mailStatusText = (t: Translate, status: string) => byCode(t, 'outbox.status', status);

/**
 * A document type's name in the reader's language. The catalogue is data: a type added after
 * this SPA was built has no message yet and shows the name the API gives (in Dutch).
 */
export function documentTypeName(t: Translate, code: string | undefined, fallbackName: string): string {
  const key = `documentType.${code}`;
  return code !== undefined && isMessageKey(key) ? t(key) : fallbackName;
}

/** What happened to a request, as its history and the audit trail record it. */
interface RecordedEvent {
  action: string;
  actorRole: string;
  actorName: string;
  reason?: string | null;
  details?: AuditDetails | null;
}

/** Actions whose reason Loket writes itself, in Dutch, saying no more than the action does. */
const SYSTEM_REASONS = new Set(['advice_deadline_passed', 'deed_still_missing', 'document_erased']);

/**
 * Why it happened: what a person wrote (a refusal, a cancellation, an advice), or for a request
 * sent to staff the reasons it was not automatic, worded here from their codes.
 */
export function eventReasonText(t: Translate, event: RecordedEvent): string | undefined {
  if (event.details?.kind === 'sent_to_staff') return event.details.reasons.map((code) => manualReasonText(t, code)).join('; ');
  if (event.details?.kind === 'decision_postponed') return t('waitingFor.reason', { system: outsideSystemText(t, event.details.system) });
  if (SYSTEM_REASONS.has(event.action)) return undefined;
  return event.reason ?? undefined;
}

/** Who did it: a person's name, or Loket itself in the reader's language. */
export function actorText(t: Translate, event: RecordedEvent, audience: 'citizen' | 'staff' = 'staff'): string {
  if (event.actorRole === 'system') return t('history.system');
  // A citizen is not told which colleague acted (the API leaves the name out), in the page's language.
  if (audience === 'citizen' && (event.actorRole === 'staff' || event.actorRole === 'admin')) return t('history.municipalStaff');
  return event.actorName;
}
