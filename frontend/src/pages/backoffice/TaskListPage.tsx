import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { Task, TaskList, TaskView } from '../../api/types';
import { DueBadge } from '../../components/DueBadge/DueBadge';
import { SelectField } from '../../components/Field/SelectField';
import { FormDialog } from '../../components/FormDialog/FormDialog';
import { Notice, type NoticeText } from '../../components/Notice/Notice';
import { Pager } from '../../components/Pager/Pager';
import { Loaded } from '../../components/Status/Loaded';
import { Table } from '../../components/Table/Table';
import { documentTypeName, taskTypeText } from '../../domain/requestLabels';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useReloadable, useResource } from '../../hooks/useResource';
import { useServerNow } from '../../hooks/useServerNow';
import { useTimeZone } from '../../i18n/format';
import { locale, useI18n, type MessageKey } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import { ACTION_SLUG } from './request/RequestDetailPage';

const PAGE_SIZE = 50;
const HEADINGS: Record<TaskView, MessageKey> = {
  all: 'backOffice.nav.all',
  mine: 'backOffice.nav.mine',
  parked: 'backOffice.nav.parked',
};

export function requestPath(reference: string): string {
  return `/behandelportaal/aanvragen/${encodeURIComponent(reference)}`;
}

/** One inbox view, a page at a time (keyset paging: a stack of cursors for "Vorige"). */
export function TaskListPage({ view }: { view: TaskView }) {
  const { t } = useI18n();
  const heading = t(HEADINGS[view]);
  useDocumentTitle(heading);
  const pages = useCursorPages<string>();
  const { cursor, page } = pages;
  const { resource: tasks, reload } = useReloadable<TaskList>(
    (signal) => unwrap(api.GET('/api/v1/tasks', { params: { query: { view, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } }, signal })),
    [view, cursor],
  );
  const [notice, setNotice] = useState<NoticeText>();
  const [assigning, setAssigning] = useState<Task>();

  /** Claim, assign or release; afterwards the page shows the inbox as it now is. */
  const change = async (task: Task, call: () => Promise<unknown>, success: (name?: string) => string) => {
    setNotice(undefined);
    try {
      const result = (await call()) as { assignee?: { name: string } | null };
      await reload();
      setNotice({ kind: 'success', text: success(result.assignee?.name) });
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'task_already_claimed') {
        // Show who has it now.
        const fresh = await reload();
        const holder = fresh?.items.find((item) => item.id === task.id)?.assignee?.name;
        setNotice({ kind: 'error', text: holder ? t('tasks.alreadyClaimedBy', { name: holder }) : t('error.task_already_claimed') });
        return;
      }
      if (error instanceof ApiProblem && error.status === 409) void reload();
      setNotice({ kind: 'error', text: problemMessage(t, error) });
    }
  };
  const about = (task: Task) => ({ task: taskTypeText(t, task.taskType), reference: task.requestReference });
  const claim = (task: Task) =>
    change(
      task,
      () => unwrap(api.POST('/api/v1/tasks/{id}/claim', { params: { path: { id: task.id } } })),
      () => t('tasks.claimed', about(task)),
    );
  const release = (task: Task) =>
    change(
      task,
      () => unwrap(api.POST('/api/v1/tasks/{id}/release', { params: { path: { id: task.id } } })),
      () => t('tasks.released', about(task)),
    );
  const assign = async (task: Task, userId: number) => {
    setAssigning(undefined);
    await change(
      task,
      () => unwrap(api.POST('/api/v1/tasks/{id}/assign', { params: { path: { id: task.id } }, body: { userId } })),
      (name) => t('tasks.assigned', { ...about(task), name: name ?? '' }),
    );
  };

  return (
    <>
      <h1>{heading}</h1>
      <Notice notice={notice} />
      <Loaded resource={tasks}>
        {(data) =>
          data.items.length === 0 ? (
            <div className="empty-state">
              <p>{t('tasks.empty')}</p>
            </div>
          ) : (
            <>
              <p className="muted" aria-live="polite">
                {t('tasks.range', { from: (page - 1) * PAGE_SIZE + 1, to: (page - 1) * PAGE_SIZE + data.items.length, total: data.total })}
              </p>
              <TaskTable
                caption={heading}
                view={view}
                items={data.items}
                onClaim={claim}
                onRelease={release}
                onAssign={(task) => {
                  setNotice(undefined);
                  setAssigning(task);
                }}
              />
              <Pager pages={pages} nextCursor={data.nextCursor} />
            </>
          )
        }
      </Loaded>
      {assigning && <AssignDialog task={assigning} onClose={() => setAssigning(undefined)} onAssign={(userId) => assign(assigning, userId)} />}
    </>
  );
}

