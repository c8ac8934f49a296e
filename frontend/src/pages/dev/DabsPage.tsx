import { useState, type FormEvent } from 'react';
import { BusyStatus } from '../../components/Status/BusyStatus';
import { api, unwrap } from '../../api/client';
import { ApiProblem, type InvalidParam } from '../../api/problem';
import { fieldMessage, problemMessage } from '../../api/problemMessage';
import { Alert } from '../../components/Alert/Alert';
import { ErrorSummary } from '../../components/ErrorSummary/ErrorSummary';
import { Field } from '../../components/Field/Field';
import { SelectField } from '../../components/Field/SelectField';
import { TextAreaField } from '../../components/Field/TextAreaField';
import { Loaded } from '../../components/Status/Loaded';
import { Table } from '../../components/Table/Table';
import { formatNationalNumber } from '../../domain/nationalNumber';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n/i18n';
import {
  DEED_TYPES,
  deedBody,
  DETAIL_FIELDS,
  EMPTY_DEED,
  fieldOf,
  isDateDetail,
  validateDeed,
  type DeedField,
  type DeedForm,
  type DeedType,
} from './dabs';
import './Dev.css';

const FIELDS: readonly DeedField[] = ['reference', 'deedType', 'nationalNumbers', 'registeredAt', 'place'];
const LABEL: Record<DeedField, MessageKey> = {
  reference: 'dabs.reference',
  deedType: 'dabs.deedType',
  nationalNumbers: 'dabs.nationalNumbers',
  registeredAt: 'dabs.registeredAt',
  place: 'dabs.place',
};
const fieldId = (name: string) => `deed-${name}`;

function detailLabel(t: (key: MessageKey) => string, name: string): string {
  const key = `dabs.detail.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

/** The mock DABS (the civil-status deed database): the deeds it holds, and a form to add one. */
export function DabsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const heading = t('dabs.heading');
  useDocumentTitle(heading);
  const [round, setRound] = useState(0);
  const deeds = useResource((signal) => unwrap(api.GET('/api/v1/dev/dabs/deeds', { signal })), [round]);
  const [form, setForm] = useState<DeedForm>(EMPTY_DEED);
  const [errors, setErrors] = useState<Partial<Record<string, InvalidParam | { code: string }>>>({});
  const [formError, setFormError] = useState<string>();
  const [added, setAdded] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const message = (name: string) => {
    const error = errors[name];
    return error ? fieldMessage(t, { name, ...error }) : undefined;
  };
  const text = (name: Exclude<DeedField, 'deedType'>) => ({
    id: fieldId(name),
    name,
    label: t(LABEL[name]),
    value: form[name],
    error: message(name),
    onChange: (event: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: event.target.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    setAdded(undefined);
    const found = validateDeed(form);
    if (Object.keys(found).length > 0) {
      setErrors(Object.fromEntries(Object.entries(found).map(([name, code]) => [name, { code }])));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const deed = await unwrap(api.POST('/api/v1/dev/dabs/deeds', { body: deedBody(form) }));
      setAdded(t('dabs.added', { reference: deed.reference }));
      setForm(EMPTY_DEED);
      setRound((n) => n + 1);
    } catch (problem) {
      if (problem instanceof ApiProblem && problem.invalidParams.length > 0) {
        const next: Record<string, InvalidParam> = {};
        for (const param of problem.invalidParams) next[fieldOf(param)] ??= param;
        setErrors(next);
        setAttempt((n) => n + 1);
      } else {
        setFormError(problemMessage(t, problem));
      }
    } finally {
      setBusy(false);
    }
  };

  const summary = FIELDS.filter((name) => errors[name]).map((name) => ({ id: fieldId(name), label: t(LABEL[name]), message: message(name) ?? '' }));
  const typeOptions = DEED_TYPES.map((type) => ({ value: type, label: t(`dabs.type.${type}`) }));

  return (
    <>
      <p className="dev-banner">{t('dev.banner')}</p>
      <h1>{heading}</h1>
      <p className="lead">{t('dabs.intro')}</p>

      <h2 id="deeds-heading">{t('dabs.listHeading')}</h2>
      <Loaded resource={deeds} empty={t('dabs.empty')}>
        {(data) => (
          <Table
            caption={t('dabs.listHeading')}
            labelledBy="deeds-heading"
            columns={[t('dabs.reference'), t('dabs.deedType'), t('dabs.people'), t('dabs.registeredAt'), t('dabs.place'), t('dabs.details')]}
          >
            {data.items.map((deed) => (
              <tr key={deed.reference}>
                <td>{deed.reference}</td>
                <td>{(DEED_TYPES as readonly string[]).includes(deed.deedType) ? t(`dabs.type.${deed.deedType as DeedType}`) : deed.deedType}</td>
                <td>{deed.nationalNumbers.map(formatNationalNumber).join(', ')}</td>
                <td>{format.date(deed.registeredAt)}</td>
                <td>{deed.place}</td>
                <td>
                  {Object.entries(deed.details ?? {}).length > 0 && (
                    <dl className="deed-details">
                      {Object.entries(deed.details ?? {}).map(([name, value]) => (
                        <div key={name}>
                          <dt>{detailLabel(t, name)}</dt>
                          <dd>{isDateDetail(name) ? format.date(value) : value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Loaded>

      <h2 id="add-heading">{t('dabs.addHeading')}</h2>
      {added && <Alert kind="success">{added}</Alert>}
      {formError && <Alert kind="error">{formError}</Alert>}
      <form noValidate onSubmit={submit} aria-labelledby="add-heading" className="narrow">
        <ErrorSummary errors={summary} attempt={attempt} />
        <Field {...text('reference')} hint={t('dabs.referenceHint')} autoComplete="off" />
        <SelectField
          id={fieldId('deedType')}
          name="deedType"
          label={t(LABEL.deedType)}
          options={typeOptions}
          value={form.deedType}
          error={message('deedType')}
          onChange={(event) => setForm((f) => ({ ...f, deedType: event.target.value as DeedType }))}
        />
        <TextAreaField {...text('nationalNumbers')} hint={t('dabs.nationalNumbersHint')} rows={2} />
        <Field {...text('registeredAt')} type="date" />
        <Field {...text('place')} autoComplete="off" />
        <fieldset className="deed-fieldset">
          <legend className="field__label">{t('dabs.details')}</legend>
          {DETAIL_FIELDS[form.deedType].map((name) => (
            <Field
              key={`${form.deedType}-${name}`}
              id={fieldId(`detail-${name}`)}
              label={detailLabel(t, name)}
              type={isDateDetail(name) ? 'date' : 'text'}
              autoComplete="off"
              value={form.details[name] ?? ''}
              onChange={(event) => setForm((f) => ({ ...f, details: { ...f.details, [name]: event.target.value } }))}
            />
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t('dabs.submit')}
          </button>
          <BusyStatus busy={busy} />
        </div>
      </form>
    </>
  );
}
