//! What the API takes and gives for requests.
use crate::domain::audit::AuditAction;
use crate::domain::document::{DocumentKind, FileKind};
pub use crate::domain::history::HistoryDetails;
use crate::domain::request::{
    Advice, Channel, DeliveryMethod, DeliveryReason, ManualReason, Processing, Status,
};
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

/// The person the document is about, when that is someone else than the requester
/// (`forWhom` = `someone_else`).
///
/// `firstName` and `lastName` are required (not blank, at most 200 characters), and so is
/// `birthDate` or `nationalNumber` (or both). A national number must be a valid Belgian one
/// (11 digits with a matching check number; dots, dashes and spaces are ignored) and may not
/// be the signed-in requester's own.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    /// Required when `birthDate` is not given.
    pub national_number: Option<String>,
    /// Required when `nationalNumber` is not given.
    pub birth_date: Option<NaiveDate>,
}

/// Who asks. What is required depends on the caller:
///
/// - **Not signed in** (no credentials): `requester` is required, with `firstName` and
///   `lastName` (not blank, at most 200 characters) and `email`; and when the document is for
///   the requester (`forWhom` = `myself`) also `birthDate` or `nationalNumber`. The request is
///   then answered 202 and only made once the e-mailed confirmation link is followed.
/// - **Signed in as a citizen**: the national register gives name, national number and birth
///   date, so only `email` is read (the other fields are ignored). `requester.email` is needed
///   when the register has no e-mail address for the citizen (`GET /api/v1/me/prefill` then
///   answers `"email": null`); otherwise it replaces the register's address for this request.
///
/// An e-mail address has the form `name@example.be` (at most 254 characters); a national
/// number is a valid Belgian one (11 digits with a matching check number).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequesterInput {
    /// Required when not signed in.
    #[serde(default)]
    pub first_name: String,
    /// Required when not signed in.
    #[serde(default)]
    pub last_name: String,
    /// Required when not signed in, and for a signed-in citizen the register has no address for.
    #[serde(default)]
    pub email: String,
    /// Not signed in and `forWhom` = `myself`: required when `birthDate` is not given.
    pub national_number: Option<String>,
    /// Not signed in and `forWhom` = `myself`: required when `nationalNumber` is not given.
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
    /// Required when not signed in, and for a signed-in citizen without an e-mail address in
    /// the register (see `RequesterInput`).
    pub requester: Option<RequesterInput>,
    /// The person the document is about: required when `forWhom` is `someone_else`, and must
    /// be left out when it is `myself`.
    pub subject: Option<PersonInput>,
    pub for_use: ForUse,
    /// The country where the document will be used: an ISO 3166-1 alpha-2 code in capitals
    /// (`NL`, `FR`; small letters are refused, not converted), one of
    /// `GET /api/v1/countries`, and not `BE`. Required when `forUse` is `abroad`, left out
    /// (or null) otherwise.
    #[schema(pattern = "^[A-Z]{2}$", example = "NL")]
    pub destination_country: Option<String>,
    /// What the document is needed for (required, not blank; at most 200 characters).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    pub purpose: String,
    /// The requester's language: the document and its cover letter are made in it, and every
    /// e-mail about the request is written in it (the SPA sends the language it is shown in).
    pub language: Language,
    /// Required for the civil-status deeds (catalogue `kind` = `civil_status_deed`), and must be
    /// left out for every other document type.
    pub deed: Option<DeedInput>,
    /// Attach the EU multilingual standard form (Regulation (EU) 2016/1191): a translation aid
    /// on its own page after the document, with every heading in the document's language and
    /// in the language of the country of use, so no translation is needed there. Only for a
    /// document type whose catalogue entry has `euStandardForm`, used abroad in a country
    /// whose `GET /api/v1/countries` entry has an `euStandardFormLanguage`.
    #[serde(default)]
    pub eu_standard_form: bool,
    /// How the requester wants the document. A request handled automatically is delivered this
    /// way at once (`post`: a task for staff to post it; `counter`: ready to pick up), except
    /// `post` when the register has no address, which goes digitally; `deliveryReason` says so.
    /// A criminal-record extract for a requester who did not sign in is never sent digitally:
    /// staff choose post or the counter.
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

/// An API client that submitted a request.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmittingClientView {
    /// Its public client id.
    pub client_id: String,
    pub name: String,
}

/// One line of a request's history.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor_role: ActorRole,
    pub actor_name: String,
    /// What happened, e.g. `submitted`, `processed_automatically`, `email_sent`.
    pub action: AuditAction,
    pub reason: Option<String>,
    /// What else there is to know, by kind: `kind` is the entry's `action` (one object per
    /// action that has details; absent for the others).
    pub details: Option<HistoryDetails>,
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
    /// The outside system the decision waits for (`in_progress` meanwhile): it did not answer
    /// yet, and Loket asks it again until it does. `null` once decided.
    pub waiting_for: Option<crate::domain::request::OutsideSystem>,
    /// `web` (the SPA) or `api`.
    pub submitted_via: Channel,
    /// The API client that submitted it on the requester's behalf (channel `api`), if one did.
    pub submitted_by_client: Option<SubmittingClientView>,
    pub submitted_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub requester: RequesterView,
    pub subject: PersonView,
    pub for_whom: ForWhom,
    pub for_use: ForUse,
    /// For use abroad: the country's ISO 3166-1 alpha-2 code, e.g. `NL` (its names in
    /// `GET /api/v1/countries`).
    pub destination_country: Option<String>,
    pub purpose: String,
    pub language: Language,
    /// How the requester asked to receive the document.
    pub delivery_preference: DeliveryMethod,
    /// How it is delivered, once it is (an automatic request at once, when it is made).
    pub delivery_method: Option<DeliveryMethod>,
    /// Why it is delivered that way (set with `deliveryMethod`).
    pub delivery_reason: Option<DeliveryReason>,
    pub deed: Option<DeedInput>,
    /// The EU multilingual standard form is attached to the document, in the language of
    /// `destinationCountry` (asked with the request's `euStandardForm`).
    pub eu_standard_form: bool,
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
