//! `make bench`: automatic submissions over HTTP against a running release server (demo mode,
//! the default pool of 8), on SQLite and (when reachable) PostgreSQL, at 1, 8 and 32
//! concurrent clients. Each client is a signed-in citizen of the mock register submitting
//! "bewijs-van-woonst" for themselves, one request after another, for a few seconds per level;
//! each submission is decided, its PDF made and sealed, stored with its e-mail and eBox jobs,
//! and those jobs run, before the answer. Prints submissions per second and the median and
//! 99th percentile of their answer time, with how many were shed (503 `busy`) or failed;
//! beside them, two ceilings measured in the same run at the same concurrency, each with the
//! submissions' share of it:
//! - the database's: the rows a submission leaves behind, inserted and committed straight
//!   into the same database through the same pool (see [`raw`]);
//! - HTTP's: a trivial actix-web endpoint (no database, no work) on two workers, driven by
//!   the same clients with the same body.
//!
//! Writes the same as JSON to `bench/results/submit-<time>.json`.
mod common;

use std::time::{Duration, Instant};

const LEVELS: [usize; 3] = [1, 8, 32];
const SECONDS_PER_LEVEL: u64 = 4;
const CITIZENS: [&str; 4] = ["85073003328", "87021412436", "01061812311", "78090924621"];

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
    let port = common::free_port();
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

async fn bench(
    backend: &str,
    database_url: &str,
    ceiling: &str,
) -> (Vec<(usize, Tally, f64, f64)>, common::Server) {
    println!("\n== {backend}: automatic submissions over HTTP (release build, pool of 8) ==");
    let server = common::start(database_url).await;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .expect("a client");
    let mut tokens = Vec::new();
    for number in CITIZENS {
        let who = serde_json::json!({ "nationalNumber": number });
        tokens.push(common::token(&http, &server.base, who).await);
    }
    let submit = format!("{}/api/v1/requests", server.base);
    let mut levels = Vec::new();
    for clients in LEVELS {
        let (all, elapsed) = level(&http, &submit, &tokens, clients, 201).await;
        let (trivial, trivial_elapsed) = level(&http, ceiling, &tokens, clients, 201).await;
        let rate = all.ok.len() as f64 / elapsed;
        let ceiling_rate = trivial.ok.len() as f64 / trivial_elapsed;
        levels.push((clients, all, rate, ceiling_rate));
    }
    (levels, server)
}

