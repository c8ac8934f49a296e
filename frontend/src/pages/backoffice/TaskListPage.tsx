import { api, unwrap } from '../../api/client';
import { problemMessage } from '../../api/problemMessage';
import type { Task, TaskView } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { locale, useI18n, type MessageKey } from '../../i18n/i18n';

const PAGE_SIZE = 50;
/** Times as the municipality's staff live them, whatever the browser's zone. */
const TIME_ZONE = 'Europe/Brussels';
const HEADINGS: Record<TaskView, MessageKey> = {
  all: 'backOffice.nav.all',
  mine: 'backOffice.nav.mine',
  parked: 'backOffice.nav.parked',
};

export function TaskListPage({ view }: { view: TaskView }) {
  const { t } = useI18n();
  const heading = t(HEADINGS[view]);
  useDocumentTitle(heading);
  const tasks = useResource(
    (signal) => unwrap(api.GET('/api/v1/tasks', { params: { query: { view, limit: PAGE_SIZE } }, signal })),
    [view],
  );

  return (
    <>
      <h1>{heading}</h1>
      {tasks.status === 'loading' && <Loading />}
      {tasks.status === 'error' && <Alert kind="error">{problemMessage(t, tasks.error)}</Alert>}
      {tasks.status === 'ok' &&
        (tasks.data.items.length === 0 ? (
          <div className="empty-state">
            <p>{t('tasks.empty')}</p>
          </div>
        ) : (
          <TaskTable caption={heading} items={tasks.data.items} total={tasks.data.total} />
        ))}
    </>
  );
}

function TaskTable({ caption, items, total }: { caption: string; items: Task[]; total: number }) {
  const { t, lang } = useI18n();
  const dateTime = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE });
  const date = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeZone: TIME_ZONE });

  return (
    <>
      <p className="muted">{t('tasks.count', { shown: items.length, total })}</p>
      {/* Focusable so keyboard users can scroll a table wider than the screen. */}
      <div className="table-wrapper" role="region" aria-label={caption} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tasks.column.reference')}</th>
              <th scope="col">{t('tasks.column.documentType')}</th>
              <th scope="col">{t('tasks.column.requester')}</th>
              <th scope="col">{t('tasks.column.taskType')}</th>
              <th scope="col">{t('tasks.column.created')}</th>
              <th scope="col">{t('tasks.column.due')}</th>
              <th scope="col">{t('tasks.column.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((task) => (
              <tr key={task.id}>
                <td>{task.requestReference}</td>
                <td>{task.documentTypeName}</td>
                <td>{task.requesterName}</td>
                <td>{task.taskTypeLabel}</td>
                <td>
                  <time dateTime={task.createdAt}>{dateTime.format(new Date(task.createdAt))}</time>
                </td>
                <td>{task.dueAt ? <time dateTime={task.dueAt}>{date.format(new Date(task.dueAt))}</time> : t('tasks.noDueDate')}</td>
                <td>{task.assignee?.name ?? t('tasks.unassigned')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
