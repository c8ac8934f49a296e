import { useId, type ReactNode } from 'react';
import { describedBy } from './describedBy';
import './Field.css';

interface FieldFrameProps {
  /** A fixed id, for links to the field (an error summary); generated when left out. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  /** The control, given its id and what describes it. */
  children: (control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined }) => ReactNode;
}

/** A field's label, hint and error around its control, tied to it for assistive technology. */
export function FieldFrame({ id: fixedId, label, hint, error, className, children }: FieldFrameProps) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const ids = describedBy(id, hint, error);
  return (
    <div className={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <HintAndError hintId={ids.hintId} hint={hint} errorId={ids.errorId} error={error} />
      {children({ id, 'aria-describedby': ids.describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

/** The hint and the error under a field's label (or a group's legend). */
export function HintAndError({ hintId, hint, errorId, error }: { hintId?: string; hint?: string; errorId?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}
