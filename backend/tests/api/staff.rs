//! The back office: every action and both exceptions, as staff and police use them.
use crate::helpers::{people, Reply, TestApp};
use serde_json::{json, Value};

const MOHAMED: &str = "90112115716";

fn for_someone_else(document_type: &str, subject: &str) -> Value {
    json!({
        "documentType": document_type, "forWhom": "someone_else",
        "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": subject},
        "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
    })
}

/// A manual request by Jan for Mohamed; returns its reference.
async fn manual_request(app: &TestApp, document_type: &str) -> String {
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(Some(&jan), for_someone_else(document_type, MOHAMED))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body["reference"].as_str().unwrap().to_owned()
}

async fn act(app: &TestApp, token: &str, reference: &str, action: &str, body: Value) -> Reply {
    app.call(
        reqwest::Method::POST,
        &format!("/api/v1/requests/{reference}/{action}"),
        Some(token),
        Some(body),
    )
    .await
}

fn actions(detail: &Value) -> Vec<String> {
    detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn open_tasks(app: &TestApp, token: &str, view: &str) -> Vec<Value> {
    app.get_as(&format!("/api/v1/tasks?view={view}"), token)
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn deliver_digitally_emails_a_link_and_fills_my_ebox() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "bewijs-van-woonst").await;
    let staff = app.sign_in_staff("an.desmet").await;
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    assert_eq!(
        detail.body["availableActions"],
        json!(["deliver", "refuse", "cancel"])
    );

    let reply = act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "digital"}),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["status"], "delivered");
    assert_eq!(reply.body["deliveryMethod"], "digital");
    assert_eq!(reply.body["documents"].as_array().unwrap().len(), 1);
    assert!(open_tasks(&app, &staff, "all").await.is_empty());
    assert!(
        open_tasks(&app, &staff, "parked").await.is_empty(),
        "a finished request has no Annuleren task"
    );
    let mail = &app.outbox("jan.peeters@example.be").await[0];
    assert!(mail["subject"]
        .as_str()
        .unwrap()
        .starts_with("Je document is klaar"));
    assert!(mail["body"].as_str().unwrap().contains("/download/"));
    let jan = app.sign_in_citizen(people::JAN).await;
    assert_eq!(
        app.get_as("/api/v1/dev/ebox", &jan).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(actions(&reply.body).contains(&"delivered".to_owned()));
}

#[tokio::test]
async fn deliver_by_post_makes_a_letter_to_the_chosen_recipient_and_a_shipment_task() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "uittreksel-bevolkingsregister").await;
    let staff = app.sign_in_staff("an.desmet").await;
    let reply = act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "post", "recipient": "subject"}),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["status"], "awaiting_shipment");
    let documents = reply.body["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2);
    let letter = documents.iter().find(|d| d["kind"] == "letter").unwrap();
    let pdf = app
        .get_bytes(letter["downloadUrl"].as_str().unwrap(), Some(&staff))
        .await;
    let doc = lopdf::Document::load_mem(&pdf.bytes).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    assert!(
        text.contains("Molenweg 3 bus 2"),
        "the subject's address from the register: {text}"
    );
    assert!(text.contains("Mohamed El Amrani"), "{text}");
    // Worded for Mohamed, who did not ask: Jan asked for him.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("dat Jan Peeters voor jou bij ons heeft aangevraagd"),
        "{flat}"
    );
    assert!(!flat.contains("dat je bij ons hebt aangevraagd"), "{flat}");

    let tasks = open_tasks(&app, &staff, "all").await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["taskType"], "confirm_shipment");
    let confirmed = act(&app, &staff, &reference, "confirm-shipment", json!({})).await;
    assert_eq!(confirmed.body["status"], "delivered");
    assert!(open_tasks(&app, &staff, "all").await.is_empty());
    let mail = &app.outbox("jan.peeters@example.be").await[0];
    assert_eq!(
        mail["subject"],
        format!("Je document is per post verstuurd ({reference})")
    );
}

/// The details of one action in a request's history.
fn details_of(detail: &Value, action: &str) -> Value {
    let history = detail["history"].as_array().unwrap();
    let entry = history.iter().find(|h| h["action"] == action);
    entry.unwrap_or_else(|| panic!("no {action}"))["details"].clone()
}

