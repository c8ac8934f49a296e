//! What every answer says to the browser about caching, framing and where scripts may come
//! from.
use crate::helpers::{people, TestApp};

#[tokio::test]
async fn api_answers_are_never_cached_and_never_framed() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    for reply in [
        app.get("/api/v1/catalogue").await,
        app.get_as("/api/v1/me", &jan).await,
        app.get_as("/api/v1/requests", &jan).await,
        app.get("/api/v1/requests/PA-2026-999999").await,
    ] {
        assert_eq!(reply.headers["cache-control"], "no-store");
        let csp = reply.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    }
    // Over plain http there is no HSTS (the https case is in `production`).
    assert!(app
        .get("/api/health")
        .await
        .headers
        .get("strict-transport-security")
        .is_none());
}
