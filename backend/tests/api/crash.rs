//! Killed mid-stream: the backend runs as a process of its own, takes submissions and staff
//! actions from several clients while a slow SMTP server receives its e-mails, and is killed
//! with SIGKILL. After a restart, every request it acknowledged exists with its documents and
//! tasks, and every e-mail reaches the SMTP server under exactly one Message-ID (a resend after
//! the crash reuses it).
use crate::helpers::{count, FreshDb};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_loket");
const CITIZENS: [&str; 5] = [
    "85073003328",
    "87021412436",
    "01061812311",
    "80011508783",
    "95120108227",
];
/// How long the SMTP server takes over each message.
const SMTP_DELAY_SECONDS: &str = "0.15";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn scratch() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("loket-crash-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An SMTP server (aiosmtpd) that takes its time over each message and keeps every one it
/// accepted in a Maildir.
struct SlowSmtp {
    child: Child,
    port: u16,
    maildir: std::path::PathBuf,
}

const SLOW_SMTP: &str = r#"
import asyncio, mailbox, sys, time
from aiosmtpd.controller import Controller

class Slow:
    def __init__(self, path, delay):
        self.box = mailbox.Maildir(path, create=True)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        self.box.add(envelope.original_content or envelope.content)
        return "250 OK"

port, path, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
Controller(Slow(path, delay), hostname="127.0.0.1", port=port).start()
while True:
    time.sleep(3600)
"#;

impl SlowSmtp {
    async fn start(dir: &std::path::Path) -> Self {
        let port = free_port();
        let script = dir.join("slow_smtp.py");
        std::fs::write(&script, SLOW_SMTP).unwrap();
        let maildir = dir.join("mail");
        let child = Command::new("python3")
            .arg(&script)
            .arg(port.to_string())
            .arg(&maildir)
            .arg(SMTP_DELAY_SECONDS)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (make test installs it)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self {
            child,
            port,
            maildir,
        }
    }

    /// The Message-ID of every message received (a message received twice counts twice).
    fn message_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let id = text
                    .lines()
                    .take_while(|l| !l.is_empty())
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.eq_ignore_ascii_case("message-id")
                            .then(|| value.trim().to_owned())
                    })
                    .unwrap_or_else(|| format!("(none in {})", entry.path().display()));
                ids.push(id);
            }
        }
        ids
    }
}

impl Drop for SlowSmtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The backend as a process of its own, in demo mode, on the test's database.
struct Backend {
    child: Child,
    base: String,
}

impl Backend {
    async fn start(database: &str, smtp_port: u16) -> Self {
        let port = free_port();
        let mut command = Command::new(BINARY);
        command
            .arg("serve")
            .env("LOKET_DEMO", "true")
            .env("PORT", port.to_string())
            .env("DATABASE_URL", database)
            .env("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
            .env("LOKET_DEMO_REQUESTS", "false")
            .env("JOB_INTERVAL_SECONDS", "1")
            .env("RUST_LOG", "error")
            .env_remove("PUBLIC_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for limit in [
            "SIGN_IN_PER_MINUTE",
            "SUBMIT_PER_MINUTE",
            "SUBMIT_PER_EMAIL_PER_HOUR",
            "VERIFY_PER_MINUTE",
            "DOWNLOAD_PER_MINUTE",
        ] {
            command.env(format!("RATE_LIMIT_{limit}"), "100000");
        }
        let child = command.spawn().expect("the backend starts");
        let backend = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..300 {
            if let Ok(r) = reqwest::get(format!("{}/api/health", backend.base)).await {
                if r.status().is_success() {
                    return backend;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the backend did not come up at {}", backend.base);
    }

    /// SIGKILL: no shutdown, no flushing, as when the machine loses power.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn token(client: &reqwest::Client, base: &str, body: Value) -> String {
    let reply: Value = client
        .post(format!("{base}/api/v1/dev/token"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["accessToken"].as_str().unwrap().to_owned()
}

/// What the backend said yes to before it died: references and the state they were left in.
type Acknowledged = Arc<Mutex<BTreeMap<String, &'static str>>>;

fn residence() -> Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
    })
}

fn for_mohamed() -> Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
        "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": "90112115716"},
        "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "digital",
    })
}

/// A citizen submitting automatic requests one after the other until the backend is gone (a
/// 503 `busy` — load shed, nothing done — is sent again, as a client does).
async fn citizen_stream(base: String, token: String, acknowledged: Acknowledged) {
    let client = reqwest::Client::new();
    loop {
        let Ok(response) = client
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(&token)
            .json(&residence())
            .send()
            .await
        else {
            return;
        };
        if response.status().as_u16() == 503 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        if response.status().as_u16() != 201 {
            return;
        }
        let Ok(body) = response.json::<Value>().await else {
            return;
        };
        let reference = body["reference"].as_str().unwrap().to_owned();
        acknowledged.lock().unwrap().insert(reference, "delivered");
    }
}

