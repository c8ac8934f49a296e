import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { OutboxMail } from '../../api/types';
import { Loaded } from '../../components/Status/Loaded';
import { Table } from '../../components/Table/Table';
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
      <Loaded resource={mails} empty={t('outbox.empty')}>
        {(data) => (
          <Table
            caption={heading}
            columns={[
              t('outbox.column.to'),
              t('outbox.column.subject'),
              t('outbox.column.template'),
              t('outbox.column.status'),
              t('outbox.column.created'),
            ]}
          >
            {data.items.map((mail) => (
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
          </Table>
        )}
      </Loaded>
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
