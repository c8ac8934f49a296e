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
    pub url: DatabaseUrl,
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

    /// Submits a request; `token` None submits anonymously and confirms it through the
    /// e-mailed link, as the requester does (see `submit_unconfirmed` for the first step only).
    pub async fn submit(&self, token: Option<&str>, body: Value) -> Reply {
        let email = body["requester"]["email"].as_str().map(str::to_owned);
        let reply = self
            .call(Method::POST, "/api/v1/requests", token, Some(body))
            .await;
        match (token, email) {
            (None, Some(email)) if reply.status == 202 => self.confirm(&email).await,
            _ => reply,
        }
    }

    /// Submits without confirming: the 202 answer.
    pub async fn submit_unconfirmed(&self, body: Value) -> Reply {
        self.call(Method::POST, "/api/v1/requests", None, Some(body))
            .await
    }

    /// The token of the newest link under `path` (e.g. `/bevestigen/`, `/download/`)
    /// e-mailed to this address.
    pub async fn emailed_token(&self, email: &str, path: &str) -> String {
        self.outbox(email)
            .await
            .iter()
            .find_map(|m| {
                let body = m["body"].as_str()?;
                let at = body.find(path)?;
                Some(
                    body[at + path.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect(),
                )
            })
            .unwrap_or_else(|| panic!("a link {path}… e-mailed to {email}"))
    }

    /// The token of the newest confirmation link e-mailed to this address.
    pub async fn confirmation_token(&self, email: &str) -> String {
        self.emailed_token(email, "/bevestigen/").await
    }

    /// Confirms the newest request waiting for this address, through the e-mailed link.
    pub async fn confirm(&self, email: &str) -> Reply {
        let token = self.confirmation_token(email).await;
        self.post(&format!("/api/v1/confirmations/{token}"), json!({}))
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

    /// A bearer token for a seeded citizen (the demo's development helper). The sign-in
    /// through the OpenID Connect providers has its own tests (`auth`, `production`).
    pub async fn sign_in_citizen(&self, national_number: &str) -> String {
        self.dev_token(json!({"nationalNumber": national_number}))
            .await
    }

    /// A bearer token for a seeded staff or police account.
    pub async fn sign_in_staff(&self, username: &str) -> String {
        self.dev_token(json!({"username": username})).await
    }

    async fn dev_token(&self, body: Value) -> String {
        let reply = self.post("/api/v1/dev/token", body).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body["accessToken"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    /// A browser: keeps cookies, does not follow redirects, so each step can be seen.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// The audit events with this action, oldest first, as (actor_name, reason, details).
    pub fn audit(&self, action: &str) -> Vec<(String, Option<String>, Value)> {
        audit_events(&self.url, action)
    }

    pub async fn advance_clock(&self, seconds: i64) {
        let reply = self
            .post("/api/v1/dev/clock/advance", json!({"seconds": seconds}))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }

    /// Moves the clock forward to an instant (the clock never goes back).
    pub async fn set_clock(&self, at: chrono::DateTime<chrono::Utc>) {
        let reply = self
            .call(
                Method::PUT,
                "/api/v1/dev/clock",
                None,
                Some(json!({"now": at.to_rfc3339()})),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
}

/// Reads audit events straight from the database (there is no audit API yet).
pub fn audit_events(url: &DatabaseUrl, action: &str) -> Vec<(String, Option<String>, Value)> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        actor_name: String,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        reason: Option<String>,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        details: Option<String>,
    }
    let sql = "SELECT actor_name, reason, details FROM audit_events WHERE action = $1 ORDER BY id";
    let rows: Vec<Row> = match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = diesel::SqliteConnection::establish(path).expect("sqlite");
            diesel::sql_query(sql.replace("$1", "?"))
                .bind::<diesel::sql_types::Text, _>(action)
                .load(&mut conn)
                .expect("audit events")
        }
        DatabaseUrl::Postgres(pg) => {
            let mut conn = diesel::PgConnection::establish(pg).expect("postgres");
            diesel::sql_query(sql)
                .bind::<diesel::sql_types::Text, _>(action)
                .load(&mut conn)
                .expect("audit events")
        }
    };
    rows.into_iter()
        .map(|r| {
            let details = r
                .details
                .and_then(|d| serde_json::from_str(&d).ok())
                .unwrap_or(Value::Null);
            (r.actor_name, r.reason, details)
        })
        .collect()
}

/// A number from the database (`SELECT COUNT(*) AS n …`), for what the API does not show.
pub fn count(url: &DatabaseUrl, sql: &str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let rows: Vec<Row> = match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = diesel::SqliteConnection::establish(path).expect("sqlite");
            diesel::sql_query(sql).load(&mut conn).expect("count")
        }
        DatabaseUrl::Postgres(pg) => {
            let mut conn = diesel::PgConnection::establish(pg).expect("postgres");
            diesel::sql_query(sql).load(&mut conn).expect("count")
        }
    };
    rows[0].n
}

