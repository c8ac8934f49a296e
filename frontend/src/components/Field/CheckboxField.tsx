import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { describedBy } from './describedBy';
import './Field.css';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  id?: string;
  label: string;
  hint?: string;
  ref?: Ref<HTMLInputElement>;
}

/** One checkbox with its label beside it. */
export function CheckboxField({ id: fixedId, label, hint, className, ...input }: CheckboxFieldProps) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const ids = describedBy(id, hint);
  return (
    <div className={`checkbox${className ? ` ${className}` : ''}`}>
      <input id={id} type="checkbox" aria-describedby={ids.describedBy} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={ids.hintId} className="checkbox__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
