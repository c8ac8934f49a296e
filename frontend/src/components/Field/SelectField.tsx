import { useId, type Ref, type SelectHTMLAttributes } from 'react';
import { describedBy } from './describedBy';
import './Field.css';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  options: readonly SelectOption[];
  ref?: Ref<HTMLSelectElement>;
}

/** A labelled drop-down list with its hint and error tied to it, like Field. */
export function SelectField({ id: fixedId, label, hint, error, options, className, ...select }: SelectFieldProps) {
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
      <select id={id} className="field__input field__select" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
