//! Rate limits: one address or account cannot flood sign-in, submission, verification or
//! downloads; a refusal is a 429 problem with `Retry-After`, and stores nothing.
use crate::helpers::{people, Reply, TestApp};
use loket::rate_limit::RateLimitSettings;
use serde_json::json;

fn assert_limited(reply: &Reply) {
    reply.assert_problem(429, "rate_limited");
    let wait: u64 = reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "Retry-After: {wait}");
}

async fn app_with(limits: RateLimitSettings) -> TestApp {
    TestApp::spawn_with(move |c| c.rate_limits = limits).await
}

#[tokio::test]
async fn sign_in_is_limited_per_address() {
    let app = app_with(RateLimitSettings {
        sign_in_per_minute: 3,
        ..RateLimitSettings::GENEROUS
    })
    .await;
    for _ in 0..3 {
        let started = app.browser().follow("/api/v1/auth/citizen/login").await;
        assert_eq!(started.status, 302);
    }
    assert_limited(&app.get("/api/v1/auth/citizen/login").await);
    assert_limited(&app.get("/api/v1/auth/callback?code=x&state=y").await);
    assert_limited(&app.get("/api/v1/auth/staff/login").await);
}

fn request(purpose: &str) -> serde_json::Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": purpose, "language": "nl", "delivery": "digital"
    })
}

#[tokio::test]
async fn submissions_are_limited_per_account_and_nothing_is_stored_past_the_limit() {
    let app = app_with(RateLimitSettings {
        submit_per_minute: 2,
        ..RateLimitSettings::GENEROUS
    })
    .await;
    let jan = app.sign_in_citizen(people::JAN).await;
    for purpose in ["Eén", "Twee"] {
        assert_eq!(app.submit(Some(&jan), request(purpose)).await.status, 201);
    }
    assert_limited(&app.submit(Some(&jan), request("Drie")).await);
    let mine = app.get_as("/api/v1/requests", &jan).await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn anonymous_requests_are_limited_per_email_address() {
    let app = app_with(RateLimitSettings {
        submit_per_email_per_hour: 2,
        ..RateLimitSettings::GENEROUS
    })
    .await;
    let anonymous = |email: &str, purpose: &str| {
        let mut body = request(purpose);
        body["documentType"] = json!("strafregister-595");
        body["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": email, "birthDate": "1990-04-02"});
        body
    };
    for purpose in ["Eén", "Twee"] {
        assert_eq!(
            app.submit(None, anonymous("lies@example.be", purpose))
                .await
                .status,
            201
        );
    }
    assert_limited(&app.submit(None, anonymous("LIES@example.be", "Drie")).await);
    let confirmations = app
        .outbox("lies@example.be")
        .await
        .iter()
        .filter(|m| m["template"] == "confirm_request")
        .count();
    assert_eq!(confirmations, 2, "no third e-mail");
    assert_eq!(
        app.submit(None, anonymous("other@example.be", "Vier"))
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn verification_and_downloads_are_limited_per_address() {
    let app = app_with(RateLimitSettings {
        verify_per_minute: 3,
        download_per_minute: 2,
        ..RateLimitSettings::GENEROUS
    })
    .await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/verify/ABCD-EFGH").await.status, 404);
    }
    assert_limited(&app.get("/api/v1/verify/ABCD-EFGH").await);
    for _ in 0..2 {
        assert_eq!(app.get("/api/v1/downloads/unknown-token").await.status, 404);
    }
    assert_limited(&app.get("/api/v1/downloads/unknown-token/file").await);
}
