import { useState } from 'react';
import { BusyStatus } from '../../../components/Status/BusyStatus';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { problemMessage } from '../../../api/problemMessage';
import type { RequestDetail, RequestTask } from '../../../api/types';
import { DocumentList } from '../../../components/DocumentList/DocumentList';
import { DueBadge } from '../../../components/DueBadge/DueBadge';
import { failure, type Outcome } from '../../../components/FormDialog/outcome';
import { History } from '../../../components/History/History';
import { askedRows, RequestHeading, RequestNotLoaded } from '../../../components/RequestView/RequestView';
import { ManualReasons } from '../../../components/ManualReasons/ManualReasons';
import { WaitingFor } from '../../../components/WaitingFor/WaitingFor';
import { Notice, type NoticeText } from '../../../components/Notice/Notice';
import { Loaded } from '../../../components/Status/Loaded';
import { SummaryList } from '../../../components/SummaryList/SummaryList';
import { StaffViewedBy } from '../../../components/ViewedBy/ViewedBy';
import { formatNationalNumber } from '../../../domain/nationalNumber';
import {
  adviceText,
  channelText,
  deliveryReasonText,
  deliveryText,
  processingText,
  staffActionText,
  taskStatusText,
  taskTypeText,
} from '../../../domain/requestLabels';
import { STAFF_ACTIONS, type StaffAction } from '../../../domain/vocabulary';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useReloadable } from '../../../hooks/useResource';
import { useServerNow } from '../../../hooks/useServerNow';
import { useFormat } from '../../../i18n/format';
import { useI18n } from '../../../i18n/i18n';
import { AdviceDialog } from './AdviceDialog';
import { CancelDialog } from './CancelDialog';
import { DeliverDialog } from './DeliverDialog';
import { RefuseDialog } from './RefuseDialog';
import './RequestDetail.css';

type DialogAction = Extract<StaffAction, 'deliver' | 'refuse' | 'give_advice' | 'cancel'>;

/** `?actie=annuleren` opens that dialog at once, e.g. from a parked "Annuleren" task. */
export const ACTION_SLUG: Record<DialogAction, string> = {
  deliver: 'afleveren',
  refuse: 'weigeren',
  give_advice: 'advies',
  cancel: 'annuleren',
};

const isDialogAction = (action: string): action is DialogAction => Object.hasOwn(ACTION_SLUG, action);
const isStaffAction = (action: string): action is StaffAction => (STAFF_ACTIONS as readonly string[]).includes(action);

/** A request as staff see it: everything about it, and what they can do with it now. */
export function RequestDetailPage() {
  const { t } = useI18n();
  const reference = useParams().reference ?? '';
  useDocumentTitle(t('myRequest.heading', { reference }));
  const {
    resource: request,
    reload,
    replace,
  } = useReloadable((signal) => unwrap(api.GET('/api/v1/requests/{reference}', { params: { path: { reference } }, signal })), [reference]);

  return (
    <>
      <Link to="/behandelportaal" className="back-link">
        {t('staffRequest.back')}
      </Link>
      <Loaded resource={request} error={(error) => <RequestNotLoaded reference={reference} error={error} notFound={t('staffRequest.notFound')} />}>
        {(data) => <Detail request={data} reload={reload} replace={replace} />}
      </Loaded>
    </>
  );
}

