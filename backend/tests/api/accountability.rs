//! Reading is accounted for: every look by staff, an admin or the police at a request, a
//! document, a search or an export is an audit event; the request shows who looked ("Inzage"),
//! the citizen sees which services did, and the auditor reads and exports the whole trail.
use crate::helpers::{people, TestApp};
use serde_json::{json, Value};

fn actions(events: &Value) -> Vec<String> {
    events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_read_by_staff_and_police_is_accounted_for_and_shown() {
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
    let advice = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "strafregister-596-2", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Jeugdkamp", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    let advice_reference = advice.body["reference"].as_str().unwrap().to_owned();

    // Jan looking at his own request is no access to account for.
    app.get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    let an = app.sign_in_staff("an.desmet").await;
    assert_eq!(
        app.get_as(&format!("/api/v1/requests/{reference}"), &an)
            .await
            .status,
        200
    );
    let pdf = app
        .get_as(
            &format!("/api/v1/requests/{reference}/documents/{document}"),
            &an,
        )
        .await;
    assert_eq!(pdf.status, 200);
    let found = app
        .get_as(
            &format!("/api/v1/search/requests?nationalNumber={}", people::JAN),
            &an,
        )
        .await;
    assert_eq!(found.body["total"], 2);
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    assert_eq!(
        app.get_as("/api/v1/police/advice-requests", &police)
            .await
            .status,
        200
    );

    // Staff see who looked, by name; the history keeps to what changed.
    let seen = app
        .get_as(&format!("/api/v1/requests/{reference}"), &an)
        .await;
    let viewed: Vec<(String, String)> = seen.body["viewedBy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["actorName"].as_str().unwrap().into(),
                v["action"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        viewed.contains(&("An De Smet".into(), "request_viewed".into())),
        "{viewed:?}"
    );
    assert!(
        viewed.contains(&("An De Smet".into(), "document_viewed".into())),
        "{viewed:?}"
    );
    assert!(seen.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| !h["action"].as_str().unwrap().ends_with("_viewed")));

    // Jan sees which services looked, not who.
    let mine = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    let services: Vec<&str> = mine.body["viewedBy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["actorName"].as_str().unwrap())
        .collect();
    assert!(
        !services.is_empty()
            && services
                .iter()
                .all(|s| *s == "Gemeente – Papieren en attesten"),
        "{services:?}"
    );
    assert!(!String::from_utf8_lossy(&mine.bytes).contains("An De Smet"));
    let asked = app
        .get_as(&format!("/api/v1/requests/{advice_reference}"), &jan)
        .await;
    assert!(asked.body["viewedBy"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["actorName"] == "Politie" && v["actorRole"] == "police"));

    // The auditor finds all of it by person, with where it came from.
    let admin = app.sign_in_staff("lotte.vermeulen").await;
    let trail = app
        .get_as(
            &format!("/api/v1/audit/events?person={}&limit=200", people::JAN),
            &admin,
        )
        .await;
    assert_eq!(trail.status, 200, "{}", trail.body);
    let found = actions(&trail.body);
    for action in [
        "submitted",
        "request_viewed",
        "document_viewed",
        "requests_searched",
        "advice_request_viewed",
    ] {
        assert!(found.iter().any(|a| a == action), "{action} in {found:?}");
    }
    let search = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "requests_searched")
        .unwrap();
    assert_eq!(search["actorName"], "An De Smet");
    assert_eq!(search["details"]["criteria"]["nationalNumber"], people::JAN);
    assert_eq!(search["details"]["total"], 2);
    assert_eq!(search["details"]["address"], "127.0.0.1");
    // By actor and action, and by period.
    let by_police = app
        .get_as(
            "/api/v1/audit/events?actor=Politiezone&action=advice_request_viewed",
            &admin,
        )
        .await;
    assert_eq!(actions(&by_police.body).len(), 1, "{}", by_police.body);
    // A day of the municipality (Europe/Brussels), whose days the period is.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive();
    let later = app
        .get_as(&format!("/api/v1/audit/events?from={tomorrow}"), &admin)
        .await;
    assert!(later.body["items"].as_array().unwrap().is_empty());
    // Paging by cursor gives every event once.
    let first = app.get_as("/api/v1/audit/events?limit=3", &admin).await;
    let cursor = first.body["nextCursor"].as_i64().expect("more pages");
    let second = app
        .get_as(
            &format!("/api/v1/audit/events?limit=3&cursor={cursor}"),
            &admin,
        )
        .await;
    assert!(second.body["items"][0]["id"].as_i64().unwrap() < cursor);

    // The export is a CSV of the same, and is itself accounted for.
    let csv = app
        .get_bytes(
            &format!("/api/v1/audit/events/export?person={}", people::JAN),
            Some(&admin),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"));
    let text = String::from_utf8(csv.bytes).unwrap();
    assert!(text.starts_with("id,at,actor_role,actor_name,action"));
    assert!(text.contains("\"request_viewed\"") && text.contains("\"An De Smet\""));
    let exports = app
        .get_as("/api/v1/audit/events?action=audit_exported", &admin)
        .await;
    assert_eq!(exports.body["items"][0]["actorName"], "Lotte Vermeulen");

    // Only the auditor reads the trail.
    app.get_as("/api/v1/audit/events", &an)
        .await
        .assert_problem(403, "forbidden");
    app.get_as("/api/v1/audit/events", &jan)
        .await
        .assert_problem(403, "forbidden");
    app.get_as("/api/v1/audit/events?person=123", &admin)
        .await
        .assert_problem(422, "validation_failed");
}
