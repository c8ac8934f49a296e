import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { RequestDetail } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { DownloadButton } from '../../components/DownloadButton/DownloadButton';
import { ManualReasons } from '../../components/ManualReasons/ManualReasons';
import { WaitingFor } from '../../components/WaitingFor/WaitingFor';
import { Loading } from '../../components/Status/Loading';
import { Steps } from '../../components/Steps/Steps';
import { documentTypeName, statusText } from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import { recallConfirmation } from './confirmationStore';
import './Request.css';

/** Step "Bevestiging": the reference number, and the document itself when it was made at once. */
export function RequestConfirmationPage() {
  const { t } = useI18n();
  const reference = useParams().reference ?? '';
  const location = useLocation();
  const session = useSession();
  const signedIn = session?.user.role === 'citizen';
  const handed = (location.state as { request?: RequestDetail } | null)?.request;
  const request = useResource<RequestDetail | null>(
    (signal) => {
      const known = handed?.reference === reference ? handed : recallConfirmation(reference);
      if (known) return Promise.resolve(known);
      if (!signedIn) return Promise.resolve(null);
      return unwrap(api.GET('/api/v1/requests/{reference}', { params: { path: { reference } }, signal })).catch(() => null);
    },
    [reference, signedIn],
  );
  const detail = request.status === 'ok' ? request.data : null;
  // Made at once: delivered, or waiting for the post or the counter as the requester asked.
  const ready = detail?.processing === 'automatic' && AUTOMATIC_STATUSES.includes(detail.status);
  const title =
    request.status === 'loading' ? t('confirmation.savedHeading') : ready ? t('confirmation.readyHeading') : t('confirmation.receivedHeading');
  useDocumentTitle(title);

  if (request.status === 'loading') return <Loading />;
  return (
    <div className="request">
      <Steps current={4} />
      {detail && <p className="caption">{documentTypeName(t, detail.documentType.code, detail.documentType.name)}</p>}
      <div className="reference-panel">
        <h1>{title}</h1>
        <p>
          {t('confirmation.referenceLabel')}
          <strong className="reference-panel__number">{reference}</strong>
        </p>
      </div>
      {detail ? <RequestOutcome request={detail} signedIn={signedIn} /> : <p>{t('confirmation.keepReference')}</p>}
      {signedIn && (
        <p>
          <Link to="/mijn-aanvragen">{t('confirmation.myRequests')}</Link>
        </p>
      )}
    </div>
  );
}

const AUTOMATIC_STATUSES: RequestDetail['status'][] = ['delivered', 'awaiting_shipment', 'ready_for_pickup'];

/** What became of a submitted request, and what happens next (also after an e-mailed confirmation). */
export function RequestOutcome({ request, signedIn }: { request: RequestDetail; signedIn: boolean }) {
  const { t } = useI18n();
  const automatic = request.processing === 'automatic';
  const document = request.documents.find((d) => d.kind === 'document') ?? request.documents[0];

  const status = (
    <p>
      {t('confirmation.status')} <strong>{statusText(t, request.status)}</strong>
    </p>
  );
  // Ended without a document: only where it stands (the history on "Mijn aanvragen" says why).
  if (request.status === 'cancelled' || request.status === 'refused') return status;
  // Made at once and handed over on paper: no download, e-mailed link or My eBox.
  if (automatic && request.status === 'delivered' && request.deliveryMethod !== 'digital') {
    return (
      <>
        <p className="lead">{t(request.deliveryMethod === 'post' ? 'confirmation.sentByPost' : 'confirmation.pickedUp')}</p>
        {status}
      </>
    );
  }
  if (automatic && request.status === 'awaiting_shipment') {
    return <p className="lead">{t('confirmation.postText')}</p>;
  }
  if (automatic && request.status === 'ready_for_pickup') {
    return (
      <>
        <p className="lead">{t('confirmation.counterText')}</p>
        <p>{t('confirmation.counterEmail', { email: request.requester.email })}</p>
      </>
    );
  }
  if (automatic && request.status === 'delivered') {
    return (
      <>
        <p className="lead">{t('confirmation.readyText')}</p>
        {request.deliveryReason === 'no_address_for_post' && <Alert kind="info">{t('confirmation.noAddressForPost')}</Alert>}
        {document && (
          <div className="actions">
            <DownloadButton url={document.downloadUrl} fileName={document.fileName} label={t('confirmation.download', { title: document.title })} />
          </div>
        )}
        <h2>{t('confirmation.alsoHeading')}</h2>
        <ul>
          <li>{t('confirmation.emailSent', { email: request.requester.email })}</li>
          <li>{t('confirmation.ebox')}</li>
          {document?.verificationCode && <li>{t('confirmation.verification', { code: document.verificationCode })}</li>}
        </ul>
      </>
    );
  }

  return (
    <>
      <p className="lead">{t('confirmation.receivedText')}</p>
      {status}
      <WaitingFor request={request} audience="citizen" />
      <ManualReasons heading={t('confirmation.whyManual')} reasons={request.manualReasons} explained />
      {request.policeAdviceRequired && (
        <Alert kind="info" title={t('document.policeAdviceTitle')}>
          <p>{t('confirmation.policeAdvice')}</p>
        </Alert>
      )}
      <h2>{t('confirmation.nextHeading')}</h2>
      <ul>
        <li>{t('confirmation.acknowledgementSent', { email: request.requester.email })}</li>
        <li>{t('confirmation.emailEveryStep')}</li>
        {!signedIn && <li>{t('confirmation.keepReference')}</li>}
      </ul>
    </>
  );
}
