//! The contract's lifecycle details: versions and `If-Match`, the advice task's due date, a
//! late police answer, `processing` after a deed turns up, references per year.
use crate::helpers::{people, Reply, TestApp};
use serde_json::{json, Value};

const MOHAMED: &str = "90112115716";

/// A manual request by Jan for Mohamed (a task "Aanvraag behandelen"); returns its reference.
async fn manual_request(app: &TestApp) -> String {
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(Some(&jan), json!({
            "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
            "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
            "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
        }))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["reference"].as_str().unwrap().to_owned()
}

async fn detail(app: &TestApp, staff: &str, reference: &str) -> Reply {
    app.get_as(&format!("/api/v1/requests/{reference}"), staff)
        .await
}

async fn refuse_if_match(app: &TestApp, staff: &str, reference: &str, tag: &str) -> Reply {
    let response = app
        .client
        .post(format!("{}/api/v1/requests/{reference}/refuse", app.base))
        .bearer_auth(staff)
        .header("If-Match", tag)
        .json(&json!({ "reason": "Geen recht op dit document." }))
        .send()
        .await
        .unwrap();
    TestApp::reply(response).await
}

fn task_id(tasks: &Value, task_type: &str) -> i64 {
    tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["taskType"] == task_type)
        .and_then(|t| t["id"].as_i64())
        .unwrap_or_else(|| panic!("a task {task_type} in {tasks}"))
}

#[tokio::test]
async fn claiming_a_task_changes_the_version_so_a_stale_action_is_refused() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app).await;
    let (an, pieter) = (
        app.sign_in_staff("an.desmet").await,
        app.sign_in_staff("pieter.claes").await,
    );
    let seen = detail(&app, &an, &reference).await;
    let version = seen.body["version"].as_i64().unwrap();
    let task = task_id(&seen.body["tasks"], "handle_request");

    let claimed = app
        .post_json_as(&format!("/api/v1/tasks/{task}/claim"), &pieter, json!({}))
        .await;
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    let now = detail(&app, &an, &reference).await.body["version"]
        .as_i64()
        .unwrap();
    assert!(
        now > version,
        "claiming made a new version ({version} → {now})"
    );

    let stale = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/refuse"),
            &an,
            json!({ "reason": "Geen recht.", "expectedVersion": version }),
        )
        .await;
    stale.assert_problem(409, "conflict");
}

#[tokio::test]
async fn the_etag_is_the_version_and_a_stale_if_match_is_412() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let seen = detail(&app, &staff, &reference).await;
    let tag = seen.headers["etag"].to_str().unwrap().to_owned();
    assert_eq!(tag, format!("\"{}\"", seen.body["version"]));

    let task = task_id(&seen.body["tasks"], "handle_request");
    let assigned = app
        .post_json_as(&format!("/api/v1/tasks/{task}/claim"), &staff, json!({}))
        .await;
    assert_eq!(assigned.status, 200);
    let stale = refuse_if_match(&app, &staff, &reference, &tag).await;
    stale.assert_problem(412, "precondition_failed");
    assert_eq!(
        detail(&app, &staff, &reference).await.body["status"],
        "in_progress"
    );

    let current = detail(&app, &staff, &reference).await.headers["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    let done = refuse_if_match(&app, &staff, &reference, &current).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["status"], "refused");
    assert_ne!(done.headers["etag"].to_str().unwrap(), current);

    let nonsense = refuse_if_match(&app, &staff, &reference, "yesterday").await;
    nonsense.assert_problem(422, "validation_failed");
    assert!(nonsense.field_error("If-Match").is_some());
}

