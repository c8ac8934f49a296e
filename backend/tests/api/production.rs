//! Production mode: what it refuses to start without, what it does not serve, and its sign-in
//! against OpenID Connect providers that are not itself — a Loket in demo mode running as a
//! separate process, and a fake provider (wiremock) that misbehaves on purpose.
use crate::helpers::{people, Browser, Redirect, TestApp};
use loket::config::{ClientAuth, Config};
use loket::mock_oidc::SigningKey;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const BINARY: &str = env!("CARGO_BIN_EXE_loket");
const SECRET: &str = "a-production-session-secret-of-48-characters!!";

/// Runs the binary with only the given settings; answers (success, stderr).
fn run_binary(settings: &[(&str, &str)]) -> (bool, String) {
    let dir = tempdir();
    let mut command = Command::new(BINARY);
    command
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/loket.db", dir.display()),
        )
        .env("PORT", "0")
        .stdin(Stdio::null());
    for (k, v) in settings {
        command.env(k, v);
    }
    let output = command.output().expect("the binary runs");
    let _ = std::fs::remove_dir_all(&dir);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("loket-prod-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn production_mode_without_its_settings_does_not_start_and_names_them() {
    let (started, stderr) = run_binary(&[]);
    assert!(!started, "{stderr}");
    for name in [
        "CITIZEN_OIDC_ISSUER",
        "CITIZEN_OIDC_CLIENT_ID",
        "CITIZEN_OIDC_CLIENT_SECRET",
        "STAFF_OIDC_ISSUER",
        "STAFF_OIDC_CLIENT_ID",
        "STAFF_OIDC_CLIENT_SECRET",
        "SESSION_SECRET",
        "PUBLIC_URL",
    ] {
        assert!(stderr.contains(name), "{name} is named: {stderr}");
    }
    // Only the missing ones are named.
    let (started, stderr) = run_binary(&[
        ("CITIZEN_OIDC_ISSUER", "https://idp.example.be"),
        ("CITIZEN_OIDC_CLIENT_ID", "loket"),
        ("CITIZEN_OIDC_CLIENT_SECRET", "s"),
        ("SESSION_SECRET", SECRET),
        ("PUBLIC_URL", "https://loket.example.be"),
    ]);
    assert!(!started);
    assert!(
        stderr.contains("STAFF_OIDC_ISSUER") && !stderr.contains("CITIZEN_OIDC_ISSUER"),
        "{stderr}"
    );
}

#[test]
fn the_development_secret_and_plain_http_are_refused_outside_demo_mode() {
    let complete = [
        ("CITIZEN_OIDC_ISSUER", "https://idp.example.be"),
        ("CITIZEN_OIDC_CLIENT_ID", "loket"),
        ("CITIZEN_OIDC_CLIENT_SECRET", "s"),
        ("STAFF_OIDC_ISSUER", "https://login.example.be"),
        ("STAFF_OIDC_CLIENT_ID", "loket"),
        ("STAFF_OIDC_CLIENT_SECRET", "s"),
        ("PUBLIC_URL", "https://loket.example.be"),
        ("NATIONAL_REGISTER_URL", "https://rr.example.be"),
        ("DABS_URL", "https://dabs.example.be"),
        ("EBOX_URL", "https://ebox.example.be"),
        ("POLICE_URL", "https://police.example.be"),
        ("SEAL_PKCS12_FILE", "/etc/loket/seal.p12"),
        ("SEAL_PKCS12_PASSWORD", "s"),
    ];
    let mut settings = complete.to_vec();
    settings.push(("SESSION_SECRET", loket::config::DEVELOPMENT_SECRET));
    let (started, stderr) = run_binary(&settings);
    assert!(
        !started && stderr.contains("development secret"),
        "{stderr}"
    );

    let mut settings = complete.to_vec();
    settings.push(("SESSION_SECRET", SECRET));
    settings.retain(|(k, _)| *k != "PUBLIC_URL");
    settings.push(("PUBLIC_URL", "http://loket.example.be"));
    let (started, stderr) = run_binary(&settings);
    assert!(!started && stderr.contains("not https"), "{stderr}");
}

