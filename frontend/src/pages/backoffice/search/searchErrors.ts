import { ApiProblem } from '../../../api/problem';
import { fieldMessage } from '../../../api/problemMessage';
import type { Resource } from '../../../hooks/useResource';
import type { Translate } from '../../../i18n/i18n';

/**
 * What a refused search (422) says about its criteria: the words for each field it names, and
 * whether any of them is a field of this form (then the form shows it; else the problem does).
 */
export function criteriaErrors<T>(t: Translate, results: Resource<T>, fields: readonly string[]) {
  const problem = results.status === 'error' && results.error instanceof ApiProblem ? results.error : undefined;
  const invalid = problem?.status === 422 ? problem.invalidParams : [];
  return {
    errorFor: (name: string) => {
      const param = invalid.find((p) => p.name === name);
      return param ? fieldMessage(t, param) : undefined;
    },
    inForm: invalid.some((p) => fields.includes(p.name)),
  };
}