/// A manual request, and a staff member refusing it, over and over until the backend is gone.
async fn staff_stream(base: String, citizen: String, staff: String, acknowledged: Acknowledged) {
    let client = reqwest::Client::new();
    loop {
        let Ok(response) = client
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(&citizen)
            .json(&for_mohamed())
            .send()
            .await
        else {
            return;
        };
        if response.status().as_u16() == 503 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        let Ok(body) = response.json::<Value>().await else {
            return;
        };
        let Some(reference) = body["reference"].as_str().map(str::to_owned) else {
            return;
        };
        acknowledged
            .lock()
            .unwrap()
            .insert(reference.clone(), "in_progress");
        let Ok(refused) = client
            .post(format!("{base}/api/v1/requests/{reference}/refuse"))
            .bearer_auth(&staff)
            .json(&json!({ "reason": "Geen recht op dit document." }))
            .send()
            .await
        else {
            return;
        };
        if refused.status().as_u16() != 200 {
            return;
        }
        acknowledged.lock().unwrap().insert(reference, "refused");
    }
}

fn queued_emails(db: &FreshDb) -> i64 {
    count(
        &db.url,
        "SELECT COUNT(*) AS n FROM emails WHERE status <> 'sent'",
    )
}

#[tokio::test]
async fn a_backend_killed_mid_stream_loses_no_acknowledged_request_and_sends_each_email_once() {
    let dir = scratch();
    let db = FreshDb::create();
    let smtp = SlowSmtp::start(&dir).await;
    let first = Backend::start(&db.setting(), smtp.port).await;
    let client = reqwest::Client::new();
    let mut citizens = Vec::new();
    for number in CITIZENS {
        citizens.push(token(&client, &first.base, json!({ "nationalNumber": number })).await);
    }
    let staff = token(&client, &first.base, json!({ "username": "an.desmet" })).await;

    let acknowledged: Acknowledged = Arc::default();
    let mut streams = Vec::new();
    for citizen in &citizens {
        streams.push(tokio::spawn(citizen_stream(
            first.base.clone(),
            citizen.clone(),
            acknowledged.clone(),
        )));
    }
    streams.push(tokio::spawn(staff_stream(
        first.base.clone(),
        citizens[0].clone(),
        staff.clone(),
        acknowledged.clone(),
    )));
    // Kill it once it has said yes a good number of times, in the middle of the stream (the
    // slow SMTP server is then receiving: each answer waits for its e-mail).
    for _ in 0..600 {
        if acknowledged.lock().unwrap().len() >= 24 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.kill();
    for stream in streams {
        stream.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 24, "the stream ran: {acknowledged:?}");

    // Restarted on the same database: the job worker sends what the crash left.
    let second = Backend::start(&db.setting(), smtp.port).await;
    // The jobs the dead instance had claimed are leased to it: once the lease has run out (the
    // restarted instance's clock moved past it), another worker takes them over.
    let moved = client
        .post(format!("{}/api/v1/dev/clock/advance", second.base))
        .json(&json!({ "seconds": 15 * 60 }))
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success());
    for _ in 0..300 {
        if queued_emails(&db) == 0 {
            break;
        }
        let _ = client
            .post(format!("{}/api/v1/dev/jobs/run", second.base))
            .json(&json!({}))
            .send()
            .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        queued_emails(&db),
        0,
        "every e-mail went out after the restart"
    );

    // Every acknowledged request is there, in the state it was acknowledged in (or further).
    for (reference, state) in &acknowledged {
        let detail: Value = client
            .get(format!("{}/api/v1/requests/{reference}", second.base))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let status = detail["status"].as_str().unwrap_or("missing");
        match *state {
            "delivered" => {
                assert_eq!(status, "delivered", "{reference}");
                assert!(
                    !detail["documents"].as_array().unwrap().is_empty(),
                    "{reference} has its document"
                );
            }
            "refused" => assert_eq!(status, "refused", "{reference}"),
            _ => {
                assert!(
                    ["in_progress", "refused"].contains(&status),
                    "{reference}: {status}"
                );
                if status == "in_progress" {
                    let tasks: BTreeSet<&str> = detail["tasks"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter_map(|t| t["taskType"].as_str())
                        .collect();
                    assert!(tasks.contains("handle_request"), "{reference}: {tasks:?}");
                }
            }
        }
    }

    // Every e-mail in the outbox reached the SMTP server, each under one Message-ID: a resend
    // after the crash carries the Message-ID the e-mail was queued with.
    let expected: BTreeSet<String> = message_ids_in_outbox(&db);
    let received = smtp.message_ids();
    let distinct: BTreeSet<String> = received.iter().cloned().collect();
    assert_eq!(
        distinct, expected,
        "the SMTP server got exactly the outbox's Message-IDs"
    );
    let emails_expected = expected.len();
    println!(
        "crash ({}): {} acknowledged, e-mails expected {emails_expected}, received {} ({} distinct)",
        db.url.backend_name(),
        acknowledged.len(),
        received.len(),
        distinct.len()
    );
    drop(second);
    let _ = std::fs::remove_dir_all(&dir);
}

fn message_ids_in_outbox(db: &FreshDb) -> BTreeSet<String> {
    use diesel::prelude::*;
    use loket::db::connection::DatabaseUrl;
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        message_id: String,
    }
    let sql = "SELECT message_id FROM emails WHERE status = 'sent'";
    let rows: Vec<Row> = match &db.url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn = diesel::SqliteConnection::establish(path).expect("sqlite");
            diesel::sql_query(sql).load(&mut conn).expect("emails")
        }
        DatabaseUrl::Postgres(url) => {
            let mut conn = diesel::PgConnection::establish(url).expect("postgres");
            diesel::sql_query(sql).load(&mut conn).expect("emails")
        }
    };
    rows.into_iter().map(|r| r.message_id).collect()
}
