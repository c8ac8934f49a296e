//! API clients as an integrator and an admin meet them: the admin registers a client with
//! scopes and document types and sees its secret once; the client gets a token with OAuth 2.0
//! client credentials, submits and reads requests within its scopes and types, is refused the
//! rest with the missing scope named; rotating and revoking secrets, switching a client off
//! and taking a scope away hold at once; every call is in the audit trail under its name.
use crate::helpers::{count, Reply, TestApp};
use base64::Engine;
use reqwest::Method;
use serde_json::{json, Value};

const ADMIN: &str = "lotte.vermeulen";
const STAFF: &str = "an.desmet";

/// A request a citizen portal submits for Noah, who is not signed in to Loket.
fn residence_for_noah() -> Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself",
        "requester": {"firstName": "Noah", "lastName": "Claes", "email": "noah@example.be", "birthDate": "2001-06-18"},
        "forUse": "belgium", "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
    })
}

async fn register(app: &TestApp, admin: &str, body: Value) -> (i64, String, String) {
    let reply = app.post_json_as("/api/v1/clients", admin, body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let client = &reply.body["client"];
    (
        client["id"].as_i64().unwrap(),
        client["clientId"].as_str().unwrap().to_owned(),
        reply.body["clientSecret"].as_str().unwrap().to_owned(),
    )
}

async fn token_reply(app: &TestApp, form: &[(&str, &str)]) -> Reply {
    let response = app
        .client
        .post(format!("{}/oauth/token", app.base))
        .form(form)
        .send()
        .await
        .unwrap();
    TestApp::reply(response).await
}

async fn token(app: &TestApp, client_id: &str, secret: &str) -> String {
    let reply = token_reply(
        app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert_eq!(reply.headers["cache-control"], "no-store");
    reply.body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_integrator_gets_a_token_and_works_within_its_scopes() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let settings = json!({
        "name": "Burgerportaal", "scopes": ["requests:create", "requests:read"],
        "contactEmail": "ict@portaal.example.be",
    });
    let (id, client_id, secret) = register(&app, &admin, settings).await;
    assert!(secret.len() >= 40, "a secret of 256 random bits");
    // Loket keeps a hash only: the secret is nowhere in its database.
    let stored =
        format!("SELECT COUNT(*) AS n FROM api_client_secrets WHERE hash LIKE '%{secret}%'");
    assert_eq!(count(&app.url, &stored), 0);
    let shown = app.get_as(&format!("/api/v1/clients/{id}"), &admin).await;
    assert_eq!(shown.status, 200);
    assert!(!shown.body.to_string().contains(&secret), "shown once only");
    assert_eq!(shown.body["secrets"][0]["hint"], secret[secret.len() - 4..]);

    let portal = token(&app, &client_id, &secret).await;
    let submitted = app
        .call(
            Method::POST,
            "/api/v1/requests",
            Some(&portal),
            Some(residence_for_noah()),
        )
        .await;
    assert_eq!(submitted.status, 201, "{}", submitted.body);
    assert_eq!(submitted.body["submittedVia"], "api");
    assert_eq!(submitted.body["submittedByClient"]["name"], "Burgerportaal");
    assert_eq!(
        submitted.body["submittedByClient"]["clientId"],
        client_id.as_str()
    );
    let reference = submitted.body["reference"].as_str().unwrap().to_owned();
    let read = app
        .get_as(&format!("/api/v1/requests/{reference}"), &portal)
        .await;
    assert_eq!(read.status, 200, "{}", read.body);
    let submitter = &read.body["history"][0];
    assert_eq!(submitter["action"], "submitted");
    assert_eq!(submitter["actorRole"], "client");
    assert_eq!(submitter["actorName"], "Burgerportaal");

    // Outside its scopes: refused, the missing scope named (RFC 6750's challenge too).
    let tasks = app.get_as("/api/v1/tasks", &portal).await;
    tasks.assert_problem(403, "insufficient_scope");
    assert!(tasks.body["detail"]
        .as_str()
        .unwrap()
        .contains("'tasks:act'"));
    let challenge = tasks.headers["www-authenticate"].to_str().unwrap();
    assert!(challenge.contains("error=\"insufficient_scope\"") && challenge.contains("tasks:act"));
    let deliver = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/deliver"),
            &portal,
            json!({"method": "digital"}),
        )
        .await;
    deliver.assert_problem(403, "insufficient_scope");
    // What is for people only is closed to clients whatever their scopes.
    app.get_as("/api/v1/audit/events", &portal)
        .await
        .assert_problem(403, "not_for_api_clients");
    app.get_as("/api/v1/clients", &portal)
        .await
        .assert_problem(403, "not_for_api_clients");
    // Open operations stay open.
    assert_eq!(app.get_as("/api/v1/catalogue", &portal).await.status, 200);
    // A path spelled with percent-escapes is the same operation, and as closed.
    let escaped = app
        .post_json_as(
            &format!("/api/v1/%72equests/{reference}/cancel"),
            &portal,
            json!({"informRequester": false}),
        )
        .await;
    escaped.assert_problem(403, "insufficient_scope");
    app.get_as("/api/v1/%6Aobs/failed", &portal)
        .await
        .assert_problem(403, "not_for_api_clients");
    // Police advice is for the police (or staff in their name), never a machine.
    app.post_json_as(
        &format!("/api/v1/requests/{reference}/advice"),
        &portal,
        json!({"advice": "favourable"}),
    )
    .await
    .assert_problem(403, "not_for_api_clients");
    // Sign-in and sessions are for people: a client's token is no session to end.
    app.post_json_as("/api/v1/auth/logout", &portal, json!({}))
        .await
        .assert_problem(403, "not_for_api_clients");
    let still = app
        .get_as(&format!("/api/v1/requests/{reference}"), &portal)
        .await;
    assert_eq!(still.status, 200);
    assert_eq!(
        still.body["status"], submitted.body["status"],
        "nothing was cancelled"
    );

    // Every call is the client's, in the audit trail.
    let calls = app.audit("api_called");
    assert!(calls.iter().all(|(actor, ..)| actor == "Burgerportaal"));
    let reasons: Vec<String> = calls.iter().filter_map(|(_, r, _)| r.clone()).collect();
    assert!(
        reasons.contains(&"POST /api/v1/requests → 201".to_owned()),
        "{reasons:?}"
    );
    assert!(reasons.contains(&"GET /api/v1/requests/{reference} → 200".to_owned()));
    assert!(reasons.contains(&"GET /api/v1/tasks → 403".to_owned()));
    assert_eq!(app.audit("token_issued").len(), 1);
    assert_eq!(app.audit("client_created")[0].0, "Lotte Vermeulen");
}

#[tokio::test]
async fn the_token_endpoint_speaks_oauth() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let body = json!({"name": "Zaaksysteem", "scopes": ["tasks:act", "search:read"]});
    let (_, client_id, secret) = register(&app, &admin, body).await;
    // HTTP Basic (client_secret_basic), asking for part of its scopes.
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{secret}"));
    let response = app
        .client
        .post(format!("{}/oauth/token", app.base))
        .header("Authorization", format!("Basic {basic}"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "search:read"),
        ])
        .send()
        .await
        .unwrap();
    let reply = TestApp::reply(response).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["scope"], "search:read");
    let narrow = reply.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get_as("/api/v1/search/requests", &narrow).await.status,
        200
    );
    app.get_as("/api/v1/tasks", &narrow)
        .await
        .assert_problem(403, "insufficient_scope");

    let form = |secret: &'static str| {
        vec![
            ("grant_type", "client_credentials"),
            ("client_id", "lk_unknown"),
            ("client_secret", secret),
        ]
    };
    let unknown = token_reply(&app, &form("whatever")).await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.body["error"], "invalid_client");
    let wrong = token_reply(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &client_id),
            ("client_secret", "lks_wrong"),
        ],
    )
    .await;
    assert_eq!(wrong.body["error"], "invalid_client");
    let grant = token_reply(
        &app,
        &[("grant_type", "password"), ("client_id", &client_id)],
    )
    .await;
    assert_eq!(grant.status, 400);
    assert_eq!(grant.body["error"], "unsupported_grant_type");
    let scope = token_reply(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &client_id),
            ("client_secret", &secret),
            ("scope", "requests:create"),
        ],
    )
    .await;
    assert_eq!(scope.status, 400);
    assert_eq!(scope.body["error"], "invalid_scope");

    // A token lasts 15 minutes.
    let token = token(&app, &client_id, &secret).await;
    app.advance_clock(16 * 60).await;
    app.get_as("/api/v1/tasks", &token)
        .await
        .assert_problem(401, "token_expired");
}

