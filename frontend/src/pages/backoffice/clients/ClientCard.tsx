import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { problemMessage } from '../../../api/problemMessage';
import type { ApiClient, ClientSecret, Webhook } from '../../../api/types';
import { Dialog } from '../../../components/Dialog/Dialog';
import { SummaryList } from '../../../components/SummaryList/SummaryList';
import { Table } from '../../../components/Table/Table';
import { useI18n } from '../../../i18n/i18n';
import { scopeText, type TypeName } from './clientLabels';
import type { News } from './news';
import { useDateTime } from './useDateTime';
import { WebhookList } from './WebhookList';

interface Props {
  client: ApiClient;
  webhooks: readonly Webhook[];
  types: readonly TypeName[];
  onEdit: (client: ApiClient) => void;
  onNews: (news: News) => void;
  /** Load the clients again, after a change. */
  onClientChanged: () => Promise<unknown>;
  onWebhooksChanged: () => Promise<unknown>;
}

/** One client: what it is and may do, its secrets and its webhooks. */
export function ClientCard({ client, webhooks, types, onEdit, onNews, onClientChanged, onWebhooksChanged }: Props) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [revoking, setRevoking] = useState<ClientSecret>();
  const [busy, setBusy] = useState(false);
  const headingId = `client-${client.id}`;
  const forClient = <span className="visually-hidden">{t('clients.forClient', { name: client.name })}</span>;
  const typeName = (code: string) => types.find((type) => type.code === code)?.name ?? code;

  const act = async (call: () => Promise<News>) => {
    setBusy(true);
    try {
      onNews(await call());
    } catch (error) {
      onNews({ notice: { kind: 'error', text: problemMessage(t, error) } });
    }
    setBusy(false);
    await onClientChanged();
  };

  const switchActive = () =>
    act(async () => {
      const { name, scopes, documentTypes, contactEmail } = client;
      const body = { name, scopes, documentTypes: documentTypes ?? null, contactEmail: contactEmail ?? null, active: !client.active };
      await unwrap(api.PUT('/api/v1/clients/{id}', { params: { path: { id: client.id } }, body }));
      return { notice: { kind: 'success', text: t(client.active ? 'clients.switchedOff' : 'clients.switchedOn', { name }) } };
    });

  const newSecret = () =>
    act(async () => {
      const created = await unwrap(api.POST('/api/v1/clients/{id}/secrets', { params: { path: { id: client.id } } }));
      const secret = { title: t('clients.secretTitle', { name: client.name }), news: t('clients.secretIssued'), clientId: client.clientId };
      return { secret: { ...secret, value: created.clientSecret } };
    });

  const revoke = (secret: ClientSecret) => {
    setRevoking(undefined);
    return act(async () => {
      await unwrap(api.DELETE('/api/v1/clients/{id}/secrets/{secretId}', { params: { path: { id: client.id, secretId: secret.id } } }));
      return { notice: { kind: 'success', text: t('clients.revoked', { hint: secret.hint, name: client.name }) } };
    });
  };

  return (
    <section className={`client-card${client.active ? '' : ' client-card--off'}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="client-card__title">
        {client.name}{' '}
        <span className={`tag ${client.active ? 'tag--success' : 'tag--off'}`}>{t(client.active ? 'clients.active' : 'clients.inactive')}</span>
      </h2>
      <SummaryList
        rows={[
          { label: t('clients.clientId'), value: <code>{client.clientId}</code> },
          {
            label: t('clients.rights'),
            value: (
              <ul className="plain-list">
                {client.scopes.map((scope) => (
                  <li key={scope}>{scopeText(t, scope)}</li>
                ))}
              </ul>
            ),
          },
          { label: t('clients.documentTypes'), value: client.documentTypes ? client.documentTypes.map(typeName).join(', ') : t('clients.allTypes') },
          { label: t('clients.contactEmail'), value: client.contactEmail ?? t('clients.noContact') },
        ]}
      />
      <div className="actions client-card__actions">
        <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" onClick={() => onEdit(client)}>
          {t('clients.edit')} {forClient}
        </button>
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void switchActive()}>
          {t(client.active ? 'clients.switchOff' : 'clients.switchOn')} {forClient}
        </button>
      </div>

      <section className="client-card__part" aria-labelledby={`secrets-${client.id}`}>
        <h3 id={`secrets-${client.id}`}>{t('clients.secrets')}</h3>
        <Table
          caption={t('clients.secretsOf', { name: client.name })}
          columns={[
            t('clients.secret'),
            t('clients.secretCreated'),
            t('clients.secretLastUsed'),
            t('clients.secretState'),
            t('clients.secretActions'),
          ]}
        >
          {client.secrets.map((secret) => (
            <tr key={secret.id}>
              <td>{t('clients.secretHint', { hint: secret.hint })}</td>
              <td>
                <time dateTime={secret.createdAt}>{dateTime.format(new Date(secret.createdAt))}</time>
              </td>
              <td>
                {secret.lastUsedAt ? (
                  <time dateTime={secret.lastUsedAt}>{dateTime.format(new Date(secret.lastUsedAt))}</time>
                ) : (
                  t('clients.neverUsed')
                )}
              </td>
              <td>
                {secret.revokedAt ? t('clients.secretRevokedAt', { date: dateTime.format(new Date(secret.revokedAt)) }) : t('clients.secretValid')}
              </td>
              <td>
                {!secret.revokedAt && (
                  <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" onClick={() => setRevoking(secret)}>
                    {t('clients.revoke')} <span className="visually-hidden">{t('clients.theSecret', { hint: secret.hint })}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </Table>
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void newSecret()}>
          {t('clients.newSecret')} {forClient}
        </button>
      </section>

      <WebhookList client={client} webhooks={webhooks} onNews={onNews} onChanged={onWebhooksChanged} />

      {revoking && (
        <Dialog title={t('clients.revokeTitle', { hint: revoking.hint })} onClose={() => setRevoking(undefined)}>
          <p>{t('clients.revokeText', { name: client.name })}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void revoke(revoking)}>
              {t('clients.revoke')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRevoking(undefined)}>
              {t('dialog.back')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
