//! Builds what the API shows of a request, for the requester or for staff.
use super::dto::*;
use crate::auth::AuthUser;
use crate::db::audit::AuditEventRow;
use crate::db::requests::RequestRow;
use crate::db::{audit, catalogue, requests, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::history::{AccessDetails, HistoryDetails};
use crate::domain::request::DeliveryReason;
use crate::domain::request::{ManualReason, Status};
use crate::domain::role::{ActorRole, Role};
use crate::domain::task::{StaffAction, TaskType};
use crate::error::{ApiError, ApiResult};
use chrono::{NaiveDateTime, TimeZone, Utc};

pub fn utc(t: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&t)
}

/// Staff see every request; a citizen sees the requests they made; an API client the
/// requests of the document types it may see.
pub fn can_view(row: &RequestRow, user: &AuthUser) -> bool {
    match user.role {
        Role::Staff | Role::Admin => true,
        Role::Client => user.may_see_type(&row.document_type_code),
        Role::Citizen => row.requester_user_id == Some(user.id),
        Role::Police => false,
    }
}

/// Records that staff, an admin or the police read (part of) a request (the action is the
/// details' kind); a citizen reading their own request is not an access to account for.
pub fn record_read(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
    user: &AuthUser,
    reference: &str,
    details: AccessDetails,
) -> ApiResult<()> {
    if user.role == Role::Citizen {
        return Ok(());
    }
    let reader = Actor::from(user);
    let event = AuditEvent::request(&reader, details.action(), reference).details(details);
    audit::record(conn, now, &event)?;
    Ok(())
}

/// Not found rather than forbidden, so references cannot be probed.
pub fn not_found(reference: &str) -> ApiError {
    ApiError::NotFound(format!("You have no request with reference {reference}."))
}

fn reasons(row: &RequestRow) -> Vec<Reason> {
    ManualReason::split(&row.manual_reasons)
        .into_iter()
        .map(|code| Reason { code })
        .collect()
}

pub fn summary(row: &RequestRow, document_type_name: String) -> RequestSummary {
    RequestSummary {
        reference: row.reference.clone(),
        document_type: row.document_type_code.clone(),
        document_type_name,
        status: row.status,
        processing: row.processing,
        subject_name: row.subject_name.clone(),
        submitted_at: utc(row.submitted_at),
        finished_at: row.finished_at.map(utc),
    }
}

fn documents(conn: &mut DbConnection, row: &RequestRow) -> ApiResult<Vec<DocumentView>> {
    Ok(requests::documents_of(conn, row.id)?
        .into_iter()
        .map(|d| DocumentView {
            download_url: format!("/api/v1/requests/{}/documents/{}", row.reference, d.id),
            id: d.id,
            kind: d.kind,
            title: d.title,
            file_name: d.file_name,
            issued_at: utc(d.issued_at),
            valid_until: d.valid_until.map(utc),
            verification_code: d.verification_code,
        })
        .collect())
}

/// Who looked ("Inzage"), newest first: citizens see which service looked, like "Wie heeft
/// mijn gegevens geraadpleegd"; staff see the person.
fn viewed_by(reads: Vec<AuditEventRow>, staff: bool) -> Vec<AccessEntry> {
    reads
        .into_iter()
        .rev()
        .map(|e| AccessEntry {
            at: utc(e.occurred_at),
            actor_name: match (staff, e.actor_role) {
                (true, _) => e.actor_name,
                (false, ActorRole::Police) => "Politie".into(),
                (false, _) => "Gemeente – Papieren en attesten".into(),
            },
            actor_role: e.actor_role,
            action: e.action,
        })
        .collect()
}

/// What happened, for staff in full; for citizens without colleagues' names, and without the
/// police's remark when the paper is about someone else.
fn history(changes: Vec<AuditEventRow>, row: &RequestRow, staff: bool) -> Vec<HistoryEntry> {
    changes
        .into_iter()
        .map(|e| {
            let readable = staff || citizen_may_read_reason(e.action, e.details.as_deref(), row);
            HistoryEntry {
                at: utc(e.occurred_at),
                actor_name: if !staff && e.actor_role.is_staff() {
                    "Medewerker van de gemeente".into()
                } else {
                    e.actor_name
                },
                actor_role: e.actor_role,
                reason: e.reason.filter(|_| readable),
                action: e.action,
                details: e
                    .details
                    .and_then(|d| HistoryDetails::parse(e.action, &d))
                    .and_then(|d| if staff { Some(d) } else { d.for_citizens() }),
            }
        })
        .collect()
}

