//! Nothing lost, nothing doubled: each job is claimed with its own lease, only the holder of
//! the lease records its outcome, a job that keeps failing (or killing its worker) is given up
//! on and shown to staff ("Mislukte leveringen"), who try it again; every outgoing effect
//! carries an idempotency key, so a retry after a crash does not do it twice.
use crate::helpers::{people, TestApp};
use chrono::{Duration, NaiveDateTime};
use loket::db::connection::DatabaseUrl;
use loket::db::jobs::{self, Claim, Claimed};
use loket::db::DbConnection;
use loket::domain::jobs::JobKind;
use serde_json::{json, Value};

/// A connection of its own to the test database, as another instance has.
fn connect(url: &DatabaseUrl) -> DbConnection {
    use diesel::Connection;
    match url {
        DatabaseUrl::Sqlite(path) => {
            DbConnection::Sqlite(diesel::SqliteConnection::establish(path).expect("sqlite"))
        }
        DatabaseUrl::Postgres(pg) => {
            DbConnection::Pg(diesel::PgConnection::establish(pg).expect("postgres"))
        }
    }
}

/// A statement straight on the test database (what a crash leaves behind).
pub fn execute(url: &DatabaseUrl, sql: &str) {
    use diesel::{Connection, RunQueryDsl};
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = diesel::SqliteConnection::establish(path).expect("sqlite");
            diesel::sql_query(sql).execute(&mut conn).expect(sql);
        }
        DatabaseUrl::Postgres(pg) => {
            let mut conn = diesel::PgConnection::establish(pg).expect("postgres");
            diesel::sql_query(sql).execute(&mut conn).expect(sql);
        }
    }
}

/// Makes the jobs of `kind` look as a crash leaves them: run (the effect happened) but never
/// marked done, still leased to a worker that is gone, its lease run out.
pub fn crash_after_running(url: &DatabaseUrl, kind: &str) {
    execute(
        url,
        &format!(
            "UPDATE jobs SET done_at = NULL, locked_by = 'dead-worker', locked_until = run_at WHERE kind = '{kind}'"
        ),
    );
}

/// The one job of `kind`.
fn job_of(url: &DatabaseUrl, kind: JobKind) -> jobs::JobRow {
    let mut conn = connect(url);
    jobs::pending(&mut conn)
        .unwrap()
        .into_iter()
        .find(|j| j.kind == kind)
        .expect("a pending job of that kind")
}

/// Another worker (as in another instance) claims `job` at `now` with a 5-minute lease.
fn claim_as(url: &DatabaseUrl, worker: &str, job: i64, now: NaiveDateTime) -> jobs::JobRow {
    let mut conn = connect(url);
    let claimed = jobs::claim_next(
        &mut conn,
        worker,
        now,
        Duration::minutes(5),
        loket::workflow::jobs::max_attempts,
        Claim::Ids(&[job]),
    )
    .unwrap();
    match claimed {
        Claimed::Job(row) => row,
        other => panic!("{worker} could not claim job {job}: {other:?}"),
    }
}

async fn outages(app: &TestApp, police: bool) {
    let body = json!({"nationalRegister": false, "dabs": false, "ebox": false, "police": police});
    let reply = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/dev/outages",
            None,
            Some(body),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

fn police_extract() -> Value {
    json!({"documentType": "strafregister-596-2", "forWhom": "myself", "forUse": "belgium", "purpose": "Vereniging", "language": "nl", "delivery": "digital"})
}

async fn advice_requests(app: &TestApp) -> Vec<Value> {
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let reply = app.get_as("/api/v1/police/advice-requests", &police).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"].as_array().unwrap().clone()
}

async fn failed_jobs(app: &TestApp, staff: &str) -> Vec<Value> {
    let reply = app.get_as("/api/v1/jobs/failed", staff).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_job_whose_lease_ran_out_is_taken_over_and_the_late_worker_records_nothing() {
    let app = TestApp::spawn().await;
    outages(&app, true).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submitted = app.submit(Some(&jan), police_extract()).await;
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    let job = job_of(&app.url, JobKind::AskPolice);
    // A worker of another instance claims the retry, and then hangs.
    let slow = claim_as(&app.url, "slow-worker", job.id, job.run_at);
    assert_eq!(slow.locked_by.as_deref(), Some("slow-worker"));
    assert_eq!(
        app.run_jobs().await,
        0,
        "a leased job is left to its worker"
    );

    // Its lease runs out: this instance takes the job over and runs it.
    outages(&app, false).await;
    app.advance_clock(15 * 60).await;
    assert_eq!(app.run_jobs().await, 1);
    let asked = advice_requests(&app).await;
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0]["reference"], submitted.body["reference"]);

    // The first worker wakes up: what it has to say is not recorded.
    let mut conn = connect(&app.url);
    let late = job.run_at + Duration::minutes(20);
    assert!(!jobs::fail(&mut conn, job.id, "slow-worker", "too late", None, late).unwrap());
    assert!(!jobs::complete(&mut conn, job.id, "slow-worker", late).unwrap());
    let row = jobs::by_id(&mut conn, job.id).unwrap().unwrap();
    assert!(
        row.done_at.is_some(),
        "done by the instance that took it over"
    );
    assert!(
        row.failed_at.is_none() && row.last_error.is_none(),
        "{row:?}"
    );
    let an = app.sign_in_staff("an.desmet").await;
    assert!(failed_jobs(&app, &an).await.is_empty());
}

