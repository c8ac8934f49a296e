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

fn task_types(detail: &Value) -> Vec<String> {
    detail["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["taskType"].as_str().unwrap().to_owned())
        .collect()
}

fn deed_request(document_type: &str) -> Value {
    let mut body = request(document_type);
    body["deed"] = json!({"variant": "extract", "model": "national"});
    body
}

/// The history entry that says the decision waits, and for which system.
fn postponed_for(detail: &Value) -> Vec<String> {
    detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == "decision_postponed")
        .map(|h| h["details"]["system"].as_str().unwrap().to_owned())
        .collect()
}

/// The request as its requester and as staff see it.
async fn seen(app: &TestApp, reference: &str, citizen: &str) -> (Value, Value) {
    let path = format!("/api/v1/requests/{reference}");
    let staff = app.sign_in_staff("an.desmet").await;
    (
        app.get_as(&path, citizen).await.body,
        app.get_as(&path, &staff).await.body,
    )
}

/// Past the first retry's delay, then the worker's run.
async fn retry(app: &TestApp) -> u64 {
    app.advance_clock(10 * 60).await;
    app.run_jobs().await
}

#[tokio::test]
async fn the_national_register_down_takes_the_request_in_and_it_is_decided_once_it_answers() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    down(&app, json!({"nationalRegister": true})).await;
    let reply = app.submit(Some(&jan), request("bewijs-van-woonst")).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["status"], "in_progress");
    assert_eq!(reply.body["waitingFor"], "national_register");
    assert_eq!(postponed_for(&reply.body), ["national_register"]);
    assert_eq!(reply.body["documents"].as_array().unwrap().len(), 0);
    let mails = app.outbox("jan.peeters@example.be").await;
    assert_eq!(mails.len(), 1, "an acknowledgement");
    assert_eq!(mails[0]["template"], "acknowledgement");
    assert!(mails[0]["body"].as_str().unwrap().contains("Rijksregister"));
    let reference = reply.body["reference"].as_str().unwrap();
    let (citizen, staff) = seen(&app, reference, &jan).await;
    assert_eq!(citizen["waitingFor"], "national_register");
    assert_eq!(
        postponed_for(&citizen),
        ["national_register"],
        "the citizen sees why"
    );
    assert_eq!(staff["waitingFor"], "national_register");
    assert_eq!(
        task_types(&staff),
        ["cancel_request"],
        "nothing for staff to do"
    );

    // Still down: the decision keeps waiting.
    retry(&app).await;
    let (citizen, _) = seen(&app, reference, &jan).await;
    assert_eq!(citizen["status"], "in_progress");
    assert_eq!(citizen["waitingFor"], "national_register");

    down(&app, json!({})).await;
    retry(&app).await;
    let (citizen, staff) = seen(&app, reference, &jan).await;
    assert_eq!(citizen["status"], "delivered", "{citizen}");
    assert_eq!(citizen["processing"], "automatic");
    assert_eq!(citizen["waitingFor"], Value::Null);
    assert_eq!(citizen["documents"].as_array().unwrap().len(), 1);
    assert!(actions(&citizen).contains(&"processed_automatically".to_owned()));
    assert!(task_types(&staff).is_empty(), "{staff}");
    let mails = app.outbox("jan.peeters@example.be").await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0]["template"], "document_ready", "newest first");
    assert_eq!(retry(&app).await, 0, "decided once");
    assert_eq!(app.outbox("jan.peeters@example.be").await.len(), 2);
}

#[tokio::test]
async fn dabs_down_is_no_missing_deed_the_decision_waits_and_delivers_once_it_answers() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    down(&app, json!({"dabs": true})).await;
    let reply = app.submit(Some(&jan), deed_request("geboorteakte")).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["status"], "in_progress");
    assert_eq!(reply.body["waitingFor"], "dabs");
    assert_eq!(reply.body["manualReasons"], json!([]));
    let reference = reply.body["reference"].as_str().unwrap();
    let (_, staff) = seen(&app, reference, &jan).await;
    assert_eq!(
        task_types(&staff),
        ["cancel_request"],
        "no task to add a deed"
    );
    assert_eq!(postponed_for(&staff), ["dabs"]);

    down(&app, json!({})).await;
    retry(&app).await;
    let (citizen, staff) = seen(&app, reference, &jan).await;
    assert_eq!(citizen["status"], "delivered", "{citizen}");
    assert_eq!(citizen["waitingFor"], Value::Null);
    assert!(!task_types(&staff).contains(&"add_deed".to_owned()));
    assert!(actions(&citizen).contains(&"processed_automatically".to_owned()));
}

