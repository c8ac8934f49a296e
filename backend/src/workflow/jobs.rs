//! The job kinds and the worker that runs them. Jobs are written in the same transaction as
//! the change that needs them, run right after it commits, and — if that fails or the process
//! dies — by the background worker of any instance, with growing delays.
use super::{emails, submit, Actor, WorkflowError};
use crate::db::{self, audit, jobs, requests, DbConnection};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::domain::history::{DocumentErasedDetails, HistoryDetails};
use crate::domain::jobs::JobKind;
use crate::startup::AppState;
use chrono::{Duration, NaiveDateTime};
use std::sync::Arc;

/// How long a claimed job is reserved for the worker that claimed it. Jobs are claimed one at
/// a time, each with its own lease, so a long run of jobs never outlives a lease (an SMTP
/// attempt gives up after 10 seconds; an export renews its lease after every batch).
const LEASE_MINUTES: i64 = 5;
/// Attempts before a job is given up on and shown to staff ("Mislukte leveringen").
pub const MAX_ATTEMPTS: i32 = 10;

/// The attempt limit of a kind, enforced when a job is claimed (so a job that kills its
/// worker is not retried forever).
pub fn max_attempts(kind: JobKind) -> i32 {
    match kind {
        JobKind::ExportReport => super::export::MAX_ATTEMPTS,
        // A webhook is tried for three days (`retry_at`); this only stops a job that keeps
        // killing its worker.
        JobKind::DeliverWebhook => WEBHOOK_MAX_ATTEMPTS,
        _ => MAX_ATTEMPTS,
    }
}

/// More than three days of webhook retries take (see `domain::webhooks::next_attempt`).
const WEBHOOK_MAX_ATTEMPTS: i32 = 100;

/// When a failed job is tried again; `None` gives it up.
fn retry_at(
    conn: &mut DbConnection,
    job: &jobs::JobRow,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match job.kind {
        JobKind::DeliverWebhook => super::webhooks::retry_at(conn, job, now),
        kind => (job.attempts < max_attempts(kind)).then(|| now + backoff(job.attempts)),
    }
}

/// 1, 2, 4, … minutes, at most an hour.
pub fn backoff(attempt: i32) -> Duration {
    Duration::minutes((1i64 << attempt.clamp(0, 6)).min(60))
}