/// A browser as far as sign-in is concerned: a cookie jar, redirects one at a time.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
}

/// Where a redirect points, and the cookies it set.
pub struct Redirect {
    pub status: StatusCode,
    pub location: String,
    pub set_cookies: Vec<String>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Self {
            base: base.to_owned(),
            client: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client"),
            jar,
        }
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with("http") {
            url.to_owned()
        } else {
            format!("{}{url}", self.base)
        }
    }

    /// GET that must answer a redirect.
    pub async fn follow(&self, url: &str) -> Redirect {
        let response = self
            .client
            .get(self.absolute(url))
            .send()
            .await
            .expect("the server answers");
        let status = response.status();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{url} answered {status} without a redirect"));
        let set_cookies = response
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        Redirect {
            status,
            location,
            set_cookies,
        }
    }

    /// The session cookie's value, as the browser holds it.
    pub fn session_cookie(&self) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|c| c.strip_prefix("loket_session=").map(str::to_owned))
    }

    /// Starts a sign-in at this service and answers the provider's authorize page: the
    /// `(page path, query)` the SPA page would get.
    pub async fn start(&self, login_url: &str) -> (String, String) {
        let to_provider = self.follow(login_url).await;
        assert_eq!(to_provider.status, 302, "to the provider");
        let to_page = self.follow(&to_provider.location).await;
        assert_eq!(to_page.status, 302, "to the provider's page");
        let (page, query) = to_page
            .location
            .split_once('?')
            .expect("the page gets the authorization request");
        (page.to_owned(), query.to_owned())
    }

    /// What the provider's page posts when the person confirms; answers the redirect it
    /// tells the browser to follow, or the problem.
    pub async fn confirm(&self, provider_base: &str, provider: &str, body: Value) -> Reply {
        let response = self
            .client
            .post(format!("{provider_base}/mock-oidc/{provider}/authorize"))
            .json(&body)
            .send()
            .await
            .expect("the provider answers");
        TestApp::reply(response).await
    }

    /// The whole citizen sign-in through the mock federal provider at `provider_base`; answers
    /// the callback's redirect.
    pub async fn sign_in_citizen_at(
        &self,
        provider_base: &str,
        means: &str,
        national_number: &str,
        return_to: &str,
    ) -> Redirect {
        let (page, query) = self
            .start(&format!(
                "/api/v1/auth/citizen/login?means={means}&returnTo={return_to}"
            ))
            .await;
        assert_eq!(page, "/ontwikkeling/idp/federaal");
        let confirmed = self
            .confirm(
                provider_base,
                "federal",
                json!({"query": query, "means": means, "nationalNumber": national_number}),
            )
            .await;
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
        self.follow(confirmed.body["redirectTo"].as_str().unwrap())
            .await
    }

    pub async fn sign_in_citizen(&self, means: &str, national_number: &str) -> Redirect {
        let base = self.base.clone();
        self.sign_in_citizen_at(&base, means, national_number, "/mijn-aanvragen")
            .await
    }

    /// The whole staff sign-in through the mock municipal provider of this service.
    pub async fn sign_in_staff(&self, username: &str) -> Redirect {
        let (page, query) = self.start("/api/v1/auth/staff/login").await;
        assert_eq!(page, "/ontwikkeling/idp/gemeente");
        let base = self.base.clone();
        let confirmed = self
            .confirm(
                &base,
                "municipal",
                json!({"query": query, "username": username}),
            )
            .await;
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
        self.follow(confirmed.body["redirectTo"].as_str().unwrap())
            .await
    }

    /// A call with the browser's cookies; `csrf` adds the header unsafe methods need.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        csrf: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method, self.absolute(path));
        if let Some(csrf) = csrf {
            request = request.header("X-CSRF-Token", csrf);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        TestApp::reply(request.send().await.expect("the server answers")).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, None).await
    }

    /// The CSRF token of the browser's session.
    pub async fn csrf(&self) -> String {
        let session = self.get("/api/v1/auth/session").await;
        session.body["csrfToken"]
            .as_str()
            .unwrap_or_else(|| panic!("a signed-in session: {}", session.body))
            .to_owned()
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

/// A fresh database of the kind `LOKET_TEST_DB` names, for a Loket running in a process of its
/// own (the crash test); removed when dropped.
pub struct FreshDb {
    _db: TestDb,
    pub url: DatabaseUrl,
}

impl FreshDb {
    pub fn create() -> Self {
        let (db, url) = TestDb::create();
        Self { _db: db, url }
    }

    /// As `DATABASE_URL` says it.
    pub fn setting(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }
}