async fn police_request(app: &TestApp) -> String {
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "strafregister-596-2", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Kinderopvang", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn after_the_deadline_staff_have_five_days_and_a_late_police_answer_says_so() {
    let app = TestApp::spawn().await;
    let reference = police_request(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let before = detail(&app, &staff, &reference).await.body["version"]
        .as_i64()
        .unwrap();
    app.advance_clock(7 * 86_400 + 60).await;
    app.run_jobs().await;
    // A week later: a new day, a new sign-in.
    let staff = app.sign_in_staff("an.desmet").await;
    let seen = detail(&app, &staff, &reference).await.body;
    assert!(
        seen["version"].as_i64().unwrap() > before,
        "the new task is a new version"
    );
    let task = seen["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["taskType"] == "give_advice")
        .unwrap()
        .clone();
    let created =
        chrono::DateTime::parse_from_rfc3339(task["createdAt"].as_str().unwrap()).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(task["dueAt"].as_str().unwrap()).unwrap();
    assert_eq!((due - created).num_days(), 5, "{task}");

    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let late = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/advice"),
            &police,
            json!({ "advice": "favourable" }),
        )
        .await;
    assert_eq!(late.status, 204, "{}", late.body);
    let after = detail(&app, &staff, &reference).await.body;
    let entry = after["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "advice_given")
        .unwrap()
        .clone();
    assert_eq!(entry["details"]["afterDeadline"], true, "{entry}");
    assert_eq!(entry["details"]["onBehalfOfPolice"], false);
    let open: Vec<&str> = after["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["taskType"].as_str().unwrap())
        .collect();
    assert!(
        !open.contains(&"give_advice"),
        "the staff task closed: {open:?}"
    );
}

#[tokio::test]
async fn a_police_answer_in_time_is_not_marked_late() {
    let app = TestApp::spawn().await;
    let reference = police_request(&app).await;
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let given = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/advice"),
            &police,
            json!({ "advice": "favourable" }),
        )
        .await;
    assert_eq!(given.status, 204, "{}", given.body);
    let staff = app.sign_in_staff("an.desmet").await;
    let history = detail(&app, &staff, &reference).await.body["history"].clone();
    let entry = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "advice_given")
        .unwrap()
        .clone();
    assert_eq!(entry["details"]["afterDeadline"], false, "{entry}");
}

#[tokio::test]
async fn a_request_delivered_once_its_deed_turned_up_says_it_was_automatic() {
    let app = TestApp::spawn().await;
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    let reference = app.submit(Some(&sarah), json!({
        "documentType": "geboorteakte", "forWhom": "myself", "forUse": "belgium", "purpose": "Huwelijk",
        "language": "nl", "delivery": "digital", "deed": {"variant": "extract", "model": "national"},
    })).await.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    assert_eq!(
        detail(&app, &staff, &reference).await.body["processing"],
        "manual"
    );
    let added = app.post("/api/v1/dev/dabs/deeds", json!({
        "reference": "DABS-GEB-1978-777002", "deedType": "birth", "nationalNumbers": [people::SARAH_NO_DEEDS],
        "registeredAt": "1978-09-11", "place": "Lille",
        "details": {"child": "Sarah Dubois", "birthDate": "1978-09-09", "birthPlace": "Lille"},
    })).await;
    assert_eq!(added.status, 201, "{}", added.body);
    let delivered = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/confirm-deed-added"),
            &staff,
            json!({}),
        )
        .await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    assert_eq!(delivered.body["status"], "delivered");
    assert_eq!(delivered.body["processing"], "automatic");
}

#[tokio::test]
async fn references_restart_each_year() {
    let app = TestApp::spawn().await;
    let first = manual_request(&app).await;
    let second = manual_request(&app).await;
    let year: i32 = first[3..7].parse().unwrap();
    let number = |r: &str| r[8..].parse::<i64>().unwrap();
    assert_eq!(&second[..8], &first[..8]);
    assert_eq!(number(&second), number(&first) + 1);

    // Into the next year: the numbering starts again.
    app.advance_clock(366 * 86_400).await;
    let next = manual_request(&app).await;
    assert_eq!(next, format!("PA-{}-000001", year + 1));
    let after = manual_request(&app).await;
    assert_eq!(after, format!("PA-{}-000002", year + 1));
}

