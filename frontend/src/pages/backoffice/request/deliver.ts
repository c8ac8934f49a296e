import type { InvalidParam } from '../../../api/problem';
import type { DeliverInput, DeliveryMethod, RequestDetail } from '../../../api/types';
import { parseNationalNumber } from '../../../domain/nationalNumber';

export type Recipient = NonNullable<DeliverInput['recipient']>;

/** What staff filled in in the "Afleveren" dialog. */
export interface DeliverForm {
  method: DeliveryMethod | '';
  recipient: Recipient;
  /** Postal address, one line per line of text. */
  address: string;
  subjectNationalNumber: string;
}

export const EMPTY_DELIVER_FORM: DeliverForm = { method: '', recipient: 'requester', address: '', subjectNationalNumber: '' };

/** Fields the API asked for in an earlier answer (422), which the dialog then shows. */
export interface DeliverAsked {
  address: boolean;
  subjectNationalNumber: boolean;
}

export type DeliverField = 'method' | 'recipient' | 'address' | 'subjectNationalNumber';

type Facts = Pick<RequestDetail, 'version' | 'forWhom' | 'subject'>;

/** Which of the optional fields the dialog shows now. */
export function visibleFields(form: DeliverForm, request: Facts, asked: DeliverAsked): Record<DeliverField, boolean> {
  const post = form.method === 'post';
  return {
    method: true,
    // Only when the document is about someone else is there a choice of recipient.
    recipient: post && request.forWhom === 'someone_else',
    address: post && asked.address,
    subjectNationalNumber: !request.subject.nationalNumber || asked.subjectNationalNumber,
  };
}

/** The fields the API named in a 422 that this dialog can show. */
export function askedBy(params: readonly InvalidParam[], previous: DeliverAsked): DeliverAsked {
  const named = new Set(params.map((param) => param.name));
  return {
    address: previous.address || named.has('address'),
    subjectNationalNumber: previous.subjectNationalNumber || named.has('subjectNationalNumber'),
  };
}

/** Client-side checks, as codes the field messages know (`required`, `invalid_national_number`). */
export function validateDeliver(form: DeliverForm, shown: Record<DeliverField, boolean>): Partial<Record<DeliverField, string>> {
  const errors: Partial<Record<DeliverField, string>> = {};
  if (!form.method) errors.method = 'required';
  if (shown.subjectNationalNumber) {
    const parsed = parseNationalNumber(form.subjectNationalNumber);
    if (!parsed.ok) errors.subjectNationalNumber = parsed.error === 'empty' ? 'required' : 'invalid_national_number';
  }
  return errors;
}

export function addressLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The body of POST /deliver: only what applies to the chosen method, and the version seen. */
export function deliverBody(form: DeliverForm, request: Facts, asked: DeliverAsked): DeliverInput {
  if (!form.method) throw new Error('choose a delivery method first');
  const shown = visibleFields(form, request, asked);
  const body: DeliverInput = { method: form.method, expectedVersion: request.version };
  if (shown.recipient) body.recipient = form.recipient;
  if (shown.address) {
    const lines = addressLines(form.address);
    if (lines.length > 0) body.address = lines;
  }
  if (shown.subjectNationalNumber) {
    const parsed = parseNationalNumber(form.subjectNationalNumber);
    body.subjectNationalNumber = parsed.ok ? parsed.digits : form.subjectNationalNumber.trim();
  }
  return body;
}
