//! The mocked outside systems fail like real ones; no request is lost when they do.
use crate::helpers::{people, TestApp};
use serde_json::{json, Value};

async fn down(app: &TestApp, systems: Value) {
    let mut body =
        json!({"nationalRegister": false, "dabs": false, "ebox": false, "police": false});
    for (k, v) in systems.as_object().unwrap() {
        body[k] = v.clone();
    }
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

fn actions(detail: &Value) -> Vec<String> {
    detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_owned())
        .collect()
}

fn request(document_type: &str) -> Value {
    json!({"documentType": document_type, "forWhom": "myself", "forUse": "belgium", "purpose": "Test", "language": "nl", "delivery": "digital"})
}

#[tokio::test]
async fn my_ebox_down_delays_the_delivery_there_but_not_the_document() {
    let app = TestApp::spawn().await;
    down(&app, json!({"ebox": true})).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), request("bewijs-van-woonst")).await;
    assert_eq!(reply.status, 201);
    assert_eq!(
        reply.body["status"], "delivered",
        "the citizen has the document at once"
    );
    assert!(!actions(&reply.body).contains(&"delivered_to_ebox".to_owned()));
    assert_eq!(
        app.outbox("jan.peeters@example.be").await.len(),
        1,
        "the e-mail went out"
    );

    down(&app, json!({})).await;
    assert_eq!(app.run_jobs().await, 0, "the retry waits its turn");
    app.advance_clock(5 * 60).await;
    assert_eq!(app.run_jobs().await, 1);
    let jan = app.sign_in_citizen(people::JAN).await;
    assert_eq!(
        app.get_as("/api/v1/dev/ebox", &jan).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let reference = reply.body["reference"].as_str().unwrap();
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    assert!(actions(&detail.body).contains(&"delivered_to_ebox".to_owned()));
}

#[tokio::test]
async fn the_police_down_means_they_are_asked_again_later() {
    let app = TestApp::spawn().await;
    down(&app, json!({"police": true})).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), request("strafregister-596-2")).await;
    assert_eq!(reply.body["status"], "awaiting_police_advice");
    assert!(!actions(&reply.body).contains(&"police_advice_requested".to_owned()));
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    assert_eq!(
        app.get_as("/api/v1/police/advice-requests", &police)
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    down(&app, json!({})).await;
    app.advance_clock(5 * 60).await;
    app.run_jobs().await;
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let asked = app.get_as("/api/v1/police/advice-requests", &police).await;
    assert_eq!(asked.body["items"][0]["reference"], reply.body["reference"]);
}

#[tokio::test]
async fn the_national_register_down_refuses_clearly_and_stores_nothing_half_made() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    down(&app, json!({"nationalRegister": true})).await;
    let reply = app.submit(Some(&jan), request("bewijs-van-woonst")).await;
    reply.assert_problem(503, "service_unavailable");
    assert!(reply.body["detail"]
        .as_str()
        .unwrap()
        .contains("national register"));
    app.get_as("/api/v1/me/prefill", &jan)
        .await
        .assert_problem(503, "service_unavailable");
    down(&app, json!({})).await;
    assert_eq!(
        app.get_as("/api/v1/requests", &jan).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        app.submit(Some(&jan), request("bewijs-van-woonst"))
            .await
            .status,
        201,
        "a retry works"
    );
}

#[tokio::test]
async fn dabs_down_sends_a_deed_request_to_staff_instead_of_losing_it() {
    let app = TestApp::spawn().await;
    down(&app, json!({"dabs": true})).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let mut body = request("geboorteakte");
    body["deed"] = json!({"variant": "extract", "model": "national"});
    let reply = app.submit(Some(&jan), body).await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.body["status"], "awaiting_deed");
    let staff = app.sign_in_staff("an.desmet").await;
    down(&app, json!({})).await;
    let reference = reply.body["reference"].as_str().unwrap();
    // Once DABS answers again, confirming finds Jan's birth deed and delivers it.
    let confirmed = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/requests/{reference}/confirm-deed-added"),
            Some(&staff),
            Some(json!({})),
        )
        .await;
    assert_eq!(confirmed.body["status"], "delivered", "{}", confirmed.body);
}
