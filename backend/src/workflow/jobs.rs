//! The job kinds and the worker that runs them. Jobs are written in the same transaction as
//! the change that needs them, run right after it commits, and — if that fails or the process
//! dies — by the background worker of any instance, with growing delays.
use super::{emails, submit, Actor, WorkflowError};
use crate::db::{self, audit, jobs, requests, DbConnection};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::domain::history::{DocumentErasedDetails, HistoryDetails};
use crate::domain::jobs::JobKind;
use crate::domain::request::Status;
use crate::startup::AppState;
use chrono::Duration;
use diesel::Connection;
use serde::Deserialize;
use std::sync::Arc;

/// How long a claimed job is reserved for the instance that claimed it.
const LEASE_MINUTES: i64 = 5;
const MAX_ATTEMPTS: i32 = 10;

/// 1, 2, 4, … minutes, at most an hour.
pub fn backoff(attempt: i32) -> Duration {
    Duration::minutes((1i64 << attempt.clamp(0, 6)).min(60))
}

fn worker_id() -> String {
    format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EBoxPayload {
    request_id: i64,
    document_id: i64,
}

fn execute(conn: &mut DbConnection, state: &AppState, job: &jobs::JobRow) -> Result<(), String> {
    let id = |p: &str| {
        p.parse::<i64>()
            .map_err(|e| format!("bad payload {p}: {e}"))
    };
    match job.kind {
        JobKind::SendEmail => emails::send(conn, state, id(&job.payload)?),
        JobKind::DeliverEbox => {
            let p: EBoxPayload = serde_json::from_str(&job.payload).map_err(|e| e.to_string())?;
            let request = requests::by_id(conn, p.request_id).map_err(|e| e.to_string())?;
            let number = request
                .requester_national_number
                .clone()
                .ok_or("no national number")?;
            let document = requests::document(conn, p.document_id)
                .map_err(|e| e.to_string())?
                .ok_or("no document")?;
            let message = submit::ebox_message(state, &request, &document.title, document.id);
            let now = state.clock.now_naive();
            state
                .adapters
                .ebox
                .deliver(&number, &message, now)
                .map_err(|e| e.to_string())?;
            note(conn, now, &request.reference, AuditAction::DeliveredToEbox)
        }
        JobKind::AskPolice => {
            let request = requests::by_id(conn, id(&job.payload)?).map_err(|e| e.to_string())?;
            if request.status != Status::AwaitingPoliceAdvice {
                return Ok(());
            }
            let now = state.clock.now_naive();
            state
                .adapters
                .police
                .request_advice(&submit::advice_request(&request), now)
                .map_err(|e| e.to_string())?;
            note(
                conn,
                now,
                &request.reference,
                AuditAction::PoliceAdviceRequested,
            )
        }
        JobKind::PoliceDeadline => super::advice::deadline_passed(conn, state, id(&job.payload)?),
    }
}

/// Notes in a request's history what a job did for it.
fn note(
    conn: &mut DbConnection,
    now: chrono::NaiveDateTime,
    reference: &str,
    action: AuditAction,
) -> Result<(), String> {
    let system = Actor::system();
    audit::record(conn, now, &AuditEvent::request(&system, action, reference))
        .map_err(|e| e.to_string())
}

/// Runs the claimed jobs; returns how many succeeded.
fn run_claimed(conn: &mut DbConnection, state: &AppState, claimed: Vec<jobs::JobRow>) -> usize {
    let mut done = 0;
    for job in claimed {
        let result = execute(conn, state, &job);
        let now = state.clock.now_naive();
        let stored = match &result {
            Ok(()) => {
                done += 1;
                jobs::complete(conn, job.id, now)
            }
            Err(error) => {
                // Outside systems' errors can name the recipient: kept and logged without.
                let error = &crate::redact::redact(error);
                tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed");
                let retry = (job.attempts < MAX_ATTEMPTS).then(|| now + backoff(job.attempts));
                if retry.is_none() && job.kind == JobKind::SendEmail {
                    if let Ok(id) = job.payload.parse() {
                        let _ = emails::give_up(conn, id, error, now);
                    }
                }
                jobs::fail(conn, job.id, error, retry, now)
            }
        };
        if let Err(e) = stored {
            tracing::error!(job = job.id, error = %e, "could not record the job's outcome");
        }
    }
    done
}

/// Runs every job that is due now; safe to call from any number of instances at once.
pub fn run_due(conn: &mut DbConnection, state: &AppState) -> Result<usize, diesel::result::Error> {
    let worker = worker_id();
    let mut total = 0;
    loop {
        let claimed = jobs::claim_due(
            conn,
            &worker,
            state.clock.now_naive(),
            Duration::minutes(LEASE_MINUTES),
            50,
            None,
        )?;
        if claimed.is_empty() {
            return Ok(total);
        }
        total += run_claimed(conn, state, claimed);
    }
}

/// Runs the jobs a change just committed, so the user sees their effect at once.
pub async fn run_now(state: &Arc<AppState>, ids: Vec<i64>) {
    if ids.is_empty() {
        return;
    }
    let worker_state = Arc::clone(state);
    let result = db::blocking(&state.pool, move |conn| {
        let now = worker_state.clock.now_naive();
        let claimed = jobs::claim_due(
            conn,
            &worker_id(),
            now,
            Duration::minutes(LEASE_MINUTES),
            50,
            Some(&ids),
        )?;
        run_claimed(conn, &worker_state, claimed);
        Ok::<_, WorkflowError>(())
    })
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, "running committed jobs failed; the worker will retry");
    }
}

