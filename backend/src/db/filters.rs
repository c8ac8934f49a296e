//! Saved search filters (private, shared, or the system's) and Excel exports.
use super::schema::{export_chunks, exports, saved_filters, users};
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

/// The pieces a finished report is stored in (and read back in), at most this many bytes.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Records how an export ended: done, with its file stored piece by piece as it is read (so
/// the workbook is never whole in memory), or failed with why.
pub fn finish_export(
    conn: &mut DbConnection,
    id: &str,
    result: Result<&mut dyn std::io::Read, String>,
    rows: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let target = exports::table.find(id);
    match result {
        Ok(file) => {
            // A report made again (its first worker died after all) replaces the old one.
            diesel::delete(export_chunks::table.filter(export_chunks::export_id.eq(id)))
                .execute(conn)?;
            let mut seq = 0;
            let mut piece = vec![0u8; CHUNK_BYTES];
            loop {
                let n = read_full(file, &mut piece)
                    .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
                if n == 0 {
                    break;
                }
                diesel::insert_into(export_chunks::table)
                    .values((
                        export_chunks::export_id.eq(id),
                        export_chunks::seq.eq(seq),
                        export_chunks::content.eq(&piece[..n]),
                    ))
                    .execute(conn)?;
                seq += 1;
            }
            diesel::update(target)
                .set((
                    exports::status.eq(ExportStatus::Done),
                    exports::rows_written.eq(rows),
                    exports::finished_at.eq(Some(now)),
                ))
                .execute(conn)
        }
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

/// Fills `buf` from `file` as far as it goes; how many bytes it read (0 at the end).
fn read_full(file: &mut dyn std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A finished report's size in bytes and how many pieces it is stored in.
pub fn export_size(conn: &mut DbConnection, id: &str) -> QueryResult<(i64, i32)> {
    let pieces: Vec<i32> = export_chunks::table
        .filter(export_chunks::export_id.eq(id))
        .select(export_chunks::seq)
        .load(conn)?;
    let bytes: Option<i64> = export_chunks::table
        .filter(export_chunks::export_id.eq(id))
        .select(diesel::dsl::sql::<
            diesel::sql_types::Nullable<diesel::sql_types::BigInt>,
        >("CAST(SUM(LENGTH(content)) AS BIGINT)"))
        .first(conn)?;
    Ok((bytes.unwrap_or(0), pieces.len() as i32))
}

/// Piece `seq` of a finished report.
pub fn export_chunk(conn: &mut DbConnection, id: &str, seq: i32) -> QueryResult<Option<Vec<u8>>> {
    export_chunks::table
        .find((id, seq))
        .select(export_chunks::content)
        .first(conn)
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::db::connection::DatabaseUrl;

    /// A report of 2.5 pieces is stored as three and read back whole, in order; made again,
    /// it replaces the first.
    #[test]
    fn a_report_is_stored_and_read_back_piece_by_piece() {
        let dir = std::env::temp_dir().join(format!("loket-chunks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = DatabaseUrl::Sqlite(dir.join("t.db").to_string_lossy().into_owned());
        let pool = crate::startup::prepare_database(&Config::for_database(url)).unwrap();
        let mut conn = pool.get().unwrap();
        diesel::sql_query(
            "INSERT INTO users (id, role, username, display_name, created_at) \
             VALUES (1, 'staff', 'an', 'An', '2026-12-01 10:00:00')",
        )
        .execute(&mut conn)
        .unwrap();
        diesel::sql_query(
            "INSERT INTO exports (id, user_id, criteria, status, total_rows, rows_written, \
             file_name, created_at) VALUES ('e1', 1, '{}', 'running', 3, 0, 'r.xlsx', \
             '2026-12-01 10:00:00')",
        )
        .execute(&mut conn)
        .unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(10, 1, 0)
            .unwrap();
        let file: Vec<u8> = (0..CHUNK_BYTES * 5 / 2).map(|i| (i % 251) as u8).collect();
        for _ in 0..2 {
            let mut reader = std::io::Cursor::new(file.clone());
            finish_export(&mut conn, "e1", Ok(&mut reader), 3, now).unwrap();
        }
        assert_eq!(
            export_size(&mut conn, "e1").unwrap(),
            (file.len() as i64, 3)
        );
        let back: Vec<u8> = (0..3)
            .flat_map(|seq| export_chunk(&mut conn, "e1", seq).unwrap().unwrap())
            .collect();
        assert!(back == file, "the report read back differs");
        assert_eq!(export_chunk(&mut conn, "e1", 3).unwrap(), None);
        drop(conn);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
