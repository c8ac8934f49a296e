import type { InvalidParam } from '../../api/problem';
import type { Deed } from '../../api/types';
import { parseNationalNumber } from '../../domain/nationalNumber';

export const DEED_TYPES = ['birth', 'marriage', 'death', 'divorce'] as const;
export type DeedType = (typeof DEED_TYPES)[number];

/** The details the deed PDFs know, per type of deed (DABS keeps them by these names). */
export const DETAIL_FIELDS: Record<DeedType, readonly string[]> = {
  birth: ['child', 'birthDate', 'birthPlace', 'father', 'mother'],
  marriage: ['spouse1', 'spouse2', 'marriageDate', 'marriagePlace'],
  death: ['deceased', 'deathDate', 'deathPlace'],
  divorce: ['spouse1', 'spouse2', 'divorceDate'],
};
const DATE_DETAILS = new Set(['birthDate', 'marriageDate', 'deathDate', 'divorceDate']);
export const isDateDetail = (name: string) => DATE_DETAILS.has(name);

export interface DeedForm {
  reference: string;
  deedType: DeedType;
  nationalNumbers: string;
  registeredAt: string;
  place: string;
  details: Record<string, string>;
}

export const EMPTY_DEED: DeedForm = { reference: '', deedType: 'birth', nationalNumbers: '', registeredAt: '', place: '', details: {} };

export type DeedField = 'reference' | 'deedType' | 'nationalNumbers' | 'registeredAt' | 'place';

/** National numbers typed one per line or separated by commas, semicolons or spaces. */
export function splitNumbers(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** Field → error code, as the field messages know them. */
export function validateDeed(form: DeedForm): Partial<Record<DeedField, string>> {
  const errors: Partial<Record<DeedField, string>> = {};
  if (!form.reference.trim()) errors.reference = 'required';
  const numbers = splitNumbers(form.nationalNumbers);
  if (numbers.length === 0) errors.nationalNumbers = 'required';
  else if (numbers.some((n) => !parseNationalNumber(n).ok)) errors.nationalNumbers = 'invalid_national_number';
  if (!form.registeredAt) errors.registeredAt = 'required';
  if (!form.place.trim()) errors.place = 'required';
  return errors;
}

export function deedBody(form: DeedForm): Deed {
  const details: Record<string, string> = {};
  for (const name of DETAIL_FIELDS[form.deedType]) {
    const value = form.details[name]?.trim();
    if (value) details[name] = value;
  }
  return {
    reference: form.reference.trim(),
    deedType: form.deedType,
    nationalNumbers: splitNumbers(form.nationalNumbers).map((n) => {
      const parsed = parseNationalNumber(n);
      return parsed.ok ? parsed.digits : n;
    }),
    registeredAt: form.registeredAt,
    place: form.place.trim(),
    details,
  };
}

/** The API names one number as `nationalNumbers.2`: that is the field for all of them here. */
export function fieldOf(param: InvalidParam): string {
  return param.name.startsWith('nationalNumbers') ? 'nationalNumbers' : param.name;
}
