import { api, unwrap } from '../../api/client';
import { DownloadButton } from '../../components/DownloadButton/DownloadButton';
import { Loaded } from '../../components/Status/Loaded';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { MailBody } from './MailBody';
import './Dev.css';

/** The mock My eBox of the signed-in citizen: what the municipality delivered there. */
export function EboxPage() {
  const { t } = useI18n();
  const format = useFormat();
  const heading = t('ebox.heading');
  useDocumentTitle(heading);
  const messages = useResource((signal) => unwrap(api.GET('/api/v1/dev/ebox', { signal })), []);

  return (
    <>
      <p className="dev-banner">{t('dev.banner')}</p>
      <h1>{heading}</h1>
      <p className="lead">{t('ebox.intro')}</p>
      <Loaded resource={messages} empty={t('ebox.empty')}>
        {(data) => (
          <ul className="ebox">
            {data.items.map((message) => (
              <li key={message.id} className="mail">
                <h2>{message.subject}</h2>
                <dl className="mail__meta">
                  <dt>{t('ebox.sender')}</dt>
                  <dd>{message.sender}</dd>
                  <dt>{t('ebox.deliveredAt')}</dt>
                  <dd>
                    <time dateTime={message.deliveredAt}>{format.dateTime(message.deliveredAt)}</time>
                  </dd>
                </dl>
                <MailBody text={message.body} />
                {message.documentId != null && message.documentUrl && (
                  <DownloadButton
                    url={message.documentUrl}
                    label={t('ebox.download', { subject: message.subject })}
                    className="button button--secondary button--small"
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}
