import type { ApiPaths } from './pending';

/** The JSON body of a path's 200 response, whatever the spec names its schema. */
type Ok<P extends keyof ApiPaths, M extends 'get' | 'post'> = ApiPaths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The JSON body a path's operation takes. */
type Body<P extends keyof ApiPaths, M extends 'post' | 'put'> = ApiPaths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Health = Ok<'/api/health', 'get'>;
export type Catalogue = Ok<'/api/v1/catalogue', 'get'>;
export type Category = Catalogue['categories'][number];
export type DocumentType = Ok<'/api/v1/document-types/{code}', 'get'>;
/** A country of ISO 3166-1 (`NL`) with its name in the language asked for. */
export type Country = Ok<'/api/v1/countries', 'get'>['items'][number];
export type AuthMeans = Ok<'/api/v1/auth/federal/means', 'get'>['items'][number];
export type AuthMeansCode = AuthMeans['code'];
/** What GET /api/v1/auth/session says about this browser's session cookie. */
export type SessionInfo = Ok<'/api/v1/auth/session', 'get'>;
export type User = NonNullable<SessionInfo['user']>;
export type Role = User['role'];
export type LogoutResult = Ok<'/api/v1/auth/logout', 'post'>;

export type Task = Ok<'/api/v1/tasks', 'get'>['items'][number];
/** The inbox views of GET /api/v1/tasks. */
export type TaskView = NonNullable<NonNullable<ApiPaths['/api/v1/tasks']['get']['parameters']['query']>['view']>;

export type Prefill = Ok<'/api/v1/me/prefill', 'get'>;
export type NewRequest = Body<'/api/v1/requests', 'post'>;
export type RequestDetail = Ok<'/api/v1/requests/{reference}', 'get'>;
export type RequestDocument = RequestDetail['documents'][number];
export type HistoryEntry = RequestDetail['history'][number];
/** A history entry's details: one shape per action, told apart by `kind` (the entry's action). */
export type HistoryDetails = NonNullable<HistoryEntry['details']>;
/** Someone of the municipality or the police who looked at a request ("Inzage"). */
export type AccessEntry = RequestDetail['viewedBy'][number];
/** The answer to a request submitted without signing in: it waits for the e-mailed confirmation. */
export type PendingConfirmation = NonNullable<ApiPaths['/api/v1/requests']['post']['responses'][202]['content']['application/json']>;
export type RequestSummary = Ok<'/api/v1/requests', 'get'>['items'][number];
export type RequestStatus = RequestDetail['status'];
export type DownloadInfo = Ok<'/api/v1/downloads/{token}', 'get'>;
export type Verification = Ok<'/api/v1/verify/{code}', 'get'>;
export type OutboxMail = Ok<'/api/v1/dev/outbox', 'get'>['items'][number];
export type EboxMessage = Ok<'/api/v1/dev/ebox', 'get'>['items'][number];

export type TaskList = Omit<Ok<'/api/v1/tasks', 'get'>, 'items'> & { items: Task[] };
export type StaffMember = Ok<'/api/v1/staff-members', 'get'>['items'][number];
export type FailedJob = Ok<'/api/v1/jobs/failed', 'get'>['items'][number];
export type JobKind = FailedJob['kind'];
export type RequestTask = RequestDetail['tasks'][number];
export type DeliverInput = Body<'/api/v1/requests/{reference}/deliver', 'post'>;
export type DeliveryMethod = DeliverInput['method'];
export type RefuseInput = Body<'/api/v1/requests/{reference}/refuse', 'post'>;
export type CancelInput = Body<'/api/v1/requests/{reference}/cancel', 'post'>;
export type AdviceBody = Body<'/api/v1/requests/{reference}/advice', 'post'>;
export type AdviceValue = AdviceBody['advice'];
export type AdviceRequest = Ok<'/api/v1/police/advice-requests', 'get'>['items'][number];
export type Deed = Ok<'/api/v1/dev/dabs/deeds', 'get'>['items'][number];
export type SearchResult = Ok<'/api/v1/search/requests', 'get'>;
export type SearchHit = SearchResult['items'][number];
export type SearchParams = Body<'/api/v1/search/filters', 'post'>['criteria'];
export type SavedFilter = Ok<'/api/v1/search/filters', 'get'>['items'][number];
export type FilterInput = Body<'/api/v1/search/filters', 'post'>;
export type Export = Ok<'/api/v1/search/exports/{id}', 'get'>;
export type AuditPage = Ok<'/api/v1/audit/events', 'get'>;
export type AuditEvent = AuditPage['items'][number];
/** An audit event's details: a history entry's, or a sign-in's, read's, search's or export's. */
export type AuditDetails = NonNullable<AuditEvent['details']>;
/** The criteria of GET /api/v1/audit/events (and its CSV export). */
export type AuditQuery = NonNullable<ApiPaths['/api/v1/audit/events']['get']['parameters']['query']>;

export type ApiClient = Ok<'/api/v1/clients/{id}', 'get'>;
export type ClientSecret = ApiClient['secrets'][number];
export type ClientSettings = Body<'/api/v1/clients', 'post'>;
/** An API client's permission (OAuth 2.0 scope), "recht" on screen. */
export type Scope = ApiClient['scopes'][number];
export type Webhook = Ok<'/api/v1/webhooks/{id}', 'get'>;
export type CreatedWebhook = ApiPaths['/api/v1/webhooks']['post']['responses'][201]['content']['application/json'];
export type WebhookEvent = Webhook['events'][number];
export type NewWebhook = Body<'/api/v1/webhooks', 'post'>;
export type WebhookDelivery = Ok<'/api/v1/webhooks/{id}/deliveries', 'get'>['items'][number];
export type WebhookDeliveryStatus = WebhookDelivery['status'];
