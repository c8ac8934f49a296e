import type { AdviceValue } from '../../api/types';
import { ADVICE } from '../../domain/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { ChoiceField } from './ChoiceField';

interface AdviceFieldProps {
  id: string;
  name: string;
  value: AdviceValue | '';
  error?: string;
  onChange: (advice: AdviceValue) => void;
}

/** "Advies": favourable or unfavourable, as the police give it (or staff in their name). */
export function AdviceField({ id, name, value, error, onChange }: AdviceFieldProps) {
  const { t } = useI18n();
  return (
    <ChoiceField
      id={id}
      name={name}
      legend={t('advice.label')}
      choices={ADVICE.map((advice) => ({ value: advice, label: t(`advice.${advice}`) }))}
      value={value}
      error={error}
      onChange={onChange}
    />
  );
}
