import { NETWORK_ERROR, UNEXPECTED_RESPONSE } from '../api/problem';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import nl from '../i18n/nl.json';
import {
  ACTOR_ROLES,
  ADVICE,
  AUDIT_ACTIONS,
  AUTH_MEANS,
  CHANNELS,
  DEED_MODELS,
  DEED_VARIANTS,
  DELIVERY_METHODS,
  DELIVERY_REASONS,
  DOCUMENT_LANGUAGES,
  DOCUMENT_TYPES,
  EMAIL_STATUSES,
  FIELD_ERROR_CODES,
  FOR_USE,
  FOR_WHOM,
  JOB_KINDS,
  MANUAL_REASONS,
  PROBLEM_CODES,
  PROCESSING,
  REQUEST_STATUSES,
  STAFF_ACTIONS,
  TASK_STATUSES,
  TASK_TYPES,
} from './vocabulary';

const CATALOGS: Record<string, Record<string, string>> = { nl, fr, de, en };

type Vocabulary = [name: string, values: readonly string[], keys: (value: string) => string[]];

/** Each vocabulary shown on screen, with the message key that words a value. */
const LABELS: Vocabulary[] = [
  ['request status', REQUEST_STATUSES, (v) => [`requestStatus.${v}`]],
  ['manual reason', MANUAL_REASONS, (v) => [`manualReason.${v}`, `manualReasonWhy.${v}`]],
  ['task type', TASK_TYPES, (v) => [`taskType.${v}`]],
  ['task status', TASK_STATUSES, (v) => [`taskStatus.${v}`]],
  ['processing', PROCESSING, (v) => [`processing.${v}`]],
  ['channel', CHANNELS, (v) => [`channel.${v}`]],
  ['delivery method', DELIVERY_METHODS, (v) => [`delivery.${v}`]],
  ['delivery reason', DELIVERY_REASONS, (v) => [`deliveryReason.${v}`]],
  ['for whom', FOR_WHOM, (v) => [`forWhom.${v}`]],
  ['for use', FOR_USE, (v) => [`forUse.${v}`]],
  ['document language', DOCUMENT_LANGUAGES, (v) => [`documentLanguage.${v}`]],
  ['deed variant', DEED_VARIANTS, (v) => [`deedVariant.${v}`]],
  ['deed model', DEED_MODELS, (v) => [`deedModel.${v}`]],
  ['e-mail status', EMAIL_STATUSES, (v) => [`outbox.status.${v}`]],
  ['advice', ADVICE, (v) => [`advice.${v}`]],
  ['staff action', STAFF_ACTIONS, (v) => [`staffAction.${v}`]],
  ['means of sign-in', AUTH_MEANS, (v) => [`authMeans.${v}`]],
  ['actor role', ACTOR_ROLES, (v) => [`actorRole.${v}`]],
  ['document type', DOCUMENT_TYPES, (v) => [`documentType.${v}`]],
  ['job kind', JOB_KINDS, (v) => [`jobKind.${v}`]],
];

/** The rest, with the keys that may word a value: the audit trail's own, else the history's. */
const VOCABULARIES: Vocabulary[] = [
  ...LABELS,
  ['audit action', AUDIT_ACTIONS, (v) => [`auditAction.${v}`, `historyAction.${v}`]],
  // Codes the SPA gives its own failures: a call that never reached the API, a date it checks itself.
  ['problem code', [...PROBLEM_CODES, NETWORK_ERROR, UNEXPECTED_RESPONSE], (v) => [`error.${v}`]],
  ['field error code', [...FIELD_ERROR_CODES, 'invalid_date'], (v) => [`fieldError.${v}`]],
];

describe('the vocabularies of the API', () => {
  it.each(VOCABULARIES)('have a message for every %s in Dutch, French, German and English', (_name, values, keys) => {
    const missing = Object.entries(CATALOGS).flatMap(([lang, messages]) =>
      values.filter((value) => !keys(value).some((key) => messages[key])).map((value) => `${lang}: ${value}`),
    );
    expect(missing).toEqual([]);
  });

  it('word every value apart from the others in each language', () => {
    // Two statuses (or task types, …) with one label could not be told apart on screen.
    for (const [name, values, keys] of LABELS) {
      for (const [lang, messages] of Object.entries(CATALOGS)) {
        const words = values.map((value) => messages[keys(value)[0] ?? '']);
        expect(new Set(words).size, `${name} in ${lang}`).toBe(values.length);
      }
    }
  });

  it('list each value once', () => {
    for (const [name, values] of VOCABULARIES) expect(new Set(values).size, name).toBe(values.length);
  });
});
