//! What the API takes and gives for requests.
use crate::domain::audit::AuditAction;
use crate::domain::document::{DocumentKind, FileKind};
use crate::domain::request::{Advice, Channel, DeliveryMethod, ManualReason, Processing, Status};
pub use crate::domain::request::{ForUse, Language};
use crate::domain::role::ActorRole;
use crate::domain::task::{StaffAction, TaskStatus, TaskType};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ForWhom {
    Myself,
    SomeoneElse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeedVariant {
    Extract,
    FullCopy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeedModel {
    National,
    Multilingual,
}

/// A person named in a request.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    /// Optional when a birth date is given.
    pub national_number: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// Who asks; required when not signed in, otherwise only to change the e-mail address.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequesterInput {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
    pub national_number: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// Which deed, for the civil-status document types.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeedInput {
    pub variant: DeedVariant,
    pub model: DeedModel,
    /// The date of the event (birth, marriage, …), when known.
    pub event_date: Option<NaiveDate>,
    /// The municipality where the deed was drawn up, when known.
    pub event_place: Option<String>,
}

/// A new request ("Opslaan" on the overview page).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    /// The document type's code from the catalogue.
    pub document_type: String,
    pub for_whom: ForWhom,
    pub requester: Option<RequesterInput>,
    /// The person the document is about; required when `forWhom` is `someone_else`.
    pub subject: Option<PersonInput>,
    pub for_use: ForUse,
    /// Required for use abroad.
    pub destination_country: Option<String>,
    /// What the document is needed for (required, not blank; at most 200 characters).
    pub purpose: String,
    pub language: Language,
    pub deed: Option<DeedInput>,
    pub delivery: DeliveryMethod,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub code: ManualReason,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTypeRef {
    pub code: String,
    pub name: String,
    pub kind: DocumentKind,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    pub name: String,
    pub national_number: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequesterView {
    pub name: String,
    pub email: String,
    pub national_number: Option<String>,
    pub signed_in: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    pub id: i64,
    /// `document` (the paper itself) or `letter` (the cover letter for the post).
    pub kind: FileKind,
    pub title: String,
    pub file_name: String,
    pub issued_at: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub verification_code: Option<String>,
    /// Download with the same bearer token.
    pub download_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor_role: ActorRole,
    pub actor_name: String,
    /// What happened, e.g. `submitted`, `processed_automatically`, `email_sent`.
    pub action: AuditAction,
    pub reason: Option<String>,
    pub details: Option<serde_json::Value>,
}

/// Someone who looked at the request (staff, an admin, the police): "Inzage".
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    /// staff, admin or police.
    pub actor_role: ActorRole,
    /// The person, for staff; the service (the municipality, the police), for the citizen.
    pub actor_name: String,
    /// `request_viewed`, `document_viewed` or `advice_request_viewed`.
    pub action: AuditAction,
}

/// The staff member a task is assigned to: the same shape wherever a task is shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Assignee {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub id: i64,
    pub task_type: TaskType,
    /// `open`, or `parked` for the "Annuleren" task.
    pub status: TaskStatus,
    pub due_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The staff member who has it.
    pub assignee: Option<Assignee>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestDetail {
    /// e.g. `PA-2026-000123`.
    pub reference: String,
    pub document_type: DocumentTypeRef,
    pub status: Status,
    pub processing: Processing,
    /// Why it was not handled automatically (empty when it was).
    pub manual_reasons: Vec<Reason>,
    /// `web` (the SPA) or `api`.
    pub submitted_via: Channel,
    pub submitted_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub requester: RequesterView,
    pub subject: PersonView,
    pub for_whom: ForWhom,
    pub for_use: ForUse,
    pub destination_country: Option<String>,
    pub purpose: String,
    pub language: Language,
    pub delivery_preference: DeliveryMethod,
    pub delivery_method: Option<DeliveryMethod>,
    pub deed: Option<DeedInput>,
    pub police_advice_required: bool,
    pub police_advice: Option<Advice>,
    pub police_advice_remark: Option<String>,
    pub documents: Vec<DocumentView>,
    pub history: Vec<HistoryEntry>,
    /// Who looked at this request, newest first (staff see names, the citizen the services).
    pub viewed_by: Vec<AccessEntry>,
    /// Open and parked tasks (staff only; empty for citizens).
    pub tasks: Vec<TaskView>,
    /// Changes with every action; send it back as `expectedVersion` to act on what you saw.
    pub version: i32,
    /// What staff can do now (staff only; empty for citizens).
    pub available_actions: Vec<StaffAction>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestSummary {
    pub reference: String,
    /// The document type's code.
    pub document_type: String,
    pub document_type_name: String,
    pub status: Status,
    pub processing: Processing,
    pub subject_name: String,
    pub submitted_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RequestList {
    pub items: Vec<RequestSummary>,
}

/// What the national register says about the signed-in citizen, to prefill the form.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Prefill {
    pub first_names: String,
    pub last_name: String,
    pub national_number: String,
    pub birth_date: NaiveDate,
    pub birth_place: String,
    pub nationality: String,
    pub address: Option<String>,
    pub email: Option<String>,
}
