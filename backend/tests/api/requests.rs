use crate::helpers::{people, TestApp};
use serde_json::{json, Value};

fn body(document_type: &str) -> Value {
    json!({
        "documentType": document_type,
        "forWhom": "myself",
        "forUse": "belgium",
        "purpose": "Huurcontract",
        "language": "nl",
        "delivery": "digital",
    })
}

fn deed() -> Value {
    json!({"variant": "extract", "model": "national"})
}

fn reasons(reply: &Value) -> Vec<String> {
    reply["manualReasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text in the PDF")
}

/// The whole truth table through the API: signed in or not × for self or someone else ×
/// Belgium or abroad × a type that allows automatic or never does × no deed, deed in DABS,
/// deed missing. Every combination is automatic exactly when all rules hold.
#[tokio::test]
async fn the_decision_follows_every_rule_combination() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    // (document type, deed expected found for Jan/Els, whose deed is missing: Sarah)
    let types = [
        "bewijs-van-woonst",
        "strafregister-596-2",
        "geboorteakte/found",
        "geboorteakte/missing",
    ];
    let mut checked = 0;
    for signed_in in [true, false] {
        for for_self in [true, false] {
            for abroad in [false, true] {
                for kind in types {
                    let (code, deed_missing) = match kind.split_once('/') {
                        Some((code, state)) => (code, Some(state == "missing")),
                        None => (kind, None),
                    };
                    // The person the deed is about has it in DABS (Jan, Els) or not (Sarah).
                    let (token, me, other) = if deed_missing == Some(true) {
                        (&sarah, people::SARAH_NO_DEEDS, people::SARAH_NO_DEEDS)
                    } else {
                        (&jan, people::JAN, people::ELS)
                    };
                    let mut request = body(code);
                    if abroad {
                        request["forUse"] = json!("abroad");
                        request["destinationCountry"] = json!("FR");
                    }
                    if deed_missing.is_some() {
                        request["deed"] = deed();
                    }
                    if !for_self {
                        request["forWhom"] = json!("someone_else");
                        request["subject"] = json!({"firstName": "Ander", "lastName": "Persoon", "nationalNumber": other});
                        if deed_missing == Some(true) {
                            // Someone else whose deed is missing: the requester is Jan.
                            request["subject"]["nationalNumber"] = json!(people::SARAH_NO_DEEDS);
                        }
                    }
                    if !signed_in {
                        request["requester"] = json!({
                            "firstName": "Anoniem", "lastName": "Aanvrager", "email": "anoniem@example.be",
                            "nationalNumber": if for_self { me } else { people::JAN },
                        });
                    }
                    let submit_as = if !signed_in {
                        None
                    } else if !for_self && deed_missing == Some(true) {
                        Some(jan.as_str())
                    } else {
                        Some(token.as_str())
                    };
                    let reply = app.submit(submit_as, request.clone()).await;
                    assert_eq!(reply.status, 201, "{request} → {}", reply.body);

                    let mut expected = Vec::new();
                    if !signed_in {
                        expected.push("not_signed_in");
                    }
                    if !for_self {
                        expected.push("for_someone_else");
                    }
                    if abroad {
                        expected.push("abroad");
                    }
                    if code == "strafregister-596-2" {
                        expected.push("type_never_automatic");
                    }
                    if deed_missing == Some(true) {
                        expected.push("deed_not_in_dabs");
                    }
                    assert_eq!(reasons(&reply.body), expected, "{request}");
                    let automatic = expected.is_empty();
                    assert_eq!(
                        reply.body["processing"],
                        if automatic { "automatic" } else { "manual" },
                        "{request}"
                    );
                    let status = if automatic {
                        "delivered"
                    } else if code == "strafregister-596-2" {
                        "awaiting_police_advice"
                    } else if deed_missing == Some(true) {
                        "awaiting_deed"
                    } else {
                        "in_progress"
                    };
                    assert_eq!(reply.body["status"], status, "{request}");
                    assert_eq!(
                        reply.body["documents"].as_array().unwrap().len(),
                        usize::from(automatic),
                        "{request}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 32);
}

#[tokio::test]
async fn an_automatic_request_yields_a_real_pdf_an_email_link_and_an_ebox_message() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), body("bewijs-van-woonst")).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    assert!(
        reference.starts_with("PA-20") && reference.len() == 14,
        "{reference}"
    );
    assert_eq!(
        reply.headers["location"],
        format!("/api/v1/requests/{reference}")
    );
    assert_eq!(reply.body["status"], "delivered");

    // The document, read back.
    let document = &reply.body["documents"][0];
    let pdf = app
        .get_bytes(document["downloadUrl"].as_str().unwrap(), Some(&jan))
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    let text = pdf_text(&pdf.bytes);
    assert!(text.contains("Jan Pieter Peeters"), "{text}");
    assert!(text.contains(&reference), "{text}");
    assert!(text.contains("Kerkstraat 12"), "{text}");
    assert!(text.contains("Gemeente Voorbeeldegem"), "{text}");
    assert!(
        text.contains(document["verificationCode"].as_str().unwrap()),
        "{text}"
    );

    // The e-mail with a link that works for three months.
    let emails = app.outbox("jan.peeters@example.be").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(
        emails[0]["subject"],
        format!("Je document is klaar: Bewijs van woonst ({reference})")
    );
    assert_eq!(
        emails[0]["status"], "kept",
        "no SMTP configured: kept in the outbox"
    );
    let body = emails[0]["body"].as_str().unwrap();
    let token = body
        .split("/download/")
        .nth(1)
        .unwrap()
        // The link ends at white space or at its `?lang=`.
        .split(|c: char| c.is_whitespace() || c == '?')
        .next()
        .unwrap();
    let info = app.get(&format!("/api/v1/downloads/{token}")).await;
    assert_eq!(info.status, 200);
    assert_eq!(info.body["reference"], reference.as_str());
    assert_eq!(info.body["requiresSignIn"], false);
    let file = app
        .get_bytes(&format!("/api/v1/downloads/{token}/file"), None)
        .await;
    assert_eq!(file.status, 200);
    assert!(file.bytes.starts_with(b"%PDF-"));

    // My eBox has it.
    let ebox = app.get_as("/api/v1/dev/ebox", &jan).await;
    let items = ebox.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0]["subject"].as_str().unwrap().contains(&reference));

    // The history tells the whole story.
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    let actions: Vec<&str> = detail.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "submitted",
            "processed_automatically",
            "email_sent",
            "delivered_to_ebox"
        ]
    );

    // After three months the link answers clearly that it expired.
    app.advance_clock(93 * 86_400).await;
    let expired = app.get(&format!("/api/v1/downloads/{token}")).await;
    expired.assert_problem(410, "link_expired");
    assert!(expired.body["detail"]
        .as_str()
        .unwrap()
        .contains("three months"));
    app.get_bytes(&format!("/api/v1/downloads/{token}/file"), None)
        .await
        .assert_problem(410, "link_expired");
}

