import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { RequestDetail } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { DocumentList } from '../../components/DocumentList/DocumentList';
import { History } from '../../components/History/History';
import { Loading } from '../../components/Status/Loading';
import { SummaryList } from '../../components/SummaryList/SummaryList';
import { CitizenViewedBy } from '../../components/ViewedBy/ViewedBy';
import { formatNationalNumber } from '../../domain/nationalNumber';
import {
  deedModelText,
  deedVariantText,
  deliveryText,
  forUseText,
  forWhomText,
  languageText,
  manualReasonText,
  statusText,
} from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import './MyRequests.css';

/** One own request: its status, answers, documents and what happened to it. */
export function MyRequestDetailPage() {
  const { t } = useI18n();
  const reference = useParams().reference ?? '';
  const request = useResource(
    (signal) => unwrap(api.GET('/api/v1/requests/{reference}', { params: { path: { reference } }, signal })),
    [reference],
  );
  useDocumentTitle(t('myRequest.heading', { reference }));

  return (
    <>
      <Link to="/mijn-aanvragen" className="back-link">
        {t('myRequest.back')}
      </Link>
      {request.status === 'loading' && <Loading />}
      {request.status === 'error' && (
        <>
          <h1>{t('myRequest.heading', { reference })}</h1>
          <Alert kind="error">
            {request.error instanceof ApiProblem && request.error.status === 404 ? t('myRequest.notFound') : problemMessage(t, request.error)}
          </Alert>
        </>
      )}
      {request.status === 'ok' && <Detail request={request.data} />}
    </>
  );
}

function Detail({ request }: { request: RequestDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const { subject, deed } = request;
  return (
    <article className="request-detail">
      <p className="caption">{request.documentType.name}</p>
      <h1>{t('myRequest.heading', { reference: request.reference })}</h1>
      <p className="lead">
        {t('myRequest.status')} <strong className="tag">{statusText(t, request.status, request.statusLabel)}</strong>
      </p>

      {request.processing === 'manual' && request.manualReasons.length > 0 && (
        <>
          <h2>{t('confirmation.whyManual')}</h2>
          <ul>
            {request.manualReasons.map((reason) => (
              <li key={reason.code}>{manualReasonText(t, reason.code, reason.label)}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('myRequest.documents')}</h2>
      <DocumentList documents={request.documents} />

      <h2>{t('myRequest.answers')}</h2>
      <SummaryList
        rows={[
          { label: t('myRequest.submittedAt'), value: format.dateTime(request.submittedAt) },
          request.finishedAt && { label: t('myRequest.finishedAt'), value: format.dateTime(request.finishedAt) },
          { label: t('requestForm.forWhom'), value: forWhomText(t, request.forWhom) },
          { label: t('myRequest.subject'), value: subject.name },
          subject.nationalNumber && { label: t('requestForm.nationalNumber'), value: formatNationalNumber(subject.nationalNumber) },
          subject.birthDate && { label: t('requestForm.birthDate'), value: format.date(subject.birthDate) },
          { label: t('requestForm.forUse'), value: forUseText(t, request.forUse) },
          request.destinationCountry && { label: t('requestForm.destinationCountry'), value: request.destinationCountry },
          { label: t('requestForm.purpose'), value: request.purpose },
          { label: t('requestForm.language'), value: languageText(t, request.language) },
          deed && { label: t('requestForm.deedVariant'), value: deedVariantText(t, deed.variant) },
          deed && { label: t('requestForm.deedModel'), value: deedModelText(t, deed.model) },
          deed?.eventDate && { label: t('requestForm.eventDate'), value: format.date(deed.eventDate) },
          deed?.eventPlace && { label: t('requestForm.eventPlace'), value: deed.eventPlace },
          { label: t('requestForm.delivery'), value: deliveryText(t, request.deliveryMethod ?? request.deliveryPreference) },
          { label: t('requestForm.email'), value: request.requester.email },
        ]}
      />

      <h2 id="history-heading">{t('myRequest.history')}</h2>
      <History entries={request.history} labelledBy="history-heading" />

      <CitizenViewedBy entries={request.viewedBy} />
    </article>
  );
}
