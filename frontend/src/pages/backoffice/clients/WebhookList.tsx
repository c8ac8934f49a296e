import { useId, useState } from 'react';
import { api, expectOk, unwrap } from '../../../api/client';
import { problemMessage } from '../../../api/problemMessage';
import type { ApiClient, Webhook } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { Dialog } from '../../../components/Dialog/Dialog';
import { useI18n } from '../../../i18n/i18n';
import { webhookEventText } from './clientLabels';
import { DeliveryLog } from './DeliveryLog';
import type { News } from './news';
import { useDateTime } from './useDateTime';
import { WebhookDialog } from './WebhookDialog';

interface Props {
  client: ApiClient;
  /** The client's subscriptions, oldest first. */
  webhooks: readonly Webhook[];
  onNews: (news: News) => void;
  /** Load the subscriptions again, after a change. */
  onChanged: () => Promise<unknown>;
}

/** The webhook subscriptions of one client, with what can be done to each. */
export function WebhookList({ client, webhooks, onNews, onChanged }: Props) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Webhook>();

  const act = async (call: () => Promise<News>) => {
    try {
      onNews(await call());
    } catch (error) {
      onNews({ notice: { kind: 'error', text: problemMessage(t, error) } });
    }
    await onChanged();
  };

  const resume = (webhook: Webhook) =>
    act(async () => {
      await unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } }, body: { paused: false } }));
      return { notice: { kind: 'success', text: t('webhooks.resumed', { url: webhook.url }) } };
    });

  const rotate = (webhook: Webhook) =>
    act(async () => {
      const { secret } = await unwrap(api.POST('/api/v1/webhooks/{id}/secret', { params: { path: { id: webhook.id } } }));
      return { secret: { title: t('webhooks.secretTitle', { url: webhook.url }), news: t('webhooks.rotated'), value: secret } };
    });

  const remove = (webhook: Webhook) => {
    setRemoving(undefined);
    return act(async () => {
      await expectOk(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: webhook.id } } }));
      return { notice: { kind: 'success', text: t('webhooks.deleted', { url: webhook.url }) } };
    });
  };

  return (
    <section className="client-card__part" aria-labelledby={`webhooks-${client.id}`}>
      <h3 id={`webhooks-${client.id}`}>{t('webhooks.heading')}</h3>
      {webhooks.length === 0 ? (
        <p className="muted">{t('webhooks.none')}</p>
      ) : (
        <ul className="webhook-list">
          {webhooks.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} onResume={resume} onRotate={rotate} onRemove={setRemoving} />
          ))}
        </ul>
      )}
      <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" onClick={() => setAdding(true)}>
        {t('webhooks.add')} <span className="visually-hidden">{t('clients.forClient', { name: client.name })}</span>
      </button>
      {adding && (
        <WebhookDialog
          client={client}
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            onNews({
              secret: {
                title: t('webhooks.secretTitle', { url: created.webhook.url }),
                news: t('webhooks.created', { url: created.webhook.url }),
                value: created.secret,
              },
            });
            void onChanged();
          }}
        />
      )}
      {removing && (
        <Dialog title={t('webhooks.deleteTitle')} onClose={() => setRemoving(undefined)}>
          <p>{t('webhooks.deleteText', { url: removing.url })}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void remove(removing)}>
              {t('webhooks.delete')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRemoving(undefined)}>
              {t('dialog.back')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

interface ItemProps {
  webhook: Webhook;
  onResume: (webhook: Webhook) => Promise<void>;
  onRotate: (webhook: Webhook) => Promise<void>;
  onRemove: (webhook: Webhook) => void;
}

function WebhookItem({ webhook, onResume, onRotate, onRemove }: ItemProps) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [showLog, setShowLog] = useState(false);
  const [busy, setBusy] = useState(false);
  const logId = useId();
  const about = <span className="visually-hidden">{t('webhooks.theWebhook', { url: webhook.url })}</span>;
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  return (
    <li id={`webhook-${webhook.id}`} className={`webhook${webhook.paused ? ' webhook--paused' : ''}`} tabIndex={-1}>
      <p className="webhook__url">
        <code>{webhook.url}</code>{' '}
        <span className={`tag webhook__state webhook__state--${webhook.paused ? 'paused' : webhook.active ? 'active' : 'off'}`}>
          {t(webhook.paused ? 'webhooks.statePaused' : webhook.active ? 'webhooks.stateActive' : 'webhooks.stateOff')}
        </span>
      </p>
      {webhook.paused && (
        <Alert
          kind="warning"
          title={webhook.pausedAt ? t('webhooks.pausedSince', { date: dateTime.format(new Date(webhook.pausedAt)) }) : t('webhooks.statePaused')}
        >
          {webhook.pausedReason && <p>{t('webhooks.pausedReason', { reason: webhook.pausedReason })}</p>}
          <p>{t('webhooks.pausedWhat')}</p>
          <button type="button" className="button button--small" disabled={busy} onClick={() => void run(() => onResume(webhook))}>
            {t('webhooks.resume')} {about}
          </button>
        </Alert>
      )}
      <p className="webhook__events">
        <span className="webhook__label">{t('webhooks.events')}:</span> {webhook.events.map((event) => webhookEventText(t, event)).join(', ')}
      </p>
      <div className="webhook__actions">
        <button type="button" className="button-link" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((shown) => !shown)}>
          {t(showLog ? 'webhooks.hideLog' : 'webhooks.showLog')} {about}
        </button>
        <button type="button" className="button-link" disabled={busy} onClick={() => void run(() => onRotate(webhook))}>
          {t('webhooks.rotate')} {about}
        </button>
        <button type="button" className="button-link" aria-haspopup="dialog" onClick={() => onRemove(webhook)}>
          {t('webhooks.delete')} {about}
        </button>
      </div>
      <div id={logId}>{showLog && <DeliveryLog webhook={webhook} headingId={`${logId}-heading`} />}</div>
    </li>
  );
}
