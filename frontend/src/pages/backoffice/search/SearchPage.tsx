import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { fieldMessage, problemMessage } from '../../../api/problemMessage';
import type { SearchHit } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { Field } from '../../../components/Field/Field';
import { SelectField } from '../../../components/Field/SelectField';
import { Loading } from '../../../components/Status/Loading';
import { statusText } from '../../../domain/requestLabels';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useResource } from '../../../hooks/useResource';
import { useFormat } from '../../../i18n/format';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { useSession } from '../../../session/store';
import { requestPath } from '../TaskListPage';
import {
  criteriaFromForm,
  criteriaFromQuery,
  formFromCriteria,
  queryFor,
  sortFromQuery,
  sortState,
  toggleSort,
  type Criteria,
  type CriteriaForm,
  type SortField,
} from './criteria';
import { ExportButton } from './ExportButton';
import { SavedFilters } from './SavedFilters';
import './Search.css';

const PAGE_SIZE = 25;
export const STATUSES = [
  'in_progress',
  'awaiting_police_advice',
  'awaiting_deed',
  'awaiting_shipment',
  'ready_for_pickup',
  'delivered',
  'refused',
  'cancelled',
] as const;
export const TASK_TYPES = ['handle_request', 'confirm_shipment', 'confirm_pickup', 'give_advice', 'add_deed', 'cancel_request'] as const;
/** The criteria folded away under "Meer zoekcriteria" until one of them is used. */
const MORE: readonly (keyof CriteriaForm)[] = [
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
];

