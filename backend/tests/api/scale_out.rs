//! Two instances on one database, as a municipality runs them behind a load balancer, under
//! concurrent load: no request lost or doubled, every job and timer run exactly once, and every
//! race between two people answered to exactly one of them.
use crate::helpers::{count, people, TestApp};
use futures_util::future::join_all;
use serde_json::{json, Value};

/// Citizens of the mock register who sign in and ask for themselves (automatic requests).
const CITIZENS: [&str; 5] = [
    people::JAN,
    people::ELS,
    people::NOAH,
    "80011508783", // Tom Vermeulen
    "95120108227", // Anna Wouters
];
const MOHAMED: &str = "90112115716";

struct Cluster {
    app: TestApp,
    second: String,
    client: reqwest::Client,
}

impl Cluster {
    async fn start() -> Self {
        let app = TestApp::spawn().await;
        let second = app.another_instance();
        Self {
            client: reqwest::Client::new(),
            app,
            second,
        }
    }

    /// The base URL of instance `i` (0 or 1).
    fn base(&self, i: usize) -> &str {
        if i.is_multiple_of(2) {
            &self.app.base
        } else {
            &self.second
        }
    }

    /// Sends as a well-behaved client does: a 503 `busy` (the service shed load, having done
    /// nothing) is sent again after its `Retry-After`; every other answer is the answer.
    async fn send(&self, i: usize, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.send_with(i, path, token, body, None).await
    }

    async fn send_with(
        &self,
        i: usize,
        path: &str,
        token: &str,
        body: Value,
        idempotency_key: Option<&str>,
    ) -> (u16, Value) {
        loop {
            let mut request = self
                .client
                .post(format!("{}{path}", self.base(i)))
                .bearer_auth(token)
                .json(&body);
            if let Some(key) = idempotency_key {
                request = request.header("Idempotency-Key", key);
            }
            let response = request.send().await.expect("the instance answers");
            let status = response.status().as_u16();
            let answer: Value = response.json().await.unwrap_or(Value::Null);
            if status == 503 && answer["code"] == "busy" {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                continue;
            }
            return (status, answer);
        }
    }

    /// Both instances run their due jobs at the same moment, until nothing is left to run.
    async fn run_jobs_on_both(&self) {
        for _ in 0..5 {
            let runs = (0..2).map(|i| {
                self.client
                    .post(format!("{}/api/v1/dev/jobs/run", self.base(i)))
                    .json(&json!({}))
                    .send()
            });
            for reply in join_all(runs).await {
                assert!(reply.expect("jobs run").status().is_success());
            }
        }
    }

    /// Moves both instances' clocks (each instance has its own in demo mode).
    async fn advance_both(&self, seconds: i64) {
        for i in 0..2 {
            let reply = self
                .client
                .post(format!("{}/api/v1/dev/clock/advance", self.base(i)))
                .json(&json!({ "seconds": seconds }))
                .send()
                .await
                .unwrap();
            assert!(reply.status().is_success());
        }
    }

    fn count(&self, sql: &str) -> i64 {
        count(&self.app.url, sql)
    }
}

fn residence() -> Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
    })
}

