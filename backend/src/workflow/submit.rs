//! A request comes in: decide automatic or manual, and act on it at once.
use super::emails::{self, Email};
use super::produce::{self, Material, Plan};
use super::{Actor, Result, WorkflowError};
use crate::adapters::dabs::Deed;
use crate::adapters::ebox::EBoxMessage;
use crate::adapters::police::AdviceRequest;
use crate::db::audit;
use crate::db::catalogue::DocumentTypeRow;
use crate::db::requests::{self, NewRequest, RequestRow};
use crate::db::{self, jobs};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::domain::history::{
    EmailSentDetails, HistoryDetails, SentToStaffDetails, SubmittedDetails,
};
use crate::domain::jobs::JobKind;
use crate::domain::request::{self as rules, DeliveryMethod, Facts, ManualReason, Status};
use crate::domain::request::{Channel, ForUse, Language, Processing};
use crate::domain::task::{TaskStatus, TaskType};
use crate::startup::AppState;
use chrono::{Duration, NaiveDate};
use diesel::Connection;
use std::sync::Arc;

/// The person a request is made by.
#[derive(Debug, Clone)]
pub struct Requester {
    /// `None` for an anonymous requester.
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub national_number: Option<String>,
}

/// The person the document is about.
#[derive(Debug, Clone)]
pub struct Subject {
    pub is_requester: bool,
    pub name: String,
    pub national_number: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

/// A validated request, ready to be decided on.
#[derive(Debug, Clone)]
pub struct Submission {
    pub document_type: DocumentTypeRow,
    pub requester: Requester,
    pub subject: Subject,
    pub abroad: bool,
    pub destination_country: Option<String>,
    pub purpose: String,
    pub language: Language,
    pub delivery: DeliveryMethod,
    pub via: Channel,
    pub idempotency_key: Option<String>,
    /// Everything the requester answered, normalised, as shown back to them and to staff.
    pub answers: serde_json::Value,
}

impl Submission {
    /// Whose Idempotency-Keys these are: the signed-in person's, or anonymous callers'.
    fn idempotency_scope(&self) -> String {
        match self.requester.user_id {
            Some(id) => format!("user:{id}"),
            None => "anonymous".into(),
        }
    }

