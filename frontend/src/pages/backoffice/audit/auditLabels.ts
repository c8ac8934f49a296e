import type { AuditDetails } from '../../../api/types';
import { adviceText, deliveryText } from '../../../domain/requestLabels';
import { isMessageKey, type Translate } from '../../../i18n/i18n';

/**
 * An action in words: the audit trail's own label, else the one a request's history uses,
 * else the code itself (an action this SPA does not know yet).
 */
export function auditActionText(t: Translate, action: string): string {
  for (const key of [`auditAction.${action}`, `historyAction.${action}`]) {
    if (isMessageKey(key)) return t(key);
  }
  return action;
}

/** What an event is about, when that is not a request (a request is a link of its own). */
export function auditEntityText(t: Translate, entityType: string, entityId: string): string {
  const id = entityId === '-' ? '' : entityId;
  const key = `audit.entity.${entityType}`;
  if (isMessageKey(key)) return t(key, { id }).trim();
  return `${entityType} ${id}`.trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value) ?? '';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Search criteria as "name: amrani; status: refused". */
function criteriaText(t: Translate, criteria: unknown): string {
  if (!isRecord(criteria)) return plain(criteria);
  const parts = Object.entries(criteria)
    .filter(([, value]) => !isBlank(value))
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.map(plain).join(', ') : plain(value)}`);
  return parts.length > 0 ? parts.join('; ') : t('audit.details.noCriteria');
}

/**
 * Keys left out of the summary: `kind` repeats the event's action; the browser's user agent
 * says little and takes a line; a request's manual reasons are its reason; `adviceLabel` is
 * the API's Dutch word for `advice` (older events).
 */
const SKIPPED = new Set(['kind', 'userAgent', 'reasons', 'adviceLabel']);

/**
 * An event's details in a few short lines: the search criteria and how many rows they gave,
 * the document looked at, the client's address, and anything else as "name: value".
 */
export function auditDetailLines(t: Translate, details: AuditDetails | null | undefined): string[] {
  if (isBlank(details)) return [];
  if (!isRecord(details)) return [plain(details)];
  const lines: string[] = [];
  for (const [name, value] of Object.entries(details)) {
    if (SKIPPED.has(name)) continue;
    if (name === 'criteria') {
      lines.push(t('audit.details.criteria', { criteria: criteriaText(t, value) }));
      continue;
    }
    if (isBlank(value)) continue;
    if (name === 'total' && typeof value === 'number')
      lines.push(t(value === 1 ? 'audit.details.totalOne' : 'audit.details.total', { count: value }));
    else if (name === 'rows' && typeof value === 'number')
      lines.push(t(value === 1 ? 'audit.details.rowsOne' : 'audit.details.rows', { count: value }));
    else if (name === 'address') lines.push(t('audit.details.address', { address: plain(value) }));
    else if (name === 'documentId') lines.push(t('audit.details.document', { id: plain(value) }));
    else if (name === 'advice' && typeof value === 'string') lines.push(t('history.advice', { advice: adviceText(t, value) }));
    else if (name === 'method' && typeof value === 'string') lines.push(t('history.deliveryMethod', { method: deliveryText(t, value) }));
    else lines.push(`${name}: ${plain(value)}`);
  }
  return lines;
}
