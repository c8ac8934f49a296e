import { isMessageKey, type Translate } from '../i18n/i18n';
import { ApiProblem } from './problem';

/** A sentence for the person: the translated `code` when we know it, else the API's detail. */
export function problemMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiProblem) {
    const key = `error.${error.code}`;
    if (isMessageKey(key)) return t(key);
    if (error.detail) return error.detail;
  }
  return t('error.generic');
}

/**
 * What to say beside one field: a message for this field and code when there is one
 * (`fieldError.forWhom.invalid_value`), else one for the code, else the API's own reason.
 */
export function fieldMessage(t: Translate, param: { name?: string; code?: string; reason?: string }): string {
  if (param.code) {
    const specific = param.name ? `fieldError.${param.name}.${param.code}` : '';
    if (specific && isMessageKey(specific)) return t(specific);
    const general = `fieldError.${param.code}`;
    if (isMessageKey(general)) return t(general);
  }
  return param.reason || t('error.generic');
}
