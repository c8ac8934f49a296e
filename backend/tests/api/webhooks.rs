//! Webhooks as an integrator receives them: a local receiver records every POST and checks its
//! Standard Webhooks signature itself (HMAC-SHA256 recomputed here, not by Loket's code);
//! deliveries are retried while the receiver is down and arrive once, by `webhook-id`, when
//! it is back; a subscriber that keeps failing is paused and the admin is told; a delivery
//! can be replayed from the log. The payload carries no personal data.
use crate::helpers::{people, Reply, TestApp};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::BTreeMap;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const MOHAMED: &str = "90112115716";
const ADMIN: &str = "lotte.vermeulen";
const ALL_EVENTS: [&str; 7] = [
    "request.submitted",
    "request.status_changed",
    "request.delivered",
    "request.refused",
    "request.cancelled",
    "task.created",
    "task.completed",
];

/// An API client registered by the admin: (row id, public client id, secret).
async fn register_client(app: &TestApp, admin: &str, body: Value) -> (i64, String, String) {
    let reply = app.post_json_as("/api/v1/clients", admin, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let client = &reply.body["client"];
    (
        client["id"].as_i64().unwrap(),
        client["clientId"].as_str().unwrap().to_owned(),
        reply.body["clientSecret"].as_str().unwrap().to_owned(),
    )
}

async fn client_token(app: &TestApp, client_id: &str, secret: &str) -> String {
    let response = app
        .client
        .post(format!("{}/oauth/token", app.base))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
        ])
        .send()
        .await
        .unwrap();
    let reply = TestApp::reply(response).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["access_token"].as_str().unwrap().to_owned()
}

/// The admin subscribes `url` for a client; answers (subscription id, secret).
async fn subscribe(app: &TestApp, admin: &str, client: &str, url: &str) -> (i64, String) {
    let body = json!({"clientId": client, "url": url, "events": ALL_EVENTS});
    let reply = app.post_json_as("/api/v1/webhooks", admin, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["webhook"]["url"], url);
    let id = reply.body["webhook"]["id"].as_i64().unwrap();
    let secret = reply.body["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    (id, secret)
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Reply {
    app.call(method, path, Some(token), body).await
}

/// A manual request by Jan for Mohamed (a task for staff); returns its reference.
async fn manual_request(app: &TestApp) -> String {
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
                "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
                "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
            }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["reference"].as_str().unwrap().to_owned()
}

async fn deliver(app: &TestApp, reference: &str) {
    let staff = app.sign_in_staff("an.desmet").await;
    let path = format!("/api/v1/requests/{reference}/deliver");
    let reply = call(
        app,
        Method::POST,
        &path,
        &staff,
        Some(json!({"method": "digital"})),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("a {name} header"))
        .to_str()
        .unwrap()
}

/// Checks a received webhook's signature as a receiver does (Standard Webhooks: HMAC-SHA256
/// over `{id}.{timestamp}.{body}`, keyed with the base64-decoded secret) and answers
/// (webhook-id, body).
fn verified(secret: &str, request: &Request) -> (String, Value) {
    let id = header(request, "webhook-id");
    let timestamp = header(request, "webhook-timestamp");
    let key = BASE64
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(&request.body);
    let expected = format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()));
    let signatures = header(request, "webhook-signature");
    assert!(
        signatures.split(' ').any(|s| s == expected),
        "the signature {signatures} is not {expected}"
    );
    assert!(
        timestamp.parse::<i64>().is_ok(),
        "unix seconds: {timestamp}"
    );
    assert!(id.starts_with("msg_"), "{id}");
    (
        id.to_owned(),
        serde_json::from_slice(&request.body).unwrap(),
    )
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

async fn receiver(status: u16) -> MockServer {
    let server = MockServer::start().await;
    answer(&server, status).await;
    server
}

async fn answer(server: &MockServer, status: u16) {
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(status))
        .mount(server)
        .await;
}

