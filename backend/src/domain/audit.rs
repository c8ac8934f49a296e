//! What the audit trail records: what happened, and to what.
pub use super::history::AuditDetails;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

crate::vocabulary! {
    /// What happened (a request's history and the audit trail).
    pub enum AuditAction {
        SignedIn = "signed_in",
        SignInFailed = "sign_in_failed",
        SignedOut = "signed_out",
        SessionEnded = "session_ended",
        Submitted = "submitted",
        ConfirmedByEmail = "confirmed_by_email",
        RequestViewed = "request_viewed",
        DocumentViewed = "document_viewed",
        AdviceRequestViewed = "advice_request_viewed",
        RequestsSearched = "requests_searched",
        Exported = "exported",
        AuditExported = "audit_exported",
        ProcessedAutomatically = "processed_automatically",
        SentToStaff = "sent_to_staff",
        DecisionPostponed = "decision_postponed",
        PoliceAdviceRequested = "police_advice_requested",
        AdviceGiven = "advice_given",
        AdviceDeadlinePassed = "advice_deadline_passed",
        DeedAdded = "deed_added",
        DeedStillMissing = "deed_still_missing",
        TaskClaimed = "task_claimed",
        TaskAssigned = "task_assigned",
        TaskReleased = "task_released",
        Delivered = "delivered",
        DeliveredToEbox = "delivered_to_ebox",
        EmailSent = "email_sent",
        ShipmentConfirmed = "shipment_confirmed",
        PickupConfirmed = "pickup_confirmed",
        Refused = "refused",
        Cancelled = "cancelled",
        DocumentErased = "document_erased",
        /// Staff put a delivery the system gave up on back in the queue.
        DeliveryRetried = "delivery_retried",
        /// An admin registered an API client.
        ClientCreated = "client_created",
        /// An admin changed an API client (name, scopes, document types, switched on or off).
        ClientChanged = "client_changed",
        /// A new secret for an API client (shown once).
        ClientSecretIssued = "client_secret_issued",
        ClientSecretRevoked = "client_secret_revoked",
        /// An API client got an access token (client credentials).
        TokenIssued = "token_issued",
        /// A token asked for with a known client id but a wrong or revoked secret, or for a
        /// switched-off client.
        TokenRefused = "token_refused",
        /// An API client called the API (method, operation, answer).
        ApiCalled = "api_called",
        /// A webhook subscription was made (its URL and events in the reason).
        WebhookSubscribed = "webhook_subscribed",
        /// A webhook subscription was changed: URL, events, switched on or off, resumed.
        WebhookChanged = "webhook_changed",
        /// A webhook subscription was removed (its deliveries with it).
        WebhookRemoved = "webhook_removed",
        /// A webhook subscription's secret was replaced (shown once).
        WebhookSecretRotated = "webhook_secret_rotated",
        /// A subscription was paused by Loket: one of its deliveries failed for three days.
        WebhookPaused = "webhook_paused",
        /// A webhook delivery was queued again (same `webhook-id`).
        WebhookReplayed = "webhook_replayed",
    }

    /// What an audit event is about.
    pub enum AuditEntity {
        Request = "request",
        User = "user",
        Export = "export",
        Search = "search",
        Audit = "audit",
        /// A durable job (a delivery, a deadline, a report).
        Job = "job",
        /// An API client (by its public client id).
        Client = "client",
        /// A webhook subscription (by its id).
        Webhook = "webhook",
    }
}

impl AuditAction {
    /// Reads: who looked at what ("Inzage"); shown to the citizen, never changes anything.
    pub const READS: [AuditAction; 3] = [
        Self::RequestViewed,
        Self::DocumentViewed,
        Self::AdviceRequestViewed,
    ];

    pub fn is_read(self) -> bool {
        Self::READS.contains(&self)
    }
}

/// Who did something, as the audit trail records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub role: super::role::ActorRole,
    pub id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system() -> Self {
        Self {
            role: super::role::ActorRole::System,
            id: None,
            name: "Loket (automatisch)".into(),
        }
    }

    pub fn anonymous(name: &str) -> Self {
        Self {
            role: super::role::ActorRole::Anonymous,
            id: None,
            name: name.to_owned(),
        }
    }

    pub fn signed_in(role: super::role::Role, id: i64, name: &str) -> Self {
        Self {
            role: role.into(),
            id: Some(id),
            name: name.to_owned(),
        }
    }
}

/// One event for the audit trail: who did what to which entity, why, with what details.
/// Written only by `db::audit::record`, inside the transaction of the change it records.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub actor: &'a Actor,
    pub action: AuditAction,
    pub entity: AuditEntity,
    pub entity_id: &'a str,
    pub reason: Option<&'a str>,
    pub details: Option<AuditDetails>,
}

impl<'a> AuditEvent<'a> {
    pub fn new(actor: &'a Actor, action: AuditAction, entity: AuditEntity, id: &'a str) -> Self {
        Self {
            actor,
            action,
            entity,
            entity_id: id,
            reason: None,
            details: None,
        }
    }

    /// Something that happened to a request.
    pub fn request(actor: &'a Actor, action: AuditAction, reference: &'a str) -> Self {
        Self::new(actor, action, AuditEntity::Request, reference)
    }

    pub fn reason(mut self, reason: Option<&'a str>) -> Self {
        self.reason = reason;
        self
    }

    /// What else there is to know, in the shape of this event's kind (its action).
    pub fn details(mut self, details: impl Into<AuditDetails>) -> Self {
        let details = details.into();
        debug_assert_eq!(details.action(), self.action, "details of another action");
        self.details = Some(details);
        self
    }
}

/// What an auditor looks for in the audit trail (its query string, and what an export of it
/// records).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams, ToSchema)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// A national register number: everything about that person's requests and account,
    /// and the searches and exports that looked for it.
    pub person: Option<String>,
    /// A request's reference.
    pub reference: Option<String>,
    /// Part of the actor's name.
    pub actor: Option<String>,
    /// One action, e.g. `request_viewed`, `requests_searched`, `exported`, `signed_in`.
    pub action: Option<AuditAction>,
    /// From this day (inclusive, YYYY-MM-DD): a civil date in the municipality's time zone
    /// (`timeZone` of `GET /api/health`), from its local midnight.
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive, YYYY-MM-DD): a civil date in the municipality's time zone,
    /// up to its local midnight at the end.
    pub to: Option<NaiveDate>,
    /// The `nextCursor` of the previous page.
    pub cursor: Option<i64>,
    /// Page size, 1 to 200 (default 50).
    pub limit: Option<i64>,
}
