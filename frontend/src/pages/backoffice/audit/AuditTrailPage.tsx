import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { CSV } from '../../../api/download';
import type { AuditEvent } from '../../../api/types';
import { DownloadButton } from '../../../components/DownloadButton/DownloadButton';
import { Field } from '../../../components/Field/Field';
import { SelectField } from '../../../components/Field/SelectField';
import { Table } from '../../../components/Table/Table';
import { actorRoleText, actorText, eventReasonText } from '../../../domain/requestLabels';
import { AUDIT_ACTIONS } from '../../../domain/vocabulary';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useResource } from '../../../hooks/useResource';
import { useFormat } from '../../../i18n/format';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { criteriaErrors } from '../search/searchErrors';
import { SearchActions, SearchResults } from '../search/SearchResults';
import { requestPath } from '../TaskListPage';
import {
  AUDIT_KEYS,
  auditCriteriaFromForm,
  auditCriteriaFromQuery,
  auditExportUrl,
  auditFormFromCriteria,
  auditQueryFor,
  type AuditCriteria,
  type AuditForm,
  type AuditKey,
} from './auditCriteria';
import { auditActionText, auditDetailLines, auditEntityText } from './auditLabels';
import '../search/Search.css';
import './Audit.css';

const PAGE_SIZE = 50;

/**
 * The audit trail, for the auditor (admin role): every change and every look at a request,
 * newest first. The criteria live in the address, so a search can be bookmarked and shared.
 */
export function AuditTrailPage() {
  const { t } = useI18n();
  useDocumentTitle(t('audit.heading'));
  const [query, setQuery] = useSearchParams();
  const criteria = auditCriteriaFromQuery(query);
  const key = auditQueryFor(criteria).toString();
  const pages = useCursorPages<number>(key);
  const { cursor } = pages;

  const events = useResource(
    (signal) =>
      unwrap(
        api.GET('/api/v1/audit/events', {
          params: { query: { ...criteria, limit: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) } },
          signal,
        }),
      ),
    [key, cursor],
  );
  const { errorFor, inForm } = criteriaErrors(t, events, AUDIT_KEYS);

  return (
    <>
      <h1>{t('audit.heading')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      {/* Keyed by the address: back and forward bring the form of that search. */}
      <AuditFormView key={key} criteria={criteria} onSearch={(next) => setQuery(auditQueryFor(next))} errorFor={errorFor} />

      <SearchResults
        id="audit-results-heading"
        heading={t('audit.results')}
        tools={<DownloadButton url={auditExportUrl(criteria)} accept={CSV} label={t('audit.export')} className="button button--secondary" />}
        results={events}
        pages={pages}
        criteriaInError={inForm}
        none={t('audit.none')}
      >
        {(items) => <EventTable items={items} />}
      </SearchResults>
    </>
  );
}

interface FormViewProps {
  criteria: AuditCriteria;
  onSearch: (criteria: AuditCriteria) => void;
  errorFor: (name: AuditKey) => string | undefined;
}

function AuditFormView({ criteria, onSearch, errorFor }: FormViewProps) {
  const { t } = useI18n();
  const [form, setForm] = useState<AuditForm>(() => auditFormFromCriteria(criteria));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(auditCriteriaFromForm(form));
  };
  const clear = () => {
    setForm(auditFormFromCriteria({}));
    onSearch({});
  };
  const field = (name: AuditKey, label: MessageKey) => ({
    id: `audit-${name}`,
    name,
    label: t(label),
    value: form[name],
    error: errorFor(name),
    onChange: (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value })),
  });

  return (
    <form role="search" aria-label={t('audit.formLabel')} noValidate onSubmit={submit} className="search-form audit-form">
      <div className="search-form__grid">
        <Field {...field('person', 'audit.person')} hint={t('audit.personHint')} inputMode="numeric" autoComplete="off" spellCheck={false} />
        <Field {...field('reference', 'audit.reference')} autoComplete="off" spellCheck={false} />
        <Field {...field('actor', 'audit.actor')} hint={t('audit.actorHint')} autoComplete="off" />
        <SelectField
          {...field('action', 'audit.action')}
          options={[{ value: '', label: t('audit.anyAction') }, ...AUDIT_ACTIONS.map((code) => ({ value: code, label: auditActionText(t, code) }))]}
        />
        <Field {...field('from', 'audit.from')} type="date" />
        <Field {...field('to', 'audit.to')} type="date" />
      </div>
      <SearchActions onClear={clear} />
    </form>
  );
}

const COLUMNS: MessageKey[] = [
  'audit.column.at',
  'audit.column.actor',
  'audit.column.role',
  'audit.column.action',
  'audit.column.about',
  'audit.column.reason',
  'audit.column.details',
];

function EventTable({ items }: { items: readonly AuditEvent[] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Table caption={t('audit.results')} labelledBy="audit-results-heading" className="audit-table" columns={COLUMNS.map((column) => t(column))}>
      {items.map((event) => {
        const details = auditDetailLines(t, event.details);
        return (
          <tr key={event.id}>
            <td>
              <time dateTime={event.at}>{format.dateTime(event.at)}</time>
            </td>
            <td>{actorText(t, event)}</td>
            <td>{actorRoleText(t, event.actorRole)}</td>
            <td>{auditActionText(t, event.action)}</td>
            <td>
              {event.entityType === 'request' ? (
                <Link to={requestPath(event.entityId)}>{event.entityId}</Link>
              ) : (
                auditEntityText(t, event.entityType, event.entityId)
              )}
            </td>
            <td>{eventReasonText(t, event)}</td>
            <td>
              {details.length > 0 && (
                <ul className="audit-details">
                  {details.map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
