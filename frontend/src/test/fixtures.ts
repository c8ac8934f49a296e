import type { Catalogue, DocumentType, HistoryEntry, Prefill, RequestDetail, SessionInfo, User } from '../api/types';

export const health = {
  status: 'ok',
  database: 'sqlite',
  migrations: { applied: 3, pending: 0 },
  version: '0.1.0',
  mocks: true,
  municipality: 'Gemeente Testdorp',
  timeZone: 'Europe/Brussels',
};

const doc = (code: string, name: string, kind: DocumentType['kind'], category: string, automaticAllowed = true): DocumentType => ({
  code,
  name,
  summary: `Samenvatting van ${name.toLowerCase()}.`,
  category,
  kind,
  automaticAllowed,
  policeAdviceRequired: code === 'strafregister-596-2',
  // Regulation (EU) 2016/1191 has a multilingual form for these (not for a residence history).
  euStandardForm: ['bewijs-van-woonst', 'strafregister-595', 'strafregister-596-2', 'geboorteakte'].includes(code),
});

export const documentTypes = {
  woonst: doc('bewijs-van-woonst', 'Bewijs van woonst', 'register_certificate', 'bevolkingsregister'),
  woonstHistoriek: doc('bewijs-van-woonst-historiek', 'Bewijs van woonst met historiek', 'register_certificate', 'bevolkingsregister'),
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

export const jan: User = { id: 1, role: 'citizen', name: 'Jan Peeters', email: null, authMeans: 'itsme' };
export const an: User = { id: 7, role: 'staff', name: 'An Desmet', email: 'an.desmet@testdorp.be', authMeans: null };

/**
 * What GET /api/v1/auth/session answers while `user` is signed in (null: nobody; `ended`: the
 * cookie the browser sent no longer works, and why).
 */
export function sessionFor(user: User | null, ended: SessionInfo['ended'] = null): SessionInfo {
  return {
    user,
    csrfToken: user ? `csrf-${user.id}` : null,
    expiresAt: user ? '2026-03-04T17:15:00Z' : null,
    idleMinutes: 30,
    ended: user ? null : ended,
  };
}

export const strafregister595 = doc('strafregister-595', 'Uittreksel uit het strafregister (model 595)', 'criminal_record', 'strafregister');

export const janPrefill: Prefill = {
  firstNames: 'Jan Pieter',
  lastName: 'Peeters',
  nationalNumber: '85073003328',
  birthDate: '1985-07-30',
  birthPlace: 'Gent',
  nationality: 'Belg',
  address: 'Kerkstraat 12, 9999 Voorbeeldegem',
  email: 'jan.peeters@example.be',
};

export const automaticRequest: RequestDetail = {
  reference: 'PA-2026-000001',
  documentType: { code: 'bewijs-van-woonst', name: 'Bewijs van woonst', kind: 'register_certificate' },
  status: 'delivered',
  processing: 'automatic',
  manualReasons: [],
  submittedVia: 'web',
  submittedAt: '2026-03-04T09:15:00Z',
  finishedAt: '2026-03-04T09:15:00Z',
  requester: { name: 'Jan Peeters', email: 'jan.peeters@example.be', nationalNumber: '85073003328', signedIn: true },
  subject: { name: 'Jan Pieter Peeters', nationalNumber: '85073003328', birthDate: '1985-07-30' },
  forWhom: 'myself',
  forUse: 'belgium',
  destinationCountry: null,
  euStandardForm: false,
  purpose: 'Voor mijn huurcontract',
  language: 'nl',
  deliveryPreference: 'digital',
  deliveryMethod: 'digital',
  deliveryReason: 'as_asked',
  deed: null,
  policeAdviceRequired: false,
  policeAdvice: null,
  policeAdviceRemark: null,
  documents: [
    {
      id: 1,
      kind: 'document',
      title: 'Bewijs van woonst',
      fileName: 'bewijs-van-woonst-PA-2026-000001.pdf',
      issuedAt: '2026-03-04T09:15:00Z',
      validUntil: '2026-06-04T09:15:00Z',
      verificationCode: 'KGDG-HUQ2-D8PC-78WP',
      downloadUrl: '/api/v1/requests/PA-2026-000001/documents/1',
    },
  ],
  history: [
    {
      at: '2026-03-04T09:15:00Z',
      actorRole: 'citizen',
      actorName: 'Jan Peeters',
      action: 'submitted',
      reason: null,
      details: { kind: 'submitted', via: 'web' },
    },
    {
      at: '2026-03-04T09:15:00Z',
      actorRole: 'system',
      actorName: 'Loket (automatisch)',
      action: 'processed_automatically',
      reason: null,
      details: null,
    },
    { at: '2026-03-04T09:15:01Z', actorRole: 'system', actorName: 'Loket (automatisch)', action: 'email_sent', reason: null, details: null },
    { at: '2026-03-04T09:15:01Z', actorRole: 'system', actorName: 'Loket (automatisch)', action: 'delivered_to_ebox', reason: null, details: null },
  ],
  viewedBy: [],
  tasks: [],
  version: 1,
  availableActions: [],
};

export const manualRequest: RequestDetail = {
  ...automaticRequest,
  reference: 'PA-2026-000002',
  documentType: { code: 'strafregister-595', name: 'Uittreksel uit het strafregister (model 595)', kind: 'criminal_record' },
  status: 'in_progress',
  processing: 'manual',
  manualReasons: [{ code: 'not_signed_in' }],
  finishedAt: null,
  requester: { name: 'Piet Pieters', email: 'piet@example.be', nationalNumber: null, signedIn: false },
  subject: { name: 'Piet Pieters', nationalNumber: null, birthDate: '1990-05-12' },
  deliveryMethod: null,
  deliveryReason: null,
  documents: [],
  history: [
    { at: '2026-03-04T09:15:00Z', actorRole: 'anonymous', actorName: 'Piet Pieters', action: 'submitted', reason: null, details: null },
    { at: '2026-03-04T09:15:00Z', actorRole: 'system', actorName: 'Loket (automatisch)', action: 'sent_to_staff', reason: null, details: null },
    {
      at: '2026-03-04T09:15:01Z',
      actorRole: 'system',
      actorName: 'Loket (automatisch)',
      action: 'something_new' as HistoryEntry['action'],
      reason: null,
      details: null,
    },
  ],
};
