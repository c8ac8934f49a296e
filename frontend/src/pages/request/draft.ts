import { useEffect, useState } from 'react';
import type { InvalidParam } from '../../api/problem';
import type { DocumentType, NewRequest } from '../../api/types';
import { parseNationalNumber } from '../../domain/nationalNumber';

/**
 * Everything the citizen answered for one document, kept in this tab's sessionStorage per
 * document code: back, forward and reload keep it; a successful submit clears it. The
 * Idempotency-Key belongs to the draft, so a double click or a retry creates one request.
 */
export type ForWhom = NewRequest['forWhom'];
export type ForUse = NewRequest['forUse'];
export type DocumentLanguage = NewRequest['language'];
export type Delivery = NewRequest['delivery'];
export type DeedVariant = NonNullable<NewRequest['deed']>['variant'];
export type DeedModel = NonNullable<NewRequest['deed']>['model'];

export interface Person {
  firstName: string;
  lastName: string;
  nationalNumber: string;
  birthDate: string;
}

export interface Draft {
  idempotencyKey: string;
  requester: Person & { email: string };
  forWhom: ForWhom;
  subject: Person;
  forUse: ForUse;
  /** The ISO 3166-1 alpha-2 code of the country (`NL`), '' until one is chosen. */
  destinationCountry: string;
  purpose: string;
  language: DocumentLanguage;
  /** Whether the requester chose the language; until then it follows the page's. */
  languageChosen?: boolean;
  deed: { variant: DeedVariant; model: DeedModel; eventDate: string; eventPlace: string };
  delivery: Delivery;
  /** Whether the EU multilingual standard form is added (a type that has one, used in a member state). */
  euStandardForm: boolean;
}

/** Every answer the form can show, named as the API names it in invalidParams. */
export const FIELD_NAMES = [
  'requester.firstName',
  'requester.lastName',
  'requester.email',
  'requester.nationalNumber',
  'requester.birthDate',
  'forWhom',
  'subject.firstName',
  'subject.lastName',
  'subject.nationalNumber',
  'subject.birthDate',
  'forUse',
  'destinationCountry',
  'purpose',
  'language',
  'deed.variant',
  'deed.model',
  'deed.eventDate',
  'deed.eventPlace',
  'delivery',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const PURPOSE_MAX_LENGTH = 200;

/** What shapes the form: who fills it in, whether a deed is asked, whether the type has an EU form. */
export interface FormContext {
  signedIn: boolean;
  isDeed: boolean;
  /** The catalogue's `euStandardForm`: Regulation (EU) 2016/1191 has a multilingual form for this type. */
  hasEuForm: boolean;
}

/** The context of a form for `doc`, filled in signed in or not. */
export function formContext(doc: Pick<DocumentType, 'kind' | 'euStandardForm'>, signedIn: boolean): FormContext {
  return { signedIn, isDeed: doc.kind === 'civil_status_deed', hasEuForm: doc.euStandardForm };
}

export interface FieldError {
  code: string;
  /** The API's own sentence, shown when the code has no message of ours. */
  reason?: string;
  /** The name the API used, when it differs from the field's (`subject` for `subject.firstName`). */
  name?: string;
}
export type FieldErrors = Partial<Record<FieldName, FieldError>>;

const STORAGE_PREFIX = 'loket.requestDraft.';
/** An ISO 3166-1 alpha-2 code, as `destinationCountry` takes it (`NL`). */
const COUNTRY_CODE = /^[A-Z]{2}$/;

export function newIdempotencyKey(): string {
  // randomUUID only exists in secure contexts; getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Every language a document (and its letter and e-mails) can be made in. */
export const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = ['nl', 'fr', 'de', 'en'];

/** An empty draft; the document's language is the page's (`language`) when it offers it. */
export function emptyDraft(language: string = 'nl'): Draft {
  const person = { firstName: '', lastName: '', nationalNumber: '', birthDate: '' };
  return {
    idempotencyKey: newIdempotencyKey(),
    requester: { ...person, email: '' },
    forWhom: 'myself',
    subject: { ...person },
    forUse: 'belgium',
    destinationCountry: '',
    purpose: '',
    language: DOCUMENT_LANGUAGES.find((l) => l === language) ?? 'nl',
    deed: { variant: 'extract', model: 'national', eventDate: '', eventPlace: '' },
    delivery: 'digital',
    euStandardForm: false,
  };
}

export function loadDraft(code: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_PREFIX + code);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<Draft>;
    if (typeof stored !== 'object' || stored === null || typeof stored.idempotencyKey !== 'string') return null;
    // Over the defaults, so a draft from an older version of the form still has every answer.
    const base = emptyDraft();
    return {
      ...base,
      ...stored,
      requester: { ...base.requester, ...stored.requester },
      subject: { ...base.subject, ...stored.subject },
      deed: { ...base.deed, ...stored.deed },
      // A country typed as text by an older version of the form is chosen again from the list.
      destinationCountry: COUNTRY_CODE.test(stored.destinationCountry ?? '') ? (stored.destinationCountry ?? '') : '',
    };
  } catch {
    return null;
  }
}

