import { useEffect, useRef, useState, type ChangeEvent, type FormEvent, type MouseEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { InvalidParam } from '../../api/problem';
import { fieldMessage, problemMessage } from '../../api/problemMessage';
import type { DocumentType, Prefill } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { ChoiceField, type Choice } from '../../components/Choice/ChoiceField';
import { CheckboxField } from '../../components/Field/CheckboxField';
import { Field } from '../../components/Field/Field';
import { Loading } from '../../components/Status/Loading';
import { SummaryList } from '../../components/SummaryList/SummaryList';
import { formatNationalNumber } from '../../domain/nationalNumber';
import { useFormat } from '../../i18n/format';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { useSession } from '../../session/store';
import {
  DOCUMENT_LANGUAGES,
  FIELD_NAMES,
  PURPOSE_MAX_LENGTH,
  formContext,
  getValue,
  mapInvalidParams,
  setValue,
  useDraft,
  validateDraft,
  type DeedModel,
  type DeedVariant,
  type Delivery,
  type DocumentLanguage,
  type Draft,
  type FieldErrors,
  type FieldName,
  type ForUse,
  type ForWhom,
} from './draft';
import { CountryField } from './CountryField';
import { RequestShell } from './RequestShell';
import { useCountriesAbroad } from './useCountries';
import { usePrefill } from './usePrefill';

/** What the overview hands back when the API refused the answers (422). */
export interface FormReturnState {
  invalidParams?: InvalidParam[];
}

/** The label of each field, also used in the error summary. */
export const FIELD_LABELS: Record<FieldName, MessageKey> = {
  'requester.firstName': 'requestForm.firstName',
  'requester.lastName': 'requestForm.lastName',
  'requester.email': 'requestForm.email',
  'requester.nationalNumber': 'requestForm.nationalNumberOptional',
  'requester.birthDate': 'requestForm.birthDate',
  forWhom: 'requestForm.forWhom',
  'subject.firstName': 'requestForm.firstName',
  'subject.lastName': 'requestForm.lastName',
  'subject.nationalNumber': 'requestForm.nationalNumber',
  'subject.birthDate': 'requestForm.birthDate',
  forUse: 'requestForm.forUse',
  destinationCountry: 'requestForm.destinationCountry',
  purpose: 'requestForm.purpose',
  language: 'requestForm.language',
  'deed.variant': 'requestForm.deedVariant',
  'deed.model': 'requestForm.deedModel',
  'deed.eventDate': 'requestForm.eventDate',
  'deed.eventPlace': 'requestForm.eventPlace',
  delivery: 'requestForm.delivery',
};

/** `subject.firstName` → `veld-subject-firstName`: the id of the field's input. */
export function fieldId(name: FieldName): string {
  return `veld-${name.replace('.', '-')}`;
}

/** Step "Gegevens": the answers, prefilled from the national register for a signed-in citizen. */
export function RequestFormPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  return (
    <RequestShell code={code} step={2} title={t('requestForm.heading')}>
      {(doc) => <RequestForm doc={doc} />}
    </RequestShell>
  );
}

