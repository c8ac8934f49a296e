import { useState } from 'react';
import type { RefuseInput } from '../../../api/types';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { FormDialog } from '../../../components/FormDialog/FormDialog';
import { useI18n } from '../../../i18n/i18n';
import type { ActionDialogProps } from './actionDialog';

/** "Weigeren": the reason is mandatory and goes to the requester by e-mail. */
export function RefuseDialog({ request, onSubmit, onClose }: ActionDialogProps<RefuseInput>) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');

  return (
    <FormDialog
      title={t('refuse.title', { reference: request.reference })}
      submitLabel={t('refuse.submit')}
      fields={{ reason: { id: 'refuse-reason', label: t('refuse.reason') } }}
      // An empty field is caught here; one with only spaces the API refuses with the same message.
      validate={() => (reason === '' ? { reason: 'required' } : {})}
      onSubmit={() => onSubmit({ reason, expectedVersion: request.version })}
      onClose={onClose}
    >
      {(error) => (
        <TextAreaField
          id="refuse-reason"
          name="reason"
          label={t('refuse.reason')}
          hint={t('refuse.reasonHint')}
          value={reason}
          error={error('reason')}
          onChange={(event) => setReason(event.target.value)}
        />
      )}
    </FormDialog>
  );
}