/// A reason citizens may read: not the police's remark on a paper about someone else, and
/// not a cancellation's explanation staff chose not to send the requester (an internal note).
fn citizen_may_read_reason(action: AuditAction, details: Option<&str>, row: &RequestRow) -> bool {
    match action {
        AuditAction::AdviceGiven => row.subject_is_requester,
        AuditAction::Cancelled => matches!(
            details.and_then(|d| HistoryDetails::parse(action, d)),
            Some(HistoryDetails::Cancelled(c)) if c.requester_informed
        ),
        _ => true,
    }
}

/// The request's unfinished tasks, for staff.
fn tasks(conn: &mut DbConnection, row: &RequestRow) -> ApiResult<Vec<TaskView>> {
    requests::tasks_of(conn, row.id)?
        .into_iter()
        .filter(|t| t.status.is_unfinished())
        .map(|t| {
            let assignee = match t.assignee_user_id {
                Some(id) => crate::db::users::by_id(conn, id)?.map(|u| Assignee {
                    id: u.id,
                    name: u.display_name,
                }),
                None => None,
            };
            Ok(TaskView {
                id: t.id,
                task_type: t.task_type,
                status: t.status,
                due_at: t.due_at.map(utc),
                created_at: utc(t.created_at),
                assignee,
            })
        })
        .collect()
}

/// What staff can do now; advice in the police's name only once the task "Advies geven" is set.
fn available_actions(status: Status, tasks: &[TaskView]) -> Vec<StaffAction> {
    let advice_due = tasks.iter().any(|t| t.task_type == TaskType::GiveAdvice);
    StaffAction::available(status)
        .into_iter()
        .filter(|a| *a != StaffAction::GiveAdvice || advice_due)
        .collect()
}

pub fn detail(
    conn: &mut DbConnection,
    row: RequestRow,
    viewer: Option<&AuthUser>,
) -> ApiResult<RequestDetail> {
    let staff = viewer.is_some_and(|u| u.role.is_staff());
    let doc_type = catalogue::document_type_any(conn, &row.document_type_code)?
        .ok_or_else(|| ApiError::internal("request of an unknown document type"))?;
    let answers: serde_json::Value = serde_json::from_str(&row.answers).unwrap_or_default();
    let (reads, changes): (Vec<_>, Vec<_>) =
        audit::for_entity(conn, AuditEntity::Request, &row.reference)?
            .into_iter()
            .partition(|e| e.action.is_read());
    let tasks = if staff {
        tasks(conn, &row)?
    } else {
        Vec::new()
    };
    // What the police said about someone is for staff, and for that person themselves.
    let advice_shown = staff || row.subject_is_requester;
    Ok(RequestDetail {
        manual_reasons: reasons(&row),
        waiting_for: row.waiting_for.filter(|_| row.status == Status::InProgress),
        documents: documents(conn, &row)?,
        viewed_by: viewed_by(reads, staff),
        history: history(changes, &row, staff),
        available_actions: if staff {
            available_actions(row.status, &tasks)
        } else {
            Vec::new()
        },
        tasks,
        document_type: DocumentTypeRef {
            code: doc_type.code,
            name: doc_type.name,
            kind: doc_type.kind,
        },
        status: row.status,
        processing: row.processing,
        submitted_via: row.submitted_via,
        submitted_by_client: crate::db::clients::submitter(conn, row.id)?
            .map(|(client_id, name)| SubmittingClientView { client_id, name }),
        submitted_at: utc(row.submitted_at),
        finished_at: row.finished_at.map(utc),
        requester: RequesterView {
            name: row.requester_name,
            email: row.requester_email,
            national_number: row.requester_national_number,
            signed_in: row.requester_user_id.is_some(),
        },
        subject: PersonView {
            name: row.subject_name,
            national_number: row.subject_national_number,
            birth_date: row.subject_birth_date,
        },
        for_whom: if row.subject_is_requester {
            ForWhom::Myself
        } else {
            ForWhom::SomeoneElse
        },
        for_use: row.for_use,
        destination_country: row.destination_country,
        purpose: row.purpose,
        language: row.language,
        delivery_preference: row.delivery_preference,
        delivery_method: row.delivery_method,
        delivery_reason: row
            .delivery_method
            .and_then(|method| DeliveryReason::of(row.processing, row.delivery_preference, method)),
        deed: serde_json::from_value(answers["deed"].clone()).ok(),
        eu_standard_form: answers["euStandardForm"] == true,
        police_advice_required: doc_type.police_advice_required,
        police_advice: row.police_advice.filter(|_| advice_shown),
        police_advice_remark: row.police_advice_remark.filter(|_| advice_shown),
        version: row.version,
        reference: row.reference,
    })
}