#[tokio::test]
async fn submissions_to_two_instances_are_each_made_once_with_their_jobs_run_once() {
    let cluster = Cluster::start().await;
    let mut tokens = Vec::new();
    for citizen in CITIZENS {
        tokens.push(cluster.app.sign_in_citizen(citizen).await);
    }
    // 40 submissions at once, alternating between the instances.
    let submissions = (0..40).map(|n| {
        let token = &tokens[n % tokens.len()];
        let cluster = &cluster;
        async move {
            cluster
                .send(n, "/api/v1/requests", token, residence())
                .await
        }
    });
    let answers = join_all(submissions).await;
    let mut references: Vec<String> = answers
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 201, "{body}");
            body["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    // One key sent to both instances at once: one request, whoever answers.
    let keyed = (0..2).map(|i| {
        let cluster = &cluster;
        let token = &tokens[0];
        async move {
            cluster
                .send_with(
                    i,
                    "/api/v1/requests",
                    token,
                    residence(),
                    Some("scale-out-once"),
                )
                .await
        }
    });
    let keyed = join_all(keyed).await;
    let made: Vec<&str> = keyed
        .iter()
        .filter(|(status, _)| *status == 201 || *status == 200)
        .map(|(_, body)| body["reference"].as_str().unwrap())
        .collect();
    assert!(!made.is_empty(), "{keyed:?}");
    assert!(
        made.windows(2).all(|w| w[0] == w[1]),
        "one request: {keyed:?}"
    );
    for (status, body) in &keyed {
        assert!([200, 201, 409].contains(status), "{status} {body}");
    }
    references.push(made[0].to_owned());

    references.sort();
    references.dedup();
    assert_eq!(references.len(), 41, "41 different references");
    assert_eq!(cluster.count("SELECT COUNT(*) AS n FROM requests"), 41);

    cluster.run_jobs_on_both().await;
    // Each request: one document, one e-mail with its link, one My eBox delivery.
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM documents WHERE kind = 'document'"),
        41
    );
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM emails WHERE template = 'document_ready'"),
        41
    );
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'delivered_to_ebox'"),
        41,
        "every eBox delivery once"
    );
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NULL"),
        0,
        "nothing left to run"
    );
}

#[tokio::test]
async fn two_staff_members_on_two_instances_racing_get_one_yes_and_one_conflict() {
    let cluster = Cluster::start().await;
    let jan = cluster.app.sign_in_citizen(people::JAN).await;
    let (an, pieter) = (
        cluster.app.sign_in_staff("an.desmet").await,
        cluster.app.sign_in_staff("pieter.claes").await,
    );
    let mut references = Vec::new();
    for _ in 0..8 {
        let reply = cluster
            .app
            .submit(Some(&jan), json!({
                "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
                "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
                "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "digital",
            }))
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        references.push(reply.body["reference"].as_str().unwrap().to_owned());
    }

    // Each request: An delivers on one instance while Pieter refuses on the other.
    let races = references.iter().map(|reference| {
        let cluster = &cluster;
        let (an, pieter) = (&an, &pieter);
        async move {
            let deliver = format!("/api/v1/requests/{reference}/deliver");
            let refuse = format!("/api/v1/requests/{reference}/refuse");
            let (a, b) = tokio::join!(
                cluster.send(0, &deliver, an, json!({ "method": "digital" })),
                cluster.send(1, &refuse, pieter, json!({ "reason": "Geen recht." })),
            );
            (reference.clone(), a, b)
        }
    });
    for (reference, (a, body_a), (b, body_b)) in join_all(races).await {
        let mut statuses = [a, b];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{reference}: {body_a} / {body_b}");
        let detail = cluster
            .app
            .get_as(&format!("/api/v1/requests/{reference}"), &an)
            .await;
        let winner = if a == 200 { "delivered" } else { "refused" };
        assert_eq!(detail.body["status"], winner, "{reference}");
        let finals = detail.body["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["action"] == "delivered" || h["action"] == "refused")
            .count();
        assert_eq!(finals, 1, "{reference}: one outcome in the history");
    }
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM documents WHERE kind = 'document'"),
        cluster.count("SELECT COUNT(*) AS n FROM requests WHERE status = 'delivered'"),
        "a document for each delivered request, none for the refused"
    );
}

