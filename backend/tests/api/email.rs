//! E-mail through a real SMTP server (aiosmtpd), started by the test.
use crate::helpers::{people, TestApp};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct SmtpServer {
    child: Child,
    dir: std::path::PathBuf,
}

impl SmtpServer {
    async fn start(port: u16) -> Self {
        let dir =
            std::env::temp_dir().join(format!("loket-smtp-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(dir.join("mail"))
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
        Self { child, dir }
    }

    /// Every message the server received, as raw text.
    fn messages(&self) -> Vec<String> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.dir.join("mail").join(sub)) {
                for entry in entries.flatten() {
                    found.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
                }
            }
        }
        found
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn with_smtp_configured_the_acknowledgement_goes_out_through_the_server() {
    let port = free_port();
    let server = SmtpServer::start(port).await;
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let request = json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "abroad",
        "destinationCountry": "ES", "purpose": "Verblijf", "language": "nl", "delivery": "digital",
    });
    let reply = app.submit(Some(&jan), request).await;
    let reference = reply.body["reference"].as_str().unwrap();
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "one message at the SMTP server");
    assert!(
        messages[0].contains("To: jan.peeters@example.be"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains(&format!("Ontvangstbevestiging van je aanvraag {reference}")),
        "{}",
        messages[0]
    );
    assert_eq!(
        app.outbox("jan.peeters@example.be").await[0]["status"],
        "sent"
    );
}

#[tokio::test]
async fn when_the_smtp_server_is_down_the_email_is_retried_later() {
    let port = free_port();
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Huur", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    assert_eq!(
        reply.status, 201,
        "the request is stored even though e-mail failed"
    );
    let email = &app.outbox("jan.peeters@example.be").await[0];
    assert_eq!(email["status"], "queued");

    let server = SmtpServer::start(port).await;
    assert_eq!(app.run_jobs().await, 0, "not due yet");
    app.advance_clock(120).await;
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(server.messages().len(), 1);
    assert_eq!(
        app.outbox("jan.peeters@example.be").await[0]["status"],
        "sent"
    );
}

/// The `Message-ID` header of a raw message.
fn message_id(raw: &str) -> String {
    raw.lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(name, _)| name.eq_ignore_ascii_case("message-id"))
        })
        .map(|(_, v)| v.trim().to_owned())
        .expect("a Message-ID header")
}

fn acknowledgement_request() -> serde_json::Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huur", "language": "nl", "delivery": "digital",
    })
}

#[tokio::test]
async fn an_email_sent_again_after_a_crash_carries_the_same_message_id() {
    let port = free_port();
    let server = SmtpServer::start(port).await;
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    app.submit(Some(&jan), acknowledgement_request()).await;
    let first = server.messages();
    assert_eq!(first.len(), 1);
    let id = message_id(&first[0]);
    assert!(
        id.starts_with('<') && id.ends_with("@voorbeeldegem.be>"),
        "{id}"
    );
    // The instance handed the e-mail to the server, then died before it could mark it sent.
    crate::jobs::execute(
        &app.url,
        "UPDATE emails SET status = 'queued', sent_at = NULL",
    );
    crate::jobs::crash_after_running(&app.url, "send_email");
    assert_eq!(app.run_jobs().await, 1);
    let both = server.messages();
    assert_eq!(both.len(), 2, "sent again: the server never said it had it");
    assert!(
        both.iter().all(|m| message_id(m) == id),
        "one Message-ID, so the receiver sees one message: {:?}",
        both.iter().map(|m| message_id(m)).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn an_email_given_up_on_is_shown_to_staff_who_send_it_again() {
    let port = free_port();
    let app = TestApp::spawn_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submitted = app.submit(Some(&jan), acknowledgement_request()).await;
    // The SMTP server stays down through every attempt.
    for _ in 1..loket::workflow::jobs::MAX_ATTEMPTS {
        app.advance_clock(2 * 60 * 60).await;
        assert_eq!(app.run_jobs().await, 0);
    }
    assert_eq!(
        app.outbox("jan.peeters@example.be").await[0]["status"],
        "failed"
    );
    let an = app.sign_in_staff("an.desmet").await;
    let failed = app.get_as("/api/v1/jobs/failed", &an).await;
    let items = failed.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", failed.body);
    assert_eq!(items[0]["kind"], "send_email");
    assert_eq!(items[0]["requestReference"], submitted.body["reference"]);
    let error = items[0]["lastError"].as_str().unwrap();
    assert!(
        !error.is_empty() && !error.contains("jan.peeters"),
        "{error}"
    );

    let server = SmtpServer::start(port).await;
    let job = items[0]["id"].as_i64().unwrap();
    let retried = app
        .post_json_as(&format!("/api/v1/jobs/{job}/retry"), &an, json!({}))
        .await;
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert_eq!(retried.body["state"], "done");
    assert_eq!(server.messages().len(), 1);
    assert_eq!(
        app.outbox("jan.peeters@example.be").await[0]["status"],
        "sent"
    );
    let failed = app.get_as("/api/v1/jobs/failed", &an).await;
    assert_eq!(failed.body["items"], json!([]));
}
