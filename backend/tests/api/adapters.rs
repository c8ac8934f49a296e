//! The outside systems over HTTP: each adapter against a fake server (wiremock) that answers
//! well, slowly, with a server error or with garbage; and Loket as a whole with a national
//! register that fails, and with its own mocks served over HTTP.
use crate::helpers::{people, TestApp};
use loket::adapters::dabs::{Dabs, Deed};
use loket::adapters::ebox::{EBox, EBoxMessage};
use loket::adapters::http::{Runtime, System};
use loket::adapters::http_systems::{
    HttpDabs, HttpEBox, HttpNationalRegister, HttpPolice, DABS, EBOX, NATIONAL_REGISTER, POLICE,
};
use loket::adapters::national_register::NationalRegister;
use loket::adapters::police::{AdviceRequest, PoliceAdvice};
use loket::adapters::AdapterError;
use loket::config::SystemSettings;
use loket::domain::document::DeedType;
use loket::domain::national_number::NationalNumber;
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{body_partial_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A short timeout, so that a slow fake is past it quickly.
const SHORT_TIMEOUT_MS: u64 = 300;

fn jan_in_the_register() -> Value {
    let seed: Value =
        serde_json::from_str(include_str!("../../seed/national_register.json")).unwrap();
    seed["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["nationalNumber"] == people::JAN)
        .unwrap()
        .clone()
}

fn jans_birth_deed() -> Value {
    json!({"reference": "DABS-1985-1", "deedType": "birth", "persons": [people::JAN],
           "registeredAt": "1985-07-31", "place": "Gent", "details": {"child": "Jan Peeters"}})
}

fn settings(server: &MockServer) -> SystemSettings {
    SystemSettings {
        timeout_ms: SHORT_TIMEOUT_MS,
        ..SystemSettings::at(server.uri())
    }
}

fn system(name: &'static str, server: &MockServer) -> System {
    System::new(name, &settings(server), Runtime::start().unwrap()).unwrap()
}

/// One call of an adapter, run as the application runs it: on a blocking thread.
async fn blocking<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(call).await.unwrap()
}

/// The calls Loket repeats (GETs, POSTs with an idempotency key), one per system, with the
/// path the fake answers on and a good answer.
#[derive(Clone, Copy, Debug)]
enum Probe {
    Person,
    Household,
    FindDeed,
    Deliver,
    AskPolice,
}

impl Probe {
    const ALL: [Probe; 5] = [
        Probe::Person,
        Probe::Household,
        Probe::FindDeed,
        Probe::Deliver,
        Probe::AskPolice,
    ];

    fn system(self) -> &'static str {
        match self {
            Probe::Person | Probe::Household => NATIONAL_REGISTER,
            Probe::FindDeed => DABS,
            Probe::Deliver => EBOX,
            Probe::AskPolice => POLICE,
        }
    }

    fn route(self) -> (&'static str, String) {
        match self {
            Probe::Person => ("GET", format!("/persons/{}", people::JAN)),
            Probe::Household => ("GET", "/households/HH-001/members".into()),
            Probe::FindDeed => ("GET", format!("/persons/{}/deeds", people::JAN)),
            Probe::Deliver => ("POST", "/messages".into()),
            Probe::AskPolice => ("POST", "/advice-requests".into()),
        }
    }

    fn good_answer(self) -> ResponseTemplate {
        match self {
            Probe::Person => ResponseTemplate::new(200).set_body_json(jan_in_the_register()),
            Probe::Household => ResponseTemplate::new(200)
                .set_body_json(json!({"members": [jan_in_the_register()]})),
            Probe::FindDeed => {
                ResponseTemplate::new(200).set_body_json(json!({"items": [jans_birth_deed()]}))
            }
            Probe::Deliver => ResponseTemplate::new(201).set_body_json(json!({"delivered": true})),
            Probe::AskPolice => {
                ResponseTemplate::new(202).set_body_json(json!({"requested": true}))
            }
        }
    }

    /// Calls the adapter; `Ok` carries a short description of what it understood.
    async fn call(self, server: &MockServer) -> Result<String, AdapterError> {
        let system = system(self.system(), server);
        blocking(move || match self {
            Probe::Person => HttpNationalRegister(system)
                .person(&NationalNumber::parse(people::JAN).unwrap())
                .map(|p| p.map(|p| p.display_name()).unwrap_or_default()),
            Probe::Household => HttpNationalRegister(system)
                .household("HH-001")
                .map(|h| format!("{} member(s)", h.len())),
            Probe::FindDeed => HttpDabs(system)
                .find(DeedType::Birth, people::JAN)
                .map(|d| d.map(|d| d.reference).unwrap_or_default()),
            Probe::Deliver => HttpEBox(system)
                .deliver(people::JAN, "delivery-1", &message(), now())
                .map(|()| "delivered".into()),
            Probe::AskPolice => HttpPolice(system)
                .request_advice(&advice(), now())
                .map(|()| "asked".into()),
        })
        .await
    }

    async fn answering(self, server: &MockServer, answer: ResponseTemplate, calls: u64) {
        let (verb, route) = self.route();
        Mock::given(method(verb))
            .and(path(route))
            .respond_with(answer)
            .expect(calls)
            .mount(server)
            .await;
    }
}

fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

fn message() -> EBoxMessage {
    EBoxMessage {
        sender: "Gemeente Voorbeeldegem".into(),
        subject: "Uw bewijs van woonst".into(),
        body: "Uw document staat klaar.".into(),
        document_id: Some(42),
    }
}

fn advice() -> AdviceRequest {
    AdviceRequest {
        request_id: 17,
        subject_name: "Jan Peeters".into(),
        subject_national_number: Some(people::JAN.into()),
        purpose: "Werken met kinderen".into(),
    }
}

#[tokio::test]
async fn every_adapter_understands_a_good_answer() {
    let expected = [
        "Jan Peeters",
        "1 member(s)",
        "DABS-1985-1",
        "delivered",
        "asked",
    ];
    for (probe, expected) in Probe::ALL.into_iter().zip(expected) {
        let server = MockServer::start().await;
        probe.answering(&server, probe.good_answer(), 1).await;
        assert_eq!(
            probe.call(&server).await.as_deref(),
            Ok(expected),
            "{probe:?}"
        );
    }
}

#[tokio::test]
async fn a_server_error_is_unavailable_names_the_system_and_is_asked_three_times() {
    for probe in Probe::ALL {
        let server = MockServer::start().await;
        probe
            .answering(&server, ResponseTemplate::new(503), 3)
            .await;
        let error = probe.call(&server).await.unwrap_err();
        assert!(
            matches!(error, AdapterError::Unavailable { system, .. } if system == probe.system()),
            "{probe:?}: {error:?}"
        );
        assert!(error.to_string().starts_with(probe.system()), "{error}");
        assert!(error.to_string().contains("503"), "{error}");
        server.verify().await;
    }
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_that_names_the_system_and_is_asked_again() {
    for probe in Probe::ALL {
        let server = MockServer::start().await;
        let slow = probe.good_answer().set_delay(Duration::from_secs(3));
        probe.answering(&server, slow, 3).await;
        let error = probe.call(&server).await.unwrap_err();
        assert_eq!(
            error,
            AdapterError::Timeout {
                system: probe.system(),
                after_ms: SHORT_TIMEOUT_MS
            },
            "{probe:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("{} did not answer within 0.3 s", probe.system())
        );
        server.verify().await;
    }
}

#[tokio::test]
async fn garbage_is_an_invalid_answer_that_names_the_system_and_is_not_asked_again() {
    for probe in Probe::ALL {
        let server = MockServer::start().await;
        let garbage = ResponseTemplate::new(200).set_body_string("<html>Maintenance</html>");
        probe.answering(&server, garbage, 1).await;
        let error = probe.call(&server).await.unwrap_err();
        assert!(
            matches!(error, AdapterError::InvalidAnswer { system, .. } if system == probe.system()),
            "{probe:?}: {error:?}"
        );
        assert!(error.to_string().starts_with(probe.system()), "{error}");
        server.verify().await;
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_is_no_answer() {
    for probe in Probe::ALL {
        let server = MockServer::start().await;
        let moved =
            ResponseTemplate::new(302).insert_header("Location", "https://elsewhere.example");
        probe.answering(&server, moved, 1).await;
        let error = probe.call(&server).await.unwrap_err();
        assert!(
            matches!(error, AdapterError::InvalidAnswer { system, .. } if system == probe.system()),
            "{probe:?}: {error:?}"
        );
        assert!(error.to_string().contains("302"), "{error}");
        server.verify().await;
    }
}

#[tokio::test]
async fn a_refused_connection_is_unavailable() {
    // A port nobody listens on any more (wiremock keeps its servers for reuse).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let settings = SystemSettings::at(format!("http://{}", listener.local_addr().unwrap()));
    drop(listener);
    let register = HttpNationalRegister(
        System::new(NATIONAL_REGISTER, &settings, Runtime::start().unwrap()).unwrap(),
    );
    let error = blocking(move || register.person(&NationalNumber::parse(people::JAN).unwrap()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            AdapterError::Unavailable {
                system: NATIONAL_REGISTER,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn only_the_registers_own_not_found_makes_a_person_unknown() {
    let server = MockServer::start().await;
    Mock::given(path(format!("/persons/{}", people::JAN)))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status": 404, "code": "person_not_found", "detail": "-"})),
        )
        .mount(&server)
        .await;
    Mock::given(path(format!("/persons/{}", people::ELS)))
        .respond_with(ResponseTemplate::new(404).set_body_string("Not Found"))
        .mount(&server)
        .await;
    let register = HttpNationalRegister(system(NATIONAL_REGISTER, &server));
    let (jan, els) = blocking(move || {
        (
            register.person(&NationalNumber::parse(people::JAN).unwrap()),
            register.person(&NationalNumber::parse(people::ELS).unwrap()),
        )
    })
    .await;
    assert!(matches!(jan, Ok(None)), "{jan:?}");
    assert!(
        matches!(els, Err(AdapterError::InvalidAnswer { .. })),
        "a wrong URL is no answer: {els:?}"
    );
}

#[tokio::test]
async fn adding_a_deed_is_not_idempotent_and_is_asked_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/deeds"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let dabs = HttpDabs(system(DABS, &server));
    let deed: Deed = serde_json::from_value(jans_birth_deed()).unwrap();
    let error = blocking(move || dabs.add(&deed, now())).await.unwrap_err();
    assert!(
        matches!(error, AdapterError::Unavailable { system: DABS, .. }),
        "{error:?}"
    );
    server.verify().await;
}

#[tokio::test]
async fn repeated_calls_carry_the_same_idempotency_key_and_the_contracts_fields() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/messages"))
        .and(header("Idempotency-Key", "delivery-1"))
        .and(body_partial_json(
            json!({"recipient": people::JAN, "documentId": 42}),
        ))
        .respond_with(ResponseTemplate::new(500))
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/advice-requests"))
        .and(header("Idempotency-Key", "loket-request-17"))
        .and(body_partial_json(json!({"requestId": 17})))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"requested": true})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/persons/{}/deeds", people::JAN)))
        .and(query_param("deedType", "marriage"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    assert!(Probe::Deliver.call(&server).await.is_err());
    assert_eq!(Probe::AskPolice.call(&server).await.as_deref(), Ok("asked"));
    let dabs = HttpDabs(system(DABS, &server));
    let found = blocking(move || dabs.find(DeedType::Marriage, people::JAN)).await;
    assert!(matches!(found, Ok(None)), "no deed: {found:?}");
    server.verify().await;
}

#[tokio::test]
async fn a_client_credentials_token_is_fetched_once_and_sent_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": "tok-1", "token_type": "Bearer", "expires_in": 900}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/persons/{}", people::JAN)))
        .and(header("Authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(jan_in_the_register()))
        .expect(2)
        .mount(&server)
        .await;
    let settings = SystemSettings {
        token_url: Some(format!("{}/oauth/token", server.uri())),
        client_id: "loket".into(),
        client_secret: "s3cret".into(),
        ..settings(&server)
    };
    let register = HttpNationalRegister(
        System::new(NATIONAL_REGISTER, &settings, Runtime::start().unwrap()).unwrap(),
    );
    let names = blocking(move || {
        let jan = NationalNumber::parse(people::JAN).unwrap();
        [register.person(&jan), register.person(&jan)]
    })
    .await;
    for name in names {
        assert_eq!(name.unwrap().unwrap().display_name(), "Jan Peeters");
    }
    let requests = server.received_requests().await.unwrap();
    let form = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(
        form.contains("grant_type=client_credentials") && form.contains("client_id=loket"),
        "{form}"
    );
    server.verify().await;
}

/// A national register (wiremock) that answers with `answer` until it is replaced.
async fn register_answering(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

async fn with_register(server: &MockServer) -> TestApp {
    let url = server.uri();
    TestApp::spawn_with(move |c| {
        c.outside_systems.national_register = Some(SystemSettings {
            timeout_ms: 1000,
            ..SystemSettings::at(url.clone())
        })
    })
    .await
}

fn residence_request() -> Value {
    json!({"documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
           "purpose": "Test", "language": "nl", "delivery": "digital"})
}

fn postponed_for(detail: &Value) -> Vec<String> {
    detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == "decision_postponed")
        .map(|h| h["details"]["system"].as_str().unwrap().to_owned())
        .collect()
}

/// The register answers as its contract says: the seeded people by number, and households.
fn the_seeded_register(request: &Request) -> ResponseTemplate {
    let seed: Value =
        serde_json::from_str(include_str!("../../seed/national_register.json")).unwrap();
    let persons = seed["persons"].as_array().unwrap().iter();
    let segments: Vec<&str> = request.url.path().split('/').collect();
    match segments[..] {
        ["", "persons", number] => match persons.clone().find(|p| p["nationalNumber"] == number) {
            Some(person) => ResponseTemplate::new(200).set_body_json(person),
            None => ResponseTemplate::new(404).set_body_json(json!({"code": "person_not_found"})),
        },
        ["", "households", id, "members"] => {
            let members: Vec<&Value> = persons
                .filter(|p| p["householdId"] == id && p["deathDate"].is_null())
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({ "members": members }))
        }
        _ => ResponseTemplate::new(404),
    }
}

async fn a_failing_register_keeps_the_request_waiting_until_it_answers(failure: ResponseTemplate) {
    let register = register_answering(failure).await;
    let app = with_register(&register).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), residence_request()).await;
    assert_eq!(reply.status, 201, "the request is taken in: {}", reply.body);
    assert_eq!(reply.body["status"], "in_progress");
    assert_eq!(reply.body["waitingFor"], "national_register");
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    let path = format!("/api/v1/requests/{reference}");
    let seen = app.get_as(&path, &staff).await.body;
    assert_eq!(seen["waitingFor"], "national_register", "{seen}");
    assert_eq!(postponed_for(&seen), ["national_register"]);
    let asked = register.received_requests().await.unwrap().len();
    assert!(asked >= 1, "the register was asked");

    // It answers again: the waiting request is decided, nothing was lost.
    register.reset().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::path_regex("^/(persons|households)/"))
        .respond_with(the_seeded_register)
        .mount(&register)
        .await;
    app.advance_clock(10 * 60).await;
    app.run_jobs().await;
    let seen = app.get_as(&path, &jan).await.body;
    assert_eq!(seen["status"], "delivered", "{seen}");
    assert_eq!(seen["waitingFor"], Value::Null);
    assert_eq!(seen["documents"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_national_register_answering_500_takes_the_request_in_and_staff_see_it_waits_for_it() {
    a_failing_register_keeps_the_request_waiting_until_it_answers(ResponseTemplate::new(500)).await;
}

#[tokio::test]
async fn a_national_register_answering_garbage_is_no_answer_either() {
    a_failing_register_keeps_the_request_waiting_until_it_answers(
        ResponseTemplate::new(200).set_body_string("<html>Onderhoud</html>"),
    )
    .await;
}

async fn mock_token(app: &TestApp, system: &str) -> String {
    let reply = app
        .client
        .post(format!("{}/mock/{system}/oauth/token", app.base))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", loket::config::DEMO_CLIENT_ID),
            ("client_secret", loket::config::DEMO_CLIENT_SECRET),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let body: Value = reply.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_mock_servers_keep_to_their_contracts() {
    let app = TestApp::spawn_with(|c| c.outside_systems.mocks_over_http = true).await;
    let person = format!(
        "{}/mock/national-register/persons/{}",
        app.base,
        people::JAN
    );
    let anonymous = app.client.get(&person).send().await.unwrap();
    assert_eq!(anonymous.status(), 401, "a token is needed");
    let token = mock_token(&app, "national-register").await;
    let found = app.client.get(&person).bearer_auth(&token).send().await;
    let found: Value = found.unwrap().json().await.unwrap();
    assert_eq!(found["lastName"], "Peeters");
    let unknown = format!("{}/mock/national-register/persons/00000000097", app.base);
    let unknown = app.client.get(&unknown).bearer_auth(&token).send().await;
    let unknown = unknown.unwrap();
    assert_eq!(unknown.status(), 404);
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(unknown["code"], "person_not_found");

    let down = json!({"nationalRegister": true, "dabs": false, "ebox": false, "police": false});
    let reply = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/dev/outages",
            None,
            Some(down),
        )
        .await;
    assert_eq!(reply.status, 200);
    let answer = app.client.get(&person).bearer_auth(&token).send().await;
    assert_eq!(
        answer.unwrap().status(),
        503,
        "the outage switch holds over HTTP"
    );
}

#[tokio::test]
async fn with_its_mocks_over_http_a_whole_automatic_request_is_handled() {
    let app = TestApp::spawn_with(|c| c.outside_systems.mocks_over_http = true).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let mut body = residence_request();
    body["documentType"] = json!("geboorteakte");
    body["deed"] = json!({"variant": "extract", "model": "national"});
    let reply = app.submit(Some(&jan), body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["status"], "delivered", "{}", reply.body);
    assert_eq!(reply.body["processing"], "automatic");
    assert_eq!(reply.body["documents"].as_array().unwrap().len(), 1);
    // The eBox delivery (a job) went over HTTP too; the mailbox is read over HTTP.
    app.run_jobs().await;
    let inbox = app.get_as("/api/v1/dev/ebox", &jan).await;
    assert_eq!(inbox.status, 200, "{}", inbox.body);
    assert_eq!(
        inbox.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        inbox.body
    );
    let deeds = app.get("/api/v1/dev/dabs/deeds").await;
    assert!(!deeds.body["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn with_its_mocks_over_http_the_outage_switches_still_make_requests_wait() {
    let app = TestApp::spawn_with(|c| c.outside_systems.mocks_over_http = true).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let down = json!({"nationalRegister": true, "dabs": false, "ebox": false, "police": false});
    app.call(
        reqwest::Method::PUT,
        "/api/v1/dev/outages",
        None,
        Some(down),
    )
    .await;
    let reply = app.submit(Some(&jan), residence_request()).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["waitingFor"], "national_register");
    let up = json!({"nationalRegister": false, "dabs": false, "ebox": false, "police": false});
    app.call(reqwest::Method::PUT, "/api/v1/dev/outages", None, Some(up))
        .await;
    app.advance_clock(10 * 60).await;
    app.run_jobs().await;
    let reference = reply.body["reference"].as_str().unwrap();
    let seen = app
        .get_as(&format!("/api/v1/requests/{reference}"), &jan)
        .await;
    assert_eq!(seen.body["status"], "delivered", "{}", seen.body);
}

fn run_binary(settings: &[(&str, &str)]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", "sqlite:///nonexistent-dir/never.db")
        .envs(settings.iter().copied())
        .output()
        .unwrap();
    assert!(!output.status.success(), "it does not start");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn production_mode_does_not_start_without_the_outside_systems_or_over_plain_http() {
    let mut settings = vec![
        ("CITIZEN_OIDC_ISSUER", "https://idp.example.be"),
        ("CITIZEN_OIDC_CLIENT_ID", "loket"),
        ("CITIZEN_OIDC_CLIENT_SECRET", "s"),
        ("STAFF_OIDC_ISSUER", "https://login.example.be"),
        ("STAFF_OIDC_CLIENT_ID", "loket"),
        ("STAFF_OIDC_CLIENT_SECRET", "s"),
        ("PUBLIC_URL", "https://loket.example.be"),
        (
            "SESSION_SECRET",
            "a-production-secret-of-at-least-32-characters",
        ),
        ("DABS_URL", "https://dabs.example.be"),
        ("DABS_TOKEN_URL", "https://dabs.example.be/token"),
        ("SEAL_PKCS12_FILE", "/etc/loket/seal.p12"),
        ("SEAL_PKCS12_PASSWORD", "s"),
    ];
    let stderr = run_binary(&settings);
    for name in [
        "NATIONAL_REGISTER_URL",
        "EBOX_URL",
        "POLICE_URL",
        "DABS_CLIENT_ID",
        "DABS_CLIENT_SECRET",
    ] {
        assert!(stderr.contains(name), "{name} is named: {stderr}");
    }
    assert!(
        !stderr.contains("DABS_URL"),
        "only the missing ones: {stderr}"
    );
    settings.extend([
        ("DABS_CLIENT_ID", "loket"),
        ("DABS_CLIENT_SECRET", "s"),
        ("NATIONAL_REGISTER_URL", "http://rr.example.be"),
        ("EBOX_URL", "https://ebox.example.be"),
        ("POLICE_URL", "https://police.example.be"),
    ]);
    let stderr = run_binary(&settings);
    assert!(
        stderr.contains("NATIONAL_REGISTER") && stderr.contains("not https"),
        "{stderr}"
    );
}

#[tokio::test]
async fn with_its_mocks_over_http_the_police_are_asked_over_http() {
    let app = TestApp::spawn_with(|c| c.outside_systems.mocks_over_http = true).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let mut body = residence_request();
    body["documentType"] = json!("strafregister-596-2");
    let reply = app.submit(Some(&jan), body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["status"], "awaiting_police_advice");
    app.run_jobs().await;
    let police = app.sign_in_staff("politie.voorbeeldegem").await;
    let asked = app.get_as("/api/v1/police/advice-requests", &police).await;
    assert_eq!(asked.body["items"][0]["reference"], reply.body["reference"]);
}

fn contract(system: &str) -> Value {
    let file = format!("{}/../openapi/{system}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Every operation of every contract, as (system, method, path with example values, operation).
fn operations() -> Vec<(&'static str, reqwest::Method, String, Value)> {
    let mut all = Vec::new();
    for system in ["national-register", "dabs", "ebox", "police"] {
        let contract = contract(system);
        assert_eq!(contract["openapi"], "3.1.0");
        let flows = &contract["components"]["securitySchemes"]["clientCredentials"]["flows"];
        assert!(flows["clientCredentials"]["tokenUrl"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/mock/{system}/oauth/token")));
        for (template, item) in contract["paths"].as_object().unwrap() {
            for (verb, operation) in item.as_object().unwrap() {
                let path = template
                    .replace("{nationalNumber}", people::JAN)
                    .replace("{householdId}", "HH-001");
                let method = verb.to_uppercase().parse().unwrap();
                all.push((system, method, path, operation.clone()));
            }
        }
    }
    all
}

#[tokio::test]
async fn the_mock_servers_answer_every_operation_of_their_contracts_as_documented() {
    let app = TestApp::spawn_with(|c| c.outside_systems.mocks_over_http = true).await;
    for (system, method, path, operation) in operations() {
        let url = format!("{}/mock/{system}{path}", app.base);
        let documented = |status: reqwest::StatusCode| {
            assert!(
                operation["responses"].get(status.as_str()).is_some(),
                "{method} {system}{path}: {status} is not in the contract"
            );
        };
        let request = || {
            let example = &operation["requestBody"]["content"]["application/json"]["example"];
            let mut request = app
                .client
                .request(method.clone(), &url)
                .query(&[("deedType", "birth")]);
            if !example.is_null() {
                request = request.json(example);
            }
            request
        };
        let anonymous = request().send().await.unwrap().status();
        assert_eq!(anonymous, 401, "{method} {system}{path}");
        documented(anonymous);
        let token = mock_token(&app, system).await;
        let answer = request().bearer_auth(&token).send().await.unwrap();
        let status = answer.status();
        documented(status);
        let keyed = operation["parameters"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["name"] == "Idempotency-Key"));
        if keyed {
            assert_eq!(status, 400, "{method} {system}{path}: no key, not done");
            let problem: Value = answer.json().await.unwrap();
            assert_eq!(problem["code"], "idempotency_key_missing");
        } else {
            assert!(status.is_success(), "{method} {system}{path}: {status}");
            let body: Value = answer.json().await.unwrap();
            assert!(body.is_object(), "{method} {system}{path}: {body}");
        }
    }
}

/// DABS as a fake that first has no deed for Sarah, then fails as `failure` says.
async fn dabs_failing_after_the_decision(
    failure: ResponseTemplate,
) -> (TestApp, String, String, MockServer) {
    let dabs = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .up_to_n_times(1)
        .mount(&dabs)
        .await;
    Mock::given(method("GET"))
        .respond_with(failure)
        .mount(&dabs)
        .await;
    let url = dabs.uri();
    let app = TestApp::spawn_with(move |c| {
        c.outside_systems.dabs = Some(SystemSettings {
            timeout_ms: SHORT_TIMEOUT_MS,
            ..SystemSettings::at(url.clone())
        })
    })
    .await;
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    let mut body = residence_request();
    body["documentType"] = json!("geboorteakte");
    body["deed"] = json!({"variant": "extract", "model": "national"});
    let reply = app.submit(Some(&sarah), body).await;
    assert_eq!(reply.body["status"], "awaiting_deed", "{}", reply.body);
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    (app, staff, reference, dabs)
}

#[tokio::test]
async fn staff_asking_dabs_again_hear_which_system_failed_and_how() {
    let cases = [
        (
            ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
            "outside_system_timeout",
            "DABS did not answer within 0.3 s",
        ),
        (
            ResponseTemplate::new(502),
            "outside_system_unavailable",
            "DABS is not reachable",
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>Onderhoud</html>"),
            "outside_system_invalid_answer",
            "DABS gave an answer Loket cannot use",
        ),
    ];
    for (failure, code, detail) in cases {
        let (app, staff, reference, _dabs) = dabs_failing_after_the_decision(failure).await;
        let reply = app
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/requests/{reference}/confirm-deed-added"),
                Some(&staff),
                Some(json!({})),
            )
            .await;
        reply.assert_problem(503, code);
        let said = reply.body["detail"].as_str().unwrap();
        assert!(said.starts_with(detail), "{said}");
        let seen = app
            .get_as(&format!("/api/v1/requests/{reference}"), &staff)
            .await;
        assert_eq!(seen.body["status"], "awaiting_deed", "nothing changed");
    }
}

#[tokio::test]
async fn the_mock_servers_are_not_there_in_production_mode() {
    let app = TestApp::spawn_with(|c| {
        c.demo = false;
        c.seed_demo = false;
        c.sessions.secret = "a-production-secret-of-at-least-32-characters".into();
        c.citizen_oidc.issuer = "http://127.0.0.1:9/federal".into();
        c.staff_oidc.issuer = "http://127.0.0.1:9/municipal".into();
    })
    .await;
    for (verb, route) in [
        ("POST", "/mock/national-register/oauth/token"),
        ("GET", "/mock/national-register/persons/85073003328"),
        ("GET", "/mock/dabs/deeds"),
        ("POST", "/mock/ebox/messages"),
        ("POST", "/mock/police/advice-requests"),
    ] {
        let reply = app
            .call(verb.parse().unwrap(), route, None, Some(json!({})))
            .await;
        assert_eq!(reply.status, 404, "{verb} {route}: {}", reply.body);
    }
}

/// While My eBox takes its time over a delivery, the job that delivers holds no database
/// connection: with a pool of one, someone else's call in the meantime gets the connection
/// at once instead of being turned away as busy.
#[tokio::test]
async fn a_slow_ebox_keeps_no_database_connection_from_anyone() {
    let ebox = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"deliveryId": "x"}))
                .set_delay(std::time::Duration::from_secs(3)),
        )
        .mount(&ebox)
        .await;
    let url = ebox.uri();
    let app = TestApp::spawn_with(move |c| {
        c.db_pool_size = 1;
        c.db_queue_wait_ms = 500;
        c.outside_systems.ebox = Some(SystemSettings {
            timeout_ms: 10_000,
            ..SystemSettings::at(url.clone())
        });
    })
    .await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let submitting = {
        let (base, jan) = (app.base.clone(), jan.clone());
        tokio::spawn(async move {
            reqwest::Client::new()
                .post(format!("{base}/api/v1/requests"))
                .bearer_auth(jan)
                .json(&residence_request())
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    // The delivery is under way once My eBox has it (and answers in three seconds).
    for _ in 0..100 {
        if !ebox.received_requests().await.unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(ebox.received_requests().await.unwrap().len(), 1);
    let meanwhile = app.get_as("/api/v1/requests", &jan).await;
    assert_eq!(meanwhile.status, 200, "{}", meanwhile.body);
    assert_eq!(submitting.await.unwrap(), 201);
}

/// A citizen signed in while the register was down (the federal login vouched for them);
/// when the register answers again it does not know them: the request goes to staff, with
/// that reason, instead of being retried until it is given up on.
#[tokio::test]
async fn a_person_the_register_turns_out_not_to_know_goes_to_staff() {
    let register = register_answering(ResponseTemplate::new(503)).await;
    let app = with_register(&register).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), residence_request()).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["waitingFor"], "national_register");
    let reference = reply.body["reference"].as_str().unwrap().to_owned();

    register.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"code": "person_not_found"})))
        .mount(&register)
        .await;
    app.advance_clock(10 * 60).await;
    app.run_jobs().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let seen = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await
        .body;
    assert_eq!(seen["status"], "in_progress", "{seen}");
    assert_eq!(seen["waitingFor"], Value::Null, "{seen}");
    assert_eq!(seen["processing"], "manual", "{seen}");
    let reasons: Vec<&str> = seen["manualReasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["not_in_register"]);
    let tasks = app.get_as("/api/v1/tasks", &staff).await;
    assert!(
        tasks.body.to_string().contains(&reference),
        "{}",
        tasks.body
    );
    let failed = app.get_as("/api/v1/jobs/failed", &staff).await;
    assert!(
        failed.body["items"].as_array().unwrap().is_empty(),
        "nothing given up on"
    );
}
