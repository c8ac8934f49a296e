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
pub mod users;

pub use connection::{DbConnection, Pool, PooledConnection};

use crate::error::ApiResult;

/// Runs blocking database work off the async workers, on a pooled connection.
pub async fn run<T, F>(pool: &Pool, work: F) -> ApiResult<T>
where
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await?
}
