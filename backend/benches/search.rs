//! `make bench`: search and Excel export at 100,000 requests, on SQLite and (when reachable)
//! PostgreSQL. Prints median times per query, and the export's time and peak memory.
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

const TOTAL: i64 = 100_000;
const RUNS: usize = 15;

const FIRST: [&str; 12] = [
    "Jan", "Els", "Mohamed", "Sarah", "Tom", "Maria", "Noah", "Anna", "Lotte", "Bart", "Fatima",
    "Pieter",
];
const LAST: [&str; 12] = [
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

fn fill(conn: &mut DbConnection, now: NaiveDateTime) {
    let start = Instant::now();
    let mut id = 0;
    while id < TOTAL {
        let batch: Vec<NewRequest> = (id..(id + 1000).min(TOTAL))
            .map(|i| {
                let status = STATUSES[(i % 6) as usize];
                let automatic = status == "delivered" && i % 12 == 0;
                let submitted = now - Duration::minutes(i * 5);
                let name = format!(
                    "{} {}",
                    FIRST[(i % 12) as usize],
                    LAST[((i / 12) % 12) as usize]
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
        "  filled {TOTAL} requests in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[RUNS / 2]
}

fn bench(url: DatabaseUrl) {
    let backend = url.backend_name();
    println!("\n== {backend} ==");
    let config = Config::for_database(url);
    let pool = loket::startup::prepare_database(&config).expect("database");
    let mut conn = pool.get().expect("connection");
    let now = Utc::now().naive_utc();
    fill(&mut conn, now);
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
        "  {:<30} {:>12} {:>12} {:>10}",
        "search (page of 50)", "page ms", "count ms", "hits"
    );
    for (name, criteria, sort) in &cases {
        let page = median_ms(|| {
            search::page(&mut conn, criteria, *sort, None, 51).expect("page");
        });
        let mut hits = 0;
        let count = median_ms(|| {
            hits = search::count(&mut conn, criteria).expect("count");
        });
        println!("  {name:<30} {page:>12.2} {count:>12.2} {hits:>10}");
    }
    // A deep page: the cursor after 80,000 rows costs what the first page costs.
    let all = params(&|_| {});
    let mut cursor = None;
    let mut walked = 0;
    while walked < 80_000 {
        let hits = search::page(&mut conn, &all, newest, cursor.as_ref(), 1000).expect("walk");
        walked += hits.len();
        cursor = hits.last().map(|h| h.cursor(newest));
    }
    let deep = median_ms(|| {
        search::page(&mut conn, &all, newest, cursor.as_ref(), 51).expect("deep page");
    });
    println!("  {:<30} {deep:>12.2}", "page after 80,000 rows");

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
}

fn main() {
    let dir = std::env::temp_dir().join(format!("loket-bench-{}", std::process::id()));
    bench(DatabaseUrl::Sqlite(
        dir.join("bench.db").to_string_lossy().into_owned(),
    ));
    let _ = std::fs::remove_dir_all(&dir);

    let admin = std::env::var("LOKET_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match diesel::PgConnection::establish(&admin) {
        Ok(mut pg) => {
            let name = format!("loket_bench_{}", std::process::id());
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut pg)
                .expect("create bench database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            bench(DatabaseUrl::Postgres(format!("{base}/{name}")));
            diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&mut pg)
                .ok();
        }
        Err(e) => println!("\nPostgreSQL not reachable ({e}); only SQLite measured."),
    }
}
