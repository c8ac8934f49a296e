//! The edges of the contract an outside client finds by fuzzing the OpenAPI document
//! (`make api-fuzz`): what the document allows is accepted, what it does not is refused with a
//! problem, and every answer is one the document lists.
use crate::helpers::{people, Reply, TestApp};
use serde_json::json;

const MOHAMED: &str = "90112115716";

/// A request staff handle (Jan asks for Mohamed): its reference and the id of its task.
async fn manual_request(app: &TestApp, staff: &str, purpose: &str) -> (String, i64) {
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(Some(&jan), json!({
            "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
            "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
            "forUse": "belgium", "purpose": purpose, "language": "nl", "delivery": "post",
        }))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), staff)
        .await;
    let task = detail.body["tasks"]
        .as_array()
        .and_then(|tasks| tasks.iter().find(|t| t["taskType"] == "handle_request"))
        .and_then(|t| t["id"].as_i64())
        .unwrap_or_else(|| panic!("a task to handle in {}", detail.body));
    (reference, task)
}

async fn with_header(app: &TestApp, path: &str, token: &str, header: (&str, &str)) -> Reply {
    let response = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(token)
        .header(header.0, header.1)
        .json(&json!({ "reason": "Geen recht op dit document.", "expectedVersion": 1 }))
        .send()
        .await
        .unwrap();
    TestApp::reply(response).await
}

#[tokio::test]
async fn an_integer_field_takes_a_number_written_with_a_zero_fraction() {
    let app = TestApp::spawn().await;
    let whole = app
        .post("/api/v1/dev/clock/advance", json!({ "seconds": 60.0 }))
        .await;
    assert_eq!(whole.status, 200, "{}", whole.body);
    let fraction = app
        .post("/api/v1/dev/clock/advance", json!({ "seconds": 60.5 }))
        .await;
    fraction.assert_problem(422, "validation_failed");
    assert!(fraction.field_error("seconds").is_some());
}

#[tokio::test]
async fn if_match_is_one_etag_as_given_and_must_agree_with_expected_version() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let (reference, _) = manual_request(&app, &staff, "Dossier").await;
    let path = format!("/api/v1/requests/{reference}/refuse");
    for loose in ["7", "\"+7\"", "W/W/\"7\"", "\"1\", \"2\""] {
        let reply = with_header(&app, &path, &staff, ("If-Match", loose)).await;
        reply.assert_problem(422, "validation_failed");
        assert!(reply.field_error("If-Match").is_some(), "{loose}");
    }
    // The body says version 1, the header version 2: the request is at one of them at most.
    let disagree = with_header(&app, &path, &staff, ("If-Match", "\"2\"")).await;
    disagree.assert_problem(412, "precondition_failed");
    // If-Match compares strongly: a weak tag of the current version does not match.
    let seen = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    let etag = seen.headers["etag"].to_str().unwrap().to_owned();
    let weak = with_header(&app, &path, &staff, ("If-Match", &format!("W/{etag}"))).await;
    weak.assert_problem(412, "precondition_failed");
}

#[tokio::test]
async fn an_idempotency_key_is_visible_ascii_without_spaces() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submit = |key: String| {
        app.client
            .post(format!("{}/api/v1/requests", app.base))
            .bearer_auth(&jan)
            .header("Idempotency-Key", key)
            .json(&json!({
                "documentType": "attest-van-leven", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Pensioen", "language": "nl", "delivery": "digital",
            }))
            .send()
    };
    for bad in ["two words".to_owned(), "x".repeat(101)] {
        let reply = TestApp::reply(submit(bad).await.unwrap()).await;
        reply.assert_problem(400, "invalid_idempotency_key");
    }
    let longest = TestApp::reply(submit("k".repeat(100)).await.unwrap()).await;
    assert_eq!(longest.status, 201, "{}", longest.body);
}