fn worker_id() -> String {
    format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

fn execute(conn: &mut DbConnection, state: &AppState, job: &jobs::JobRow) -> Result<(), String> {
    let id = |p: &str| {
        p.parse::<i64>()
            .map_err(|e| format!("bad payload {p}: {e}"))
    };
    match job.kind {
        JobKind::SendEmail => emails::send(conn, state, id(&job.payload)?),
        JobKind::DeliverEbox | JobKind::AskPolice => super::outside::run(conn, state, job),
        JobKind::PoliceDeadline => super::advice::deadline_passed(conn, state, id(&job.payload)?),
        JobKind::ExportReport => super::export::run_job(conn, state, job),
        // The jobs the decision queues are due now: this run's next claim takes them.
        JobKind::Decide => submit::decide_waiting(conn, state, id(&job.payload)?).map(|_| ()),
        JobKind::DeliverWebhook => super::webhooks::deliver_blocking(conn, state, job),
    }
}

/// The request a job is for, if any (an Excel report is for none).
pub fn request_of(conn: &mut DbConnection, job: &jobs::JobRow) -> Option<i64> {
    match job.kind {
        JobKind::SendEmail => {
            let email = job.payload.parse().ok()?;
            requests::email(conn, email).ok()?.request_id
        }
        JobKind::DeliverEbox => serde_json::from_str::<super::outside::EBoxPayload>(&job.payload)
            .ok()
            .map(|p| p.request_id),
        JobKind::ExportReport => None,
        JobKind::DeliverWebhook => {
            crate::db::webhooks::delivery(conn, job.payload.parse().ok()?)
                .ok()??
                .request_id
        }
        // The other kinds name their request by its id.
        _ => job.payload.parse().ok(),
    }
}

/// Runs one claimed job and records its outcome — unless the worker lost its lease meanwhile
/// (another worker took the job over): then it records nothing and says so in the log.
/// Returns whether it succeeded.
fn run_claimed(conn: &mut DbConnection, state: &AppState, job: &jobs::JobRow) -> bool {
    let result = execute(conn, state, job);
    record(conn, state, job, result)
}

/// Records a claimed job's outcome, as its lease holder; returns whether it succeeded.
pub(super) fn record(
    conn: &mut DbConnection,
    state: &AppState,
    job: &jobs::JobRow,
    result: Result<(), String>,
) -> bool {
    let worker = job.locked_by.clone().unwrap_or_default();
    let now = state.clock.now_naive();
    let stored = match &result {
        Ok(()) => jobs::complete(conn, job.id, &worker, now),
        Err(error) => {
            // Outside systems' errors can name the recipient: kept and logged without.
            let error = &crate::redact::redact(error);
            tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed");
            let retry = retry_at(conn, job, now);
            let failed = jobs::fail(conn, job.id, &worker, error, retry, now);
            if retry.is_none() && matches!(failed, Ok(true)) {
                gave_up(conn, state, job, error);
            }
            failed
        }
    };
    match stored {
        Ok(true) => result.is_ok(),
        Ok(false) => {
            tracing::warn!(job = job.id, kind = %job.kind, "lost the job's lease to another worker; its outcome is not recorded");
            false
        }
        Err(e) => {
            tracing::error!(job = job.id, error = %e, "could not record the job's outcome");
            false
        }
    }
}

/// What giving up on a job means for what it was about.
fn gave_up(conn: &mut DbConnection, state: &AppState, job: &jobs::JobRow, error: &str) {
    let now = state.clock.now_naive();
    match job.kind {
        JobKind::SendEmail => {
            if let Ok(id) = job.payload.parse() {
                let _ = emails::give_up(conn, id, error, now);
            }
        }
        JobKind::ExportReport => {
            let message = match error.starts_with("gave up after") {
                true => super::export::interrupted(job.attempts),
                false => format!("The report could not be made: {error}"),
            };
            super::export::give_up(conn, &job.payload, &message, now)
        }
        JobKind::DeliverWebhook => super::webhooks::gave_up(conn, state, job, error),
        _ => {}
    }
}

/// Claims and runs due jobs of `which`, one at a time, until none is left; returns how many
/// succeeded.
pub fn run_next(
    conn: &mut DbConnection,
    state: &AppState,
    which: jobs::Claim,
) -> Result<usize, diesel::result::Error> {
    let worker = worker_id();
    let mut done = 0;
    loop {
        let now = state.clock.now_naive();
        let lease = Duration::minutes(LEASE_MINUTES);
        match jobs::claim_next(conn, &worker, now, lease, max_attempts, which)? {
            jobs::Claimed::Job(job) => done += usize::from(run_claimed(conn, state, &job)),
            jobs::Claimed::GaveUp(job) => {
                let error = job.last_error.clone().unwrap_or_default();
                tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, "job given up on: its workers never finished it");
                gave_up(conn, state, &job, &error);
            }
            jobs::Claimed::Nothing => return Ok(done),
        }
    }
}

/// Runs every job that is due now but exports (which run on their own, a bounded number at
/// once); safe to call from any number of instances at once.
pub fn run_due(conn: &mut DbConnection, state: &AppState) -> Result<usize, diesel::result::Error> {
    run_next(conn, state, jobs::Claim::AllBut(JobKind::ExportReport))
}

/// Runs the jobs a change just committed, so the user sees their effect at once.
pub async fn run_now(state: &Arc<AppState>, ids: Vec<i64>) {
    if ids.is_empty() {
        return;
    }
    if let Err(e) = run_stepwise(state, Some(ids)).await {
        tracing::error!(error = %e, "running committed jobs failed; the worker will retry");
    }
}

