/**
 * Belgian national register number (rijksregisternummer): YYMMDD SSS CC, where CC is
 * 97 minus the first nine digits modulo 97; for births from 2000 on, a 2 is put before
 * those nine digits. The century is not in the number, so either variant may match.
 */
export type NationalNumberError = 'empty' | 'length' | 'checksum';

export type NationalNumberResult = { ok: true; digits: string } | { ok: false; error: NationalNumberError };

const SEPARATORS = /[\s.-]/g;

export function checkDigits(firstNine: string, bornFrom2000: boolean): number {
  const base = BigInt(firstNine) + (bornFrom2000 ? 2_000_000_000n : 0n);
  return 97 - Number(base % 97n);
}

export function parseNationalNumber(input: string): NationalNumberResult {
  const digits = input.replace(SEPARATORS, '');
  if (digits === '') return { ok: false, error: 'empty' };
  if (!/^\d{11}$/.test(digits)) return { ok: false, error: 'length' };
  const firstNine = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  const valid = check === checkDigits(firstNine, false) || check === checkDigits(firstNine, true);
  return valid ? { ok: true, digits } : { ok: false, error: 'checksum' };
}

/** 85073003328 → 85.07.30-033.28, the notation on the eID card. */
export function formatNationalNumber(digits: string): string {
  if (!/^\d{11}$/.test(digits)) return digits;
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;
}