function Detail({ request, reload, replace }: { request: RequestDetail; reload: () => void; replace: (r: RequestDetail) => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const now = useServerNow();
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState<NoticeText>();
  const [busy, setBusy] = useState<StaffAction>();
  const available = request.availableActions.filter(isStaffAction);

  // The dialog lives in the address (?actie=…), so the parked "Annuleren" task can link to it.
  const slug = params.get('actie');
  const open = (Object.keys(ACTION_SLUG) as DialogAction[]).find((a) => ACTION_SLUG[a] === slug && available.includes(a));
  const openDialog = (action: DialogAction) => {
    setNotice(undefined);
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('actie', ACTION_SLUG[action]);
      return next;
    });
  };
  const closeDialog = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('actie');
        return next;
      },
      { replace: true },
    );

  /** Runs an action; the page shows its news, a 422 goes back to the dialog's fields. */
  const perform = async (call: () => Promise<RequestDetail>, success: (updated: RequestDetail) => string): Promise<Outcome> => {
    try {
      const updated = await call();
      replace(updated);
      closeDialog();
      setNotice({ kind: 'success', text: success(updated) });
      return { ok: true };
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 422 && error.invalidParams.length > 0) return failure(t, error);
      if (error instanceof ApiProblem && error.status === 409 && error.code === 'conflict') {
        // Show what the request is now. When its version moved, someone else acted meanwhile;
        // otherwise the action does not apply to it (any more).
        closeDialog();
        const fresh = await unwrap(api.GET('/api/v1/requests/{reference}', { params: { path: { reference: request.reference } } })).catch(
          () => undefined,
        );
        if (fresh) replace(fresh);
        else reload();
        const changed = !fresh || fresh.version !== request.version;
        setNotice({ kind: 'warning', text: t(changed ? 'staffRequest.conflict' : 'staffRequest.notApplicable') });
        return { ok: false, params: [] };
      }
      if (error instanceof ApiProblem && error.code === 'deed_still_missing') {
        setNotice({ kind: 'warning', text: t('error.deed_still_missing') });
        reload();
        return { ok: false, params: [] };
      }
      if (!open) setNotice({ kind: 'error', text: problemMessage(t, error) });
      return failure(t, error);
    }
  };

  const path = { params: { path: { reference: request.reference } } };
  const direct = async (action: 'confirm_shipment' | 'confirm_pickup' | 'confirm_deed_added') => {
    setBusy(action);
    setNotice(undefined);
    const body = { expectedVersion: request.version };
    if (action === 'confirm_shipment') {
      await perform(
        () => unwrap(api.POST('/api/v1/requests/{reference}/confirm-shipment', { ...path, body })),
        () => t('requestActions.shipmentConfirmed'),
      );
    } else if (action === 'confirm_pickup') {
      await perform(
        () => unwrap(api.POST('/api/v1/requests/{reference}/confirm-pickup', { ...path, body })),
        () => t('requestActions.pickupConfirmed'),
      );
    } else {
      await perform(
        () => unwrap(api.POST('/api/v1/requests/{reference}/confirm-deed-added', { ...path, body })),
        (updated) => t(updated.status === 'delivered' ? 'requestActions.deedAddedDelivered' : 'requestActions.deedAdded'),
      );
    }
    setBusy(undefined);
  };

  const { requester } = request;
  const tasks = request.tasks;

  return (
    <article className="staff-request">
      <RequestHeading request={request} />

      <Notice notice={notice} className="staff-request__notice" />

      <section aria-labelledby="actions-heading" className="staff-request__actions">
        <h2 id="actions-heading">{t('staffRequest.actions')}</h2>
        {available.length === 0 ? (
          <p>{t('staffRequest.noActions')}</p>
        ) : (
          <div className="actions">
            {available.map((action) =>
              isDialogAction(action) ? (
                <button
                  key={action}
                  type="button"
                  className={`button${action === 'deliver' ? '' : ' button--secondary'}`}
                  aria-haspopup="dialog"
                  onClick={() => openDialog(action)}
                >
                  {staffActionText(t, action)}
                </button>
              ) : (
                <button
                  key={action}
                  type="button"
                  className="button"
                  disabled={busy !== undefined}
                  aria-busy={busy === action || undefined}
                  onClick={() => direct(action)}
                >
                  {staffActionText(t, action)}
                </button>
              ),
            )}
            <BusyStatus busy={busy !== undefined} />
          </div>
        )}
      </section>

      <WaitingFor request={request} audience="staff" />
      <ManualReasons heading={t('staffRequest.whyManual')} reasons={request.manualReasons} />

      {request.policeAdviceRequired && (
        <>
          <h2>{t('staffRequest.policeAdvice')}</h2>
          <SummaryList
            rows={[
              {
                label: t('advice.label'),
                value: request.policeAdvice ? adviceText(t, request.policeAdvice) : t('staffRequest.noAdviceYet'),
              },
              request.policeAdviceRemark && { label: t('advice.remarkShort'), value: request.policeAdviceRemark },
            ]}
          />
        </>
      )}

      <h2>{t('staffRequest.tasks')}</h2>
      {tasks.length === 0 ? <p>{t('staffRequest.noTasks')}</p> : <TaskList tasks={tasks} now={now()} />}

      <h2>{t('myRequest.documents')}</h2>
      <DocumentList documents={request.documents} />

      <h2>{t('staffRequest.answers')}</h2>
      <SummaryList
        rows={[
          { label: t('myRequest.submittedAt'), value: format.dateTime(request.submittedAt) },
          {
            label: t('staffRequest.channel'),
            value: request.submittedByClient
              ? t('staffRequest.channelClient', { name: request.submittedByClient.name })
              : channelText(t, request.submittedVia),
          },
          { label: t('staffRequest.processing'), value: processingText(t, request.processing) },
          request.finishedAt && { label: t('myRequest.finishedAt'), value: format.dateTime(request.finishedAt) },
          { label: t('staffRequest.requester'), value: requester.name },
          requester.nationalNumber && { label: t('staffRequest.requesterNationalNumber'), value: formatNationalNumber(requester.nationalNumber) },
          { label: t('requestForm.email'), value: requester.email },
          { label: t('staffRequest.signedIn'), value: t(requester.signedIn ? 'common.yes' : 'common.no') },
          ...askedRows(t, format, request),
          { label: t('staffRequest.deliveryPreference'), value: deliveryText(t, request.deliveryPreference) },
          request.deliveryMethod && { label: t('staffRequest.deliveryMethod'), value: deliveryText(t, request.deliveryMethod) },
          request.deliveryReason && { label: t('staffRequest.deliveryReason'), value: deliveryReasonText(t, request.deliveryReason) },
        ]}
      />

      <h2 id="history-heading">{t('myRequest.history')}</h2>
      <History entries={request.history} labelledBy="history-heading" audience="staff" />

      <StaffViewedBy entries={request.viewedBy} />

      {open === 'deliver' && (
        <DeliverDialog
          request={request}
          onClose={closeDialog}
          onSubmit={(body) =>
            perform(
              () => unwrap(api.POST('/api/v1/requests/{reference}/deliver', { ...path, body })),
              () => t(`requestActions.delivered.${body.method}`),
            )
          }
        />
      )}
      {open === 'refuse' && (
        <RefuseDialog
          request={request}
          onClose={closeDialog}
          onSubmit={(body) =>
            perform(
              () => unwrap(api.POST('/api/v1/requests/{reference}/refuse', { ...path, body })),
              () => t('requestActions.refused'),
            )
          }
        />
      )}
      {open === 'cancel' && (
        <CancelDialog
          request={request}
          onClose={closeDialog}
          onSubmit={(body) =>
            perform(
              () => unwrap(api.POST('/api/v1/requests/{reference}/cancel', { ...path, body })),
              () => t(body.informRequester ? 'requestActions.cancelledInformed' : 'requestActions.cancelled'),
            )
          }
        />
      )}
      {open === 'give_advice' && (
        <AdviceDialog
          request={request}
          onClose={closeDialog}
          onSubmit={(body) =>
            perform(
              () => unwrap(api.POST('/api/v1/requests/{reference}/advice', { ...path, body })),
              () => t('requestActions.adviceRegistered'),
            )
          }
        />
      )}
    </article>
  );
}

function TaskList({ tasks, now }: { tasks: readonly RequestTask[]; now: number }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ul className="task-list">
      {tasks.map((task) => (
        <li key={task.id}>
          <strong>{taskTypeText(t, task.taskType)}</strong> · {taskStatusText(t, task.status)} ·{' '}
          {t('staffRequest.taskCreated', { date: format.dateTime(task.createdAt) })}
          {task.dueAt && (
            <>
              {' '}
              · {t('staffRequest.taskDue', { date: format.dateTime(task.dueAt) })}
              <DueBadge dueAt={task.dueAt} now={now} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
