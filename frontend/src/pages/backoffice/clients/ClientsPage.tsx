import { useEffect, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { ApiClient, Webhook } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { Notice, type NoticeText } from '../../../components/Notice/Notice';
import { Loaded } from '../../../components/Status/Loaded';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useReloadable, useResource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/i18n';
import { ClientCard } from './ClientCard';
import { ClientDialog, type ClientDialogMode, type ClientSaved } from './ClientDialog';
import { typeNames } from './clientLabels';
import type { News } from './news';
import { setPausedWebhooks } from './pausedWebhooks';
import { SecretBox, type ShownSecret } from './SecretBox';
import './Clients.css';

const NO_WEBHOOKS: Webhook[] = [];

/**
 * "Koppelingen": the API clients (other systems that use the API), their rights, secrets and
 * webhooks. A webhook Loket paused because its deliveries kept failing is shown at the top.
 */
export function ClientsPage() {
  const { t } = useI18n();
  const heading = t('backOffice.nav.clients');
  useDocumentTitle(heading);
  const clients = useReloadable((signal) => unwrap(api.GET('/api/v1/clients', { signal })), []);
  const webhooks = useReloadable((signal) => unwrap(api.GET('/api/v1/webhooks', { signal })), []);
  const catalogue = useResource((signal) => unwrap(api.GET('/api/v1/catalogue', { signal })), []);
  const types = typeNames(t, catalogue.status === 'ok' ? catalogue.data : undefined);
  const [dialog, setDialog] = useState<ClientDialogMode>();
  const [notice, setNotice] = useState<NoticeText>();
  const [secret, setSecret] = useState<ShownSecret>();

  const allWebhooks = webhooks.resource.status === 'ok' ? webhooks.resource.data.items : NO_WEBHOOKS;
  const paused = allWebhooks.filter((webhook) => webhook.paused);
  useEffect(() => {
    if (webhooks.resource.status === 'ok') setPausedWebhooks(paused.length);
  }, [webhooks.resource.status, paused.length]);

  // A secret stays until the person says it is saved: other news does not take it away.
  const report = (news: News) => {
    setNotice(news.notice);
    if (news.secret) setSecret(news.secret);
  };

  const saved = (result: ClientSaved) => {
    setDialog(undefined);
    const { client } = result;
    if (result.kind === 'created') {
      const title = t('clients.secretTitle', { name: client.name });
      report({ secret: { title, news: t('clients.created', { name: client.name }), clientId: client.clientId, value: result.secret } });
    } else {
      report({ notice: { kind: 'success', text: t('clients.changed', { name: client.name }) } });
    }
    void clients.reload();
  };

  const clientName = (clientId: string, list: readonly ApiClient[]) => list.find((client) => client.clientId === clientId)?.name ?? clientId;

  return (
    <>
      <h1>{heading}</h1>
      <p className="lead">{t('clients.intro')}</p>
      {paused.length > 0 && (
        <Alert kind="warning" title={paused.length === 1 ? t('webhooks.pausedOne') : t('webhooks.pausedMany', { count: paused.length })}>
          <p>{t('webhooks.pausedBanner')}</p>
          <ul>
            {paused.map((webhook) => (
              <li key={webhook.id}>
                <a href={`#webhook-${webhook.id}`}>
                  {clientName(webhook.clientId, clients.resource.status === 'ok' ? clients.resource.data.items : [])}: {webhook.url}
                </a>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Notice notice={notice} />
      {secret && <SecretBox secret={secret} onDone={() => setSecret(undefined)} />}
      <div className="actions">
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'create' })}>
          {t('clients.new')}
        </button>
      </div>
      <Loaded resource={clients.resource}>
        {(data) =>
          data.items.length === 0 ? (
            <div className="empty-state">
              <p>{t('clients.empty')}</p>
            </div>
          ) : (
            <>
              {webhooks.resource.status === 'error' && <Alert kind="error">{t('webhooks.loadFailed')}</Alert>}
              {data.items.map((client) => (
                <ClientCard
                  key={client.id}
                  client={client}
                  webhooks={allWebhooks.filter((webhook) => webhook.clientId === client.clientId)}
                  types={types}
                  onEdit={(edited) => setDialog({ kind: 'edit', client: edited })}
                  onNews={report}
                  onClientChanged={clients.reload}
                  onWebhooksChanged={webhooks.reload}
                />
              ))}
            </>
          )
        }
      </Loaded>
      {dialog && <ClientDialog mode={dialog} types={types} onClose={() => setDialog(undefined)} onSaved={saved} />}
    </>
  );
}
