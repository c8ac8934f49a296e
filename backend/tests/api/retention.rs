//! Retention: exports after 7 days, finished jobs and ended sessions after 30, documents and
//! their links after the three months; unconfirmed anonymous requests after a day (see
//! `requests`). The audit trail still tells what happened.
use crate::helpers::{count, people, TestApp};
use serde_json::json;

#[tokio::test]
async fn what_served_its_time_is_erased_and_the_audit_trail_still_tells_it() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let made = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    let reference = made.body["reference"].as_str().unwrap().to_owned();
    let document = made.body["documents"][0]["id"].as_i64().unwrap();
    let code = made.body["documents"][0]["verificationCode"]
        .as_str()
        .unwrap()
        .to_owned();
    let pdf = format!("/api/v1/requests/{reference}/documents/{document}");
    assert_eq!(app.get_bytes(&pdf, Some(&jan)).await.status, 200);
    let token = app
        .emailed_token("jan.peeters@example.be", "/download/")
        .await;
    app.run_jobs().await;

    let an = app.sign_in_staff("an.desmet").await;
    let export = app
        .post_json_as("/api/v1/search/exports", &an, json!({"criteria": {}}))
        .await;
    let export = export.body["id"].as_str().unwrap().to_owned();
    for _ in 0..200 {
        let state = app
            .get_as(&format!("/api/v1/search/exports/{export}"), &an)
            .await;
        if state.body["status"] == "done" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        count(
            &app.url,
            "SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NOT NULL"
        ) > 0
    );

    // After 8 days the report is gone.
    app.advance_clock(8 * 86_400).await;
    app.run_jobs().await;
    let an = app.sign_in_staff("an.desmet").await;
    app.get_as(&format!("/api/v1/search/exports/{export}"), &an)
        .await
        .assert_problem(404, "not_found");

    // After 40 days finished jobs and ended sessions are gone too.
    app.advance_clock(32 * 86_400).await;
    app.run_jobs().await;
    assert_eq!(
        count(
            &app.url,
            "SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NOT NULL"
        ),
        0
    );
    // Jan's session of day one ended at day eight, so it is gone by now.
    assert_eq!(
        count(
            &app.url,
            &format!(
                "SELECT COUNT(*) AS n FROM sessions WHERE user_id IN \
                 (SELECT id FROM users WHERE national_number = '{}')",
                people::JAN
            )
        ),
        0
    );

    // After the three months the document and its link are erased …
    app.advance_clock(54 * 86_400).await;
    app.run_jobs().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    app.get_bytes(&pdf, Some(&jan))
        .await
        .assert_problem(410, "document_erased");
    app.get(&format!("/api/v1/downloads/{token}"))
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        count(&app.url, "SELECT COUNT(*) AS n FROM download_links"),
        0
    );
    // … yet its verification still answers, and the history says what happened.
    let verified = app.get(&format!("/api/v1/verify/{code}")).await;
    assert_eq!(verified.body["status"], "expired");
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    let actions: Vec<&str> = detail.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"submitted") && actions.contains(&"document_erased"),
        "{actions:?}"
    );
    let admin = app.sign_in_staff("lotte.vermeulen").await;
    let exported = app
        .get_as("/api/v1/audit/events?action=exported", &admin)
        .await;
    assert_eq!(exported.body["items"][0]["actorName"], "An De Smet");
    assert!(exported.body["items"][0]["details"]["rows"].is_number());
}
