import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { problemMessage } from '../../api/problemMessage';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { statusText } from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

/** "Mijn aanvragen": every request of the signed-in citizen, newest first as the API gives them. */
export function MyRequestsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const heading = t('myRequests.heading');
  useDocumentTitle(heading);
  const requests = useResource((signal) => unwrap(api.GET('/api/v1/requests', { signal })), []);

  return (
    <>
      <h1>{heading}</h1>
      <p className="lead">{t('myRequests.intro')}</p>
      {requests.status === 'loading' && <Loading />}
      {requests.status === 'error' && <Alert kind="error">{problemMessage(t, requests.error)}</Alert>}
      {requests.status === 'ok' &&
        (requests.data.items.length === 0 ? (
          <div className="empty-state">
            <p>
              {t('myRequests.empty')} <Link to="/">{t('myRequests.startOne')}</Link>
            </p>
          </div>
        ) : (
          <div className="table-wrapper" role="region" aria-label={heading} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{heading}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('myRequests.column.reference')}</th>
                  <th scope="col">{t('myRequests.column.document')}</th>
                  <th scope="col">{t('myRequests.column.subject')}</th>
                  <th scope="col">{t('myRequests.column.status')}</th>
                  <th scope="col">{t('myRequests.column.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {requests.data.items.map((request) => (
                  <tr key={request.reference}>
                    <td>
                      <Link to={`/mijn-aanvragen/${encodeURIComponent(request.reference)}`}>{request.reference}</Link>
                    </td>
                    <td>{request.documentTypeName}</td>
                    <td>{request.subjectName}</td>
                    <td>{statusText(t, request.status, request.statusLabel)}</td>
                    <td>
                      <time dateTime={request.submittedAt}>{format.dateTime(request.submittedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
