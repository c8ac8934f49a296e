//! Police advice for model 596.2: when the police have not answered in time, staff are asked
//! to register the advice in the police's name.
use super::Actor;
use crate::db::{audit, requests, DbConnection};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::domain::history::{AdviceDeadlinePassedDetails, HistoryDetails};
use crate::domain::request::Status;
use crate::domain::task::{TaskStatus, TaskType};
use crate::startup::AppState;
use chrono::Duration;

/// How long staff have to register the advice in the police's name once the police's own
/// time is up (the task's due date).
pub const STAFF_ADVICE_DAYS: i64 = 5;

/// The deadline job: still no advice, so a task "Advies geven" is set for staff, due in
/// [`STAFF_ADVICE_DAYS`] days; the request's version changes with it.
pub fn deadline_passed(
    conn: &mut DbConnection,
    state: &AppState,
    request_id: i64,
) -> Result<(), String> {
    crate::db::write_transaction(conn, |conn| set_advice_task(conn, state, request_id))
        .map_err(|e: diesel::result::Error| e.to_string())
}

fn set_advice_task(
    conn: &mut DbConnection,
    state: &AppState,
    request_id: i64,
) -> diesel::QueryResult<()> {
    let request = requests::by_id(conn, request_id)?;
    if request.status != Status::AwaitingPoliceAdvice {
        return Ok(());
    }
    let tasks = requests::tasks_of(conn, request_id)?;
    if tasks
        .iter()
        .any(|t| t.task_type == TaskType::GiveAdvice && t.status == TaskStatus::Open)
    {
        return Ok(());
    }
    let now = state.clock.now_naive();
    let due = now + Duration::days(STAFF_ADVICE_DAYS);
    requests::insert_task(
        conn,
        request_id,
        TaskType::GiveAdvice,
        TaskStatus::Open,
        Some(due),
        now,
    )?;
    requests::touch(conn, request_id, now)?;
    let system = Actor::system();
    let event = AuditEvent::request(
        &system,
        AuditAction::AdviceDeadlinePassed,
        &request.reference,
    )
    .details(HistoryDetails::AdviceDeadlinePassed(
        AdviceDeadlinePassedDetails {
            days: state.config.police_advice_days,
        },
    ));
    audit::record(conn, now, &event)
}