#[test]
fn demo_mode_does_not_listen_on_a_public_address() {
    for host in ["0.0.0.0", "::", "192.168.1.10"] {
        let (started, stderr) = run_binary(&[("LOKET_DEMO", "true"), ("HOST", host)]);
        assert!(!started, "{host}: {stderr}");
        assert!(stderr.contains("LOKET_DEMO_PUBLIC"), "{stderr}");
    }
    let (started, stderr) = run_binary(&[("LOKET_MOCKS", "true")]);
    assert!(
        !started && stderr.contains("LOKET_DEMO"),
        "the old switch is not silently ignored: {stderr}"
    );
}

#[test]
fn an_unknown_time_zone_does_not_start_and_names_the_setting() {
    let (started, stderr) =
        run_binary(&[("LOKET_DEMO", "true"), ("TIME_ZONE", "Europe/Bruxelles")]);
    assert!(!started, "{stderr}");
    assert!(
        stderr.contains("TIME_ZONE") && stderr.contains("Europe/Bruxelles"),
        "{stderr}"
    );
}

/// The papers' settings are checked at start, each mistake named: a template with a typo, a
/// logo that is no picture, a colour that is no colour, a timestamp service that is no URL.
#[test]
fn broken_document_templates_or_branding_do_not_start_and_say_what_is_wrong() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.join("nl")).unwrap();
    std::fs::write(
        dir.join("nl/attest-van-leven.toml"),
        "title = \"Attest van leven\"\nlegal = \"\"\nbody = [ { paragraph = \"Op {datum}.\" } ]\n",
    )
    .unwrap();
    std::fs::write(dir.join("logo.svg"), "<svg/>").unwrap();
    let templates = dir.display().to_string();
    let logo = dir.join("logo.svg").display().to_string();
    for (setting, value, says) in [
        (
            "DOCUMENT_TEMPLATES_DIR",
            templates.as_str(),
            "attest-van-leven.toml",
        ),
        ("MUNICIPALITY_LOGO_FILE", logo.as_str(), "PNG or JPEG"),
        ("MUNICIPALITY_COLOUR", "blauw", "MUNICIPALITY_COLOUR"),
        ("SEAL_TSA_URL", "ftp://tsa.example", "SEAL_TSA_URL"),
    ] {
        let (started, stderr) = run_binary(&[("LOKET_DEMO", "true"), (setting, value)]);
        assert!(!started, "{setting}: {stderr}");
        assert!(stderr.contains(says), "{setting}: {stderr}");
    }
    let (_, stderr) = run_binary(&[
        ("LOKET_DEMO", "true"),
        ("DOCUMENT_TEMPLATES_DIR", &templates),
    ]);
    assert!(stderr.contains("unknown placeholder {datum}"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A Loket in demo mode in a process of its own: its mock providers stand in for the federal
/// login and the municipality's provider.
struct DemoProcess {
    base: String,
    child: Child,
    dir: std::path::PathBuf,
}

impl DemoProcess {
    async fn start() -> Self {
        let dir = tempdir();
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let child = Command::new(BINARY)
            .arg("serve")
            .env("LOKET_DEMO", "true")
            .env("PORT", port.to_string())
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/loket.db", dir.display()),
            )
            .env("LOKET_DEMO_REQUESTS", "false")
            .env("JOB_INTERVAL_SECONDS", "0")
            .env("RUST_LOG", "warn")
            .env_remove("PUBLIC_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the demo starts");
        let base = format!("http://127.0.0.1:{port}");
        let process = Self { base, child, dir };
        for _ in 0..200 {
            if let Ok(r) = reqwest::get(format!("{}/api/health", process.base)).await {
                if r.status().is_success() {
                    return process;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the demo process did not come up at {}", process.base);
    }
}

impl Drop for DemoProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A production-mode Loket (in this process) whose providers are at the given issuers.
async fn production(
    citizen_issuer: &str,
    staff_issuer: &str,
    client_auth: ClientAuth,
    client_id: &str,
) -> TestApp {
    let (citizen_issuer, staff_issuer) = (citizen_issuer.to_owned(), staff_issuer.to_owned());
    let client_id = client_id.to_owned();
    TestApp::spawn_with(move |c: &mut Config| {
        c.demo = false;
        c.seed_demo = false;
        c.sessions.secret = SECRET.into();
        c.citizen_oidc.issuer = citizen_issuer.clone();
        c.citizen_oidc.client_id = client_id.clone();
        c.citizen_oidc.client_auth = client_auth.clone();
        c.staff_oidc.issuer = staff_issuer.clone();
        c.staff_oidc.client_id = client_id.clone();
        c.staff_oidc.client_auth = client_auth.clone();
    })
    .await
}

fn demo_client() -> ClientAuth {
    ClientAuth::SecretPost(loket::config::DEMO_CLIENT_SECRET.into())
}

#[tokio::test]
async fn production_mode_signs_people_in_at_a_provider_in_another_process() {
    let provider = DemoProcess::start().await;
    let app = production(
        &format!("{}/mock-oidc/federal", provider.base),
        &format!("{}/mock-oidc/municipal", provider.base),
        demo_client(),
        loket::config::DEMO_CLIENT_ID,
    )
    .await;

    let citizen = app.browser();
    let back = citizen
        .sign_in_citizen_at(&provider.base, "eid", people::JAN, "/mijn-aanvragen")
        .await;
    assert_eq!(back.location, "/mijn-aanvragen");
    let me = citizen.get("/api/v1/me").await;
    assert_eq!(me.body["name"], "Jan Peeters");
    assert_eq!(me.body["authMeans"], "eid");

    // Staff at the municipal provider of the other process.
    let staff = app.browser();
    let (page, query) = staff.start("/api/v1/auth/staff/login").await;
    assert_eq!(page, "/ontwikkeling/idp/gemeente");
    let confirmed = staff
        .confirm(
            &provider.base,
            "municipal",
            json!({"query": query, "username": "an.desmet"}),
        )
        .await;
    let back = staff
        .follow(confirmed.body["redirectTo"].as_str().unwrap())
        .await;
    assert_eq!(back.location, "/behandelportaal");
    assert_eq!(staff.get("/api/v1/tasks?view=all").await.status, 200);

    // Signing out points the browser at the provider's logout, which sends it back here.
    let csrf = citizen.csrf().await;
    let out = citizen
        .call(
            reqwest::Method::POST,
            "/api/v1/auth/logout",
            Some(&csrf),
            None,
        )
        .await;
    let logout = out.body["providerLogoutUrl"].as_str().unwrap();
    assert!(
        logout.starts_with(&format!("{}/mock-oidc/federal/logout?", provider.base)),
        "{logout}"
    );
    let back = citizen.follow(logout).await;
    assert_eq!(back.location, format!("{}/", app.base));
    citizen
        .get("/api/v1/me")
        .await
        .assert_problem(401, "unauthenticated");
}

#[tokio::test]
async fn none_of_the_demo_only_routes_answer_in_production_mode() {
    let app = production(
        "http://127.0.0.1:9/federal",
        "http://127.0.0.1:9/municipal",
        demo_client(),
        "loket",
    )
    .await;
    for (verb, route) in [
        ("POST", "/api/v1/dev/token"),
        ("GET", "/api/v1/dev/clock"),
        ("POST", "/api/v1/dev/clock/advance"),
        ("GET", "/api/v1/dev/outbox"),
        ("PUT", "/api/v1/dev/outages"),
        ("POST", "/api/v1/dev/jobs/run"),
        ("GET", "/api/v1/auth/federal/test-citizens"),
        ("POST", "/api/v1/auth/federal/authorize"),
        ("POST", "/api/v1/auth/token"),
        ("GET", "/mock-oidc/federal/.well-known/openid-configuration"),
        ("GET", "/mock-oidc/municipal/jwks"),
        ("GET", "/mock-oidc/federal/test-citizens"),
        ("GET", "/mock-oidc/municipal/accounts"),
        ("POST", "/mock-oidc/federal/token"),
    ] {
        let reply = app
            .call(
                verb.parse().unwrap(),
                route,
                None,
                Some(json!({"username": "an.desmet"})),
            )
            .await;
        assert!(
            matches!(reply.status.as_u16(), 404 | 405),
            "{verb} {route} answered {}",
            reply.status
        );
    }
    // A password sign-in exists nowhere.
    let reply = app
        .call(
            reqwest::Method::POST,
            "/api/v1/auth/staff/login",
            None,
            Some(json!({"username": "an.desmet", "password": "loket"})),
        )
        .await;
    assert!(
        matches!(reply.status.as_u16(), 404 | 405),
        "{}",
        reply.status
    );
    let spec = app.get("/api/openapi.json").await;
    let paths = spec.body["paths"].as_object().unwrap();
    assert!(
        paths.keys().all(|p| !p.contains("/dev/")),
        "no development routes documented"
    );
    // An unreachable provider: a clear page, nothing half made.
    let browser = app.browser();
    let back = browser
        .follow("/api/v1/auth/citizen/login?returnTo=/mijn-aanvragen")
        .await;
    assert_eq!(
        back.location,
        "/aanmelden/mislukt?code=provider_unavailable&for=citizen&returnTo=%2Fmijn-aanvragen"
    );
}

/// A provider that says whatever the test wants: discovery, keys, and an ID token per case.
struct FakeProvider {
    server: MockServer,
    key: Arc<SigningKey>,
}

fn trusted_key() -> Arc<SigningKey> {
    SigningKey::shared()
}

fn forger_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(SigningKey::generate)
}

const CLIENT: &str = "loket-prod";

impl FakeProvider {
    async fn start() -> Self {
        let server = MockServer::start().await;
        let issuer = server.uri();
        Mock::given(method("GET"))
            .and(path("/.well-known/openid-configuration"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "issuer": issuer,
                "authorization_endpoint": format!("{issuer}/authorize"),
                "token_endpoint": format!("{issuer}/token"),
                "jwks_uri": format!("{issuer}/jwks"),
                "response_types_supported": ["code"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
            })))
            .mount(&server)
            .await;
        let key = trusted_key();
        Mock::given(method("GET"))
            .and(path("/jwks"))
            .respond_with(ResponseTemplate::new(200).set_body_json(key.jwks()))
            .mount(&server)
            .await;
        Self { server, key }
    }

    fn issuer(&self) -> String {
        self.server.uri()
    }

    /// The claims of a good ID token for Jan, for this nonce.
    fn claims(&self, nonce: &str) -> Value {
        let now = chrono::Utc::now().timestamp();
        json!({
            "iss": self.issuer(),
            "aud": CLIENT,
            "sub": "pairwise-jan",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "national_number": people::JAN,
            "acr": "itsme",
            "given_name": "Jan",
            "family_name": "Peeters",
        })
    }

    /// Answers the next token request with this ID token, once; then `invalid_grant`.
    async fn answer_once(&self, id_token: String) {
        Mock::given(method("POST"))
            .and(path("/token"))
            .and(body_string_contains("code_verifier="))
            .and(body_string_contains("grant_type=authorization_code"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": id_token,
            })))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&self.server)
            .await;
        Mock::given(method("POST"))
            .and(path("/token"))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({
                "error": "invalid_grant", "error_description": "code already used",
            })))
            .with_priority(10)
            .mount(&self.server)
            .await;
    }
}

