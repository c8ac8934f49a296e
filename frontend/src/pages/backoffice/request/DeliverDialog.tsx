import { useState, type FormEvent } from 'react';
import { fieldMessage } from '../../../api/problemMessage';
import type { DeliverInput, DeliveryMethod, RequestDetail } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { ChoiceField } from '../../../components/Choice/ChoiceField';
import { Dialog } from '../../../components/Dialog/Dialog';
import { ErrorSummary } from '../../../components/ErrorSummary/ErrorSummary';
import { Field } from '../../../components/Field/Field';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { askedBy, deliverBody, EMPTY_DELIVER_FORM, validateDeliver, visibleFields, type DeliverAsked, type DeliverField, type DeliverForm, type Recipient } from './deliver';
import type { Submit } from './outcome';

const FIELD_ID: Record<DeliverField, string> = {
  method: 'deliver-method',
  recipient: 'deliver-recipient',
  address: 'deliver-address',
  subjectNationalNumber: 'deliver-subject-national-number',
};
const LABEL: Record<DeliverField, MessageKey> = {
  method: 'deliver.method',
  recipient: 'deliver.recipient',
  address: 'deliver.address',
  subjectNationalNumber: 'deliver.subjectNationalNumber',
};
const FIELDS: readonly DeliverField[] = ['method', 'recipient', 'address', 'subjectNationalNumber'];

interface FieldError {
  code?: string;
  reason?: string;
}

/** "Afleveren": digitally, by post (to whom, and where) or at the counter. */
export function DeliverDialog({ request, onSubmit, onClose }: { request: RequestDetail; onSubmit: Submit<DeliverInput>; onClose: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<DeliverForm>(EMPTY_DELIVER_FORM);
  const [asked, setAsked] = useState<DeliverAsked>({ address: false, subjectNationalNumber: false });
  const [errors, setErrors] = useState<Partial<Record<DeliverField, FieldError>>>({});
  const [message, setMessage] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const shown = visibleFields(form, request, asked);

  const change = <K extends keyof DeliverForm>(name: K, value: DeliverForm[K]) => setForm((current) => ({ ...current, [name]: value }));
  const text = (name: DeliverField) => {
    const error = errors[name];
    return error ? fieldMessage(t, { name, ...error }) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    const found = validateDeliver(form, shown);
    if (Object.keys(found).length > 0) {
      setErrors(Object.fromEntries(Object.entries(found).map(([name, code]) => [name, { code }])));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    const outcome = await onSubmit(deliverBody(form, request, asked));
    setBusy(false);
    if (outcome.ok) return;
    const fieldErrors: Partial<Record<DeliverField, FieldError>> = {};
    const other = [];
    for (const param of outcome.params) {
      if ((FIELDS as readonly string[]).includes(param.name)) fieldErrors[param.name as DeliverField] ??= param;
      else other.push(param);
    }
    setAsked((previous) => askedBy(outcome.params, previous));
    setErrors(fieldErrors);
    setMessage(outcome.message ?? (other[0] ? fieldMessage(t, other[0]) : undefined));
    setAttempt((n) => n + 1);
  };

  const methods: { value: DeliveryMethod; label: string; hint: string }[] = [
    { value: 'digital', label: t('deliver.digital'), hint: t('deliver.digitalHint') },
    { value: 'post', label: t('deliver.post'), hint: t('deliver.postHint') },
    { value: 'counter', label: t('deliver.counter'), hint: t('deliver.counterHint') },
  ];
  const recipients: { value: Recipient; label: string }[] = [
    { value: 'requester', label: t('deliver.toRequester', { name: request.requester.name }) },
    { value: 'subject', label: t('deliver.toSubject', { name: request.subject.name }) },
  ];
  const summary = FIELDS.filter((name) => shown[name] && errors[name]).map((name) => ({
    id: FIELD_ID[name],
    label: t(LABEL[name]),
    message: text(name) ?? '',
  }));

  return (
    <Dialog title={t('deliver.title', { reference: request.reference })} onClose={onClose}>
      <form noValidate onSubmit={submit}>
        <ErrorSummary errors={summary} attempt={attempt} />
        {message && <Alert kind="error">{message}</Alert>}
        <ChoiceField
          id={FIELD_ID.method}
          name="method"
          legend={t(LABEL.method)}
          choices={methods}
          value={form.method}
          error={text('method')}
          onChange={(value) => change('method', value)}
        />
        {shown.recipient && (
          <ChoiceField
            id={FIELD_ID.recipient}
            name="recipient"
            legend={t(LABEL.recipient)}
            hint={t('deliver.recipientHint')}
            choices={recipients}
            value={form.recipient}
            error={text('recipient')}
            onChange={(value) => change('recipient', value)}
          />
        )}
        {shown.address && (
          <TextAreaField
            id={FIELD_ID.address}
            name="address"
            label={t(LABEL.address)}
            hint={t('deliver.addressHint')}
            autoComplete="off"
            value={form.address}
            error={text('address')}
            onChange={(event) => change('address', event.target.value)}
          />
        )}
        {shown.subjectNationalNumber && (
          <Field
            id={FIELD_ID.subjectNationalNumber}
            name="subjectNationalNumber"
            label={t(LABEL.subjectNationalNumber)}
            hint={t('deliver.subjectNationalNumberHint', { name: request.subject.name })}
            inputMode="numeric"
            autoComplete="off"
            value={form.subjectNationalNumber}
            error={text('subjectNationalNumber')}
            onChange={(event) => change('subjectNationalNumber', event.target.value)}
          />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t('deliver.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