/// Claims and runs due jobs (all but exports, or only `ids`) one at a time, as
/// [`run_next`] does, but a job that calls outside (e-mail, a webhook, My eBox, the police) in
/// three steps: what it sends is read on one pooled connection, the call holds none (a slow
/// or unreachable system then keeps no connection from anyone), and its outcome is recorded
/// on another. Returns how many succeeded.
pub async fn run_stepwise(state: &Arc<AppState>, ids: Option<Vec<i64>>) -> super::Result<usize> {
    let worker = worker_id();
    let mut done = 0;
    loop {
        let (claim_state, claim_worker, claim_ids) = (state.clone(), worker.clone(), ids.clone());
        let claimed = db::blocking(&state.pool, move |conn| {
            let which = match &claim_ids {
                Some(ids) => jobs::Claim::Ids(ids),
                None => jobs::Claim::AllBut(JobKind::ExportReport),
            };
            let now = claim_state.clock.now_naive();
            let lease = Duration::minutes(LEASE_MINUTES);
            Ok::<_, WorkflowError>(jobs::claim_next(
                conn,
                &claim_worker,
                now,
                lease,
                max_attempts,
                which,
            )?)
        })
        .await?;
        let job = match claimed {
            jobs::Claimed::Job(job) => job,
            jobs::Claimed::GaveUp(job) => {
                let run_state = state.clone();
                db::blocking(&state.pool, move |conn| {
                    let error = job.last_error.clone().unwrap_or_default();
                    gave_up(conn, &run_state, &job, &error);
                    Ok::<_, WorkflowError>(())
                })
                .await?;
                continue;
            }
            jobs::Claimed::Nothing => return Ok(done),
        };
        done += usize::from(match job.kind {
            JobKind::SendEmail => send_email_stepwise(state, job).await?,
            JobKind::DeliverWebhook => super::webhooks::deliver_stepwise(state, job).await?,
            JobKind::DeliverEbox | JobKind::AskPolice => call_stepwise(state, job).await?,
            _ => {
                let run_state = state.clone();
                db::blocking(&state.pool, move |conn| {
                    Ok::<_, WorkflowError>(run_claimed(conn, &run_state, &job))
                })
                .await?
            }
        });
    }
}

/// A claimed My eBox or police job: read, called with no connection held, recorded.
async fn call_stepwise(state: &Arc<AppState>, job: jobs::JobRow) -> super::Result<bool> {
    let (read_state, read_job) = (state.clone(), job.clone());
    let prepared = db::blocking(&state.pool, move |conn| {
        Ok::<_, WorkflowError>(super::outside::prepare(conn, &read_state, &read_job))
    })
    .await?;
    let call_state = state.clone();
    let called = db::offload(move || {
        let called = match &prepared {
            Ok(Some(call)) => super::outside::call(&call_state, call),
            Ok(None) => Ok(()),
            Err(e) => Err(e.clone()),
        };
        Ok::<_, WorkflowError>((prepared, called))
    })
    .await?;
    let record_state = state.clone();
    db::blocking(&state.pool, move |conn| {
        let result = match called {
            (Ok(Some(call)), Ok(())) => super::outside::finish(conn, &record_state, &call),
            (_, result) => result,
        };
        Ok::<_, WorkflowError>(record(conn, &record_state, &job, result))
    })
    .await
}

/// A claimed e-mail job: read, sent with no connection held, recorded.
async fn send_email_stepwise(state: &Arc<AppState>, job: jobs::JobRow) -> super::Result<bool> {
    let id: i64 = job.payload.parse().unwrap_or_default();
    let row = db::blocking(&state.pool, move |conn| {
        Ok::<_, WorkflowError>(requests::email(conn, id)?)
    })
    .await?;
    let mailer_state = state.clone();
    let sent =
        db::offload(move || Ok::<_, WorkflowError>(emails::deliver(&mailer_state, row))).await?;
    let record_state = state.clone();
    db::blocking(&state.pool, move |conn| {
        let result = emails::mark_sent(conn, &record_state, id, sent);
        Ok::<_, WorkflowError>(record(conn, &record_state, &job, result))
    })
    .await
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
            if let Err(e) = run_stepwise(&state, None).await {
                tracing::error!(error = %e, "job worker run failed");
            }
            crate::workflow::export::start_due(&state);
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
        // Exports left running with no job to finish them (made by an older version).
        super::export::fail_orphans(conn, now)?;
        // What has served its time is erased; the audit trail says so.
        let erased = crate::db::write_transaction(conn, |conn| {
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