/// Starts a citizen sign-in at the production instance; answers (state, nonce).
async fn begin(browser: &Browser, issuer: &str) -> (String, String) {
    let to_provider = browser
        .follow("/api/v1/auth/citizen/login?means=itsme&returnTo=/mijn-aanvragen")
        .await;
    assert_eq!(to_provider.status, 302);
    assert!(
        to_provider
            .location
            .starts_with(&format!("{issuer}/authorize?")),
        "{}",
        to_provider.location
    );
    let url = url::Url::parse(&to_provider.location).unwrap();
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_else(|| panic!("{name} in the authorization request"))
    };
    assert_eq!(param("client_id"), CLIENT);
    assert_eq!(param("code_challenge_method"), "S256");
    assert_eq!(param("acr_values"), "itsme");
    (param("state"), param("nonce"))
}

async fn callback(browser: &Browser, code: &str, state: &str) -> Redirect {
    browser
        .follow(&format!("/api/v1/auth/callback?code={code}&state={state}"))
        .await
}

fn signed_in(redirect: &Redirect) -> bool {
    redirect.location == "/mijn-aanvragen"
        && redirect
            .set_cookies
            .iter()
            .any(|c| c.starts_with("loket_session="))
}

/// One sign-in against a fake provider whose ID token is made by `token`.
async fn attempt(token: impl Fn(&FakeProvider, &str) -> String) -> (Redirect, TestApp) {
    let provider = FakeProvider::start().await;
    let app = production(
        &provider.issuer(),
        &provider.issuer(),
        ClientAuth::SecretPost("prod-secret".into()),
        CLIENT,
    )
    .await;
    let browser = app.browser();
    let (state, nonce) = begin(&browser, &provider.issuer()).await;
    provider.answer_once(token(&provider, &nonce)).await;
    let redirect = callback(&browser, "the-code", &state).await;
    // The token request authenticated the client in its body (client_secret_post).
    let requests: Vec<Request> = provider.server.received_requests().await.unwrap();
    let token_request = requests
        .iter()
        .find(|r| r.url.path() == "/token")
        .expect("a token request");
    let body = String::from_utf8_lossy(&token_request.body);
    assert!(
        body.contains("client_secret=prod-secret") && body.contains("client_id=loket-prod"),
        "{body}"
    );
    (redirect, app)
}