#[tokio::test]
async fn claims_on_two_instances_give_a_task_to_one_person() {
    let cluster = Cluster::start().await;
    let jan = cluster.app.sign_in_citizen(people::JAN).await;
    let (an, pieter) = (
        cluster.app.sign_in_staff("an.desmet").await,
        cluster.app.sign_in_staff("pieter.claes").await,
    );
    for _ in 0..6 {
        let reply = cluster
            .app
            .submit(Some(&jan), json!({
                "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
                "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED},
                "forUse": "belgium", "purpose": "Dossier", "language": "nl", "delivery": "post",
            }))
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    let tasks = cluster.app.get_as("/api/v1/tasks?view=all", &an).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(tasks.len(), 6);
    let races = tasks.iter().map(|task| {
        let cluster = &cluster;
        let (an, pieter) = (&an, &pieter);
        async move {
            let claim = format!("/api/v1/tasks/{task}/claim");
            let (a, b) = tokio::join!(
                cluster.send(0, &claim, an, json!({})),
                cluster.send(1, &claim, pieter, json!({})),
            );
            (a.0, b.0)
        }
    });
    for (a, b) in join_all(races).await {
        let mut statuses = [a, b];
        statuses.sort();
        assert_eq!(statuses, [200, 409]);
    }
    let mine = |token: &str| {
        let app = &cluster.app;
        let token = token.to_owned();
        async move {
            app.get_as("/api/v1/tasks?view=mine", &token).await.body["items"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    assert_eq!(
        mine(&an).await + mine(&pieter).await,
        6,
        "each task has one person"
    );
}

#[tokio::test]
async fn the_police_deadline_sets_one_task_when_both_instances_run_their_timers() {
    let cluster = Cluster::start().await;
    let mut references = Vec::new();
    for citizen in CITIZENS {
        let token = cluster.app.sign_in_citizen(citizen).await;
        let reply = cluster
            .app
            .submit(
                Some(&token),
                json!({
                    "documentType": "strafregister-596-2", "forWhom": "myself", "forUse": "belgium",
                    "purpose": "Werken met kinderen", "language": "nl", "delivery": "digital",
                }),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        assert_eq!(reply.body["status"], "awaiting_police_advice");
        references.push(reply.body["reference"].as_str().unwrap().to_owned());
    }
    cluster.advance_both(7 * 86_400 + 60).await;
    cluster.run_jobs_on_both().await;

    let staff = cluster.app.sign_in_staff("an.desmet").await;
    for reference in &references {
        let detail = cluster
            .app
            .get_as(&format!("/api/v1/requests/{reference}"), &staff)
            .await;
        let advice_tasks = detail.body["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["taskType"] == "give_advice")
            .count();
        assert_eq!(advice_tasks, 1, "{reference}: {}", detail.body["tasks"]);
        let passed = detail.body["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["action"] == "advice_deadline_passed")
            .count();
        assert_eq!(passed, 1, "{reference}: the deadline passed once");
    }
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM mock_police_advice_requests"),
        references.len() as i64,
        "the police were asked once per request"
    );
}

#[tokio::test]
async fn exports_started_on_both_instances_each_finish_once() {
    let cluster = Cluster::start().await;
    let jan = cluster.app.sign_in_citizen(people::JAN).await;
    for _ in 0..3 {
        let reply = cluster.app.submit(Some(&jan), residence()).await;
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    let an = cluster.app.sign_in_staff("an.desmet").await;
    let started = join_all((0..4).map(|i| {
        let cluster = &cluster;
        let an = &an;
        async move {
            cluster
                .send(i, "/api/v1/search/exports", an, json!({ "criteria": {} }))
                .await
        }
    }))
    .await;
    let mut ids = Vec::new();
    for (status, body) in started {
        assert_eq!(status, 202, "{body}");
        ids.push(body["id"].clone());
    }
    for id in &ids {
        let mut state = Value::Null;
        for _ in 0..100 {
            cluster.run_jobs_on_both().await;
            state = cluster
                .app
                .get_as(
                    &format!("/api/v1/search/exports/{}", id.as_str().unwrap()),
                    &an,
                )
                .await
                .body;
            if state["status"] != "queued" && state["status"] != "running" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(state["status"], "done", "{state}");
    }
    assert_eq!(
        cluster.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'exported'"),
        4,
        "each export recorded once"
    );
}