#[tokio::test]
async fn rotating_revoking_and_switching_off_hold_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let body = json!({"name": "Zaaksysteem", "scopes": ["tasks:act", "search:read"]});
    let (id, client_id, old) = register(&app, &admin, body).await;
    let old_token = token(&app, &client_id, &old).await;
    // Rotate: a second secret, then the first revoked; its tokens stop at once.
    let added = app
        .post_json_as(&format!("/api/v1/clients/{id}/secrets"), &admin, json!({}))
        .await;
    assert_eq!(added.status, 201, "{}", added.body);
    let new = added.body["clientSecret"].as_str().unwrap().to_owned();
    let new_token = token(&app, &client_id, &new).await;
    let old_id = app
        .get_as(&format!("/api/v1/clients/{id}"), &admin)
        .await
        .body["secrets"][1]["id"]
        .as_i64()
        .unwrap();
    let revoked = app
        .call(
            Method::DELETE,
            &format!("/api/v1/clients/{id}/secrets/{old_id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert!(revoked.body["secrets"][1]["revokedAt"].is_string());
    app.get_as("/api/v1/tasks", &old_token)
        .await
        .assert_problem(401, "invalid_token");
    let again = token_reply(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &client_id),
            ("client_secret", &old),
        ],
    )
    .await;
    assert_eq!(again.body["error"], "invalid_client");
    assert_eq!(app.get_as("/api/v1/tasks", &new_token).await.status, 200);

    // A scope taken away is gone from the tokens already issued.
    let narrower = json!({"name": "Zaaksysteem", "scopes": ["search:read"]});
    let changed = app
        .call(
            Method::PUT,
            &format!("/api/v1/clients/{id}"),
            Some(&admin),
            Some(narrower),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    app.get_as("/api/v1/tasks", &new_token)
        .await
        .assert_problem(403, "insufficient_scope");
    // Switched off: no calls, no tokens.
    let off = json!({"name": "Zaaksysteem", "scopes": ["search:read"], "active": false});
    let changed = app
        .call(
            Method::PUT,
            &format!("/api/v1/clients/{id}"),
            Some(&admin),
            Some(off),
        )
        .await;
    assert_eq!(changed.body["active"], false);
    app.get_as("/api/v1/search/requests", &new_token)
        .await
        .assert_problem(401, "invalid_token");
    let refused = token_reply(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &client_id),
            ("client_secret", &new),
        ],
    )
    .await;
    assert_eq!(refused.status, 401);
    // The refused attempts (the revoked secret, the switched-off client) are on record.
    let refusals: Vec<Option<String>> = app
        .audit("token_refused")
        .into_iter()
        .map(|(actor, reason, _)| {
            assert_eq!(actor, "Zaaksysteem");
            reason
        })
        .collect();
    assert_eq!(
        refusals,
        [
            Some("wrong or revoked secret".to_owned()),
            Some("the client is switched off".to_owned())
        ]
    );
    let actions: Vec<String> = [
        "client_secret_issued",
        "client_secret_revoked",
        "client_changed",
    ]
    .iter()
    .filter(|a| !app.audit(a).is_empty())
    .map(|a| a.to_string())
    .collect();
    assert_eq!(actions.len(), 3, "each change is audited: {actions:?}");
}