/// History details have one shape per action, `kind` naming it; the requester sees how the
/// request came in and goes out, not who handled it, nor the letter's or e-mail's particulars.
#[tokio::test]
async fn history_details_have_a_kind_and_citizens_see_only_what_they_always_saw() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "uittreksel-bevolkingsregister").await;
    let staff = app.sign_in_staff("an.desmet").await;
    let task = open_tasks(&app, &staff, "all").await[0]["id"]
        .as_i64()
        .unwrap();
    let claim = format!("/api/v1/tasks/{task}/claim");
    let claimed = app
        .call(reqwest::Method::POST, &claim, Some(&staff), None)
        .await;
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    let body = json!({"method": "post", "recipient": "subject"});
    let reply = act(&app, &staff, &reference, "deliver", body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    for entry in reply.body["history"].as_array().unwrap() {
        if !entry["details"].is_null() {
            assert_eq!(entry["details"]["kind"], entry["action"], "{entry}");
        }
    }
    let delivered = details_of(&reply.body, "delivered");
    assert_eq!(delivered["recipient"]["name"], "Mohamed El Amrani");
    assert_eq!(
        details_of(&reply.body, "task_claimed")["assignee"],
        "An De Smet"
    );
    assert_eq!(
        details_of(&reply.body, "email_sent")["to"],
        "jan.peeters@example.be"
    );

    let jan = app.sign_in_citizen(people::JAN).await;
    let mine = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await
        .body;
    assert_eq!(
        details_of(&mine, "delivered"),
        json!({"kind": "delivered", "method": "post"})
    );
    assert!(details_of(&mine, "submitted")["via"].is_string());
    assert!(details_of(&mine, "sent_to_staff")["reasons"]
        .as_array()
        .unwrap()
        .contains(&json!("for_someone_else")));
    for action in ["task_claimed", "email_sent"] {
        assert!(details_of(&mine, action).is_null(), "{action}");
    }
}

#[tokio::test]
async fn deliver_at_the_counter_tells_the_requester_and_waits_for_the_pickup() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "attest-van-leven").await;
    let staff = app.sign_in_staff("an.desmet").await;
    let reply = act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "counter"}),
    )
    .await;
    assert_eq!(reply.body["status"], "ready_for_pickup");
    let mail = &app.outbox("jan.peeters@example.be").await[0];
    assert!(mail["body"]
        .as_str()
        .unwrap()
        .contains("ligt klaar aan de balie"));
    assert_eq!(
        open_tasks(&app, &staff, "all").await[0]["taskType"],
        "confirm_pickup"
    );
    let done = act(&app, &staff, &reference, "confirm-pickup", json!({})).await;
    assert_eq!(done.body["status"], "delivered");
}

#[tokio::test]
async fn refusing_needs_a_reason_which_is_emailed_and_then_nothing_more_applies() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "nationaliteitsbewijs").await;
    let staff = app.sign_in_staff("an.desmet").await;
    let empty = act(&app, &staff, &reference, "refuse", json!({"reason": "   "})).await;
    empty.assert_problem(422, "validation_failed");
    assert_eq!(empty.body["invalidParams"][0]["name"], "reason");
    assert_eq!(empty.body["invalidParams"][0]["code"], "required");
    act(&app, &staff, &reference, "refuse", json!({}))
        .await
        .assert_problem(422, "validation_failed");

    let refused = act(
        &app,
        &staff,
        &reference,
        "refuse",
        json!({"reason": "Geen volmacht van de betrokkene."}),
    )
    .await;
    assert_eq!(refused.body["status"], "refused");
    assert_eq!(refused.body["availableActions"], json!([]));
    let mail = &app.outbox("jan.peeters@example.be").await[0];
    assert!(mail["body"]
        .as_str()
        .unwrap()
        .contains("Geen volmacht van de betrokkene."));
    let again = act(
        &app,
        &staff,
        &reference,
        "cancel",
        json!({"informRequester": false}),
    )
    .await;
    again.assert_problem(409, "conflict");
    assert!(again.body["detail"].as_str().unwrap().contains("geweigerd"));
    assert!(open_tasks(&app, &staff, "parked").await.is_empty());
}

