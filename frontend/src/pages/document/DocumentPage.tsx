import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { DocumentType } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { isNotFound, Loaded, ProblemAlert } from '../../components/Status/Loaded';
import { documentTypeName } from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { NotFoundPage } from '../notfound/NotFoundPage';

/** One document of the catalogue, and the way into its request. */
export function DocumentPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  const doc = useResource((signal) => unwrap(api.GET('/api/v1/document-types/{code}', { params: { path: { code } }, signal })), [code]);
  useDocumentTitle(doc.status === 'ok' ? documentTypeName(t, doc.data.code, doc.data.name) : undefined);

  return (
    <Loaded resource={doc} error={(error) => (isNotFound(error) ? <NotFoundPage /> : <ProblemAlert error={error} />)}>
      {(data) => <Document doc={data} />}
    </Loaded>
  );
}

function Document({ doc }: { doc: DocumentType }) {
  const { t } = useI18n();
  const { code, summary, automaticAllowed, policeAdviceRequired } = doc;
  return (
    <article>
      <Link to="/" className="back-link">
        {t('document.back')}
      </Link>
      <h1>{documentTypeName(t, code, doc.name)}</h1>
      <p className="lead">{summary}</p>

      <h2>{t('document.howHeading')}</h2>
      {automaticAllowed ? (
        <Alert kind="info" title={t('document.automaticTitle')}>
          <p>{t('document.automaticText')}</p>
        </Alert>
      ) : (
        <Alert kind="info" title={t('document.manualTitle')}>
          <p>{t('document.manualText')}</p>
        </Alert>
      )}
      {policeAdviceRequired && (
        <Alert kind="warning" title={t('document.policeAdviceTitle')}>
          <p>{t('document.policeAdviceText')}</p>
        </Alert>
      )}

      <div className="actions">
        <Link className="button" to={`/aanvragen/${encodeURIComponent(code)}`}>
          {t('document.request')}
        </Link>
      </div>
    </article>
  );
}
