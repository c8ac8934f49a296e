import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { problemMessage } from '../../../api/problemMessage';
import type { FailedJob, JobKind } from '../../../api/types';
import { Notice, type NoticeText } from '../../../components/Notice/Notice';
import { Pager } from '../../../components/Pager/Pager';
import { Loaded } from '../../../components/Status/Loaded';
import { Table } from '../../../components/Table/Table';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useReloadable } from '../../../hooks/useResource';
import { useTimeZone } from '../../../i18n/format';
import { locale, useI18n, type MessageKey, type Translate } from '../../../i18n/i18n';
import { requestPath } from '../TaskListPage';

/** The words for a job's kind. */
export function jobKindText(t: Translate, kind: JobKind): string {
  return t(`jobKind.${kind}` as MessageKey);
}

const PAGE_SIZE = 50;

/** "Mislukte leveringen": what the system gave up on, with the last error and a retry button. */
export function FailedDeliveriesPage() {
  const { t } = useI18n();
  const heading = t('backOffice.nav.failedDeliveries');
  useDocumentTitle(heading);
  const pages = useCursorPages<string>();
  const { cursor, page } = pages;
  const { resource: jobs, reload } = useReloadable(
    (signal) => unwrap(api.GET('/api/v1/jobs/failed', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } }, signal })),
    [cursor],
  );
  const [notice, setNotice] = useState<NoticeText>();
  const [busy, setBusy] = useState<number>();

  const retry = async (job: FailedJob) => {
    setNotice(undefined);
    setBusy(job.id);
    const kind = jobKindText(t, job.kind);
    try {
      const after = await unwrap(api.POST('/api/v1/jobs/{id}/retry', { params: { path: { id: job.id } } }));
      const outcome: Record<typeof after.state, MessageKey> = {
        done: 'failedDeliveries.retried',
        queued: 'failedDeliveries.queued',
        failed: 'failedDeliveries.stillFailing',
      };
      setNotice({ kind: after.state === 'failed' ? 'error' : 'success', text: t(outcome[after.state], { kind }) });
    } catch (error) {
      // A 409: someone else retried it, or it ran meanwhile; the list shows what is left.
      setNotice({ kind: 'error', text: problemMessage(t, error) });
    } finally {
      setBusy(undefined);
    }
    await reload();
  };

  return (
    <>
      <h1>{heading}</h1>
      <p>{t('failedDeliveries.intro')}</p>
      <Notice notice={notice} />
      <Loaded resource={jobs}>
        {(data) =>
          data.items.length === 0 ? (
            <div className="empty-state">
              <p>{t('failedDeliveries.empty')}</p>
            </div>
          ) : (
            <>
              <p className="muted" aria-live="polite">
                {t('failedDeliveries.range', { from: (page - 1) * PAGE_SIZE + 1, to: (page - 1) * PAGE_SIZE + data.items.length, total: data.total })}
              </p>
              <FailedJobTable caption={heading} items={data.items} busy={busy} onRetry={retry} />
              <Pager pages={pages} nextCursor={data.nextCursor} />
            </>
          )
        }
      </Loaded>
    </>
  );
}

interface TableProps {
  caption: string;
  items: FailedJob[];
  busy?: number;
  onRetry: (job: FailedJob) => void;
}

function FailedJobTable({ caption, items, busy, onRetry }: TableProps) {
  const { t, lang } = useI18n();
  const timeZone = useTimeZone();
  const dateTime = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone });
  return (
    <Table
      caption={caption}
      columns={[
        t('failedDeliveries.column.reference'),
        t('failedDeliveries.column.kind'),
        t('failedDeliveries.column.attempts'),
        t('failedDeliveries.column.lastError'),
        t('failedDeliveries.column.failedAt'),
        t('failedDeliveries.column.actions'),
      ]}
    >
      {items.map((job) => {
        const kind = jobKindText(t, job.kind);
        const reference = job.requestReference;
        return (
          <tr key={job.id}>
            <td>{reference ? <Link to={requestPath(reference)}>{reference}</Link> : t('failedDeliveries.noRequest')}</td>
            <td>{kind}</td>
            <td>{job.attempts}</td>
            <td>{job.lastError ?? t('failedDeliveries.noError')}</td>
            <td>{job.failedAt && <time dateTime={job.failedAt}>{dateTime.format(new Date(job.failedAt))}</time>}</td>
            <td>
              <button type="button" className="button button--small" disabled={busy === job.id} onClick={() => onRetry(job)}>
                {t('failedDeliveries.retry')}{' '}
                <span className="visually-hidden">
                  {t('failedDeliveries.about', { kind, reference: reference ?? t('failedDeliveries.noRequest') })}
                </span>
              </button>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
