use crate::helpers::TestApp;

#[tokio::test]
async fn health_reports_the_database_and_a_complete_migration() {
    let app = TestApp::spawn().await;
    let reply = app.get("/api/health").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["status"], "ok");
    assert_eq!(reply.body["database"], app.backend);
    assert_eq!(reply.body["migrations"]["pending"], 0);
    assert!(reply.body["migrations"]["applied"].as_u64().unwrap() >= 1);
    assert_eq!(reply.body["municipality"], "Gemeente Voorbeeldegem");
    assert_eq!(reply.body["timeZone"], "Europe/Brussels");
}

#[tokio::test]
async fn a_second_instance_on_the_same_database_shares_its_state() {
    let app = TestApp::spawn().await;
    let second = app.another_instance();
    let health: serde_json::Value = app
        .client
        .get(format!("{second}/api/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["migrations"]["pending"], 0);
    // A session from one instance is honoured by the other (stateless backends).
    let token = app.sign_in_citizen(crate::helpers::people::JAN).await;
    let me = app
        .client
        .get(format!("{second}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["name"], "Jan Peeters");
}
