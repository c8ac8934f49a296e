//! A request comes in: decide automatic or manual, and act on it at once.
use super::emails::{self, Email};
use super::produce::{self, DocFacts, Material, Plan, Rendered};
use super::{Actor, Result, WorkflowError};
use crate::adapters::ebox::EBoxMessage;
use crate::adapters::police::AdviceRequest;
use crate::db::audit;
use crate::db::catalogue::DocumentTypeRow;
use crate::db::requests::{self, NewRequest, RequestRow};
use crate::db::{self, jobs};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::domain::history::{
    DecisionPostponedDetails, EmailSentDetails, HistoryDetails, SentToStaffDetails,
    SubmittedDetails,
};
use crate::domain::jobs::JobKind;
use crate::domain::request::{self as rules, DeliveryMethod, Facts, ManualReason, Status};
use crate::domain::request::{Channel, ForUse, Language, OutsideSystem, Processing};
use crate::domain::task::{TaskStatus, TaskType};
use crate::startup::AppState;
use chrono::{Duration, NaiveDate};
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
    /// The API client that submitted it on the requester's behalf.
    pub client: Option<SubmittingClient>,
}

/// An API client submitting a request (channel `api`): it is recorded as the one who submitted.
#[derive(Debug, Clone)]
pub struct SubmittingClient {
    /// Its row id in `api_clients`.
    pub id: i64,
    /// Its account (users row).
    pub user_id: i64,
    pub name: String,
}