#[tokio::test]
async fn a_criminal_record_is_never_emailed_and_its_link_needs_the_persons_sign_in() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), body("strafregister-595")).await;
    assert_eq!(reply.body["processing"], "automatic");
    let email = &app.outbox("jan.peeters@example.be").await[0];
    let text = email["body"].as_str().unwrap();
    assert!(text.contains("Meld je aan"), "{text}");
    assert!(
        !text.contains("Geen veroordelingen"),
        "the content is never in the e-mail"
    );
    let token = text
        .split("/download/")
        .nth(1)
        .unwrap()
        // The link ends at white space or at its `?lang=`.
        .split(|c: char| c.is_whitespace() || c == '?')
        .next()
        .unwrap();
    let info = app.get(&format!("/api/v1/downloads/{token}")).await;
    assert_eq!(info.body["requiresSignIn"], true);
    let path = format!("/api/v1/downloads/{token}/file");
    app.get_bytes(&path, None)
        .await
        .assert_problem(401, "unauthenticated");
    let els = app.sign_in_citizen(people::ELS).await;
    app.get_bytes(&path, Some(&els))
        .await
        .assert_problem(403, "forbidden");
    let own = app.get_bytes(&path, Some(&jan)).await;
    assert_eq!(own.status, 200);
    assert!(pdf_text(&own.bytes).contains("Geen veroordelingen"));
}