/// The delivery log as the admin sees it (signed in afresh: the tests move the clock).
async fn delivery_log(app: &TestApp, subscription: i64) -> Vec<Value> {
    let admin = app.sign_in_staff(ADMIN).await;
    let path = format!("/api/v1/webhooks/{subscription}/deliveries");
    let reply = app.get_as(&path, &admin).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"].as_array().unwrap().clone()
}

/// A port nothing listens on (yet).
fn free_port() -> std::net::TcpListener {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap()
}

#[tokio::test]
async fn a_requests_whole_life_arrives_signed_and_without_personal_data() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let server = receiver(200).await;
    let (_, client, _) = register_client(
        &app,
        &admin,
        json!({"name": "Zaaksysteem", "scopes": ["webhooks:manage", "requests:read"]}),
    )
    .await;
    let url = format!("{}/hook", server.uri());
    let (subscription, secret) = subscribe(&app, &admin, &client, &url).await;
    // Another client, restricted to criminal-record extracts, hears nothing of this request.
    let other_server = receiver(200).await;
    let (_, other, _) = register_client(
        &app,
        &admin,
        json!({"name": "Strafregister", "scopes": ["webhooks:manage", "requests:read"], "documentTypes": ["strafregister-596-1"]}),
    )
    .await;
    subscribe(
        &app,
        &admin,
        &other,
        &format!("{}/hook", other_server.uri()),
    )
    .await;

    let reference = manual_request(&app).await;
    deliver(&app, &reference).await;
    app.run_jobs().await;

    let got: Vec<(String, Value)> = received(&server)
        .await
        .iter()
        .map(|r| verified(&secret, r))
        .collect();
    let types: Vec<&str> = got
        .iter()
        .map(|(_, b)| b["type"].as_str().unwrap())
        .collect();
    for event in [
        "request.submitted",
        "task.created",
        "task.completed",
        "request.status_changed",
        "request.delivered",
    ] {
        assert!(types.contains(&event), "{event} in {types:?}");
    }
    assert_eq!(types[0], "request.submitted", "{types:?}");
    assert_eq!(types.last(), Some(&"request.delivered"), "{types:?}");
    let ids: std::collections::BTreeSet<&String> = got.iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids.len(),
        got.len(),
        "each event once, under its own webhook-id"
    );
    for (_, body) in &got {
        let data = &body["data"];
        assert_eq!(data["reference"], reference.as_str());
        assert_eq!(data["documentType"], "bewijs-van-woonst");
        let href = data["href"].as_str().unwrap();
        assert!(
            href.ends_with(&format!("/api/v1/requests/{reference}")),
            "{href}"
        );
        assert!(chrono::DateTime::parse_from_rfc3339(body["timestamp"].as_str().unwrap()).is_ok());
        let text = body.to_string();
        for personal in [
            "Mohamed",
            "El Amrani",
            MOHAMED,
            people::JAN,
            "Jan",
            "Peeters",
            "@",
        ] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
    }
    let delivered = got
        .iter()
        .find(|(_, b)| b["type"] == "request.delivered")
        .unwrap();
    assert_eq!(delivered.1["data"]["status"], "delivered");
    assert!(
        received(&other_server).await.is_empty(),
        "not its document type"
    );

    let log = delivery_log(&app, subscription).await;
    assert_eq!(log.len(), got.len());
    assert!(log
        .iter()
        .all(|d| d["status"] == "delivered" && d["lastStatus"] == 200));
    assert_eq!(log[0]["event"], "request.delivered", "newest first");
    // Nothing is sent twice: the jobs are done.
    app.advance_clock(24 * 3600).await;
    app.run_jobs().await;
    assert_eq!(received(&server).await.len(), got.len());
}

