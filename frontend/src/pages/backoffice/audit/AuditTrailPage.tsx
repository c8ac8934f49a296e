import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { CSV } from '../../../api/download';
import { ApiProblem } from '../../../api/problem';
import { fieldMessage, problemMessage } from '../../../api/problemMessage';
import type { AuditEvent } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { DownloadButton } from '../../../components/DownloadButton/DownloadButton';
import { Field } from '../../../components/Field/Field';
import { SelectField } from '../../../components/Field/SelectField';
import { Loading } from '../../../components/Status/Loading';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useResource } from '../../../hooks/useResource';
import { useFormat } from '../../../i18n/format';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { requestPath } from '../TaskListPage';
import {
  auditCriteriaFromForm,
  auditCriteriaFromQuery,
  auditExportUrl,
  auditFormFromCriteria,
  auditQueryFor,
  type AuditForm,
  type AuditKey,
} from './auditCriteria';
import { AUDIT_ACTIONS, auditActionText, auditDetailLines, auditEntityText, auditRoleText } from './auditLabels';
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
  const [form, setForm] = useState<AuditForm>(() => auditFormFromCriteria(criteria));
  // A stack of cursors per search: "Vorige" pops, a new search starts over.
  const [paging, setPaging] = useState<{ key: string; cursors: (number | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = paging.key === key ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  // Back and forward change the address: the form follows it.
  useEffect(() => {
    setForm(auditFormFromCriteria(auditCriteriaFromQuery(new URLSearchParams(key))));
  }, [key]);

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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(auditQueryFor(auditCriteriaFromForm(form)));
  };
  const clear = () => {
    setForm(auditFormFromCriteria({}));
    setQuery(new URLSearchParams());
  };

  const problem = events.status === 'error' && events.error instanceof ApiProblem ? events.error : undefined;
  const invalid = problem?.status === 422 ? problem.invalidParams : [];
  const errorFor = (name: AuditKey) => {
    const param = invalid.find((p) => p.name === name);
    return param ? fieldMessage(t, param) : undefined;
  };
  const fieldsInError = invalid.some((p) => (form as Record<string, string>)[p.name] !== undefined);
  const page = cursors.length;

  const field = (name: AuditKey, label: MessageKey) => ({
    id: `audit-${name}`,
    name,
    label: t(label),
    value: form[name],
    error: errorFor(name),
    onChange: (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value })),
  });
  // An action from a bookmark that the list does not offer still shows as chosen.
  const actions: string[] = [...AUDIT_ACTIONS];
  if (form.action && !actions.includes(form.action)) actions.push(form.action);

  return (
    <>
      <h1>{t('audit.heading')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <form role="search" aria-label={t('audit.formLabel')} noValidate onSubmit={submit} className="search-form audit-form">
        <div className="search-form__grid">
          <Field {...field('person', 'audit.person')} hint={t('audit.personHint')} inputMode="numeric" autoComplete="off" spellCheck={false} />
          <Field {...field('reference', 'audit.reference')} autoComplete="off" spellCheck={false} />
          <Field {...field('actor', 'audit.actor')} hint={t('audit.actorHint')} autoComplete="off" />
          <SelectField
            {...field('action', 'audit.action')}
            options={[{ value: '', label: t('audit.anyAction') }, ...actions.map((code) => ({ value: code, label: auditActionText(t, code) }))]}
          />
          <Field {...field('from', 'audit.from')} type="date" />
          <Field {...field('to', 'audit.to')} type="date" />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={clear}>
            {t('search.clear')}
          </button>
        </div>
      </form>

      <section aria-labelledby="audit-results-heading" className="search-results">
        <div className="search-results__head">
          <h2 id="audit-results-heading">{t('audit.results')}</h2>
          <DownloadButton url={auditExportUrl(criteria)} accept={CSV} label={t('audit.export')} className="button button--secondary" />
        </div>
        {events.status === 'loading' && <Loading />}
        {events.status === 'error' && (
          <Alert kind="error">{fieldsInError ? t('search.invalidCriteria') : problemMessage(t, events.error)}</Alert>
        )}
        {events.status === 'ok' &&
          (events.data.items.length === 0 ? (
            <div className="empty-state">
              <p>{t('audit.none')}</p>
            </div>
          ) : (
            <EventTable items={events.data.items} />
          ))}
        {events.status === 'ok' && (page > 1 || events.data.nextCursor != null) && (
          <nav className="pager" aria-label={t('pager.label')}>
            {page > 1 && (
              <button type="button" className="button button--secondary" onClick={() => setPaging({ key, cursors: cursors.slice(0, -1) })}>
                {t('pager.previous')}
              </button>
            )}
            {events.data.nextCursor != null && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setPaging({ key, cursors: [...cursors, events.data.nextCursor ?? undefined] })}
              >
                {t('pager.next')}
              </button>
            )}
            <span className="muted">{t('search.page', { page })}</span>
          </nav>
        )}
      </section>
    </>
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
    <div className="table-wrapper" role="region" aria-labelledby="audit-results-heading" tabIndex={0}>
      <table className="table audit-table">
        <caption className="visually-hidden">{t('audit.results')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {t(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((event) => {
            const details = auditDetailLines(t, event.details);
            return (
              <tr key={event.id}>
                <td>
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                </td>
                <td>{event.actorName}</td>
                <td>{auditRoleText(t, event.actorRole)}</td>
                <td>{auditActionText(t, event.action)}</td>
                <td>
                  {event.entityType === 'request' ? (
                    <Link to={requestPath(event.entityId)}>{event.entityId}</Link>
                  ) : (
                    auditEntityText(t, event.entityType, event.entityId)
                  )}
                </td>
                <td>{event.reason}</td>
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
        </tbody>
      </table>
    </div>
  );
}
