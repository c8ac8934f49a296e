import { askedBy, deliverBody, EMPTY_DELIVER_FORM, validateDeliver, visibleFields, type DeliverForm } from './deliver';

const none = { address: false, subjectNationalNumber: false };
const forSomeoneElse = {
  version: 4,
  forWhom: 'someone_else' as const,
  subject: { name: 'Mohamed El Amrani', nationalNumber: '90112115716', birthDate: null },
};
const forThemselves = { ...forSomeoneElse, forWhom: 'myself' as const, subject: { name: 'Jan Peeters', nationalNumber: '85073003328' } };
const anonymous = { ...forThemselves, subject: { name: 'Piet Pieters', nationalNumber: null, birthDate: '1990-05-12' } };

const form = (changes: Partial<DeliverForm>): DeliverForm => ({ ...EMPTY_DELIVER_FORM, ...changes });

describe('the deliver dialog', () => {
  it('sends only the method and the version seen for a digital delivery', () => {
    expect(deliverBody(form({ method: 'digital', recipient: 'subject', address: 'Kerkstraat 1' }), forSomeoneElse, none)).toEqual({
      method: 'digital',
      expectedVersion: 4,
    });
  });

  it('sends the chosen recipient by post when the document is about someone else', () => {
    expect(visibleFields(form({ method: 'post' }), forSomeoneElse, none)).toMatchObject({ recipient: true, address: false });
    expect(deliverBody(form({ method: 'post', recipient: 'subject' }), forSomeoneElse, none)).toEqual({
      method: 'post',
      recipient: 'subject',
      expectedVersion: 4,
    });
  });

  it('offers no recipient when requester and subject are the same person', () => {
    expect(visibleFields(form({ method: 'post' }), forThemselves, none).recipient).toBe(false);
    expect(deliverBody(form({ method: 'post', recipient: 'subject' }), forThemselves, none)).toEqual({ method: 'post', expectedVersion: 4 });
  });

  it('shows the address once the API asked for it and sends its non-empty lines', () => {
    const asked = askedBy([{ name: 'address', reason: 'The register has no address', code: 'required' }], none);
    expect(asked).toEqual({ address: true, subjectNationalNumber: false });
    expect(deliverBody(form({ method: 'post', address: ' Molenweg 3 bus 2 \n\n9999 Voorbeeldegem\n' }), forThemselves, asked)).toEqual({
      method: 'post',
      address: ['Molenweg 3 bus 2', '9999 Voorbeeldegem'],
      expectedVersion: 4,
    });
    // Left empty: the API falls back to the register, or asks again.
    expect(deliverBody(form({ method: 'post', address: '  ' }), forThemselves, asked)).not.toHaveProperty('address');
    // Not for the other methods.
    expect(deliverBody(form({ method: 'counter', address: 'Molenweg 3' }), forThemselves, asked)).not.toHaveProperty('address');
  });

  it('asks for the national number when the request has none, and sends its digits', () => {
    expect(visibleFields(form({ method: 'counter' }), anonymous, none).subjectNationalNumber).toBe(true);
    expect(visibleFields(form({ method: 'counter' }), forThemselves, none).subjectNationalNumber).toBe(false);
    expect(visibleFields(form({ method: 'counter' }), forThemselves, { address: false, subjectNationalNumber: true }).subjectNationalNumber).toBe(
      true,
    );
    expect(deliverBody(form({ method: 'counter', subjectNationalNumber: '90.05.12-123.45' }), anonymous, none)).toEqual({
      method: 'counter',
      subjectNationalNumber: '90.05.12-123.45',
      expectedVersion: 4,
    });
    expect(deliverBody(form({ method: 'counter', subjectNationalNumber: '85.07.30-033.28' }), anonymous, none).subjectNationalNumber).toBe(
      '85073003328',
    );
  });

  it('checks the method and the national number before sending', () => {
    const shown = visibleFields(EMPTY_DELIVER_FORM, anonymous, none);
    expect(validateDeliver(EMPTY_DELIVER_FORM, shown)).toEqual({ method: 'required', subjectNationalNumber: 'required' });
    expect(validateDeliver(form({ method: 'post', subjectNationalNumber: '85073003329' }), shown)).toEqual({
      subjectNationalNumber: 'invalid_national_number',
    });
    expect(validateDeliver(form({ method: 'post', subjectNationalNumber: '85073003328' }), shown)).toEqual({});
  });
});
