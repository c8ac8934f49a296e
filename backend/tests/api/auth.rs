use crate::helpers::{people, TestApp};
use serde_json::json;

#[tokio::test]
async fn the_federal_login_offers_the_four_means_and_test_citizens() {
    let app = TestApp::spawn().await;
    let means = app.get("/api/v1/auth/federal/means").await;
    let codes: Vec<&str> = means.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["eid", "itsme", "mobile_app", "federal_token"]);
    let citizens = app.get("/api/v1/auth/federal/test-citizens").await;
    let items = citizens.body["items"].as_array().unwrap();
    assert!(
        items.len() >= 8,
        "at least 8 test citizens, got {}",
        items.len()
    );
    assert!(items
        .iter()
        .any(|c| c["name"] == "Jan Peeters" && c["nationalNumber"] == people::JAN));
    assert!(
        items
            .iter()
            .all(|c| c["nationalNumber"] != people::JOZEF_DECEASED),
        "the deceased cannot sign in"
    );
}

#[tokio::test]
async fn a_citizen_signs_in_with_a_code_flow_and_sees_their_name() {
    let app = TestApp::spawn().await;
    let authorized = app
        .post(
            "/api/v1/auth/federal/authorize",
            json!({"means": "eid", "nationalNumber": "85.07.30-033.28", "state": "abc123"}),
        )
        .await;
    assert_eq!(authorized.status, 200);
    assert_eq!(
        authorized.body["state"], "abc123",
        "the state comes back unchanged"
    );
    let code = authorized.body["code"].as_str().unwrap().to_owned();

    let token = app.post("/api/v1/auth/token", json!({"code": code})).await;
    assert_eq!(token.status, 200, "{}", token.body);
    assert_eq!(token.body["tokenType"], "Bearer");
    assert!(token.body["expiresIn"].as_i64().unwrap() > 0);
    assert_eq!(token.body["user"]["name"], "Jan Peeters");
    assert_eq!(token.body["user"]["role"], "citizen");
    assert_eq!(token.body["user"]["authMeans"], "eid");

    let me = app
        .get_as("/api/v1/me", token.body["accessToken"].as_str().unwrap())
        .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["name"], "Jan Peeters");
    assert_eq!(me.body["nationalNumber"], people::JAN);
    assert_eq!(me.body["email"], "jan.peeters@example.be");

    // The code works once.
    app.post("/api/v1/auth/token", json!({"code": code}))
        .await
        .assert_problem(400, "invalid_grant");
}

#[tokio::test]
async fn people_born_from_2000_sign_in_with_their_own_check_digits() {
    let app = TestApp::spawn().await;
    let token = app.sign_in_citizen(people::NOAH).await;
    let me = app.get_as("/api/v1/me", &token).await;
    assert_eq!(me.body["name"], "Noah Claes");
}

#[tokio::test]
async fn a_wrong_national_number_is_a_field_error() {
    let app = TestApp::spawn().await;
    for (number, expected) in [
        ("85073003329", "check digits"),
        ("1234", "11 digits"),
        ("99010100118", "No person"),
    ] {
        let reply = app
            .post(
                "/api/v1/auth/federal/authorize",
                json!({"means": "itsme", "nationalNumber": number, "state": ""}),
            )
            .await;
        reply.assert_problem(422, "validation_failed");
        let reason = reply
            .field_error("nationalNumber")
            .expect("names the field");
        assert!(reason.contains(expected), "{number}: {reason}");
    }
}

#[tokio::test]
async fn an_unknown_means_is_refused_with_the_field_named() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/api/v1/auth/federal/authorize",
            json!({"means": "password", "nationalNumber": people::JAN}),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("means").is_some(), "{}", reply.body);
}

#[tokio::test]
async fn a_sign_in_code_expires_after_five_minutes() {
    let app = TestApp::spawn().await;
    let authorized = app
        .post(
            "/api/v1/auth/federal/authorize",
            json!({"means": "itsme", "nationalNumber": people::ELS, "state": ""}),
        )
        .await;
    app.advance_clock(6 * 60).await;
    let reply = app
        .post(
            "/api/v1/auth/token",
            json!({"code": authorized.body["code"]}),
        )
        .await;
    reply.assert_problem(400, "invalid_grant");
    assert!(reply.body["detail"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn staff_and_police_sign_in_with_the_staff_login() {
    let app = TestApp::spawn().await;
    let staff = app
        .post(
            "/api/v1/auth/staff/login",
            json!({"username": "an.desmet", "password": "loket"}),
        )
        .await;
    assert_eq!(staff.status, 200);
    assert_eq!(staff.body["user"]["role"], "staff");
    assert_eq!(staff.body["user"]["name"], "An De Smet");
    let police = app
        .post(
            "/api/v1/auth/staff/login",
            json!({"username": "politie.voorbeeldegem", "password": "loket"}),
        )
        .await;
    assert_eq!(police.body["user"]["role"], "police");

    let wrong = app
        .post(
            "/api/v1/auth/staff/login",
            json!({"username": "an.desmet", "password": "nope"}),
        )
        .await;
    wrong.assert_problem(401, "invalid_credentials");
    let empty = app
        .post(
            "/api/v1/auth/staff/login",
            json!({"username": "", "password": ""}),
        )
        .await;
    empty.assert_problem(422, "validation_failed");
    assert!(empty.field_error("username").is_some() && empty.field_error("password").is_some());
}

#[tokio::test]
async fn the_api_refuses_missing_bad_and_expired_tokens() {
    let app = TestApp::spawn().await;
    let none = app.get("/api/v1/me").await;
    none.assert_problem(401, "unauthenticated");
    assert_eq!(none.headers["www-authenticate"], "Bearer realm=\"loket\"");
    app.get_as("/api/v1/me", "not-a-jwt")
        .await
        .assert_problem(401, "invalid_token");

    let token = app.sign_in_citizen(people::JAN).await;
    // Tampering with the payload breaks the signature.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].chars().rev().collect();
    app.get_as("/api/v1/me", &parts.join("."))
        .await
        .assert_problem(401, "invalid_token");

    app.advance_clock(61 * 60).await; // tests issue one-hour sessions
    app.get_as("/api/v1/me", &token)
        .await
        .assert_problem(401, "token_expired");
}

#[tokio::test]
async fn the_development_token_endpoint_issues_sessions_for_seeded_users() {
    let app = TestApp::spawn().await;
    let staff = app
        .post("/api/v1/dev/token", json!({"username": "pieter.claes"}))
        .await;
    assert_eq!(staff.status, 200);
    assert_eq!(staff.body["user"]["role"], "staff");
    let citizen = app
        .post("/api/v1/dev/token", json!({"nationalNumber": people::ELS}))
        .await;
    assert_eq!(citizen.body["user"]["name"], "Els Janssens");
    let both = app
        .post(
            "/api/v1/dev/token",
            json!({"username": "an.desmet", "nationalNumber": people::ELS}),
        )
        .await;
    both.assert_problem(422, "validation_failed");
    app.post("/api/v1/dev/token", json!({"username": "nobody"}))
        .await
        .assert_problem(422, "validation_failed");
}
