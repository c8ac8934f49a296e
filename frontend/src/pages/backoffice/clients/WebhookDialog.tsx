import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { ApiClient, CreatedWebhook, WebhookEvent } from '../../../api/types';
import { Field } from '../../../components/Field/Field';
import { FormDialog } from '../../../components/FormDialog/FormDialog';
import { WEBHOOK_EVENTS } from '../../../domain/vocabulary';
import { useI18n } from '../../../i18n/i18n';
import { CheckboxGroup } from './CheckboxGroup';
import { webhookEventText } from './clientLabels';

interface Props {
  client: ApiClient;
  onClose: () => void;
  onCreated: (created: CreatedWebhook) => void;
}

type Name = 'url' | 'events';

/** Subscribe an address of the client to events; the answer holds the signing secret. */
export function WebhookDialog({ client, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [url, setUrl] = useState('https://');
  const [events, setEvents] = useState<WebhookEvent[]>([]);

  const validate = () => {
    const codes: Partial<Record<Name, string>> = {};
    if (!url.trim() || url.trim() === 'https://') codes.url = 'required';
    if (events.length === 0) codes.events = 'required';
    return codes;
  };

  return (
    <FormDialog<Name>
      title={t('webhooks.createTitle', { name: client.name })}
      intro={<p>{t('webhooks.createIntro', { name: client.name })}</p>}
      submitLabel={t('webhooks.create')}
      fields={{
        url: { id: 'webhook-url', label: t('webhooks.url') },
        events: { id: 'webhook-events', label: t('webhooks.events') },
      }}
      validate={validate}
      onSubmit={async () => {
        const body = { clientId: client.clientId, url: url.trim(), events };
        onCreated(await unwrap(api.POST('/api/v1/webhooks', { body })));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <Field
            id="webhook-url"
            type="url"
            label={t('webhooks.url')}
            hint={t('webhooks.urlHint', { name: client.name })}
            autoComplete="off"
            maxLength={2000}
            value={url}
            error={error('url')}
            onChange={(event) => setUrl(event.target.value)}
          />
          <CheckboxGroup
            id="webhook-events"
            legend={t('webhooks.eventsLegend')}
            error={error('events')}
            options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: webhookEventText(t, event) }))}
            value={events}
            onChange={setEvents}
          />
        </>
      )}
    </FormDialog>
  );
}