#[tokio::test]
async fn a_good_id_token_signs_in_and_every_broken_one_is_refused() {
    let (good, app) = attempt(|p, nonce| p.key.sign(&p.claims(nonce))).await;
    assert!(signed_in(&good), "{} {:?}", good.location, good.set_cookies);
    let (details, _) = (app.audit("signed_in"), ());
    assert_eq!(details.last().unwrap().2["means"], "itsme");

    type Forge = fn(&FakeProvider, &str) -> String;
    let cases: [(&str, Forge); 10] = [
        ("not signed at all (alg none)", |p, nonce| {
            use base64::Engine;
            let b64 =
                |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
            format!(
                "{}.{}.",
                b64(&json!({"alg": "none", "typ": "JWT"})),
                b64(&p.claims(nonce))
            )
        }),
        ("signed with the client secret (HS256)", |p, nonce| {
            jsonwebtoken::encode(
                &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
                &p.claims(nonce),
                &jsonwebtoken::EncodingKey::from_secret(b"prod-secret").unwrap(),
            )
            .unwrap()
        }),
        ("for several audiences", |p, nonce| {
            let mut claims = p.claims(nonce);
            claims["aud"] = json!([CLIENT, "someone-else"]);
            p.key.sign(&claims)
        }),
        ("with a means Loket does not accept", |p, nonce| {
            let mut claims = p.claims(nonce);
            claims["acr"] = json!("urn:be:fedict:iam:fas:Level100");
            p.key.sign(&claims)
        }),
        ("signed with another key", |p, nonce| {
            forger_key().sign_claiming(&p.claims(nonce), p.key.kid())
        }),
        ("signed with an unknown key", |p, nonce| {
            forger_key().sign(&p.claims(nonce))
        }),
        ("for another audience", |p, nonce| {
            let mut claims = p.claims(nonce);
            claims["aud"] = json!("someone-else");
            p.key.sign(&claims)
        }),
        ("expired", |p, nonce| {
            let mut claims = p.claims(nonce);
            let now = chrono::Utc::now().timestamp();
            claims["iat"] = json!(now - 900);
            claims["exp"] = json!(now - 600);
            p.key.sign(&claims)
        }),
        ("with another nonce", |p, _| {
            p.key.sign(&p.claims("not-the-nonce"))
        }),
        ("from another issuer", |p, nonce| {
            let mut claims = p.claims(nonce);
            claims["iss"] = json!("https://evil.example");
            p.key.sign(&claims)
        }),
    ];
    for (case, forge) in cases {
        let (refused, app) = attempt(forge).await;
        assert!(
            refused
                .location
                .starts_with("/aanmelden/mislukt?code=sign_in_failed&for=citizen"),
            "{case}: {}",
            refused.location
        );
        assert!(refused.set_cookies.is_empty(), "{case}: no cookie");
        assert!(app.audit("signed_in").is_empty(), "{case}");
        assert_eq!(app.audit("sign_in_failed").len(), 1, "{case}");
    }
}