/** Search over every request; the criteria live in the address, so a search can be bookmarked. */
export function SearchPage() {
  const { t } = useI18n();
  useDocumentTitle(t('backOffice.nav.search'));
  const [query, setQuery] = useSearchParams();
  const key = query.toString();
  const criteria = criteriaFromQuery(query);
  const sort = sortFromQuery(query);
  const [form, setForm] = useState<CriteriaForm>(() => formFromCriteria(criteria));
  // A stack of cursors per search: "Vorige" pops, a new search starts over.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = paging.key === key ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  // Back and forward change the address: the form follows it.
  useEffect(() => {
    setForm(formFromCriteria(criteriaFromQuery(new URLSearchParams(key))));
  }, [key]);

  const results = useResource(
    (signal) =>
      unwrap(
        api.GET('/api/v1/search/requests', {
          params: { query: { ...criteria, sort, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    [key, cursor],
  );

  const go = (next: Criteria, nextSort = sort) => setQuery(queryFor(next, nextSort));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(criteriaFromForm(form));
  };
  const clear = () => {
    setForm(formFromCriteria({}));
    go({}, sort);
  };

  const fieldErrors = results.status === 'error' && results.error instanceof ApiProblem ? results.error.fieldErrors : {};
  const invalid = results.status === 'error' && results.error instanceof ApiProblem ? results.error.invalidParams : [];
  const errorFor = (name: string) => {
    const param = invalid.find((p) => p.name === name);
    return param ? fieldMessage(t, param) : undefined;
  };
  const page = cursors.length;

  return (
    <>
      <h1>{t('backOffice.nav.search')}</h1>
      <div className="search-top">
        <CriteriaFormView form={form} setForm={setForm} onSubmit={submit} onClear={clear} errorFor={errorFor} />
        <SavedFilters criteria={criteria} onApply={(next) => go(next)} />
      </div>

      <section aria-labelledby="results-heading" className="search-results">
        <div className="search-results__head">
          <h2 id="results-heading">{t('search.results')}</h2>
          <ExportButton criteria={criteria} sort={sort} />
        </div>
        <p role="status" className="search-results__count">
          {results.status === 'ok' && t(results.data.total === 1 ? 'search.countOne' : 'search.count', { total: results.data.total })}
        </p>
        {results.status === 'loading' && <Loading />}
        {results.status === 'error' && (
          <Alert kind="error">{Object.keys(fieldErrors).length > 0 ? t('search.invalidCriteria') : problemMessage(t, results.error)}</Alert>
        )}
        {results.status === 'ok' &&
          (results.data.items.length === 0 ? (
            <div className="empty-state">
              <p>{t('search.none')}</p>
            </div>
          ) : (
            <ResultsTable items={results.data.items} sort={sort} onSort={(field) => go(criteria, toggleSort(sort, field))} />
          ))}
        {results.status === 'ok' && (page > 1 || results.data.nextCursor) && (
          <nav className="pager" aria-label={t('pager.label')}>
            {page > 1 && (
              <button type="button" className="button button--secondary" onClick={() => setPaging({ key, cursors: cursors.slice(0, -1) })}>
                {t('search.previousPage')}
              </button>
            )}
            {results.data.nextCursor && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setPaging({ key, cursors: [...cursors, results.data.nextCursor ?? undefined] })}
              >
                {t('search.nextPage')}
              </button>
            )}
            <span className="muted">{t('search.page', { page })}</span>
          </nav>
        )}
      </section>
    </>
  );
}

interface FormViewProps {
  form: CriteriaForm;
  setForm: (update: (form: CriteriaForm) => CriteriaForm) => void;
  onSubmit: (event: FormEvent) => void;
  onClear: () => void;
  errorFor: (name: string) => string | undefined;
}

function CriteriaFormView({ form, setForm, onSubmit, onClear, errorFor }: FormViewProps) {
  const { t } = useI18n();
  const session = useSession();
  const types = useResource((signal) => unwrap(api.GET('/api/v1/document-types', { signal })), []);
  const staff = useResource((signal) => unwrap(api.GET('/api/v1/staff-members', { signal })), []);
  const moreInUse = MORE.some((name) => (Array.isArray(form[name]) ? form[name].length > 0 : form[name] !== ''));
  const [moreOpen, setMoreOpen] = useState(moreInUse);
  useEffect(() => {
    if (moreInUse) setMoreOpen(true);
  }, [moreInUse]);

  const text = (name: Exclude<keyof CriteriaForm, 'documentType' | 'status'>, label: MessageKey, extra: Record<string, unknown> = {}) => ({
    id: `search-${name}`,
    name,
    label: t(label),
    value: form[name],
    error: errorFor(name),
    onChange: (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value })),
    ...extra,
  });
  const toggle = (name: 'documentType' | 'status', value: string, on: boolean) =>
    setForm((f) => ({ ...f, [name]: on ? [...f[name], value] : f[name].filter((v) => v !== value) }));
  const any = { value: '', label: t('search.any') };

  return (
    <form role="search" aria-label={t('search.formLabel')} noValidate onSubmit={onSubmit} className="search-form">
      <div className="search-form__grid">
        <Field {...text('reference', 'search.reference')} autoComplete="off" />
        <Field {...text('name', 'search.name')} autoComplete="off" />
        <Field {...text('nationalNumber', 'search.nationalNumber')} inputMode="numeric" autoComplete="off" />
        <Field {...text('q', 'search.q')} hint={t('search.qHint')} type="search" autoComplete="off" />
      </div>
      <details className="search-form__more" open={moreOpen} onToggle={(event) => setMoreOpen(event.currentTarget.open)}>
        <summary>{t('search.more')}</summary>
        <div className="search-form__groups">
          <CheckboxGroup legend={t('search.documentType')} error={errorFor('documentType')}>
            {types.status === 'ok'
              ? types.data.items.map((type) => (
                  <CheckboxField
                    key={type.code}
                    label={type.name}
                    checked={form.documentType.includes(type.code)}
                    onChange={(event) => toggle('documentType', type.code, event.target.checked)}
                  />
                ))
              : types.status === 'loading' && <Loading />}
          </CheckboxGroup>
          <CheckboxGroup legend={t('search.status')} error={errorFor('status')}>
            {STATUSES.map((status) => (
              <CheckboxField
                key={status}
                label={statusText(t, status)}
                checked={form.status.includes(status)}
                onChange={(event) => toggle('status', status, event.target.checked)}
              />
            ))}
          </CheckboxGroup>
        </div>
        <div className="search-form__grid">
          <SelectField
            {...text('channel', 'search.channel')}
            options={[any, { value: 'web', label: t('channel.web') }, { value: 'api', label: t('channel.api') }]}
          />
          <SelectField
            {...text('delivery', 'search.delivery')}
            options={[any, ...(['digital', 'post', 'counter'] as const).map((value) => ({ value, label: t(`delivery.${value}`) }))]}
          />
          <SelectField
            {...text('processing', 'search.processing')}
            options={[any, { value: 'automatic', label: t('processing.automatic') }, { value: 'manual', label: t('processing.manual') }]}
          />
          <SelectField {...text('taskType', 'search.taskType')} options={[any, ...TASK_TYPES.map((type) => ({ value: type, label: t(`taskType.${type}`) }))]} />
          <SelectField
            {...text('assignee', 'search.assignee')}
            options={[
              any,
              { value: 'me', label: t('search.assigneeMe') },
              ...(staff.status === 'ok' ? staff.data.items.filter((m) => m.id !== session?.user.id).map((m) => ({ value: String(m.id), label: m.name })) : []),
              // A colleague's id from a bookmark, before the list has loaded.
              ...(form.assignee && form.assignee !== 'me' && staff.status !== 'ok' ? [{ value: form.assignee, label: form.assignee }] : []),
            ]}
          />
          <div />
          <Field {...text('submittedFrom', 'search.submittedFrom')} type="date" />
          <Field {...text('submittedTo', 'search.submittedTo')} type="date" />
          <Field {...text('finishedFrom', 'search.finishedFrom')} type="date" />
          <Field {...text('finishedTo', 'search.finishedTo')} type="date" />
        </div>
        <CheckboxField
          label={t('search.module')}
          checked={form.module === 'papieren-en-attesten'}
          onChange={(event) => setForm((f) => ({ ...f, module: event.target.checked ? 'papieren-en-attesten' : '' }))}
        />
      </details>
      <div className="actions">
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClear}>
          {t('search.clear')}
        </button>
      </div>
    </form>
  );
}

