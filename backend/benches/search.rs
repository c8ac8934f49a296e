//! `make bench`: what staff and citizens wait for at 10,000, 100,000 and 1,000,000 requests
//! (`LOKET_BENCH_SIZES`, comma-separated, to choose), on SQLite and (when reachable)
//! PostgreSQL (`LOKET_BENCH_DATABASES=sqlite` or `postgresql` for one), measured over HTTP
//! against the release server: every search criterion alone
//! and a typical combination (the page of 50 with its count, as the back office asks), the
//! inbox's first and last page, a citizen's "Mijn aanvragen", and the Excel report of all
//! requests (its time and the server's peak memory). Beside each search, the database's own
//! share: its page and its count timed in-process on the same data. Prints the median and
//! p95 and writes the same as JSON to `bench/results/search-<time>.json`.
//!
//! The generator: ten years of history at every size, the newest first; types, channels and
//! outcomes in a municipality's proportions (most papers automatic, a few refused or
//! cancelled); requests of the last two weeks still open with their tasks, older manual ones
//! with their finished tasks; 1,600 name combinations, so a family name matches one request
//! in forty; one signed-in citizen with thirty requests over the years.
mod common;

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
/// The citizen whose "Mijn aanvragen" is measured (a person of the mock register).
const CITIZEN: &str = "85073003328";
/// How many requests that citizen made over the ten years.
const CITIZEN_REQUESTS: i64 = 30;
/// The staff member who searches.
const STAFF: &str = "an.desmet";
/// Requests younger than this are still being handled.
const OPEN_DAYS: i64 = 14;

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
const PURPOSES: [&str; 12] = [
    "Huurcontract",
    "Nieuwe werkgever",
    "Inschrijving school",
    "Vereniging jeugdwerk",
    "Notaris",
    "Bank",
    "Visumaanvraag",
    "Ziekenfonds",
    "Sociale huisvesting",
    "Pensioendienst",
    "Rechtbank",
    "Adoptie",
];

/// A type in a municipality's proportions, out of 100: residence 30, household 20, the
/// ordinary criminal-record extract 25, the one for work with minors 5, nationality 5, birth
/// deeds 7, marriage deeds 4, proof of life 4.
fn document_type(i: i64) -> &'static str {
    match (i * 37 + 11) % 100 {
        0..=29 => "bewijs-van-woonst",
        30..=49 => "samenstelling-van-het-gezin",
        50..=74 => "strafregister-595",
        75..=79 => "strafregister-596-2",
        80..=84 => "nationaliteitsbewijs",
        85..=91 => "geboorteakte",
        92..=95 => "huwelijksakte",
        _ => "attest-van-leven",
    }
}

fn national_number(i: i64) -> String {
    let base = 800_101_000 + (i % 500_000);
    format!("{base:09}{:02}", 97 - base % 97)
}

/// One generated request and its tasks (type, status, completed at).
struct Generated {
    request: NewRequest,
    tasks: Vec<(TaskType, TaskStatus, Option<NaiveDateTime>)>,
}

/// Where request `i` of `total` stands: most papers are made at once; the model for work
/// with minors waits for the police, half the deeds wait for the deed, one in five of the
/// others is handled by staff. Those of the last two weeks are still open; older ones ended
/// delivered (88 %), refused (5 %) or cancelled (7 %).
fn outcome(i: i64, code: &str, age: Duration) -> (Status, bool) {
    let automatic = match code {
        "strafregister-596-2" => false,
        "geboorteakte" | "huwelijksakte" => (i * 13) % 10 < 5,
        _ => (i * 13) % 10 < 8,
    };
    if automatic {
        return (Status::Delivered, true);
    }
    if age < Duration::days(OPEN_DAYS) {
        let status = match code {
            "strafregister-596-2" => Status::AwaitingPoliceAdvice,
            "geboorteakte" | "huwelijksakte" => Status::AwaitingDeed,
            _ => Status::InProgress,
        };
        return (status, false);
    }
    let status = match (i * 7) % 100 {
        0..=87 => Status::Delivered,
        88..=92 => Status::Refused,
        _ => Status::Cancelled,
    };
    (status, false)
}

