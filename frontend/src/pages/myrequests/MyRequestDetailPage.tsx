import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { RequestDetail } from '../../api/types';
import { DocumentList } from '../../components/DocumentList/DocumentList';
import { History } from '../../components/History/History';
import { askedRows, RequestHeading, RequestNotLoaded } from '../../components/RequestView/RequestView';
import { ManualReasons } from '../../components/ManualReasons/ManualReasons';
import { WaitingFor } from '../../components/WaitingFor/WaitingFor';
import { Loaded } from '../../components/Status/Loaded';
import { SummaryList } from '../../components/SummaryList/SummaryList';
import { CitizenViewedBy } from '../../components/ViewedBy/ViewedBy';
import { deliveryText } from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import './MyRequests.css';

/** One own request: its status, answers, documents and what happened to it. */
export function MyRequestDetailPage() {
  const { t } = useI18n();
  const reference = useParams().reference ?? '';
  const request = useResource((signal) => unwrap(api.GET('/api/v1/requests/{reference}', { params: { path: { reference } }, signal })), [reference]);
  useDocumentTitle(t('myRequest.heading', { reference }));

  return (
    <>
      <Link to="/mijn-aanvragen" className="back-link">
        {t('myRequest.back')}
      </Link>
      <Loaded resource={request} error={(error) => <RequestNotLoaded reference={reference} error={error} notFound={t('myRequest.notFound')} />}>
        {(data) => <Detail request={data} />}
      </Loaded>
    </>
  );
}

function Detail({ request }: { request: RequestDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <article className="request-detail">
      <RequestHeading request={request} />
      <WaitingFor request={request} audience="citizen" />

      {request.processing === 'manual' && <ManualReasons heading={t('confirmation.whyManual')} reasons={request.manualReasons} explained />}

      <h2>{t('myRequest.documents')}</h2>
      <DocumentList documents={request.documents} />

      <h2>{t('myRequest.answers')}</h2>
      <SummaryList
        rows={[
          { label: t('myRequest.submittedAt'), value: format.dateTime(request.submittedAt) },
          request.finishedAt && { label: t('myRequest.finishedAt'), value: format.dateTime(request.finishedAt) },
          ...askedRows(t, format, request),
          { label: t('requestForm.delivery'), value: deliveryText(t, request.deliveryMethod ?? request.deliveryPreference) },
          { label: t('requestForm.email'), value: request.requester.email },
        ]}
      />

      <h2 id="history-heading">{t('myRequest.history')}</h2>
      <History entries={request.history} labelledBy="history-heading" audience="citizen" />

      <CitizenViewedBy entries={request.viewedBy} />
    </article>
  );
}
