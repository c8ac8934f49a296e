//! Police advice for model 596.2: when the police have not answered in time, staff are asked
//! to register the advice in the police's name.
use super::{record, Actor};
use crate::db::{requests, DbConnection};
use crate::domain::request::Status;
use crate::startup::AppState;
use serde_json::json;

/// The deadline job: still no advice, so a task "Advies geven" is set for staff.
pub fn deadline_passed(
    conn: &mut DbConnection,
    state: &AppState,
    request_id: i64,
) -> Result<(), String> {
    let request = requests::by_id(conn, request_id).map_err(|e| e.to_string())?;
    if Status::parse(&request.status) != Some(Status::AwaitingPoliceAdvice) {
        return Ok(());
    }
    let tasks = requests::tasks_of(conn, request_id).map_err(|e| e.to_string())?;
    if tasks
        .iter()
        .any(|t| t.task_type == "give_advice" && t.status == "open")
    {
        return Ok(());
    }
    let now = state.clock.now_naive();
    requests::insert_task(conn, request_id, "give_advice", "open", Some(now), now)
        .map_err(|e| e.to_string())?;
    record(
        conn,
        now,
        &Actor::system(),
        &request.reference,
        "advice_deadline_passed",
        Some("De politie gaf geen advies binnen de termijn."),
        Some(json!({ "days": state.config.police_advice_days })),
    )
    .map_err(|e| e.to_string())
}