#[tokio::test]
async fn a_request_for_someone_else_goes_to_staff_with_an_acknowledgement() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let mut request = body("samenstelling-van-het-gezin");
    request["forWhom"] = json!("someone_else");
    request["subject"] =
        json!({"firstName": "Els", "lastName": "Janssens", "nationalNumber": "87.02.14-124.36"});
    let reply = app.submit(Some(&jan), request).await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.body["status"], "in_progress");
    assert_eq!(reply.body["subject"]["nationalNumber"], people::ELS);
    assert_eq!(reply.body["documents"].as_array().unwrap().len(), 0);
    let reference = reply.body["reference"].as_str().unwrap();

    let email = &app.outbox("jan.peeters@example.be").await[0];
    assert_eq!(
        email["subject"],
        format!("Ontvangstbevestiging van je aanvraag {reference}")
    );
    assert!(email["body"]
        .as_str()
        .unwrap()
        .contains("Een medewerker behandelt je aanvraag"));

    // Staff see the open task and the parked "Annuleren" task.
    let staff = app.sign_in_staff("an.desmet").await;
    let open = app.get_as("/api/v1/tasks?view=all", &staff).await;
    assert_eq!(open.body["total"], 1);
    assert_eq!(open.body["items"][0]["requestReference"], reference);
    assert_eq!(open.body["items"][0]["taskType"], "handle_request");
    assert_eq!(open.body["items"][0]["requesterName"], "Jan Peeters");
    let parked = app.get_as("/api/v1/tasks?view=parked", &staff).await;
    assert_eq!(parked.body["items"][0]["taskType"], "cancel_request");
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    let tasks: Vec<&str> = detail.body["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["taskType"].as_str().unwrap())
        .collect();
    assert_eq!(tasks, ["cancel_request", "handle_request"]);
}

#[tokio::test]
async fn an_anonymous_request_works_and_is_never_automatic() {
    let app = TestApp::spawn().await;
    let mut request = body("bewijs-van-woonst");
    request["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": "lies@example.be", "birthDate": "1990-04-02"});
    let reply = app.submit(None, request).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reasons(&reply.body), ["not_signed_in"]);
    assert_eq!(reply.body["requester"]["signedIn"], false);
    assert_eq!(reply.body["subject"]["name"], "Lies Maes");
    let mails = app.outbox("lies@example.be").await;
    let templates: Vec<&str> = mails
        .iter()
        .map(|m| m["template"].as_str().unwrap())
        .collect();
    assert_eq!(
        templates,
        ["acknowledgement", "confirm_request"],
        "newest first"
    );
}

#[tokio::test]
async fn an_anonymous_request_waits_for_its_e_mail_confirmation() {
    let app = TestApp::spawn().await;
    let mut request = body("strafregister-595");
    request["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": "lies.maes@example.be", "birthDate": "1990-04-02"});
    let held = app.submit_unconfirmed(request.clone()).await;
    assert_eq!(held.status, 202, "{}", held.body);
    assert_eq!(held.body["status"], "awaiting_confirmation");
    assert_eq!(held.body["email"], "l***@example.be");
    assert!(held.body.get("reference").is_none(), "no request yet");
    let mails = app.outbox("lies.maes@example.be").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["template"], "confirm_request");
    assert!(mails[0]["body"].as_str().unwrap().contains("24 uur"));
    // Staff see nothing yet: no task, no search hit.
    let an = app.sign_in_staff("an.desmet").await;
    assert_eq!(
        app.get_as("/api/v1/tasks?view=all", &an).await.body["total"],
        0
    );
    assert_eq!(
        app.get_as("/api/v1/search/requests", &an).await.body["total"],
        0
    );

    let token = app.confirmation_token("lies.maes@example.be").await;
    app.post("/api/v1/confirmations/not-a-token", json!({}))
        .await
        .assert_problem(404, "confirmation_unknown");
    let confirmed = app
        .post(&format!("/api/v1/confirmations/{token}"), json!({}))
        .await;
    assert_eq!(confirmed.status, 201, "{}", confirmed.body);
    let reference = confirmed.body["reference"].as_str().unwrap().to_owned();
    assert!(confirmed.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["action"] == "confirmed_by_email"));
    assert_eq!(
        app.get_as("/api/v1/tasks?view=all", &an).await.body["total"],
        1
    );
    // The link again (a second click, a mail scanner): the same request, not a second one.
    let again = app
        .post(&format!("/api/v1/confirmations/{token}"), json!({}))
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["reference"], reference.as_str());
    assert_eq!(
        app.get_as("/api/v1/search/requests", &an).await.body["total"],
        1
    );
    let history: Vec<String> = again.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        history
            .iter()
            .filter(|a| *a == "confirmed_by_email")
            .count(),
        1
    );
    let submitted = history.iter().position(|a| a == "submitted").unwrap();
    let confirmed = history
        .iter()
        .position(|a| a == "confirmed_by_email")
        .unwrap();
    assert!(submitted < confirmed, "{history:?}");
    // A day later the link is no key to the request any more.
    app.advance_clock(24 * 3600 + 60).await;
    app.post(&format!("/api/v1/confirmations/{token}"), json!({}))
        .await
        .assert_problem(410, "confirmation_expired");
}

