//! Durable jobs: deadlines and retries live in the database, survive a restart, and each runs
//! once even with several instances — a job is claimed by a conditional UPDATE that only one
//! instance can win (portable equivalent of `FOR UPDATE SKIP LOCKED`).
use super::schema::jobs;
use super::DbConnection;
use crate::domain::jobs::JobKind;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: i64,
    pub kind: JobKind,
    pub payload: String,
    pub run_at: NaiveDateTime,
    pub attempts: i32,
    pub locked_by: Option<String>,
    pub locked_until: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn enqueue(
    conn: &mut DbConnection,
    kind: JobKind,
    payload: &str,
    run_at: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::payload.eq(payload),
            jobs::run_at.eq(run_at),
            jobs::created_at.eq(now),
        ))
        .returning(jobs::id)
        .get_result(conn)
}

/// Claims up to `limit` due jobs (of `only`, when given) for `worker` for `lease`; a crashed worker's lease runs out
/// and another instance takes the job over.
pub fn claim_due(
    conn: &mut DbConnection,
    worker: &str,
    now: NaiveDateTime,
    lease: Duration,
    limit: i64,
    only: Option<&[i64]>,
) -> QueryResult<Vec<JobRow>> {
    let mut query = jobs::table
        .filter(jobs::done_at.is_null())
        .filter(jobs::run_at.le(now))
        .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt(now)))
        .order((jobs::run_at, jobs::id))
        .limit(limit)
        .select(jobs::id)
        .into_boxed();
    if let Some(ids) = only {
        query = query.filter(jobs::id.eq_any(ids.to_vec()));
    }
    let candidates: Vec<i64> = query.load(conn)?;
    let mut claimed = Vec::new();
    for id in candidates {
        let won = diesel::update(
            jobs::table
                .find(id)
                .filter(jobs::done_at.is_null())
                .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt(now))),
        )
        .set((
            jobs::locked_by.eq(worker),
            jobs::locked_until.eq(now + lease),
            jobs::attempts.eq(jobs::attempts + 1),
        ))
        .execute(conn)?;
        if won == 1 {
            claimed.push(
                jobs::table
                    .find(id)
                    .select(JobRow::as_select())
                    .first(conn)?,
            );
        }
    }
    Ok(claimed)
}

pub fn complete(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::done_at.eq(now),
            jobs::locked_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Tries again at `retry_at`, or gives up (done, with the error kept) when that is `None`.
pub fn fail(
    conn: &mut DbConnection,
    id: i64,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let target = jobs::table.find(id);
    match retry_at {
        Some(at) => diesel::update(target)
            .set((
                jobs::run_at.eq(at),
                jobs::locked_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
            ))
            .execute(conn),
        None => diesel::update(target)
            .set((
                jobs::done_at.eq(now),
                jobs::locked_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
            ))
            .execute(conn),
    }
    .map(|_| ())
}

pub fn pending(conn: &mut DbConnection) -> QueryResult<Vec<JobRow>> {
    jobs::table
        .filter(jobs::done_at.is_null())
        .order(jobs::run_at)
        .select(JobRow::as_select())
        .load(conn)
}
