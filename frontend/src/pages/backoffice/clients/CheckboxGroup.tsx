import { useId } from 'react';
import { describedBy } from '../../../components/Field/describedBy';
import { HintAndError } from '../../../components/Field/FieldFrame';
import '../../../components/Field/Field.css';

export interface CheckboxOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

interface CheckboxGroupProps<V extends string> {
  /** Given to the first checkbox, so an error summary can link to the group. */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: readonly CheckboxOption<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
}

/** A question with any number of answers: checkboxes in a fieldset with its legend. */
export function CheckboxGroup<V extends string>({ id, legend, hint, error, options, value, onChange }: CheckboxGroupProps<V>) {
  const base = useId();
  const ids = describedBy(base, hint, error);
  const toggle = (option: V, on: boolean) => onChange(options.map((o) => o.value).filter((v) => (v === option ? on : value.includes(v))));
  return (
    <fieldset className={`field checkbox-group${error ? ' field--error' : ''}`} aria-describedby={ids.describedBy}>
      <legend className="field__label">{legend}</legend>
      <HintAndError hintId={ids.hintId} hint={hint} errorId={ids.errorId} error={error} />
      {options.map((option, index) => {
        const inputId = index === 0 ? id : `${id}-${index}`;
        const hintId = option.hint ? `${inputId}-hint` : undefined;
        return (
          <div key={option.value} className="checkbox">
            <input
              id={inputId}
              type="checkbox"
              value={option.value}
              checked={value.includes(option.value)}
              aria-describedby={hintId}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label htmlFor={inputId}>{option.label}</label>
            {option.hint && (
              <p id={hintId} className="checkbox__hint">
                {option.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