#[tokio::test]
async fn a_replayed_code_or_callback_does_not_sign_in_again() {
    let provider = FakeProvider::start().await;
    let app = production(
        &provider.issuer(),
        &provider.issuer(),
        ClientAuth::SecretPost("prod-secret".into()),
        CLIENT,
    )
    .await;
    let browser = app.browser();
    let (state, nonce) = begin(&browser, &provider.issuer()).await;
    provider
        .answer_once(provider.key.sign(&provider.claims(&nonce)))
        .await;
    assert!(signed_in(&callback(&browser, "the-code", &state).await));

    // The same callback again: the state was spent.
    let attacker = app.browser();
    let replay = callback(&attacker, "the-code", &state).await;
    assert!(
        replay
            .location
            .starts_with("/aanmelden/mislukt?code=sign_in_expired"),
        "{}",
        replay.location
    );
    // The same code in a new sign-in: the provider refuses it.
    let (state, _) = begin(&attacker, &provider.issuer()).await;
    let replay = callback(&attacker, "the-code", &state).await;
    assert!(
        replay
            .location
            .starts_with("/aanmelden/mislukt?code=sign_in_failed"),
        "{}",
        replay.location
    );
    assert!(replay.set_cookies.is_empty());
}

/// Checks that the token request authenticates with a JWT signed by the client's key.
struct SignedAssertion {
    audience: String,
}

