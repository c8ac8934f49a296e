import { problemMessage } from '../../api/problemMessage';
import { Alert } from '../../components/Alert/Alert';
import { SelectField, type SelectOption } from '../../components/Field/SelectField';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { Country } from '../../api/types';
import type { Resource } from '../../hooks/useResource';

interface CountryFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** The ISO 3166-1 alpha-2 code chosen, or '' for none yet. */
  value: string;
  onChange: (code: string) => void;
  /** The countries to choose from (`useCountriesAbroad`). */
  countries: Resource<Country[]>;
}

/** The country a document is for: a list of every country but Belgium, in the reader's language. */
export function CountryField({ value, onChange, countries, ...field }: CountryFieldProps) {
  const { t } = useI18n();
  const format = useFormat();
  const listed: SelectOption[] = countries.status === 'ok' ? countries.data.map((c) => ({ value: c.code, label: c.name })) : [];
  // Until the list is there (or when it could not come), the choice already made stays shown.
  const chosen = value && !listed.some((option) => option.value === value) ? [{ value, label: format.country(value) }] : [];
  return (
    <>
      <SelectField
        {...field}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="country"
        options={[{ value: '', label: t('requestForm.chooseCountry') }, ...chosen, ...listed]}
      />
      {countries.status === 'error' && <Alert kind="error">{problemMessage(t, countries.error)}</Alert>}
    </>
  );
}