#[tokio::test]
async fn search_criteria_are_taken_exactly_as_the_document_spells_them() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    for (query, field) in [
        ("status=in_progress,%20refused", "status"),
        ("status=", "status"),
        ("status=in_progress,", "status"),
        ("channel=%20web", "channel"),
        ("submittedFrom=2026-1-01", "submittedFrom"),
        ("submittedFrom=2026-02-30", "submittedFrom"),
        ("assignee=%2B5", "assignee"),
        ("sort=%20reference", "sort"),
        ("cursor=-1", "cursor"),
    ] {
        let reply = app
            .get_as(&format!("/api/v1/search/requests?{query}"), &staff)
            .await;
        reply.assert_problem(422, "validation_failed");
        assert!(
            reply.field_error(field).is_some(),
            "{query}: {}",
            reply.body
        );
    }
    for query in [
        "status=in_progress,refused",
        "sort=",
        "q=%20",
        "submittedTo=2026-02-28",
    ] {
        let reply = app
            .get_as(&format!("/api/v1/search/requests?{query}"), &staff)
            .await;
        assert_eq!(reply.status, 200, "{query}: {}", reply.body);
    }
}

#[tokio::test]
async fn a_search_cursor_names_a_request_and_goes_on_after_it_in_any_order() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    manual_request(&app, &staff, "Werk").await;
    manual_request(&app, &staff, "Verblijf").await;
    let first = app
        .get_as("/api/v1/search/requests?sort=reference&limit=1", &staff)
        .await;
    let cursor = first.body["nextCursor"].as_str().expect("a next page");
    for sort in ["reference", "-submittedAt", "requesterName"] {
        let next = app
            .get_as(
                &format!("/api/v1/search/requests?sort={sort}&limit=1&cursor={cursor}"),
                &staff,
            )
            .await;
        assert_eq!(next.status, 200, "{sort}: {}", next.body);
    }
    let gone = app
        .get_as("/api/v1/search/requests?cursor=999999999", &staff)
        .await;
    gone.assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_task_cursor_is_two_numbers_and_any_such_pair_is_a_place_to_go_on_from() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    for fine in ["0_0", "1795000000000000000_12", "-5_1"] {
        let page = app
            .get_as(&format!("/api/v1/tasks?cursor={fine}"), &staff)
            .await;
        assert_eq!(page.status, 200, "{fine}: {}", page.body);
    }
    for bad in [
        "%2B1_2",
        "1_",
        "1_2_3",
        "9234567890123456789_1",
        "0234567890123456789_1",
    ] {
        let reply = app
            .get_as(&format!("/api/v1/tasks?cursor={bad}"), &staff)
            .await;
        reply.assert_problem(422, "validation_failed");
        assert!(reply.field_error("cursor").is_some(), "{bad}");
    }
    let limit = app.get_as("/api/v1/tasks?limit=0", &staff).await;
    limit.assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn assigning_a_task_to_an_id_that_is_no_colleague_is_not_found() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let (_, task) = manual_request(&app, &staff, "Dossier").await;
    let reply = app
        .post_json_as(
            &format!("/api/v1/tasks/{task}/assign"),
            &staff,
            json!({ "userId": 999_999 }),
        )
        .await;
    reply.assert_problem(404, "not_found");
}

#[tokio::test]
async fn free_text_limits_count_what_was_sent() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let (reference, _) = manual_request(&app, &staff, "Dossier").await;
    let reason = format!("{}   ", "x".repeat(1999));
    let reply = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/refuse"),
            &staff,
            json!({ "reason": reason }),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("reason").is_some());
}

#[tokio::test]
async fn an_api_path_answers_an_unsupported_method_with_allow_also_beside_the_spa() {
    let dir = std::env::temp_dir().join(format!("loket-spa-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Loket</title>",
    )
    .unwrap();
    let spa = dir.clone();
    let app = TestApp::spawn_with(move |c| c.static_dir = Some(spa.clone())).await;
    for method in ["TRACE", "DELETE", "POST"] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let reply = app.call(method.clone(), "/api/health", None, None).await;
        reply.assert_problem(405, "method_not_allowed");
        assert_eq!(reply.headers["allow"], "GET, HEAD", "{method}");
    }
    let page = app.get("/aanvragen").await;
    assert_eq!(page.status, 200);
    std::fs::remove_dir_all(dir).ok();
}
