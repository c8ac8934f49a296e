//! Spawns the application on a random port against a fresh database — SQLite by default,
//! PostgreSQL with `LOKET_TEST_DB=postgres` — and talks to it over HTTP like any client.
use diesel::{Connection, RunQueryDsl};
use loket::config::Config;
use loket::db::connection::DatabaseUrl;
use loket::startup::Application;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::net::TcpListener;

enum TestDb {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    fn create() -> (Self, DatabaseUrl) {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match std::env::var("LOKET_TEST_DB").as_deref() {
            Ok("postgres") => {
                let admin_url = std::env::var("LOKET_TEST_PG_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
                let name = format!("loket_test_{id}");
                let mut admin = diesel::PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("PostgreSQL at {admin_url} is not reachable: {e}"));
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                let url = format!("{base}/{name}");
                (
                    Self::Postgres { admin_url, name },
                    DatabaseUrl::Postgres(url),
                )
            }
            Ok("sqlite") | Err(_) => {
                let dir = std::env::temp_dir().join(format!("loket-test-{id}"));
                let file = dir.join("loket.db");
                (
                    Self::Sqlite(dir),
                    DatabaseUrl::Sqlite(file.to_string_lossy().into_owned()),
                )
            }
            Ok(other) => panic!("LOKET_TEST_DB={other}: use sqlite or postgres"),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            Self::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Self::Postgres { admin_url, name } => {
                if let Ok(mut admin) = diesel::PgConnection::establish(admin_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut admin);
                }
            }
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub backend: &'static str,
    url: DatabaseUrl,
    _db: TestDb,
}

/// A response as a client sees it.
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The `reason` the problem gives for one field, if it names that field.
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.body["invalidParams"]
            .as_array()?
            .iter()
            .find(|p| p["name"] == field)
            .and_then(|p| p["reason"].as_str())
            .map(str::to_owned)
    }

    pub fn assert_problem(&self, status: u16, code: &str) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(
            self.content_type, "application/problem+json",
            "body: {}",
            self.body
        );
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        assert_eq!(self.body["status"], status);
        assert!(
            self.body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "a problem says what to fix"
        );
        self
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns with changed settings (e.g. an SMTP server).
    pub async fn spawn_with(configure: impl Fn(&mut Config)) -> Self {
        let (db, url) = TestDb::create();
        let backend = url.backend_name();
        let mut config = Config::for_database(url.clone());
        configure(&mut config);
        let base = Self::start_instance(config);
        Self {
            base,
            client: reqwest::Client::new(),
            backend,
            url,
            _db: db,
        }
    }

    fn start_instance(config: Config) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a random port");
        let app = Application::build_on(config, listener).expect("the application starts");
        let base = format!("http://{}", app.address());
        tokio::spawn(app.run_until_stopped());
        base
    }

    /// Another backend instance on the same database, as in production; returns its base URL.
    pub fn another_instance(&self) -> String {
        Self::start_instance(Config::for_database(self.url.clone()))
    }

    pub async fn run_jobs(&self) -> u64 {
        let reply = self.post("/api/v1/dev/jobs/run", json!({})).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body["succeeded"].as_u64().unwrap()
    }

    /// The e-mails in the outbox to one address, newest first.
    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        let reply = self.get(&format!("/api/v1/dev/outbox?to={to}")).await;
        assert_eq!(reply.status, 200);
        reply.body["items"].as_array().unwrap().clone()
    }

    /// Submits a request; `token` None submits anonymously.
    pub async fn submit(&self, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, "/api/v1/requests", token, Some(body))
            .await
    }

    pub async fn post_json_as(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn get_bytes(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Self::reply(request.send().await.expect("the server answers")).await
    }

    pub async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response.bytes().await.expect("a body").to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            content_type,
            headers,
            body,
            bytes,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, None).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, None, Some(body)).await
    }

    /// Signs a citizen in through the federal login as the SPA does.
    pub async fn sign_in_citizen(&self, national_number: &str) -> String {
        let authorized = self
            .post(
                "/api/v1/auth/federal/authorize",
                json!({"means": "itsme", "nationalNumber": national_number, "state": "s"}),
            )
            .await;
        assert_eq!(authorized.status, 200, "{}", authorized.body);
        let token = self
            .post(
                "/api/v1/auth/token",
                json!({"code": authorized.body["code"]}),
            )
            .await;
        assert_eq!(token.status, 200, "{}", token.body);
        token.body["accessToken"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    pub async fn sign_in_staff(&self, username: &str) -> String {
        let reply = self
            .post(
                "/api/v1/auth/staff/login",
                json!({"username": username, "password": "loket"}),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body["accessToken"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    pub async fn advance_clock(&self, seconds: i64) {
        let reply = self
            .post("/api/v1/dev/clock/advance", json!({"seconds": seconds}))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
}

/// Seeded people of the mock national register.
pub mod people {
    pub const JAN: &str = "85073003328";
    pub const ELS: &str = "87021412436";
    pub const SARAH_NO_DEEDS: &str = "78090924621";
    pub const NOAH: &str = "01061812311";
    pub const JOZEF_DECEASED: &str = "39101019506";
}
