//! Server-side sessions and the sign-ins on their way through an OpenID Connect provider.
use super::schema::{oidc_logins, sessions};
use super::DbConnection;
use crate::domain::role::{Provider, Role, SessionKind};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: i64,
    pub role: Role,
    pub means: String,
    pub kind: SessionKind,
    pub provider: Option<Provider>,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub checked_at: NaiveDateTime,
    /// The last time the provider confirmed the account (staff sessions).
    pub verified_at: NaiveDateTime,
    pub refresh_token: Option<String>,
    pub ended_at: Option<NaiveDateTime>,
    pub end_reason: Option<String>,
}

/// Never prints the CSRF or refresh token.
impl std::fmt::Debug for SessionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionRow")
            .field("user_id", &self.user_id)
            .field("role", &self.role)
            .field("kind", &self.kind)
            .field("provider", &self.provider)
            .field("expires_at", &self.expires_at)
            .field("ended_at", &self.ended_at)
            .finish_non_exhaustive()
    }
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub id: &'a str,
    pub user_id: i64,
    pub role: Role,
    pub means: &'a str,
    pub kind: SessionKind,
    pub provider: Option<Provider>,
    pub csrf_token: &'a str,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub checked_at: NaiveDateTime,
    pub verified_at: NaiveDateTime,
    pub refresh_token: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, new: &NewSession) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the session as used now (the idle timeout counts from here).
pub fn touch(conn: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Ends a session that is still open; true when this call ended it.
pub fn end(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
    reason: &str,
) -> QueryResult<bool> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::ended_at.is_null()),
    )
    .set((
        sessions::ended_at.eq(Some(now)),
        sessions::end_reason.eq(Some(reason)),
        sessions::refresh_token.eq(None::<String>),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// A successful check with the provider: when it was, and the refresh token to use next.
pub fn checked(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
    refresh_token: Option<&str>,
) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::ended_at.is_null()),
    )
    .set((
        sessions::checked_at.eq(now),
        sessions::verified_at.eq(now),
        sessions::refresh_token.eq(refresh_token),
    ))
    .execute(conn)
    .map(|_| ())
}

#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = oidc_logins)]
pub struct LoginRow {
    pub state: String,
    pub provider: Provider,
    pub nonce: String,
    pub pkce_verifier: String,
    pub means: Option<String>,
    pub return_to: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = oidc_logins)]
pub struct NewLogin<'a> {
    pub state: &'a str,
    pub provider: Provider,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub means: Option<&'a str>,
    pub return_to: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert_login(conn: &mut DbConnection, new: &NewLogin) -> QueryResult<()> {
    diesel::insert_into(oidc_logins::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

pub fn find_login(conn: &mut DbConnection, state: &str) -> QueryResult<Option<LoginRow>> {
    oidc_logins::table
        .find(state)
        .select(LoginRow::as_select())
        .first(conn)
        .optional()
}

pub enum LoginOutcome {
    Valid(LoginRow),
    Unknown,
    Used,
    Expired,
}

/// Spends a pending sign-in: it completes once, before it expires. The conditional update
/// succeeds for exactly one of two racing callbacks.
pub fn take_login(
    conn: &mut DbConnection,
    state: &str,
    now: NaiveDateTime,
) -> QueryResult<LoginOutcome> {
    let spent = diesel::update(
        oidc_logins::table
            .find(state)
            .filter(oidc_logins::used_at.is_null())
            .filter(oidc_logins::expires_at.gt(now)),
    )
    .set(oidc_logins::used_at.eq(Some(now)))
    .execute(conn)?;
    let row: Option<LoginRow> = oidc_logins::table
        .find(state)
        .select(LoginRow::as_select())
        .first(conn)
        .optional()?;
    Ok(match row {
        None => LoginOutcome::Unknown,
        Some(row) if spent == 1 => LoginOutcome::Valid(row),
        Some(row) if row.used_at.is_some() && row.used_at != Some(now) => LoginOutcome::Used,
        Some(row) if row.expires_at <= now => LoginOutcome::Expired,
        Some(_) => LoginOutcome::Used,
    })
}

/// Claims the next check of a session with its provider: true for exactly one of several
/// requests that find the check due at once.
pub fn claim_check(
    conn: &mut DbConnection,
    id: &str,
    last_checked: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::checked_at.eq(last_checked))
            .filter(sessions::ended_at.is_null()),
    )
    .set(sessions::checked_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}

/// Housekeeping: ends the sessions whose time is up (dropping their refresh tokens) and
/// forgets sign-ins that were never completed. Answers (sessions ended, sign-ins deleted).
pub fn sweep(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    idle_minutes: i64,
) -> QueryResult<(usize, usize)> {
    let expired = diesel::update(
        sessions::table
            .filter(sessions::ended_at.is_null())
            .filter(sessions::expires_at.le(now)),
    )
    .set((
        sessions::ended_at.eq(Some(now)),
        sessions::end_reason.eq(Some("expired")),
        sessions::refresh_token.eq(None::<String>),
    ))
    .execute(conn)?;
    let idle = diesel::update(
        sessions::table
            .filter(sessions::ended_at.is_null())
            .filter(sessions::last_seen_at.le(now - chrono::Duration::minutes(idle_minutes))),
    )
    .set((
        sessions::ended_at.eq(Some(now)),
        sessions::end_reason.eq(Some("idle")),
        sessions::refresh_token.eq(None::<String>),
    ))
    .execute(conn)?;
    let logins = diesel::delete(
        oidc_logins::table.filter(oidc_logins::expires_at.le(now - chrono::Duration::hours(1))),
    )
    .execute(conn)?;
    Ok((expired + idle, logins))
}
