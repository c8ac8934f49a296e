//! What a request asks is applied or refused: the delivery wish of an automatic request, the
//! document language; and the response says how the document is delivered and why.
use crate::helpers::{people, Reply, TestApp};
use serde_json::{json, Value};

/// Struck off the register at his last address (2025): no address to post anything to.
const KEVIN_NO_ADDRESS: &str = "88041212335";

fn residence(delivery: &str) -> Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huurcontract", "language": "nl", "delivery": delivery,
    })
}

async fn submitted(app: &TestApp, citizen: &str, body: Value) -> Reply {
    let token = app.sign_in_citizen(citizen).await;
    let reply = app.submit(Some(&token), body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply
}

fn open_tasks(detail: &Value) -> Vec<String> {
    detail["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}:{}",
                t["taskType"].as_str().unwrap(),
                t["status"].as_str().unwrap()
            )
        })
        .collect()
}

fn kinds(detail: &Value) -> Vec<&str> {
    detail["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_automatic_request_asked_by_post_is_made_at_once_and_waits_for_the_post() {
    let app = TestApp::spawn().await;
    let reply = submitted(&app, people::JAN, residence("post")).await;
    let body = &reply.body;
    assert_eq!(body["processing"], "automatic");
    assert_eq!(body["status"], "awaiting_shipment");
    assert_eq!(body["deliveryPreference"], "post");
    assert_eq!(body["deliveryMethod"], "post");
    assert_eq!(body["deliveryReason"], "as_asked");
    assert_eq!(body["finishedAt"], Value::Null);
    assert_eq!(
        kinds(body),
        ["document", "letter"],
        "the document and its cover letter"
    );

    // Staff post it and confirm; the request is then delivered.
    let reference = body["reference"].as_str().unwrap();
    let staff = app.sign_in_staff("an.desmet").await;
    let seen = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    assert_eq!(
        open_tasks(&seen.body),
        ["cancel_request:parked", "confirm_shipment:open"]
    );
    let letter = &seen.body["documents"][1];
    let pdf = app
        .get_bytes(letter["downloadUrl"].as_str().unwrap(), Some(&staff))
        .await;
    assert_eq!(pdf.status, 200);
    let sent = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/confirm-shipment"),
            &staff,
            json!({}),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(sent.body["status"], "delivered");
    assert_eq!(sent.body["deliveryReason"], "as_asked");
}

#[tokio::test]
async fn an_automatic_request_for_the_counter_is_ready_for_pickup_and_says_so_by_email() {
    let app = TestApp::spawn().await;
    let reply = submitted(&app, people::JAN, residence("counter")).await;
    assert_eq!(reply.body["status"], "ready_for_pickup");
    assert_eq!(reply.body["deliveryMethod"], "counter");
    assert_eq!(reply.body["deliveryReason"], "as_asked");
    assert_eq!(kinds(&reply.body), ["document"]);
    app.run_jobs().await;
    let mails = app.outbox("jan.peeters@example.be").await;
    assert_eq!(mails.len(), 1, "one e-mail: {mails:?}");
    assert_eq!(mails[0]["template"], "ready_for_pickup", "{}", mails[0]);
    let text = mails[0]["body"].as_str().unwrap_or_default();
    assert!(
        !text.contains("/download/"),
        "no download link for a paper to pick up: {text}"
    );
}

#[tokio::test]
async fn post_without_an_address_in_the_register_goes_digitally_and_says_why() {
    let app = TestApp::spawn().await;
    let reply = submitted(&app, KEVIN_NO_ADDRESS, residence("post")).await;
    let body = &reply.body;
    assert_eq!(body["status"], "delivered");
    assert_eq!(body["deliveryPreference"], "post");
    assert_eq!(body["deliveryMethod"], "digital");
    assert_eq!(body["deliveryReason"], "no_address_for_post");
    assert_eq!(
        kinds(body),
        ["document"],
        "no cover letter without an address"
    );
}

#[tokio::test]
async fn a_digital_wish_is_delivered_digitally_and_staff_choices_say_so() {
    let app = TestApp::spawn().await;
    let automatic = submitted(&app, people::JAN, residence("digital")).await;
    assert_eq!(automatic.body["status"], "delivered");
    assert_eq!(automatic.body["deliveryReason"], "as_asked");

    // A manual request: staff pick the way, which the response says.
    let jan = app.sign_in_citizen(people::JAN).await;
    let manual = app
        .submit(Some(&jan), json!({
            "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
            "subject": {"firstName": "Els", "lastName": "Janssens", "nationalNumber": people::ELS},
            "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
        }))
        .await;
    assert_eq!(manual.status, 201, "{}", manual.body);
    assert_eq!(manual.body["deliveryMethod"], Value::Null);
    assert_eq!(manual.body["deliveryReason"], Value::Null);
    let reference = manual.body["reference"].as_str().unwrap();
    let staff = app.sign_in_staff("an.desmet").await;
    let delivered = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/deliver"),
            &staff,
            json!({ "method": "counter" }),
        )
        .await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    assert_eq!(delivered.body["deliveryMethod"], "counter");
    assert_eq!(delivered.body["deliveryReason"], "chosen_by_staff");
}

#[tokio::test]
async fn a_language_that_is_not_offered_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    for language in ["it", "NL", ""] {
        let mut body = residence("digital");
        body["language"] = json!(language);
        let reply = app.submit(Some(&jan), body).await;
        assert_eq!(reply.status, 422, "{language}: {}", reply.body);
    }
    let mine = app.get_as("/api/v1/requests", &jan).await;
    assert_eq!(
        mine.body["items"].as_array().unwrap().len(),
        0,
        "{}",
        mine.body
    );
    // The contract says which: the four languages of the documents and e-mails.
    let doc = app.get("/api/openapi.json").await.body;
    let offered = &doc["components"]["schemas"]["Language"]["enum"];
    assert_eq!(offered, &json!(["nl", "fr", "de", "en"]), "{offered}");
}

#[tokio::test]
async fn an_emailed_link_leads_to_the_pdf_the_api_names() {
    let app = TestApp::spawn().await;
    submitted(&app, people::JAN, residence("digital")).await;
    app.run_jobs().await;
    let token = app
        .emailed_token("jan.peeters@example.be", "/download/")
        .await;
    let info = app.get(&format!("/api/v1/downloads/{token}")).await;
    assert_eq!(info.status, 200, "{}", info.body);
    let file_url = info.body["fileUrl"].as_str().unwrap();
    assert_eq!(file_url, format!("/api/v1/downloads/{token}/file"));
    let pdf = app.get_bytes(file_url, None).await;
    assert_eq!(pdf.status, 200);
}
