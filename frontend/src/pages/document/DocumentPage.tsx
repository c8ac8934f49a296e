import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { NotFoundPage } from '../notfound/NotFoundPage';

/** One document of the catalogue, and the way into its request. */
export function DocumentPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  const doc = useResource(
    (signal) => unwrap(api.GET('/api/v1/document-types/{code}', { params: { path: { code } }, signal })),
    [code],
  );
  useDocumentTitle(doc.status === 'ok' ? doc.data.name : undefined);

  if (doc.status === 'loading') return <Loading />;
  if (doc.status === 'error') {
    if (doc.error instanceof ApiProblem && doc.error.status === 404) return <NotFoundPage />;
    return <Alert kind="error">{problemMessage(t, doc.error)}</Alert>;
  }

  const { name, summary, automaticAllowed, policeAdviceRequired } = doc.data;
  return (
    <article>
      <Link to="/" className="back-link">
        {t('document.back')}
      </Link>
      <h1>{name}</h1>
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
        <Link className="button" to={`/aanvragen/${encodeURIComponent(doc.data.code)}`}>
          {t('document.request')}
        </Link>
      </div>
    </article>
  );
}