#[tokio::test]
async fn cancelling_informs_the_requester_only_when_staff_choose_to() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let quiet = manual_request(&app, "bewijs-van-woonst").await;
    let parked = open_tasks(&app, &staff, "parked").await;
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0]["requestReference"], quiet.as_str());
    let before = app.outbox("jan.peeters@example.be").await.len();
    let reply = act(
        &app,
        &staff,
        &quiet,
        "cancel",
        json!({"informRequester": false}),
    )
    .await;
    assert_eq!(reply.body["status"], "cancelled");
    assert_eq!(
        app.outbox("jan.peeters@example.be").await.len(),
        before,
        "no e-mail when not informed"
    );

    let told = manual_request(&app, "bewijs-van-woonst").await;
    act(
        &app,
        &staff,
        &told,
        "cancel",
        json!({"informRequester": true}),
    )
    .await
    .assert_problem(422, "validation_failed");
    let reply = act(
        &app,
        &staff,
        &told,
        "cancel",
        json!({"informRequester": true, "explanation": "Dubbele aanvraag."}),
    )
    .await;
    assert_eq!(reply.status, 200);
    let mail = &app.outbox("jan.peeters@example.be").await[0];
    assert_eq!(
        mail["subject"],
        format!("Je aanvraag {told} werd geannuleerd")
    );
    assert!(mail["body"].as_str().unwrap().contains("Dubbele aanvraag."));
}

#[tokio::test]
async fn two_staff_acting_at_once_exactly_one_succeeds() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "bewijs-van-woonst").await;
    let an = app.sign_in_staff("an.desmet").await;
    let pieter = app.sign_in_staff("pieter.claes").await;
    let (a, b) = tokio::join!(
        act(
            &app,
            &an,
            &reference,
            "deliver",
            json!({"method": "digital"})
        ),
        act(
            &app,
            &pieter,
            &reference,
            "refuse",
            json!({"reason": "Onvolledig"})
        ),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let loser = if a.status == 409 { &a } else { &b };
    assert!(loser.body["detail"].as_str().unwrap().contains(&reference));
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &an)
        .await;
    let finished = actions(&detail.body)
        .iter()
        .filter(|a| *a == "delivered" || *a == "refused")
        .count();
    assert_eq!(finished, 1, "one action took effect");
}

#[tokio::test]
async fn acting_on_a_stale_version_is_a_conflict() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "bewijs-van-woonst").await;
    let staff = app.sign_in_staff("an.desmet").await;
    let seen = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await
        .body["version"]
        .as_i64()
        .unwrap();
    act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "post", "expectedVersion": seen}),
    )
    .await;
    let stale = act(
        &app,
        &staff,
        &reference,
        "cancel",
        json!({"informRequester": false, "expectedVersion": seen}),
    )
    .await;
    stale.assert_problem(409, "conflict");
    assert!(stale.body["detail"]
        .as_str()
        .unwrap()
        .contains("changed by someone else"));
}

#[tokio::test]
async fn claiming_assigning_and_releasing_tasks() {
    let app = TestApp::spawn().await;
    manual_request(&app, "bewijs-van-woonst").await;
    let an = app.sign_in_staff("an.desmet").await;
    let pieter = app.sign_in_staff("pieter.claes").await;
    let task = open_tasks(&app, &an, "all").await[0]["id"]
        .as_i64()
        .unwrap();
    let claim = format!("/api/v1/tasks/{task}/claim");
    let (a, b) = tokio::join!(
        app.call(reqwest::Method::POST, &claim, Some(&an), None),
        app.call(reqwest::Method::POST, &claim, Some(&pieter), None),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let (winner, loser) = if a.status == 200 {
        (&an, &pieter)
    } else {
        (&pieter, &an)
    };
    assert_eq!(open_tasks(&app, winner, "mine").await.len(), 1);
    let reference = open_tasks(&app, &an, "all").await[0]["requestReference"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &an)
        .await;
    let handled = detail.body["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["taskType"] == "handle_request")
        .unwrap()
        .clone();
    assert!(
        handled["assignee"]["name"] == "An De Smet"
            || handled["assignee"]["name"] == "Pieter Claes",
        "{handled}"
    );
    assert!(open_tasks(&app, loser, "mine").await.is_empty());
    assert!(if a.status == 409 { &a } else { &b }.body["detail"]
        .as_str()
        .unwrap()
        .contains("already took"));

    let members = app.get_as("/api/v1/staff-members", &an).await;
    let sofie = members.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Sofie Wouters")
        .unwrap()["id"]
        .clone();
    let assigned = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/tasks/{task}/assign"),
            Some(&an),
            Some(json!({"userId": sofie})),
        )
        .await;
    assert_eq!(assigned.body["assignee"]["name"], "Sofie Wouters");
    assert_eq!(
        open_tasks(&app, &an, "all").await[0]["assignee"]["name"],
        "Sofie Wouters"
    );
    let released = app
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/tasks/{task}/release"),
            Some(&an),
            None,
        )
        .await;
    assert!(released.body["assignee"].is_null());
}

