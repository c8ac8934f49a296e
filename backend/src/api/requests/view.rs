//! Builds what the API shows of a request, for the requester or for staff.
use super::dto::*;
use crate::auth::AuthUser;
use crate::db::requests::RequestRow;
use crate::db::{audit, catalogue, requests, DbConnection};
use crate::domain::request::{DeliveryMethod, ManualReason, Status};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};
use chrono::{NaiveDateTime, TimeZone, Utc};

pub fn utc(t: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&t)
}

/// Staff see every request; a citizen sees the requests they made.
pub fn can_view(row: &RequestRow, user: &AuthUser) -> bool {
    match user.role {
        Role::Staff | Role::Admin => true,
        Role::Citizen => row.requester_user_id == Some(user.id),
        Role::Police => false,
    }
}

/// Records that staff, an admin or the police read (part of) a request; a citizen reading
/// their own request is not an access to account for.
pub fn record_read(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
    user: &AuthUser,
    address: &str,
    action: &str,
    reference: &str,
    details: serde_json::Value,
) -> ApiResult<()> {
    if user.role == Role::Citizen {
        return Ok(());
    }
    let reader = audit::Reader {
        role: user.role.as_str(),
        id: user.id,
        name: &user.name,
        address,
    };
    audit::record_read(conn, now, &reader, action, ("request", reference), details)?;
    Ok(())
}

/// The details of a history entry a citizen may see: how it was sent, the verification code,
/// why it went to staff, whether they were informed. Never who at the municipality handled
/// a task, nor what the police wrote.
fn for_citizens(details: serde_json::Value) -> serde_json::Value {
    const SHOWN: [&str; 5] = [
        "via",
        "verificationCode",
        "reasons",
        "method",
        "requesterInformed",
    ];
    match details {
        serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(k, _)| SHOWN.contains(&k.as_str()))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        _ => serde_json::Value::Null,
    }
}

/// Not found rather than forbidden, so references cannot be probed.
pub fn not_found(reference: &str) -> ApiError {
    ApiError::NotFound(format!("You have no request with reference {reference}."))
}

pub fn status_of(row: &RequestRow) -> ApiResult<Status> {
    Status::parse(&row.status)
        .ok_or_else(|| ApiError::internal(format!("unknown status {}", row.status)))
}

fn reasons(row: &RequestRow) -> Vec<Reason> {
    row.manual_reasons
        .split(',')
        .filter_map(ManualReason::parse)
        .map(|code| Reason {
            code,
            label: code.label().into(),
        })
        .collect()
}

pub fn summary(row: &RequestRow, document_type_name: String) -> ApiResult<RequestSummary> {
    let status = status_of(row)?;
    Ok(RequestSummary {
        reference: row.reference.clone(),
        document_type_name,
        status,
        status_label: status.label().into(),
        processing: row.processing.clone(),
        subject_name: row.subject_name.clone(),
        submitted_at: utc(row.submitted_at),
        finished_at: row.finished_at.map(utc),
    })
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
    let documents = requests::documents_of(conn, row.id)?
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
        .collect();
    let (reads, changes): (Vec<_>, Vec<_>) = audit::for_entity(conn, "request", &row.reference)?
        .into_iter()
        .partition(|e| audit::READ_ACTIONS.contains(&e.action.as_str()));
    let viewed_by = reads
        .into_iter()
        .rev()
        .map(|e| AccessEntry {
            at: utc(e.occurred_at),
            // Citizens see which service looked, like "Wie heeft mijn gegevens geraadpleegd".
            actor_name: match (staff, e.actor_role.as_str()) {
                (true, _) => e.actor_name,
                (false, "police") => "Politie".into(),
                (false, _) => "Gemeente – Papieren en attesten".into(),
            },
            actor_role: e.actor_role,
            action: e.action,
        })
        .collect();
    let history = changes
        .into_iter()
        .map(|e| HistoryEntry {
            at: utc(e.occurred_at),
            // Citizens see that the municipality acted, not which colleague.
            actor_name: if !staff && matches!(e.actor_role.as_str(), "staff" | "admin") {
                "Medewerker van de gemeente".into()
            } else {
                e.actor_name
            },
            actor_role: e.actor_role,
            // The police's remark is about the person the paper is for.
            reason: e
                .reason
                .filter(|_| staff || row.subject_is_requester || e.action != "advice_given"),
            action: e.action,
            details: e
                .details
                .and_then(|d| serde_json::from_str(&d).ok())
                .map(|d| if staff { d } else { for_citizens(d) }),
        })
        .collect();
    let tasks: Vec<TaskView> = if staff {
        requests::tasks_of(conn, row.id)?
            .into_iter()
            .filter(|t| t.status == "open" || t.status == "parked")
            .map(|t| {
                let assignee = match t.assignee_user_id {
                    Some(id) => crate::db::users::by_id(conn, id)?.map(|u| u.display_name),
                    None => None,
                };
                Ok(TaskView {
                    label: crate::api::tasks::task_label(&t.task_type).into(),
                    id: t.id,
                    task_type: t.task_type,
                    status: t.status,
                    due_at: t.due_at.map(utc),
                    created_at: utc(t.created_at),
                    assignee,
                })
            })
            .collect::<ApiResult<_>>()?
    } else {
        Vec::new()
    };
    // Staff register advice in the police's name only once the task "Advies geven" is set.
    let advice_due = tasks.iter().any(|t| t.task_type == "give_advice");
    let status = status_of(&row)?;
    Ok(RequestDetail {
        manual_reasons: reasons(&row),
        document_type: DocumentTypeRef {
            code: doc_type.code,
            name: doc_type.name,
            kind: doc_type.kind,
        },
        status,
        status_label: status.label().into(),
        processing: row.processing,
        submitted_via: row.submitted_via,
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
        for_use: if row.for_use == "abroad" {
            ForUse::Abroad
        } else {
            ForUse::Belgium
        },
        destination_country: row.destination_country,
        purpose: row.purpose,
        language: row.language,
        delivery_preference: DeliveryMethod::parse(&row.delivery_preference)
            .unwrap_or(DeliveryMethod::Digital),
        delivery_method: row
            .delivery_method
            .as_deref()
            .and_then(DeliveryMethod::parse),
        deed: serde_json::from_value(answers["deed"].clone()).ok(),
        police_advice_required: doc_type.police_advice_required,
        // What the police said about someone is for staff, and for that person themselves.
        police_advice: row
            .police_advice
            .filter(|_| staff || row.subject_is_requester),
        police_advice_remark: row
            .police_advice_remark
            .filter(|_| staff || row.subject_is_requester),
        available_actions: if staff {
            crate::workflow::actions::available(status)
                .into_iter()
                .filter(|a| *a != "give_advice" || advice_due)
                .map(str::to_owned)
                .collect()
        } else {
            Vec::new()
        },
        version: row.version,
        documents,
        history,
        viewed_by,
        tasks,
        reference: row.reference,
    })
}
