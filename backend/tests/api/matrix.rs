//! The authorization matrix: every operation of the OpenAPI document, called as six people,
//! with what each may do. A new operation without a row here fails the test.
//!
//! Columns: anonymous, citizen A (Jan, who made the requests), citizen B (Els), staff (An),
//! police, admin (Lotte), an API client with every scope (OAuth 2.0 client credentials). Letters: `A` allowed (the call got past authorization: 2xx, 3xx, or
//! a 400/409/410/422 about the request itself), `U` 401 sign in first, `F` 403 not for your
//! role, `N` 404 (it is hidden: as if it did not exist). A 5xx is always a failure.
use crate::helpers::{people, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const MATRIX: &[(&str, &str, &str)] = &[
    ("GET", "/api/health", "AAAAAAA"),
    ("GET", "/api/v1/audit/events", "UFFFFAF"),
    ("GET", "/api/v1/audit/events/export", "UFFFFAF"),
    ("GET", "/api/v1/auth/callback", "AAAAAAF"),
    ("GET", "/api/v1/auth/citizen/login", "AAAAAAF"),
    ("GET", "/api/v1/auth/federal/means", "AAAAAAF"),
    ("POST", "/api/v1/auth/logout", "AAAAAAF"),
    ("GET", "/api/v1/auth/session", "AAAAAAF"),
    ("GET", "/api/v1/auth/staff/login", "AAAAAAF"),
    ("GET", "/api/v1/catalogue", "AAAAAAA"),
    ("POST", "/api/v1/confirmations/{token}", "AAAAAAA"),
    ("GET", "/api/v1/countries", "AAAAAAA"),
    // Demo mode only (absent in production, see `production`): the mock systems' helpers.
    ("GET", "/api/v1/dev/clock", "AAAAAAA"),
    ("PUT", "/api/v1/dev/clock", "AAAAAAA"),
    ("POST", "/api/v1/dev/clock/advance", "AAAAAAA"),
    ("GET", "/api/v1/dev/dabs/deeds", "AAAAAAA"),
    ("POST", "/api/v1/dev/dabs/deeds", "AAAAAAA"),
    ("GET", "/api/v1/dev/ebox", "UAAFFFF"),
    ("POST", "/api/v1/dev/jobs/run", "AAAAAAA"),
    ("GET", "/api/v1/dev/outages", "AAAAAAA"),
    ("PUT", "/api/v1/dev/outages", "AAAAAAA"),
    ("GET", "/api/v1/dev/outbox", "AAAAAAA"),
    ("POST", "/api/v1/dev/token", "AAAAAAA"),
    ("GET", "/api/v1/document-types", "AAAAAAA"),
    ("GET", "/api/v1/document-types/{code}", "AAAAAAA"),
    ("GET", "/api/v1/downloads/{token}", "AAAAAAA"),
    ("GET", "/api/v1/downloads/{token}/file", "AAAAAAA"),
    ("GET", "/api/v1/jobs/failed", "UFFAFAF"),
    // No job 999999: staff and admins pass authorization and are told it does not exist.
    ("POST", "/api/v1/jobs/{id}/retry", "UFFNFNF"),
    ("GET", "/api/v1/me", "UAAAAAF"),
    ("GET", "/api/v1/me/prefill", "UAAFFFF"),
    ("GET", "/api/v1/police/advice-requests", "UFFFAFF"),
    ("GET", "/api/v1/requests", "UAAFFFF"),
    ("POST", "/api/v1/requests", "AAAFFFA"),
    ("GET", "/api/v1/requests/{reference}", "UANANAA"),
    ("POST", "/api/v1/requests/{reference}/advice", "UFFANAF"),
    ("POST", "/api/v1/requests/{reference}/cancel", "UFFAFAA"),
    (
        "POST",
        "/api/v1/requests/{reference}/confirm-deed-added",
        "UFFAFAA",
    ),
    (
        "POST",
        "/api/v1/requests/{reference}/confirm-pickup",
        "UFFAFAA",
    ),
    (
        "POST",
        "/api/v1/requests/{reference}/confirm-shipment",
        "UFFAFAA",
    ),
    ("POST", "/api/v1/requests/{reference}/deliver", "UFFAFAA"),
    (
        "GET",
        "/api/v1/requests/{reference}/documents/{id}",
        "UANANAA",
    ),
    ("POST", "/api/v1/requests/{reference}/refuse", "UFFAFAA"),
    ("POST", "/api/v1/search/exports", "UFFAFAA"),
    ("GET", "/api/v1/search/exports/{id}", "UFFAFNN"),
    ("GET", "/api/v1/search/exports/{id}/file", "UFFAFNN"),
    ("GET", "/api/v1/search/filters", "UFFAFAF"),
    ("POST", "/api/v1/search/filters", "UFFAFAF"),
    ("PUT", "/api/v1/search/filters/{id}", "UFFAFNF"),
    ("DELETE", "/api/v1/search/filters/{id}", "UFFAFNF"),
    ("GET", "/api/v1/search/requests", "UFFAFAA"),
    ("GET", "/api/v1/staff-members", "UFFAFAA"),
    ("GET", "/api/v1/tasks", "UFFAFAA"),
    ("POST", "/api/v1/tasks/{id}/assign", "UFFAFAA"),
    ("POST", "/api/v1/tasks/{id}/claim", "UFFAFAA"),
    ("POST", "/api/v1/tasks/{id}/release", "UFFAFAA"),
    ("GET", "/api/v1/verify/{code}", "AAAAAAA"),
    // Its body here is JSON, not a PDF: 415, past authorization.
    ("POST", "/api/v1/verify/{code}/document", "AAAAAAA"),
    // Webhooks: an admin manages every client's (API clients their own); no subscription
    // {id}: the admin is told it does not exist.
    ("GET", "/api/v1/webhooks", "UFFFFAA"),
    ("POST", "/api/v1/webhooks", "UFFFFAA"),
    ("GET", "/api/v1/webhooks/{id}", "UFFFFNN"),
    ("PATCH", "/api/v1/webhooks/{id}", "UFFFFNN"),
    ("DELETE", "/api/v1/webhooks/{id}", "UFFFFNN"),
    ("GET", "/api/v1/webhooks/{id}/deliveries", "UFFFFNN"),
    (
        "POST",
        "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay",
        "UFFFFNN",
    ),
    ("POST", "/api/v1/webhooks/{id}/secret", "UFFFFNN"),
    // API clients: admins register them; anyone may ask for a token (this body is no valid
    // token request: 400, past authorization). No client 999999: the admin is told so.
    ("GET", "/api/v1/clients", "UFFFFAF"),
    ("POST", "/api/v1/clients", "UFFFFAF"),
    ("GET", "/api/v1/clients/{id}", "UFFFFNF"),
    ("PUT", "/api/v1/clients/{id}", "UFFFFNF"),
    ("POST", "/api/v1/clients/{id}/secrets", "UFFFFNF"),
    (
        "DELETE",
        "/api/v1/clients/{id}/secrets/{secretId}",
        "UFFFFNF",
    ),
    ("POST", "/oauth/token", "AAAAAAA"),
];

const ROLES: [&str; 7] = [
    "anonymous",
    "citizen A",
    "citizen B",
    "staff",
    "police",
    "admin",
    "API client",
];

/// What the calls need: a request of Jan's for someone else (manual, with a task), one of his
/// own with a document, its download token and verification code, a filter and an export of
/// An's.
struct Fixtures {
    manual: String,
    automatic: String,
    document: i64,
    token: String,
    code: String,
    task: i64,
    filter: i64,
    export: String,
    confirmation: String,
}

async fn fixtures(app: &TestApp) -> Fixtures {
    let jan = app.sign_in_citizen(people::JAN).await;
    let manual = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
                "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": "90112115716"},
                "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
            }),
        )
        .await;
    let automatic = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    let document = &automatic.body["documents"][0];
    let token = app
        .emailed_token("jan.peeters@example.be", "/download/")
        .await;
    let an = app.sign_in_staff("an.desmet").await;
    let tasks = app.get_as("/api/v1/tasks?view=all", &an).await;
    let filter = app
        .post_json_as(
            "/api/v1/search/filters",
            &an,
            json!({"name": "Mijn filter", "criteria": {"status": "in_progress"}}),
        )
        .await;
    let export = app
        .post_json_as("/api/v1/search/exports", &an, json!({"criteria": {}}))
        .await;
    let anonymous = json!({
        "documentType": "strafregister-595", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Matrix", "language": "nl", "delivery": "digital",
        "requester": {"firstName": "Lies", "lastName": "Maes", "email": "matrix@example.be", "birthDate": "1990-04-02"},
    });
    assert_eq!(app.submit_unconfirmed(anonymous).await.status, 202);
    let confirmation = app.confirmation_token("matrix@example.be").await;
    Fixtures {
        confirmation,
        manual: manual.body["reference"].as_str().unwrap().to_owned(),
        automatic: automatic.body["reference"].as_str().unwrap().to_owned(),
        document: document["id"].as_i64().unwrap(),
        token,
        code: document["verificationCode"].as_str().unwrap().to_owned(),
        task: tasks.body["items"][0]["id"].as_i64().unwrap(),
        filter: filter.body["id"].as_i64().expect("a filter"),
        export: export.body["id"].to_string().trim_matches('"').to_owned(),
    }
}