interface TableProps {
  caption: string;
  view: TaskView;
  items: Task[];
  onClaim: (task: Task) => void;
  onRelease: (task: Task) => void;
  onAssign: (task: Task) => void;
}

function TaskTable({ caption, view, items, onClaim, onRelease, onAssign }: TableProps) {
  const { t, lang } = useI18n();
  const session = useSession();
  const now = useServerNow()();
  // Times as the municipality's staff live them, whatever the browser's zone.
  const timeZone = useTimeZone();
  const dateTime = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeZone });

  return (
    // Focusable so keyboard users can scroll a table wider than the screen.
    <Table
      caption={caption}
      columns={[
        t('tasks.column.reference'),
        t('tasks.column.documentType'),
        t('tasks.column.requester'),
        t('tasks.column.taskType'),
        t('tasks.column.created'),
        t('tasks.column.due'),
        t('tasks.column.assignee'),
        t('tasks.column.actions'),
      ]}
    >
      {items.map((task) => {
        const about = (
          <>
            {' '}
            <span className="visually-hidden">{t('tasks.about', { task: taskTypeText(t, task.taskType), reference: task.requestReference })}</span>
          </>
        );
        const mine = task.assignee?.id === session?.user.id;
        return (
          <tr key={task.id}>
            <td>
              <Link to={requestPath(task.requestReference)}>{task.requestReference}</Link>
            </td>
            <td>{documentTypeName(t, task.documentType, task.documentTypeName)}</td>
            <td>{task.requesterName}</td>
            <td>{taskTypeText(t, task.taskType)}</td>
            <td>
              <time dateTime={task.createdAt}>{dateTime.format(new Date(task.createdAt))}</time>
            </td>
            <td>
              {task.dueAt ? (
                <>
                  <time dateTime={task.dueAt}>{date.format(new Date(task.dueAt))}</time>
                  <DueBadge dueAt={task.dueAt} now={now} />
                </>
              ) : (
                t('tasks.noDueDate')
              )}
            </td>
            <td>{task.assignee ? (mine ? t('tasks.me', { name: task.assignee.name }) : task.assignee.name) : t('tasks.unassigned')}</td>
            <td>
              {view === 'parked' ? (
                task.taskType === 'cancel_request' && (
                  <Link className="button button--secondary button--small" to={`${requestPath(task.requestReference)}?actie=${ACTION_SLUG.cancel}`}>
                    {t('tasks.cancelRequest')} <span className="visually-hidden">{task.requestReference}</span>
                  </Link>
                )
              ) : (
                <div className="row-actions">
                  {!task.assignee && (
                    <button type="button" className="button button--small" onClick={() => onClaim(task)}>
                      {t('tasks.claim')}
                      {about}
                    </button>
                  )}
                  <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" onClick={() => onAssign(task)}>
                    {t('tasks.assign')}
                    {about}
                  </button>
                  {task.assignee && (
                    <button type="button" className="button button--secondary button--small" onClick={() => onRelease(task)}>
                      {t('tasks.release')}
                      {about}
                    </button>
                  )}
                </div>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

/** "Toewijzen": choose a colleague from GET /staff-members. */
function AssignDialog({ task, onClose, onAssign }: { task: Task; onClose: () => void; onAssign: (userId: number) => Promise<void> }) {
  const { t } = useI18n();
  const members = useResource((signal) => unwrap(api.GET('/api/v1/staff-members', { signal })), []);
  const [chosen, setChosen] = useState('');

  return (
    <FormDialog
      title={t('tasks.assignTitle', { task: taskTypeText(t, task.taskType), reference: task.requestReference })}
      submitLabel={t('tasks.assign')}
      fields={{ userId: { id: 'assign-to', label: t('tasks.assignTo') } }}
      validate={() => (chosen ? {} : { userId: 'required' })}
      onSubmit={() => onAssign(Number(chosen))}
      onClose={onClose}
    >
      {(error) => (
        <Loaded resource={members}>
          {(data) => (
            <SelectField
              id="assign-to"
              label={t('tasks.assignTo')}
              value={chosen}
              error={error('userId')}
              onChange={(event) => setChosen(event.target.value)}
              options={[{ value: '', label: t('tasks.chooseColleague') }, ...data.items.map((m) => ({ value: String(m.id), label: m.name }))]}
            />
          )}
        </Loaded>
      )}
    </FormDialog>
  );
}
