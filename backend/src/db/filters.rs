//! Saved search filters (private, shared, or the system's) and Excel exports.
use super::schema::{exports, saved_filters, users};
use super::DbConnection;
use crate::domain::jobs::ExportStatus;
use crate::domain::labels::ReportLanguage;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable)]
pub struct FilterRow {
    pub id: i64,
    pub owner_user_id: Option<i64>,
    pub name: String,
    pub criteria: String,
    pub shared: bool,
    pub system: bool,
    pub owner_name: Option<String>,
}

type FilterColumns = (
    saved_filters::id,
    saved_filters::owner_user_id,
    saved_filters::name,
    saved_filters::criteria,
    saved_filters::shared,
    saved_filters::system,
    diesel::dsl::Nullable<users::display_name>,
);

/// A filter's columns and its owner's name.
fn filter_columns() -> FilterColumns {
    (
        saved_filters::id,
        saved_filters::owner_user_id,
        saved_filters::name,
        saved_filters::criteria,
        saved_filters::shared,
        saved_filters::system,
        users::display_name.nullable(),
    )
}

/// What a staff member sees: the system filters, their own, and colleagues' shared ones.
pub fn visible(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<FilterRow>> {
    saved_filters::table
        .left_join(users::table.on(users::id.nullable().eq(saved_filters::owner_user_id)))
        .filter(
            saved_filters::system
                .eq(true)
                .or(saved_filters::owner_user_id.eq(user_id))
                .or(saved_filters::shared.eq(true)),
        )
        .order((
            saved_filters::system.desc(),
            saved_filters::name,
            saved_filters::id,
        ))
        .select(filter_columns())
        .load(conn)
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<FilterRow>> {
    saved_filters::table
        .left_join(users::table.on(users::id.nullable().eq(saved_filters::owner_user_id)))
        .filter(saved_filters::id.eq(id))
        .select(filter_columns())
        .first(conn)
        .optional()
}

pub fn insert(
    conn: &mut DbConnection,
    owner: i64,
    name: &str,
    criteria: &str,
    shared: bool,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(saved_filters::table)
        .values((
            saved_filters::owner_user_id.eq(owner),
            saved_filters::name.eq(name),
            saved_filters::criteria.eq(criteria),
            saved_filters::shared.eq(shared),
            saved_filters::system.eq(false),
            saved_filters::created_at.eq(now),
            saved_filters::updated_at.eq(now),
        ))
        .returning(saved_filters::id)
        .get_result(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    name: &str,
    criteria: &str,
    shared: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(saved_filters::table.find(id))
        .set((
            saved_filters::name.eq(name),
            saved_filters::criteria.eq(criteria),
            saved_filters::shared.eq(shared),
            saved_filters::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(saved_filters::table.find(id))
        .execute(conn)
        .map(|_| ())
}

#[derive(Debug, Clone, Queryable)]
pub struct ExportRow {
    pub id: String,
    pub user_id: i64,
    pub status: ExportStatus,
    pub total_rows: i64,
    pub rows_written: i64,
    pub file_name: String,
    pub error: Option<String>,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

/// A new export: its criteria (as given), sort and language, so any instance can make it.
pub struct NewExport<'a> {
    pub id: &'a str,
    pub user_id: i64,
    pub criteria: &'a str,
    pub sort: Option<&'a str>,
    pub language: ReportLanguage,
    pub total: i64,
    pub file_name: &'a str,
}

pub fn create_export(
    conn: &mut DbConnection,
    new: &NewExport,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(exports::table)
        .values((
            exports::id.eq(new.id),
            exports::user_id.eq(new.user_id),
            exports::criteria.eq(new.criteria),
            exports::sort.eq(new.sort),
            exports::language.eq(Some(new.language)),
            exports::status.eq(ExportStatus::Running),
            exports::total_rows.eq(new.total),
            exports::rows_written.eq(0i64),
            exports::file_name.eq(new.file_name),
            exports::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// What an export is of: `(criteria as given, sort, language)`.
pub fn export_order(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<(String, Option<String>, Option<ReportLanguage>)> {
    exports::table
        .find(id)
        .select((exports::criteria, exports::sort, exports::language))
        .first(conn)
}

/// Ends a running export as failed with `error` (shown to the staff member); false when it was
/// not running.
pub fn fail_running_export(
    conn: &mut DbConnection,
    id: &str,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exports::table
            .find(id)
            .filter(exports::status.eq(ExportStatus::Running)),
    )
    .set((
        exports::status.eq(ExportStatus::Failed),
        exports::error.eq(Some(error)),
        exports::finished_at.eq(Some(now)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Starts a failed export afresh (staff retried its job).
pub fn restart_export(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::update(
        exports::table
            .find(id)
            .filter(exports::status.eq(ExportStatus::Failed)),
    )
    .set((
        exports::status.eq(ExportStatus::Running),
        exports::error.eq(None::<String>),
        exports::finished_at.eq(None::<NaiveDateTime>),
        exports::rows_written.eq(0i64),
    ))
    .execute(conn)
    .map(|_| ())
}

/// Running exports that no open job will ever finish (made before exports were jobs, or whose
/// job is gone).
pub fn orphaned_exports(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    use super::schema::jobs;
    use crate::domain::jobs::JobKind;
    let running: Vec<String> = exports::table
        .filter(exports::status.eq(ExportStatus::Running))
        .select(exports::id)
        .load(conn)?;
    if running.is_empty() {
        return Ok(running);
    }
    let open: std::collections::HashSet<String> = jobs::table
        .filter(jobs::kind.eq(JobKind::ExportReport))
        .filter(jobs::done_at.is_null())
        .filter(jobs::failed_at.is_null())
        .filter(jobs::payload.eq_any(&running))
        .select(jobs::payload)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    Ok(running
        .into_iter()
        .filter(|id| !open.contains(id))
        .collect())
}

pub fn export(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ExportRow>> {
    exports::table
        .find(id)
        .select((
            exports::id,
            exports::user_id,
            exports::status,
            exports::total_rows,
            exports::rows_written,
            exports::file_name,
            exports::error,
            exports::created_at,
            exports::finished_at,
        ))
        .first(conn)
        .optional()
}

pub fn export_progress(conn: &mut DbConnection, id: &str, rows: i64) -> QueryResult<()> {
    diesel::update(exports::table.find(id))
        .set(exports::rows_written.eq(rows))
        .execute(conn)
        .map(|_| ())
}

pub fn finish_export(
    conn: &mut DbConnection,
    id: &str,
    result: Result<Vec<u8>, String>,
    rows: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let target = exports::table.find(id);
    match result {
        Ok(content) => diesel::update(target)
            .set((
                exports::status.eq(ExportStatus::Done),
                exports::content.eq(Some(content)),
                exports::rows_written.eq(rows),
                exports::finished_at.eq(Some(now)),
            ))
            .execute(conn),
        Err(e) => diesel::update(target)
            .set((
                exports::status.eq(ExportStatus::Failed),
                exports::error.eq(Some(e)),
                exports::finished_at.eq(Some(now)),
            ))
            .execute(conn),
    }
    .map(|_| ())
}

pub fn export_content(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Vec<u8>>> {
    exports::table.find(id).select(exports::content).first(conn)
}