#[tokio::test]
async fn a_job_that_keeps_killing_its_worker_is_given_up_then_staff_retry_it_and_it_runs() {
    let app = TestApp::spawn().await;
    outages(&app, true).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submitted = app.submit(Some(&jan), police_extract()).await;
    let reference = submitted.body["reference"].as_str().unwrap();
    let job = job_of(&app.url, JobKind::AskPolice);
    // Every worker that claims it dies while running it (the first attempt failed normally).
    let limit = loket::workflow::jobs::MAX_ATTEMPTS;
    for attempt in 1..limit {
        let at = job.run_at + Duration::minutes(10 * i64::from(attempt));
        let row = claim_as(&app.url, &format!("doomed-{attempt}"), job.id, at);
        assert_eq!(row.attempts, attempt + 1);
    }
    outages(&app, false).await;
    app.advance_clock(3 * 60 * 60).await;
    assert_eq!(
        app.run_jobs().await,
        0,
        "its attempts are used up: not run again"
    );
    assert!(advice_requests(&app).await.is_empty());

    let an = app.sign_in_staff("an.desmet").await;
    let failed = failed_jobs(&app, &an).await;
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0]["kind"], "ask_police");
    assert_eq!(failed[0]["requestReference"], reference);
    assert_eq!(failed[0]["attempts"], limit);
    assert_eq!(failed[0]["state"], "failed");
    assert!(failed[0]["failedAt"].is_string());
    assert!(
        failed[0]["lastError"]
            .as_str()
            .unwrap()
            .contains("never finished"),
        "{}",
        failed[0]
    );

    let retried = app
        .post_json_as(&format!("/api/v1/jobs/{}/retry", job.id), &an, json!({}))
        .await;
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert_eq!(retried.body["state"], "done");
    assert_eq!(advice_requests(&app).await.len(), 1, "the police are asked");
    assert!(failed_jobs(&app, &an).await.is_empty());
    let audit = app.audit("delivery_retried");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "An De Smet");

    app.post_json_as(&format!("/api/v1/jobs/{}/retry", job.id), &an, json!({}))
        .await
        .assert_problem(409, "job_not_failed");
    app.post_json_as("/api/v1/jobs/987654/retry", &an, json!({}))
        .await
        .assert_problem(404, "not_found");
    let jan = app.sign_in_citizen(people::JAN).await;
    app.get_as("/api/v1/jobs/failed", &jan)
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn asking_the_police_again_after_a_crash_succeeds_and_asks_once() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submitted = app.submit(Some(&jan), police_extract()).await;
    assert_eq!(submitted.body["status"], "awaiting_police_advice");
    assert_eq!(advice_requests(&app).await.len(), 1);
    // The instance asked, then died before it could mark the job done.
    crash_after_running(&app.url, "ask_police");
    assert_eq!(app.run_jobs().await, 1, "the retry succeeds");
    assert_eq!(advice_requests(&app).await.len(), 1, "and asks only once");
    let an = app.sign_in_staff("an.desmet").await;
    assert!(failed_jobs(&app, &an).await.is_empty());
    // The history says it once too.
    assert_eq!(app.audit("police_advice_requested").len(), 1);
}

#[tokio::test]
async fn an_ebox_delivery_retried_after_a_crash_arrives_once() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let body = json!({"documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium", "purpose": "Huur", "language": "nl", "delivery": "digital"});
    let submitted = app.submit(Some(&jan), body).await;
    assert_eq!(submitted.body["status"], "delivered", "{}", submitted.body);
    assert_eq!(ebox_items(&app, &jan).await, 1);
    crash_after_running(&app.url, "deliver_ebox");
    assert_eq!(app.run_jobs().await, 1, "the retry succeeds");
    assert_eq!(
        ebox_items(&app, &jan).await,
        1,
        "the mailbox ignored the duplicate"
    );
    assert_eq!(
        app.audit("delivered_to_ebox").len(),
        1,
        "one line in the history"
    );
}

async fn ebox_items(app: &TestApp, citizen: &str) -> usize {
    let reply = app.get_as("/api/v1/dev/ebox", citizen).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"].as_array().unwrap().len()
}

