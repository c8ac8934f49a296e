import { isMessageKey, type Translate } from '../i18n/i18n';

/**
 * Codes of the API in the reader's language. The API also sends a Dutch label; that label is
 * the fallback for a code this SPA does not know yet, and the code itself the last resort.
 */
function byCode(t: Translate, prefix: string, code: string, fallback?: string | null): string {
  const key = `${prefix}.${code}`;
  if (isMessageKey(key)) return t(key);
  return fallback || code;
}

export const statusText = (t: Translate, status: string, label?: string) => byCode(t, 'requestStatus', status, label);
export const manualReasonText = (t: Translate, code: string, label?: string) => byCode(t, 'manualReason', code, label);
export const historyActionText = (t: Translate, action: string) => byCode(t, 'historyAction', action);
export const languageText = (t: Translate, code: string) => byCode(t, 'documentLanguage', code);
export const deliveryText = (t: Translate, code: string) => byCode(t, 'delivery', code);
export const deedVariantText = (t: Translate, code: string) => byCode(t, 'deedVariant', code);
export const deedModelText = (t: Translate, code: string) => byCode(t, 'deedModel', code);
export const forWhomText = (t: Translate, code: string) => byCode(t, 'forWhom', code);
export const forUseText = (t: Translate, code: string) => byCode(t, 'forUse', code);
export const mailStatusText = (t: Translate, status: string) => byCode(t, 'outbox.status', status);
