pub mod audit;
pub mod catalogue;
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

pub use connection::{DbConnection, Pool, PooledConnection};

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
pub async fn blocking<T, E, F>(pool: &Pool, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<diesel::r2d2::PoolError> + From<TaskFailed> + Send + 'static,
{
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await
    .map_err(|e| TaskFailed(e.to_string()))?
}

/// The blocking task panicked or was cancelled.
#[derive(Debug, thiserror::Error)]
#[error("database task failed: {0}")]
pub struct TaskFailed(pub String);
