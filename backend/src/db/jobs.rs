//! Durable jobs: deadlines and retries live in the database, survive a restart, and each runs
//! once even with several instances — a job is claimed by a conditional UPDATE that only one
//! instance can win (portable equivalent of `FOR UPDATE SKIP LOCKED`), one job at a time, each
//! with its own lease; only the worker holding the lease records the outcome.
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
    /// Set when the job was given up on (its attempts used up); staff can retry it.
    pub failed_at: Option<NaiveDateTime>,
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

/// Which due jobs a worker takes.
#[derive(Debug, Clone, Copy)]
pub enum Claim<'a> {
    /// Every kind but this one (the worker leaves exports to their bounded runner).
    AllBut(JobKind),
    /// Only this kind.
    Kind(JobKind),
    /// Only these jobs (just committed by a change).
    Ids(&'a [i64]),
}

/// What a claim found.
#[derive(Debug)]
pub enum Claimed {
    /// A job, now reserved for the worker until its lease runs out.
    Job(JobRow),
    /// A job whose attempts were used up by workers that never finished it (they died while
    /// running it): no longer run, marked failed for staff to look at.
    GaveUp(JobRow),
    /// Nothing due.
    Nothing,
}

/// A job no worker holds: never finished, never given up, its lease (if any) run out.
macro_rules! claimable {
    ($query:expr, $now:expr) => {
        $query
            .filter(jobs::done_at.is_null())
            .filter(jobs::failed_at.is_null())
            .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt($now)))
    };
}

/// Claims the next due job for `worker` with a lease of its own, by a conditional UPDATE that
/// only one worker can win. A crashed worker's lease runs out and another worker takes the job
/// over; a job that has had `max_attempts(kind)` attempts is not run again but given up on.
pub fn claim_next(
    conn: &mut DbConnection,
    worker: &str,
    now: NaiveDateTime,
    lease: Duration,
    max_attempts: impl Fn(JobKind) -> i32,
    which: Claim,
) -> QueryResult<Claimed> {
    let mut query = claimable!(jobs::table, now)
        .filter(jobs::run_at.le(now))
        .order((jobs::run_at, jobs::id))
        .limit(8)
        .select((jobs::id, jobs::kind, jobs::attempts))
        .into_boxed();
    query = match which {
        Claim::AllBut(kind) => query.filter(jobs::kind.ne(kind)),
        Claim::Kind(kind) => query.filter(jobs::kind.eq(kind)),
        Claim::Ids(ids) => query.filter(jobs::id.eq_any(ids.to_vec())),
    };
    let candidates: Vec<(i64, JobKind, i32)> = query.load(conn)?;
    for (id, kind, attempts) in candidates {
        let target = claimable!(jobs::table.find(id), now).filter(jobs::attempts.eq(attempts));
        if attempts >= max_attempts(kind) {
            let error = format!(
                "gave up after {attempts} attempts: the last one never finished (its worker stopped)"
            );
            let won = diesel::update(target)
                .set((
                    jobs::failed_at.eq(now),
                    jobs::locked_until.eq(None::<NaiveDateTime>),
                    jobs::last_error.eq(error),
                ))
                .execute(conn)?;
            if won == 1 {
                return by_id(conn, id).map(|row| row.map_or(Claimed::Nothing, Claimed::GaveUp));
            }
            continue;
        }
        let won = diesel::update(target)
            .set((
                jobs::locked_by.eq(worker),
                jobs::locked_until.eq(now + lease),
                jobs::attempts.eq(jobs::attempts + 1),
            ))
            .execute(conn)?;
        if won == 1 {
            return by_id(conn, id).map(|row| row.map_or(Claimed::Nothing, Claimed::Job));
        }
    }
    Ok(Claimed::Nothing)
}

pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<JobRow>> {
    jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()
}