#[tokio::test]
async fn an_unconfirmed_request_expires_after_a_day_and_is_forgotten() {
    let app = TestApp::spawn().await;
    let mut request = body("strafregister-595");
    request["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": "lies.maes@example.be", "birthDate": "1990-04-02"});
    assert_eq!(app.submit_unconfirmed(request).await.status, 202);
    let token = app.confirmation_token("lies.maes@example.be").await;
    app.advance_clock(24 * 3600 + 60).await;
    app.post(&format!("/api/v1/confirmations/{token}"), json!({}))
        .await
        .assert_problem(410, "confirmation_expired");
    app.run_jobs().await;
    assert_eq!(
        crate::helpers::count(&app.url, "SELECT COUNT(*) AS n FROM pending_requests"),
        0
    );
    app.post(&format!("/api/v1/confirmations/{token}"), json!({}))
        .await
        .assert_problem(404, "confirmation_unknown");
    let an = app.sign_in_staff("an.desmet").await;
    assert_eq!(
        app.get_as("/api/v1/search/requests", &an).await.body["total"],
        0
    );
}

#[tokio::test]
async fn model_596_2_asks_the_police_and_sets_a_task_after_seven_days() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), body("strafregister-596-2")).await;
    assert_eq!(reply.body["status"], "awaiting_police_advice");
    assert_eq!(reply.body["policeAdviceRequired"], true);
    let actions: Vec<&str> = reply.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"police_advice_requested"), "{actions:?}");

    let open_tasks = || async {
        let staff = app.sign_in_staff("an.desmet").await;
        app.get_as("/api/v1/tasks?view=all", &staff).await
    };
    assert_eq!(open_tasks().await.body["total"], 0, "no staff task yet");
    app.advance_clock(6 * 86_400).await;
    app.run_jobs().await;
    assert_eq!(open_tasks().await.body["total"], 0, "still within 7 days");
    app.advance_clock(2 * 86_400).await;
    app.run_jobs().await;
    let tasks = open_tasks().await;
    assert_eq!(tasks.body["total"], 1);
    assert_eq!(tasks.body["items"][0]["taskType"], "give_advice");
    assert_eq!(app.run_jobs().await, 0, "the deadline runs once");
    assert_eq!(open_tasks().await.body["total"], 1);
}

#[tokio::test]
async fn a_deed_missing_in_dabs_creates_the_task_to_add_it() {
    let app = TestApp::spawn().await;
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    let mut request = body("geboorteakte");
    request["deed"] =
        json!({"variant": "full_copy", "model": "multilingual", "eventPlace": "Lille"});
    let reply = app.submit(Some(&sarah), request).await;
    assert_eq!(reply.body["status"], "awaiting_deed");
    assert_eq!(reasons(&reply.body), ["deed_not_in_dabs"]);
    assert_eq!(reply.body["deed"]["model"], "multilingual");
    let staff = app.sign_in_staff("an.desmet").await;
    let tasks = app.get_as("/api/v1/tasks?view=all", &staff).await;
    assert_eq!(tasks.body["items"][0]["taskType"], "add_deed");
}

#[tokio::test]
async fn a_deed_in_dabs_is_delivered_from_its_data() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let mut request = body("huwelijksakte");
    request["deed"] = json!({"variant": "extract", "model": "national"});
    let reply = app.submit(Some(&jan), request).await;
    assert_eq!(reply.body["processing"], "automatic", "{}", reply.body);
    let pdf = app
        .get_bytes(
            reply.body["documents"][0]["downloadUrl"].as_str().unwrap(),
            Some(&jan),
        )
        .await;
    let text = pdf_text(&pdf.bytes);
    assert!(text.contains("DABS-HUW-2013-000342"), "{text}");
    assert!(text.contains("Els Janssens"), "{text}");
}

