import { useId, type Ref } from 'react';
import { describedBy } from '../Field/describedBy';
import { HintAndError } from '../Field/FieldFrame';
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
  const { hintId, errorId, describedBy: ids } = describedBy(base, hint, error);
  return (
    <fieldset ref={ref} className={`field choice${error ? ' field--error' : ''}`} aria-describedby={ids}>
      <legend className="field__label">{legend}</legend>
      <HintAndError hintId={hintId} hint={hint} errorId={errorId} error={error} />
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
