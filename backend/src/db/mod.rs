pub mod audit;
pub mod catalogue;
pub mod clients;
pub mod connection;
pub mod filters;
pub mod jobs;
pub mod migrations;
pub mod pending;
pub mod requests;
pub mod retention;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod tasks;
pub mod text;
pub mod users;
pub mod webhooks;

pub use connection::{Busy, DbConnection, Pool, PooledConnection};

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

/// Runs blocking database work off the async workers, on a pooled connection, for the API.
pub async fn run<T, F>(pool: &Pool, work: F) -> crate::error::ApiResult<T>
where
    F: FnOnce(&mut DbConnection) -> crate::error::ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    blocking(pool, work).await
}

/// Runs blocking database work off the async workers, on a pooled connection. `E` is the
/// caller's error type (the API's or the workflow's).
///
/// The work first takes its turn (`Pool::admit`): no more units of work run at once than there
/// are connections, so the one it is given is at hand, and when the queue does not move in
/// time the caller hears `Busy` (503 with `Retry-After`) instead of hanging. The work must not
/// take a second connection (no `pool.get()` inside, no nested `blocking`): everything it
/// needs, outside systems' mocks included, uses the connection it is given.
pub async fn blocking<T, E, F>(pool: &Pool, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<diesel::r2d2::PoolError> + From<TaskFailed> + From<Busy> + Send + 'static,
{
    let turn = pool.admit().await?;
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get()?;
        let done = work(&mut conn);
        // The connection goes back before the turn is handed on.
        drop(conn);
        drop(turn);
        done
    })
    .await
    .map_err(|e| TaskFailed(e.to_string()))?
}

/// Runs a blocking call that needs no database connection (an outside system without a
/// connection of its own, a PDF to render) off the async workers.
pub async fn offload<T, E, F>(work: F) -> Result<T, E>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<TaskFailed> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| TaskFailed(e.to_string()))?
}

/// A transaction that writes: on SQLite it begins with `BEGIN IMMEDIATE`, taking the write lock
/// before its first read, so it waits its turn (`busy_timeout`) instead of failing with
/// "database is locked" when it would later upgrade a read lock; on PostgreSQL an ordinary
/// transaction (rows are locked as they are written). Nested `transaction` calls inside are
/// savepoints, as usual.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConnection::Pg(_) => {
            <DbConnection as Connection>::TransactionManager::begin_transaction(conn)?
        }
    }
    match work(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            match <DbConnection as Connection>::TransactionManager::rollback_transaction(conn) {
                Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
                Err(rollback) => Err(rollback.into()),
            }
        }
    }
}

/// SQLite's "database is locked": a writer waited `busy_timeout` in vain. The service is
/// saturated, not broken: the caller may try again.
pub fn is_locked(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(_, info) if info.message().contains("database is locked")
    )
}

/// The blocking task panicked or was cancelled.
#[derive(Debug, thiserror::Error)]
#[error("database task failed: {0}")]
pub struct TaskFailed(pub String);