impl wiremock::Match for SignedAssertion {
    fn matches(&self, request: &Request) -> bool {
        let form: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(&request.body)
                .into_owned()
                .collect();
        if form.contains_key("client_secret")
            || form.get("client_assertion_type").map(String::as_str)
                != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            return false;
        }
        let Some(assertion) = form.get("client_assertion") else {
            return false;
        };
        let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
        validation.set_audience(&[&self.audience]);
        validation.set_issuer(&[CLIENT]);
        jsonwebtoken::decode::<Value>(assertion, &client_key().decoding_key(), &validation)
            .is_ok_and(|t| t.claims["sub"] == CLIENT)
    }
}

fn client_key() -> &'static SigningKey {
    forger_key()
}

#[tokio::test]
async fn the_client_can_authenticate_with_private_key_jwt() {
    let provider = FakeProvider::start().await;
    let app = production(
        &provider.issuer(),
        &provider.issuer(),
        ClientAuth::PrivateKeyJwt {
            pem: client_key().pem().to_owned(),
            algorithm: "RS256".into(),
        },
        CLIENT,
    )
    .await;
    let browser = app.browser();
    let (state, nonce) = begin(&browser, &provider.issuer()).await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(SignedAssertion {
            audience: format!("{}/token", provider.issuer()),
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "at", "token_type": "Bearer", "expires_in": 300,
            "id_token": provider.key.sign(&provider.claims(&nonce)),
        })))
        .mount(&provider.server)
        .await;
    let back = callback(&browser, "the-code", &state).await;
    assert!(signed_in(&back), "{}", back.location);
}

#[tokio::test]
async fn over_https_the_cookies_are_secure_and_host_only() {
    let provider = FakeProvider::start().await;
    let issuer = provider.issuer();
    let app = TestApp::spawn_with(move |c: &mut Config| {
        c.demo = false;
        c.seed_demo = false;
        c.sessions.secret = SECRET.into();
        c.public_url = "https://loket.voorbeeldegem.be".into();
        for oidc in [&mut c.citizen_oidc, &mut c.staff_oidc] {
            oidc.issuer = issuer.clone();
            oidc.client_id = CLIENT.into();
            oidc.client_auth = ClientAuth::SecretPost("prod-secret".into());
        }
    })
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let start = client
        .get(format!(
            "{}/api/v1/auth/citizen/login?means=itsme&returnTo=/mijn-aanvragen",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 302);
    assert_eq!(
        start.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let binding = start.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(binding.starts_with("__Host-loket_signin="), "{binding}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(binding.contains(attribute), "{attribute} in {binding}");
    }
    let location = url::Url::parse(start.headers()["location"].to_str().unwrap()).unwrap();
    let param = |name: &str| {
        location
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    assert_eq!(
        param("redirect_uri"),
        "https://loket.voorbeeldegem.be/api/v1/auth/callback"
    );
    provider
        .answer_once(provider.key.sign(&provider.claims(&param("nonce"))))
        .await;
    let state = param("state");
    let pair = binding.split(';').next().unwrap().to_owned();
    let back = client
        .get(format!(
            "{}/api/v1/auth/callback?code=c&state={state}",
            app.base
        ))
        .header("Cookie", pair)
        .send()
        .await
        .unwrap();
    assert_eq!(back.headers()["location"], "/mijn-aanvragen");
    let session = back
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("__Host-loket_session="))
        .expect("a __Host- session cookie");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(attribute), "{attribute} in {session}");
    }
    assert!(!session.contains("Domain="), "{session}");
}

#[tokio::test]
async fn a_provider_that_fails_at_the_token_endpoint_gives_a_clear_page() {
    let provider = FakeProvider::start().await;
    let app = production(
        &provider.issuer(),
        &provider.issuer(),
        ClientAuth::SecretPost("prod-secret".into()),
        CLIENT,
    )
    .await;
    let browser = app.browser();
    let (state, _) = begin(&browser, &provider.issuer()).await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(503).set_body_string("maintenance"))
        .mount(&provider.server)
        .await;
    let back = callback(&browser, "the-code", &state).await;
    assert_eq!(
        back.location,
        "/aanmelden/mislukt?code=provider_unavailable&for=citizen&returnTo=%2Fmijn-aanvragen"
    );
    assert!(back
        .set_cookies
        .iter()
        .all(|c| !c.starts_with("loket_session=")));
}