fn concrete(path: &str, f: &Fixtures) -> String {
    let reference = if path.contains("/documents/") {
        &f.automatic
    } else {
        &f.manual
    };
    let id = if path.contains("/tasks/") {
        f.task.to_string()
    } else if path.contains("/filters/") {
        f.filter.to_string()
    } else if path.contains("/exports/") {
        f.export.clone()
    } else if path.contains("/jobs/") || path.contains("/clients/") {
        "999999".to_owned()
    } else {
        f.document.to_string()
    };
    let token = if path.starts_with("/api/v1/confirmations/") {
        &f.confirmation
    } else {
        &f.token
    };
    path.replace(
        "/document-types/{code}",
        "/document-types/bewijs-van-woonst",
    )
    .replace("{reference}", reference)
    .replace("{id}", &id)
    .replace("{token}", token)
    .replace("{code}", &f.code)
    .replace("{deliveryId}", "1")
    .replace("{secretId}", "1")
}

/// A body each operation accepts from someone allowed to call it.
fn body(method: &str, path: &str) -> Option<Value> {
    if method == "GET" || method == "DELETE" {
        return None;
    }
    Some(match path {
        "/api/v1/requests" => json!({
            "documentType": "strafregister-595", "forWhom": "myself", "forUse": "belgium",
            "purpose": "Matrix", "language": "nl", "delivery": "digital",
            "requester": {"firstName": "Lies", "lastName": "Maes", "email": "lies@example.be", "birthDate": "1990-04-02"},
        }),
        p if p.ends_with("/deliver") => json!({"method": "post"}),
        p if p.ends_with("/refuse") => json!({"reason": "Matrix"}),
        p if p.ends_with("/cancel") => json!({"informRequester": false}),
        p if p.ends_with("/advice") => json!({"advice": "favourable"}),
        p if p.ends_with("/assign") => json!({"userId": 1}),
        "/api/v1/search/filters" | "/api/v1/search/filters/{id}" => {
            json!({"name": "Matrix", "criteria": {}})
        }
        "/api/v1/search/exports" => json!({"criteria": {}}),
        "/api/v1/clients" | "/api/v1/clients/{id}" => {
            json!({"name": "Matrix", "scopes": ["requests:read"]})
        }
        "/api/v1/webhooks" => {
            json!({"clientId": "lk_matrix", "url": "https://example.org/hook", "events": ["task.created"]})
        }
        "/api/v1/dev/clock/advance" => json!({"seconds": 1}),
        "/api/v1/dev/token" => json!({"username": "sofie.wouters"}),
        "/api/v1/dev/dabs/deeds" => json!({}),
        _ => json!({}),
    })
}