#[tokio::test]
async fn with_the_receiver_down_deliveries_are_retried_and_arrive_once_it_is_back() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let (_, client, _) = register_client(
        &app,
        &admin,
        json!({"name": "Portaal", "scopes": ["webhooks:manage", "requests:read"]}),
    )
    .await;
    let port = free_port();
    let address = port.local_addr().unwrap();
    drop(port);
    let url = format!("http://{address}/hook");
    let (subscription, secret) = subscribe(&app, &admin, &client, &url).await;

    let reference = manual_request(&app).await;
    app.run_jobs().await;
    let log = delivery_log(&app, subscription).await;
    assert_eq!(log.len(), 2, "submitted and its task: {log:?}");
    for delivery in &log {
        assert_eq!(delivery["status"], "pending");
        assert_eq!(delivery["attempts"], 1);
        assert!(delivery["lastStatus"].is_null());
        assert!(
            delivery["lastError"].as_str().unwrap().contains("connect"),
            "{delivery}"
        );
    }
    // Still down an hour later: tried again.
    app.advance_clock(3600).await;
    app.run_jobs().await;
    let log = delivery_log(&app, subscription).await;
    assert!(
        log.iter()
            .all(|d| d["attempts"] == 2 && d["status"] == "pending"),
        "{log:?}"
    );

    // The receiver is back, on the same address.
    let listener = std::net::TcpListener::bind(address).unwrap();
    let server = MockServer::builder().listener(listener).start().await;
    answer(&server, 200).await;
    deliver(&app, &reference).await;
    app.advance_clock(6 * 3600).await;
    app.run_jobs().await;
    // Later runs send nothing again.
    app.advance_clock(6 * 3600).await;
    app.run_jobs().await;

    let mut times: BTreeMap<String, usize> = BTreeMap::new();
    let mut types = Vec::new();
    for request in received(&server).await {
        let (id, body) = verified(&secret, &request);
        *times.entry(id).or_default() += 1;
        types.push(body["type"].as_str().unwrap().to_owned());
    }
    assert!(
        times.values().all(|&n| n == 1),
        "each webhook-id exactly once: {times:?}"
    );
    let log = delivery_log(&app, subscription).await;
    assert_eq!(times.len(), log.len(), "every delivery arrived: {types:?}");
    for delivery in &log {
        assert_eq!(delivery["status"], "delivered", "{delivery}");
        assert!(times.contains_key(delivery["webhookId"].as_str().unwrap()));
    }
    assert!(types.contains(&"request.submitted".to_owned()));
    assert!(types.contains(&"request.delivered".to_owned()));
}

/// Moves the clock by six hours and runs the jobs, `times` times.
async fn wait_hours(app: &TestApp, times: usize) {
    for _ in 0..times {
        app.advance_clock(6 * 3600).await;
        app.run_jobs().await;
    }
}

