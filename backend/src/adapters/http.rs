//! Calling an outside system over HTTP (reqwest), as its contract in `openapi/<system>.json`
//! describes: one pooled client per system, a timeout on every attempt, retries with
//! exponential backoff and jitter on the calls that may be repeated (GETs, and POSTs that carry
//! an idempotency key), and an OAuth2 client-credentials token fetched and cached until it
//! expires.
//!
//! The adapter traits are synchronous and called on blocking threads (`db::offload`,
//! `db::blocking`, the job worker). The calls run on a small runtime of the adapters' own: a
//! current-thread tokio runtime driven by one thread ("outside-systems"); a caller hands it
//! the call and waits for the answer on a channel. No runtime is created, entered or dropped in
//! the caller's async context; when the last adapter goes, that thread stops the runtime.
use super::AdapterError;
use crate::config::SystemSettings;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Attempts of a call that may be repeated.
pub const ATTEMPTS: u32 = 3;
/// The pause before the second attempt; it doubles for every next one, plus up to as much
/// again at random (so instances that failed together do not retry together).
const FIRST_PAUSE: Duration = Duration::from_millis(100);
/// A cached token is fetched again this long before it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(30);

/// The adapters' own runtime (see the module documentation).
pub struct Runtime {
    handle: tokio::runtime::Handle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Runtime {
    /// Starts the thread, which makes the runtime itself: no runtime is made (or dropped) in
    /// the caller's context, which may be async (the application is built in one).
    pub fn start() -> Result<Arc<Self>, String> {
        let (started, handle) = std::sync::mpsc::sync_channel(1);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("outside-systems".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                match runtime {
                    Ok(runtime) => {
                        let _ = started.send(Ok(runtime.handle().clone()));
                        // Runs until the adapters are dropped (the sender goes with them).
                        let _ = runtime.block_on(stopped);
                        runtime.shutdown_background();
                    }
                    Err(e) => {
                        let _ = started.send(Err(e.to_string()));
                    }
                }
            })
            .map_err(|e| format!("outside systems: cannot start a thread: {e}"))?;
        let handle = handle
            .recv()
            .map_err(|e| e.to_string())
            .and_then(|made| made)
            .map_err(|e| format!("outside systems: cannot start a runtime: {e}"))?;
        Ok(Arc::new(Self {
            handle,
            stop: Some(stop),
        }))
    }

    /// Runs `work` on the runtime and waits for it; `None` when the runtime stopped first.
    /// Blocking: call it from a blocking thread, never from an async task.
    fn run<T: Send + 'static>(&self, work: impl Future<Output = T> + Send + 'static) -> Option<T> {
        let (done, answer) = std::sync::mpsc::sync_channel(1);
        self.handle.spawn(async move {
            let _ = done.send(work.await);
        });
        answer.recv().ok()
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// One call to a system, relative to its base URL.
pub struct Call {
    method: reqwest::Method,
    /// Path segments, each percent-encoded on the way.
    segments: Vec<String>,
    query: Vec<(&'static str, String)>,
    body: Option<serde_json::Value>,
    idempotency_key: Option<String>,
}

impl Call {
    pub fn get(segments: &[&str]) -> Self {
        Self {
            method: reqwest::Method::GET,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            idempotency_key: None,
        }
    }

    pub fn post(segments: &[&str], body: serde_json::Value) -> Self {
        Self {
            method: reqwest::Method::POST,
            body: Some(body),
            ..Self::get(segments)
        }
    }

    pub fn query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// Sent as `Idempotency-Key`: the system does it once however often it is asked, so the
    /// call may be repeated.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    fn may_repeat(&self) -> bool {
        self.method == reqwest::Method::GET || self.idempotency_key.is_some()
    }
}

/// A status that says "not now" (a server error, too many requests, a request timeout): the
/// system is unavailable for the moment, and an idempotent call is tried again.
fn busy(status: reqwest::StatusCode) -> bool {
    status.is_server_error()
        || status == reqwest::StatusCode::TOO_MANY_REQUESTS
        || status == reqwest::StatusCode::REQUEST_TIMEOUT
}

/// What a system answered (anything but 5xx, 408, 429 and a refused token).
pub struct Answer {
    pub status: u16,
    body: Vec<u8>,
    system: &'static str,
}

impl Answer {
    /// The body as the contract's JSON, or `InvalidAnswer`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, AdapterError> {
        serde_json::from_slice(&self.body).map_err(|e| AdapterError::InvalidAnswer {
            system: self.system,
            detail: format!(
                "the {} answer is not what its contract says ({})",
                self.status,
                without_values(&e.to_string())
            ),
        })
    }

    /// The `code` of a problem+json answer.
    pub fn problem_code(&self) -> Option<String> {
        let problem: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        problem["code"].as_str().map(str::to_owned)
    }

    /// A status the contract does not give for this call.
    pub fn unexpected(&self) -> AdapterError {
        AdapterError::InvalidAnswer {
            system: self.system,
            detail: format!("unexpected status {}", self.status),
        }
    }
}