impl Submission {
    /// Whose Idempotency-Keys these are: the signed-in person's, or anonymous callers'.
    fn idempotency_scope(&self) -> String {
        match (&self.client, self.requester.user_id) {
            (Some(client), _) => format!("client:{}", client.id),
            (None, Some(id)) => format!("user:{id}"),
            (None, None) => "anonymous".into(),
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

/// What the decision needs to know of a request, at submission or when it waited.
#[derive(Clone)]
pub struct Case {
    pub doc_type: DocumentTypeRow,
    pub signed_in: bool,
    pub for_self: bool,
    pub abroad: bool,
    pub subject_number: Option<String>,
    pub requester_name: String,
    pub requester_number: Option<String>,
    pub delivery: DeliveryMethod,
}

impl Case {
    fn of_submission(s: &Submission) -> Self {
        Self {
            doc_type: s.document_type.clone(),
            signed_in: s.requester.user_id.is_some(),
            for_self: s.subject.is_requester,
            abroad: s.abroad,
            subject_number: s.subject.national_number.clone(),
            requester_name: s.requester.name.clone(),
            requester_number: s.requester.national_number.clone(),
            delivery: s.delivery,
        }
    }

    fn of_request(row: &RequestRow, doc_type: DocumentTypeRow) -> Self {
        Self {
            doc_type,
            signed_in: row.requester_user_id.is_some(),
            for_self: row.subject_is_requester,
            abroad: row.for_use == ForUse::Abroad,
            subject_number: row.subject_national_number.clone(),
            requester_name: row.requester_name.clone(),
            requester_number: row.requester_national_number.clone(),
            delivery: row.delivery_preference,
        }
    }
}

/// The decision on a request, with what the outside systems answered.
#[allow(clippy::large_enum_variant)] // one short-lived value per request
pub enum Decision {
    /// Handled by Loket alone: the document is made from `material` and delivered by `plan`.
    Automatic { material: Material, plan: Plan },
    /// Staff handle it, for these reasons.
    Manual(Vec<ManualReason>),
    /// An outside system the decision needs did not answer: it is not an answer, so the
    /// decision waits (a `decide` job asks again).
    Waits(OutsideSystem),
}

/// Asks DABS and the national register what the decision needs. Blocking: callers run it on
/// the blocking pool, outside any transaction and without holding a pooled connection.
pub fn decide(state: &AppState, case: &Case) -> Result<Decision> {
    let deed = match (case.doc_type.deed_type, case.subject_number.as_deref()) {
        (None, _) => None,
        // Without a national number DABS cannot be asked: staff look the deed up.
        (Some(_), None) => Some(None),
        (Some(deed_type), Some(number)) => match state.adapters.dabs.find(deed_type, number) {
            Ok(found) => Some(found),
            Err(e) => {
                tracing::warn!(error = %e, "DABS did not answer; the decision waits");
                return Ok(Decision::Waits(OutsideSystem::Dabs));
            }
        },
    };
    let reasons = rules::manual_reasons(Facts {
        signed_in: case.signed_in,
        for_self: case.for_self,
        abroad: case.abroad,
        type_allows_automatic: case.doc_type.automatic_allowed,
        deed_in_dabs: deed.as_ref().map(Option::is_some),
    });
    if !reasons.is_empty() {
        return Ok(Decision::Manual(reasons));
    }
    let Some(number) = case.subject_number.as_deref() else {
        return Err(WorkflowError::internal(
            "automatic request without national number",
        ));
    };
    let fetched = produce::gather(state, &case.doc_type, number, deed.flatten()).and_then(|m| {
        let requester_number = case.requester_number.as_deref();
        let plan = produce::plan(state, case.delivery, &case.requester_name, requester_number)?;
        Ok((m, plan))
    });
    match fetched {
        Ok((material, plan)) => Ok(Decision::Automatic { material, plan }),
        // DABS answered above; only the register is asked here.
        Err(WorkflowError::Unavailable(e)) => {
            tracing::warn!(error = %e, "the national register did not answer; the decision waits");
            Ok(Decision::Waits(OutsideSystem::NationalRegister))
        }
        // The register, asked again, does not know the person (the federal login did, while
        // the register was down): staff find out who it is, nothing is made automatically.
        Err(WorkflowError::UnknownPerson) => {
            Ok(Decision::Manual(vec![ManualReason::NotInRegister]))
        }
        Err(e) => Err(e),
    }
}

/// Runs blocking work (outside systems, PDF rendering) on the blocking pool, never on the
/// async workers, and without a pooled connection.
async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    db::offload(move || Ok(work())).await
}

/// The civil year of `now` in the municipality: the year of a new reference.
fn reference_year(state: &AppState, now: chrono::NaiveDateTime) -> i32 {
    chrono::Datelike::year(&crate::domain::civil::local_date(
        now,
        state.config.time_zone,
    ))
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
    // Everything from outside systems is fetched before any transaction, off the workers.
    let (worker_state, case) = (Arc::clone(state), Case::of_submission(&submission));
    let decision = off_the_workers(move || decide(&worker_state, &case)).await??;
    let what = match decision {
        Decision::Automatic { material, plan } => {
            render_automatic(state, &submission, material, plan).await?
        }
        Decision::Manual(reasons) => ToStore::Manual(reasons),
        Decision::Waits(system) => ToStore::Waits(system),
    };
    let worker_state = Arc::clone(state);
    let (request, job_ids) = db::blocking(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| persist(conn, &worker_state, &submission, what))
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

/// What the submission's one write transaction stores.
#[allow(clippy::large_enum_variant)] // one short-lived value per request
enum ToStore {
    /// The reference (taken already) and the document made for it.
    Automatic {
        reference: String,
        rendered: Rendered,
        plan: Plan,
    },
    Manual(Vec<ManualReason>),
    Waits(OutsideSystem),
}

/// An automatic request's PDFs are made before its write transaction, which keeps that short
/// (SQLite has one writer at a time): a first short transaction takes the reference number
/// the documents carry, then the PDFs are rendered on the blocking pool. A submission that
/// fails after this leaves its number unused (a gap, as a sequence would).
async fn render_automatic(
    state: &Arc<AppState>,
    submission: &Submission,
    material: Material,
    plan: Plan,
) -> Result<ToStore> {
    let year = reference_year(state, state.clock.now_naive());
    let reference = db::blocking(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            Ok::<_, WorkflowError>(requests::take_reference(conn, year)?)
        })
    })
    .await?;
    let worker_state = Arc::clone(state);
    let (doc_type, answers) = (
        submission.document_type.clone(),
        submission.answers.to_string(),
    );
    let (purpose, subject_name) = (submission.purpose.clone(), submission.subject.name.clone());
    let language = submission.language;
    off_the_workers(move || {
        let facts = DocFacts {
            reference: &reference,
            answers: &answers,
            purpose: &purpose,
            subject_name: &subject_name,
            language: language.as_str(),
        };
        let now = worker_state.clock.now_naive();
        let rendered = produce::render(&worker_state, &facts, &doc_type, &material, &plan, now);
        ToStore::Automatic {
            reference,
            rendered,
            plan,
        }
    })
    .await
}

