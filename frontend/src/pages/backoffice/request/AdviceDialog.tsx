import { useState } from 'react';
import type { AdviceBody, AdviceValue } from '../../../api/types';
import { AdviceField } from '../../../components/Choice/AdviceField';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { FormDialog } from '../../../components/FormDialog/FormDialog';
import { useI18n } from '../../../i18n/i18n';
import type { ActionDialogProps } from './actionDialog';

/** The police's advice, registered by staff in the police's name once the deadline passed. */
export function AdviceDialog({ request, onSubmit, onClose }: ActionDialogProps<AdviceBody>) {
  const { t } = useI18n();
  const [advice, setAdvice] = useState<AdviceValue | ''>('');
  const [remark, setRemark] = useState('');

  return (
    <FormDialog
      title={t('adviceDialog.title', { reference: request.reference })}
      intro={<p>{t('adviceDialog.intro')}</p>}
      submitLabel={t('adviceDialog.submit')}
      fields={{ advice: { id: 'advice-choice', label: t('advice.label') } }}
      validate={() => (advice ? {} : { advice: 'required' })}
      onSubmit={async () => {
        if (advice) return onSubmit({ advice, remark: remark.trim() ? remark : null, expectedVersion: request.version });
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <AdviceField id="advice-choice" name="advice" value={advice} error={error('advice')} onChange={setAdvice} />
          <TextAreaField name="remark" label={t('advice.remark')} value={remark} onChange={(event) => setRemark(event.target.value)} />
        </>
      )}
    </FormDialog>
  );
}
