//! Smaller leaks, each closed: what citizens see of staff and police, what the police can
//! learn, where documents of anonymous requesters go, how long free text may be, what the
//! health check says.
use crate::helpers::{people, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

const MOHAMED: &str = "90112115716";

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> crate::helpers::Reply {
    app.call(Method::POST, path, Some(token), Some(body)).await
}

#[tokio::test]
async fn a_requester_for_someone_else_sees_neither_the_police_remark_nor_staff_names() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let made = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "strafregister-596-2", "forWhom": "someone_else",
                "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
                "forUse": "belgium", "purpose": "Jeugdkamp", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let reference = made.body["reference"].as_str().unwrap().to_owned();
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let advice = post(
        &app,
        &police,
        &format!("/api/v1/requests/{reference}/advice"),
        json!({"advice": "unfavourable", "remark": "Gekend voor feiten in 2019."}),
    )
    .await;
    assert_eq!(advice.status, 204, "{}", advice.body);
    let an = app.sign_in_staff("an.desmet").await;
    let tasks = app.get_as("/api/v1/tasks?view=all", &an).await;
    let task = tasks.body["items"][0]["id"].as_i64().unwrap();
    let claimed = app
        .call(
            Method::POST,
            &format!("/api/v1/tasks/{task}/claim"),
            Some(&an),
            None,
        )
        .await;
    assert_eq!(claimed.status, 200, "{}", claimed.body);

    let seen_by_staff = app
        .get_as(&format!("/api/v1/requests/{reference}"), &an)
        .await;
    assert_eq!(
        seen_by_staff.body["policeAdviceRemark"],
        "Gekend voor feiten in 2019."
    );
    let text = String::from_utf8_lossy(&seen_by_staff.bytes).into_owned();
    assert!(text.contains("An De Smet"), "staff see their colleagues");

    let seen_by_jan = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    assert_eq!(seen_by_jan.status, 200);
    assert!(seen_by_jan.body["policeAdvice"].is_null());
    assert!(seen_by_jan.body["policeAdviceRemark"].is_null());
    let text = String::from_utf8_lossy(&seen_by_jan.bytes).into_owned();
    for secret in ["Gekend voor feiten", "An De Smet", "unfavourable"] {
        assert!(
            !text.contains(secret),
            "{secret} reaches the requester: {text}"
        );
    }
}

#[tokio::test]
async fn documents_of_anonymous_requests_never_go_to_a_typed_ebox() {
    let app = TestApp::spawn().await;
    let made = app
        .submit(
            None,
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
                "requester": {"firstName": "Jan", "lastName": "Peeters", "email": "someone@example.be",
                              "birthDate": "1985-07-30", "nationalNumber": people::JAN},
            }),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let reference = made.body["reference"].as_str().unwrap();
    let an = app.sign_in_staff("an.desmet").await;
    let delivered = post(
        &app,
        &an,
        &format!("/api/v1/requests/{reference}/deliver"),
        json!({"method": "digital", "subjectNationalNumber": people::JAN}),
    )
    .await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    app.run_jobs().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let ebox = app.get_as("/api/v1/dev/ebox", &jan).await;
    assert_eq!(
        ebox.body["items"].as_array().unwrap().len(),
        0,
        "{}",
        ebox.body
    );
}

#[tokio::test]
async fn free_text_has_limits() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let made = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
                "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
                "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
            }),
        )
        .await;
    let reference = made.body["reference"].as_str().unwrap().to_owned();
    let an = app.sign_in_staff("an.desmet").await;
    let long = "x".repeat(2001);
    let cancel = post(
        &app,
        &an,
        &format!("/api/v1/requests/{reference}/cancel"),
        json!({"informRequester": true, "explanation": long}),
    )
    .await;
    cancel.assert_problem(422, "validation_failed");
    assert_eq!(cancel.body["invalidParams"][0]["code"], "too_long");
    let address = post(
        &app,
        &an,
        &format!("/api/v1/requests/{reference}/deliver"),
        json!({"method": "post", "address": ["Kerkstraat 1", "x".repeat(101)]}),
    )
    .await;
    address.assert_problem(422, "validation_failed");
    assert_eq!(address.body["invalidParams"][0]["name"], "address.1");
    // Nothing happened meanwhile.
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &an)
        .await;
    assert_eq!(detail.body["status"], "in_progress");
}

#[tokio::test]
async fn the_health_check_tells_strangers_only_whether_it_is_up() {
    let demo = TestApp::spawn().await;
    let health = demo.get("/api/health").await;
    assert_eq!(health.body["mocks"], true);
    let production = TestApp::spawn_with(|c| {
        c.demo = false;
        c.seed_demo = false;
        c.citizen_oidc.issuer = "http://127.0.0.1:9/federal".into();
        c.staff_oidc.issuer = "http://127.0.0.1:9/municipal".into();
    })
    .await;
    let health = production.get("/api/health").await;
    assert_eq!(health.body["status"], "ok");
    assert!(
        health.body.get("mocks").is_none() && health.body.get("version").is_none(),
        "{}",
        health.body
    );
}

/// Staff may note why they cancel without telling the requester: that note is internal, and the
/// citizen's history shows the cancellation without it. An explanation they send is shown.
#[tokio::test]
async fn an_internal_cancellation_note_stays_with_staff() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let mut references = Vec::new();
    for _ in 0..2 {
        let reply = app
            .submit(Some(&jan), serde_json::json!({
                "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
                "subject": {"firstName": "Els", "lastName": "Janssens", "nationalNumber": people::ELS},
                "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
            }))
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        references.push(reply.body["reference"].as_str().unwrap().to_owned());
    }
    let cancel = |reference: &str, body: serde_json::Value| {
        let path = format!("/api/v1/requests/{reference}/cancel");
        let (app, staff) = (&app, &staff);
        async move { app.post_json_as(&path, staff, body).await }
    };
    let quiet = cancel(
        &references[0],
        serde_json::json!({ "informRequester": false, "explanation": "Vermoeden van misbruik." }),
    )
    .await;
    assert_eq!(quiet.status, 200, "{}", quiet.body);
    let told = cancel(
        &references[1],
        serde_json::json!({ "informRequester": true, "explanation": "Dubbele aanvraag." }),
    )
    .await;
    assert_eq!(told.status, 200, "{}", told.body);

    let reason = |detail: &serde_json::Value| {
        detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["action"] == "cancelled")
            .map(|h| h["reason"].clone())
            .expect("a cancelled entry")
    };
    let citizen_quiet = app
        .get_as(&format!("/api/v1/requests/{}", references[0]), &jan)
        .await;
    assert_eq!(reason(&citizen_quiet.body), serde_json::Value::Null);
    assert!(!citizen_quiet.body.to_string().contains("misbruik"));
    let staff_quiet = app
        .get_as(&format!("/api/v1/requests/{}", references[0]), &staff)
        .await;
    assert_eq!(reason(&staff_quiet.body), "Vermoeden van misbruik.");
    let citizen_told = app
        .get_as(&format!("/api/v1/requests/{}", references[1]), &jan)
        .await;
    assert_eq!(reason(&citizen_told.body), "Dubbele aanvraag.");
}