/// The stored request and the jobs to run once it is committed.
type Persisted = (RequestRow, Vec<i64>);

/// How a new request starts out.
struct Start {
    status: Status,
    reasons: Vec<ManualReason>,
    delivered: Option<DeliveryMethod>,
    waiting_for: Option<OutsideSystem>,
}

fn new_request(s: &Submission, start: &Start, now: chrono::NaiveDateTime) -> NewRequest {
    let status = start.status;
    // A request whose decision waits is Loket's to handle until it turns out otherwise.
    let automatic = start.reasons.is_empty();
    NewRequest {
        reference: String::new(),
        document_type_code: s.document_type.code.clone(),
        status,
        processing: if automatic {
            Processing::Automatic
        } else {
            Processing::Manual
        },
        manual_reasons: ManualReason::join(&start.reasons),
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
        delivery_method: start.delivered,
        answers: s.answers.to_string(),
        idempotency_key: s.idempotency_key.clone(),
        idempotency_scope: s.idempotency_key.as_ref().map(|_| s.idempotency_scope()),
        idempotency_fingerprint: s.idempotency_key.as_ref().map(|_| s.fingerprint()),
        submitted_at: now,
        finished_at: status.is_final().then_some(now),
        updated_at: now,
        waiting_for: start.waiting_for,
    }
}

fn start_of(s: &Submission, what: &ToStore) -> Result<Start> {
    Ok(match what {
        // Delivered the way the plan says: done, waiting to be posted, or to be picked up.
        ToStore::Automatic { plan, .. } => Start {
            status: rules::transition(Status::InProgress, rules::Event::Deliver(plan.method))
                .map_err(|e| WorkflowError::internal(e.to_string()))?,
            reasons: Vec::new(),
            delivered: Some(plan.method),
            waiting_for: None,
        },
        ToStore::Manual(reasons) => Start {
            status: rules::initial_manual_status(s.document_type.police_advice_required, reasons),
            reasons: reasons.clone(),
            delivered: None,
            waiting_for: None,
        },
        ToStore::Waits(system) => Start {
            status: Status::InProgress,
            reasons: Vec::new(),
            delivered: None,
            waiting_for: Some(*system),
        },
    })
}

fn persist(
    conn: &mut db::DbConnection,
    state: &AppState,
    s: &Submission,
    what: ToStore,
) -> Result<Persisted> {
    let now = state.clock.now_naive();
    let start = start_of(s, &what)?;
    let mut new = new_request(s, &start, now);
    if let ToStore::Automatic { reference, .. } = &what {
        new.reference = reference.clone();
    }
    let request = requests::insert(conn, new, reference_year(state, now))?;
    let requester = match (&s.client, s.requester.user_id) {
        (Some(client), _) => {
            db::clients::submitted(conn, client.id, request.id)?;
            Actor::signed_in(
                crate::domain::role::Role::Client,
                client.user_id,
                &client.name,
            )
        }
        (None, Some(id)) => {
            Actor::signed_in(crate::domain::role::Role::Citizen, id, &s.requester.name)
        }
        (None, None) => Actor::anonymous(&s.requester.name),
    };
    let event = AuditEvent::request(&requester, AuditAction::Submitted, &request.reference)
        .details(HistoryDetails::Submitted(SubmittedDetails { via: s.via }));
    audit::record(conn, now, &event)?;
    if !request.status.is_final() {
        // Every unfinished request has a parked "Annuleren" task.
        let parked = TaskStatus::Parked;
        requests::insert_task(conn, request.id, TaskType::CancelRequest, parked, None, now)?;
    }
    let doc_type = &s.document_type;
    let job_ids = match what {
        ToStore::Automatic { rendered, plan, .. } => {
            produce::deliver_rendered(conn, state, &request, doc_type, rendered, &plan, now)?
        }
        ToStore::Manual(reasons) => send_to_staff(conn, state, doc_type, &request, &reasons, true)?,
        ToStore::Waits(system) => postpone(conn, state, doc_type, &request, system)?,
    };
    Ok((request, job_ids))
}