#[tokio::test]
async fn a_client_restricted_to_document_types_sees_only_those() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in_staff(ADMIN).await;
    let body = json!({
        "name": "Notariskantoor",
        "scopes": ["requests:create", "requests:read", "search:read", "tasks:act"],
        "documentTypes": ["geboorteakte"],
    });
    let (_, client_id, secret) = register(&app, &admin, body).await;
    let notary = token(&app, &client_id, &secret).await;
    let refused = app
        .call(
            Method::POST,
            "/api/v1/requests",
            Some(&notary),
            Some(residence_for_noah()),
        )
        .await;
    refused.assert_problem(403, "document_type_not_allowed");
    // A request of another type, submitted by a citizen, does not exist for this client.
    let jan = app.sign_in_citizen(crate::helpers::people::JAN).await;
    // For someone else: a task for staff.
    let body = json!({
        "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
        "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": "90112115716"},
        "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
    });
    let citizens = app.submit(Some(&jan), body).await;
    assert_eq!(citizens.status, 201, "{}", citizens.body);
    let reference = citizens.body["reference"].as_str().unwrap();
    app.get_as(&format!("/api/v1/requests/{reference}"), &notary)
        .await
        .assert_problem(404, "not_found");
    let deliver = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/deliver"),
            &notary,
            json!({"method": "digital"}),
        )
        .await;
    assert_eq!(deliver.status, 404, "{}", deliver.body);
    let search = app.get_as("/api/v1/search/requests", &notary).await;
    assert_eq!(search.status, 200, "{}", search.body);
    assert_eq!(search.body["total"], 0, "{}", search.body);
    let asked = app
        .get_as(
            "/api/v1/search/requests?documentType=bewijs-van-woonst",
            &notary,
        )
        .await;
    assert_eq!(asked.body["total"], 0, "{}", asked.body);
    let inbox = app.get_as("/api/v1/tasks", &notary).await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    assert_eq!(inbox.body["total"], 0, "{}", inbox.body);
    // Staff see the request and its task, so there was something to hide.
    let staff = app.sign_in_staff(STAFF).await;
    let theirs = app.get_as("/api/v1/tasks", &staff).await;
    assert!(
        theirs.body["total"].as_i64().unwrap() > 0,
        "{}",
        theirs.body
    );
    let all = app.get_as("/api/v1/search/requests", &staff).await;
    assert!(all.body["total"].as_i64().unwrap() > 0, "{}", all.body);
}

