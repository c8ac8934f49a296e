//! `make bench`: automatic submissions over HTTP against a running release server (demo mode,
//! the default pool of 8), on SQLite and (when reachable) PostgreSQL, at 1, 8, 32 and 64
//! concurrent clients. Each client is a signed-in citizen of the mock register submitting
//! "bewijs-van-woonst" for themselves, one request after another, for a few seconds per level.
//! Prints submissions per second and the median and 99th percentile of their answer time,
//! with how many were shed (503 `busy`) or failed; beside it, the machine's HTTP ceiling: a
//! trivial actix-web endpoint (no database, no work) on the same two workers' worth of CPU,
//! driven by the same clients with the same body, and the submissions as a share of it.
use diesel::{Connection, RunQueryDsl};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const LEVELS: [usize; 4] = [1, 8, 32, 64];
const SECONDS_PER_LEVEL: u64 = 4;
const CITIZENS: [&str; 4] = ["85073003328", "87021412436", "01061812311", "78090924621"];

/// The release server as a child process; killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start(database_url: &str) -> Server {
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
    for _ in 0..300 {
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

async fn token(client: &reqwest::Client, base: &str, number: &str) -> String {
    let reply: serde_json::Value = client
        .post(format!("{base}/api/v1/dev/token"))
        .json(&serde_json::json!({ "nationalNumber": number }))
        .send()
        .await
        .expect("a token")
        .json()
        .await
        .expect("a token body");
    reply["accessToken"].as_str().expect("a token").to_owned()
}

#[derive(Default)]
struct Tally {
    /// Answer times of acknowledged submissions, in milliseconds.
    ok: Vec<f64>,
    busy: usize,
    failed: usize,
}

fn submission() -> serde_json::Value {
    serde_json::json!({
        "documentType": "bewijs-van-woonst",
        "forWhom": "myself",
        "forUse": "belgium",
        "purpose": "Huurcontract",
        "language": "nl",
        "delivery": "digital",
    })
}

/// One client: posts one submission after another to `url` until the deadline; `expected` is
/// the status of an acknowledged one.
async fn client(
    client: reqwest::Client,
    url: String,
    token: String,
    until: Instant,
    expected: u16,
) -> Tally {
    let body = submission();
    let mut tally = Tally::default();
    while Instant::now() < until {
        let start = Instant::now();
        let status = client
            .post(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .map(|r| r.status().as_u16());
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match status {
            Ok(s) if s == expected => tally.ok.push(ms),
            Ok(503) => tally.busy += 1,
            _ => tally.failed += 1,
        }
    }
    tally
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// `clients` clients posting to `url` for `SECONDS_PER_LEVEL`: the tally of all and the
/// seconds it took.
async fn level(
    http: &reqwest::Client,
    url: &str,
    tokens: &[String],
    clients: usize,
    expected: u16,
) -> (Tally, f64) {
    let started = Instant::now();
    let until = started + Duration::from_secs(SECONDS_PER_LEVEL);
    let runs = (0..clients).map(|n| {
        let token = tokens[n % tokens.len()].clone();
        tokio::spawn(client(http.clone(), url.to_owned(), token, until, expected))
    });
    let mut all = Tally::default();
    for run in futures_util::future::join_all(runs).await {
        let tally = run.expect("a client");
        all.ok.extend(tally.ok);
        all.busy += tally.busy;
        all.failed += tally.failed;
    }
    all.ok.sort_by(|a, b| a.total_cmp(b));
    (all, started.elapsed().as_secs_f64())
}

/// The HTTP ceiling: a trivial actix-web endpoint in this process (two workers, as the
/// server has two cores), answering every POST with 201 and a short body. Its address.
fn trivial_server() -> String {
    use actix_web::{web, App, HttpResponse, HttpServer};
    let port = free_port();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            HttpServer::new(|| {
                App::new().route(
                    "/",
                    web::post().to(|_: web::Bytes| async {
                        HttpResponse::Created().body("{\"reference\":\"PA-2026-000001\"}")
                    }),
                )
            })
            .workers(2)
            .bind(("127.0.0.1", port))
            .expect("bind the trivial server")
            .run()
            .await
            .expect("the trivial server runs")
        })
    });
    std::thread::sleep(Duration::from_millis(300));
    format!("http://127.0.0.1:{port}/")
}

async fn bench(backend: &str, database_url: &str, ceiling: &str) {
    println!("\n== {backend}: automatic submissions over HTTP (release build, pool of 8) ==");
    let server = start(database_url).await;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .expect("a client");
    let mut tokens = Vec::new();
    for number in CITIZENS {
        tokens.push(token(&http, &server.base, number).await);
    }
    println!(
        "  {:>7} {:>10} {:>9} {:>9} {:>7} {:>7} {:>12} {:>9}",
        "clients", "submits/s", "p50 ms", "p99 ms", "busy", "failed", "trivial/s", "share"
    );
    let submit = format!("{}/api/v1/requests", server.base);
    for clients in LEVELS {
        let (all, elapsed) = level(&http, &submit, &tokens, clients, 201).await;
        let (trivial, trivial_elapsed) = level(&http, ceiling, &tokens, clients, 201).await;
        let rate = all.ok.len() as f64 / elapsed;
        let ceiling_rate = trivial.ok.len() as f64 / trivial_elapsed;
        println!(
            "  {clients:>7} {rate:>10.1} {:>9.1} {:>9.1} {:>7} {:>7} {ceiling_rate:>12.1} {:>8.1}%",
            percentile(&all.ok, 50.0),
            percentile(&all.ok, 99.0),
            all.busy,
            all.failed,
            100.0 * rate / ceiling_rate
        );
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ceiling = trivial_server();
    let dir = std::env::temp_dir().join(format!("loket-bench-submit-{}", std::process::id()));
    let sqlite = format!("sqlite://{}", dir.join("bench.db").to_string_lossy());
    runtime.block_on(bench("sqlite", &sqlite, &ceiling));
    let _ = std::fs::remove_dir_all(&dir);

    let admin = std::env::var("LOKET_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match diesel::PgConnection::establish(&admin) {
        Ok(mut pg) => {
            let name = format!("loket_bench_submit_{}", std::process::id());
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut pg)
                .expect("create bench database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            runtime.block_on(bench("postgresql", &format!("{base}/{name}"), &ceiling));
            diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&mut pg)
                .ok();
        }
        Err(e) => println!("\nPostgreSQL not reachable ({e}); only SQLite measured."),
    }
}
