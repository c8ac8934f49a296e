//! Both migration folders are embedded; each backend runs its own with the same history.
use super::connection::DbConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration; returns how many ran.
pub fn run_pending(conn: &mut DbConnection) -> Result<usize, BoxError> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE)?.len(),
        DbConnection::Pg(c) => {
            // Several instances may start at once: one migrates, the others wait for it.
            use diesel::connection::SimpleConnection;
            c.batch_execute("SELECT pg_advisory_lock(5631)")?;
            let result = c.run_pending_migrations(POSTGRES).map(|v| v.len());
            c.batch_execute("SELECT pg_advisory_unlock(5631)")?;
            result?
        }
    };
    Ok(applied)
}

#[derive(Debug, Clone)]
pub struct MigrationState {
    pub applied: usize,
    pub pending: usize,
    pub latest: Option<String>,
}

pub fn state(conn: &mut DbConnection) -> Result<MigrationState, BoxError> {
    let (applied, pending) = match conn {
        DbConnection::Sqlite(c) => (c.applied_migrations()?, c.pending_migrations(SQLITE)?.len()),
        DbConnection::Pg(c) => (
            c.applied_migrations()?,
            c.pending_migrations(POSTGRES)?.len(),
        ),
    };
    Ok(MigrationState {
        applied: applied.len(),
        pending,
        latest: applied.iter().map(|v| v.to_string()).max(),
    })
}
