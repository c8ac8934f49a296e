use crate::helpers::TestApp;
use serde_json::json;

#[tokio::test]
async fn unknown_api_paths_are_problem_404s() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/does-not-exist")
        .await
        .assert_problem(404, "not_found");
    app.get("/api/nothing")
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_wrong_method_is_a_405_that_says_what_is_allowed() {
    let app = TestApp::spawn().await;
    let reply = app
        .call(reqwest::Method::DELETE, "/api/v1/catalogue", None, None)
        .await;
    reply.assert_problem(405, "method_not_allowed");
    assert_eq!(reply.headers["allow"], "GET, HEAD");
    let reply = app
        .call(reqwest::Method::GET, "/api/v1/auth/logout", None, None)
        .await;
    reply.assert_problem(405, "method_not_allowed");
    assert_eq!(reply.headers["allow"], "POST");
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(format!("{}/api/v1/dev/clock/advance", app.base))
        .header("content-type", "application/json")
        .body("{\"seconds\": ")
        .send()
        .await
        .unwrap();
    TestApp::reply(response)
        .await
        .assert_problem(400, "malformed_json");
}

#[tokio::test]
async fn a_missing_field_is_named() {
    let app = TestApp::spawn().await;
    let reply = app.post("/api/v1/dev/clock/advance", json!({})).await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("seconds").is_some(), "{}", reply.body);
}

#[tokio::test]
async fn an_oversized_body_is_a_413() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/api/v1/dev/token",
            json!({"username": "x".repeat(300 * 1024)}),
        )
        .await;
    reply.assert_problem(413, "payload_too_large");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(format!("{}/api/v1/dev/token", app.base))
        .header("content-type", "text/plain")
        .body("username=1")
        .send()
        .await
        .unwrap();
    TestApp::reply(response)
        .await
        .assert_problem(415, "unsupported_media_type");
}

/// A query parameter that does not fit is named, with what is allowed, in the API's words.
#[tokio::test]
async fn a_bad_query_parameter_is_named_with_what_is_allowed() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let reply = app.get_as("/api/v1/tasks?view=coffee", &staff).await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(
        reply.field_error("view").as_deref(),
        Some("'coffee' is not allowed here: use all, mine, parked.")
    );
    let reply = app.get_as("/api/v1/tasks?limit=many", &staff).await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(
        reply.field_error("limit").as_deref(),
        Some("This must be a whole number.")
    );
}

/// What the schema says is required, the server requires, and the other way round: a request
/// without `purpose` names that field.
#[tokio::test]
async fn a_request_without_purpose_names_the_field() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(crate::helpers::people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({ "documentType": "bewijs-van-woonst", "forWhom": "myself",
                    "forUse": "belgium", "language": "nl", "delivery": "digital" }),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("purpose").is_some(), "{}", reply.body);
    let doc = app.get("/api/openapi.json").await.body;
    let required = doc["components"]["schemas"]["CreateRequest"]["required"]
        .as_array()
        .unwrap()
        .clone();
    assert!(required.contains(&json!("purpose")), "{required:?}");
}