#[tokio::test]
async fn only_an_admin_manages_clients_and_settings_are_checked() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff(STAFF).await;
    let body = json!({"name": "X", "scopes": ["requests:read"]});
    app.post_json_as("/api/v1/clients", &staff, body)
        .await
        .assert_problem(403, "forbidden");
    let admin = app.sign_in_staff(ADMIN).await;
    let bad =
        json!({"name": " ", "scopes": [], "documentTypes": ["geen-type"], "contactEmail": "nope"});
    let reply = app.post_json_as("/api/v1/clients", &admin, bad).await;
    reply.assert_problem(422, "validation_failed");
    for field in ["name", "scopes", "documentTypes", "contactEmail"] {
        assert!(
            reply.field_error(field).is_some(),
            "{field}: {}",
            reply.body
        );
    }
    let none = json!({"name": "X", "scopes": ["requests:read"], "documentTypes": []});
    let reply = app.post_json_as("/api/v1/clients", &admin, none).await;
    reply.assert_problem(422, "validation_failed");
    assert!(
        reply.field_error("documentTypes").is_some(),
        "[] is not every type"
    );
    let unknown = json!({"name": "X", "scopes": ["admin"]});
    assert_eq!(
        app.post_json_as("/api/v1/clients", &admin, unknown)
            .await
            .status,
        422
    );
    assert_eq!(count(&app.url, "SELECT COUNT(*) AS n FROM api_clients"), 0);
}

#[tokio::test]
async fn a_client_submitting_in_a_loop_is_held_back_and_others_are_not() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = loket::rate_limit::RateLimitSettings {
            client_submit_per_minute: 2,
            ..loket::rate_limit::RateLimitSettings::GENEROUS
        }
    })
    .await;
    let admin = app.sign_in_staff(ADMIN).await;
    let scopes = json!({"name": "Portaal", "scopes": ["requests:create"]});
    let (_, id, secret) = register(&app, &admin, scopes.clone()).await;
    let (_, other_id, other_secret) = register(&app, &admin, scopes).await;
    let portal = token(&app, &id, &secret).await;
    let other = token(&app, &other_id, &other_secret).await;
    let submit = |token: String, purpose: &'static str| {
        let mut body = residence_for_noah();
        body["purpose"] = json!(purpose);
        let app = &app;
        async move {
            app.call(Method::POST, "/api/v1/requests", Some(&token), Some(body))
                .await
        }
    };
    for purpose in ["Eén", "Twee"] {
        assert_eq!(submit(portal.clone(), purpose).await.status, 201);
    }
    let held = submit(portal.clone(), "Drie").await;
    held.assert_problem(429, "rate_limited");
    assert!(held.headers.contains_key("retry-after"));
    assert_eq!(submit(other, "Vier").await.status, 201);
    let stored = "SELECT COUNT(*) AS n FROM requests WHERE purpose = 'Drie'";
    assert_eq!(
        count(&app.url, stored),
        0,
        "nothing is stored past the limit"
    );
}