/// At 00:30 on New Year's Day in Brussels it is still the old year in UTC: the reference
/// takes the civil year.
#[tokio::test]
async fn a_request_just_after_midnight_on_new_years_day_is_numbered_in_the_new_year() {
    use chrono::{DateTime, Datelike, TimeZone, Utc};
    use chrono_tz::Europe::Brussels;
    let app = TestApp::spawn().await;
    let now: DateTime<Utc> = app.get("/api/v1/dev/clock").await.body["now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let year = now.with_timezone(&Brussels).year() + 1;
    let at = Brussels
        .with_ymd_and_hms(year, 1, 1, 0, 30, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(at.year(), year - 1, "in UTC it is still the old year");
    app.set_clock(at).await;
    assert_eq!(manual_request(&app).await, format!("PA-{year}-000001"));
}

/// An anonymous request names its person without a national number; staff give one when they
/// deliver. A number of someone else is refused unless staff confirm the identity, and the
/// history says who the document was made for.
#[tokio::test]
async fn an_anonymous_request_is_delivered_only_for_the_person_it_names() {
    let app = TestApp::spawn().await;
    let reference = app.submit(None, json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium", "purpose": "Huur",
        "language": "nl", "delivery": "counter",
        "requester": {"firstName": "Noah", "lastName": "Claes", "email": "noah@example.be", "birthDate": "2001-06-18"},
    })).await.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    let deliver = |body: Value| {
        let (app, staff, reference) = (&app, staff.clone(), reference.clone());
        async move {
            app.post_json_as(
                &format!("/api/v1/requests/{reference}/deliver"),
                &staff,
                body,
            )
            .await
        }
    };

    // Jan's number for Noah's request: refused, and nothing changes.
    let wrong = deliver(json!({"method": "counter", "subjectNationalNumber": people::JAN})).await;
    wrong.assert_problem(422, "validation_failed");
    assert_eq!(
        wrong.body["invalidParams"][0]["code"],
        "not_the_person_named"
    );
    assert!(wrong
        .field_error("subjectNationalNumber")
        .unwrap()
        .contains("Noah Claes"));
    assert_eq!(
        detail(&app, &staff, &reference).await.body["status"],
        "in_progress"
    );

    // Noah's own number: delivered, and the history says for whom.
    let right = deliver(json!({"method": "counter", "subjectNationalNumber": people::NOAH})).await;
    assert_eq!(right.status, 200, "{}", right.body);
    let delivered = right.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "delivered")
        .unwrap()
        .clone();
    assert_eq!(
        delivered["details"]["madeFor"]["nationalNumber"],
        people::NOAH
    );
    assert_eq!(delivered["details"]["madeFor"]["identityConfirmed"], false);
}

#[tokio::test]
async fn staff_can_confirm_an_identity_the_register_words_differently_and_that_is_recorded() {
    let app = TestApp::spawn().await;
    let reference = app.submit(None, json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium", "purpose": "Huur",
        "language": "nl", "delivery": "counter",
        "requester": {"firstName": "Noah", "lastName": "Klaas", "email": "noah@example.be", "birthDate": "2001-06-18"},
    })).await.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    let path = format!("/api/v1/requests/{reference}/deliver");
    let refused = app
        .post_json_as(
            &path,
            &staff,
            json!({"method": "counter", "subjectNationalNumber": people::NOAH}),
        )
        .await;
    assert_eq!(
        refused.body["invalidParams"][0]["code"],
        "not_the_person_named"
    );
    let confirmed = app
        .post_json_as(
            &path,
            &staff,
            json!({"method": "counter", "subjectNationalNumber": people::NOAH, "confirmIdentity": true}),
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let delivered = confirmed.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "delivered")
        .unwrap()
        .clone();
    assert_eq!(delivered["details"]["madeFor"]["identityConfirmed"], true);
    assert_eq!(
        delivered["details"]["madeFor"]["nationalNumber"],
        people::NOAH
    );
}
