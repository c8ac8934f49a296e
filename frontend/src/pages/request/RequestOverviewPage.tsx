import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { DocumentType, Prefill } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { SummaryList, type MaybeRow, type SummaryRow } from '../../components/SummaryList/SummaryList';
import { formatNationalNumber } from '../../domain/nationalNumber';
import { deedModelText, deedVariantText, deliveryText, documentTypeName, forUseText, forWhomText, languageText } from '../../domain/requestLabels';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import { rememberConfirmation, rememberPending } from './confirmationStore';
import { asksEuForm, clearDraft, formContext, loadDraft, newIdempotencyKey, saveDraft, toRequestBody, validateDraft, type Draft } from './draft';
import type { FormReturnState } from './RequestFormPage';
import { RequestShell } from './RequestShell';
import { usePrefill } from './usePrefill';
import { BusyStatus } from '../../components/Status/BusyStatus';

/** Step "Overzicht": everything to check, then "Opslaan" submits the request. */
export function RequestOverviewPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  return (
    <RequestShell code={code} step={3} title={t('requestOverview.heading')}>
      {(doc) => <Overview doc={doc} />}
    </RequestShell>
  );
}

function Overview({ doc }: { doc: DocumentType }) {
  const { t } = useI18n();
  const format = useFormat();
  const navigate = useNavigate();
  const session = useSession();
  const signedIn = session?.user.role === 'citizen';
  const context = formContext(doc, signedIn);
  const [draft] = useState<Draft | null>(() => loadDraft(doc.code));
  const prefill = usePrefill(signedIn);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const base = `/aanvragen/${encodeURIComponent(doc.code)}`;

  // Nothing answered yet, or answers the form would not accept: back to the form.
  if (!draft || Object.keys(validateDraft(draft, context)).length > 0) return <Navigate to={`${base}/gegevens`} replace />;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const request = await unwrap(
        api.POST('/api/v1/requests', {
          params: { header: { 'Idempotency-Key': draft.idempotencyKey, 'X-Loket-Channel': 'web' } },
          body: toRequestBody(draft, doc.code, context),
        }),
      );
      clearDraft(doc.code);
      if (!('reference' in request)) {
        // 202: sent without signing in, it waits until the link in the e-mail confirms it.
        rememberPending(doc.code, request);
        void navigate(`${base}/bevestiging`, { replace: true, state: { pending: request } });
        return;
      }
      rememberConfirmation(request);
      void navigate(`${base}/bevestiging/${encodeURIComponent(request.reference)}`, { replace: true, state: { request } });
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.status === 422 && problem.invalidParams.length > 0) {
        // Refused for good: the corrected answers are a new attempt with a key of their own.
        saveDraft(doc.code, { ...draft, idempotencyKey: newIdempotencyKey() });
        const state: FormReturnState = { invalidParams: [...problem.invalidParams] };
        void navigate(`${base}/gegevens`, { state });
        return;
      }
      // Anything else may be retried with the same key: the API will not make the request twice.
      setError(problemMessage(t, problem));
      setBusy(false);
    }
  };

  const person = (p: Draft['subject']): MaybeRow[] => [
    { label: t('requestForm.name'), value: `${p.firstName} ${p.lastName}`.trim() },
    p.nationalNumber.trim() && { label: t('requestForm.nationalNumber'), value: formatNationalNumber(p.nationalNumber.replace(/\D/g, '')) },
    p.birthDate && { label: t('requestForm.birthDate'), value: format.date(p.birthDate) },
  ];

  return (
    <>
      <p className="lead">{t('requestOverview.intro')}</p>
      {error && <Alert kind="error">{error}</Alert>}

      <SectionHeading title={t('requestOverview.aboutYou')} edit={`${base}/gegevens`} />
      <SummaryList
        rows={[
          ...(signedIn ? registerRows(prefill.status === 'ok' ? prefill.data : null) : person(draft.requester)),
          { label: t('requestForm.email'), value: draft.requester.email },
        ]}
      />

      <SectionHeading title={t('requestForm.aboutRequest')} edit={`${base}/gegevens`} />
      <SummaryList
        rows={[
          { label: t('requestOverview.document'), value: documentTypeName(t, doc.code, doc.name) },
          { label: t('requestForm.forWhom'), value: forWhomText(t, draft.forWhom) },
          ...(draft.forWhom === 'someone_else' ? person(draft.subject) : []),
          { label: t('requestForm.forUse'), value: forUseText(t, draft.forUse) },
          draft.forUse === 'abroad' && { label: t('requestForm.destinationCountry'), value: format.country(draft.destinationCountry) },
          asksEuForm(draft, context) && { label: t('requestForm.euStandardFormSummary'), value: t('common.yes') },
          { label: t('requestForm.purpose'), value: draft.purpose },
          { label: t('requestForm.language'), value: languageText(t, draft.language) },
          context.isDeed && { label: t('requestForm.deedVariant'), value: deedVariantText(t, draft.deed.variant) },
          context.isDeed && { label: t('requestForm.deedModel'), value: deedModelText(t, draft.deed.model) },
          context.isDeed && draft.deed.eventDate && { label: t('requestForm.eventDate'), value: format.date(draft.deed.eventDate) },
          context.isDeed && draft.deed.eventPlace && { label: t('requestForm.eventPlace'), value: draft.deed.eventPlace },
          { label: t('requestForm.delivery'), value: deliveryText(t, draft.delivery) },
        ]}
      />

      <div className="actions">
        <button type="button" className="button" onClick={submit} disabled={busy} aria-busy={busy || undefined}>
          {t('requestOverview.submit')}
        </button>
        <BusyStatus busy={busy} />
        <Link to={`${base}/gegevens`}>{t('requestOverview.previous')}</Link>
      </div>
    </>
  );

  function registerRows(data: Prefill | null): SummaryRow[] {
    if (!data) return [{ label: t('requestForm.name'), value: session?.user.name ?? '' }];
    return [
      { label: t('requestForm.name'), value: `${data.firstNames} ${data.lastName}` },
      { label: t('requestForm.nationalNumber'), value: formatNationalNumber(data.nationalNumber) },
      { label: t('requestForm.birthDate'), value: format.date(data.birthDate) },
      { label: t('requestForm.address'), value: data.address ?? t('requestForm.noAddress') },
    ];
  }
}

function SectionHeading({ title, edit }: { title: string; edit: string }) {
  const { t } = useI18n();
  return (
    <div className="section-heading">
      <h2>{title}</h2>
      <Link to={edit}>
        {t('requestOverview.change')}
        <span className="visually-hidden">: {title}</span>
      </Link>
    </div>
  );
}
