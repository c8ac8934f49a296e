import { useId, type Ref, type TextareaHTMLAttributes } from 'react';
import { describedBy } from './describedBy';
import './Field.css';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled text area with its hint and error tied to it, like Field. */
export function TextAreaField({ id: fixedId, label, hint, error, className, ...textarea }: TextAreaFieldProps) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const ids = describedBy(id, hint, error);
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={ids.errorId} className="field__error">
          {error}
        </p>
      )}
      <textarea
        id={id}
        className="field__input field__textarea"
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...textarea}
      />
    </div>
  );
}