#[tokio::test]
async fn the_same_idempotency_key_creates_one_request() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let send = || {
        app.client
            .post(format!("{}/api/v1/requests", app.base))
            .bearer_auth(&jan)
            .header("Idempotency-Key", "draft-42")
            .header("X-Loket-Channel", "web")
            .json(&body("attest-van-leven"))
            .send()
    };
    let first = TestApp::reply(send().await.unwrap()).await;
    let second = TestApp::reply(send().await.unwrap()).await;
    assert_eq!(first.status, 201);
    assert_eq!(second.status, 200);
    assert_eq!(first.body["reference"], second.body["reference"]);
    assert_eq!(first.body["submittedVia"], "web");
    let own = app.get_as("/api/v1/requests", &jan).await;
    assert_eq!(own.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.outbox("jan.peeters@example.be").await.len(),
        1,
        "one e-mail too"
    );
}

/// Submits with an Idempotency-Key; `token` None submits anonymously.
async fn submit_with_key(
    app: &TestApp,
    token: Option<&str>,
    key: &str,
    body: &Value,
) -> crate::helpers::Reply {
    let mut request = app
        .client
        .post(format!("{}/api/v1/requests", app.base))
        .header("Idempotency-Key", key)
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    TestApp::reply(request.send().await.unwrap()).await
}

#[tokio::test]
async fn an_idempotency_key_only_replays_for_the_one_who_used_it_with_the_same_answers() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let els = app.sign_in_citizen(people::ELS).await;
    let first = submit_with_key(&app, Some(&jan), "key-1", &body("attest-van-leven")).await;
    assert_eq!(first.status, 201);
    let reference = first.body["reference"].as_str().unwrap().to_owned();

    // Someone else with the same key learns nothing of Jan's request.
    let stolen = submit_with_key(&app, Some(&els), "key-1", &body("attest-van-leven")).await;
    stolen.assert_problem(409, "idempotency_key_reused");
    let text = String::from_utf8_lossy(&stolen.bytes);
    assert!(
        !text.contains(&reference) && !text.contains("Peeters"),
        "{text}"
    );
    let anonymous = submit_with_key(&app, None, "key-1", &{
        let mut b = body("attest-van-leven");
        b["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": "jan.peeters@example.be", "birthDate": "1990-04-02"});
        b
    })
    .await;
    anonymous.assert_problem(409, "idempotency_key_reused");
    // Jan himself with other answers: refused too, not silently the old request.
    let changed = submit_with_key(&app, Some(&jan), "key-1", &body("nationaliteitsbewijs")).await;
    changed.assert_problem(409, "idempotency_key_reused");
    assert_eq!(
        app.get_as("/api/v1/requests", &jan).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Anonymous callers replay with the key and exactly the same body.
    let mut anon = body("strafregister-595");
    anon["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": "lies@example.be", "birthDate": "1990-04-02"});
    let held = submit_with_key(&app, None, "anon-1", &anon).await;
    assert_eq!(held.status, 202, "{}", held.body);
    // A retry before confirming: the same wait, no second link.
    let retried = submit_with_key(&app, None, "anon-1", &anon).await;
    assert_eq!(retried.status, 202);
    assert_eq!(retried.body["expiresAt"], held.body["expiresAt"]);
    let links = app
        .outbox("lies@example.be")
        .await
        .iter()
        .filter(|m| m["template"] == "confirm_request")
        .count();
    assert_eq!(links, 1);
    let mut other = anon.clone();
    other["purpose"] = json!("Iets anders");
    submit_with_key(&app, None, "anon-1", &other)
        .await
        .assert_problem(409, "idempotency_key_reused");
    let made = app.confirm("lies@example.be").await;
    assert_eq!(made.status, 201, "{}", made.body);
    let again = submit_with_key(&app, None, "anon-1", &anon).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["reference"], made.body["reference"]);
    anon["purpose"] = json!("Iets anders");
    submit_with_key(&app, None, "anon-1", &anon)
        .await
        .assert_problem(409, "idempotency_key_reused");
}