fn generate(i: i64, total: i64, now: NaiveDateTime) -> Generated {
    // Ten years of history at every size, the newest first.
    let age = Duration::seconds(i * (10 * 365 * 24 * 3600) / total);
    let submitted = now - age;
    let code = document_type(i);
    let (status, automatic) = outcome(i, code, age);
    let finished = status.is_final().then(|| {
        if automatic {
            submitted + Duration::seconds(1)
        } else {
            submitted + Duration::hours(30)
        }
    });
    let citizen = i % (total / CITIZEN_REQUESTS).max(1) == 7;
    let name = if citizen {
        "Jan Peeters".to_owned()
    } else {
        format!(
            "{} {}",
            FIRST[(i % 40) as usize],
            LAST[((i * 7 + i / 40) % 40) as usize]
        )
    };
    let requester_number = if citizen {
        CITIZEN.to_owned()
    } else {
        national_number(i)
    };
    let for_self = i % 4 != 0;
    let language = match i % 100 {
        0..=84 => Language::Nl,
        85..=92 => Language::Fr,
        93..=97 => Language::En,
        _ => Language::De,
    };
    let request = NewRequest {
        reference: format!("PA-{}-{:06}", submitted.format("%Y"), i + 1),
        document_type_code: code.into(),
        status,
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
        submitted_via: if i % 4 == 1 {
            Channel::Api
        } else {
            Channel::Web
        },
        requester_user_id: None,
        requester_name: name.clone(),
        requester_email: format!("burger{i}@example.be"),
        requester_national_number: Some(requester_number.clone()),
        subject_is_requester: for_self,
        subject_name: name,
        subject_national_number: Some(if for_self {
            requester_number
        } else {
            national_number(i + 7)
        }),
        subject_birth_date: None,
        for_use: ForUse::Belgium,
        destination_country: None,
        purpose: PURPOSES[((i * 5) % 12) as usize].into(),
        language,
        delivery_preference: DeliveryMethod::Digital,
        delivery_method: (status == Status::Delivered).then_some(DeliveryMethod::Digital),
        answers: "{}".into(),
        idempotency_key: None,
        idempotency_scope: None,
        idempotency_fingerprint: None,
        submitted_at: submitted,
        finished_at: finished,
        updated_at: finished.unwrap_or(submitted),
        waiting_for: None,
    };
    let work = if status == Status::AwaitingDeed || matches!(code, "geboorteakte" | "huwelijksakte")
    {
        TaskType::AddDeed
    } else {
        TaskType::HandleRequest
    };
    let tasks = match (automatic, status) {
        (true, _) => Vec::new(),
        (false, Status::AwaitingPoliceAdvice) => {
            vec![(TaskType::CancelRequest, TaskStatus::Parked, None)]
        }
        (false, s) if !s.is_final() => vec![
            (work, TaskStatus::Open, None),
            (TaskType::CancelRequest, TaskStatus::Parked, None),
        ],
        (false, Status::Cancelled) => vec![
            (work, TaskStatus::Cancelled, finished),
            (TaskType::CancelRequest, TaskStatus::Done, finished),
        ],
        (false, _) => vec![
            (work, TaskStatus::Done, finished),
            (TaskType::CancelRequest, TaskStatus::Cancelled, finished),
        ],
    };
    Generated { request, tasks }
}