function CheckboxGroup({ legend, error, children }: { legend: string; error?: string; children: ReactNode }) {
  return (
    <fieldset className={`field search-form__checkboxes${error ? ' field--error' : ''}`}>
      <legend className="field__label">{legend}</legend>
      {error && <p className="field__error">{error}</p>}
      {children}
    </fieldset>
  );
}

const COLUMNS: { field?: SortField; label: MessageKey }[] = [
  { field: 'reference', label: 'search.column.reference' },
  { field: 'documentType', label: 'search.column.documentType' },
  { field: 'requesterName', label: 'search.column.requester' },
  { label: 'search.column.subject' },
  { field: 'status', label: 'search.column.status' },
  { label: 'search.column.channel' },
  { field: 'submittedAt', label: 'search.column.submittedAt' },
  { label: 'search.column.openTasks' },
];

function ResultsTable({ items, sort, onSort }: { items: SearchHit[]; sort: string; onSort: (field: SortField) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <div className="table-wrapper" role="region" aria-labelledby="results-heading" tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">
          {t('search.results')}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const state = column.field ? sortState(sort, column.field) : undefined;
              const field = column.field;
              return (
                <th key={column.label} scope="col" aria-sort={state}>
                  {field ? (
                    <button type="button" className="sort-button" onClick={() => onSort(field)}>
                      {t(column.label)}
                      <span aria-hidden="true" className="sort-button__icon">
                        {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    t(column.label)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((hit) => (
            <tr key={hit.reference}>
              <td>
                <Link to={requestPath(hit.reference)}>{hit.reference}</Link>
              </td>
              <td>{hit.documentTypeName}</td>
              <td>{hit.requesterName}</td>
              <td>{hit.subjectName}</td>
              <td>{statusText(t, hit.status, hit.statusLabel)}</td>
              <td>{t(hit.channel === 'api' ? 'channel.api' : 'channel.web')}</td>
              <td>
                <time dateTime={hit.submittedAt}>{format.dateTime(hit.submittedAt)}</time>
              </td>
              <td>
                {hit.openTasks.length === 0
                  ? t('search.noOpenTasks')
                  : hit.openTasks.map((task) => (task.assignee ? t('search.taskWithAssignee', { task: task.label, name: task.assignee }) : task.label)).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
