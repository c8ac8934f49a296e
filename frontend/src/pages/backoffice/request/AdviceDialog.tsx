import { useState, type FormEvent } from 'react';
import { fieldMessage } from '../../../api/problemMessage';
import type { AdviceBody, AdviceValue, RequestDetail } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { ChoiceField } from '../../../components/Choice/ChoiceField';
import { Dialog } from '../../../components/Dialog/Dialog';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { useI18n } from '../../../i18n/i18n';
import type { Submit } from './outcome';

/** The police's advice, registered by staff in the police's name once the deadline passed. */
export function AdviceDialog({ request, onSubmit, onClose }: { request: RequestDetail; onSubmit: Submit<AdviceBody>; onClose: () => void }) {
  const { t } = useI18n();
  const [advice, setAdvice] = useState<AdviceValue | ''>('');
  const [remark, setRemark] = useState('');
  const [adviceError, setAdviceError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    if (!advice) {
      setAdviceError(t('advice.required'));
      document.getElementById('advice-choice')?.focus();
      return;
    }
    setAdviceError(undefined);
    setBusy(true);
    const outcome = await onSubmit({ advice, remark: remark.trim() ? remark : null, expectedVersion: request.version });
    setBusy(false);
    if (outcome.ok) return;
    setMessage(outcome.message ?? (outcome.params[0] ? fieldMessage(t, outcome.params[0]) : t('error.generic')));
  };

  return (
    <Dialog title={t('adviceDialog.title', { reference: request.reference })} onClose={onClose}>
      <p>{t('adviceDialog.intro')}</p>
      <form noValidate onSubmit={submit}>
        {message && <Alert kind="error">{message}</Alert>}
        <ChoiceField
          id="advice-choice"
          name="advice"
          legend={t('advice.label')}
          choices={[
            { value: 'favourable', label: t('advice.favourable') },
            { value: 'unfavourable', label: t('advice.unfavourable') },
          ]}
          value={advice}
          error={adviceError}
          onChange={setAdvice}
        />
        <TextAreaField name="remark" label={t('advice.remark')} value={remark} onChange={(event) => setRemark(event.target.value)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t('adviceDialog.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