/// A manual request: its history says why, its tasks say what staff (or the police) do next,
/// and the requester gets an acknowledgement (unless they had one when the decision waited).
fn send_to_staff(
    conn: &mut db::DbConnection,
    state: &AppState,
    doc_type: &DocumentTypeRow,
    request: &RequestRow,
    reasons: &[ManualReason],
    acknowledge: bool,
) -> Result<Vec<i64>> {
    let now = state.clock.now_naive();
    let system = Actor::system();
    let event = AuditEvent::request(&system, AuditAction::SentToStaff, &request.reference).details(
        HistoryDetails::SentToStaff(SentToStaffDetails {
            reasons: reasons.to_vec(),
        }),
    );
    audit::record(conn, now, &event)?;
    let mut job_ids = Vec::new();
    let open = TaskStatus::Open;
    match request.status {
        Status::AwaitingPoliceAdvice => {
            let due = now + Duration::days(state.config.police_advice_days);
            let id = request.id.to_string();
            jobs::enqueue(conn, JobKind::PoliceDeadline, &id, due, now)?;
            job_ids.push(jobs::enqueue(conn, JobKind::AskPolice, &id, now, now)?);
        }
        Status::AwaitingDeed => {
            requests::insert_task(conn, request.id, TaskType::AddDeed, open, None, now)?
        }
        _ => requests::insert_task(conn, request.id, TaskType::HandleRequest, open, None, now)?,
    }
    if acknowledge {
        let track = track_url(state, request);
        let title = state
            .config
            .branding
            .title(request.language.as_str(), doc_type);
        let email = emails::acknowledgement(state, request, &title, &track);
        job_ids.extend(queue_and_record(conn, state, request, &email)?);
    }
    Ok(job_ids)
}

/// The request's page, opening in the language of the e-mail that links to it.
fn track_url(state: &AppState, request: &RequestRow) -> String {
    format!(
        "{}/mijn-aanvragen/{}?lang={}",
        state.config.public_url,
        request.reference,
        request.language.as_str()
    )
}

