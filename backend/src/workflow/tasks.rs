//! Who works on a task: claim, assign to a colleague, release. One transaction per change,
//! with its audit event.
use super::{Result, WorkflowError};
use crate::db::{self, audit, requests, tasks, users, DbConnection};
use crate::domain::audit::{Actor, AuditEvent};
use crate::domain::history::{HistoryDetails, TaskChangeDetails};
use crate::domain::ids::{TaskId, UserId};
use crate::domain::role::Role;
use crate::domain::task::TaskStatus;
use crate::startup::AppState;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Claim,
    /// To this colleague.
    Assign(UserId),
    Release,
}

/// A task's new assignee (id and name), or nobody.
pub type Assignee = Option<(UserId, String)>;

fn name_of(conn: &mut DbConnection, UserId(id): UserId) -> Result<String> {
    Ok(users::by_id(conn, id)?
        .map(|u| u.display_name)
        .unwrap_or_default())
}

/// Which kind of history entry a change is.
type ChangeKind = fn(TaskChangeDetails) -> HistoryDetails;

/// Applies the change; returns the assignee and the kind of history entry it is.
fn apply(
    conn: &mut DbConnection,
    actor: &Actor,
    TaskId(id): TaskId,
    change: Change,
    current: Option<i64>,
) -> Result<(Option<UserId>, ChangeKind)> {
    match change {
        Change::Claim => {
            let me = actor
                .id
                .ok_or_else(|| WorkflowError::internal("claim without a user"))?;
            if !tasks::set_assignee(conn, id, Some(me), true)? {
                let holder = match current.or(tasks::get(conn, id)?.and_then(|t| t.3)) {
                    Some(uid) => name_of(conn, UserId(uid))?,
                    None => "a colleague".into(),
                };
                return Err(WorkflowError::TaskAlreadyClaimed { holder });
            }
            Ok((Some(UserId(me)), HistoryDetails::TaskClaimed))
        }
        Change::Assign(UserId(to)) => {
            let colleague = users::by_id(conn, to)?
                .filter(|u| u.role == Role::Staff)
                .ok_or(WorkflowError::NotAColleague)?;
            tasks::set_assignee(conn, id, Some(colleague.id), false)?;
            Ok((Some(UserId(colleague.id)), HistoryDetails::TaskAssigned))
        }
        Change::Release => {
            tasks::set_assignee(conn, id, None, false)?;
            Ok((None, HistoryDetails::TaskReleased))
        }
    }
}

pub async fn change_assignee(
    state: &Arc<AppState>,
    actor: Actor,
    task: TaskId,
    change: Change,
) -> Result<Assignee> {
    let now = state.clock.now_naive();
    db::blocking(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let (request_id, task_type, status, current) =
                tasks::get(conn, task.0)?.ok_or(WorkflowError::UnknownTask(task))?;
            if status != TaskStatus::Open {
                return Err(WorkflowError::TaskNotOpen(task));
            }
            let (assignee, kind) = apply(conn, &actor, task, change, current)?;
            let assignee = match assignee {
                Some(uid) => Some((uid, name_of(conn, uid)?)),
                None => None,
            };
            requests::touch(conn, request_id, now)?;
            let request = requests::by_id(conn, request_id)?;
            let details = kind(TaskChangeDetails {
                task: task_type,
                task_id: task.0,
                assignee: assignee.as_ref().map(|a| a.1.clone()),
            });
            let event =
                AuditEvent::request(&actor, details.action(), &request.reference).details(details);
            audit::record(conn, now, &event)?;
            Ok(assignee)
        })
    })
    .await
}