/// A token of an API client with every scope, as the client gets it (client credentials).
async fn client_token(app: &TestApp) -> String {
    let admin = app.sign_in_staff("lotte.vermeulen").await;
    let scopes = [
        "requests:create",
        "requests:read",
        "tasks:act",
        "search:read",
        "reports:read",
        "webhooks:manage",
    ];
    let created = app
        .post_json_as(
            "/api/v1/clients",
            &admin,
            json!({"name": "Matrixklant", "scopes": scopes}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["client"]["clientId"].as_str().unwrap();
    let secret = created.body["clientSecret"].as_str().unwrap();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", id),
        ("client_secret", secret),
    ];
    let url = format!("{}/oauth/token", app.base);
    let answer = app.client.post(url).form(&form).send().await.unwrap();
    let reply = TestApp::reply(answer).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["access_token"].as_str().unwrap().to_owned()
}

fn letter(status: u16) -> char {
    match status {
        401 => 'U',
        403 => 'F',
        404 => 'N',
        s if s >= 500 => '!',
        _ => 'A',
    }
}

#[tokio::test]
async fn every_operation_answers_each_role_as_the_matrix_says() {
    let app = TestApp::spawn().await;
    let spec = app.get("/api/openapi.json").await;
    let documented: BTreeSet<(String, String)> = spec.body["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "post", "put", "delete", "patch"].contains(&m.as_str()))
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let table: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<_> = documented.difference(&table).collect();
    let stale: Vec<_> = table.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "operations without a row in the matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for operations that no longer exist: {stale:?}"
    );

    let f = fixtures(&app).await;
    // Redirects are answers too (sign-in): not followed.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut wrong = Vec::new();
    for (method, path, expected) in MATRIX {
        // Fresh sessions for every row: signing out (one of the rows) ends them.
        let tokens = [
            None,
            Some(app.sign_in_citizen(people::JAN).await),
            Some(app.sign_in_citizen(people::ELS).await),
            Some(app.sign_in_staff("an.desmet").await),
            Some(app.sign_in_staff("politie.voorbeeldegem").await),
            Some(app.sign_in_staff("lotte.vermeulen").await),
            Some(client_token(&app).await),
        ];
        let url = concrete(path, &f);
        let mut got = String::new();
        for token in &tokens {
            let mut request = client.request(
                method.parse::<Method>().unwrap(),
                format!("{}{url}", app.base),
            );
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body(method, path) {
                request = request.json(&body);
            }
            let reply = TestApp::reply(request.send().await.expect("an answer")).await;
            got.push(letter(reply.status.as_u16()));
        }
        if got != *expected {
            wrong.push(format!("{method} {path}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "roles {ROLES:?}:\n{}", wrong.join("\n"));
    println!(
        "matrix: {} operations × {} roles",
        MATRIX.len(),
        ROLES.len()
    );
}