export function saveDraft(code: string, draft: Draft) {
  sessionStorage.setItem(STORAGE_PREFIX + code, JSON.stringify(draft));
}

export function clearDraft(code: string) {
  sessionStorage.removeItem(STORAGE_PREFIX + code);
}

/** The draft for `code`, written back to sessionStorage at every change. */
export function useDraft(code: string, language: string): [Draft, (update: (draft: Draft) => Draft) => void] {
  const [draft, setDraft] = useState<Draft>(() => loadDraft(code) ?? emptyDraft(language));
  useEffect(() => saveDraft(code, draft), [code, draft]);
  return [draft, setDraft];
}

export function getValue(draft: Draft, name: FieldName): string {
  const [head, tail] = name.split('.') as [string, string | undefined];
  const value: unknown = tail
    ? (draft[head as 'requester' | 'subject' | 'deed'] as unknown as Record<string, unknown>)[tail]
    : (draft as unknown as Record<string, unknown>)[head];
  return typeof value === 'string' ? value : '';
}

export function setValue(draft: Draft, name: FieldName, value: string): Draft {
  const [head, tail] = name.split('.') as [string, string | undefined];
  if (!tail) return { ...draft, [head]: value };
  const group = head as 'requester' | 'subject' | 'deed';
  return { ...draft, [group]: { ...draft[group], [tail]: value } };
}