/// The decision waits for `system`: the history says so, a `decide` job asks again (with the
/// jobs' growing delays) and the requester is told their request is in and why it waits.
/// Returns the jobs to run after the commit (the e-mail; the decision waits its turn).
fn postpone(
    conn: &mut db::DbConnection,
    state: &AppState,
    doc_type: &DocumentTypeRow,
    request: &RequestRow,
    system: OutsideSystem,
) -> Result<Vec<i64>> {
    let (now, loket) = (state.clock.now_naive(), Actor::system());
    let event = AuditEvent::request(&loket, AuditAction::DecisionPostponed, &request.reference)
        .details(HistoryDetails::DecisionPostponed(
            DecisionPostponedDetails { system },
        ));
    audit::record(conn, now, &event)?;
    let retry_at = now + super::jobs::backoff(0);
    jobs::enqueue(
        conn,
        JobKind::Decide,
        &request.id.to_string(),
        retry_at,
        now,
    )?;
    let title = state
        .config
        .branding
        .title(request.language.as_str(), doc_type);
    let track = track_url(state, request);
    let email = emails::waiting_acknowledgement(state, request, &title, &track, system);
    Ok(queue_and_record(conn, state, request, &email)?
        .into_iter()
        .collect())
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

/// The `decide` job: decides a request whose decision waited for an outside system, as it
/// would have been decided at submission. An `Err` while the system still does not answer
/// makes the job try again later; a request decided, cancelled or handled by staff in the
/// meantime is left alone.
pub fn decide_waiting(
    conn: &mut db::DbConnection,
    state: &AppState,
    request_id: i64,
) -> std::result::Result<Vec<i64>, String> {
    let text = |e: WorkflowError| e.to_string();
    let row = requests::by_id(conn, request_id).map_err(|e| e.to_string())?;
    if row.waiting_for.is_none() || row.status != Status::InProgress {
        return Ok(Vec::new());
    }
    let doc_type = crate::db::catalogue::document_type_any(conn, &row.document_type_code)
        .map_err(|e| e.to_string())?
        .ok_or("a request of an unknown document type")?;
    // Asked without a transaction open: the systems may be slow.
    let decision = decide(state, &Case::of_request(&row, doc_type.clone())).map_err(text)?;
    let rendered = match &decision {
        Decision::Automatic { material, plan } => {
            let now = state.clock.now_naive();
            let facts = DocFacts::from(&row);
            Some(produce::render(
                state, &facts, &doc_type, material, plan, now,
            ))
        }
        _ => None,
    };
    db::write_transaction(conn, |conn| {
        store_decision(conn, state, &doc_type, request_id, decision, rendered)
    })
    .map_err(text)?
}

/// Stores the decision that waited, on the request locked as it is now.
fn store_decision(
    conn: &mut db::DbConnection,
    state: &AppState,
    doc_type: &DocumentTypeRow,
    request_id: i64,
    decision: Decision,
    rendered: Option<Rendered>,
) -> Result<std::result::Result<Vec<i64>, String>> {
    let now = state.clock.now_naive();
    let mut row = requests::lock_by_id(conn, request_id)?;
    let Some(waited_for) = row.waiting_for.filter(|_| row.status == Status::InProgress) else {
        return Ok(Ok(Vec::new()));
    };
    let (status, reasons, delivered) = match &decision {
        Decision::Waits(system) => {
            if *system != waited_for {
                requests::set_waiting_for(conn, request_id, *system)?;
            }
            let which = match system {
                OutsideSystem::NationalRegister => "the national register",
                OutsideSystem::Dabs => "DABS",
            };
            return Ok(Err(format!(
                "{which} does not answer yet; the decision waits"
            )));
        }
        Decision::Automatic { plan, .. } => (
            rules::transition(Status::InProgress, rules::Event::Deliver(plan.method))
                .map_err(|e| WorkflowError::internal(e.to_string()))?,
            Vec::new(),
            Some(plan.method),
        ),
        Decision::Manual(reasons) => (
            rules::initial_manual_status(doc_type.police_advice_required, reasons),
            reasons.clone(),
            None,
        ),
    };
    let processing = if reasons.is_empty() {
        Processing::Automatic
    } else {
        Processing::Manual
    };
    let joined = ManualReason::join(&reasons);
    let decided = requests::Decided {
        processing,
        manual_reasons: &joined,
        status,
        delivery_method: delivered,
    };
    requests::set_decided(conn, &row, decided, now)?;
    (row.status, row.processing, row.delivery_method) = (status, processing, delivered);
    row.waiting_for = None;
    if status.is_final() {
        // The parked "Annuleren" task goes with the request's end.
        requests::close_tasks(conn, row.id, &[], TaskStatus::Done, None, now)?;
    }
    let jobs = match (decision, rendered) {
        (Decision::Automatic { plan, .. }, Some(rendered)) => {
            produce::deliver_rendered(conn, state, &row, doc_type, rendered, &plan, now)?
        }
        // The requester had their acknowledgement when the decision started to wait.
        _ => send_to_staff(conn, state, doc_type, &row, &reasons, false)?,
    };
    Ok(Ok(jobs))
}