/// Starts a report of every request and waits until it is done; returns its id.
async fn finished_export(app: &TestApp, staff: &str) -> String {
    let started = app
        .post_json_as("/api/v1/search/exports", staff, json!({"criteria": {}}))
        .await;
    assert_eq!(started.status, 202, "{}", started.body);
    let id = started.body["id"].as_str().unwrap().to_owned();
    for _ in 0..200 {
        let state = app
            .get_as(&format!("/api/v1/search/exports/{id}"), staff)
            .await;
        if state.body["status"] == "done" {
            return id;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the export did not finish");
}

/// Makes an export look as a dead instance leaves it: running, its job's lease run out.
fn leave_running(url: &DatabaseUrl, export: &str, attempts: i32) {
    execute(
        url,
        &format!("UPDATE exports SET status = 'running', content = NULL, rows_written = 0, finished_at = NULL WHERE id = '{export}'"),
    );
    execute(
        url,
        &format!("UPDATE jobs SET done_at = NULL, locked_by = 'dead-instance', locked_until = run_at, attempts = {attempts} WHERE payload = '{export}'"),
    );
}

#[tokio::test]
async fn an_export_left_running_by_a_dead_instance_is_taken_over() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    app.submit(Some(&jan), police_extract()).await;
    let an = app.sign_in_staff("an.desmet").await;
    let id = finished_export(&app, &an).await;
    leave_running(&app.url, &id, 1);
    assert_eq!(app.run_jobs().await, 1);
    let state = app
        .get_as(&format!("/api/v1/search/exports/{id}"), &an)
        .await;
    assert_eq!(state.body["status"], "done", "{}", state.body);
    assert_eq!(state.body["rowsWritten"], 1);
    let file = app
        .get_bytes(state.body["downloadUrl"].as_str().unwrap(), Some(&an))
        .await;
    assert_eq!(file.status, 200);
}

#[tokio::test]
async fn an_export_whose_instances_keep_dying_fails_with_a_clear_message_and_can_be_retried() {
    let app = TestApp::spawn().await;
    let an = app.sign_in_staff("an.desmet").await;
    let id = finished_export(&app, &an).await;
    leave_running(&app.url, &id, loket::workflow::export::MAX_ATTEMPTS);
    assert_eq!(app.run_jobs().await, 0);
    let state = app
        .get_as(&format!("/api/v1/search/exports/{id}"), &an)
        .await;
    assert_eq!(state.body["status"], "failed", "{}", state.body);
    let error = state.body["error"].as_str().unwrap();
    assert!(
        error.contains("interrupted") && error.contains("Start the export again"),
        "{error}"
    );
    let failed = failed_jobs(&app, &an).await;
    assert_eq!(failed[0]["kind"], "export_report");
    assert!(failed[0]["requestReference"].is_null());
    let job = failed[0]["id"].as_i64().unwrap();
    let retried = app
        .post_json_as(&format!("/api/v1/jobs/{job}/retry"), &an, json!({}))
        .await;
    assert_eq!(retried.status, 200, "{}", retried.body);
    for _ in 0..200 {
        let state = app
            .get_as(&format!("/api/v1/search/exports/{id}"), &an)
            .await;
        if state.body["status"] == "done" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the retried export did not finish");
}

#[tokio::test]
async fn an_export_left_running_without_a_job_is_failed_clearly() {
    let app = TestApp::spawn().await;
    let an = app.sign_in_staff("an.desmet").await;
    let id = finished_export(&app, &an).await;
    // As an older version, which ran exports outside the job queue, left it.
    execute(
        &app.url,
        &format!("UPDATE exports SET status = 'running', content = NULL, finished_at = NULL WHERE id = '{id}'"),
    );
    execute(
        &app.url,
        &format!("DELETE FROM jobs WHERE payload = '{id}'"),
    );
    app.run_jobs().await;
    let state = app
        .get_as(&format!("/api/v1/search/exports/{id}"), &an)
        .await;
    assert_eq!(state.body["status"], "failed", "{}", state.body);
    assert!(state.body["error"]
        .as_str()
        .unwrap()
        .contains("interrupted"));
}

/// The failed deliveries come a page at a time, most recently given up first, each once —
/// also when two were given up on at the same moment.
#[tokio::test]
async fn the_failed_deliveries_come_a_page_at_a_time() {
    let app = TestApp::spawn().await;
    let base = chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut conn = connect(&app.url);
    for minutes in [10, 20, 20, 30, 40] {
        let at = base + Duration::minutes(minutes);
        let id = jobs::enqueue(&mut conn, JobKind::ExportReport, "gone", at, at).unwrap();
        let failed = at.format("%Y-%m-%d %H:%M:%S");
        execute(
            &app.url,
            &format!("UPDATE jobs SET failed_at = '{failed}', attempts = 3, last_error = 'x' WHERE id = {id}"),
        );
    }
    let staff = app.sign_in_staff("an.desmet").await;
    let mut seen = Vec::new();
    let mut pages = 0;
    let mut path = "/api/v1/jobs/failed?limit=2".to_owned();
    loop {
        let reply = app.get_as(&path, &staff).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.body["total"], 5);
        pages += 1;
        for job in reply.body["items"].as_array().unwrap() {
            seen.push((
                job["failedAt"].as_str().unwrap().to_owned(),
                job["id"].as_i64().unwrap(),
            ));
        }
        match reply.body["nextCursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/jobs/failed?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut ids: Vec<i64> = seen.iter().map(|(_, id)| *id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "each once: {seen:?}");
    let times: Vec<&String> = seen.iter().map(|(at, _)| at).collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    app.get_as("/api/v1/jobs/failed?cursor=nonsense", &staff)
        .await
        .assert_problem(422, "validation_failed");
}