#[tokio::test]
async fn the_police_give_advice_and_the_request_goes_on_to_staff() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "strafregister-596-2", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Jeugdtrainer voetbalclub", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let asked = app.get_as("/api/v1/police/advice-requests", &police).await;
    let item = &asked.body["items"][0];
    assert_eq!(item["reference"], reference.as_str());
    assert_eq!(item["purpose"], "Jeugdtrainer voetbalclub");
    assert!(item["advice"].is_null());
    app.get_as(&format!("/api/v1/requests/{reference}"), &police)
        .await
        .assert_problem(404, "not_found");

    let given = act(
        &app,
        &police,
        &reference,
        "advice",
        json!({"advice": "favourable", "remark": "Geen bezwaar."}),
    )
    .await;
    assert_eq!(given.status.as_u16(), 204, "{}", given.body);
    let answered = app.get_as("/api/v1/police/advice-requests", &police).await;
    assert_eq!(answered.body["items"][0]["advice"], "favourable");

    let staff = app.sign_in_staff("an.desmet").await;
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    assert_eq!(detail.body["status"], "in_progress");
    assert_eq!(detail.body["policeAdvice"], "favourable");
    assert_eq!(detail.body["policeAdviceRemark"], "Geen bezwaar.");
    let tasks = open_tasks(&app, &staff, "all").await;
    assert_eq!(tasks[0]["taskType"], "handle_request");
    let advice = detail.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "advice_given")
        .unwrap();
    assert_eq!(advice["actorRole"], "police");
    assert_eq!(advice["details"]["onBehalfOfPolice"], false);
    // The police cannot advise twice, and learn nothing of the request's state by trying: the
    // answer is the one an unknown reference gets.
    let twice = act(
        &app,
        &police,
        &reference,
        "advice",
        json!({"advice": "unfavourable"}),
    )
    .await;
    twice.assert_problem(404, "not_found");
    let unknown = act(
        &app,
        &police,
        "PA-2026-999999",
        "advice",
        json!({"advice": "favourable"}),
    )
    .await;
    unknown.assert_problem(404, "not_found");
    assert_eq!(twice.body["detail"], unknown.body["detail"]);
}

