import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { problemMessage } from '../../../api/problemMessage';
import type { Webhook, WebhookDelivery } from '../../../api/types';
import { Notice, type NoticeText } from '../../../components/Notice/Notice';
import { Pager } from '../../../components/Pager/Pager';
import { Loaded } from '../../../components/Status/Loaded';
import { Table } from '../../../components/Table/Table';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useReloadable } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/i18n';
import { requestPath } from '../TaskListPage';
import { deliveryStatusText, webhookEventText } from './clientLabels';
import { useDateTime } from './useDateTime';

const PAGE = 20;

/** The request a delivery is about, from its body (`data.reference`), if any. */
export function deliveryReference(delivery: WebhookDelivery): string | undefined {
  const payload: unknown = delivery.payload;
  if (typeof payload !== 'object' || payload === null || !('data' in payload)) return undefined;
  const data: unknown = payload.data;
  if (typeof data !== 'object' || data === null || !('reference' in data)) return undefined;
  return typeof data.reference === 'string' ? data.reference : undefined;
}

/** The deliveries of one subscription, newest first, each with its attempts and a replay button. */
export function DeliveryLog({ webhook, headingId }: { webhook: Webhook; headingId: string }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const pages = useCursorPages<number>(String(webhook.id));
  const { resource, reload } = useReloadable(
    (signal) =>
      unwrap(
        api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: webhook.id }, query: { limit: PAGE, cursor: pages.cursor } }, signal }),
      ),
    [webhook.id, pages.cursor],
  );
  const [notice, setNotice] = useState<NoticeText>();
  const [busy, setBusy] = useState<number>();

  const replay = async (delivery: WebhookDelivery) => {
    setBusy(delivery.id);
    setNotice(undefined);
    try {
      await unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', { params: { path: { id: webhook.id, deliveryId: delivery.id } } }),
      );
      setNotice({ kind: 'success', text: t(webhook.paused ? 'deliveries.replayedPaused' : 'deliveries.replayed') });
    } catch (error) {
      setNotice({ kind: 'error', text: problemMessage(t, error) });
    } finally {
      setBusy(undefined);
    }
    await reload();
  };

  const when = (at: string | null | undefined) => (at ? <time dateTime={at}>{dateTime.format(new Date(at))}</time> : null);

  return (
    <div className="delivery-log">
      <h4 id={headingId}>{t('deliveries.heading', { url: webhook.url })}</h4>
      <Notice notice={notice} />
      <Loaded resource={resource} empty={t('deliveries.empty')}>
        {(data) => (
          <>
            <Table
              caption={t('deliveries.heading', { url: webhook.url })}
              labelledBy={headingId}
              columns={[
                t('deliveries.column.createdAt'),
                t('deliveries.column.event'),
                t('deliveries.column.status'),
                t('deliveries.column.attempts'),
                t('deliveries.column.lastAnswer'),
                t('deliveries.column.actions'),
              ]}
            >
              {data.items.map((delivery) => {
                const reference = deliveryReference(delivery);
                return (
                  <tr key={delivery.id}>
                    <td>{when(delivery.createdAt)}</td>
                    <td>
                      {webhookEventText(t, delivery.event)}
                      {reference && (
                        <>
                          <br />
                          <Link to={requestPath(reference)}>{reference}</Link>
                        </>
                      )}
                    </td>
                    <td>
                      <span className={`tag delivery-status delivery-status--${delivery.status}`}>{deliveryStatusText(t, delivery.status)}</span>
                      {delivery.deliveredAt && (
                        <p className="muted delivery-log__note">
                          {t('deliveries.deliveredAt', { date: dateTime.format(new Date(delivery.deliveredAt)) })}
                        </p>
                      )}
                    </td>
                    <td>{delivery.attempts}</td>
                    <td>
                      <LastAnswer delivery={delivery} />
                      {delivery.lastAttemptAt && (
                        <p className="muted delivery-log__note">
                          {t('deliveries.lastAttemptAt', { date: dateTime.format(new Date(delivery.lastAttemptAt)) })}
                        </p>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        disabled={busy === delivery.id}
                        onClick={() => void replay(delivery)}
                      >
                        {t('deliveries.replay')} <span className="visually-hidden">{t('deliveries.theDelivery', { id: delivery.webhookId })}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </Table>
            <Pager pages={pages} nextCursor={data.nextCursor} />
          </>
        )}
      </Loaded>
    </div>
  );
}

function LastAnswer({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useI18n();
  if (delivery.attempts === 0) return <span className="muted">{t('deliveries.notTried')}</span>;
  return (
    <>
      {delivery.lastStatus != null ? t('deliveries.httpStatus', { status: delivery.lastStatus }) : t('deliveries.noAnswer')}
      {delivery.lastError && <p className="delivery-log__error">{delivery.lastError}</p>}
    </>
  );
}