    /// What was asked, in one hash: a replay must ask the same.
    fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let what = serde_json::json!({
            "documentType": self.document_type.code,
            "answers": self.answers,
            "delivery": self.delivery.as_str(),
        });
        Sha256::digest(what.to_string().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

pub struct Outcome {
    pub request: RequestRow,
    /// False when an earlier submission with the same idempotency key was found.
    pub created: bool,
}

/// Looks up the deed in DABS: `None` when the document is no deed.
fn find_deed(state: &AppState, submission: &Submission) -> Option<Option<Deed>> {
    let deed_type = submission.document_type.deed_type?;
    let Some(number) = submission.subject.national_number.as_deref() else {
        return Some(None);
    };
    match state.adapters.dabs.find(deed_type, number) {
        Ok(found) => Some(found),
        // DABS down: the request is not lost; staff handle it as a missing deed.
        Err(e) => {
            tracing::warn!(error = %e, "DABS lookup failed; the request goes to staff");
            Some(None)
        }
    }
}

/// The request an earlier submission with the same Idempotency-Key made, when it is the same
/// caller asking the same; a 409 when the key was used by someone else or for other answers.
pub async fn replay(state: &Arc<AppState>, submission: &Submission) -> Result<Option<RequestRow>> {
    if let Some(key) = submission.idempotency_key.clone() {
        let (scope, fingerprint) = (submission.idempotency_scope(), submission.fingerprint());
        let earlier = db::blocking(&state.pool, move |conn| {
            Ok::<_, WorkflowError>(requests::by_idempotency_key(conn, &key)?)
        })
        .await?;
        if let Some((request, used_scope, used_fingerprint)) = earlier.into_iter().next() {
            if used_scope.as_deref() != Some(scope.as_str()) {
                return Err(WorkflowError::IdempotencyKeyReused(
                    "This Idempotency-Key was already used by someone else: make a new key for \
                     each request.",
                ));
            }
            if used_fingerprint.as_deref() != Some(fingerprint.as_str()) {
                return Err(WorkflowError::IdempotencyKeyReused(
                    "This Idempotency-Key was already used for a request with other answers: \
                     make a new key for a new request.",
                ));
            }
            return Ok(Some(request));
        }
    }
    Ok(None)
}

pub async fn submit(state: &Arc<AppState>, submission: Submission) -> Result<Outcome> {
    if let Some(request) = replay(state, &submission).await? {
        return Ok(Outcome {
            request,
            created: false,
        });
    }

    let deed = find_deed(state, &submission);
    let reasons = rules::manual_reasons(Facts {
        signed_in: submission.requester.user_id.is_some(),
        for_self: submission.subject.is_requester,
        abroad: submission.abroad,
        type_allows_automatic: submission.document_type.automatic_allowed,
        deed_in_dabs: deed.as_ref().map(Option::is_some),
    });
    let automatic = reasons.is_empty();
    // Everything from outside systems is fetched before the transaction.
    let material = match (automatic, &submission.subject.national_number) {
        (true, Some(number)) => Some((
            produce::gather(
                state,
                &submission.document_type,
                number,
                deed.clone().flatten(),
            )?,
            produce::plan(
                state,
                submission.delivery,
                &submission.requester.name,
                submission.requester.national_number.as_deref(),
            )?,
        )),
        (true, None) => {
            return Err(WorkflowError::internal(
                "automatic request without national number",
            ))
        }
        (false, _) => None,
    };

    let worker_state = Arc::clone(state);
    let (request, job_ids) = db::blocking(&state.pool, move |conn| {
        conn.transaction(|conn| {
            persist(
                conn,
                &worker_state,
                &submission,
                &reasons,
                material.as_ref().map(|(m, p)| (m, p)),
            )
        })
    })
    .await
    .map_err(|e| match e {
        // Two submissions with one idempotency key raced; the other one won.
        WorkflowError::Database(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => WorkflowError::DuplicateSubmission,
        other => other,
    })?;

    super::jobs::run_now(state, job_ids).await;
    Ok(Outcome {
        request,
        created: true,
    })
}

/// The stored request and the jobs to run once it is committed.
type Persisted = (RequestRow, Vec<i64>);

fn new_request(
    s: &Submission,
    status: Status,
    reasons: &[ManualReason],
    delivered: Option<DeliveryMethod>,
    now: chrono::NaiveDateTime,
) -> NewRequest {
    let automatic = reasons.is_empty();
    NewRequest {
        reference: String::new(),
        document_type_code: s.document_type.code.clone(),
        status,
        processing: if automatic {
            Processing::Automatic
        } else {
            Processing::Manual
        },
        manual_reasons: ManualReason::join(reasons),
        submitted_via: s.via,
        requester_user_id: s.requester.user_id,
        requester_name: s.requester.name.clone(),
        requester_email: s.requester.email.clone(),
        requester_national_number: s.requester.national_number.clone(),
        subject_is_requester: s.subject.is_requester,
        subject_name: s.subject.name.clone(),
        subject_national_number: s.subject.national_number.clone(),
        subject_birth_date: s.subject.birth_date,
        for_use: if s.abroad {
            ForUse::Abroad
        } else {
            ForUse::Belgium
        },
        destination_country: s.destination_country.clone(),
        purpose: s.purpose.clone(),
        language: s.language,
        delivery_preference: s.delivery,
        delivery_method: delivered,
        answers: s.answers.to_string(),
        idempotency_key: s.idempotency_key.clone(),
        idempotency_scope: s.idempotency_key.as_ref().map(|_| s.idempotency_scope()),
        idempotency_fingerprint: s.idempotency_key.as_ref().map(|_| s.fingerprint()),
        submitted_at: now,
        finished_at: status.is_final().then_some(now),
        updated_at: now,
    }
}

fn persist(
    conn: &mut db::DbConnection,
    state: &AppState,
    s: &Submission,
    reasons: &[ManualReason],
    automatic: Option<(&Material, &Plan)>,
) -> Result<Persisted> {
    let now = state.clock.now_naive();
    let status = match automatic {
        // Delivered the way the plan says: done, waiting to be posted, or to be picked up.
        Some((_, plan)) => {
            rules::transition(Status::InProgress, rules::Event::Deliver(plan.method))
                .map_err(|e| WorkflowError::internal(e.to_string()))?
        }
        None => rules::initial_manual_status(s.document_type.police_advice_required, reasons),
    };
    let delivered = automatic.map(|(_, plan)| plan.method);
    let year = chrono::Datelike::year(&crate::domain::civil::local_date(
        now,
        state.config.time_zone,
    ));
    let request = requests::insert(conn, new_request(s, status, reasons, delivered, now), year)?;
    let requester = match s.requester.user_id {
        Some(id) => Actor::signed_in(crate::domain::role::Role::Citizen, id, &s.requester.name),
        None => Actor::anonymous(&s.requester.name),
    };
    let event = AuditEvent::request(&requester, AuditAction::Submitted, &request.reference)
        .details(HistoryDetails::Submitted(SubmittedDetails { via: s.via }));
    audit::record(conn, now, &event)?;
    let job_ids = match automatic {
        Some((material, plan)) => {
            if !status.is_final() {
                // Every unfinished request has a parked "Annuleren" task.
                let parked = TaskStatus::Parked;
                requests::insert_task(
                    conn,
                    request.id,
                    TaskType::CancelRequest,
                    parked,
                    None,
                    now,
                )?;
            }
            let doc_type = &s.document_type;
            produce::deliver_automatically(conn, state, &request, doc_type, material, plan, now)?
        }
        None => send_to_staff(conn, state, s, &request, reasons)?,
    };
    Ok((request, job_ids))
}

/// A manual request: its history says why, its tasks say what staff (or the police) do next,
/// and the requester gets an acknowledgement.
fn send_to_staff(
    conn: &mut db::DbConnection,
    state: &AppState,
    s: &Submission,
    request: &RequestRow,
    reasons: &[ManualReason],
) -> Result<Vec<i64>> {
    let now = state.clock.now_naive();
    let system = Actor::system();
    let event = AuditEvent::request(&system, AuditAction::SentToStaff, &request.reference).details(
        HistoryDetails::SentToStaff(SentToStaffDetails {
            reasons: reasons.to_vec(),
        }),
    );
    audit::record(conn, now, &event)?;
    // Every unfinished request has a parked "Annuleren" task.
    requests::insert_task(
        conn,
        request.id,
        TaskType::CancelRequest,
        TaskStatus::Parked,
        None,
        now,
    )?;
    let mut job_ids = Vec::new();
    match request.status {
        Status::AwaitingPoliceAdvice => {
            let due = now + Duration::days(state.config.police_advice_days);
            let id = request.id.to_string();
            jobs::enqueue(conn, JobKind::PoliceDeadline, &id, due, now)?;
            job_ids.push(jobs::enqueue(conn, JobKind::AskPolice, &id, now, now)?);
        }
        Status::AwaitingDeed => requests::insert_task(
            conn,
            request.id,
            TaskType::AddDeed,
            TaskStatus::Open,
            None,
            now,
        )?,
        _ => requests::insert_task(
            conn,
            request.id,
            TaskType::HandleRequest,
            TaskStatus::Open,
            None,
            now,
        )?,
    }
    let track = format!(
        "{}/mijn-aanvragen/{}",
        state.config.public_url, request.reference
    );
    let email = emails::acknowledgement(
        &state.config.municipality,
        &s.requester.name,
        &s.document_type.name,
        &request.reference,
        &track,
    );
    job_ids.extend(queue_and_record(conn, state, request, &email)?);
    Ok(job_ids)
}

/// Queues an e-mail to the requester and notes it in the history; returns its sending job.
pub fn queue_and_record(
    conn: &mut db::DbConnection,
    state: &AppState,
    request: &RequestRow,
    email: &Email,
) -> Result<Option<i64>> {
    let now = state.clock.now_naive();
    let id = emails::queue(
        conn,
        state,
        Some(request.id),
        &request.requester_email,
        email,
        now,
    )?;
    let system = Actor::system();
    let event = AuditEvent::request(&system, AuditAction::EmailSent, &request.reference).details(
        HistoryDetails::EmailSent(EmailSentDetails {
            template: email.template.to_owned(),
            to: request.requester_email.clone(),
            subject: email.subject.clone(),
        }),
    );
    audit::record(conn, now, &event)?;
    Ok(id)
}

/// The message a citizen finds in My eBox.
pub fn ebox_message(
    state: &AppState,
    request: &RequestRow,
    title: &str,
    document_id: i64,
) -> EBoxMessage {
    EBoxMessage {
        sender: state.config.municipality.clone(),
        subject: format!("{title} ({})", request.reference),
        body: format!(
            "Het document '{title}' dat je aanvroeg onder referentie {} is afgeleverd.",
            request.reference
        ),
        document_id: Some(document_id),
    }
}

pub fn advice_request(request: &RequestRow) -> AdviceRequest {
    AdviceRequest {
        request_id: request.id,
        subject_name: request.subject_name.clone(),
        subject_national_number: request.subject_national_number.clone(),
        purpose: request.purpose.clone(),
    }
}