#[tokio::test]
async fn a_subscriber_that_keeps_failing_is_paused_the_admin_is_told_and_resuming_sends_what_waited(
) {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let server = receiver(500).await;
    let (_, client, _) = register_client(
        &app,
        &admin,
        json!({"name": "Zaaksysteem", "scopes": ["webhooks:manage", "requests:read"], "contactEmail": "integratie@example.be"}),
    )
    .await;
    let url = format!("{}/hook", server.uri());
    let body = json!({"clientId": client, "url": url, "events": ["request.submitted"]});
    let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let subscription = reply.body["webhook"]["id"].as_i64().unwrap();
    let secret = reply.body["secret"].as_str().unwrap().to_owned();

    manual_request(&app).await;
    app.run_jobs().await;
    // Two days of 500s: still being tried.
    wait_hours(&app, 8).await;
    let path = format!("/api/v1/webhooks/{subscription}");
    let admin = app.sign_in_staff(ADMIN).await;
    let seen = app.get_as(&path, &admin).await;
    assert_eq!(seen.body["paused"], false, "{}", seen.body);
    let attempts = received(&server).await.len();
    let log = delivery_log(&app, subscription).await;
    assert_eq!(log[0]["status"], "pending", "still being tried: {log:?}");
    assert_eq!(log[0]["attempts"], attempts as i64);
    assert!(attempts >= 4, "tried again and again: {attempts}");
    // Past three days: given up, the subscription paused.
    wait_hours(&app, 6).await;
    let log = delivery_log(&app, subscription).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["status"], "failed");
    assert_eq!(log[0]["lastStatus"], 500);
    let failed_id = log[0]["webhookId"].as_str().unwrap().to_owned();
    let admin = app.sign_in_staff(ADMIN).await;
    let seen = app.get_as(&path, &admin).await;
    assert_eq!(seen.body["paused"], true, "{}", seen.body);
    let reason = seen.body["pausedReason"].as_str().unwrap();
    assert!(
        reason.contains(&failed_id) && reason.contains("500"),
        "{reason}"
    );
    let audit = app.audit("webhook_paused");
    assert_eq!(audit.len(), 1);
    assert!(audit[0].1.as_deref().unwrap().contains(&failed_id));
    let mail = &app.outbox("integratie@example.be").await;
    assert_eq!(mail.len(), 1, "the client's contact is told");
    assert!(mail[0]["body"].as_str().unwrap().contains(&url));
    // It is the admin's to handle there, not in the staff's list of failed deliveries.
    let staff = app.sign_in_staff("an.desmet").await;
    let failed = app.get_as("/api/v1/jobs/failed", &staff).await;
    assert!(
        !failed.body.to_string().contains("deliver_webhook"),
        "{}",
        failed.body
    );

    // While paused, new events wait: nothing is sent.
    let sent_before = received(&server).await.len();
    manual_request(&app).await;
    wait_hours(&app, 2).await;
    assert_eq!(received(&server).await.len(), sent_before);
    let log = delivery_log(&app, subscription).await;
    assert_eq!(log[0]["status"], "pending");
    assert_eq!(log[0]["attempts"], 0);
    let waiting_id = log[0]["webhookId"].as_str().unwrap().to_owned();

    // The receiver is fixed; the admin resumes: what waited arrives, once.
    server.reset().await;
    answer(&server, 200).await;
    let admin = app.sign_in_staff(ADMIN).await;
    let reply = call(
        &app,
        Method::PATCH,
        &path,
        &admin,
        Some(json!({"paused": false})),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["paused"], false);
    app.run_jobs().await;
    let arrived: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| verified(&secret, r).0)
        .collect();
    assert_eq!(arrived, vec![waiting_id.clone()]);

    // The failed one is replayed from the log: the same webhook-id, now delivered.
    let failed = log
        .iter()
        .find(|d| d["webhookId"] == failed_id.as_str())
        .unwrap();
    let replay = format!("{path}/deliveries/{}/replay", failed["id"]);
    let reply = call(&app, Method::POST, &replay, &admin, None).await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    assert_eq!(reply.body["status"], "pending");
    app.run_jobs().await;
    let arrived: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| verified(&secret, r).0)
        .collect();
    assert_eq!(arrived, vec![waiting_id, failed_id.clone()]);
    let log = delivery_log(&app, subscription).await;
    assert!(log.iter().all(|d| d["status"] == "delivered"), "{log:?}");
    assert_eq!(app.audit("webhook_replayed").len(), 1);
}

