import { useRef, useState, type FormEvent } from 'react';
import { fieldMessage } from '../../../api/problemMessage';
import type { RequestDetail } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { Dialog } from '../../../components/Dialog/Dialog';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { useI18n } from '../../../i18n/i18n';
import type { Submit } from './outcome';

interface CancelBody {
  informRequester: boolean;
  explanation: string | null;
  expectedVersion: number;
}

/** "Annuleren": staff choose whether the requester hears of it, with an explanation when so. */
export function CancelDialog({ request, onSubmit, onClose }: { request: RequestDetail; onSubmit: Submit<CancelBody>; onClose: () => void }) {
  const { t } = useI18n();
  const [inform, setInform] = useState(true);
  const [explanation, setExplanation] = useState('');
  const [error, setError] = useState<{ code?: string; reason?: string }>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    if (inform && !explanation.trim()) {
      setError({ code: 'required' });
      field.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const outcome = await onSubmit({
      informRequester: inform,
      explanation: explanation.trim() ? explanation : null,
      expectedVersion: request.version,
    });
    setBusy(false);
    if (outcome.ok) return;
    const param = outcome.params.find((p) => p.name === 'explanation');
    setError(param);
    if (param) field.current?.focus();
    else setMessage(outcome.message ?? (outcome.params[0] ? fieldMessage(t, outcome.params[0]) : undefined));
  };

  return (
    <Dialog title={t('cancel.title', { reference: request.reference })} onClose={onClose}>
      <form noValidate onSubmit={submit}>
        {message && <Alert kind="error">{message}</Alert>}
        <CheckboxField
          name="informRequester"
          label={t('cancel.inform')}
          hint={t('cancel.informHint', { email: request.requester.email })}
          checked={inform}
          onChange={(event) => setInform(event.target.checked)}
        />
        <TextAreaField
          ref={field}
          id="cancel-explanation"
          name="explanation"
          label={t(inform ? 'cancel.explanation' : 'cancel.explanationOptional')}
          hint={t(inform ? 'cancel.explanationHint' : 'cancel.explanationInternalHint')}
          value={explanation}
          error={error ? fieldMessage(t, { name: 'explanation', ...error }) : undefined}
          onChange={(event) => setExplanation(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t('cancel.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