/// The job as long as `worker` still holds it: not finished, not given up, and not taken over
/// by another worker after its lease ran out.
fn held_by(id: i64, worker: &str) -> HeldBy<'_> {
    jobs::table
        .find(id)
        .filter(jobs::locked_by.eq(worker))
        .filter(jobs::done_at.is_null())
        .filter(jobs::failed_at.is_null())
}

type HeldBy<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<
            diesel::dsl::Find<jobs::table, i64>,
            diesel::dsl::Eq<jobs::locked_by, &'a str>,
        >,
        diesel::dsl::IsNull<jobs::done_at>,
    >,
    diesel::dsl::IsNull<jobs::failed_at>,
>;

/// Extends `worker`'s lease on a long job (a heartbeat); false when it was taken over.
pub fn renew(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(held_by(id, worker))
        .set(jobs::locked_until.eq(until))
        .execute(conn)
        .map(|n| n == 1)
}

/// Marks the job done, only for the worker that holds it; false (and nothing recorded) when
/// another worker took it over.
pub fn complete(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(held_by(id, worker))
        .set((
            jobs::done_at.eq(now),
            jobs::locked_until.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Tries again at `retry_at`, or gives up (failed, with the error kept, for staff to retry)
/// when that is `None`; only for the worker that holds the job, false otherwise.
pub fn fail(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = held_by(id, worker);
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
                jobs::failed_at.eq(now),
                jobs::locked_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
            ))
            .execute(conn),
    }
    .map(|n| n == 1)
}

/// The jobs given up on, most recently given up first ("Mislukte leveringen"), a page after
/// `after` (the failed-at and id of the previous page's last job). Webhook deliveries are not
/// among them: their log, replay and resume are the admin's, on the page "Koppelingen".
pub fn failed(
    conn: &mut DbConnection,
    after: Option<super::tasks::Cursor>,
    limit: i64,
) -> QueryResult<Vec<JobRow>> {
    let mut query = jobs::table
        .filter(jobs::failed_at.is_not_null())
        .filter(jobs::kind.ne(JobKind::DeliverWebhook))
        .order((jobs::failed_at.desc(), jobs::id.desc()))
        .limit(limit)
        .select(JobRow::as_select())
        .into_boxed();
    if let Some(c) = after {
        query = query.filter(
            jobs::failed_at
                .lt(c.created_at)
                .or(jobs::failed_at.eq(c.created_at).and(jobs::id.lt(c.id))),
        );
    }
    query.load(conn)
}

/// How many jobs were given up on (webhook deliveries aside).
pub fn failed_count(conn: &mut DbConnection) -> QueryResult<i64> {
    jobs::table
        .filter(jobs::failed_at.is_not_null())
        .filter(jobs::kind.ne(JobKind::DeliverWebhook))
        .count()
        .get_result(conn)
}

/// Puts a failed job back in the queue, due now, with its attempts counted afresh; false when
/// it is not failed (anymore).
pub fn retry(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(jobs::table.find(id).filter(jobs::failed_at.is_not_null()))
        .set((
            jobs::failed_at.eq(None::<NaiveDateTime>),
            jobs::attempts.eq(0),
            jobs::run_at.eq(now),
            jobs::locked_by.eq(None::<String>),
            jobs::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// An e-mail given up on goes back to the queue (its Message-ID stays).
pub fn requeue_email(conn: &mut DbConnection, email_id: i64) -> QueryResult<()> {
    use super::schema::emails;
    diesel::update(
        emails::table
            .find(email_id)
            .filter(emails::status.eq(crate::domain::jobs::EmailStatus::Failed)),
    )
    .set(emails::status.eq(crate::domain::jobs::EmailStatus::Queued))
    .execute(conn)
    .map(|_| ())
}

pub fn pending(conn: &mut DbConnection) -> QueryResult<Vec<JobRow>> {
    jobs::table
        .filter(jobs::done_at.is_null())
        .filter(jobs::failed_at.is_null())
        .order(jobs::run_at)
        .select(JobRow::as_select())
        .load(conn)
}
