//! `make bench`: search and the Excel export at 10,000, 100,000 and 1,000,000 requests
//! (`LOKET_BENCH_SIZES`, comma-separated, to choose), on SQLite and (when reachable)
//! PostgreSQL. Prints the median and p95 per query, page and count, and the export's time and
//! peak memory; writes the same as JSON to `bench/results/search-<time>.json`.
use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use loket::config::Config;
use loket::db::connection::{DatabaseUrl, DbConnection};
use loket::db::requests::NewRequest;
use loket::db::schema::{requests, tasks};
use loket::db::search;
use loket::domain::request::{Channel, DeliveryMethod, ForUse, Language, Processing, Status};
use loket::domain::search::{Criteria, SearchParams, Sort};
use loket::domain::task::{TaskStatus, TaskType};
use std::time::Instant;

const RUNS: usize = 20;
/// The API's default `SEARCH_COUNT_LIMIT`.
const COUNT_LIMIT: i64 = 10_000;

/// First names and family names as common in Flanders, with the newer ones: 40 × 40 names,
/// so a family name matches about one request in forty.
const FIRST: [&str; 40] = [
    "Jan", "Els", "Mohamed", "Sarah", "Tom", "Maria", "Noah", "Anna", "Lotte", "Bart", "Fatima",
    "Pieter", "Liam", "Emma", "Lucas", "Olivia", "Arthur", "Louise", "Jules", "Mila", "Adam",
    "Nora", "Victor", "Elena", "Finn", "Ayşe", "Łukasz", "Zeynep", "Ahmed", "Ines", "Wout",
    "Hanne", "Stijn", "Lien", "Bram", "Yasmine", "Kobe", "Jana", "Rik", "Fien",
];
const LAST: [&str; 40] = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "El Amrani",
    "Dubois",
    "Vermeulen",
    "Van den Bossche",
    "Dumont",
    "Hermans",
    "Aerts",
    "Michiels",
    "Lambrechts",
    "Desmet",
    "Verhoeven",
    "Smets",
    "Stevens",
    "De Backer",
    "Van Damme",
    "Leroy",
    "Öztürk",
    "Wróblewski",
    "Benali",
    "Yilmaz",
    "Van Dyck",
    "Martens",
    "Segers",
    "Verstraete",
    "Cools",
    "Pauwels",
    "De Clercq",
    "Bogaert",
    "Coppens",
    "Declercq",
];
const TYPES: [&str; 8] = [
    "bewijs-van-woonst",
    "samenstelling-van-het-gezin",
    "strafregister-595",
    "strafregister-596-2",
    "nationaliteitsbewijs",
    "geboorteakte",
    "huwelijksakte",
    "attest-van-leven",
];
const STATUSES: [&str; 6] = [
    "delivered",
    "in_progress",
    "awaiting_police_advice",
    "awaiting_deed",
    "refused",
    "cancelled",
];

fn rss_peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn national_number(i: i64) -> String {
    let base = 800_101_000 + (i % 500_000);
    format!("{base:09}{:02}", 97 - base % 97)
}

