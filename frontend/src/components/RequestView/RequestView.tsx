import type { RequestDetail } from '../../api/types';
import { formatNationalNumber } from '../../domain/nationalNumber';
import { deedModelText, deedVariantText, documentTypeName, forUseText, forWhomText, languageText, statusText } from '../../domain/requestLabels';
import type { Format } from '../../i18n/format';
import { useI18n, type Translate } from '../../i18n/i18n';
import { ProblemAlert } from '../Status/Loaded';
import type { MaybeRow } from '../SummaryList/SummaryList';

/** The top of a request's page, for the citizen and for staff: its document, reference and status. */
export function RequestHeading({ request }: { request: RequestDetail }) {
  const { t } = useI18n();
  return (
    <>
      <p className="caption">{documentTypeName(t, request.documentType.code, request.documentType.name)}</p>
      <h1>{t('myRequest.heading', { reference: request.reference })}</h1>
      <p className="lead">
        {t('myRequest.status')}{' '}
        <strong className="tag" id="request-status">
          {statusText(t, request.status)}
        </strong>
      </p>
    </>
  );
}

/** A request's page when the request could not be loaded; `notFound` says what a 404 means here. */
export function RequestNotLoaded({ reference, error, notFound }: { reference: string; error: unknown; notFound: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('myRequest.heading', { reference })}</h1>
      <ProblemAlert error={error} notFound={notFound} />
    </>
  );
}

/** What the request asked for: for whom, about whom, for where, why, in which language, which deed. */
export function askedRows(t: Translate, format: Format, request: RequestDetail): MaybeRow[] {
  const { subject, deed } = request;
  return [
    { label: t('requestForm.forWhom'), value: forWhomText(t, request.forWhom) },
    { label: t('myRequest.subject'), value: subject.name },
    subject.nationalNumber && { label: t('requestForm.nationalNumber'), value: formatNationalNumber(subject.nationalNumber) },
    subject.birthDate && { label: t('requestForm.birthDate'), value: format.date(subject.birthDate) },
    { label: t('requestForm.forUse'), value: forUseText(t, request.forUse) },
    request.destinationCountry && { label: t('requestForm.destinationCountry'), value: format.country(request.destinationCountry) },
    request.euStandardForm && { label: t('requestForm.euStandardFormSummary'), value: t('common.yes') },
    { label: t('requestForm.purpose'), value: request.purpose },
    { label: t('requestForm.language'), value: languageText(t, request.language) },
    deed && { label: t('requestForm.deedVariant'), value: deedVariantText(t, deed.variant) },
    deed && { label: t('requestForm.deedModel'), value: deedModelText(t, deed.model) },
    deed?.eventDate && { label: t('requestForm.eventDate'), value: format.date(deed.eventDate) },
    deed?.eventPlace && { label: t('requestForm.eventPlace'), value: deed.eventPlace },
  ];
}