#[tokio::test]
async fn a_client_manages_its_own_subscriptions_only_and_a_rotated_secret_signs_what_follows() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let server = receiver(200).await;
    let (_, own_id, own_secret) = register_client(
        &app,
        &admin,
        json!({"name": "Portaal", "scopes": ["webhooks:manage", "requests:read"]}),
    )
    .await;
    let (_, other_id, other_secret) = register_client(
        &app,
        &admin,
        json!({"name": "Zaaksysteem", "scopes": ["webhooks:manage", "requests:read"]}),
    )
    .await;
    let (_, reader_id, reader_secret) = register_client(
        &app,
        &admin,
        json!({"name": "Lezer", "scopes": ["requests:read"]}),
    )
    .await;
    let own = client_token(&app, &own_id, &own_secret).await;
    let other = client_token(&app, &other_id, &other_secret).await;
    let reader = client_token(&app, &reader_id, &reader_secret).await;

    let url = format!("{}/hook", server.uri());
    let body = json!({"url": url, "events": ["request.submitted"]});
    let reply = app.post_json_as("/api/v1/webhooks", &own, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["webhook"]["clientId"], own_id.as_str());
    let id = reply.body["webhook"]["id"].as_i64().unwrap();
    let first_secret = reply.body["secret"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/webhooks/{id}");
    let seen = app.get_as(&path, &own).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert!(
        seen.body["secret"].is_null(),
        "the secret is shown only once"
    );
    app.get_as(&path, &other)
        .await
        .assert_problem(404, "not_found");
    let theirs = app.get_as("/api/v1/webhooks", &other).await;
    assert_eq!(theirs.body["items"], json!([]));
    let mine = app.get_as("/api/v1/webhooks", &own).await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    // A client subscribes itself only; one without the scope is refused.
    let body = json!({"clientId": other_id, "url": url, "events": ["task.created"]});
    let reply = app.post_json_as("/api/v1/webhooks", &own, body).await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("clientId").is_some(), "{}", reply.body);
    app.get_as("/api/v1/webhooks", &reader)
        .await
        .assert_problem(403, "insufficient_scope");
    // Staff (not admin) manage no subscriptions.
    let staff = app.sign_in_staff("an.desmet").await;
    app.get_as("/api/v1/webhooks", &staff)
        .await
        .assert_problem(403, "forbidden");

    manual_request(&app).await;
    app.run_jobs().await;
    let rotate = format!("{path}/secret");
    let reply = call(&app, Method::POST, &rotate, &own, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let second_secret = reply.body["secret"].as_str().unwrap().to_owned();
    assert_ne!(second_secret, first_secret);
    manual_request(&app).await;
    app.run_jobs().await;
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    verified(&first_secret, &requests[0]);
    verified(&second_secret, &requests[1]);

    let reply = call(&app, Method::DELETE, &path, &own, None).await;
    assert_eq!(reply.status, 204, "{}", reply.body);
    app.get_as(&path, &own)
        .await
        .assert_problem(404, "not_found");
    manual_request(&app).await;
    app.run_jobs().await;
    assert_eq!(
        received(&server).await.len(),
        2,
        "a removed subscription hears nothing"
    );
}

#[tokio::test]
async fn a_webhook_url_must_be_one_a_receiver_can_have_and_events_known() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let (_, client, _) = register_client(
        &app,
        &admin,
        json!({"name": "Portaal", "scopes": ["webhooks:manage", "requests:read"]}),
    )
    .await;
    for (url, ok) in [
        ("ftp://example.org/hook", false),
        ("https://user:pw@example.org/hook", false),
        ("/hook", false),
        ("https://example.org/hook", true),
        ("http://127.0.0.1:9/hook", true),
        // Demo mode: any http address (outside it, https or this machine only).
        ("http://example.org/hook", true),
    ] {
        let body = json!({"clientId": client, "url": url, "events": ["task.created"]});
        let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
        match ok {
            true => assert_eq!(reply.status, 201, "{url}: {}", reply.body),
            false => {
                reply.assert_problem(422, "validation_failed");
                assert!(reply.field_error("url").is_some(), "{url}: {}", reply.body);
            }
        }
    }
    let body =
        json!({"clientId": client, "url": "https://example.org/hook", "events": ["request.lost"]});
    let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
    let body = json!({"clientId": client, "url": "https://example.org/hook", "events": []});
    let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("events").is_some(), "{}", reply.body);
    let body = json!({"clientId": "lk_nobody", "url": "https://example.org/hook", "events": ["task.created"]});
    let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
    assert!(reply.field_error("clientId").is_some(), "{}", reply.body);
}

