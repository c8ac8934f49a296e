//! Under load: many citizens submit at once against the default pool (8 connections). Every
//! submission is answered — 201 with its document, or a fast 503 `busy` with `Retry-After`
//! that the client honours — never a 500, a "database is locked" or a hang; and afterwards
//! every acknowledged request exists exactly once, with its document. No timing is asserted
//! (`make bench` measures speed).
use crate::helpers::{count, people, TestApp};
use reqwest::Method;
use serde_json::json;

const CLIENTS: usize = 64;
const EACH: usize = 4;

/// What one client saw: the references acknowledged to it, and how often it was told to wait.
struct Seen {
    references: Vec<String>,
    busy: usize,
}

/// Submits one request until it is acknowledged, retrying (same Idempotency-Key) only after a
/// 503 `busy` that says when to come back.
async fn submit_until_acknowledged(app: &TestApp, token: &str, key: &str) -> (String, usize) {
    let body = json!({
        "documentType": "bewijs-van-woonst",
        "forWhom": "myself",
        "forUse": "belgium",
        "purpose": "Huurcontract",
        "language": "nl",
        "delivery": "digital",
    });
    let mut busy = 0;
    loop {
        let response = app
            .client
            .request(Method::POST, format!("{}/api/v1/requests", app.base))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
            .await
            .expect("the server answers");
        let reply = TestApp::reply(response).await;
        if reply.status == 503 {
            reply.assert_problem(503, "busy");
            let wait: u64 = reply.headers["retry-after"]
                .to_str()
                .ok()
                .and_then(|s| s.parse().ok())
                .expect("a 503 says when to try again");
            busy += 1;
            assert!(busy <= 50, "still busy after 50 tries");
            tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
            continue;
        }
        // 201 the first time; 200 when a retry finds what an earlier try made.
        assert!(
            reply.status == 201 || reply.status == 200,
            "{}: {}",
            reply.status,
            reply.body
        );
        assert_eq!(reply.body["status"], "delivered", "{}", reply.body);
        assert_eq!(
            reply.body["documents"].as_array().map(Vec::len),
            Some(1),
            "{}",
            reply.body
        );
        return (reply.body["reference"].as_str().unwrap().to_owned(), busy);
    }
}