function RequestForm({ doc }: { doc: DocumentType }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const signedIn = session?.user.role === 'citizen';
  const context = formContext(doc, signedIn);
  const [draft, setDraft] = useDraft(doc.code, lang);
  const prefill = usePrefill(signedIn);
  const [serverParams, setServerParams] = useState<InvalidParam[] | null>(() => (location.state as FormReturnState | null)?.invalidParams ?? null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [focusSummary, setFocusSummary] = useState(serverParams ? 1 : 0);
  const summary = useRef<HTMLDivElement>(null);

  // The e-mail address the register knows, unless the citizen already typed one.
  const registerEmail = prefill.status === 'ok' ? prefill.data?.email : undefined;
  useEffect(() => {
    if (registerEmail) setDraft((d) => (d.requester.email ? d : setValue(d, 'requester.email', registerEmail)));
  }, [registerEmail, setDraft]);

  useEffect(() => {
    if (focusSummary) summary.current?.focus();
  }, [focusSummary]);

  const mapped = serverParams ? mapInvalidParams(serverParams, draft, context) : { fields: {}, other: [] };
  const errors: FieldErrors = clientErrors ?? mapped.fields;
  const otherProblems = clientErrors ? [] : mapped.other;
  const errorNames = FIELD_NAMES.filter((name) => errors[name]);
  const message = (name: FieldName) => {
    const error = errors[name];
    return error ? fieldMessage(t, { name, ...error }) : undefined;
  };

  const update = (name: FieldName, value: string) =>
    setDraft((d) => ({ ...setValue(d, name, value), ...(name === 'language' && { languageChosen: true }) }));

  // Until the requester picks a language, the document's follows the page's (switched on the way).
  const pageLanguage = DOCUMENT_LANGUAGES.find((l) => l === lang);
  useEffect(() => {
    if (pageLanguage) setDraft((d) => (d.languageChosen || d.language === pageLanguage ? d : { ...d, language: pageLanguage }));
  }, [pageLanguage, setDraft]);
  const text = (name: FieldName) => ({
    id: fieldId(name),
    name,
    label: t(FIELD_LABELS[name]),
    value: getValue(draft, name),
    error: message(name),
    onChange: (event: ChangeEvent<HTMLInputElement>) => update(name, event.target.value),
  });
  const choice = <V extends string>(name: FieldName, choices: readonly Choice<V>[]) => ({
    id: fieldId(name),
    name,
    legend: t(FIELD_LABELS[name]),
    error: message(name),
    choices,
    value: getValue(draft, name) as V,
    onChange: (value: V) => update(name, value),
  });

  const next = (event: FormEvent) => {
    event.preventDefault();
    const found = validateDraft(draft, context);
    setServerParams(null);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      setFocusSummary((n) => n + 1);
      return;
    }
    void navigate(`/aanvragen/${encodeURIComponent(doc.code)}/overzicht`);
  };

  const jumpTo = (name: FieldName) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const input = document.getElementById(fieldId(name));
    input?.focus();
    input?.scrollIntoView?.({ block: 'center' });
  };

  const forWhomChoices: Choice<ForWhom>[] = [
    { value: 'myself', label: t('forWhom.myself') },
    { value: 'someone_else', label: t('forWhom.someone_else'), hint: t('requestForm.someoneElseHint') },
  ];
  const forUseChoices: Choice<ForUse>[] = [
    { value: 'belgium', label: t('forUse.belgium') },
    { value: 'abroad', label: t('forUse.abroad') },
  ];
  // The document, its cover letter and the e-mails come in this language (the page's, unless changed).
  const languageChoices: Choice<DocumentLanguage>[] = DOCUMENT_LANGUAGES.map((language) => ({
    value: language,
    label: t(`documentLanguage.${language}`),
  }));
  const variantChoices: Choice<DeedVariant>[] = [
    { value: 'extract', label: t('deedVariant.extract'), hint: t('requestForm.deedVariantExtractHint') },
    { value: 'full_copy', label: t('deedVariant.full_copy'), hint: t('requestForm.deedVariantFullCopyHint') },
  ];
  const modelChoices: Choice<DeedModel>[] = [
    { value: 'national', label: t('deedModel.national') },
    { value: 'multilingual', label: t('deedModel.multilingual'), hint: t('requestForm.deedModelMultilingualHint') },
  ];
  const deliveryChoices: Choice<Delivery>[] = [
    {
      value: 'digital',
      label: t('delivery.digital'),
      hint: t(signedIn ? 'requestForm.deliveryDigitalHint' : 'requestForm.deliveryDigitalHintAnonymous'),
    },
    { value: 'post', label: t('delivery.post'), hint: t('requestForm.deliveryPostHint') },
    { value: 'counter', label: t('delivery.counter'), hint: t('requestForm.deliveryCounterHint') },
  ];

  return (
    <form noValidate onSubmit={next}>
      {(errorNames.length > 0 || otherProblems.length > 0) && (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={summary} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title" className="alert__title">
            {t('requestForm.errorSummary')}
          </h2>
          <ul>
            {errorNames.map((name) => (
              <li key={name}>
                <a href={`#${fieldId(name)}`} onClick={jumpTo(name)}>
                  {name.startsWith('subject.') ? t('requestForm.subjectField', { field: t(FIELD_LABELS[name]) }) : t(FIELD_LABELS[name])}:{' '}
                  {message(name)}
                </a>
              </li>
            ))}
            {otherProblems.map((param) => (
              <li key={param.name}>{fieldMessage(t, param)}</li>
            ))}
          </ul>
        </div>
      )}

      {signedIn ? (
        <RegisterData prefill={prefill.status === 'ok' ? prefill.data : undefined} error={prefill.status === 'error' ? prefill.error : undefined} />
      ) : (
        <>
          <h2>{t('requestForm.aboutYou')}</h2>
          <Field {...text('requester.firstName')} autoComplete="given-name" />
          <Field {...text('requester.lastName')} autoComplete="family-name" />
          <Field {...text('requester.birthDate')} type="date" autoComplete="bday" />
          <Field
            {...text('requester.nationalNumber')}
            hint={t('requestForm.nationalNumberHint')}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
          />
        </>
      )}
      <Field
        {...text('requester.email')}
        type="email"
        autoComplete="email"
        hint={t(signedIn ? 'requestForm.emailHint' : 'requestForm.emailHintAnonymous')}
      />

      <h2>{t('requestForm.aboutRequest')}</h2>
      <ChoiceField {...choice('forWhom', forWhomChoices)} />
      {draft.forWhom === 'someone_else' && (
        <div className="request__group" role="group" aria-labelledby="subject-heading">
          <h3 id="subject-heading">{t('requestForm.subjectHeading')}</h3>
          <Field {...text('subject.firstName')} autoComplete="off" />
          <Field {...text('subject.lastName')} autoComplete="off" />
          <p className="field__hint">{t('requestForm.subjectIdentifyHint')}</p>
          <Field {...text('subject.nationalNumber')} inputMode="numeric" autoComplete="off" spellCheck={false} />
          <Field {...text('subject.birthDate')} type="date" autoComplete="off" />
        </div>
      )}
      <ChoiceField {...choice('forUse', forUseChoices)} />
      {draft.forUse === 'abroad' && (
        <Destination draft={draft} setDraft={setDraft} hasEuForm={context.hasEuForm} error={message('destinationCountry')} />
      )}
      <Field {...text('purpose')} hint={t('requestForm.purposeHint', { max: PURPOSE_MAX_LENGTH })} maxLength={PURPOSE_MAX_LENGTH} />
      <ChoiceField {...choice('language', languageChoices)} hint={t('requestForm.languageHint')} />

      {context.isDeed && (
        <>
          <h2>{t('requestForm.deedHeading')}</h2>
          <ChoiceField {...choice('deed.variant', variantChoices)} />
          <ChoiceField {...choice('deed.model', modelChoices)} />
          <Field {...text('deed.eventDate')} type="date" hint={t('requestForm.eventDateHint')} />
          <Field {...text('deed.eventPlace')} hint={t('requestForm.eventPlaceHint')} />
        </>
      )}

      <h2>{t('requestForm.deliveryHeading')}</h2>
      <ChoiceField {...choice('delivery', deliveryChoices)} />

      <div className="actions">
        <button type="submit" className="button">
          {t('requestForm.next')}
        </button>
        <Link to={signedIn ? `/documenten/${encodeURIComponent(doc.code)}` : `/aanvragen/${encodeURIComponent(doc.code)}`}>
          {t('requestForm.previous')}
        </Link>
      </div>
    </form>
  );
}

