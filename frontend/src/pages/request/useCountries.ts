import { api, unwrap } from '../../api/client';
import type { Country } from '../../api/types';
import { useResource, type Resource } from '../../hooks/useResource';
import type { Lang } from '../../i18n/i18n';

/** Belgium: a document for use abroad names another country. */
export const HOME_COUNTRY = 'BE';

/** The countries a document can be used in abroad, named and sorted in the reader's language. */
export function useCountriesAbroad(lang: Lang): Resource<Country[]> {
  return useResource(
    (signal) =>
      unwrap(api.GET('/api/v1/countries', { params: { query: { lang } }, signal })).then((list) =>
        list.items.filter((country) => country.code !== HOME_COUNTRY),
      ),
    [lang],
  );
}