#[tokio::test]
async fn only_an_admin_or_an_api_client_manages_webhooks() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let admin = app.sign_in_staff(ADMIN).await;
    let replay = "/api/v1/webhooks/1/deliveries/1/replay";
    app.get("/api/v1/webhooks")
        .await
        .assert_problem(401, "unauthenticated");
    for token in [&jan, &police] {
        app.get_as("/api/v1/webhooks", token)
            .await
            .assert_problem(403, "forbidden");
        call(&app, Method::POST, replay, token, None)
            .await
            .assert_problem(403, "forbidden");
    }
    assert_eq!(
        app.get_as("/api/v1/webhooks", &admin).await.body["items"],
        json!([])
    );
    app.get_as("/api/v1/webhooks/1", &admin)
        .await
        .assert_problem(404, "not_found");
    call(&app, Method::POST, replay, &admin, None)
        .await
        .assert_problem(404, "not_found");
    let body = Some(json!({"paused": false}));
    call(&app, Method::PATCH, "/api/v1/webhooks/1", &admin, body)
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn deliveries_being_retried_wait_while_paused_and_go_once_when_resumed() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let server = receiver(503).await;
    let (_, client, _) = register_client(
        &app,
        &admin,
        json!({"name": "Portaal", "scopes": ["webhooks:manage", "requests:read"]}),
    )
    .await;
    let url = format!("{}/hook", server.uri());
    let (subscription, secret) = subscribe(&app, &admin, &client, &url).await;
    manual_request(&app).await;
    app.run_jobs().await;
    let failing = received(&server).await.len();
    assert_eq!(failing, 2, "submitted and its task, each tried once");

    // The admin pauses it while its deliveries wait for their retry; the receiver recovers.
    let path = format!("/api/v1/webhooks/{subscription}");
    let paused = Some(json!({"paused": true}));
    let reply = call(&app, Method::PATCH, &path, &admin, paused).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["paused"], true);
    assert!(reply.body["pausedReason"]
        .as_str()
        .unwrap()
        .contains("Lotte Vermeulen"));
    server.reset().await;
    answer(&server, 200).await;
    wait_hours(&app, 2).await;
    assert!(
        received(&server).await.is_empty(),
        "nothing is sent while paused"
    );

    let admin = app.sign_in_staff(ADMIN).await;
    let resumed = Some(json!({"paused": false}));
    let reply = call(&app, Method::PATCH, &path, &admin, resumed).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    app.run_jobs().await;
    wait_hours(&app, 2).await;
    let mut ids: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| verified(&secret, r).0)
        .collect();
    ids.sort();
    let mut logged: Vec<String> = delivery_log(&app, subscription)
        .await
        .iter()
        .map(|d| {
            assert_eq!(d["status"], "delivered", "{d}");
            d["webhookId"].as_str().unwrap().to_owned()
        })
        .collect();
    logged.sort();
    assert_eq!(ids, logged, "each delivery once, under its webhook-id");
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_a_switched_off_client_hears_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", "/elsewhere"))
        .mount(&server)
        .await;
    answer_at(&server, "/elsewhere").await;
    let settings = json!({"name": "Portaal", "scopes": ["webhooks:manage", "requests:read"]});
    let (id, client, _) = register_client(&app, &admin, settings).await;
    let body = json!({"clientId": client, "url": format!("{}/hook", server.uri()), "events": ["request.submitted"]});
    let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let subscription = reply.body["webhook"]["id"].as_i64().unwrap();

    manual_request(&app).await;
    app.run_jobs().await;
    let log = delivery_log(&app, subscription).await;
    assert_eq!(log[0]["status"], "pending");
    assert_eq!(log[0]["lastStatus"], 302);
    assert!(log[0]["lastError"]
        .as_str()
        .unwrap()
        .contains("redirects are not followed"));
    let paths: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(paths, vec!["/hook"], "the redirect was not followed");

    // The admin switches the client off: its subscriptions hear nothing more.
    let off =
        json!({"name": "Portaal", "scopes": ["webhooks:manage", "requests:read"], "active": false});
    let reply = call(
        &app,
        Method::PUT,
        &format!("/api/v1/clients/{id}"),
        &admin,
        Some(off),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    manual_request(&app).await;
    assert_eq!(delivery_log(&app, subscription).await.len(), 1);
    // Nor what was queued before: its retries stay unsent.
    app.advance_clock(3600).await;
    app.run_jobs().await;
    assert_eq!(
        received(&server).await.len(),
        1,
        "no retry after the switch-off"
    );
}