/// Submissions over HTTP, then (the server stopped) the raw database ceiling; the table and
/// its JSON.
fn measure(
    runtime: &tokio::runtime::Runtime,
    url: loket::db::connection::DatabaseUrl,
    ceiling: &str,
) -> serde_json::Value {
    let backend = url.backend_name();
    let server_url = match &url {
        loket::db::connection::DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
        loket::db::connection::DatabaseUrl::Postgres(u) => u.clone(),
    };
    let (levels, server) = runtime.block_on(bench(backend, &server_url, ceiling));
    drop(server);
    let config = loket::config::Config::for_database(url);
    let pool = loket::startup::prepare_database(&config).expect("the bench database");
    let template = raw::Template::first(&mut pool.get().expect("a connection"));
    let counter = std::sync::atomic::AtomicU64::new(0);
    println!(
        "  {:>7} {:>9} {:>7} {:>7} {:>5} {:>6} | {:>8} {:>7} {:>6} | {:>9} {:>6}",
        "clients",
        "submits/s",
        "p50 ms",
        "p99 ms",
        "busy",
        "failed",
        "db rows/s",
        "db p99",
        "share",
        "trivial/s",
        "share"
    );
    let mut rows = Vec::new();
    for (clients, all, rate, ceiling_rate) in levels {
        let (db_rate, db_times) = raw::level(&pool, &template, clients, &counter);
        let (p50, p99) = (
            common::percentile(&all.ok, 50.0),
            common::percentile(&all.ok, 99.0),
        );
        let db99 = common::percentile(&db_times, 99.0);
        println!(
            "  {clients:>7} {rate:>9.1} {p50:>7.1} {p99:>7.1} {:>5} {:>6} | {db_rate:>8.1} {db99:>7.1} {:>5.1}% | {ceiling_rate:>9.1} {:>5.1}%",
            all.busy,
            all.failed,
            100.0 * rate / db_rate,
            100.0 * rate / ceiling_rate
        );
        rows.push(serde_json::json!({
            "clients": clients, "submitsPerSecond": rate, "p50Ms": p50, "p99Ms": p99,
            "busy": all.busy, "failed": all.failed,
            "rawDbPerSecond": db_rate, "rawDbP99Ms": db99, "shareOfDb": rate / db_rate,
            "trivialHttpPerSecond": ceiling_rate, "shareOfHttp": rate / ceiling_rate,
        }));
    }
    serde_json::json!({ "database": backend, "levels": rows })
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ceiling = trivial_server();
    let mut runs = Vec::new();
    let dir = std::env::temp_dir().join(format!("loket-bench-submit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let sqlite = dir.join("bench.db").to_string_lossy().into_owned();
    runs.push(measure(
        &runtime,
        loket::db::connection::DatabaseUrl::Sqlite(sqlite),
        &ceiling,
    ));
    let _ = std::fs::remove_dir_all(&dir);
    match common::postgres_admin() {
        Ok((admin, mut pg)) => {
            let name = format!("loket_bench_submit_{}", std::process::id());
            let url = common::create_database(&admin, &mut pg, &name);
            runs.push(measure(
                &runtime,
                loket::db::connection::DatabaseUrl::Postgres(url),
                &ceiling,
            ));
            common::drop_database(&mut pg, &name);
        }
        Err(e) => println!("\nPostgreSQL not reachable ({e}); only SQLite measured."),
    }
    common::write_results("submit", &runs);
}

/// The raw database ceiling: the rows one automatic submission leaves behind (its request,
/// history, document, download link, e-mail, jobs and eBox message — copied from the first
/// submission the server stored), inserted straight into the same database in one write
/// transaction per submission, with its reference taken from the same counter, through the
/// same pool, by `clients` threads for `SECONDS_PER_LEVEL`.
mod raw {
    use super::{Duration, Instant, SECONDS_PER_LEVEL};
    use diesel::sql_types::{BigInt, Text};
    use diesel::RunQueryDsl;
    use loket::db::connection::DbConnection;
    use loket::db::Pool;

    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }

    #[derive(diesel::QueryableByName)]
    struct Id {
        #[diesel(sql_type = BigInt)]
        id: i64,
    }

    fn ids(conn: &mut DbConnection, sql: &str) -> Vec<i64> {
        diesel::sql_query(sql)
            .load::<Id>(conn)
            .expect(sql)
            .into_iter()
            .map(|r| r.id)
            .collect()
    }

    fn columns(conn: &mut DbConnection, table: &str) -> Vec<String> {
        let sql = match conn {
            DbConnection::Sqlite(_) => format!("SELECT name FROM pragma_table_info('{table}')"),
            DbConnection::Pg(_) => format!(
                "SELECT column_name::text AS name FROM information_schema.columns \
                 WHERE table_name = '{table}' AND table_schema = current_schema() \
                 ORDER BY ordinal_position"
            ),
        };
        diesel::sql_query(sql)
            .load::<Name>(conn)
            .expect("columns")
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    /// One stored submission's rows, by table and id.
    pub struct Template {
        request: i64,
        year: i64,
        audit: Vec<i64>,
        documents: Vec<i64>,
        emails: Vec<i64>,
        ebox_jobs: Vec<i64>,
        /// (table, its columns).
        columns: Vec<(&'static str, Vec<String>)>,
    }

    impl Template {
        /// The first request stored (made by the lone client of the first level).
        pub fn first(conn: &mut DbConnection) -> Template {
            let request = ids(conn, "SELECT min(id) AS id FROM requests")[0];
            let year = ids(
                conn,
                "SELECT CAST(substr(reference, 4, 4) AS BIGINT) AS id FROM requests \
                 WHERE id = (SELECT min(id) FROM requests)",
            )[0];
            let by = |table: &str, filter: String| format!("SELECT id FROM {table} WHERE {filter}");
            let reference = format!("(SELECT reference FROM requests WHERE id = {request})");
            let audit = ids(
                conn,
                &by("audit_events", format!("entity_id = {reference}")),
            );
            let documents = ids(conn, &by("documents", format!("request_id = {request}")));
            let emails = ids(conn, &by("emails", format!("request_id = {request}")));
            let ebox_jobs = ids(
                conn,
                &by(
                    "jobs",
                    format!("payload LIKE '{{\"requestId\":{request},%'"),
                ),
            );
            let tables = [
                "requests",
                "audit_events",
                "documents",
                "download_links",
                "emails",
                "jobs",
                "mock_ebox_messages",
            ];
            let columns = tables.iter().map(|t| (*t, columns(conn, t))).collect();
            Template {
                request,
                year,
                audit,
                documents,
                emails,
                ebox_jobs,
                columns,
            }
        }

        /// `INSERT INTO table (…) SELECT … FROM table WHERE filter RETURNING id`, with some
        /// columns given new values and `id` left to the database.
        fn copy(
            &self,
            conn: &mut DbConnection,
            table: &str,
            filter: &str,
            set: &[(&str, String)],
        ) -> Vec<i64> {
            let columns = &self
                .columns
                .iter()
                .find(|(t, _)| *t == table)
                .expect("a table")
                .1;
            let kept: Vec<&String> = columns.iter().filter(|c| *c != "id").collect();
            let values: Vec<String> = kept
                .iter()
                .map(|c| {
                    set.iter()
                        .find(|(name, _)| name == c)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| c.to_string())
                })
                .collect();
            let names: Vec<&str> = kept.iter().map(|c| c.as_str()).collect();
            let returning = if columns.iter().any(|c| c == "id") {
                "id"
            } else {
                "CAST(0 AS BIGINT) AS id"
            };
            let sql = format!(
                "INSERT INTO {table} ({}) SELECT {} FROM {table} WHERE {filter} RETURNING {returning}",
                names.join(", "),
                values.join(", ")
            );
            ids(conn, &sql)
        }

        /// One submission's rows, in one write transaction; `n` makes them unique.
        pub fn insert(&self, conn: &mut DbConnection, n: u64) {
            loket::db::write_transaction(conn, |conn| {
                let number = ids(
                    conn,
                    &format!(
                        "UPDATE reference_counters SET last = last + 1 WHERE year = {} RETURNING last AS id",
                        self.year
                    ),
                )[0];
                let reference = format!("'PA-{}-{number:06}'", self.year);
                let request = self.copy(
                    conn,
                    "requests",
                    &format!("id = {}", self.request),
                    &[("reference", reference.clone())],
                )[0];
                for id in &self.audit {
                    self.copy(conn, "audit_events", &format!("id = {id}"), &[("entity_id", reference.clone())]);
                }
                for (k, id) in self.documents.iter().enumerate() {
                    let code = format!("'RAW{n}X{k}'");
                    let document = self.copy(
                        conn,
                        "documents",
                        &format!("id = {id}"),
                        &[("request_id", request.to_string()), ("verification_code", code)],
                    )[0];
                    self.copy(
                        conn,
                        "download_links",
                        &format!("document_id = {id}"),
                        &[("token", format!("'raw-{n}-{k}'")), ("document_id", document.to_string())],
                    );
                    self.copy(
                        conn,
                        "mock_ebox_messages",
                        &format!("document_id = {id}"),
                        &[("document_id", document.to_string()), ("delivery_id", format!("'raw-{n}-{k}'"))],
                    );
                    for job in &self.ebox_jobs {
                        let payload = format!("'{{\"requestId\":{request},\"documentId\":{document}}}'");
                        self.copy(conn, "jobs", &format!("id = {job}"), &[("payload", payload)]);
                    }
                }
                for id in &self.emails {
                    let email = self.copy(
                        conn,
                        "emails",
                        &format!("id = {id}"),
                        &[("request_id", request.to_string())],
                    )[0];
                    self.copy(
                        conn,
                        "jobs",
                        &format!("kind = 'send_email' AND payload = '{id}'"),
                        &[("payload", format!("'{email}'"))],
                    );
                }
                Ok::<_, diesel::result::Error>(())
            })
            .expect("a raw submission");
        }
    }

    /// `clients` threads inserting submissions' rows for `SECONDS_PER_LEVEL`: commits per
    /// second and each commit's time in milliseconds, sorted.
    pub fn level(
        pool: &Pool,
        template: &Template,
        clients: usize,
        counter: &std::sync::atomic::AtomicU64,
    ) -> (f64, Vec<f64>) {
        let started = Instant::now();
        let until = started + Duration::from_secs(SECONDS_PER_LEVEL);
        let mut times: Vec<f64> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..clients)
                .map(|_| {
                    s.spawn(|| {
                        let mut times = Vec::new();
                        while Instant::now() < until {
                            let start = Instant::now();
                            let mut conn = pool.get().expect("a pooled connection");
                            let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            template.insert(&mut conn, n);
                            times.push(start.elapsed().as_secs_f64() * 1000.0);
                        }
                        times
                    })
                })
                .collect();
            runs.into_iter()
                .flat_map(|r| r.join().expect("a raw client"))
                .collect()
        });
        times.sort_by(|a, b| a.total_cmp(b));
        let rate = times.len() as f64 / started.elapsed().as_secs_f64();
        (rate, times)
    }
}
