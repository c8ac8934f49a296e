//! Retention: personal data is kept as long as it serves, then erased. The audit trail stays,
//! so what happened can still be reconstructed.
use super::schema::{documents, download_links, export_chunks, exports, jobs, requests, sessions};
use super::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// How long each kind of data is kept (README: `RETENTION_*`).
#[derive(Debug, Clone, Copy)]
pub struct RetentionSettings {
    /// Documents' content and their download links, counted from issue (the links work three
    /// months).
    pub document_days: i64,
    /// Finished Excel reports.
    pub export_days: i64,
    /// Finished jobs and ended sessions.
    pub job_days: i64,
}

impl RetentionSettings {
    pub const DEFAULT: Self = Self {
        document_days: 93,
        export_days: 7,
        job_days: 30,
    };
}

/// What one run erased.
#[derive(Debug, Default)]
pub struct Erased {
    /// (request reference, document id) of each document whose content was erased.
    pub documents: Vec<(String, i64)>,
    pub links: usize,
    pub exports: usize,
    pub jobs: usize,
    pub sessions: usize,
}

pub fn sweep(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    keep: RetentionSettings,
) -> QueryResult<Erased> {
    let document_cutoff = now - Duration::days(keep.document_days);
    let old: Vec<(i64, String)> = documents::table
        .inner_join(requests::table)
        .filter(documents::issued_at.le(document_cutoff))
        .filter(documents::content.ne(Vec::<u8>::new()))
        .select((documents::id, requests::reference))
        .load(conn)?;
    let ids: Vec<i64> = old.iter().map(|(id, _)| *id).collect();
    let links =
        diesel::delete(download_links::table.filter(download_links::document_id.eq_any(&ids)))
            .execute(conn)?;
    diesel::update(documents::table.filter(documents::id.eq_any(&ids)))
        .set(documents::content.eq(Vec::<u8>::new()))
        .execute(conn)?;
    let expired = exports::table
        .filter(exports::finished_at.is_not_null())
        .filter(exports::finished_at.le(now - Duration::days(keep.export_days)));
    diesel::delete(
        export_chunks::table.filter(export_chunks::export_id.eq_any(expired.select(exports::id))),
    )
    .execute(conn)?;
    let exports = diesel::delete(expired).execute(conn)?;
    let job_cutoff = now - Duration::days(keep.job_days);
    let jobs = diesel::delete(
        jobs::table
            .filter(jobs::done_at.is_not_null())
            .filter(jobs::done_at.le(job_cutoff)),
    )
    .execute(conn)?;
    let sessions = diesel::delete(
        sessions::table
            .filter(sessions::ended_at.is_not_null())
            .filter(sessions::ended_at.le(job_cutoff)),
    )
    .execute(conn)?;
    Ok(Erased {
        documents: old.into_iter().map(|(id, r)| (r, id)).collect(),
        links,
        exports,
        jobs,
        sessions,
    })
}
