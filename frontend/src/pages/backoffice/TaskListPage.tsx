import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem, isAbort } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { StaffMember, Task, TaskList, TaskView } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { Dialog } from '../../components/Dialog/Dialog';
import { DueBadge } from '../../components/DueBadge/DueBadge';
import { SelectField } from '../../components/Field/SelectField';
import { Loading } from '../../components/Status/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import type { Resource } from '../../hooks/useResource';
import { useServerNow } from '../../hooks/useServerNow';
import { locale, useI18n, type MessageKey } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import { ACTION_SLUG } from './request/RequestDetailPage';

const PAGE_SIZE = 50;
/** Times as the municipality's staff live them, whatever the browser's zone. */
const TIME_ZONE = 'Europe/Brussels';
const HEADINGS: Record<TaskView, MessageKey> = {
  all: 'backOffice.nav.all',
  mine: 'backOffice.nav.mine',
  parked: 'backOffice.nav.parked',
};

interface Notice {
  kind: 'success' | 'error';
  text: string;
}

export function requestPath(reference: string): string {
  return `/behandelportaal/aanvragen/${encodeURIComponent(reference)}`;
}

/** One inbox view, a page at a time (keyset paging: a stack of cursors for "Vorige"). */
export function TaskListPage({ view }: { view: TaskView }) {
  const { t } = useI18n();
  const heading = t(HEADINGS[view]);
  useDocumentTitle(heading);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [tasks, setTasks] = useState<Resource<TaskList>>({ status: 'loading' });
  const [notice, setNotice] = useState<Notice>();
  const [assigning, setAssigning] = useState<Task>();
  const noticeRef = useRef<HTMLDivElement>(null);
  const loader = useRef<AbortController>(null);

  const load = useCallback(
    async (keep = false): Promise<TaskList | undefined> => {
      loader.current?.abort();
      const controller = new AbortController();
      loader.current = controller;
      if (!keep) setTasks({ status: 'loading' });
      try {
        const query = { view, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
        const data = await unwrap(api.GET('/api/v1/tasks', { params: { query }, signal: controller.signal }));
        if (controller.signal.aborted) return undefined;
        setTasks({ status: 'ok', data });
        return data;
      } catch (error) {
        if (!controller.signal.aborted && !isAbort(error)) setTasks({ status: 'error', error });
        return undefined;
      }
    },
    [view, cursor],
  );

  useEffect(() => {
    void load();
    return () => loader.current?.abort();
  }, [load]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  /** Claim, assign or release; afterwards the page shows the inbox as it now is. */
  const change = async (task: Task, call: () => Promise<unknown>, success: (name?: string) => string) => {
    setNotice(undefined);
    try {
      const result = (await call()) as { assignee?: { name: string } | null };
      await load(true);
      setNotice({ kind: 'success', text: success(result.assignee?.name) });
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'task_already_claimed') {
        // Show who has it now.
        const fresh = await load(true);
        const holder = fresh?.items.find((item) => item.id === task.id)?.assignee?.name;
        setNotice({ kind: 'error', text: holder ? t('tasks.alreadyClaimedBy', { name: holder }) : t('error.task_already_claimed') });
        return;
      }
      if (error instanceof ApiProblem && error.status === 409) void load(true);
      setNotice({ kind: 'error', text: problemMessage(t, error) });
    }
  };
  const claim = (task: Task) =>
    change(
      task,
      () => unwrap(api.POST('/api/v1/tasks/{id}/claim', { params: { path: { id: task.id } } })),
      () => t('tasks.claimed', { task: task.taskTypeLabel, reference: task.requestReference }),
    );
  const release = (task: Task) =>
    change(
      task,
      () => unwrap(api.POST('/api/v1/tasks/{id}/release', { params: { path: { id: task.id } } })),
      () => t('tasks.released', { task: task.taskTypeLabel, reference: task.requestReference }),
    );
  const assign = async (task: Task, userId: number) => {
    setAssigning(undefined);
    await change(
      task,
      () => unwrap(api.POST('/api/v1/tasks/{id}/assign', { params: { path: { id: task.id } }, body: { userId } })),
      (name) => t('tasks.assigned', { task: task.taskTypeLabel, reference: task.requestReference, name: name ?? '' }),
    );
  };

  const page = cursors.length;
  return (
    <>
      <h1>{heading}</h1>
      {notice && (
        <div ref={noticeRef} tabIndex={-1} className="notice">
          <Alert kind={notice.kind}>{notice.text}</Alert>
        </div>
      )}
      {tasks.status === 'loading' && <Loading />}
      {tasks.status === 'error' && <Alert kind="error">{problemMessage(t, tasks.error)}</Alert>}
      {tasks.status === 'ok' &&
        (tasks.data.items.length === 0 ? (
          <div className="empty-state">
            <p>{t('tasks.empty')}</p>
          </div>
        ) : (
          <>
            <p className="muted" aria-live="polite">
              {t('tasks.range', {
                from: (page - 1) * PAGE_SIZE + 1,
                to: (page - 1) * PAGE_SIZE + tasks.data.items.length,
                total: tasks.data.total,
              })}
            </p>
            <TaskTable
              caption={heading}
              view={view}
              items={tasks.data.items}
              onClaim={claim}
              onRelease={release}
              onAssign={(task) => {
                setNotice(undefined);
                setAssigning(task);
              }}
            />
          </>
        ))}
      {tasks.status === 'ok' && (page > 1 || tasks.data.nextCursor) && (
        <nav className="pager" aria-label={t('pager.label')}>
          {page > 1 && (
            <button type="button" className="button button--secondary" onClick={() => setCursors((stack) => stack.slice(0, -1))}>
              {t('pager.previous')}
            </button>
          )}
          {tasks.data.nextCursor && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCursors((stack) => [...stack, tasks.data.nextCursor ?? undefined])}
            >
              {t('pager.next')}
            </button>
          )}
        </nav>
      )}
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
  const dateTime = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE });
  const date = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeZone: TIME_ZONE });

  return (
    // Focusable so keyboard users can scroll a table wider than the screen.
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
            <th scope="col">{t('tasks.column.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((task) => {
            const about = (
              <>
                {' '}
                <span className="visually-hidden">{t('tasks.about', { task: task.taskTypeLabel, reference: task.requestReference })}</span>
              </>
            );
            const mine = task.assignee?.id === session?.user.id;
            return (
              <tr key={task.id}>
                <td>
                  <Link to={requestPath(task.requestReference)}>{task.requestReference}</Link>
                </td>
                <td>{task.documentTypeName}</td>
                <td>{task.requesterName}</td>
                <td>{task.taskTypeLabel}</td>
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
        </tbody>
      </table>
    </div>
  );
}

/** "Toewijzen": choose a colleague from GET /staff-members. */
function AssignDialog({ task, onClose, onAssign }: { task: Task; onClose: () => void; onAssign: (userId: number) => void }) {
  const { t } = useI18n();
  const [members, setMembers] = useState<Resource<StaffMember[]>>({ status: 'loading' });
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    unwrap(api.GET('/api/v1/staff-members', { signal: controller.signal })).then(
      (data) => setMembers({ status: 'ok', data: data.items }),
      (problem: unknown) => {
        if (!controller.signal.aborted) setMembers({ status: 'error', error: problem });
      },
    );
    return () => controller.abort();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setError(t('tasks.assignRequired'));
      document.getElementById('assign-to')?.focus();
      return;
    }
    onAssign(Number(chosen));
  };

  return (
    <Dialog title={t('tasks.assignTitle', { task: task.taskTypeLabel, reference: task.requestReference })} onClose={onClose}>
      {members.status === 'loading' && <Loading />}
      {members.status === 'error' && <Alert kind="error">{problemMessage(t, members.error)}</Alert>}
      {members.status === 'ok' && (
        <form noValidate onSubmit={submit}>
          <SelectField
            id="assign-to"
            label={t('tasks.assignTo')}
            value={chosen}
            error={error}
            onChange={(event) => setChosen(event.target.value)}
            options={[{ value: '', label: t('tasks.chooseColleague') }, ...members.data.map((m) => ({ value: String(m.id), label: m.name }))]}
          />
          <div className="actions">
            <button type="submit" className="button">
              {t('tasks.assign')}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('dialog.back')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
