import type { components } from '../api/schema';
import type {
  AdviceValue,
  AuthMeansCode,
  DeliveryMethod,
  HistoryEntry,
  JobKind,
  OutboxMail,
  RequestDetail,
  RequestTask,
  Scope,
  Task,
  WebhookDeliveryStatus,
  WebhookEvent,
} from '../api/types';

/**
 * The codes the API speaks in, one list per vocabulary. Each list mirrors an enum of the
 * OpenAPI document and is checked against the generated type of the field that carries it:
 * the compiler refuses a list that lacks a value of the enum or has one the enum does not.
 * Where the document still types a field as plain text, the list is the union itself.
 */
export function everyValueOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L & (string extends T ? unknown : [Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L => list;
}

export const REQUEST_STATUSES = everyValueOf<RequestDetail['status']>()([
  'in_progress',
  'awaiting_police_advice',
  'awaiting_deed',
  'awaiting_shipment',
  'ready_for_pickup',
  'delivered',
  'refused',
  'cancelled',
]);
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Why a request is not handled automatically. */
export const MANUAL_REASONS = everyValueOf<RequestDetail['manualReasons'][number]['code']>()([
  'not_signed_in',
  'for_someone_else',
  'abroad',
  'type_never_automatic',
  'deed_not_in_dabs',
  'not_in_register',
]);
export type ManualReason = (typeof MANUAL_REASONS)[number];

/** An outside system a request's decision waits for (`waitingFor`, and the `decision_postponed` entry). */
export const OUTSIDE_SYSTEMS = everyValueOf<NonNullable<RequestDetail['waitingFor']>>()(['national_register', 'dabs']);
export type OutsideSystem = (typeof OUTSIDE_SYSTEMS)[number];

/** What a task asks of staff; `cancel_request` is the parked "Annuleren" task of every unfinished request. */
export const TASK_TYPES = everyValueOf<Task['taskType']>()([
  'handle_request',
  'confirm_shipment',
  'confirm_pickup',
  'give_advice',
  'add_deed',
  'cancel_request',
]);
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = everyValueOf<RequestTask['status']>()(['open', 'parked', 'done', 'cancelled']);
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PROCESSING = everyValueOf<RequestDetail['processing']>()(['automatic', 'manual']);
export type Processing = (typeof PROCESSING)[number];

/** How a request came in (`submittedVia`, a search hit's `channel`). */
export const CHANNELS = everyValueOf<RequestDetail['submittedVia']>()(['web', 'api']);
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_METHODS = everyValueOf<DeliveryMethod>()(['digital', 'post', 'counter']);
/** Why a request was delivered the way it was. */
export const DELIVERY_REASONS = everyValueOf<NonNullable<RequestDetail['deliveryReason']>>()(['as_asked', 'no_address_for_post', 'chosen_by_staff']);

/** What a request asks: for whom, for use where, in which language, and for a deed which one. */
export const FOR_WHOM = everyValueOf<RequestDetail['forWhom']>()(['myself', 'someone_else']);
export const FOR_USE = everyValueOf<RequestDetail['forUse']>()(['belgium', 'abroad']);
export const DOCUMENT_LANGUAGES = everyValueOf<RequestDetail['language']>()(['nl', 'fr', 'de', 'en']);
export const DEED_VARIANTS = everyValueOf<NonNullable<RequestDetail['deed']>['variant']>()(['extract', 'full_copy']);
export const DEED_MODELS = everyValueOf<NonNullable<RequestDetail['deed']>['model']>()(['national', 'multilingual']);

/** The police's advice on a model 596.2 extract. */
export const ADVICE = everyValueOf<AdviceValue>()(['favourable', 'unfavourable']);

/** What staff can do with a request (its `availableActions`), in the order the API lists them. */
export const STAFF_ACTIONS = everyValueOf<RequestDetail['availableActions'][number]>()([
  'deliver',
  'refuse',
  'confirm_shipment',
  'confirm_pickup',
  'give_advice',
  'confirm_deed_added',
  'cancel',
]);
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** The federal login's means of signing in. */
export const AUTH_MEANS = everyValueOf<AuthMeansCode>()(['eid', 'itsme', 'mobile_app', 'federal_token']);

/** Where an e-mail in the development outbox stands. */
/** What a durable job does, on "Mislukte leveringen". */
export const JOB_KINDS = everyValueOf<JobKind>()([
  'send_email',
  'deliver_ebox',
  'ask_police',
  'police_deadline',
  'export_report',
  'decide',
  'deliver_webhook',
]);

export const EMAIL_STATUSES = everyValueOf<OutboxMail['status']>()(['kept', 'queued', 'sent', 'failed']);

/** Who did something, in a request's history and the audit trail. */
export const ACTOR_ROLES = everyValueOf<HistoryEntry['actorRole']>()(['citizen', 'anonymous', 'staff', 'police', 'admin', 'client', 'system']);
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** What happened, in a request's history and the audit trail. */
export const AUDIT_ACTIONS = everyValueOf<HistoryEntry['action']>()([
  'signed_in',
  'sign_in_failed',
  'signed_out',
  'session_ended',
  'submitted',
  'confirmed_by_email',
  'request_viewed',
  'document_viewed',
  'advice_request_viewed',
  'requests_searched',
  'exported',
  'audit_exported',
  'processed_automatically',
  'sent_to_staff',
  'decision_postponed',
  'police_advice_requested',
  'advice_given',
  'advice_deadline_passed',
  'deed_added',
  'deed_still_missing',
  'task_claimed',
  'task_assigned',
  'task_released',
  'delivered',
  'delivered_to_ebox',
  'email_sent',
  'shipment_confirmed',
  'pickup_confirmed',
  'refused',
  'cancelled',
  'document_erased',
  'delivery_retried',
  'client_created',
  'client_changed',
  'client_secret_issued',
  'client_secret_revoked',
  'token_issued',
  'token_refused',
  'api_called',
  'webhook_subscribed',
  'webhook_changed',
  'webhook_removed',
  'webhook_secret_rotated',
  'webhook_paused',
  'webhook_replayed',
]);
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The catalogue's document types as seeded. The catalogue is data (a new type needs no code),
 * so this list only says which names the SPA translates; another code shows the API's name.
 */
export const DOCUMENT_TYPES = [
  'strafregister-595',
  'strafregister-596-1',
  'strafregister-596-2',
  'bewijs-van-woonst',
  'bewijs-van-woonst-historiek',
  'samenstelling-van-het-gezin',
  'nationaliteitsbewijs',
  'attest-van-leven',
  'uittreksel-bevolkingsregister',
  'attest-wettelijke-samenwoning',
  'geboorteakte',
  'huwelijksakte',
  'overlijdensakte',
  'echtscheidingsakte',
] as const;

/** What an API client may do (OAuth 2.0 scopes), on "Koppelingen" called rights. */
export const SCOPES = everyValueOf<Scope>()(['requests:create', 'requests:read', 'tasks:act', 'search:read', 'reports:read', 'webhooks:manage']);

/** What a webhook subscription can listen to (Standard Webhooks' `type`). */
export const WEBHOOK_EVENTS = everyValueOf<WebhookEvent>()([
  'request.submitted',
  'request.status_changed',
  'request.delivered',
  'request.refused',
  'request.cancelled',
  'task.created',
  'task.completed',
]);

/** Where one webhook delivery stands. */
export const WEBHOOK_DELIVERY_STATUSES = everyValueOf<WebhookDeliveryStatus>()(['pending', 'delivered', 'failed']);

/** The `code` of a problem (RFC 9457) or of one of its `invalidParams`: one flat enum in the API. */
export type ErrorCode = components['schemas']['ErrorCode'];

/** Codes of a problem as a whole, worded by `error.<code>`. */
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_json',
  'unreadable_body',
  'invalid_idempotency_key',
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'rate_limited',
  'unauthenticated',
  'invalid_token',
  'token_expired',
  'session_expired',
  'session_ended',
  'invalid_authorization_request',
  'forbidden',
  'insufficient_scope',
  'not_for_api_clients',
  'document_type_not_allowed',
  'csrf_token_missing',
  'csrf_token_invalid',
  'not_found',
  'unknown_verification_code',
  'confirmation_unknown',
  'confirmation_expired',
  'confirmation_in_progress',
  'link_expired',
  'document_erased',
  'export_not_ready',
  'conflict',
  'precondition_failed',
  'duplicate_submission',
  'duplicate_deed',
  'deed_still_missing',
  'advice_not_due',
  'task_already_claimed',
  'job_not_failed',
  'service_unavailable',
  'outside_system_unavailable',
  'outside_system_timeout',
  'outside_system_invalid_answer',
  'busy',
  'internal_error',
] as const satisfies readonly ErrorCode[];

/** Codes of one field (`invalidParams[].code`), worded beside the field by `fieldError.<code>`. */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid_value',
  'invalid_national_number',
  'unknown_person',
  'not_the_person_named',
  'too_long',
  'invalid_email',
  'must_be_empty',
  'not_allowed',
  'unknown_account',
  'account_disabled',
] as const satisfies readonly ErrorCode[];

export const ERROR_CODES = everyValueOf<ErrorCode>()([...PROBLEM_CODES, ...FIELD_ERROR_CODES]);