impl FakeProvider {
    /// The claims of a staff ID token.
    fn staff_claims(
        &self,
        nonce: Option<&str>,
        sub: &str,
        username: &str,
        roles: &[&str],
    ) -> Value {
        let now = chrono::Utc::now().timestamp();
        let mut claims = json!({
            "iss": self.issuer(), "aud": CLIENT, "sub": sub, "iat": now, "exp": now + 300,
            "preferred_username": username, "name": "An De Smet", "roles": roles,
        });
        if let Some(nonce) = nonce {
            claims["nonce"] = json!(nonce);
        }
        claims
    }

    /// Answers the next code exchange with this ID token and a refresh token, once.
    async fn answer_staff_once(&self, id_token: String) {
        Mock::given(method("POST"))
            .and(path("/token"))
            .and(body_string_contains("grant_type=authorization_code"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": "at", "token_type": "Bearer", "expires_in": 300,
                "id_token": id_token, "refresh_token": "refresh-1",
            })))
            .up_to_n_times(1)
            .mount(&self.server)
            .await;
    }
}

/// A staff sign-in against the fake provider; answers the callback's redirect.
async fn staff_sign_in(
    browser: &Browser,
    provider: &FakeProvider,
    sub: &str,
    username: &str,
) -> Redirect {
    let to_provider = browser.follow("/api/v1/auth/staff/login").await;
    let url = url::Url::parse(&to_provider.location).unwrap();
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    provider
        .answer_staff_once(provider.key.sign(&provider.staff_claims(
            Some(&param("nonce")),
            sub,
            username,
            &["loket-staff"],
        )))
        .await;
    callback(browser, "a-code", &param("state")).await
}

#[tokio::test]
async fn staff_are_known_by_their_subject_not_by_a_username_that_moves_on() {
    let provider = FakeProvider::start().await;
    let app = production(
        &provider.issuer(),
        &provider.issuer(),
        ClientAuth::SecretPost("prod-secret".into()),
        CLIENT,
    )
    .await;
    let first = app.browser();
    assert_eq!(
        staff_sign_in(&first, &provider, "subject-1", "a.peeters")
            .await
            .location,
        "/behandelportaal"
    );
    let first_id = first.get("/api/v1/me").await.body["id"].clone();
    // The username is given to someone else, with another subject at the provider.
    let second = app.browser();
    staff_sign_in(&second, &provider, "subject-2", "a.peeters").await;
    let second_id = second.get("/api/v1/me").await.body["id"].clone();
    assert_ne!(first_id, second_id, "a new person gets a new account");
    // The first person, back under a new username, is still the first account.
    let again = app.browser();
    staff_sign_in(&again, &provider, "subject-1", "a.peeters-old").await;
    assert_eq!(again.get("/api/v1/me").await.body["id"], first_id);
}

#[tokio::test]
async fn a_staff_session_outlives_a_provider_outage_only_briefly() {
    let provider = FakeProvider::start().await;
    let issuer = provider.issuer();
    // Demo mode for its movable clock, with the staff provider pointed at the fake one.
    let app = TestApp::spawn_with(move |c: &mut Config| {
        c.staff_oidc.issuer = issuer.clone();
        c.staff_oidc.client_id = CLIENT.into();
        c.staff_oidc.client_auth = ClientAuth::SecretPost("prod-secret".into());
    })
    .await;
    let browser = app.browser();
    assert_eq!(
        staff_sign_in(&browser, &provider, "subject-an", "an.desmet")
            .await
            .location,
        "/behandelportaal"
    );
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&provider.server)
        .await;
    for minutes in [6, 12] {
        app.advance_clock(6 * 60).await;
        assert_eq!(
            browser.get("/api/v1/tasks?view=all").await.status,
            200,
            "{minutes} minutes after the last confirmation"
        );
    }
    app.advance_clock(4 * 60).await;
    browser
        .get("/api/v1/tasks?view=all")
        .await
        .assert_problem(401, "session_ended");
    let refreshes = provider
        .server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("grant_type=refresh_token"))
        .count();
    assert!(refreshes >= 2, "the provider was asked, {refreshes} times");
}
