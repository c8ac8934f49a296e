//! One connection type over SQLite and PostgreSQL, and an r2d2 pool that picks the backend
//! from the URL scheme (never "try each", so a PostgreSQL outage is reported as such).
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

/// The connection pool, with its admission: at most as many units of database work run at
/// once as there are connections (`DB_POOL_SIZE`); the next ones wait their turn, first come
/// first served, for at most `queue_wait`, and are then refused as busy rather than left
/// hanging. So a pooled connection is at hand for every unit of work that was let in.
#[derive(Clone)]
pub struct Pool {
    connections: r2d2::Pool<ConnectionManager>,
    admission: Arc<Semaphore>,
    queue_wait: Duration,
}

/// No turn came within the queue's waiting time: the service is saturated.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error(
    "all {size} database connections are busy and the queue did not move within {waited_ms} ms"
)]
pub struct Busy {
    pub size: u32,
    pub waited_ms: u128,
}

impl Pool {
    /// A connection outside the admission queue: for start-up, seeding, tools and tests.
    /// Request-time work goes through `db::blocking`, which takes its turn first.
    pub fn get(&self) -> Result<PooledConnection, r2d2::PoolError> {
        self.connections.get()
    }

    /// The same pool, whose units of work wait up to `queue_wait` for their turn.
    pub fn with_queue_wait(self, queue_wait: Duration) -> Self {
        Self { queue_wait, ..self }
    }

    /// Connections (and so units of work at once) in this instance.
    pub fn size(&self) -> u32 {
        self.connections.max_size()
    }

    /// Waits for a turn: one of `size` places, for at most the queue's waiting time.
    pub async fn admit(&self) -> Result<OwnedSemaphorePermit, Busy> {
        let busy = Busy {
            size: self.size(),
            waited_ms: self.queue_wait.as_millis(),
        };
        match tokio::time::timeout(self.queue_wait, self.admission.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) | Err(_) => Err(busy),
        }
    }
}

/// Connections of the mocked outside systems (DABS, My eBox, the police) that keep their
/// state in the application database. They are a pool of their own, as the real systems are
/// servers of their own: a unit of work that holds one of the application's connections and
/// calls a mock never waits for a second connection from the same pool (which, with every
/// connection held that way, would wait forever). Made when first used.
pub fn mock_pool(url: &DatabaseUrl) -> Pool {
    let connections = r2d2::Pool::builder()
        .max_size(MOCK_CONNECTIONS)
        .min_idle(Some(0))
        .connection_timeout(CHECKOUT_TIMEOUT)
        .build_unchecked(ConnectionManager::new(url.clone()));
    Pool {
        connections,
        admission: Arc::new(Semaphore::new(MOCK_CONNECTIONS as usize)),
        queue_wait: CHECKOUT_TIMEOUT,
    }
}

const MOCK_CONNECTIONS: u32 = 4;

/// How long a unit of work waits for a connection once it was let in: connections are there
/// for everyone admitted, so this only runs out when the database cannot be reached.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(5);

/// Which database a URL points at; parsed once, before any connection is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (or `:memory:`) as SQLite takes it.
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, String> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(
                    "DATABASE_URL 'sqlite://' needs a file path, e.g. sqlite://data/loket.db"
                        .into(),
                );
            }
            Ok(Self::Sqlite(path.to_owned()))
        } else if let Some(path) = url.strip_prefix("sqlite:") {
            Ok(Self::Sqlite(path.to_owned()))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_owned()))
        } else {
            Err(format!(
                "DATABASE_URL has an unknown scheme in '{}': use sqlite://PATH or postgres://USER@HOST/DB",
                redact(url)
            ))
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgresql",
        }
    }
}

/// Hides a password in a URL before it is logged or shown.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(start), Some(at)) if at > start => {
            let creds = &url[start + 3..at];
            match creds.find(':') {
                Some(colon) => {
                    format!("{}{}:***{}", &url[..start + 3], &creds[..colon], &url[at..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                // Per connection: wait instead of failing on a busy writer (write transactions
                // take the write lock first, `db::write_transaction`, so the wait always
                // applies), let readers run beside one writer, and enforce the foreign keys the
                // schema declares.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                super::search::lower_utils::register_impl(&mut conn, |text: String| {
                    text.to_lowercase()
                })
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            DatabaseUrl::Postgres(url) => {
                let conn = PgConnection::establish(url).map_err(r2d2::Error::ConnectionError)?;
                Ok(DbConnection::Pg(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// The pool for `url`: `max_size` connections; units of work that find them all busy wait
/// for their turn up to `DB_QUEUE_WAIT_MS`'s default (see `Pool::with_queue_wait`).
pub fn build_pool(url: &DatabaseUrl, max_size: u32) -> Result<Pool, String> {
    if let DatabaseUrl::Sqlite(path) = url {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    format!("cannot create the folder for the SQLite file {path}: {e}")
                })?;
            }
        }
    }
    // Connect once outside the pool so the real cause of a failure is reported.
    ConnectionManager::new(url.clone())
        .connect()
        .map_err(|e| format!("cannot connect to the {} database: {e}", url.backend_name()))?;
    let connections = r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(CHECKOUT_TIMEOUT)
        .build(ConnectionManager::new(url.clone()))
        .map_err(|e| format!("cannot build the database pool: {e}"))?;
    Ok(Pool {
        connections,
        admission: Arc::new(Semaphore::new(max_size as usize)),
        queue_wait: DEFAULT_QUEUE_WAIT,
    })
}

/// `DB_QUEUE_WAIT_MS`'s default.
pub const DEFAULT_QUEUE_WAIT: Duration = Duration::from_millis(2000);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_backend_from_the_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db"),
            Ok(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite::memory:"),
            Ok(DatabaseUrl::Sqlite(":memory:".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(matches!(
            DatabaseUrl::parse("postgresql://u@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        let err = DatabaseUrl::parse("mysql://root:secret@h/db").unwrap_err();
        assert!(err.contains("unknown scheme"), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:pw@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
