//! API clients and their secrets (kept as argon2 hashes only).
use super::schema::{api_client_requests, api_client_secrets, api_clients, users};
use super::DbConnection;
use crate::domain::role::Role;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_clients)]
pub struct ClientRow {
    pub id: i64,
    pub client_id: String,
    pub user_id: i64,
    pub name: String,
    pub scopes: String,
    pub document_types: Option<String>,
    pub contact_email: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ClientRow {
    /// The document types it is restricted to; `None`: every type.
    pub fn document_types(&self) -> Option<Vec<String>> {
        self.document_types
            .as_deref()
            .map(|t| t.split(',').map(str::to_owned).collect())
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_client_secrets)]
pub struct SecretRow {
    pub id: i64,
    pub api_client_id: i64,
    pub hash: String,
    pub hint: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
}

/// What a client is (scopes as a space-separated list, document types comma-separated).
pub struct ClientFields<'a> {
    pub name: &'a str,
    pub scopes: &'a str,
    pub document_types: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub active: bool,
}

/// A new client with its account (users role `client`, username `client:<client_id>`).
pub fn create(
    conn: &mut DbConnection,
    client_id: &str,
    fields: &ClientFields,
    now: NaiveDateTime,
) -> QueryResult<ClientRow> {
    let username = format!("client:{client_id}");
    diesel::insert_into(users::table)
        .values((
            users::role.eq(Role::Client),
            users::username.eq(Some(&username)),
            users::display_name.eq(fields.name),
            users::created_at.eq(now),
        ))
        .execute(conn)?;
    let user_id: i64 = users::table
        .filter(users::username.eq(&username))
        .select(users::id)
        .first(conn)?;
    diesel::insert_into(api_clients::table)
        .values((
            api_clients::client_id.eq(client_id),
            api_clients::user_id.eq(user_id),
            api_clients::name.eq(fields.name),
            api_clients::scopes.eq(fields.scopes),
            api_clients::document_types.eq(fields.document_types),
            api_clients::contact_email.eq(fields.contact_email),
            api_clients::active.eq(fields.active),
            api_clients::created_at.eq(now),
            api_clients::updated_at.eq(now),
        ))
        .execute(conn)?;
    by_client_id(conn, client_id)?.ok_or(diesel::result::Error::NotFound)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    fields: &ClientFields,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(api_clients::table.find(id))
        .set((
            api_clients::name.eq(fields.name),
            api_clients::scopes.eq(fields.scopes),
            api_clients::document_types.eq(fields.document_types),
            api_clients::contact_email.eq(fields.contact_email),
            api_clients::active.eq(fields.active),
            api_clients::updated_at.eq(now),
        ))
        .execute(conn)?;
    let user_id: i64 = api_clients::table
        .find(id)
        .select(api_clients::user_id)
        .first(conn)?;
    diesel::update(users::table.find(user_id))
        .set(users::display_name.eq(fields.name))
        .execute(conn)
        .map(|_| ())
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<ClientRow>> {
    api_clients::table
        .order(api_clients::name)
        .select(ClientRow::as_select())
        .load(conn)
}

pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ClientRow>> {
    api_clients::table
        .find(id)
        .select(ClientRow::as_select())
        .first(conn)
        .optional()
}

/// The client whose account this is, if it is one.
pub fn by_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<ClientRow>> {
    api_clients::table
        .filter(api_clients::user_id.eq(user_id))
        .select(ClientRow::as_select())
        .first(conn)
        .optional()
}

pub fn by_client_id(conn: &mut DbConnection, client_id: &str) -> QueryResult<Option<ClientRow>> {
    api_clients::table
        .filter(api_clients::client_id.eq(client_id))
        .select(ClientRow::as_select())
        .first(conn)
        .optional()
}

/// Every secret of a client, newest first, revoked ones included.
pub fn secrets(conn: &mut DbConnection, client: i64) -> QueryResult<Vec<SecretRow>> {
    api_client_secrets::table
        .filter(api_client_secrets::api_client_id.eq(client))
        .order(api_client_secrets::id.desc())
        .select(SecretRow::as_select())
        .load(conn)
}

pub fn secret(conn: &mut DbConnection, client: i64, id: i64) -> QueryResult<Option<SecretRow>> {
    api_client_secrets::table
        .filter(api_client_secrets::api_client_id.eq(client))
        .filter(api_client_secrets::id.eq(id))
        .select(SecretRow::as_select())
        .first(conn)
        .optional()
}

pub fn add_secret(
    conn: &mut DbConnection,
    client: i64,
    hash: &str,
    hint: &str,
    now: NaiveDateTime,
) -> QueryResult<SecretRow> {
    diesel::insert_into(api_client_secrets::table)
        .values((
            api_client_secrets::api_client_id.eq(client),
            api_client_secrets::hash.eq(hash),
            api_client_secrets::hint.eq(hint),
            api_client_secrets::created_at.eq(now),
        ))
        .execute(conn)?;
    api_client_secrets::table
        .filter(api_client_secrets::api_client_id.eq(client))
        .filter(api_client_secrets::hash.eq(hash))
        .select(SecretRow::as_select())
        .first(conn)
}

/// Revokes a secret; false when it was revoked already.
pub fn revoke_secret(
    conn: &mut DbConnection,
    client: i64,
    id: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        api_client_secrets::table
            .filter(api_client_secrets::api_client_id.eq(client))
            .filter(api_client_secrets::id.eq(id))
            .filter(api_client_secrets::revoked_at.is_null()),
    )
    .set(api_client_secrets::revoked_at.eq(Some(now)))
    .execute(conn)
    .map(|n| n > 0)
}

/// Notes that a secret was used to get a token (shown to the admin: "last used").
pub fn secret_used(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(api_client_secrets::table.find(id))
        .set(api_client_secrets::last_used_at.eq(Some(now)))
        .execute(conn)
        .map(|_| ())
}

/// Records that a client submitted a request.
pub fn submitted(conn: &mut DbConnection, client: i64, request: i64) -> QueryResult<()> {
    diesel::insert_into(api_client_requests::table)
        .values((
            api_client_requests::request_id.eq(request),
            api_client_requests::api_client_id.eq(client),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The client that submitted a request, if one did: its id and name.
pub fn submitter(conn: &mut DbConnection, request: i64) -> QueryResult<Option<(String, String)>> {
    api_client_requests::table
        .inner_join(api_clients::table)
        .filter(api_client_requests::request_id.eq(request))
        .select((api_clients::client_id, api_clients::name))
        .first(conn)
        .optional()
}
