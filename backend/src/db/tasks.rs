//! Inbox queries over tasks with their request, document type and assignee.
use super::schema::{document_types, requests, tasks, users};
use super::DbConnection;
use crate::domain::task::{TaskStatus, TaskType};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Copy)]
pub enum Filter {
    Open,
    OpenFor(i64),
    Parked,
}

/// Where a page ends: (created_at, id) of its last task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: NaiveDateTime,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        // Nanoseconds: SQLite keeps them, and a coarser cursor would repeat its own row.
        let nanos = self
            .created_at
            .and_utc()
            .timestamp_nanos_opt()
            .unwrap_or(i64::MAX);
        format!("{nanos}_{}", self.id)
    }

    /// Exactly what `encode` writes and the OpenAPI document's pattern allows:
    /// `<nanoseconds>_<id>`, numbers that fit (up to 18 digits, or 19 that start with 1 to 8),
    /// so every such cursor is a place to continue from.
    pub fn decode(s: &str) -> Option<Self> {
        let (nanos, id) = s.split_once('_')?;
        let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        let fits = |d: &str| match d.len() {
            1..=18 => digits(d),
            19 => digits(d) && matches!(d.as_bytes().first(), Some(b'1'..=b'8')),
            _ => false,
        };
        let unsigned = nanos.strip_prefix('-').unwrap_or(nanos);
        let id_fits = (1..=18).contains(&id.len()) && digits(id);
        if !(fits(unsigned) && id_fits) {
            return None;
        }
        let created_at = chrono::DateTime::from_timestamp_nanos(nanos.parse().ok()?).naive_utc();
        Some(Self {
            created_at,
            id: id.parse().ok()?,
        })
    }
}

#[derive(Debug, Clone, Queryable)]
pub struct InboxRow {
    pub id: i64,
    pub task_type: TaskType,
    pub created_at: NaiveDateTime,
    pub due_at: Option<NaiveDateTime>,
    pub reference: String,
    pub requester_name: String,
    pub document_type_code: String,
    pub document_type_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
}

impl InboxRow {
    pub fn cursor(&self) -> Cursor {
        Cursor {
            created_at: self.created_at,
            id: self.id,
        }
    }
}

/// `types`: only tasks of requests of these document types (an API client's restriction).
pub fn page(
    conn: &mut DbConnection,
    filter: Filter,
    types: Option<&[String]>,
    after: Option<Cursor>,
    limit: i64,
) -> QueryResult<Vec<InboxRow>> {
    let mut query = tasks::table
        .inner_join(requests::table.inner_join(document_types::table))
        .left_join(users::table.on(users::id.nullable().eq(tasks::assignee_user_id)))
        .select((
            tasks::id,
            tasks::task_type,
            tasks::created_at,
            tasks::due_at,
            requests::reference,
            requests::requester_name,
            requests::document_type_code,
            document_types::name,
            users::id.nullable(),
            users::display_name.nullable(),
        ))
        .order((tasks::created_at, tasks::id))
        .limit(limit)
        .into_boxed();
    query = match filter {
        Filter::Open => query.filter(tasks::status.eq(TaskStatus::Open)),
        Filter::OpenFor(user) => query
            .filter(tasks::status.eq(TaskStatus::Open))
            .filter(tasks::assignee_user_id.eq(user)),
        Filter::Parked => query.filter(tasks::status.eq(TaskStatus::Parked)),
    };
    if let Some(types) = types {
        query = query.filter(requests::document_type_code.eq_any(types.to_vec()));
    }
    if let Some(c) = after {
        // A plain range first, so the index is used from the cursor on; then ties by id.
        query = query.filter(
            tasks::created_at
                .ge(c.created_at)
                .and(tasks::created_at.gt(c.created_at).or(tasks::id.gt(c.id))),
        );
    }
    query.load(conn)
}

pub fn count(
    conn: &mut DbConnection,
    filter: Filter,
    types: Option<&[String]>,
) -> QueryResult<i64> {
    let mut query = tasks::table
        .inner_join(requests::table)
        .count()
        .into_boxed();
    if let Some(types) = types {
        query = query.filter(requests::document_type_code.eq_any(types.to_vec()));
    }
    let query = match filter {
        Filter::Open => query.filter(tasks::status.eq(TaskStatus::Open)),
        Filter::OpenFor(user) => query
            .filter(tasks::status.eq(TaskStatus::Open))
            .filter(tasks::assignee_user_id.eq(user)),
        Filter::Parked => query.filter(tasks::status.eq(TaskStatus::Parked)),
    };
    query.get_result(conn)
}

/// (request id, task type, status, assignee) of a task.
pub type TaskState = (i64, TaskType, TaskStatus, Option<i64>);

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<TaskState>> {
    tasks::table
        .find(id)
        .select((
            tasks::request_id,
            tasks::task_type,
            tasks::status,
            tasks::assignee_user_id,
        ))
        .first(conn)
        .optional()
}

/// Sets the assignee of an open task; with `only_if_unassigned` only one of two racing
/// claims wins. Returns whether the task changed.
pub fn set_assignee(
    conn: &mut DbConnection,
    id: i64,
    assignee: Option<i64>,
    only_if_unassigned: bool,
) -> QueryResult<bool> {
    let target = tasks::table
        .find(id)
        .filter(tasks::status.eq(TaskStatus::Open));
    let updated = if only_if_unassigned {
        diesel::update(target.filter(tasks::assignee_user_id.is_null()))
            .set((
                tasks::assignee_user_id.eq(assignee),
                tasks::version.eq(tasks::version + 1),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                tasks::assignee_user_id.eq(assignee),
                tasks::version.eq(tasks::version + 1),
            ))
            .execute(conn)?
    };
    Ok(updated == 1)
}
