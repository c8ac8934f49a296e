//! Accounts of people who signed in.
use super::schema::users;
use super::DbConnection;
use crate::domain::role::Role;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub role: Role,
    pub username: Option<String>,
    pub national_number: Option<String>,
    pub display_name: String,
    pub email: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub role: Role,
    pub username: Option<&'a str>,
    pub national_number: Option<&'a str>,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

/// How an account is found again: by national number (citizens) or username (staff, police).
pub enum UserKey<'a> {
    NationalNumber(&'a str),
    Username(&'a str),
}

pub fn find(conn: &mut DbConnection, key: &UserKey) -> QueryResult<Option<UserRow>> {
    let query = users::table.select(UserRow::as_select()).into_boxed();
    let query = match key {
        UserKey::NationalNumber(n) => query.filter(users::national_number.eq(*n)),
        UserKey::Username(u) => query.filter(users::username.eq(*u)),
    };
    query.first(conn).optional()
}

pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Finds the account, or makes it on first sign-in; keeps name, e-mail and kind up to date.
/// Writes first and reads after, so concurrent sign-ins of one person cannot collide.
pub fn upsert(conn: &mut DbConnection, key: UserKey, new: NewUser) -> QueryResult<UserRow> {
    let update = |conn: &mut DbConnection| {
        let target = users::table.into_boxed();
        let target = match &key {
            UserKey::NationalNumber(n) => target.filter(users::national_number.eq(*n)),
            UserKey::Username(u) => target.filter(users::username.eq(*u)),
        };
        let ids: Vec<i64> = target.select(users::id).load(conn)?;
        let mut updated = 0;
        for id in ids {
            // The directory decides the kind of account (a police officer may move to staff).
            updated += diesel::update(users::table.find(id))
                .set((
                    users::display_name.eq(new.display_name),
                    users::role.eq(new.role),
                ))
                .execute(conn)?;
            if let Some(email) = new.email {
                diesel::update(users::table.find(id))
                    .set(users::email.eq(email))
                    .execute(conn)?;
            }
        }
        Ok::<usize, diesel::result::Error>(updated)
    };
    if update(conn)? == 0 {
        match diesel::insert_into(users::table).values(&new).execute(conn) {
            Ok(_) => {}
            // Another sign-in of the same person created it a moment ago.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                update(conn)?;
            }
            Err(e) => return Err(e),
        }
    }
    find(conn, &key)?.ok_or(diesel::result::Error::NotFound)
}

pub fn touch_login(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::last_login_at.eq(Some(at)))
        .execute(conn)
        .map(|_| ())
}

/// Staff accounts, by name.
pub fn staff(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::role.eq(Role::Staff))
        .order(users::display_name)
        .select(UserRow::as_select())
        .load(conn)
}

/// A staff account found by its provider's `iss sub`, which never changes. The first sign-in
/// of an account known only by username claims it; a username that now belongs to someone else
/// (another subject) is taken from the old account, which keeps its history under
/// `username~id`.
pub fn upsert_staff(conn: &mut DbConnection, subject: &str, new: NewUser) -> QueryResult<UserRow> {
    let username = new.username.ok_or(diesel::result::Error::NotFound)?;
    let by_subject: Option<i64> = users::table
        .filter(users::oidc_subject.eq(subject))
        .select(users::id)
        .first(conn)
        .optional()?;
    let id = match by_subject {
        Some(id) => id,
        None => {
            let by_name: Option<(i64, Option<String>)> = users::table
                .filter(users::username.eq(username))
                .select((users::id, users::oidc_subject))
                .first(conn)
                .optional()?;
            match by_name {
                Some((id, None)) => id,
                Some((old, Some(_))) => {
                    free_username(conn, old)?;
                    insert_for(conn, &new)?
                }
                None => insert_for(conn, &new)?,
            }
        }
    };
    let holder: Option<i64> = users::table
        .filter(users::username.eq(username))
        .filter(users::id.ne(id))
        .select(users::id)
        .first(conn)
        .optional()?;
    if let Some(holder) = holder {
        free_username(conn, holder)?;
    }
    diesel::update(users::table.find(id))
        .set((
            users::oidc_subject.eq(Some(subject)),
            users::username.eq(Some(username)),
            users::display_name.eq(new.display_name),
            users::email.eq(new.email),
            users::role.eq(new.role),
        ))
        .execute(conn)?;
    by_id(conn, id)?.ok_or(diesel::result::Error::NotFound)
}

fn insert_for(conn: &mut DbConnection, new: &NewUser) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values(new)
        .execute(conn)?;
    users::table
        .filter(users::username.eq(new.username))
        .select(users::id)
        .first(conn)
}

fn free_username(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    let old: Option<String> = users::table.find(id).select(users::username).first(conn)?;
    let freed = format!("{}~{id}", old.unwrap_or_default());
    diesel::update(users::table.find(id))
        .set(users::username.eq(Some(freed)))
        .execute(conn)
        .map(|_| ())
}
