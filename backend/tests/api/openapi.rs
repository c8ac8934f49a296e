use crate::helpers::TestApp;

/// The committed document is what the code produces: regenerate with `make openapi`.
#[tokio::test]
async fn the_committed_openapi_document_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .expect("openapi/openapi.json is committed");
    let generated = loket::openapi::committed_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date with the code: run `make openapi` and commit the result"
    );
}

#[tokio::test]
async fn the_served_document_has_our_own_title_and_every_route() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/openapi.json").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["info"]["title"], "Loket — Papieren en attesten");
    let paths = reply.body["paths"].as_object().unwrap();
    for path in [
        "/api/health",
        "/api/v1/catalogue",
        "/api/v1/auth/citizen/login",
        "/api/v1/auth/staff/login",
        "/api/v1/auth/callback",
        "/api/v1/auth/session",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/dev/token",
    ] {
        assert!(paths.contains_key(path), "{path} is documented");
    }
    assert!(reply.body["components"]["securitySchemes"]["bearer"].is_object());
    assert_eq!(
        reply.body["components"]["securitySchemes"]["session"]["in"],
        "cookie"
    );
    for gone in [
        "/api/v1/auth/federal/authorize",
        "/api/v1/auth/token",
        "/api/v1/auth/federal/test-citizens",
    ] {
        assert!(!paths.contains_key(gone), "{gone} is gone");
    }
}

#[tokio::test]
async fn the_docs_ui_is_served_without_the_internet() {
    let app = TestApp::spawn().await;
    let page = app
        .client
        .get(format!("{}/api/docs/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("swagger-ui"));
    let script = app
        .client
        .get(format!("{}/api/docs/swagger-ui-bundle.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200, "the UI's script is vendored");
}

/// Every `$ref` in the document points at a schema that is there.
#[tokio::test]
async fn every_schema_reference_resolves() {
    let document: serde_json::Value =
        serde_json::from_str(&loket::openapi::committed_json()).unwrap();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let mut refs = Vec::new();
    fn walk(value: &serde_json::Value, refs: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                    refs.push(r.clone());
                }
                map.values().for_each(|v| walk(v, refs));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    walk(&document, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected ref {r}"));
        assert!(
            schemas.contains_key(name),
            "{r} is referenced but not defined"
        );
    }
}
