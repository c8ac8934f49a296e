import type { SearchParams } from '../../../api/types';
import { everyValueOf } from '../../../domain/vocabulary';

/**
 * Every search criterion, named as the API names it (query string, saved filters and exports
 * alike), in the order of the form and the address: first those always in view, then those
 * folded away under "Meer zoekcriteria" until one of them is used.
 */
export const CRITERIA_KEYS = everyValueOf<keyof SearchParams>()([
  'reference',
  'name',
  'nationalNumber',
  'q',
  'documentType',
  'status',
  'channel',
  'delivery',
  'processing',
  'submittedFrom',
  'submittedTo',
  'finishedFrom',
  'finishedTo',
  'taskType',
  'assignee',
  'module',
]);
export type CriteriaKey = (typeof CRITERIA_KEYS)[number];
const ALWAYS_SHOWN: readonly CriteriaKey[] = ['reference', 'name', 'nationalNumber', 'q'];
export const MORE_KEYS = CRITERIA_KEYS.filter((key) => !ALWAYS_SHOWN.includes(key));

/** Criteria that hold several values, comma-separated as the API takes them. */
export const LIST_KEYS = ['documentType', 'status'] as const satisfies readonly CriteriaKey[];
type ListKey = (typeof LIST_KEYS)[number];
const isListKey = (key: CriteriaKey): key is ListKey => (LIST_KEYS as readonly string[]).includes(key);

/** The criteria in use: only those with a value; lists as comma-separated text. */
export type Criteria = Partial<Record<CriteriaKey, string>>;

export const SORT_FIELDS = ['submittedAt', 'reference', 'status', 'documentType', 'requesterName'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const DEFAULT_SORT = '-submittedAt';

function clean(key: CriteriaKey, value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  if (isListKey(key)) {
    const items = [
      ...new Set(
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ];
    return items.length > 0 ? items.join(',') : undefined;
  }
  const trimmed = value.trim();
  return trimmed || undefined;
}

function build(read: (key: CriteriaKey) => string | null | undefined): Criteria {
  const criteria: Criteria = {};
  for (const key of CRITERIA_KEYS) {
    const value = clean(key, read(key));
    if (value !== undefined) criteria[key] = value;
  }
  return criteria;
}

/** The criteria in an address's query string; unknown parameters are ignored. */
export function criteriaFromQuery(query: URLSearchParams): Criteria {
  // A list may also come as repeated parameters (?status=a&status=b).
  return build((key) => (isListKey(key) ? query.getAll(key).join(',') : query.get(key)));
}

/** The sort in the query string, when it is one the API knows; else the default (newest first). */
export function sortFromQuery(query: URLSearchParams): string {
  const sort = query.get('sort');
  if (sort && (SORT_FIELDS as readonly string[]).includes(sort.replace(/^-/, ''))) return sort;
  return DEFAULT_SORT;
}

/** The query string for criteria and sort, in a fixed order so equal searches have equal URLs. */
export function queryFor(criteria: Criteria, sort: string = DEFAULT_SORT): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of CRITERIA_KEYS) {
    const value = clean(key, criteria[key]);
    if (value !== undefined) query.set(key, value);
  }
  if (sort !== DEFAULT_SORT) query.set('sort', sort);
  return query;
}

/** A saved filter's criteria (nulls for what it leaves open). */
export function criteriaFromFilter(params: SearchParams): Criteria {
  return build((key) => params[key]);
}

/** Criteria as the API's SearchParams, for a saved filter or an export. */
export function toSearchParams(criteria: Criteria): SearchParams {
  return { ...criteria };
}

export function sameCriteria(a: Criteria, b: Criteria): boolean {
  return queryFor(a).toString() === queryFor(b).toString();
}

export function isEmpty(criteria: Criteria): boolean {
  return Object.keys(criteria).length === 0;
}

/** A click on a column: sort by it ascending, or turn its direction around. */
export function toggleSort(current: string, field: SortField): string {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return field;
  return field;
}

export function sortState(current: string, field: SortField): 'ascending' | 'descending' | undefined {
  if (current === field) return 'ascending';
  if (current === `-${field}`) return 'descending';
  return undefined;
}

/** The form's answers: text as typed, lists as arrays. */
export type CriteriaForm = Record<Exclude<CriteriaKey, ListKey>, string> & Record<ListKey, string[]>;

export function formFromCriteria(criteria: Criteria): CriteriaForm {
  const form = {} as CriteriaForm;
  for (const key of CRITERIA_KEYS) {
    if (isListKey(key)) form[key] = criteria[key] ? criteria[key].split(',') : [];
    else form[key] = criteria[key] ?? '';
  }
  return form;
}

export function criteriaFromForm(form: CriteriaForm): Criteria {
  return build((key) => (isListKey(key) ? form[key].join(',') : form[key]));
}
