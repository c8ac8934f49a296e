import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { InvalidParam } from '../../api/problem';
import { fieldMessage } from '../../api/problemMessage';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../Alert/Alert';
import { Dialog } from '../Dialog/Dialog';
import { ErrorSummary } from '../ErrorSummary/ErrorSummary';
import { failure, type Outcome } from './outcome';
import { BusyStatus } from '../Status/BusyStatus';

/** A field that can be in error: its element's id (to focus and to link to) and its label. */
export interface FormField {
  id: string;
  label: string;
  /**
   * The name its messages are looked up by (`fieldError.<messages>.<code>`), when the API's
   * name is worded for another form (`name` is a filter's name).
   */
  messages?: string;
}

type FieldError = Pick<InvalidParam, 'code' | 'reason'>;

interface FormDialogProps<Name extends string> {
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  /** The fields that can be in error, in the order of the form, by the name the API gives them. */
  fields: Record<Name, FormField>;
  /** Checks before anything is sent: a code (`required`, …) per field in error. */
  validate?: () => Partial<Record<Name, string>>;
  /** Sends the form. An outcome with `params` (or a thrown problem) comes back to the fields. */
  onSubmit: () => Promise<Outcome | void>;
  onClose: () => void;
  /** The fields; `error(name)` is what to say beside one. */
  children: (error: (name: Name) => string | undefined) => ReactNode;
}

/**
 * A dialog with one form: its title, what is wrong at the top, the fields, and the buttons to
 * send it or go back. Errors from the client's checks and from the API (problem+json) are shown
 * beside their fields and listed at the top; focus goes to the one field in error, or to the
 * list when there are more. The submit button is busy while the form is being sent.
 */
export function FormDialog<Name extends string>({ title, intro, submitLabel, fields, validate, onSubmit, onClose, children }: FormDialogProps<Name>) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Partial<Record<Name, FieldError>>>({});
  const [message, setMessage] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  // A new object on every failed attempt, so focus moves again even to the same field.
  const [focus, setFocus] = useState<{ id: string }>();
  const [busy, setBusy] = useState(false);
  const names = (Object.keys(fields) as Name[]).filter((name) => errors[name]);

  const error = (name: Name) => {
    const found = errors[name];
    return found ? fieldMessage(t, { name: fields[name].messages ?? name, ...found }) : undefined;
  };

  // The field may only appear with its error (a 422 can ask for one more): focus it once rendered.
  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);

  const fail = (found: Partial<Record<Name, FieldError>>, text?: string) => {
    const [only, ...more] = (Object.keys(fields) as Name[]).filter((name) => found[name]);
    setErrors(found);
    setMessage(text);
    setAttempt((n) => n + 1);
    setFocus(only && more.length === 0 ? { id: fields[only].id } : undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const codes = validate?.() ?? {};
    if (Object.keys(codes).length > 0) {
      fail(Object.fromEntries(Object.entries(codes).map(([name, code]) => [name, { code }])) as Partial<Record<Name, FieldError>>);
      return;
    }
    setErrors({});
    setMessage(undefined);
    setBusy(true);
    const outcome = await onSubmit().catch((problem: unknown) => failure(t, problem));
    setBusy(false);
    if (!outcome || outcome.ok) return;
    const found: Partial<Record<Name, FieldError>> = {};
    const other: InvalidParam[] = [];
    for (const param of outcome.params) {
      if (Object.hasOwn(fields, param.name)) found[param.name as Name] ??= param;
      else other.push(param);
    }
    fail(found, outcome.message ?? (other[0] && fieldMessage(t, other[0])));
  };

  return (
    <Dialog title={title} onClose={onClose}>
      {intro}
      <form noValidate onSubmit={submit}>
        {/* The list takes focus only when more than one field is in error; else the field does. */}
        <ErrorSummary errors={names.map((name) => ({ ...fields[name], message: error(name) ?? '' }))} attempt={names.length > 1 ? attempt : 0} />
        {message && <Alert kind="error">{message}</Alert>}
        {children(error)}
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {submitLabel}
          </button>
          <BusyStatus busy={busy} />
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
