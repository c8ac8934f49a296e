import { checkDigits, formatNationalNumber, parseNationalNumber } from './nationalNumber';

/** Builds a number the way the national register does, independently of the parser. */
function make(birth: string, serial: string, bornFrom2000: boolean): string {
  const firstNine = birth + serial;
  const base = Number(firstNine) + (bornFrom2000 ? 2_000_000_000 : 0);
  return firstNine + String(97 - (base % 97)).padStart(2, '0');
}

describe('parseNationalNumber', () => {
  it('accepts a pre-2000 number in every usual notation', () => {
    expect(make('850730', '033', false)).toBe('85073003328');
    for (const input of ['85073003328', '85.07.30-033.28', '850730 033 28', ' 85.07.30-033.28 ']) {
      expect(parseNationalNumber(input)).toEqual({ ok: true, digits: '85073003328' });
    }
  });

  it('accepts a number of someone born from 2000 on, with the leading 2 in the check', () => {
    const number = make('010618', '123', true);
    expect(parseNationalNumber(number)).toEqual({ ok: true, digits: number });
    // The same digits with the pre-2000 check are a different, also valid, number.
    expect(make('010618', '123', false)).not.toBe(number);
  });

  it('rejects a wrong check', () => {
    expect(parseNationalNumber('85073003329')).toEqual({ ok: false, error: 'checksum' });
    const post2000 = make('050101', '245', true);
    const wrong = post2000.slice(0, 9) + String((Number(post2000.slice(9)) % 97) + 1).padStart(2, '0');
    expect(parseNationalNumber(wrong)).toEqual({ ok: false, error: 'checksum' });
  });

  it('rejects empty input, wrong lengths and letters', () => {
    expect(parseNationalNumber('  ')).toEqual({ ok: false, error: 'empty' });
    expect(parseNationalNumber('8507300332')).toEqual({ ok: false, error: 'length' });
    expect(parseNationalNumber('850730033280')).toEqual({ ok: false, error: 'length' });
    expect(parseNationalNumber('85O73003328')).toEqual({ ok: false, error: 'length' });
  });

  it('computes the check digits with the century rule', () => {
    expect(checkDigits('850730033', false)).toBe(28);
    expect(checkDigits('010618123', true)).toBe(97 - (2_010_618_123 % 97));
  });
});

describe('formatNationalNumber', () => {
  it('writes the number as on the eID card', () => {
    expect(formatNationalNumber('85073003328')).toBe('85.07.30-033.28');
    expect(formatNationalNumber('123')).toBe('123');
  });
});
