import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { problemMessage } from '../../api/problemMessage';
import type { OutboxMail } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { mailStatusText } from '../../domain/requestLabels';
import { useDebounced } from '../../hooks/useDebounced';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { MailBody } from './MailBody';
import './Dev.css';

const LIMIT = 100;

/** The e-mails the application would have sent, kept in an outbox to read in the browser. */
export function OutboxPage() {
  const { t } = useI18n();
  const format = useFormat();
  const heading = t('outbox.heading');
  useDocumentTitle(heading);
  const [filter, setFilter] = useState('');
  const to = useDebounced(filter.trim(), 250);
  const [open, setOpen] = useState<OutboxMail | null>(null);
  const mails = useResource(
    (signal) => unwrap(api.GET('/api/v1/dev/outbox', { params: { query: { ...(to ? { to } : {}), limit: LIMIT } }, signal })),
    [to],
  );
  const reader = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) reader.current?.focus();
  }, [open]);

  return (
    <>
      <p className="dev-banner">{t('dev.banner')}</p>
      <h1>{heading}</h1>
      <p className="lead">{t('outbox.intro')}</p>
      <form role="search" aria-label={t('outbox.filterLabel')} onSubmit={(event) => event.preventDefault()} className="dev-filter">
        <label htmlFor="outbox-to" className="field__label">
          {t('outbox.filterLabel')}
        </label>
        <input
          id="outbox-to"
          type="search"
          className="field__input"
          autoComplete="off"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </form>
      {mails.status === 'loading' && <Loading />}
      {mails.status === 'error' && <Alert kind="error">{problemMessage(t, mails.error)}</Alert>}
      {mails.status === 'ok' &&
        (mails.data.items.length === 0 ? (
          <div className="empty-state">
            <p>{t('outbox.empty')}</p>
          </div>
        ) : (
          <div className="table-wrapper" role="region" aria-label={heading} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{heading}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.column.to')}</th>
                  <th scope="col">{t('outbox.column.subject')}</th>
                  <th scope="col">{t('outbox.column.template')}</th>
                  <th scope="col">{t('outbox.column.status')}</th>
                  <th scope="col">{t('outbox.column.created')}</th>
                </tr>
              </thead>
              <tbody>
                {mails.data.items.map((mail) => (
                  <tr key={mail.id} className={open?.id === mail.id ? 'table__row--selected' : undefined}>
                    <td>{mail.to}</td>
                    <td>
                      <button type="button" className="button-link" aria-expanded={open?.id === mail.id} onClick={() => setOpen(mail)}>
                        {mail.subject}
                      </button>
                    </td>
                    <td>{mail.template}</td>
                    <td>{mailStatusText(t, mail.status)}</td>
                    <td>
                      <time dateTime={mail.createdAt}>{format.dateTime(mail.createdAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {open && (
        <section aria-labelledby="mail-subject" className="mail">
          <h2 id="mail-subject" ref={reader} tabIndex={-1}>
            {open.subject}
          </h2>
          <dl className="mail__meta">
            <dt>{t('outbox.column.to')}</dt>
            <dd>{open.to}</dd>
            <dt>{t('outbox.column.created')}</dt>
            <dd>{format.dateTime(open.createdAt)}</dd>
            {open.reference && (
              <>
                <dt>{t('outbox.reference')}</dt>
                <dd>{open.reference}</dd>
              </>
            )}
          </dl>
          <MailBody text={open.body} />
          <button type="button" className="button button--secondary button--small" onClick={() => setOpen(null)}>
            {t('outbox.close')}
          </button>
        </section>
      )}
    </>
  );
}
