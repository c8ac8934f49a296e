/** The audit trail's criteria, named as the API names its query parameters. */
export const AUDIT_KEYS = ['person', 'reference', 'actor', 'action', 'from', 'to'] as const;
export type AuditKey = (typeof AUDIT_KEYS)[number];

/** The criteria in use: only those with a value. */
export type AuditCriteria = Partial<Record<AuditKey, string>>;
/** The form's answers, as typed. */
export type AuditForm = Record<AuditKey, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function clean(key: AuditKey, value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  // A date field only ever holds a day; anything else in the address is left out.
  if ((key === 'from' || key === 'to') && !DAY.test(trimmed)) return undefined;
  return trimmed;
}

function build(read: (key: AuditKey) => string | null | undefined): AuditCriteria {
  const criteria: AuditCriteria = {};
  for (const key of AUDIT_KEYS) {
    const value = clean(key, read(key));
    if (value !== undefined) criteria[key] = value;
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
