use crate::helpers::TestApp;

fn codes(items: &serde_json::Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_catalogue_has_the_three_categories_of_the_module() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/v1/catalogue").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["module"]["name"], "Papieren en attesten");
    let categories = reply.body["categories"].as_array().unwrap();
    let names: Vec<&str> = categories
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["strafregister", "bevolkingsregister", "burgerlijke-stand"]
    );
    assert_eq!(
        codes(&categories[0]["documentTypes"]),
        [
            "strafregister-595",
            "strafregister-596-1",
            "strafregister-596-2"
        ]
    );
    assert_eq!(categories[1]["documentTypes"].as_array().unwrap().len(), 7);
    assert_eq!(
        codes(&categories[2]["documentTypes"]),
        [
            "geboorteakte",
            "huwelijksakte",
            "overlijdensakte",
            "echtscheidingsakte"
        ]
    );
}

#[tokio::test]
async fn model_596_2_is_never_automatic_and_needs_police_advice() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/v1/document-types/strafregister-596-2").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["automaticAllowed"], false);
    assert_eq!(reply.body["policeAdviceRequired"], true);
    assert_eq!(reply.body["kind"], "criminal_record");
    let general = app.get("/api/v1/document-types/strafregister-595").await;
    assert_eq!(general.body["automaticAllowed"], true);
    assert_eq!(general.body["policeAdviceRequired"], false);
}

#[tokio::test]
async fn search_matches_every_word_ignoring_case_and_accents() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/v1/document-types?q=WOONST").await;
    assert_eq!(
        codes(&reply.body["items"]),
        ["bewijs-van-woonst", "bewijs-van-woonst-historiek"]
    );
    let reply = app.get("/api/v1/document-types?q=woonst%20historiek").await;
    assert_eq!(codes(&reply.body["items"]), ["bewijs-van-woonst-historiek"]);
    let reply = app.get("/api/v1/document-types?q=h%C3%BAwelijk").await;
    assert_eq!(codes(&reply.body["items"]), ["huwelijksakte"]);
    let reply = app.get("/api/v1/document-types?q=paspoort").await;
    assert_eq!(reply.body["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn a_category_narrows_the_list() {
    let app = TestApp::spawn().await;
    let reply = app
        .get("/api/v1/document-types?category=burgerlijke-stand")
        .await;
    assert_eq!(reply.body["items"].as_array().unwrap().len(), 4);
    assert!(reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["kind"] == "civil_status_deed"));
}

#[tokio::test]
async fn an_unknown_document_type_is_a_problem_404() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/v1/document-types/paspoort").await;
    reply.assert_problem(404, "not_found");
    assert!(reply.body["detail"].as_str().unwrap().contains("paspoort"));
}