fn fill(conn: &mut DbConnection, now: NaiveDateTime, total: i64) {
    let start = Instant::now();
    let mut id = 0;
    while id < total {
        let batch: Vec<Generated> = (id..(id + 1000).min(total))
            .map(|i| generate(i, total, now))
            .collect();
        let rows: Vec<&NewRequest> = batch.iter().map(|g| &g.request).collect();
        // Batch inserts need the concrete connection (MultiConnection has no batch insert).
        macro_rules! insert_batch {
            ($conn:expr) => {
                $conn.transaction(|conn| {
                    diesel::insert_into(requests::table)
                        .values(rows.clone())
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
                        .flat_map(|(k, g)| {
                            g.tasks.iter().map(move |(kind, status, completed)| {
                                (
                                    tasks::request_id.eq(first + k as i64),
                                    tasks::task_type.eq(*kind),
                                    tasks::status.eq(*status),
                                    tasks::created_at.eq(g.request.submitted_at),
                                    tasks::completed_at.eq(*completed),
                                )
                            })
                        })
                        .collect();
                    for chunk in task_rows.chunks(1000) {
                        diesel::insert_into(tasks::table)
                            .values(chunk)
                            .execute(conn)?;
                    }
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
    (
        common::percentile(&times, 50.0),
        common::percentile(&times, 95.0),
    )
}

/// The median and p95 of `RUNS` GETs of `url` with `token`, and the last answer.
async fn timed_get(
    http: &reqwest::Client,
    url: &str,
    token: &str,
) -> ((f64, f64), serde_json::Value) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = serde_json::Value::Null;
    for _ in 0..RUNS {
        let t = Instant::now();
        let reply = http.get(url).bearer_auth(token).send().await.expect("GET");
        assert!(reply.status().is_success(), "{url}: {}", reply.status());
        last = reply.json().await.expect("a JSON answer");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (
        (
            common::percentile(&times, 50.0),
            common::percentile(&times, 95.0),
        ),
        last,
    )
}

/// The searches measured: each criterion alone, free text, a sort and a typical combination,
/// as the query strings the back office sends.
fn searches(now: NaiveDateTime, total: i64) -> Vec<(&'static str, String)> {
    let day = |days: i64| (now - Duration::days(days)).format("%Y-%m-%d").to_string();
    // The first ten characters of a reference a third into the history ("PA-2023-03"):
    // a reference prefix as staff type one.
    let reference = generate(total / 3, total, now).request.reference;
    let prefix = &reference[..10];
    vec![
        ("no criteria, newest first", String::new()),
        ("status=in_progress", "status=in_progress".into()),
        (
            "documentType=geboorteakte",
            "documentType=geboorteakte".into(),
        ),
        ("name=peeters", "name=peeters".into()),
        (
            "nationalNumber",
            format!("nationalNumber={}", national_number(4242)),
        ),
        ("reference prefix", format!("reference={prefix}")),
        (
            "submitted in one week",
            format!("submittedFrom={}&submittedTo={}", day(30), day(23)),
        ),
        ("taskType=add_deed", "taskType=add_deed".into()),
        ("q=wróblewski (free text)", "q=wr%C3%B3blewski".into()),
        ("q=burger4242 (free text)", "q=burger4242".into()),
        ("sort=requesterName", "sort=requesterName".into()),
        (
            "name + type + year (typical)",
            format!(
                "name=peeters&documentType=strafregister-595&submittedFrom={}",
                day(365)
            ),
        ),
    ]
}

fn criteria_of(query: &str, config: &Config) -> (Criteria, Sort) {
    let params = actix_web::web::Query::<SearchParams>::from_query(query)
        .expect("search parameters")
        .into_inner();
    let sort = query
        .split('&')
        .find_map(|p| p.strip_prefix("sort="))
        .map(|s| Sort::parse(Some(s)).expect("a sort"))
        .unwrap_or_else(|| Sort::parse(None).expect("the default sort"));
    let criteria = Criteria::parse(&params, 1, config.time_zone).expect("criteria");
    (criteria, sort)
}

struct Run<'a> {
    http: &'a reqwest::Client,
    server: &'a common::Server,
    staff: String,
    citizen: String,
}

impl Run<'_> {
    fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.server.base)
    }
}

/// Each search over HTTP (its page of 50 and its count, as the back office asks for them),
/// beside its page and its count timed in-process.
async fn measure_searches(
    run: &Run<'_>,
    conn: &mut DbConnection,
    config: &Config,
    (now, total): (NaiveDateTime, i64),
) -> Vec<serde_json::Value> {
    println!(
        "  {:<30} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "search (page of 50 + count)", "http p50", "http p95", "page p95", "count p95", "found"
    );
    let mut results = Vec::new();
    for (name, query) in searches(now, total) {
        let (criteria, sort) = criteria_of(&query, config);
        let (_, page95) = timed_ms(|| {
            search::page(conn, &criteria, sort, None, 51).expect("page");
        });
        let (_, count95) = timed_ms(|| {
            search::count_up_to(conn, &criteria, COUNT_LIMIT).expect("count");
        });
        let url = run.api(&format!("/search/requests?limit=50&{query}"));
        let ((http, http95), answer) = timed_get(run.http, &url, &run.staff).await;
        let found = format!(
            "{}{}",
            if answer["totalExact"] == false {
                ">"
            } else {
                ""
            },
            answer["total"]
        );
        println!("  {name:<30} {http:>8.1} {http95:>8.1} {page95:>8.1} {count95:>8.1} {found:>9}");
        results.push(serde_json::json!({
            "search": name, "query": query, "httpP50Ms": http, "httpP95Ms": http95,
            "pageP95Ms": page95, "countP95Ms": count95, "total": answer["total"],
            "totalExact": answer["totalExact"],
        }));
    }
    results
}

/// The inbox's first page and its last (walked to by cursor), and "Mijn aanvragen".
async fn measure_pages(run: &Run<'_>) -> Vec<serde_json::Value> {
    let first_url = run.api("/tasks?limit=50");
    let ((first, first95), answer) = timed_get(run.http, &first_url, &run.staff).await;
    let open = answer["total"].as_i64().unwrap_or(0);
    // Walk to the last page of 50.
    let mut cursor: Option<String> = None;
    let last_url = loop {
        let url = match &cursor {
            Some(c) => run.api(&format!("/tasks?limit=50&cursor={c}")),
            None => first_url.clone(),
        };
        let page: serde_json::Value = run
            .http
            .get(&url)
            .bearer_auth(&run.staff)
            .send()
            .await
            .expect("an inbox page")
            .json()
            .await
            .expect("an inbox page body");
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break url,
        }
    };
    let ((deep, deep95), _) = timed_get(run.http, &last_url, &run.staff).await;
    let ((mine, mine95), own) = timed_get(run.http, &run.api("/requests"), &run.citizen).await;
    let own = own["items"].as_array().map(Vec::len).unwrap_or(0);
    let rows = [
        (format!("inbox, first page ({open} open)"), first, first95),
        ("inbox, last page".to_owned(), deep, deep95),
        (format!("Mijn aanvragen ({own} requests)"), mine, mine95),
    ];
    rows.into_iter()
        .map(|(name, p50, p95)| {
            println!("  {name:<30} {p50:>8.1} {p95:>8.1}");
            serde_json::json!({ "page": name, "httpP50Ms": p50, "httpP95Ms": p95 })
        })
        .collect()
}