#[tokio::test]
async fn without_police_advice_in_seven_days_staff_register_it_in_their_name() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reference = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "strafregister-596-2", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Kinderopvang", "language": "nl", "delivery": "digital",
            }),
        )
        .await
        .body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    let early = act(
        &app,
        &staff,
        &reference,
        "advice",
        json!({"advice": "favourable"}),
    )
    .await;
    early.assert_problem(409, "advice_not_due");
    let before = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    assert_eq!(
        before.body["availableActions"],
        json!(["refuse", "cancel"]),
        "no advice action before the deadline"
    );

    app.advance_clock(7 * 86_400 + 60).await;
    // Two instances run their job workers at the same moment: the task is set once.
    let second = app.another_instance();
    let (a, b) = tokio::join!(
        app.client
            .post(format!("{}/api/v1/dev/jobs/run", app.base))
            .json(&json!({}))
            .send(),
        app.client
            .post(format!("{second}/api/v1/dev/jobs/run"))
            .json(&json!({}))
            .send(),
    );
    assert!(a.unwrap().status().is_success() && b.unwrap().status().is_success());
    let staff = app.sign_in_staff("an.desmet").await;
    let tasks = open_tasks(&app, &staff, "all").await;
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(tasks[0]["taskType"], "give_advice");
    let due = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    assert!(due.body["availableActions"]
        .as_array()
        .unwrap()
        .contains(&json!("give_advice")));

    let given = act(
        &app,
        &staff,
        &reference,
        "advice",
        json!({"advice": "unfavourable", "remark": "Telefonisch: negatief."}),
    )
    .await;
    assert_eq!(given.status, 200, "{}", given.body);
    assert_eq!(given.body["policeAdvice"], "unfavourable");
    let entry = given.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["action"] == "advice_given")
        .unwrap()
        .clone();
    assert_eq!(entry["actorName"], "An De Smet");
    assert_eq!(entry["details"]["onBehalfOfPolice"], true);
    let tasks: Vec<String> = open_tasks(&app, &staff, "all")
        .await
        .iter()
        .map(|t| t["taskType"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(tasks, ["handle_request"]);
    let refused = act(
        &app,
        &staff,
        &reference,
        "refuse",
        json!({"reason": "Negatief advies van de politie."}),
    )
    .await;
    assert_eq!(refused.body["status"], "refused");
}

#[tokio::test]
async fn a_deed_added_to_dabs_is_fetched_again_and_delivered() {
    let app = TestApp::spawn().await;
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    let reference = app.submit(Some(&sarah), json!({
        "documentType": "geboorteakte", "forWhom": "myself", "forUse": "belgium", "purpose": "Huwelijk",
        "language": "nl", "delivery": "digital", "deed": {"variant": "extract", "model": "national"},
    })).await.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;

    let missing = act(&app, &staff, &reference, "confirm-deed-added", json!({})).await;
    missing.assert_problem(409, "deed_still_missing");
    assert_eq!(
        open_tasks(&app, &staff, "all").await[0]["taskType"],
        "add_deed",
        "the task stays open"
    );

    let added = app.post("/api/v1/dev/dabs/deeds", json!({
        "reference": "DABS-GEB-1978-777001", "deedType": "birth", "nationalNumbers": [people::SARAH_NO_DEEDS],
        "registeredAt": "1978-09-11", "place": "Lille",
        "details": {"child": "Sarah Dubois", "birthDate": "1978-09-09", "birthPlace": "Lille"},
    })).await;
    assert_eq!(added.status, 201, "{}", added.body);

    let delivered = act(&app, &staff, &reference, "confirm-deed-added", json!({})).await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    assert_eq!(delivered.body["status"], "delivered");
    let pdf = app
        .get_bytes(
            delivered.body["documents"][0]["downloadUrl"]
                .as_str()
                .unwrap(),
            Some(&staff),
        )
        .await;
    let text = lopdf::Document::load_mem(&pdf.bytes)
        .unwrap()
        .extract_text(&[1])
        .unwrap();
    assert!(text.contains("DABS-GEB-1978-777001"), "{text}");
    let history = actions(&delivered.body);
    assert!(
        history.contains(&"deed_still_missing".to_owned())
            && history.contains(&"deed_added".to_owned())
    );
    assert!(app.outbox("sarah.dubois@example.fr").await[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Je document is klaar"));
}

#[tokio::test]
async fn an_anonymous_criminal_record_is_not_delivered_online() {
    let app = TestApp::spawn().await;
    let reference = app.submit(None, json!({
        "documentType": "strafregister-595", "forWhom": "myself", "forUse": "belgium", "purpose": "Werk",
        "language": "nl", "delivery": "counter",
        "requester": {"firstName": "Noah", "lastName": "Claes", "email": "noah@example.be", "birthDate": "2001-06-18"},
    })).await.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    let online = act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "digital", "subjectNationalNumber": people::NOAH}),
    )
    .await;
    online.assert_problem(422, "validation_failed");
    assert_eq!(online.body["invalidParams"][0]["code"], "not_allowed");
    let unknown = act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "counter"}),
    )
    .await;
    assert!(
        unknown.field_error("subjectNationalNumber").is_some(),
        "{}",
        unknown.body
    );
    let counter = act(
        &app,
        &staff,
        &reference,
        "deliver",
        json!({"method": "counter", "subjectNationalNumber": people::NOAH}),
    )
    .await;
    assert_eq!(
        counter.body["status"], "ready_for_pickup",
        "{}",
        counter.body
    );
}

#[tokio::test]
async fn citizens_and_police_cannot_act_as_staff() {
    let app = TestApp::spawn().await;
    let reference = manual_request(&app, "bewijs-van-woonst").await;
    let jan = app.sign_in_citizen(people::JAN).await;
    act(
        &app,
        &jan,
        &reference,
        "deliver",
        json!({"method": "digital"}),
    )
    .await
    .assert_problem(403, "forbidden");
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    act(&app, &police, &reference, "refuse", json!({"reason": "x"}))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn the_inbox_pages_oldest_first_without_repeats() {
    let app = TestApp::spawn().await;
    let mut made = Vec::new();
    for _ in 0..3 {
        made.push(manual_request(&app, "bewijs-van-woonst").await);
        app.advance_clock(60).await;
    }
    let staff = app.sign_in_staff("an.desmet").await;
    let mut seen = Vec::new();
    let mut path = "/api/v1/tasks?view=all&limit=1".to_owned();
    for _ in 0..4 {
        let page = app.get_as(&path, &staff).await;
        assert_eq!(page.body["total"], 3);
        seen.extend(
            page.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["requestReference"].as_str().unwrap().to_owned()),
        );
        match page.body["nextCursor"].as_str() {
            Some(c) => path = format!("/api/v1/tasks?view=all&limit=1&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, made, "each task once, oldest first");
    app.get_as("/api/v1/tasks?cursor=nonsense", &staff)
        .await
        .assert_problem(422, "validation_failed");
}
