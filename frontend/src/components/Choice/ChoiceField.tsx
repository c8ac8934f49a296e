import { useId, type Ref } from 'react';
import '../Field/Field.css';
import './ChoiceField.css';

export interface Choice<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

interface ChoiceFieldProps<V extends string> {
  /** Given to the first radio button, so an error summary can link to the group. */
  id?: string;
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  choices: readonly Choice<V>[];
  value: V | '';
  onChange: (value: V) => void;
  ref?: Ref<HTMLFieldSetElement>;
}

/** A question with one answer out of a few: radio buttons in a fieldset with its legend. */
export function ChoiceField<V extends string>({ id, name, legend, hint, error, choices, value, onChange, ref }: ChoiceFieldProps<V>) {
  const base = useId();
  const hintId = hint ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      ref={ref}
      className={`field choice${error ? ' field--error' : ''}`}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
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
      {choices.map((choice, index) => {
        const inputId = index === 0 && id ? id : `${base}-${choice.value}`;
        const choiceHintId = choice.hint ? `${inputId}-hint` : undefined;
        return (
          <div key={choice.value} className="choice__option">
            <input
              id={inputId}
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              aria-describedby={choiceHintId}
              onChange={() => onChange(choice.value)}
            />
            <label htmlFor={inputId}>{choice.label}</label>
            {choice.hint && (
              <p id={choiceHintId} className="choice__hint">
                {choice.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
