//! The countries a paper can be used in: a public list in the reader's language, and the only
//! values `destinationCountry` takes.
use crate::helpers::{people, TestApp};
use serde_json::{json, Value};

fn names(reply: &Value) -> Vec<(String, String)> {
    reply["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_owned(),
                c["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn name_of<'a>(list: &'a [(String, String)], code: &str) -> &'a str {
    list.iter()
        .find(|(c, _)| c == code)
        .map(|(_, n)| n.as_str())
        .unwrap_or_else(|| panic!("{code} is listed"))
}

#[tokio::test]
async fn the_countries_are_listed_by_name_in_dutch_by_default_and_in_french() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/v1/countries").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.headers["cache-control"], "public, max-age=86400");
    let dutch = names(&reply.body);
    assert_eq!(dutch.len(), 249);
    assert_eq!(name_of(&dutch, "BE"), "België");
    assert_eq!(name_of(&dutch, "NL"), "Nederland");
    assert_eq!(dutch.first().map(|(c, _)| c.as_str()), Some("AF"));
    assert!(dutch
        .iter()
        .all(|(code, _)| code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())));
    for absent in ["EU", "XK", "ZZ"] {
        assert!(dutch.iter().all(|(code, _)| code != absent), "{absent}");
    }
    assert_eq!(
        names(&app.get("/api/v1/countries?lang=nl").await.body),
        dutch
    );

    let french = names(&app.get("/api/v1/countries?lang=fr").await.body);
    assert_eq!(french.len(), 249);
    assert_eq!(name_of(&french, "BE"), "Belgique");
    assert_eq!(name_of(&french, "NL"), "Pays-Bas");
    // Sorted as a French reader expects: accents aside, so Égypte comes among the E's.
    let position = |code: &str| french.iter().position(|(c, _)| c == code).unwrap();
    assert!(position("DK") < position("EG"));
    assert!(position("EG") < position("AE"));
    assert!(position("AE") < position("EC"));
    assert!(position("EC") < position("FR"));

    let german = names(&app.get("/api/v1/countries?lang=de").await.body);
    assert_eq!(name_of(&german, "BE"), "Belgien");
    let english = names(&app.get("/api/v1/countries?lang=en").await.body);
    assert_eq!(name_of(&english, "BE"), "Belgium");
}

#[tokio::test]
async fn the_country_list_names_a_language_it_does_not_speak() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/v1/countries?lang=es").await;
    reply.assert_problem(422, "validation_failed");
    let reason = reply.field_error("lang").expect("lang is named");
    assert!(reason.contains("'es'") && reason.contains("nl"), "{reason}");
    assert_eq!(reply.headers["cache-control"], "no-store");
}

fn abroad(country: Value) -> Value {
    json!({
        "documentType": "bewijs-van-woonst",
        "forWhom": "myself",
        "forUse": "abroad",
        "destinationCountry": country,
        "purpose": "Werk",
        "language": "nl",
        "delivery": "digital",
    })
}

fn field_code(reply: &Value, field: &str) -> String {
    reply["invalidParams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == field)
        .and_then(|p| p["code"].as_str())
        .unwrap_or_else(|| panic!("{field} is named: {reply}"))
        .to_owned()
}

#[tokio::test]
async fn a_request_abroad_takes_a_country_code_other_than_belgium() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    for (given, code) in [
        ("Narnia", "invalid_value"),
        ("Nederland", "invalid_value"),
        ("be", "not_allowed"),
        ("nl", "invalid_value"),
        ("XK", "invalid_value"),
        ("BE", "not_allowed"),
    ] {
        let reply = app.submit(Some(&jan), abroad(json!(given))).await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(
            field_code(&reply.body, "destinationCountry"),
            code,
            "{given}"
        );
        assert_eq!(reply.body["invalidParams"].as_array().unwrap().len(), 1);
    }
    // A code in small letters is refused with the code to send instead.
    let reply = app.submit(Some(&jan), abroad(json!("nl"))).await;
    let reason = reply.field_error("destinationCountry").unwrap();
    assert!(reason.contains("'NL'"), "{reason}");
    // Still required abroad, and still not for use in Belgium.
    let reply = app.submit(Some(&jan), abroad(Value::Null)).await;
    assert_eq!(field_code(&reply.body, "destinationCountry"), "required");
    let mut home = abroad(json!("NL"));
    home["forUse"] = json!("belgium");
    let reply = app.submit(Some(&jan), home.clone()).await;
    assert_eq!(
        field_code(&reply.body, "destinationCountry"),
        "must_be_empty"
    );
    // Taken as sent, as the schema's pattern says: an empty string is no "left out", and a
    // code with spaces around it is no code.
    home["destinationCountry"] = json!("");
    let reply = app.submit(Some(&jan), home).await;
    assert_eq!(
        field_code(&reply.body, "destinationCountry"),
        "must_be_empty"
    );
    let reply = app.submit(Some(&jan), abroad(json!(" NL"))).await;
    assert_eq!(
        field_code(&reply.body, "destinationCountry"),
        "invalid_value"
    );

    let reply = app.submit(Some(&jan), abroad(json!("NL"))).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["destinationCountry"], "NL");
    let reference = reply.body["reference"].as_str().unwrap();
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    assert_eq!(detail.status, 200);
    assert_eq!(detail.body["forUse"], "abroad");
    assert_eq!(detail.body["destinationCountry"], "NL");
}

#[tokio::test]
async fn the_openapi_document_says_destination_country_is_a_country_code() {
    let app = TestApp::spawn().await;
    let doc = app.get("/api/openapi.json").await.body;
    let field = &doc["components"]["schemas"]["CreateRequest"]["properties"]["destinationCountry"];
    assert_eq!(field["pattern"], "^[A-Z]{2}$", "{field}");
    let description = field["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("ISO 3166-1") && description.contains("/api/v1/countries"),
        "{description}"
    );
    assert!(doc["paths"]["/api/v1/countries"]["get"].is_object());
}