#[tokio::test]
async fn only_dabs_saying_not_found_makes_the_task_to_add_the_deed() {
    let app = TestApp::spawn().await;
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    down(&app, json!({"dabs": true})).await;
    let reply = app.submit(Some(&sarah), deed_request("geboorteakte")).await;
    assert_eq!(reply.body["waitingFor"], "dabs", "{}", reply.body);
    let reference = reply.body["reference"].as_str().unwrap();
    down(&app, json!({})).await;
    retry(&app).await;
    let (citizen, staff) = seen(&app, reference, &sarah).await;
    assert_eq!(citizen["status"], "awaiting_deed", "{citizen}");
    assert_eq!(citizen["manualReasons"][0]["code"], "deed_not_in_dabs");
    assert_eq!(citizen["processing"], "manual");
    assert!(
        task_types(&staff).contains(&"add_deed".to_owned()),
        "{staff}"
    );
    assert!(actions(&citizen).contains(&"sent_to_staff".to_owned()));
    let mails = app.outbox("sarah.dubois@example.fr").await;
    assert_eq!(mails.len(), 1, "one acknowledgement, not two: {mails:?}");
}

#[tokio::test]
async fn a_request_for_staff_that_waited_for_dabs_reaches_them_with_its_task() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    down(&app, json!({"dabs": true})).await;
    let mut body = deed_request("huwelijksakte");
    body["forUse"] = json!("abroad");
    body["destinationCountry"] = json!("NL");
    let reply = app.submit(Some(&jan), body).await;
    assert_eq!(reply.body["waitingFor"], "dabs", "{}", reply.body);
    let reference = reply.body["reference"].as_str().unwrap();
    down(&app, json!({})).await;
    retry(&app).await;
    let (citizen, staff) = seen(&app, reference, &jan).await;
    assert_eq!(citizen["status"], "in_progress");
    assert_eq!(citizen["waitingFor"], Value::Null);
    assert_eq!(citizen["manualReasons"][0]["code"], "abroad");
    let mut tasks = task_types(&staff);
    tasks.sort();
    assert_eq!(tasks, ["cancel_request", "handle_request"]);
}

#[tokio::test]
async fn a_request_cancelled_while_its_decision_waits_stays_cancelled() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    down(&app, json!({"nationalRegister": true})).await;
    let reply = app.submit(Some(&jan), request("bewijs-van-woonst")).await;
    let reference = reply.body["reference"].as_str().unwrap();
    let staff = app.sign_in_staff("an.desmet").await;
    let cancelled = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/requests/{reference}/cancel"),
            Some(&staff),
            Some(json!({"informRequester": false})),
        )
        .await;
    assert_eq!(cancelled.body["status"], "cancelled", "{}", cancelled.body);
    down(&app, json!({})).await;
    retry(&app).await;
    let (citizen, _) = seen(&app, reference, &jan).await;
    assert_eq!(citizen["status"], "cancelled");
    assert_eq!(citizen["documents"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_slow_register_and_dabs_still_answer_and_requests_are_decided_at_once() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let els = app.sign_in_citizen(people::ELS).await;
    down(&app, json!({"delayMs": 300})).await;
    let outages = app.get("/api/v1/dev/outages").await;
    assert_eq!(outages.body["delayMs"], 300);
    let (a, b, c, d) = tokio::join!(
        app.submit(Some(&jan), request("bewijs-van-woonst")),
        app.submit(Some(&jan), deed_request("geboorteakte")),
        app.submit(Some(&els), request("samenstelling-van-het-gezin")),
        app.submit(Some(&els), deed_request("huwelijksakte")),
    );
    for reply in [a, b, c, d] {
        assert_eq!(reply.status, 201, "{}", reply.body);
        assert_eq!(reply.body["status"], "delivered", "{}", reply.body);
        assert_eq!(reply.body["waitingFor"], Value::Null);
        assert!(postponed_for(&reply.body).is_empty());
    }
}
