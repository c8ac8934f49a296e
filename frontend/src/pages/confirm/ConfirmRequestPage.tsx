import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrapWithStatus } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { RequestDetail } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { documentTypeName } from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useI18n } from '../../i18n/i18n';
import { RequestOutcome } from '../request/RequestConfirmationPage';
import '../request/Request.css';
import { BusyStatus } from '../../components/Status/BusyStatus';

type State =
  | { phase: 'ready'; busy: boolean; error?: { kind: 'error' | 'warning'; text: string } }
  | { phase: 'confirmed'; request: RequestDetail; before: boolean }
  | { phase: 'expired' }
  | { phase: 'unknown' };

/**
 * Where the link in the e-mail leads someone who asked for a document without signing in. It
 * confirms nothing by itself — mail scanners open links too — but explains, and confirms on a
 * click: only then is the request handled.
 */
export function ConfirmRequestPage() {
  const { t } = useI18n();
  const token = useParams().token ?? '';
  const [state, setState] = useState<State>({ phase: 'ready', busy: false });
  const heading = useRef<HTMLHeadingElement>(null);
  const title =
    state.phase === 'confirmed'
      ? t('confirmRequest.confirmedHeading')
      : state.phase === 'expired'
        ? t('confirmRequest.expiredHeading')
        : state.phase === 'unknown'
          ? t('confirmRequest.unknownHeading')
          : t('confirmRequest.heading');
  useDocumentTitle(title);

  // The page changes under the button: the new heading takes focus, so it is read out.
  useEffect(() => {
    if (state.phase !== 'ready') heading.current?.focus();
  }, [state.phase]);

  const confirm = async () => {
    setState({ phase: 'ready', busy: true });
    try {
      const { data, status } = await unwrapWithStatus(api.POST('/api/v1/confirmations/{token}', { params: { path: { token } } }));
      setState({ phase: 'confirmed', request: data, before: status === 200 });
    } catch (error) {
      if (error instanceof ApiProblem && (error.status === 410 || error.code === 'confirmation_expired')) setState({ phase: 'expired' });
      else if (error instanceof ApiProblem && error.status === 404) setState({ phase: 'unknown' });
      else if (error instanceof ApiProblem && error.status === 409)
        setState({ phase: 'ready', busy: false, error: { kind: 'warning', text: t('confirmRequest.inProgress') } });
      else setState({ phase: 'ready', busy: false, error: { kind: 'error', text: problemMessage(t, error) } });
    }
  };

  if (state.phase === 'confirmed') {
    const { request, before } = state;
    return (
      <div className="request">
        <p className="caption">{documentTypeName(t, request.documentType.code, request.documentType.name)}</p>
        <div className="reference-panel">
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          <p>
            {t('confirmation.referenceLabel')}
            <strong className="reference-panel__number">{request.reference}</strong>
          </p>
        </div>
        {before && <p>{t('confirmRequest.confirmedBefore')}</p>}
        <RequestOutcome request={request} signedIn={false} />
      </div>
    );
  }

  if (state.phase === 'expired' || state.phase === 'unknown') {
    return (
      <div className="narrow">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p className="lead">{t(state.phase === 'expired' ? 'confirmRequest.expiredText' : 'confirmRequest.unknownText')}</p>
        <p>
          <Link to="/">{t('confirmRequest.catalogue')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>{title}</h1>
      <p className="lead">{t('confirmRequest.intro')}</p>
      <p>{t('confirmRequest.meaning')}</p>
      <p>{t('confirmRequest.notYou')}</p>
      {state.error && <Alert kind={state.error.kind}>{state.error.text}</Alert>}
      <div className="actions">
        <button type="button" className="button" onClick={confirm} disabled={state.busy} aria-busy={state.busy || undefined}>
          {t('confirmRequest.button')}
        </button>
        <BusyStatus busy={state.busy} />
      </div>
    </div>
  );
}
