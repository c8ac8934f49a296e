//! What the benches share: the release server as a child process, sessions from its
//! development sign-in, percentiles, a scratch PostgreSQL database and the results file.
#![allow(dead_code)] // each bench uses its own part

use diesel::{Connection, RunQueryDsl};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The release server as a child process; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The server's peak resident memory (VmHWM) since it started or since
    /// [`Server::reset_peak`], in MiB.
    pub fn peak_mib(&self) -> f64 {
        status_kib(self.child.id(), "VmHWM:") as f64 / 1024.0
    }

    /// Its resident memory now, in MiB.
    pub fn resident_mib(&self) -> f64 {
        status_kib(self.child.id(), "VmRSS:") as f64 / 1024.0
    }

    /// Starts measuring its peak memory afresh (Linux: `clear_refs` 5 resets VmHWM).
    pub fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5");
    }
}

fn status_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts the release server (demo mode: its mock sign-in gives the bench its sessions) on
/// `database_url`, without demo requests and with rate limits out of the way; waits until it
/// answers.
pub async fn start(database_url: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LOKET_DEMO", "true")
        .env("LOKET_DEMO_REQUESTS", "false")
        .env("DATABASE_URL", database_url)
        .env("PORT", port.to_string())
        .env("RATE_LIMIT_SUBMIT_PER_MINUTE", "100000000")
        .env("RATE_LIMIT_SIGN_IN_PER_MINUTE", "100000000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the release server starts");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(r) = client
            .get(format!("{}/api/health", server.base))
            .send()
            .await
        {
            if r.status().is_success() {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up at {}", server.base);
}

/// A bearer token from the demo's development sign-in: `{"nationalNumber": …}` for a
/// citizen, `{"username": …}` for staff.
pub async fn token(client: &reqwest::Client, base: &str, who: serde_json::Value) -> String {
    let reply: serde_json::Value = client
        .post(format!("{base}/api/v1/dev/token"))
        .json(&who)
        .send()
        .await
        .expect("a token")
        .json()
        .await
        .expect("a token body");
    reply["accessToken"].as_str().expect("a token").to_owned()
}

/// The `p`th percentile of sorted values (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The PostgreSQL server the tests use, if it answers: its admin URL.
pub fn postgres_admin() -> Result<(String, diesel::PgConnection), String> {
    let admin = std::env::var("LOKET_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    diesel::PgConnection::establish(&admin)
        .map(|c| (admin, c))
        .map_err(|e| e.to_string())
}

/// A fresh database `name` on that server: its URL. Dropped by [`drop_database`].
pub fn create_database(admin: &str, pg: &mut diesel::PgConnection, name: &str) -> String {
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(pg)
        .expect("create bench database");
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
    format!("{base}/{name}")
}

pub fn drop_database(pg: &mut diesel::PgConnection, name: &str) {
    diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(pg)
        .ok();
}

/// `bench/results/<name>-<time>.json`, beside the repository's other files.
pub fn write_results(name: &str, runs: &[serde_json::Value]) {
    let now = chrono::Utc::now();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results");
    std::fs::create_dir_all(&dir).expect("bench/results");
    let file = dir.join(format!("{name}-{}.json", now.format("%Y%m%dT%H%M%SZ")));
    let body = serde_json::json!({ "bench": name, "at": now.to_rfc3339(), "runs": runs });
    std::fs::write(&file, serde_json::to_string_pretty(&body).expect("json")).expect("write");
    println!("\nwritten to {}", file.display());
}
