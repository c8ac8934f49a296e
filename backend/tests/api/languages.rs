//! Problems speak the caller's language: `Accept-Language` picks Dutch, French, German or
//! English for `title`, `detail` and each field's `reason`; the `code` stays the same.
use crate::helpers::{people, Reply, TestApp};
use serde_json::{json, Value};

/// A request with an `Accept-Language` header (or none).
async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    language: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut request = app.client.request(method, format!("{}{path}", app.base));
    if let Some(language) = language {
        request = request.header("Accept-Language", language);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    TestApp::reply(request.send().await.expect("the server answers")).await
}

async fn not_found(app: &TestApp, language: Option<&str>) -> Reply {
    let reply = call(
        app,
        reqwest::Method::GET,
        "/api/v1/nothing-here",
        language,
        None,
    )
    .await;
    reply.assert_problem(404, "not_found");
    reply
}

fn text(reply: &Reply, field: &str) -> String {
    reply.body[field].as_str().unwrap_or_default().to_owned()
}

fn content_language(reply: &Reply) -> &str {
    reply.headers["content-language"]
        .to_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_problem_comes_in_the_language_asked_for() {
    let app = TestApp::spawn().await;
    let english = not_found(&app, None).await;
    assert_eq!(text(&english, "title"), "Not found");
    assert_eq!(content_language(&english), "en");
    for (language, title, detail) in [
        ("fr", "Introuvable", "Ce que vous cherchez n'existe pas"),
        ("de", "Nicht gefunden", "Das Gesuchte existiert nicht"),
        ("nl", "Niet gevonden", "Wat u zoekt, bestaat niet"),
    ] {
        let reply = not_found(&app, Some(language)).await;
        assert_eq!(text(&reply, "title"), title, "{}", reply.body);
        assert!(text(&reply, "detail").starts_with(detail), "{}", reply.body);
        assert_eq!(content_language(&reply), language);
        // Everything but the words stays as it was.
        assert_eq!(reply.body["type"], english.body["type"]);
        assert_eq!(reply.content_type, "application/problem+json");
    }
}

#[tokio::test]
async fn weights_choose_and_an_unknown_language_gets_english() {
    let app = TestApp::spawn().await;
    let english = not_found(&app, None).await;
    let french = not_found(&app, Some("fr-BE;q=0.9, en;q=0.8")).await;
    assert_eq!(text(&french, "title"), "Introuvable");
    assert_eq!(content_language(&french), "fr");
    let german = not_found(&app, Some("en;q=0.2, de-BE")).await;
    assert_eq!(text(&german, "title"), "Nicht gefunden");
    for unknown in ["es", "ja-JP, zh;q=0.5", "*", "fr;q=0", "not a header;;q=x"] {
        let reply = not_found(&app, Some(unknown)).await;
        assert_eq!(reply.body, english.body, "{unknown}");
        assert_eq!(content_language(&reply), "en", "{unknown}");
    }
}

#[tokio::test]
async fn problems_say_they_vary_by_language() {
    let app = TestApp::spawn().await;
    for language in [None, Some("nl")] {
        let reply = not_found(&app, language).await;
        let vary = reply
            .headers
            .get_all("vary")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ");
        assert!(
            vary.to_ascii_lowercase().contains("accept-language"),
            "{vary}"
        );
    }
}

#[tokio::test]
async fn field_errors_come_in_the_language_asked_for_with_their_codes() {
    let app = TestApp::spawn().await;
    let path = "/api/v1/dev/clock/advance";
    let english = call(&app, reqwest::Method::POST, path, None, Some(json!({}))).await;
    english.assert_problem(422, "validation_failed");
    let english_reason = english.field_error("seconds").expect("the field is named");
    for (language, title, reason) in [
        (
            "nl",
            "Enkele velden moeten worden verbeterd",
            "Vul dit veld in.",
        ),
        (
            "fr",
            "Certains champs doivent être corrigés",
            "Veuillez remplir ce champ.",
        ),
        (
            "de",
            "Einige Felder müssen korrigiert werden",
            "Bitte füllen Sie dieses Feld aus.",
        ),
    ] {
        let reply = call(
            &app,
            reqwest::Method::POST,
            path,
            Some(language),
            Some(json!({})),
        )
        .await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(text(&reply, "title"), title);
        assert_ne!(reply.body["detail"], english.body["detail"]);
        // Same field, same code; the reason in the caller's language.
        let params = reply.body["invalidParams"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let english_params = english.body["invalidParams"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(params.len(), english_params.len());
        for (param, english_param) in params.iter().zip(&english_params) {
            assert_eq!(param["name"], english_param["name"]);
            assert_eq!(param["code"], english_param["code"]);
        }
        if english.body["invalidParams"][0]["code"] == "required" {
            assert_eq!(reply.field_error("seconds").as_deref(), Some(reason));
        }
        assert_ne!(reply.field_error("seconds"), Some(english_reason.clone()));
    }
}

#[tokio::test]
async fn specifics_stay_in_the_translation() {
    let app = TestApp::spawn().await;
    let reply = call(
        &app,
        reqwest::Method::DELETE,
        "/api/v1/catalogue",
        Some("de"),
        None,
    )
    .await;
    reply.assert_problem(405, "method_not_allowed");
    assert_eq!(text(&reply, "title"), "Methode nicht zulässig");
    assert!(
        text(&reply, "detail").ends_with("Zulässige Methoden: GET, HEAD."),
        "{}",
        reply.body
    );
    assert_eq!(reply.headers["allow"], "GET, HEAD");
}

#[tokio::test]
async fn answers_that_are_no_problems_are_left_alone() {
    let app = TestApp::spawn().await;
    let english = call(&app, reqwest::Method::GET, "/api/v1/catalogue", None, None).await;
    let french = call(
        &app,
        reqwest::Method::GET,
        "/api/v1/catalogue",
        Some("fr"),
        None,
    )
    .await;
    assert_eq!(french.status, 200);
    assert_eq!(french.body, english.body);
    assert!(french.headers.get("content-language").is_none());
}

#[tokio::test]
async fn an_outside_system_is_named_in_every_language() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let outage = json!({"nationalRegister": true, "dabs": false, "ebox": false, "police": false});
    let reply = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/dev/outages",
            None,
            Some(outage),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    for (language, system) in [
        ("nl", "Betrokken systeem: Rijksregister."),
        ("fr", "Système concerné : Registre national."),
        ("de", "Betroffenes System: Nationalregister."),
    ] {
        let reply = TestApp::reply(
            app.client
                .get(format!("{}/api/v1/me/prefill", app.base))
                .bearer_auth(&jan)
                .header("Accept-Language", language)
                .send()
                .await
                .expect("the server answers"),
        )
        .await;
        reply.assert_problem(503, "outside_system_unavailable");
        assert!(text(&reply, "detail").ends_with(system), "{}", reply.body);
    }
}
