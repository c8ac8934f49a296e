//! One vocabulary: every status, type, role, action and error code the API sends is a value
//! the OpenAPI document lists, so an integrator (and the SPA's translations) can rely on it.
use crate::helpers::{people, TestApp};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The values of a named enum in the served OpenAPI document.
async fn listed(app: &TestApp, schema: &str) -> BTreeSet<String> {
    let doc = app.get("/api/openapi.json").await.body;
    let values = doc["components"]["schemas"][schema]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{schema} is an enum in the OpenAPI document"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect::<BTreeSet<_>>();
    assert!(!values.is_empty());
    values
}

fn text(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is text"))
        .to_owned()
}

fn each<'a>(v: &'a Value, field: &'a str) -> impl Iterator<Item = &'a Value> {
    v.as_array().unwrap().iter().map(move |x| &x[field])
}

#[tokio::test]
async fn every_problem_code_and_field_code_is_in_the_listed_error_codes() {
    let app = TestApp::spawn().await;
    let codes = listed(&app, "ErrorCode").await;
    for expected in [
        "validation_failed",
        "not_found",
        "conflict",
        "deed_still_missing",
    ] {
        assert!(codes.contains(expected), "{expected} is listed");
    }
    let jan = app.sign_in_citizen(people::JAN).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let bad_request = app
        .submit(
            Some(&jan),
            json!({ "documentType": "bestaat-niet", "forWhom": "myself",
            "forUse": "belgium", "purpose": "x", "language": "nl", "delivery": "digital" }),
        )
        .await;
    let replies = [
        bad_request,
        app.get("/api/v1/does-not-exist").await,
        app.get("/api/v1/requests").await,
        app.get_as("/api/v1/search/requests?status=lost&channel=fax", &staff)
            .await,
        app.get_as("/api/v1/requests/PA-2026-999999", &staff).await,
        app.post_json_as(
            "/api/v1/requests/PA-2026-999999/refuse",
            &staff,
            json!({"reason": "x"}),
        )
        .await,
    ];
    for reply in replies {
        assert!(reply.status.as_u16() >= 400, "{}", reply.body);
        let code = text(&reply.body["code"]);
        assert!(codes.contains(&code), "problem code {code} is listed");
        for param in reply.body["invalidParams"].as_array().into_iter().flatten() {
            let code = text(&param["code"]);
            assert!(codes.contains(&code), "field code {code} is listed");
        }
    }
}

#[tokio::test]
async fn statuses_task_types_and_actions_sent_are_the_listed_values() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(Some(&jan), json!({
            "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
            "subject": {"firstName": "Els", "lastName": "Janssens", "nationalNumber": people::ELS},
            "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
        }))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reference = text(&reply.body["reference"]);
    let staff = app.sign_in_staff("an.desmet").await;
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await
        .body;

    assert!(listed(&app, "Status")
        .await
        .contains(&text(&detail["status"])));
    assert!(listed(&app, "Processing")
        .await
        .contains(&text(&detail["processing"])));
    assert!(listed(&app, "Channel")
        .await
        .contains(&text(&detail["submittedVia"])));
    let reasons = listed(&app, "ManualReason").await;
    assert_eq!(
        text(&detail["manualReasons"][0]["code"]),
        "for_someone_else"
    );
    assert!(each(&detail["manualReasons"], "code").all(|c| reasons.contains(&text(c))));
    // Labels are the SPA's, in the reader's language: the API sends codes only.
    assert!(detail.get("statusLabel").is_none());
    assert!(detail["manualReasons"][0].get("label").is_none());

    let (task_types, task_statuses) = (
        listed(&app, "TaskType").await,
        listed(&app, "TaskStatus").await,
    );
    let tasks: Vec<(String, String)> = detail["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (text(&t["taskType"]), text(&t["status"])))
        .collect();
    assert!(
        tasks.contains(&("handle_request".into(), "open".into())),
        "{tasks:?}"
    );
    assert!(
        tasks.contains(&("cancel_request".into(), "parked".into())),
        "{tasks:?}"
    );
    for (task_type, status) in &tasks {
        assert!(task_types.contains(task_type) && task_statuses.contains(status));
    }
    let actions: Vec<String> = detail["availableActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(actions, ["deliver", "refuse", "cancel"]);
    let staff_actions = listed(&app, "StaffAction").await;
    assert!(actions.iter().all(|a| staff_actions.contains(a)));

    let (roles, audit_actions) = (
        listed(&app, "ActorRole").await,
        listed(&app, "AuditAction").await,
    );
    for entry in detail["history"].as_array().unwrap() {
        assert!(roles.contains(&text(&entry["actorRole"])), "{entry}");
        assert!(audit_actions.contains(&text(&entry["action"])), "{entry}");
    }

    // One shape for an assignee wherever a task is shown: an object with id and name.
    let task = detail["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["taskType"] == "handle_request")
        .unwrap()
        .clone();
    let claimed = app
        .post_json_as(
            &format!("/api/v1/tasks/{}/claim", task["id"]),
            &staff,
            json!({}),
        )
        .await;
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    let inbox_item = app.get_as("/api/v1/tasks?view=all", &staff).await.body["items"][0].clone();
    let on_request = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await
        .body["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["taskType"] == "handle_request")
        .unwrap()["assignee"]
        .clone();
    let in_search = app
        .get_as(
            &format!("/api/v1/search/requests?reference={reference}"),
            &staff,
        )
        .await
        .body["items"][0]["openTasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["taskType"] == "handle_request")
        .unwrap()["assignee"]
        .clone();
    for assignee in [
        &claimed.body["assignee"],
        &inbox_item["assignee"],
        &on_request,
        &in_search,
    ] {
        assert_eq!(assignee["name"], "An De Smet", "{assignee}");
        assert!(assignee["id"].is_i64(), "{assignee}");
    }

    let inbox = app.get_as("/api/v1/tasks?view=all", &staff).await.body;
    assert_eq!(inbox["items"][0]["taskType"], "handle_request");
    assert!(inbox["items"][0].get("taskTypeLabel").is_none());
}

#[tokio::test]
async fn a_bad_filter_value_names_the_values_there_are() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let reply = app
        .get_as("/api/v1/search/requests?taskType=coffee", &staff)
        .await;
    reply.assert_problem(422, "validation_failed");
    let reason = reply.field_error("taskType").expect("taskType is named");
    assert!(
        reason.contains("handle_request") && reason.contains("add_deed"),
        "{reason}"
    );
}

#[tokio::test]
async fn a_cursor_goes_on_after_its_request_in_whatever_order_is_asked() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    for purpose in ["Werk", "Verblijf"] {
        let reply = app
            .submit(
                Some(&jan),
                json!({
                    "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                    "purpose": purpose, "language": "nl", "delivery": "digital",
                }),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    let staff = app.sign_in_staff("an.desmet").await;
    let by_reference = app
        .get_as("/api/v1/search/requests?sort=reference&limit=1", &staff)
        .await;
    assert_eq!(by_reference.status, 200);
    let cursor = text(&by_reference.body["nextCursor"]);
    // A cursor names the request a page ended with: any sort order goes on after it.
    for sort in ["reference", "-submittedAt"] {
        let next = app
            .get_as(
                &format!("/api/v1/search/requests?sort={sort}&limit=1&cursor={cursor}"),
                &staff,
            )
            .await;
        assert_eq!(next.status, 200, "{}", next.body);
    }
    let nonsense = app
        .get_as("/api/v1/search/requests?limit=1&cursor=one", &staff)
        .await;
    nonsense.assert_problem(422, "validation_failed");
    assert!(nonsense.field_error("cursor").is_some());
}