/// The Excel report of every request, made by the server: from the request to the finished
/// file, and the server's peak memory meanwhile.
async fn measure_export(run: &Run<'_>) -> serde_json::Value {
    let before = run.server.resident_mib();
    run.server.reset_peak();
    let start = Instant::now();
    let created: serde_json::Value = run
        .http
        .post(run.api("/search/exports"))
        .bearer_auth(&run.staff)
        .json(&serde_json::json!({ "criteria": {} }))
        .send()
        .await
        .expect("an export")
        .json()
        .await
        .expect("an export body");
    let id = created["id"].as_str().expect("an export id").to_owned();
    let done = loop {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let export: serde_json::Value = run
            .http
            .get(run.api(&format!("/search/exports/{id}")))
            .bearer_auth(&run.staff)
            .send()
            .await
            .expect("the export")
            .json()
            .await
            .expect("the export body");
        if export["status"] != "running" {
            break export;
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let peak = run.server.peak_mib();
    assert_eq!(done["status"], "done", "the export: {done}");
    let rows = done["rowsWritten"].as_i64().unwrap_or(0);
    println!(
        "  Excel report of {rows} rows: {secs:.1} s; server memory {before:.0} MiB before, peak {peak:.0} MiB"
    );
    serde_json::json!({
        "rows": rows, "seconds": secs, "serverMiBBefore": before, "serverPeakMiB": peak,
    })
}

async fn sign_in(http: &reqwest::Client, server: &common::Server) -> (String, String) {
    let staff = common::token(http, &server.base, serde_json::json!({ "username": STAFF })).await;
    let citizen = common::token(
        http,
        &server.base,
        serde_json::json!({ "nationalNumber": CITIZEN }),
    )
    .await;
    (staff, citizen)
}

/// The citizen's generated requests become theirs once their account exists.
fn give_citizen_their_requests(conn: &mut DbConnection) {
    diesel::sql_query(format!(
        "UPDATE requests SET requester_user_id = \
         (SELECT id FROM users WHERE national_number = '{CITIZEN}') \
         WHERE requester_national_number = '{CITIZEN}'"
    ))
    .execute(conn)
    .expect("the citizen's requests");
}

fn bench(runtime: &tokio::runtime::Runtime, url: DatabaseUrl, total: i64) -> serde_json::Value {
    let backend = url.backend_name();
    println!("\n== {backend}, {total} requests ==");
    let server_url = match &url {
        DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
        DatabaseUrl::Postgres(u) => u.clone(),
    };
    let config = Config::for_database(url);
    let pool = loket::startup::prepare_database(&config).expect("database");
    let mut conn = pool.get().expect("connection");
    let now = Utc::now().naive_utc();
    fill(&mut conn, now, total);
    diesel::sql_query("ANALYZE").execute(&mut conn).ok();
    runtime.block_on(async {
        let server = common::start(&server_url).await;
        let http = reqwest::Client::new();
        let (staff, citizen) = sign_in(&http, &server).await;
        give_citizen_their_requests(&mut conn);
        let run = Run {
            http: &http,
            server: &server,
            staff,
            citizen,
        };
        let searches = measure_searches(&run, &mut conn, &config, (now, total)).await;
        let pages = measure_pages(&run).await;
        let export = measure_export(&run).await;
        serde_json::json!({
            "database": backend, "requests": total, "searches": searches, "pages": pages,
            "export": export,
        })
    })
}

/// The sizes to measure: `LOKET_BENCH_SIZES` (`10000,100000`), else all three.
fn sizes() -> Vec<i64> {
    std::env::var("LOKET_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// Whether to measure `backend` (`sqlite`, `postgresql`): `LOKET_BENCH_DATABASES`
/// (comma-separated), else both.
fn measures(backend: &str) -> bool {
    std::env::var("LOKET_BENCH_DATABASES")
        .map(|v| v.split(',').any(|b| b.trim() == backend))
        .unwrap_or(true)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut runs = Vec::new();
    for total in sizes() {
        if measures("sqlite") {
            let dir =
                std::env::temp_dir().join(format!("loket-bench-{}-{total}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("a scratch directory");
            runs.push(bench(
                &runtime,
                DatabaseUrl::Sqlite(dir.join("bench.db").to_string_lossy().into_owned()),
                total,
            ));
            let _ = std::fs::remove_dir_all(&dir);
        }
        if !measures("postgresql") {
            continue;
        }
        match common::postgres_admin() {
            Ok((admin, mut pg)) => {
                let name = format!("loket_bench_{}_{total}", std::process::id());
                let url = common::create_database(&admin, &mut pg, &name);
                runs.push(bench(&runtime, DatabaseUrl::Postgres(url), total));
                // LOKET_BENCH_KEEP=true keeps it to look at (EXPLAIN) afterwards.
                if std::env::var("LOKET_BENCH_KEEP").as_deref() != Ok("true") {
                    common::drop_database(&mut pg, &name);
                }
            }
            Err(e) => println!("\nPostgreSQL not reachable ({e}); only SQLite measured."),
        }
    }
    common::write_results("search", &runs);
}
