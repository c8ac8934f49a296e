import type { RequestDocument } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { DownloadButton } from '../DownloadButton/DownloadButton';
import './DocumentList.css';

/** The PDFs of a request, each with its dates, verification code and a download button. */
export function DocumentList({ documents }: { documents: readonly RequestDocument[] }) {
  const { t } = useI18n();
  const format = useFormat();
  if (documents.length === 0) return <p>{t('myRequest.noDocuments')}</p>;
  return (
    <ul className="request-documents">
      {documents.map((document) => (
        <li key={document.id} className="request-documents__item">
          <p className="request-documents__title">{document.title}</p>
          <p className="muted">
            {t('myRequest.issuedAt', { date: format.date(document.issuedAt) })}
            {document.validUntil && <> · {t('myRequest.validUntil', { date: format.date(document.validUntil) })}</>}
            {document.verificationCode && <> · {t('myRequest.verificationCode', { code: document.verificationCode })}</>}
          </p>
          <DownloadButton
            url={document.downloadUrl}
            fileName={document.fileName}
            label={t('myRequest.download', { title: document.title })}
            className="button button--secondary button--small"
          />
        </li>
      ))}
    </ul>
  );
}