fn fill(conn: &mut DbConnection, now: NaiveDateTime, total: i64) {
    let start = Instant::now();
    let mut id = 0;
    while id < total {
        let batch: Vec<NewRequest> = (id..(id + 1000).min(total))
            .map(|i| {
                let status = STATUSES[(i % 6) as usize];
                let automatic = status == "delivered" && i % 12 == 0;
                // Ten years of history at 1,000,000: the newest first, one every five minutes.
                let submitted = now - Duration::minutes(i * 5);
                let name = format!(
                    "{} {}",
                    FIRST[(i % 40) as usize],
                    LAST[((i * 7 + i / 40) % 40) as usize]
                );
                NewRequest {
                    reference: format!("PA-{}-{:06}", submitted.format("%Y"), i + 1),
                    document_type_code: TYPES[(i % 8) as usize].into(),
                    status: Status::parse(status).expect("a status"),
                    processing: if automatic {
                        Processing::Automatic
                    } else {
                        Processing::Manual
                    },
                    manual_reasons: if automatic {
                        String::new()
                    } else {
                        "for_someone_else".into()
                    },
                    submitted_via: if i % 3 == 0 {
                        Channel::Api
                    } else {
                        Channel::Web
                    },
                    requester_user_id: None,
                    requester_name: name.clone(),
                    requester_email: format!("burger{i}@example.be"),
                    requester_national_number: Some(national_number(i)),
                    subject_is_requester: i % 4 != 0,
                    subject_name: name,
                    subject_national_number: Some(national_number(i + 7)),
                    subject_birth_date: None,
                    for_use: ForUse::Belgium,
                    destination_country: None,
                    purpose: format!("Doel {}", i % 97),
                    language: Language::Nl,
                    delivery_preference: DeliveryMethod::Digital,
                    delivery_method: (status == "delivered").then_some(DeliveryMethod::Digital),
                    answers: "{}".into(),
                    idempotency_key: None,
                    idempotency_scope: None,
                    idempotency_fingerprint: None,
                    submitted_at: submitted,
                    finished_at: matches!(status, "delivered" | "refused" | "cancelled")
                        .then(|| submitted + Duration::hours(30)),
                    updated_at: submitted,
                    waiting_for: None,
                }
            })
            .collect();
        // Batch inserts need the concrete connection (MultiConnection has no batch insert).
        macro_rules! insert_batch {
            ($conn:expr) => {
                $conn.transaction(|conn| {
                    diesel::insert_into(requests::table)
                        .values(&batch)
                        .execute(conn)?;
                    let first: i64 = requests::table
                        .select(diesel::dsl::max(requests::id))
                        .first::<Option<i64>>(conn)?
                        .unwrap_or(0)
                        - batch.len() as i64
                        + 1;
                    let task_rows: Vec<_> = batch
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| !r.status.is_final())
                        .map(|(k, r)| {
                            (
                                tasks::request_id.eq(first + k as i64),
                                tasks::task_type.eq(if r.status == Status::AwaitingDeed {
                                    TaskType::AddDeed
                                } else {
                                    TaskType::HandleRequest
                                }),
                                tasks::status.eq(TaskStatus::Open),
                                tasks::created_at.eq(r.submitted_at),
                            )
                        })
                        .collect();
                    diesel::insert_into(tasks::table)
                        .values(&task_rows)
                        .execute(conn)?;
                    Ok::<_, diesel::result::Error>(())
                })
            };
        }
        match conn {
            DbConnection::Sqlite(c) => insert_batch!(c),
            DbConnection::Pg(c) => insert_batch!(c),
        }
        .expect("insert a batch");
        id += 1000;
    }
    println!(
        "  filled {total} requests in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

/// The median and the 95th percentile of `RUNS` runs, in milliseconds.
fn timed_ms(mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    (times[RUNS / 2], times[RUNS * 95 / 100 - 1])
}

fn bench(url: DatabaseUrl, total: i64) -> serde_json::Value {
    let backend = url.backend_name();
    println!("\n== {backend}, {total} requests ==");
    let config = Config::for_database(url);
    let pool = loket::startup::prepare_database(&config).expect("database");
    let mut conn = pool.get().expect("connection");
    let now = Utc::now().naive_utc();
    fill(&mut conn, now, total);
    diesel::sql_query("ANALYZE").execute(&mut conn).ok();

    let params = |f: &dyn Fn(&mut SearchParams)| {
        let mut p = SearchParams::default();
        f(&mut p);
        Criteria::parse(&p, 1, config.time_zone).expect("criteria")
    };
    let newest = Sort::parse(None).unwrap();
    let cases: Vec<(&str, Criteria, Sort)> = vec![
        ("no criteria, newest first", params(&|_| {}), newest),
        (
            "status=in_progress",
            params(&|p| p.status = Some("in_progress".into())),
            newest,
        ),
        (
            "documentType=geboorteakte",
            params(&|p| p.document_type = Some("geboorteakte".into())),
            newest,
        ),
        (
            "name=peeters",
            params(&|p| p.name = Some("peeters".into())),
            newest,
        ),
        (
            "nationalNumber",
            params(&|p| p.national_number = Some(national_number(4242))),
            newest,
        ),
        (
            "reference=PA-2026-0421",
            params(&|p| p.reference = Some("PA-2026-0421".into())),
            newest,
        ),
        (
            "submitted in one week",
            params(&|p| {
                p.submitted_from = Some((now - Duration::days(30)).format("%Y-%m-%d").to_string());
                p.submitted_to = Some((now - Duration::days(23)).format("%Y-%m-%d").to_string());
            }),
            newest,
        ),
        (
            "taskType=add_deed",
            params(&|p| p.task_type = Some("add_deed".into())),
            newest,
        ),
        (
            "q=doel 42 (free text)",
            params(&|p| p.q = Some("doel 42".into())),
            newest,
        ),
        (
            "sort=requesterName",
            params(&|_| {}),
            Sort::parse(Some("requesterName")).unwrap(),
        ),
    ];
    println!(
        "  {:<30} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "search (page of 50)", "page p50", "page p95", "count p50", "count p95", "hits"
    );
    let mut results = Vec::new();
    for (name, criteria, sort) in &cases {
        let (page, page95) = timed_ms(|| {
            search::page(&mut conn, criteria, *sort, None, 51).expect("page");
        });
        let mut hits = 0;
        // Counted as the API counts: exactly up to its default limit, "more than" above it.
        let (count, count95) = timed_ms(|| {
            hits = search::count_up_to(&mut conn, criteria, COUNT_LIMIT)
                .expect("count")
                .0;
        });
        println!("  {name:<30} {page:>9.2} {page95:>9.2} {count:>9.2} {count95:>9.2} {hits:>9}");
        results.push(serde_json::json!({
            "search": name, "pageP50Ms": page, "pageP95Ms": page95,
            "countP50Ms": count, "countP95Ms": count95, "hits": hits,
        }));
    }
    // A deep page: the cursor after 80 % of the rows costs what the first page costs.
    let all = params(&|_| {});
    let mut cursor = None;
    let mut walked = 0;
    while walked < total * 8 / 10 {
        let hits = search::page(&mut conn, &all, newest, cursor.as_ref(), 1000).expect("walk");
        walked += hits.len() as i64;
        cursor = hits.last().map(|h| h.cursor(newest));
    }
    let (deep, deep95) = timed_ms(|| {
        search::page(&mut conn, &all, newest, cursor.as_ref(), 51).expect("deep page");
    });
    println!(
        "  {:<30} {deep:>9.2} {deep95:>9.2}",
        format!("page after {walked} rows")
    );
    results.push(serde_json::json!({
        "search": format!("page after {walked} rows"), "pageP50Ms": deep, "pageP95Ms": deep95,
    }));

    reset_peak();
    let before = rss_peak_kib();
    let start = Instant::now();
    let report = loket::workflow::export::Report {
        params: &SearchParams::default(),
        criteria: &all,
        sort: newest,
        time_zone: config.time_zone,
        language: Default::default(),
    };
    let (bytes, rows) =
        loket::workflow::export::write(&mut conn, &report, "bench", now, |_, _| Ok(()))
            .expect("export");
    let secs = start.elapsed().as_secs_f64();
    let peak = rss_peak_kib();
    println!(
        "  export of {rows} rows: {secs:.1} s, {:.1} MiB file, peak memory {:.0} MiB (before: {:.0} MiB)",
        bytes.len() as f64 / 1_048_576.0,
        peak as f64 / 1024.0,
        before as f64 / 1024.0
    );
    serde_json::json!({
        "database": backend, "requests": total, "searches": results,
        "export": {
            "rows": rows, "seconds": secs, "fileMiB": bytes.len() as f64 / 1_048_576.0,
            "peakMiB": peak as f64 / 1024.0, "peakBeforeMiB": before as f64 / 1024.0,
        },
    })
}

/// The sizes to measure: `LOKET_BENCH_SIZES` (`10000,100000`), else all three.
fn sizes() -> Vec<i64> {
    std::env::var("LOKET_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// `bench/results/<name>-<time>.json`, beside the repository's other files.
fn write_results(name: &str, runs: &[serde_json::Value]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/results");
    std::fs::create_dir_all(&dir).expect("bench/results");
    let file = dir.join(format!(
        "{name}-{}.json",
        Utc::now().format("%Y%m%dT%H%M%SZ")
    ));
    let body = serde_json::json!({ "bench": name, "at": Utc::now().to_rfc3339(), "runs": runs });
    std::fs::write(&file, serde_json::to_string_pretty(&body).expect("json")).expect("write");
    println!("\nwritten to {}", file.display());
}

fn main() {
    let mut runs = Vec::new();
    for total in sizes() {
        let dir = std::env::temp_dir().join(format!("loket-bench-{}-{total}", std::process::id()));
        runs.push(bench(
            DatabaseUrl::Sqlite(dir.join("bench.db").to_string_lossy().into_owned()),
            total,
        ));
        let _ = std::fs::remove_dir_all(&dir);

        let admin = std::env::var("LOKET_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        match diesel::PgConnection::establish(&admin) {
            Ok(mut pg) => {
                let name = format!("loket_bench_{}_{total}", std::process::id());
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut pg)
                    .expect("create bench database");
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                runs.push(bench(
                    DatabaseUrl::Postgres(format!("{base}/{name}")),
                    total,
                ));
                diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
                    .execute(&mut pg)
                    .ok();
            }
            Err(e) => println!("\nPostgreSQL not reachable ({e}); only SQLite measured."),
        }
    }
    write_results("search", &runs);
}
