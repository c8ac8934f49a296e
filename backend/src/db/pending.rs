//! Requests of people who did not sign in, waiting for the confirmation of their e-mail address.
use super::schema::pending_requests;
use super::DbConnection;
use crate::domain::request::Channel;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = pending_requests)]
pub struct PendingRow {
    pub id: i64,
    pub token_hash: String,
    pub email: String,
    /// The request as it was sent (the API's JSON body).
    pub submission: String,
    pub via: Channel,
    pub idempotency_key: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub request_id: Option<i64>,
}

#[derive(Insertable)]
#[diesel(table_name = pending_requests)]
pub struct NewPending<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub submission: &'a str,
    pub via: Channel,
    pub idempotency_key: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewPending) -> QueryResult<()> {
    diesel::insert_into(pending_requests::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

pub fn by_token_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<PendingRow>> {
    pending_requests::table
        .filter(pending_requests::token_hash.eq(hash))
        .select(PendingRow::as_select())
        .first(conn)
        .optional()
}

/// Claims the confirmation: true for exactly one of two racing clicks.
pub fn claim(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        pending_requests::table
            .find(id)
            .filter(pending_requests::confirmed_at.is_null())
            .filter(pending_requests::expires_at.gt(now)),
    )
    .set(pending_requests::confirmed_at.eq(Some(now)))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn confirmed(conn: &mut DbConnection, id: i64, request_id: i64) -> QueryResult<()> {
    diesel::update(pending_requests::table.find(id))
        .set(pending_requests::request_id.eq(Some(request_id)))
        .execute(conn)
        .map(|_| ())
}

/// Gives a claimed confirmation back (the submission failed, e.g. a register outage).
pub fn unclaim(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(pending_requests::table.find(id))
        .set(pending_requests::confirmed_at.eq(None::<NaiveDateTime>))
        .execute(conn)
        .map(|_| ())
}

/// Forgets requests whose 24 hours are over: unconfirmed ones are gone, and a confirmed one's
/// link stops working (the request itself lives on). Answers how many.
pub fn forget_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(pending_requests::table.filter(pending_requests::expires_at.le(now)))
        .execute(conn)
}

/// A request still waiting under this Idempotency-Key.
pub fn by_idempotency_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<PendingRow>> {
    pending_requests::table
        .filter(pending_requests::idempotency_key.eq(key))
        .filter(pending_requests::request_id.is_null())
        .select(PendingRow::as_select())
        .first(conn)
        .optional()
}
