import {
  clearDraft,
  emptyDraft,
  loadDraft,
  mapInvalidParams,
  saveDraft,
  setValue,
  toRequestBody,
  validateDraft,
  type Draft,
  type FormContext,
} from './draft';

const anonymous: FormContext = { signedIn: false, isDeed: false, hasEuForm: false };
const signedIn: FormContext = { signedIn: true, isDeed: false, hasEuForm: false };

function filled(overrides: Partial<Draft> = {}): Draft {
  const draft = emptyDraft();
  return {
    ...draft,
    requester: { firstName: 'Piet', lastName: 'Pieters', email: 'piet@example.be', nationalNumber: '', birthDate: '1990-05-12' },
    purpose: 'Voor een sollicitatie',
    ...overrides,
  };
}

describe('the draft store', () => {
  it('saves, restores and clears the answers per document, with one idempotency key', () => {
    expect(loadDraft('bewijs-van-woonst')).toBeNull();
    const draft = setValue(emptyDraft(), 'purpose', 'Voor mijn huurcontract');
    saveDraft('bewijs-van-woonst', draft);

    const restored = loadDraft('bewijs-van-woonst');
    expect(restored).toEqual(draft);
    expect(restored?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(loadDraft('geboorteakte')).toBeNull();

    clearDraft('bewijs-van-woonst');
    expect(loadDraft('bewijs-van-woonst')).toBeNull();
  });

  it('gives each new draft its own idempotency key', () => {
    expect(emptyDraft().idempotencyKey).not.toBe(emptyDraft().idempotencyKey);
  });

  it('ignores what it cannot read, and fills in answers an older draft lacks', () => {
    sessionStorage.setItem('loket.requestDraft.a', '{not json');
    expect(loadDraft('a')).toBeNull();
    sessionStorage.setItem('loket.requestDraft.b', JSON.stringify({ idempotencyKey: 'k', purpose: 'Werk', deed: { variant: 'full_copy' } }));
    expect(loadDraft('b')).toMatchObject({
      idempotencyKey: 'k',
      purpose: 'Werk',
      language: 'nl',
      deed: { variant: 'full_copy', model: 'national', eventDate: '' },
      requester: { email: '' },
    });
  });

  it('keeps a chosen country code and forgets a country typed as text by an older form', () => {
    sessionStorage.setItem('loket.requestDraft.c', JSON.stringify({ idempotencyKey: 'k', forUse: 'abroad', destinationCountry: 'ES' }));
    expect(loadDraft('c')?.destinationCountry).toBe('ES');
    sessionStorage.setItem('loket.requestDraft.d', JSON.stringify({ idempotencyKey: 'k', forUse: 'abroad', destinationCountry: 'Spanje' }));
    const older = loadDraft('d') ?? emptyDraft();
    expect(older.destinationCountry).toBe('');
    expect(validateDraft(older, signedIn)).toMatchObject({ destinationCountry: { code: 'required' } });
  });
});

describe('validateDraft', () => {
  it('asks what is required for this kind of requester', () => {
    expect(validateDraft(emptyDraft(), anonymous)).toEqual({
      'requester.firstName': { code: 'required' },
      'requester.lastName': { code: 'required' },
      'requester.birthDate': { code: 'required' },
      'requester.email': { code: 'required' },
      purpose: { code: 'required' },
    });
    expect(validateDraft(emptyDraft(), signedIn)).toEqual({
      'requester.email': { code: 'required' },
      purpose: { code: 'required' },
    });
    expect(validateDraft(filled(), anonymous)).toEqual({});
  });

  it('checks the person the document is about, the country and the formats', () => {
    const draft = filled({
      forWhom: 'someone_else',
      forUse: 'abroad',
      requester: { ...filled().requester, email: 'piet(at)example', nationalNumber: '85.07.30-033.29' },
    });
    expect(validateDraft(draft, anonymous)).toEqual({
      'requester.email': { code: 'invalid_email' },
      'requester.nationalNumber': { code: 'invalid_national_number' },
      'subject.firstName': { code: 'required' },
      'subject.lastName': { code: 'required' },
      'subject.birthDate': { code: 'required' },
      destinationCountry: { code: 'required' },
    });
  });
});

describe('mapInvalidParams', () => {
  it('puts each reason beside its field and keeps the rest apart', () => {
    const draft = filled({ forWhom: 'someone_else', forUse: 'abroad' });
    const { fields, other } = mapInvalidParams(
      [
        { name: 'subject.firstName', reason: 'Fill in the first name.', code: 'required' },
        { name: 'requester.email', reason: 'Not an e-mail address.', code: 'invalid_email' },
        { name: 'destinationCountry', reason: 'Fill in the country.', code: 'required' },
        { name: 'requester.email', reason: 'A second reason.', code: 'too_long' },
        { name: 'documentType', reason: 'There is no such document type.', code: 'invalid_value' },
      ],
      draft,
      anonymous,
    );
    expect(fields).toEqual({
      'subject.firstName': { code: 'required', reason: 'Fill in the first name.', name: 'subject.firstName' },
      'requester.email': { code: 'invalid_email', reason: 'Not an e-mail address.', name: 'requester.email' },
      destinationCountry: { code: 'required', reason: 'Fill in the country.', name: 'destinationCountry' },
    });
    expect(other).toEqual([{ name: 'documentType', reason: 'There is no such document type.', code: 'invalid_value' }]);
  });

  it('maps whole objects onto their first field, and fields the form does not show to the rest', () => {
    const { fields, other } = mapInvalidParams(
      [
        { name: 'requester', reason: 'Fill in who you are.', code: 'required' },
        { name: 'deed', reason: 'Fill in the deed.', code: 'required' },
        { name: 'requester.firstName', reason: 'Not shown when signed in.', code: 'required' },
      ],
      filled(),
      { signedIn: true, isDeed: true, hasEuForm: true },
    );
    expect(Object.keys(fields)).toEqual(['requester.email', 'deed.variant']);
    expect(other.map((param) => param.name)).toEqual(['requester.firstName']);
  });
});

describe('toRequestBody', () => {
  it('sends only the e-mail address of a signed-in requester, and nothing for hidden answers', () => {
    const draft = filled({ destinationCountry: 'ES', subject: { firstName: 'X', lastName: 'Y', nationalNumber: '', birthDate: '' } });
    expect(toRequestBody(draft, 'bewijs-van-woonst', signedIn)).toEqual({
      documentType: 'bewijs-van-woonst',
      forWhom: 'myself',
      requester: { email: 'piet@example.be' },
      subject: null,
      forUse: 'belgium',
      destinationCountry: null,
      purpose: 'Voor een sollicitatie',
      language: 'nl',
      deed: null,
      delivery: 'digital',
      euStandardForm: false,
    });
  });

  it('sends who an anonymous requester is, the subject and the deed', () => {
    const draft = filled({
      forWhom: 'someone_else',
      subject: { firstName: ' Els ', lastName: 'Janssens', nationalNumber: '87.02.14-124.36', birthDate: '' },
      forUse: 'abroad',
      destinationCountry: 'ES',
      deed: { variant: 'full_copy', model: 'multilingual', eventDate: '1987-02-14', eventPlace: '' },
    });
    expect(toRequestBody(draft, 'geboorteakte', { signedIn: false, isDeed: true, hasEuForm: true })).toMatchObject({
      requester: { firstName: 'Piet', lastName: 'Pieters', email: 'piet@example.be', nationalNumber: null, birthDate: '1990-05-12' },
      subject: { firstName: 'Els', lastName: 'Janssens', nationalNumber: '87021412436', birthDate: null },
      destinationCountry: 'ES',
      deed: { variant: 'full_copy', model: 'multilingual', eventDate: '1987-02-14', eventPlace: null },
    });
  });
});

describe('the EU multilingual form', () => {
  const deed = { signedIn: true, isDeed: true, hasEuForm: true };
  it('is asked when the type has one, the document goes abroad and the requester ticked it', () => {
    const draft = filled({ forUse: 'abroad', destinationCountry: 'FR', euStandardForm: true });
    expect(toRequestBody(draft, 'geboorteakte', deed).euStandardForm).toBe(true);
  });

  it('is not asked once the document is for Belgium again, or for a type without one', () => {
    const ticked = filled({ forUse: 'abroad', destinationCountry: 'FR', euStandardForm: true });
    expect(toRequestBody({ ...ticked, forUse: 'belgium' }, 'geboorteakte', deed).euStandardForm).toBe(false);
    expect(toRequestBody(ticked, 'uittreksel-bevolkingsregister', { ...deed, isDeed: false, hasEuForm: false }).euStandardForm).toBe(false);
  });
});

describe('the document language', () => {
  it('starts as the language of the page, when documents are made in it', () => {
    expect(emptyDraft('fr').language).toBe('fr');
    expect(emptyDraft('de').language).toBe('de');
    expect(emptyDraft('en').language).toBe('en');
    expect(emptyDraft('it').language).toBe('nl');
  });
});
