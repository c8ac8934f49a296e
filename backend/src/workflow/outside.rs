//! The jobs that call an outside system for a request (My eBox, the police) in three steps:
//! what to send is read on one pooled connection, the call holds none (a slow system then
//! keeps no connection from anyone), and its effect is noted on another.
use super::submit;
use crate::adapters::ebox::EBoxMessage;
use crate::adapters::police::AdviceRequest;
use crate::db::{audit, jobs, requests, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEvent};
use crate::domain::jobs::JobKind;
use crate::domain::request::Status;
use crate::startup::AppState;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EBoxPayload {
    pub request_id: i64,
    pub document_id: i64,
}

/// One call to an outside system, with everything it needs and the request it is for.
pub enum Call {
    EBox {
        reference: String,
        national_number: String,
        delivery_id: String,
        message: EBoxMessage,
    },
    Police {
        reference: String,
        request: AdviceRequest,
    },
}

/// Step one: what the job sends, read from the database; `None` when there is nothing left to
/// send (the request no longer awaits the police's advice).
pub fn prepare(
    conn: &mut DbConnection,
    state: &AppState,
    job: &jobs::JobRow,
) -> Result<Option<Call>, String> {
    let db = |e: diesel::result::Error| e.to_string();
    match job.kind {
        JobKind::DeliverEbox => {
            let p: EBoxPayload = serde_json::from_str(&job.payload).map_err(|e| e.to_string())?;
            let request = requests::by_id(conn, p.request_id).map_err(db)?;
            let national_number = request
                .requester_national_number
                .clone()
                .ok_or("no national number")?;
            let document = requests::document(conn, p.document_id)
                .map_err(db)?
                .ok_or("no document")?;
            let message = submit::ebox_message(state, &request, &document.title, document.id);
            Ok(Some(Call::EBox {
                delivery_id: delivery_id(&request, document.id),
                reference: request.reference,
                national_number,
                message,
            }))
        }
        JobKind::AskPolice => {
            let id: i64 = job.payload.parse().map_err(|_| "bad payload")?;
            let request = requests::by_id(conn, id).map_err(db)?;
            if request.status != Status::AwaitingPoliceAdvice {
                return Ok(None);
            }
            Ok(Some(Call::Police {
                request: submit::advice_request(&request),
                reference: request.reference,
            }))
        }
        other => Err(format!("{other} is no call to an outside system")),
    }
}

/// Step two: the call itself, on a blocking thread, holding no database connection.
pub fn call(state: &AppState, call: &Call) -> Result<(), String> {
    let now = state.clock.now_naive();
    match call {
        Call::EBox {
            national_number,
            delivery_id,
            message,
            ..
        } => state
            .adapters
            .ebox
            .deliver(national_number, delivery_id, message, now),
        Call::Police { request, .. } => state.adapters.police.request_advice(request, now),
    }
    .map_err(|e| e.to_string())
}

/// Step three: the call's effect in the request's history.
pub fn finish(conn: &mut DbConnection, state: &AppState, call: &Call) -> Result<(), String> {
    let (reference, action) = match call {
        Call::EBox { reference, .. } => (reference, AuditAction::DeliveredToEbox),
        Call::Police { reference, .. } => (reference, AuditAction::PoliceAdviceRequested),
    };
    note(conn, state.clock.now_naive(), reference, action)
}

/// All three steps on one connection (the development helper's synchronous runner).
pub fn run(conn: &mut DbConnection, state: &AppState, job: &jobs::JobRow) -> Result<(), String> {
    match prepare(conn, state, job)? {
        None => Ok(()),
        Some(c) => {
            call(state, &c)?;
            finish(conn, state, &c)
        }
    }
}

/// The eBox delivery's idempotency key: one per document of a request, the same on a retry.
fn delivery_id(request: &requests::RequestRow, document_id: i64) -> String {
    format!("loket:{}:document:{document_id}", request.reference)
}

/// Notes in a request's history what a job did for it — once: a job run again after a crash
/// (the outside system ignored the repeat by its idempotency key) adds no second line.
fn note(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
    reference: &str,
    action: AuditAction,
) -> Result<(), String> {
    if audit::request_has(conn, reference, action).map_err(|e| e.to_string())? {
        return Ok(());
    }
    let system = Actor::system();
    audit::record(conn, now, &AuditEvent::request(&system, action, reference))
        .map_err(|e| e.to_string())
}
