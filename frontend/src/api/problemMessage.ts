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