async fn client(app: &TestApp, token: &str, n: usize) -> Seen {
    let mut seen = Seen {
        references: Vec::new(),
        busy: 0,
    };
    for i in 0..EACH {
        let key = format!("load-{n}-{i}-{}", uuid::Uuid::new_v4().simple());
        let (reference, busy) = submit_until_acknowledged(app, token, &key).await;
        seen.references.push(reference);
        seen.busy += busy;
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_four_citizens_submitting_at_once_each_get_their_document_once() {
    // The default pool of a production instance, and the worker off: only the submissions
    // themselves (and the deliveries they run right after committing) use the database.
    let app = TestApp::spawn_with(|c| c.db_pool_size = 8).await;
    let citizens = [
        people::JAN,
        people::ELS,
        people::NOAH,
        people::SARAH_NO_DEEDS,
    ];
    let mut tokens = Vec::new();
    for number in citizens {
        tokens.push(app.sign_in_citizen(number).await);
    }
    let clients = (0..CLIENTS).map(|n| client(&app, &tokens[n % tokens.len()], n));
    let seen = futures_util::future::join_all(clients).await;

    // Jan's clients (every fourth) see exactly their own requests in "Mijn aanvragen".
    let jans: Vec<&String> = seen
        .iter()
        .step_by(tokens.len())
        .flat_map(|s| &s.references)
        .collect();
    let mine = app.get_as("/api/v1/requests", &tokens[0]).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    let mut listed: Vec<&str> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    listed.sort_unstable();
    let mut expected: Vec<&str> = jans.iter().map(|r| r.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(listed, expected);

    let mut references: Vec<String> = seen.iter().flat_map(|s| s.references.clone()).collect();
    let busy: usize = seen.iter().map(|s| s.busy).sum();
    println!(
        "{}: {} submissions acknowledged, {busy} answered busy first",
        app.backend,
        references.len()
    );
    references.sort();
    references.dedup();
    assert_eq!(
        references.len(),
        CLIENTS * EACH,
        "every submission got a reference of its own"
    );
    // Exactly what was acknowledged is stored: nothing lost, nothing twice.
    assert_eq!(
        count(&app.url, "SELECT COUNT(*) AS n FROM requests"),
        (CLIENTS * EACH) as i64
    );
    let listed = references
        .iter()
        .map(|r| format!("'{r}'"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        count(
            &app.url,
            &format!(
                "SELECT COUNT(DISTINCT r.id) AS n FROM requests r JOIN documents d \
                 ON d.request_id = r.id WHERE r.reference IN ({listed}) AND r.status = 'delivered'"
            )
        ),
        (CLIENTS * EACH) as i64,
        "every acknowledged request is delivered with its document"
    );
    assert_eq!(
        count(&app.url, "SELECT COUNT(*) AS n FROM documents"),
        (CLIENTS * EACH) as i64,
        "one document per request"
    );
}

/// The mocked outside systems keep their state in the database but never take a connection
/// from the application's pool: with a pool of one, the delivery into My eBox that runs right
/// after the submission commits (holding that one connection) still reaches the mailbox at once
/// instead of waiting for a second connection that cannot come.
#[tokio::test]
async fn a_pool_of_one_still_delivers_to_my_ebox_at_once() {
    let app = TestApp::spawn_with(|c| c.db_pool_size = 1).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let key = uuid::Uuid::new_v4().simple().to_string();
    let (reference, _) = submit_until_acknowledged(&app, &jan, &key).await;
    let inbox = app.get_as("/api/v1/dev/ebox", &jan).await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    let items = inbox.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", inbox.body);
    assert!(
        items[0]["subject"]
            .as_str()
            .is_some_and(|s| s.contains(&reference)),
        "{}",
        inbox.body
    );
}

/// Saturated — one connection, and no time to wait for it — the service sheds what it cannot
/// take with a fast 503 `busy` and `Retry-After`, and serves the rest; nothing fails otherwise.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn when_saturated_the_service_answers_busy_with_retry_after() {
    let app = TestApp::spawn_with(|c| {
        c.db_pool_size = 1;
        c.db_queue_wait_ms = 0;
    })
    .await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let calls = (0..CLIENTS).map(|_| app.get_as("/api/v1/requests", &jan));
    let replies = futures_util::future::join_all(calls).await;
    let mut served = 0;
    let mut shed = 0;
    for reply in &replies {
        if reply.status == 200 {
            served += 1;
            continue;
        }
        reply.assert_problem(503, "busy");
        assert!(
            reply.headers["retry-after"]
                .to_str()
                .is_ok_and(|s| s.parse::<u64>().is_ok_and(|n| n >= 1)),
            "a busy answer says when to come back"
        );
        shed += 1;
    }
    assert!(served >= 1, "what fits is served");
    assert!(shed >= 1, "what does not fit is shed, not queued forever");
    // Once the rush is over, the same call is served again.
    let calm = app.get_as("/api/v1/requests", &jan).await;
    assert_eq!(calm.status, 200, "{}", calm.body);
}

/// An SMTP server that takes the connection and never says a word: the e-mail of a submission
/// waits for it (up to the SMTP timeout) without holding a database connection, so with a
/// pool of one everyone else is still served meanwhile; the e-mail stays queued, not lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_silent_smtp_server_keeps_no_database_connection_from_anyone() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        // Accept and hold connections, answer nothing.
        let mut open = Vec::new();
        for stream in silent.incoming().take(4) {
            open.push(stream);
        }
    });
    let app = TestApp::spawn_with(move |c| {
        c.db_pool_size = 1;
        c.db_queue_wait_ms = 300;
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submitting = {
        let (client, base, jan) = (app.client.clone(), app.base.clone(), jan.clone());
        tokio::spawn(async move {
            client
                .post(format!("{base}/api/v1/requests"))
                .bearer_auth(&jan)
                .json(&json!({
                    "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                    "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
                }))
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    // While the submission's e-mail waits for the silent server, the one connection is free.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(
        !submitting.is_finished(),
        "the e-mail is still waiting for the server"
    );
    for _ in 0..3 {
        let mine = app.get_as("/api/v1/requests", &jan).await;
        assert_eq!(mine.status, 200, "{}", mine.body);
    }
    assert_eq!(submitting.await.unwrap(), 201);
    assert_eq!(
        count(
            &app.url,
            "SELECT COUNT(*) AS n FROM emails WHERE status = 'queued'"
        ),
        1,
        "the e-mail waits for a retry"
    );
    drop(held);
}
