import { useRef, useState, type FormEvent } from 'react';
import { fieldMessage } from '../../../api/problemMessage';
import type { RequestDetail } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { Dialog } from '../../../components/Dialog/Dialog';
import { TextAreaField } from '../../../components/Field/TextAreaField';
import { useI18n } from '../../../i18n/i18n';
import type { Submit } from './outcome';

interface RefuseBody {
  reason: string;
  expectedVersion: number;
}

/** "Weigeren": the reason is mandatory and goes to the requester by e-mail. */
export function RefuseDialog({ request, onSubmit, onClose }: { request: RequestDetail; onSubmit: Submit<RefuseBody>; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ code?: string; reason?: string }>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    // An empty field is caught here; one with only spaces the API refuses with the same message.
    if (reason === '') {
      setError({ code: 'required' });
      field.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const outcome = await onSubmit({ reason, expectedVersion: request.version });
    setBusy(false);
    if (outcome.ok) return;
    const param = outcome.params.find((p) => p.name === 'reason');
    setError(param);
    if (!param) setMessage(outcome.message ?? (outcome.params[0] ? fieldMessage(t, outcome.params[0]) : undefined));
    if (param) field.current?.focus();
  };

  return (
    <Dialog title={t('refuse.title', { reference: request.reference })} onClose={onClose}>
      <form noValidate onSubmit={submit}>
        {message && <Alert kind="error">{message}</Alert>}
        <TextAreaField
          ref={field}
          id="refuse-reason"
          name="reason"
          label={t('refuse.reason')}
          hint={t('refuse.reasonHint')}
          value={reason}
          error={error ? fieldMessage(t, { name: 'reason', ...error }) : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t('refuse.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
