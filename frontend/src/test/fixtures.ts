import type { Catalogue, DocumentType, TokenResponse } from '../api/types';

export const health = {
  status: 'ok',
  database: 'sqlite',
  migrations: { applied: 3, pending: 0 },
  version: '0.1.0',
  mocks: true,
  municipality: 'Gemeente Testdorp',
};

const doc = (code: string, name: string, kind: DocumentType['kind'], category: string, automaticAllowed = true): DocumentType => ({
  code,
  name,
  summary: `Samenvatting van ${name.toLowerCase()}.`,
  category,
  kind,
  automaticAllowed,
  policeAdviceRequired: code === 'strafregister-596-2',
});

export const documentTypes = {
  woonst: doc('bewijs-van-woonst', 'Bewijs van woonst', 'register_certificate', 'bevolkingsregister'),
  woonstHistoriek: doc('bewijs-van-woonst-met-historiek', 'Bewijs van woonst met historiek', 'register_certificate', 'bevolkingsregister'),
  strafregister: doc('strafregister-596-2', 'Uittreksel uit het strafregister model 596.2', 'criminal_record', 'strafregister', false),
  geboorteakte: doc('geboorteakte', 'Geboorteakte', 'civil_status_deed', 'burgerlijke-stand'),
};

export const catalogue: Catalogue = {
  module: { code: 'papieren-en-attesten', name: 'Papieren en attesten', description: 'Uittreksels, attesten en akten.' },
  categories: [
    {
      code: 'strafregister',
      name: 'Uittreksel uit het strafregister',
      description: 'Vroeger: bewijs van goed gedrag en zeden.',
      documentTypes: [documentTypes.strafregister],
    },
    {
      code: 'bevolkingsregister',
      name: 'Attesten uit het bevolkingsregister',
      description: '',
      documentTypes: [documentTypes.woonst, documentTypes.woonstHistoriek],
    },
    {
      code: 'burgerlijke-stand',
      name: 'Akten van de burgerlijke stand',
      description: '',
      documentTypes: [documentTypes.geboorteakte],
    },
  ],
};

export const means = {
  items: [
    { code: 'eid', name: 'eID-kaartlezer' },
    { code: 'itsme', name: 'itsme' },
    { code: 'mobile_app', name: 'Mobiele app' },
    { code: 'federal_token', name: 'Federaal token' },
  ],
};

export const testCitizens = {
  items: [
    { nationalNumber: '85073003328', name: 'Jan Peeters', birthDate: '1985-07-30' },
    { nationalNumber: '90020199752', name: 'Marie Claes', birthDate: '1990-02-01' },
  ],
};

export const janToken: TokenResponse = {
  accessToken: 'token-jan',
  tokenType: 'Bearer',
  expiresIn: 3600,
  user: { id: 1, role: 'citizen', name: 'Jan Peeters', nationalNumber: '85073003328', email: null, authMeans: 'itsme' },
};