/// One outside system: its pooled client, base URL, timeout and token.
#[derive(Clone)]
pub struct System {
    inner: Arc<Inner>,
}

struct Inner {
    /// As people say it: "the national register".
    name: &'static str,
    base: url::Url,
    client: reqwest::Client,
    timeout_ms: u64,
    credentials: Option<Credentials>,
    token: tokio::sync::Mutex<Option<(String, Instant)>>,
    runtime: Arc<Runtime>,
}

struct Credentials {
    token_url: String,
    client_id: String,
    client_secret: String,
}

#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: Option<u64>,
}

impl System {
    pub fn new(
        name: &'static str,
        settings: &SystemSettings,
        runtime: Arc<Runtime>,
    ) -> Result<Self, String> {
        // A base without a trailing slash would lose its last segment when joined.
        let base = url::Url::parse(&format!("{}/", settings.url.trim_end_matches('/')))
            .map_err(|e| format!("{name}: '{}' is not a URL: {e}", settings.url))?;
        let timeout = Duration::from_millis(settings.timeout_ms);
        let client = reqwest::Client::builder()
            .connect_timeout(timeout)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("loket/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("{name}: cannot make an HTTP client: {e}"))?;
        let credentials = settings.token_url.as_ref().map(|token_url| Credentials {
            token_url: token_url.clone(),
            client_id: settings.client_id.clone(),
            client_secret: settings.client_secret.clone(),
        });
        Ok(Self {
            inner: Arc::new(Inner {
                name,
                base,
                client,
                timeout_ms: settings.timeout_ms,
                credentials,
                token: tokio::sync::Mutex::new(None),
                runtime,
            }),
        })
    }

    pub fn name(&self) -> &'static str {
        self.inner.name
    }

    /// Sends `call` (repeated when it may be) and waits for the answer. Blocking.
    pub fn send(&self, call: Call) -> Result<Answer, AdapterError> {
        let inner = self.inner.clone();
        self.inner
            .runtime
            .run(async move { inner.send(call).await })
            .unwrap_or_else(|| Err(self.inner.unavailable("Loket is shutting down")))
    }
}

impl Inner {
    async fn send(&self, call: Call) -> Result<Answer, AdapterError> {
        let attempts = if call.may_repeat() { ATTEMPTS } else { 1 };
        let mut attempt = 1;
        loop {
            match self.attempt(&call).await {
                Err(e)
                    if attempt < attempts && !matches!(e, AdapterError::InvalidAnswer { .. }) =>
                {
                    tracing::info!(error = %e, attempt, "asking again");
                    tokio::time::sleep(pause(attempt)).await;
                    attempt += 1;
                }
                answer => return answer,
            }
        }
    }