interface DestinationProps {
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  hasEuForm: boolean;
  error?: string;
}

/** The country a document is for and, where Regulation (EU) 2016/1191 applies, its multilingual form. */
function Destination({ draft, setDraft, hasEuForm, error }: DestinationProps) {
  const { t, lang } = useI18n();
  const format = useFormat();
  const countries = useCountriesAbroad(lang);
  const list = countries.status === 'ok' ? countries.data : [];
  const formLanguage = (code: string) => list.find((c) => c.code === code)?.euStandardFormLanguage;
  const offered = hasEuForm && !!formLanguage(draft.destinationCountry);
  return (
    <>
      <CountryField
        id={fieldId('destinationCountry')}
        name="destinationCountry"
        label={t(FIELD_LABELS.destinationCountry)}
        hint={t('requestForm.destinationCountryHint')}
        error={error}
        value={draft.destinationCountry}
        countries={countries}
        // A country without the form takes the choice away, so it is not sent unseen.
        onChange={(code) =>
          setDraft((d) => ({ ...setValue(d, 'destinationCountry', code), euStandardForm: d.euStandardForm && !!formLanguage(code) }))
        }
      />
      {offered && (
        <CheckboxField
          id="veld-euStandardForm"
          name="euStandardForm"
          label={t('requestForm.euStandardForm')}
          hint={t('requestForm.euStandardFormHint', { country: format.country(draft.destinationCountry) })}
          checked={draft.euStandardForm}
          onChange={(event) => {
            const checked = event.target.checked;
            setDraft((d) => ({ ...d, euStandardForm: checked }));
          }}
        />
      )}
    </>
  );
}

function RegisterData({ prefill, error }: { prefill: Prefill | null | undefined; error: unknown }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">{t('requestForm.registerHeading')}</h2>
      <p className="muted">{t('requestForm.registerText')}</p>
      {error !== undefined ? (
        <Alert kind="error">{problemMessage(t, error)}</Alert>
      ) : !prefill ? (
        <Loading />
      ) : (
        <SummaryList
          rows={[
            { label: t('requestForm.name'), value: `${prefill.firstNames} ${prefill.lastName}` },
            { label: t('requestForm.nationalNumber'), value: formatNationalNumber(prefill.nationalNumber) },
            { label: t('requestForm.birthDate'), value: format.date(prefill.birthDate) },
            { label: t('requestForm.address'), value: prefill.address ?? t('requestForm.noAddress') },
          ]}
        />
      )}
    </section>
  );
}