/** The fields the form shows for these answers, in the order it shows them. */
export function visibleFields(draft: Draft, context: FormContext): FieldName[] {
  return FIELD_NAMES.filter((name) => {
    if (name === 'requester.email') return true;
    if (name.startsWith('requester.')) return !context.signedIn;
    if (name.startsWith('subject.')) return draft.forWhom === 'someone_else';
    if (name === 'destinationCountry') return draft.forUse === 'abroad';
    if (name.startsWith('deed.')) return context.isDeed;
    return true;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The checks the browser can make before sending; the API still decides. */
export function validateDraft(draft: Draft, context: FormContext): FieldErrors {
  const errors: FieldErrors = {};
  const shown = new Set(visibleFields(draft, context));
  const value = (name: FieldName) => getValue(draft, name).trim();
  const required = (name: FieldName) => {
    if (shown.has(name) && !value(name)) errors[name] = { code: 'required' };
  };
  const nationalNumber = (name: FieldName) => {
    if (shown.has(name) && value(name) && !parseNationalNumber(value(name)).ok) {
      errors[name] = { code: 'invalid_national_number' };
    }
  };
  const date = (name: FieldName) => {
    if (shown.has(name) && value(name) && !DATE.test(value(name))) errors[name] = { code: 'invalid_date' };
  };

  if (!context.signedIn) {
    required('requester.firstName');
    required('requester.lastName');
    // Who you are: a birth date or a national number, when the document is about you.
    if (draft.forWhom === 'myself' && !value('requester.birthDate') && !value('requester.nationalNumber')) {
      errors['requester.birthDate'] = { code: 'required' };
    }
    date('requester.birthDate');
    nationalNumber('requester.nationalNumber');
  }
  required('requester.email');
  if (value('requester.email') && !EMAIL.test(value('requester.email'))) errors['requester.email'] = { code: 'invalid_email' };

  if (draft.forWhom === 'someone_else') {
    required('subject.firstName');
    required('subject.lastName');
    if (!value('subject.nationalNumber') && !value('subject.birthDate')) {
      errors['subject.birthDate'] = { code: 'required' };
    }
    nationalNumber('subject.nationalNumber');
    date('subject.birthDate');
  }
  required('destinationCountry');
  required('purpose');
  if (value('purpose').length > PURPOSE_MAX_LENGTH) errors.purpose = { code: 'too_long' };
  date('deed.eventDate');
  return errors;
}

/** The API's field names onto the form's fields; what has no field of its own goes to `other`. */
export function mapInvalidParams(
  params: readonly InvalidParam[],
  draft: Draft,
  context: FormContext,
): { fields: FieldErrors; other: InvalidParam[] } {
  const shown = new Set<string>(visibleFields(draft, context));
  const aliases: Record<string, FieldName> = {
    requester: context.signedIn ? 'requester.email' : 'requester.firstName',
    subject: 'subject.firstName',
    deed: 'deed.variant',
  };
  const fields: FieldErrors = {};
  const other: InvalidParam[] = [];
  for (const param of params) {
    const name = shown.has(param.name) ? (param.name as FieldName) : aliases[param.name];
    if (name && shown.has(name)) fields[name] ??= { code: param.code ?? '', reason: param.reason, name: param.name };
    else other.push(param);
  }
  return { fields, other };
}

const blankToNull = (value: string) => value.trim() || null;
const digitsOrAsTyped = (value: string) => {
  const parsed = parseNationalNumber(value);
  return parsed.ok ? parsed.digits : blankToNull(value);
};

/** The POST /api/v1/requests body for these answers; hidden answers are left out. */
export function toRequestBody(draft: Draft, documentType: string, context: FormContext): NewRequest {
  const { requester, subject, deed } = draft;
  return {
    documentType,
    forWhom: draft.forWhom,
    requester: context.signedIn
      ? { email: requester.email.trim() }
      : {
          firstName: requester.firstName.trim(),
          lastName: requester.lastName.trim(),
          email: requester.email.trim(),
          nationalNumber: digitsOrAsTyped(requester.nationalNumber),
          birthDate: blankToNull(requester.birthDate),
        },
    subject:
      draft.forWhom === 'someone_else'
        ? {
            firstName: subject.firstName.trim(),
            lastName: subject.lastName.trim(),
            nationalNumber: digitsOrAsTyped(subject.nationalNumber),
            birthDate: blankToNull(subject.birthDate),
          }
        : null,
    forUse: draft.forUse,
    destinationCountry: draft.forUse === 'abroad' ? blankToNull(draft.destinationCountry) : null,
    purpose: draft.purpose.trim(),
    language: draft.language,
    deed: context.isDeed
      ? { variant: deed.variant, model: deed.model, eventDate: blankToNull(deed.eventDate), eventPlace: blankToNull(deed.eventPlace) }
      : null,
    delivery: draft.delivery,
    euStandardForm: asksEuForm(draft, context),
  };
}

/** Whether these answers ask for the EU multilingual form: only where the form could show the choice. */
export function asksEuForm(draft: Draft, context: FormContext): boolean {
  return context.hasEuForm && draft.forUse === 'abroad' && draft.euStandardForm;
}
