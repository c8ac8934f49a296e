import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import type { SearchHit } from '../../../api/types';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { Field } from '../../../components/Field/Field';
import { SelectField } from '../../../components/Field/SelectField';
import { Loaded } from '../../../components/Status/Loaded';
import { Table } from '../../../components/Table/Table';
import { channelText, deliveryText, documentTypeName, processingText, statusText, taskTypeText } from '../../../domain/requestLabels';
import { CHANNELS, DELIVERY_METHODS, PROCESSING, REQUEST_STATUSES, TASK_TYPES } from '../../../domain/vocabulary';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useResource } from '../../../hooks/useResource';
import { useFormat } from '../../../i18n/format';
import { locale, useI18n, type Lang, type MessageKey, type Translate } from '../../../i18n/i18n';
import { useSession } from '../../../session/store';
import { requestPath } from '../TaskListPage';
import {
  CRITERIA_KEYS,
  criteriaFromForm,
  criteriaFromQuery,
  formFromCriteria,
  MORE_KEYS,
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
import { criteriaErrors } from './searchErrors';
import { SearchActions, SearchResults } from './SearchResults';
import './Search.css';

const PAGE_SIZE = 25;

/** "25 aanvragen gevonden", or "Meer dan 10.000 aanvragen gevonden" past the API's count limit. */
function countText(t: Translate, lang: Lang, { total, totalExact }: { total: number; totalExact: boolean }): string {
  const shown = total.toLocaleString(locale(lang));
  if (!totalExact) return t('search.countMore', { total: shown });
  return t(total === 1 ? 'search.countOne' : 'search.count', { total: shown });
}

/** Search over every request; the criteria live in the address, so a search can be bookmarked. */
export function SearchPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('backOffice.nav.search'));
  const [query, setQuery] = useSearchParams();
  const key = query.toString();
  const criteria = criteriaFromQuery(query);
  const sort = sortFromQuery(query);
  const pages = useCursorPages<string>(key);
  const { cursor } = pages;

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
  const { errorFor, inForm } = criteriaErrors(t, results, CRITERIA_KEYS);
  const go = (next: Criteria, nextSort = sort) => setQuery(queryFor(next, nextSort));

  return (
    <>
      <h1>{t('backOffice.nav.search')}</h1>
      <div className="search-top">
        {/* Keyed by the address: back and forward bring the form of that search. */}
        <CriteriaFormView key={key} criteria={criteria} onSearch={(next) => go(next)} onClear={() => go({}, sort)} errorFor={errorFor} />
        <SavedFilters criteria={criteria} onApply={(next) => go(next)} />
      </div>

      <SearchResults
        id="results-heading"
        heading={t('search.results')}
        tools={<ExportButton criteria={criteria} sort={sort} />}
        count={
          <p role="status" className="search-results__count">
            {results.status === 'ok' && countText(t, lang, results.data)}
          </p>
        }
        results={results}
        pages={pages}
        criteriaInError={inForm}
        none={t('search.none')}
      >
        {(items) => <ResultsTable items={items} sort={sort} onSort={(field) => go(criteria, toggleSort(sort, field))} />}
      </SearchResults>
    </>
  );
}

interface FormViewProps {
  /** The search in the address, which the form starts from. */
  criteria: Criteria;
  onSearch: (criteria: Criteria) => void;
  onClear: () => void;
  errorFor: (name: string) => string | undefined;
}

function CriteriaFormView({ criteria, onSearch, onClear, errorFor }: FormViewProps) {
  const { t } = useI18n();
  const session = useSession();
  const types = useResource((signal) => unwrap(api.GET('/api/v1/document-types', { signal })), []);
  const staff = useResource((signal) => unwrap(api.GET('/api/v1/staff-members', { signal })), []);
  const [form, setForm] = useState<CriteriaForm>(() => formFromCriteria(criteria));
  // Folded away unless the search uses one of them.
  const [moreOpen, setMoreOpen] = useState(() => MORE_KEYS.some((name) => criteria[name] !== undefined));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(criteriaFromForm(form));
  };
  const clear = () => {
    setForm(formFromCriteria({}));
    onClear();
  };

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
    <form role="search" aria-label={t('search.formLabel')} noValidate onSubmit={submit} className="search-form">
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
            <Loaded resource={types} error={() => null}>
              {(data) =>
                data.items.map((type) => (
                  <CheckboxField
                    key={type.code}
                    label={documentTypeName(t, type.code, type.name)}
                    checked={form.documentType.includes(type.code)}
                    onChange={(event) => toggle('documentType', type.code, event.target.checked)}
                  />
                ))
              }
            </Loaded>
          </CheckboxGroup>
          <CheckboxGroup legend={t('search.status')} error={errorFor('status')}>
            {REQUEST_STATUSES.map((status) => (
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
            options={[any, ...CHANNELS.map((value) => ({ value, label: channelText(t, value) }))]}
          />
          <SelectField
            {...text('delivery', 'search.delivery')}
            options={[any, ...DELIVERY_METHODS.map((value) => ({ value, label: deliveryText(t, value) }))]}
          />
          <SelectField
            {...text('processing', 'search.processing')}
            options={[any, ...PROCESSING.map((value) => ({ value, label: processingText(t, value) }))]}
          />
          <SelectField
            {...text('taskType', 'search.taskType')}
            options={[any, ...TASK_TYPES.map((value) => ({ value, label: taskTypeText(t, value) }))]}
          />
          <SelectField
            {...text('assignee', 'search.assignee')}
            options={[
              any,
              { value: 'me', label: t('search.assigneeMe') },
              ...(staff.status === 'ok'
                ? staff.data.items.filter((m) => m.id !== session?.user.id).map((m) => ({ value: String(m.id), label: m.name }))
                : []),
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
      <SearchActions onClear={clear} />
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
    <Table
      caption={t('search.results')}
      labelledBy="results-heading"
      columns={COLUMNS.map(({ field, label }) => {
        const state = field ? sortState(sort, field) : undefined;
        return {
          key: label,
          sort: state,
          label: field ? (
            <button type="button" className="sort-button" onClick={() => onSort(field)}>
              {t(label)}
              <span aria-hidden="true" className="sort-button__icon">
                {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
              </span>
            </button>
          ) : (
            t(label)
          ),
        };
      })}
    >
      {items.map((hit) => (
        <tr key={hit.reference}>
          <td>
            <Link to={requestPath(hit.reference)}>{hit.reference}</Link>
          </td>
          <td>{documentTypeName(t, hit.documentTypeCode, hit.documentTypeName)}</td>
          <td>{hit.requesterName}</td>
          <td>{hit.subjectName}</td>
          <td>{statusText(t, hit.status)}</td>
          <td>{channelText(t, hit.channel)}</td>
          <td>
            <time dateTime={hit.submittedAt}>{format.dateTime(hit.submittedAt)}</time>
          </td>
          <td>
            {hit.openTasks.length === 0
              ? t('search.noOpenTasks')
              : hit.openTasks
                  .map(({ taskType, assignee }) =>
                    assignee ? t('search.taskWithAssignee', { task: taskTypeText(t, taskType), name: assignee.name }) : taskTypeText(t, taskType),
                  )
                  .join(', ')}
          </td>
        </tr>
      ))}
    </Table>
  );
}
