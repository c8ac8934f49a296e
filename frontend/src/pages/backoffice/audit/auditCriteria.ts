import type { AuditQuery } from '../../../api/types';
import { AUDIT_ACTIONS, everyValueOf } from '../../../domain/vocabulary';

/** The audit trail's criteria, named as the API names its query parameters. */
export const AUDIT_KEYS = everyValueOf<Exclude<keyof AuditQuery, 'cursor' | 'limit'>>()(['person', 'reference', 'actor', 'action', 'from', 'to']);
export type AuditKey = (typeof AUDIT_KEYS)[number];

/** The criteria in use: only those with a value, each as the API takes it. */
export type AuditCriteria = Pick<AuditQuery, AuditKey>;
/** The form's answers, as typed. */
export type AuditForm = Record<AuditKey, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isAction = (value: string): value is NonNullable<AuditCriteria['action']> => (AUDIT_ACTIONS as readonly string[]).includes(value);

/** Left out of the address and the query: what is empty, a date field that holds no day, an unknown action. */
function clean(key: AuditKey, value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if ((key === 'from' || key === 'to') && !DAY.test(trimmed)) return undefined;
  if (key === 'action' && !isAction(trimmed)) return undefined;
  return trimmed;
}

function build(read: (key: AuditKey) => string | null | undefined): AuditCriteria {
  const criteria: AuditCriteria = {};
  for (const key of AUDIT_KEYS) {
    const value = clean(key, read(key));
    if (value === undefined) continue;
    if (key !== 'action') criteria[key] = value;
    else if (isAction(value)) criteria.action = value;
  }
  return criteria;
}

/** The criteria in an address's query string; unknown parameters are ignored. */
export function auditCriteriaFromQuery(query: URLSearchParams): AuditCriteria {
  return build((key) => query.get(key));
}

/** The query string for criteria, in a fixed order so equal searches have equal URLs. */
export function auditQueryFor(criteria: AuditCriteria): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of AUDIT_KEYS) {
    const value = clean(key, criteria[key]);
    if (value !== undefined) query.set(key, value);
  }
  return query;
}

export function auditFormFromCriteria(criteria: AuditCriteria): AuditForm {
  return Object.fromEntries(AUDIT_KEYS.map((key) => [key, criteria[key] ?? ''])) as AuditForm;
}

export function auditCriteriaFromForm(form: AuditForm): AuditCriteria {
  return build((key) => form[key]);
}

/** Where the CSV of the same criteria comes from (a GET: the session cookie is enough). */
export function auditExportUrl(criteria: AuditCriteria): string {
  const query = auditQueryFor(criteria).toString();
  return `/api/v1/audit/events/export${query ? `?${query}` : ''}`;
}