    async fn attempt(&self, call: &Call) -> Result<Answer, AdapterError> {
        let token = self.token().await?;
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(&call.segments);
        }
        let mut request = self
            .client
            .request(call.method.clone(), url)
            .query(&call.query)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = &token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = &call.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| self.failed(e))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| self.failed(e))?;
        if status == reqwest::StatusCode::UNAUTHORIZED && token.is_some() {
            // Revoked or expired early: the next attempt fetches a new one.
            *self.token.lock().await = None;
            return Err(self.unavailable("it refused Loket's access token (401)"));
        }
        if busy(status) {
            return Err(self.unavailable(&format!("it answered {status}")));
        }
        Ok(Answer {
            status: status.as_u16(),
            body: body.to_vec(),
            system: self.name,
        })
    }

    /// The cached access token, or a new one from the token endpoint; `None` without
    /// client credentials.
    async fn token(&self) -> Result<Option<String>, AdapterError> {
        let Some(credentials) = &self.credentials else {
            return Ok(None);
        };
        let mut cached = self.token.lock().await;
        if let Some((token, until)) = cached.as_ref() {
            if Instant::now() < *until {
                return Ok(Some(token.clone()));
            }
        }
        let response = self
            .client
            .post(&credentials.token_url)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", credentials.client_id.as_str()),
                ("client_secret", credentials.client_secret.as_str()),
            ])
            .send()
            .await
            .map_err(|e| self.failed(e))?;
        let status = response.status();
        if busy(status) {
            return Err(self.unavailable(&format!("its token endpoint answered {status}")));
        }
        let body = response.bytes().await.map_err(|e| self.failed(e))?;
        let answer: TokenAnswer = match serde_json::from_slice(&body) {
            Ok(answer) if status.is_success() => answer,
            _ => {
                return Err(AdapterError::InvalidAnswer {
                    system: self.name,
                    detail: format!("its token endpoint gave no token ({status})"),
                })
            }
        };
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(300));
        let until = Instant::now() + lifetime.saturating_sub(TOKEN_MARGIN);
        *cached = Some((answer.access_token.clone(), until));
        Ok(Some(answer.access_token))
    }

    /// Never with the URL: it may hold a national number, and the error is logged and kept.
    fn failed(&self, e: reqwest::Error) -> AdapterError {
        let e = e.without_url();
        if e.is_timeout() {
            return AdapterError::Timeout {
                system: self.name,
                after_ms: self.timeout_ms,
            };
        }
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            detail = format!("{detail}: {cause}");
            source = cause.source();
        }
        self.unavailable(&detail)
    }

    fn unavailable(&self, detail: &str) -> AdapterError {
        AdapterError::Unavailable {
            system: self.name,
            detail: detail.to_owned(),
        }
    }
}

/// A JSON error without the values it quotes (`invalid type: string "Jan", …`): they may be
/// personal data, and the error is logged and kept with the job. Field names (in backticks)
/// stay.
fn without_values(message: &str) -> String {
    let strings_hidden = message
        .split('"')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("\"");
    // Numbers are quoted in backticks (`integer `85073003328``), as field names are.
    strings_hidden
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            let number = part.chars().any(|c| c.is_ascii_digit());
            if i % 2 == 1 && number {
                "…"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// The pause after failed attempt `attempt` (1-based): exponential, with jitter.
fn pause(attempt: u32) -> Duration {
    let base = FIRST_PAUSE * 2u32.pow(attempt.saturating_sub(1).min(8));
    let jitter = rand::random_range(0..=base.as_millis() as u64);
    base + Duration::from_millis(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_and_vary_within_bounds() {
        for _ in 0..50 {
            let first = pause(1);
            let second = pause(2);
            assert!(
                (FIRST_PAUSE..=FIRST_PAUSE * 2).contains(&first),
                "{first:?}"
            );
            assert!(
                (FIRST_PAUSE * 2..=FIRST_PAUSE * 4).contains(&second),
                "{second:?}"
            );
        }
    }

    #[test]
    fn a_wrong_answer_is_described_without_its_values() {
        use crate::adapters::national_register::Person;
        let answer = |body: &str| Answer {
            status: 200,
            body: body.as_bytes().to_vec(),
            system: "the national register",
        };
        for body in [
            r#"{"nationalNumber": 85073003328}"#,
            r#"{"nationalNumber": "x", "addresses": "Jan 85073003328"}"#,
        ] {
            let e = answer(body).json::<Person>().unwrap_err();
            assert!(
                matches!(&e, AdapterError::InvalidAnswer { detail, .. } if !detail.contains("Jan") && !detail.contains("85073003328")),
                "{e}"
            );
        }
        let quoted = serde_json::from_str::<Person>(r#"{"addresses": "Jan"}"#).unwrap_err();
        assert!(
            quoted.to_string().contains("Jan"),
            "serde quotes values: {quoted}"
        );
        let missing = answer(r#"{"nationalNumber": "x"}"#).json::<Person>();
        assert!(
            matches!(&missing, Err(e) if e.to_string().contains("missing field `firstNames`")),
            "{missing:?}"
        );
    }

    #[test]
    fn errors_name_the_system_and_what_happened() {
        let timeout = AdapterError::Timeout {
            system: "the national register",
            after_ms: 5000,
        };
        assert_eq!(
            timeout.to_string(),
            "the national register did not answer within 5 s"
        );
        let short = AdapterError::Timeout {
            system: "DABS",
            after_ms: 250,
        };
        assert_eq!(short.to_string(), "DABS did not answer within 0.25 s");
        assert_eq!(short.system(), "DABS");
    }
}
