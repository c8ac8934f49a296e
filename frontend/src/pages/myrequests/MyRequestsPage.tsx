import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Loaded } from '../../components/Status/Loaded';
import { Table } from '../../components/Table/Table';
import { documentTypeName, statusText } from '../../domain/requestLabels';
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
      <Loaded resource={requests}>
        {(data) =>
          data.items.length === 0 ? (
            <div className="empty-state">
              <p>
                {t('myRequests.empty')} <Link to="/">{t('myRequests.startOne')}</Link>
              </p>
            </div>
          ) : (
            <Table
              caption={heading}
              columns={[
                t('myRequests.column.reference'),
                t('myRequests.column.document'),
                t('myRequests.column.subject'),
                t('myRequests.column.status'),
                t('myRequests.column.submitted'),
              ]}
            >
              {data.items.map((request) => (
                <tr key={request.reference}>
                  <td>
                    <Link to={`/mijn-aanvragen/${encodeURIComponent(request.reference)}`}>{request.reference}</Link>
                  </td>
                  <td>{documentTypeName(t, request.documentType, request.documentTypeName)}</td>
                  <td>{request.subjectName}</td>
                  <td>{statusText(t, request.status)}</td>
                  <td>
                    <time dateTime={request.submittedAt}>{format.dateTime(request.submittedAt)}</time>
                  </td>
                </tr>
              ))}
            </Table>
          )
        }
      </Loaded>
    </>
  );
}
