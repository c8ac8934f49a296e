import { useState } from 'react';
import type { DeliverInput } from '../../../api/types';
import { ChoiceField } from '../../../components/Choice/ChoiceField';
import { Field } from '../../../components/Field/Field';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { FormDialog, type FormField } from '../../../components/FormDialog/FormDialog';
import { DELIVERY_METHODS } from '../../../domain/vocabulary';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import type { ActionDialogProps } from './actionDialog';
import {
  askedBy,
  deliverBody,
  EMPTY_DELIVER_FORM,
  validateDeliver,
  visibleFields,
  type DeliverAsked,
  type DeliverField,
  type DeliverForm,
  type Recipient,
} from './deliver';

const FIELDS: Record<DeliverField, { id: string; label: MessageKey }> = {
  method: { id: 'deliver-method', label: 'deliver.method' },
  recipient: { id: 'deliver-recipient', label: 'deliver.recipient' },
  address: { id: 'deliver-address', label: 'deliver.address' },
  subjectNationalNumber: { id: 'deliver-subject-national-number', label: 'deliver.subjectNationalNumber' },
};

/** "Afleveren": digitally, by post (to whom, and where) or at the counter. */
export function DeliverDialog({ request, onSubmit, onClose }: ActionDialogProps<DeliverInput>) {
  const { t } = useI18n();
  const [form, setForm] = useState<DeliverForm>(EMPTY_DELIVER_FORM);
  const [asked, setAsked] = useState<DeliverAsked>({ address: false, subjectNationalNumber: false });
  const shown = visibleFields(form, request, asked);
  const change = <K extends keyof DeliverForm>(name: K, value: DeliverForm[K]) => setForm((current) => ({ ...current, [name]: value }));
  const fields = Object.fromEntries(Object.entries(FIELDS).map(([name, { id, label }]) => [name, { id, label: t(label) }])) as Record<
    DeliverField,
    FormField
  >;
  const recipients: { value: Recipient; label: string }[] = [
    { value: 'requester', label: t('deliver.toRequester', { name: request.requester.name }) },
    { value: 'subject', label: t('deliver.toSubject', { name: request.subject.name }) },
  ];

  return (
    <FormDialog
      title={t('deliver.title', { reference: request.reference })}
      submitLabel={t('deliver.submit')}
      fields={fields}
      validate={() => validateDeliver(form, shown)}
      onSubmit={async () => {
        const outcome = await onSubmit(deliverBody(form, request, asked));
        // A 422 may ask for what the register lacks (an address, a national number): show those fields.
        if (!outcome.ok) setAsked((previous) => askedBy(outcome.params, previous));
        return outcome;
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <ChoiceField
            id={fields.method.id}
            name="method"
            legend={fields.method.label}
            choices={DELIVERY_METHODS.map((method) => ({ value: method, label: t(`deliver.${method}`), hint: t(`deliver.${method}Hint`) }))}
            value={form.method}
            error={error('method')}
            onChange={(value) => change('method', value)}
          />
          {shown.recipient && (
            <ChoiceField
              id={fields.recipient.id}
              name="recipient"
              legend={fields.recipient.label}
              hint={t('deliver.recipientHint')}
              choices={recipients}
              value={form.recipient}
              error={error('recipient')}
              onChange={(value) => change('recipient', value)}
            />
          )}
          {shown.address && (
            <TextAreaField
              id={fields.address.id}
              name="address"
              label={fields.address.label}
              hint={t('deliver.addressHint')}
              autoComplete="off"
              value={form.address}
              error={error('address')}
              onChange={(event) => change('address', event.target.value)}
            />
          )}
          {shown.subjectNationalNumber && (
            <Field
              id={fields.subjectNationalNumber.id}
              name="subjectNationalNumber"
              label={fields.subjectNationalNumber.label}
              hint={t('deliver.subjectNationalNumberHint', { name: request.subject.name })}
              inputMode="numeric"
              autoComplete="off"
              value={form.subjectNationalNumber}
              error={error('subjectNationalNumber')}
              onChange={(event) => change('subjectNationalNumber', event.target.value)}
            />
          )}
        </>
      )}
    </FormDialog>
  );
}