#[tokio::test]
async fn a_client_that_may_not_read_requests_hears_of_none() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let server = MockServer::start().await;
    answer_at(&server, "/hook").await;
    let settings = json!({"name": "Blind", "scopes": ["webhooks:manage"]});
    let (_, client, _) = register_client(&app, &admin, settings).await;
    let body = json!({"clientId": client, "url": format!("{}/hook", server.uri()), "events": ["request.submitted"]});
    let reply = app.post_json_as("/api/v1/webhooks", &admin, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let subscription = reply.body["webhook"]["id"].as_i64().unwrap();
    manual_request(&app).await;
    app.run_jobs().await;
    assert!(delivery_log(&app, subscription).await.is_empty());
    assert!(received(&server).await.is_empty());
}

async fn answer_at(server: &MockServer, at: &str) {
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200))
        .mount(server)
        .await;
}

/// The whole story as an integrator lives it: the admin registers its client; the client gets
/// a token, subscribes its own receiver (down at first), submits a request for a citizen, is
/// refused what its scopes do not allow; staff deliver; the receiver comes back and gets every
/// event of the request's life, each signed and each exactly once, and follows the links.
#[tokio::test]
async fn an_integrator_hears_of_the_whole_life_of_a_request_it_submitted() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let scopes = ["requests:create", "requests:read", "webhooks:manage"];
    let (_, client_id, client_secret) = register_client(
        &app,
        &admin,
        json!({"name": "Burgerportaal", "scopes": scopes}),
    )
    .await;
    let token = client_token(&app, &client_id, &client_secret).await;
    let port = free_port();
    let address = port.local_addr().unwrap();
    drop(port);
    let url = format!("http://{address}/hook");
    let subscribed = app
        .post_json_as(
            "/api/v1/webhooks",
            &token,
            json!({"url": url, "events": ALL_EVENTS}),
        )
        .await;
    assert_eq!(subscribed.status, 201, "{}", subscribed.body);
    let secret = subscribed.body["secret"].as_str().unwrap().to_owned();

    let request = json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
        "requester": {"firstName": "Noah", "lastName": "Claes", "email": "noah@example.be", "birthDate": "2001-06-18"},
    });
    let submitted = call(
        &app,
        Method::POST,
        "/api/v1/requests",
        &token,
        Some(request),
    )
    .await;
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    let reference = submitted.body["reference"].as_str().unwrap().to_owned();
    call(&app, Method::GET, "/api/v1/tasks", &token, None)
        .await
        .assert_problem(403, "insufficient_scope");
    app.run_jobs().await;

    // The receiver is back; staff deliver; the retries and the new events arrive.
    let listener = std::net::TcpListener::bind(address).unwrap();
    let server = MockServer::builder().listener(listener).start().await;
    answer(&server, 204).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let body = json!({"method": "digital", "subjectNationalNumber": people::NOAH});
    let path = format!("/api/v1/requests/{reference}/deliver");
    let delivered = call(&app, Method::POST, &path, &staff, Some(body)).await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    for _ in 0..3 {
        app.advance_clock(3600).await;
        app.run_jobs().await;
    }
    // Hours later: a fresh token (one lasts 15 minutes).
    let token = client_token(&app, &client_id, &client_secret).await;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut types = Vec::new();
    for received in received(&server).await {
        let (id, body) = verified(&secret, &received);
        *seen.entry(id).or_default() += 1;
        assert_eq!(body["data"]["reference"], reference.as_str());
        let text = body.to_string();
        assert!(
            !text.contains("Noah") && !text.contains('@'),
            "no personal data: {text}"
        );
        types.push(body["type"].as_str().unwrap().to_owned());
        // The link leads to the request, for this client's token.
        let href = body["data"]["href"].as_str().unwrap();
        let path = href.strip_prefix(&app.base).expect("an absolute link");
        assert_eq!(
            call(&app, Method::GET, path, &token, None).await.status,
            200
        );
    }
    assert!(
        seen.values().all(|&n| n == 1),
        "each webhook-id once: {seen:?}"
    );
    for event in [
        "request.submitted",
        "task.created",
        "request.status_changed",
        "request.delivered",
        "task.completed",
    ] {
        assert!(types.contains(&event.to_owned()), "{event} in {types:?}");
    }
}
