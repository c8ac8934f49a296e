import { useState } from 'react';
import type { CancelInput } from '../../../api/types';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { FormDialog } from '../../../components/FormDialog/FormDialog';
import { useI18n } from '../../../i18n/i18n';
import type { ActionDialogProps } from './actionDialog';

/** The body: the explanation is required exactly when the requester is informed (`validate` sees to it). */
function cancelInput(inform: boolean, explanation: string, expectedVersion: number): CancelInput {
  const text = explanation.trim() ? explanation : null;
  return inform
    ? { informRequester: true, explanation: text ?? '', expectedVersion }
    : { informRequester: false, explanation: text, expectedVersion };
}

/** "Annuleren": staff choose whether the requester hears of it, with an explanation when so. */
export function CancelDialog({ request, onSubmit, onClose }: ActionDialogProps<CancelInput>) {
  const { t } = useI18n();
  const [inform, setInform] = useState(true);
  const [explanation, setExplanation] = useState('');

  return (
    <FormDialog
      title={t('cancel.title', { reference: request.reference })}
      submitLabel={t('cancel.submit')}
      fields={{ explanation: { id: 'cancel-explanation', label: t(inform ? 'cancel.explanation' : 'cancel.explanationOptional') } }}
      validate={() => (inform && !explanation.trim() ? { explanation: 'required' } : {})}
      onSubmit={() => onSubmit(cancelInput(inform, explanation, request.version))}
      onClose={onClose}
    >
      {(error) => (
        <>
          <CheckboxField
            name="informRequester"
            label={t('cancel.inform')}
            hint={t('cancel.informHint', { email: request.requester.email })}
            checked={inform}
            onChange={(event) => setInform(event.target.checked)}
          />
          <TextAreaField
            id="cancel-explanation"
            name="explanation"
            label={t(inform ? 'cancel.explanation' : 'cancel.explanationOptional')}
            hint={t(inform ? 'cancel.explanationHint' : 'cancel.explanationInternalHint')}
            value={explanation}
            error={error('explanation')}
            onChange={(event) => setExplanation(event.target.value)}
          />
        </>
      )}
    </FormDialog>
  );
}
