//! Police advice for model 596.2: when the police have not answered in time, staff are asked
//! to register the advice in the police's name.
use super::Actor;
use crate::db::{audit, requests, DbConnection};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::domain::request::Status;
use crate::domain::task::{TaskStatus, TaskType};
use crate::startup::AppState;
use serde_json::json;

/// The deadline job: still no advice, so a task "Advies geven" is set for staff.
pub fn deadline_passed(
    conn: &mut DbConnection,
    state: &AppState,
    request_id: i64,
) -> Result<(), String> {
    let request = requests::by_id(conn, request_id).map_err(|e| e.to_string())?;
    if request.status != Status::AwaitingPoliceAdvice {
        return Ok(());
    }
    let tasks = requests::tasks_of(conn, request_id).map_err(|e| e.to_string())?;
    if tasks
        .iter()
        .any(|t| t.task_type == TaskType::GiveAdvice && t.status == TaskStatus::Open)
    {
        return Ok(());
    }
    let now = state.clock.now_naive();
    requests::insert_task(
        conn,
        request_id,
        TaskType::GiveAdvice,
        TaskStatus::Open,
        Some(now),
        now,
    )
    .map_err(|e| e.to_string())?;
    let system = Actor::system();
    let event = AuditEvent::request(
        &system,
        AuditAction::AdviceDeadlinePassed,
        &request.reference,
    )
    .details(json!({ "days": state.config.police_advice_days }));
    audit::record(conn, now, &event).map_err(|e| e.to_string())
}