#[tokio::test]
async fn field_errors_name_every_field_to_fix() {
    let app = TestApp::spawn().await;
    let request = json!({
        "documentType": "geboorteakte",
        "forWhom": "someone_else",
        "subject": {"firstName": "", "lastName": "Peeters", "nationalNumber": "12345678901"},
        "requester": {"firstName": "A", "lastName": "B", "email": "not-an-address"},
        "forUse": "abroad",
        "purpose": " ",
        "language": "nl",
        "delivery": "post",
    });
    let reply = app.submit(None, request).await;
    reply.assert_problem(422, "validation_failed");
    let mut names: Vec<&str> = reply.body["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "deed",
            "destinationCountry",
            "purpose",
            "requester.email",
            "subject.firstName",
            "subject.nationalNumber"
        ]
    );
    let code = |name: &str| {
        reply.body["invalidParams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["code"]
            .clone()
    };
    assert_eq!(code("requester.email"), "invalid_email");
    assert_eq!(code("subject.nationalNumber"), "invalid_national_number");
    assert_eq!(code("purpose"), "required");

    let unknown = app.submit(None, body("paspoort")).await;
    unknown.assert_problem(422, "validation_failed");
    assert!(unknown.field_error("documentType").is_some());
    let anonymous = app.submit(None, body("bewijs-van-woonst")).await;
    assert!(
        anonymous.field_error("requester").is_some(),
        "anonymous requests say who asks"
    );
    let wrong_enum = app
        .submit(None, json!({"documentType": "x", "forWhom": "cat"}))
        .await;
    assert!(
        wrong_enum.field_error("forWhom").is_some(),
        "{}",
        wrong_enum.body
    );
}

#[tokio::test]
async fn citizens_see_only_their_own_requests_and_staff_see_all() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let els = app.sign_in_citizen(people::ELS).await;
    let reference = app
        .submit(Some(&jan), body("nationaliteitsbewijs"))
        .await
        .body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let mine = app.get_as("/api/v1/requests", &jan).await;
    assert_eq!(mine.body["items"][0]["reference"], reference.as_str());
    assert_eq!(
        mine.body["items"][0]["documentTypeName"],
        "Nationaliteitsbewijs"
    );
    assert_eq!(
        app.get_as("/api/v1/requests", &els).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    app.get_as(&format!("/api/v1/requests/{reference}"), &els)
        .await
        .assert_problem(404, "not_found");
    let staff = app.sign_in_staff("pieter.claes").await;
    assert_eq!(
        app.get_as(&format!("/api/v1/requests/{reference}"), &staff)
            .await
            .status,
        200
    );
    app.get("/api/v1/requests")
        .await
        .assert_problem(401, "unauthenticated");
    app.get_as("/api/v1/tasks", &jan)
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn the_prefill_comes_from_the_national_register() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let prefill = app.get_as("/api/v1/me/prefill", &jan).await;
    assert_eq!(prefill.body["firstNames"], "Jan Pieter");
    assert_eq!(prefill.body["address"], "Kerkstraat 12, 9999 Voorbeeldegem");
    assert_eq!(prefill.body["email"], "jan.peeters@example.be");
}

#[tokio::test]
async fn anyone_can_verify_a_document_without_seeing_it() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), body("bewijs-van-woonst")).await;
    let code = reply.body["documents"][0]["verificationCode"]
        .as_str()
        .unwrap()
        .to_owned();
    let sloppy = code.to_lowercase().replace('-', "");
    let verified = app.get(&format!("/api/v1/verify/{sloppy}")).await;
    assert_eq!(verified.status, 200);
    assert_eq!(verified.body["code"], code.as_str());
    assert_eq!(verified.body["status"], "valid");
    assert_eq!(verified.body["issuedTo"], "Jan P.");
    assert_eq!(verified.body["documentTitle"], "Bewijs van woonst");
    assert!(
        verified.body.get("content").is_none() && !verified.body.to_string().contains("Kerkstraat")
    );
    app.get("/api/v1/verify/AAAA-BBBB-CCCC-DDDD")
        .await
        .assert_problem(404, "unknown_verification_code");
    app.advance_clock(93 * 86_400).await;
    assert_eq!(
        app.get(&format!("/api/v1/verify/{code}")).await.body["status"],
        "expired"
    );
}