/// The background worker of this instance.
pub fn spawn_worker(state: Arc<AppState>) {
    let interval = state.config.job_interval_seconds;
    if interval == 0 {
        return;
    }
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(std::time::Duration::from_secs(interval));
        // Housekeeping scans whole tables: every ten minutes is often enough (request-time
        // checks already refuse what has expired).
        let mut last_housekeeping: Option<std::time::Instant> = None;
        loop {
            ticker.tick().await;
            let worker_state = Arc::clone(&state);
            let result = db::blocking(&state.pool, move |conn| {
                Ok::<_, WorkflowError>(run_due(conn, &worker_state)?)
            })
            .await;
            if let Err(e) = result {
                tracing::error!(error = %e, "job worker run failed");
            }
            if last_housekeeping.is_none_or(|at| at.elapsed() >= HOUSEKEEPING_EVERY) {
                last_housekeeping = Some(std::time::Instant::now());
                if let Err(e) = housekeeping(&state).await {
                    tracing::error!(error = %e, "housekeeping failed");
                }
            }
        }
    });
}

const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// Ends sessions whose time is up, forgets abandoned sign-ins and unconfirmed anonymous
/// requests, and erases what has passed its retention period (each instance, every ten
/// minutes; the development API runs it with the due jobs).
pub async fn housekeeping(state: &Arc<AppState>) -> super::Result<()> {
    state.limits.forget_idle();
    let now = state.clock.now_naive();
    let idle = state.config.sessions.idle_minutes;
    let keep = state.config.retention;
    let (ended, forgotten) = db::blocking(&state.pool, move |conn| {
        let (ended, logins) = crate::db::sessions::sweep(conn, now, idle)?;
        // Requests nobody confirmed within 24 hours are forgotten.
        let unconfirmed = crate::db::pending::forget_expired(conn, now)?;
        // What has served its time is erased; the audit trail says so.
        let erased = conn.transaction(|conn| {
            let erased = crate::db::retention::sweep(conn, now, keep)?;
            let system = Actor::system();
            for (reference, document) in &erased.documents {
                let event = AuditEvent::request(&system, AuditAction::DocumentErased, reference)
                    .details(HistoryDetails::DocumentErased(DocumentErasedDetails {
                        document_id: *document,
                    }));
                audit::record(conn, now, &event)?;
            }
            Ok::<_, WorkflowError>(erased)
        })?;
        Ok::<_, WorkflowError>((
            ended,
            logins
                + unconfirmed
                + erased.documents.len()
                + erased.exports
                + erased.jobs
                + erased.sessions,
        ))
    })
    .await?;
    if ended + forgotten > 0 {
        tracing::debug!(ended, forgotten, "session housekeeping");
    }
    Ok(())
}
