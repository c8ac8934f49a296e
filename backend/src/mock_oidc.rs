//! Demo mode only: two OpenID Connect providers served by the binary itself, so the relying
//! party (`crate::auth::oidc`) signs people in over HTTP exactly as it does against the federal
//! login and the municipality's provider. Only the issuer URL differs.
//!
//! - `/mock-oidc/federal`: the federal login. Its authorize page (in the SPA, at
//!   `/ontwikkeling/idp/federaal`) lets a tester pick a seeded person or type a national
//!   register number, and the means (eID, itsme, mobile app, token).
//! - `/mock-oidc/municipal`: the municipality's provider for staff, police and admins (SPA page
//!   `/ontwikkeling/idp/gemeente`). Accounts can be disabled or lose their role
//!   (`PUT /mock-oidc/municipal/accounts/{username}`), as a directory administrator would.
//!
//! Discovery, authorize, token (authorization code with PKCE S256, refresh token), JWKS with an
//! RSA key made when the process starts, and RP-initiated logout.
use crate::adapters::national_register::NationalRegister;
use crate::adapters::staff_directory::StaffDirectory;
use crate::clock::Clock;
use crate::config::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use crate::domain::national_number::NationalNumber;
use crate::domain::role::Role;
use crate::error::{ApiError, ErrorCode, InvalidParam};
use actix_web::{http::header, web, HttpRequest, HttpResponse};
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// An RSA signing key with its JWK; one per process, made on first use.
pub struct SigningKey {
    kid: String,
    pem: String,
    encoding: jsonwebtoken::EncodingKey,
    jwk: Value,
}

// Key material made in this process from fixed parameters: these steps fail only on a
// programming error, and only the demo's mock providers and the tests use this key.
#[allow(clippy::expect_used)]
impl SigningKey {
    /// A new 2048-bit RSA key (tests make extra ones to sign with a key nobody trusts).
    pub fn generate() -> Self {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        use rsa::traits::PublicKeyParts;
        let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
            .expect("an RSA key can be made");
        let pem = key
            .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
            .expect("the key encodes");
        let b64 = |bytes: Vec<u8>| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let n = key.n().to_bytes_be();
        let kid = Sha256::digest(&n)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        Self {
            encoding: jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes())
                .expect("the key reads back"),
            jwk: json!({
                "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
                "n": b64(n), "e": b64(key.e().to_bytes_be()),
            }),
            kid,
            pem: pem.to_string(),
        }
    }

    /// The key of this process's mock providers.
    pub fn shared() -> Arc<SigningKey> {
        static KEY: OnceLock<Arc<SigningKey>> = OnceLock::new();
        KEY.get_or_init(|| Arc::new(Self::generate())).clone()
    }

    /// The private key (PKCS#1 PEM), for a client that signs its assertions with it.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// The public key, to check what this key signed.
    pub fn decoding_key(&self) -> jsonwebtoken::DecodingKey {
        jsonwebtoken::DecodingKey::from_rsa_components(
            self.jwk["n"].as_str().expect("n"),
            self.jwk["e"].as_str().expect("e"),
        )
        .expect("the public key reads")
    }

    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.jwk] })
    }

    /// A JWT (RS256) with exactly these claims.
    pub fn sign(&self, claims: &Value) -> String {
        self.sign_claiming(claims, &self.kid)
    }

    /// A JWT signed with this key whose header names another key (as a forger would).
    pub fn sign_claiming(&self, claims: &Value, kid: &str) -> String {
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("claims sign")
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Federal,
    Municipal,
}

impl Which {
    fn parse(s: &str) -> Result<Self, ApiError> {
        match s {
            "federal" => Ok(Self::Federal),
            "municipal" => Ok(Self::Municipal),
            _ => Err(ApiError::NotFound(format!(
                "There is no mock provider '{s}'."
            ))),
        }
    }

    /// The SPA page that plays the provider's authorize page.
    fn page(self) -> &'static str {
        match self {
            Self::Federal => "/ontwikkeling/idp/federaal",
            Self::Municipal => "/ontwikkeling/idp/gemeente",
        }
    }
}

enum Subject {
    Citizen {
        national_number: String,
        given_name: String,
        family_name: String,
        means: String,
    },
    Staff {
        username: String,
    },
}

struct Grant {
    which: Which,
    client_id: String,
    redirect_uri: String,
    nonce: Option<String>,
    challenge: String,
    subject: Subject,
    expires: chrono::DateTime<chrono::Utc>,
}

#[derive(Clone)]
struct Account {
    username: String,
    name: String,
    email: String,
    role: Option<Role>,
    disabled: bool,
}

/// The claim values the mock municipal provider uses for Loket's roles (the defaults of
/// `STAFF_OIDC_ROLE_VALUES`).
fn role_value(role: Role) -> &'static str {
    match role {
        Role::Staff | Role::Citizen | Role::Client => "loket-staff",
        Role::Police => "loket-police",
        Role::Admin => "loket-admin",
    }
}

pub struct MockProviders {
    key: Arc<SigningKey>,
    public_url: String,
    register: Arc<dyn NationalRegister>,
    clock: Arc<dyn Clock>,
    codes: Mutex<HashMap<String, Grant>>,
    refresh_tokens: Mutex<HashMap<String, String>>,
    accounts: RwLock<Vec<Account>>,
}

impl MockProviders {
    pub fn new(
        public_url: &str,
        register: Arc<dyn NationalRegister>,
        directory: &dyn StaffDirectory,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let mut accounts: Vec<Account> = directory
            .accounts()
            .into_iter()
            .map(|a| Account {
                username: a.username,
                name: a.name,
                email: a.email,
                role: Some(a.role),
                disabled: false,
            })
            .collect();
        // Someone the municipality knows, but without a Loket role: refused at sign-in.
        accounts.push(Account {
            username: "jonas.maes".into(),
            name: "Jonas Maes".into(),
            email: "jonas.maes@voorbeeldegem.be".into(),
            role: None,
            disabled: false,
        });
        Self {
            key: SigningKey::shared(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            register,
            clock,
            codes: Mutex::new(HashMap::new()),
            refresh_tokens: Mutex::new(HashMap::new()),
            accounts: RwLock::new(accounts),
        }
    }

    /// The issuer URL of one mock provider.
    pub fn issuer(public_url: &str, federal: bool) -> String {
        format!(
            "{}/mock-oidc/{}",
            public_url.trim_end_matches('/'),
            if federal { "federal" } else { "municipal" }
        )
    }

    fn issuer_of(&self, which: Which) -> String {
        Self::issuer(&self.public_url, which == Which::Federal)
    }

    /// Redirect URIs the mocks accept: this service, or any service on this machine (a second
    /// instance under test).
    fn redirect_allowed(&self, uri: &str) -> bool {
        let Ok(url) = url::Url::parse(uri) else {
            return false;
        };
        let loopback = match url.host() {
            Some(url::Host::Domain(d)) => d == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        matches!(url.scheme(), "http" | "https")
            && (loopback || uri.starts_with(&format!("{}/", self.public_url)))
    }

    fn account(&self, username: &str) -> Option<Account> {
        let username = username.trim().to_lowercase();
        self.accounts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|a| a.username == username)
            .cloned()
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/mock-oidc/{provider}/.well-known/openid-configuration",
        web::get().to(discovery),
    )
    .route("/mock-oidc/{provider}/jwks", web::get().to(jwks))
    .route(
        "/mock-oidc/{provider}/authorize",
        web::get().to(authorize_page),
    )
    .route("/mock-oidc/{provider}/authorize", web::post().to(authorize))
    .route("/mock-oidc/{provider}/token", web::post().to(token))
    .route("/mock-oidc/{provider}/logout", web::get().to(logout))
    .route(
        "/mock-oidc/federal/test-citizens",
        web::get().to(test_citizens),
    )
    .route("/mock-oidc/municipal/accounts", web::get().to(accounts))
    .route(
        "/mock-oidc/municipal/accounts/{username}",
        web::put().to(change_account),
    );
}

type Mocks = web::Data<MockProviders>;

async fn discovery(mocks: Mocks, provider: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let which = Which::parse(&provider)?;
    let issuer = mocks.issuer_of(which);
    let mut document = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "end_session_endpoint": format!("{issuer}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "profile", "email"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
    });
    if which == Which::Federal {
        document["acr_values_supported"] = json!(["eid", "itsme", "mobile_app", "federal_token"]);
        document["claims_supported"] = json!([
            "sub",
            "national_number",
            "given_name",
            "family_name",
            "name",
            "acr",
            "amr"
        ]);
    } else {
        document["claims_supported"] =
            json!(["sub", "preferred_username", "name", "email", "roles"]);
    }
    Ok(HttpResponse::Ok().json(document))
}

async fn jwks(mocks: Mocks, provider: web::Path<String>) -> Result<HttpResponse, ApiError> {
    Which::parse(&provider)?;
    Ok(HttpResponse::Ok().json(mocks.key.jwks()))
}

/// The parameters of an authorization request, checked as a provider does before it shows
/// anything: an unknown client or a foreign redirect URI never gets a redirect.
struct AuthorizeParams {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    nonce: Option<String>,
    challenge: String,
}

fn bad_request(detail: &str) -> ApiError {
    ApiError::BadRequest {
        code: ErrorCode::InvalidAuthorizationRequest,
        detail: detail.into(),
    }
}

fn authorize_params(mocks: &MockProviders, query: &str) -> Result<AuthorizeParams, ApiError> {
    let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let get = |name: &str| params.get(name).filter(|v| !v.is_empty()).cloned();
    let client_id = get("client_id").ok_or_else(|| bad_request("client_id is missing."))?;
    if client_id != DEMO_CLIENT_ID {
        return Err(bad_request(
            "This client is not registered with the mock provider.",
        ));
    }
    let redirect_uri = get("redirect_uri")
        .filter(|u| mocks.redirect_allowed(u))
        .ok_or_else(|| bad_request("redirect_uri is missing or not registered."))?;
    if get("response_type").as_deref() != Some("code") {
        return Err(bad_request("Only response_type=code is supported."));
    }
    if !get("scope").is_some_and(|s| s.split(' ').any(|s| s == "openid")) {
        return Err(bad_request("The scope must include openid."));
    }
    if get("code_challenge_method").as_deref() != Some("S256") {
        return Err(bad_request(
            "PKCE with code_challenge_method=S256 is required.",
        ));
    }
    let challenge =
        get("code_challenge").ok_or_else(|| bad_request("code_challenge is missing."))?;
    Ok(AuthorizeParams {
        client_id,
        redirect_uri,
        state: get("state"),
        nonce: get("nonce"),
        challenge,
    })
}

/// `GET …/authorize`: checks the request, then shows the SPA's page for this provider.
async fn authorize_page(
    mocks: Mocks,
    provider: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let which = Which::parse(&provider)?;
    authorize_params(&mocks, req.query_string())?;
    Ok(HttpResponse::Found()
        .insert_header((
            header::LOCATION,
            format!("{}?{}", which.page(), req.query_string()),
        ))
        .finish())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthorizeBody {
    /// The query string of the authorization request, as the page received it.
    query: String,
    #[serde(default)]
    cancel: bool,
    national_number: Option<String>,
    means: Option<String>,
    username: Option<String>,
}

fn with_query(uri: &str, pairs: &[(&str, &str)]) -> String {
    let Ok(mut url) = url::Url::parse(uri) else {
        return uri.to_owned();
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
    }
    url.to_string()
}

/// `POST …/authorize` (from the SPA page): who signs in; answers where to send the browser.
async fn authorize(
    mocks: Mocks,
    provider: web::Path<String>,
    body: crate::api::json::Json<AuthorizeBody>,
) -> Result<HttpResponse, ApiError> {
    let which = Which::parse(&provider)?;
    let body = body.into_inner();
    let params = authorize_params(&mocks, body.query.trim_start_matches('?'))?;
    let state = params.state.clone().unwrap_or_default();
    let mut back: Vec<(&str, &str)> = Vec::new();
    if !state.is_empty() {
        back.push(("state", &state));
    }
    if body.cancel {
        back.insert(0, ("error", "access_denied"));
        let to = with_query(&params.redirect_uri, &back);
        return Ok(HttpResponse::Ok().json(json!({ "redirectTo": to })));
    }
    let subject = match which {
        Which::Federal => citizen_subject(&mocks, body.means, body.national_number)?,
        Which::Municipal => staff_subject(&mocks, body.username)?,
    };
    let code = crate::auth::session::random_secret();
    mocks
        .codes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(
            code.clone(),
            Grant {
                which,
                client_id: params.client_id,
                redirect_uri: params.redirect_uri.clone(),
                nonce: params.nonce,
                challenge: params.challenge,
                subject,
                expires: mocks.clock.now() + chrono::Duration::seconds(120),
            },
        );
    back.insert(0, ("code", &code));
    let to = with_query(&params.redirect_uri, &back);
    Ok(HttpResponse::Ok().json(json!({ "redirectTo": to })))
}

/// The federal login's choice: a living person of the mock national register, signed in with
/// one of the means the federal login offers (itsme when the page names none).
fn citizen_subject(
    mocks: &MockProviders,
    means: Option<String>,
    national_number: Option<String>,
) -> Result<Subject, ApiError> {
    let means = means.unwrap_or_else(|| "itsme".into());
    if !["eid", "itsme", "mobile_app", "federal_token"].contains(&means.as_str()) {
        return Err(ApiError::coded_field(
            "means",
            ErrorCode::InvalidValue,
            "Choose eid, itsme, mobile_app or federal_token.",
        ));
    }
    let raw = national_number.unwrap_or_default();
    let number = NationalNumber::parse(&raw).map_err(|e| {
        ApiError::coded_field(
            "nationalNumber",
            ErrorCode::InvalidNationalNumber,
            e.to_string(),
        )
    })?;
    let person = mocks
        .register
        .person(&number)
        .map_err(|e| ApiError::Unavailable(e.to_string()))?
        .filter(|p| p.death_date.is_none())
        .ok_or_else(|| {
            ApiError::coded_field(
                "nationalNumber",
                ErrorCode::UnknownPerson,
                "No living person with this number is in the mock national register.",
            )
        })?;
    Ok(Subject::Citizen {
        national_number: number.as_str().to_owned(),
        given_name: person.first_names.clone(),
        family_name: person.last_name.clone(),
        means,
    })
}

/// The municipal provider's choice: an account of the municipality that is not disabled
/// (whether it has a Loket role is for Loket to decide).
fn staff_subject(mocks: &MockProviders, username: Option<String>) -> Result<Subject, ApiError> {
    let username = username.unwrap_or_default();
    let account = mocks.account(&username).ok_or_else(|| {
        ApiError::Validation(vec![InvalidParam::coded(
            "username",
            ErrorCode::UnknownAccount,
            "No account of the municipality has this username.",
        )])
    })?;
    if account.disabled {
        return Err(ApiError::coded_field(
            "username",
            ErrorCode::AccountDisabled,
            "This account is disabled.",
        ));
    }
    Ok(Subject::Staff {
        username: account.username,
    })
}

/// An OAuth error answer of the token endpoint (RFC 6749 §5.2).
fn oauth_error(status: u16, error: &str, description: &str) -> HttpResponse {
    use actix_web::http::StatusCode;
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(json!({ "error": error, "error_description": description }))
}

fn client_credentials(
    req: &HttpRequest,
    form: &HashMap<String, String>,
) -> Option<(String, String)> {
    if let (Some(id), Some(secret)) = (form.get("client_id"), form.get("client_secret")) {
        return Some((id.clone(), secret.clone()));
    }
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(basic)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let decode = |s: &str| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((decode(id)?, decode(secret)?))
}

fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let digest = Sha256::digest(verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest) == challenge
}

impl MockProviders {
    fn id_token(
        &self,
        which: Which,
        client_id: &str,
        nonce: Option<&str>,
        subject: &Subject,
    ) -> String {
        let now = self.clock.now().timestamp();
        let mut claims = json!({
            "iss": self.issuer_of(which),
            "aud": client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
        });
        if let Some(nonce) = nonce {
            claims["nonce"] = json!(nonce);
        }
        match subject {
            Subject::Citizen {
                national_number,
                given_name,
                family_name,
                means,
            } => {
                let pairwise = Sha256::digest(format!("fas:{national_number}").as_bytes())[..12]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>();
                claims["sub"] = json!(pairwise);
                claims["national_number"] = json!(national_number);
                claims["given_name"] = json!(given_name);
                claims["family_name"] = json!(family_name);
                claims["name"] = json!(format!("{given_name} {family_name}"));
                claims["acr"] = json!(means);
                claims["amr"] = json!([means]);
            }
            Subject::Staff { username } => {
                let account = self.account(username);
                claims["sub"] = json!(username);
                claims["preferred_username"] = json!(username);
                if let Some(account) = account {
                    claims["name"] = json!(account.name);
                    claims["email"] = json!(account.email);
                    claims["roles"] =
                        json!(account.role.map(role_value).into_iter().collect::<Vec<_>>());
                }
            }
        }
        self.key.sign(&claims)
    }

    /// A new refresh token for this username, kept until it is used.
    fn new_refresh_token(&self, username: &str) -> String {
        let refresh = crate::auth::session::random_secret();
        self.refresh_tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(refresh.clone(), username.to_owned());
        refresh
    }
}

/// `POST …/token`: the authorization code (once, with its PKCE verifier, by the client it
/// was issued to, for the same redirect URI) or a refresh token (municipal provider).
async fn token(
    mocks: Mocks,
    provider: web::Path<String>,
    req: HttpRequest,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let which = Which::parse(&provider)?;
    let form = form.into_inner();
    let client_id = match authenticated_client(&req, &form) {
        Ok(client_id) => client_id,
        Err(description) => return Ok(oauth_error(401, "invalid_client", description)),
    };
    let access_token = crate::auth::session::random_secret();
    Ok(match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => code_grant(&mocks, which, &client_id, &form, access_token),
        Some("refresh_token") if which == Which::Municipal => {
            refresh_grant(&mocks, which, &client_id, &form, access_token)
        }
        _ => oauth_error(
            400,
            "unsupported_grant_type",
            "Use authorization_code or refresh_token.",
        ),
    })
}

/// The client's id once it has proved to be the registered client (with its secret in the
/// form or in Basic authentication); otherwise why it is refused.
fn authenticated_client(
    req: &HttpRequest,
    form: &HashMap<String, String>,
) -> Result<String, &'static str> {
    let Some((client_id, secret)) = client_credentials(req, form) else {
        return Err("Client authentication is required.");
    };
    if client_id != DEMO_CLIENT_ID || secret != DEMO_CLIENT_SECRET {
        return Err("Unknown client or wrong secret.");
    }
    Ok(client_id)
}

/// The authorization code grant: tokens for the person the code was issued for, and a refresh
/// token for staff (the municipal provider lets their session be renewed).
fn code_grant(
    mocks: &MockProviders,
    which: Which,
    client_id: &str,
    form: &HashMap<String, String>,
    access_token: String,
) -> HttpResponse {
    let grant = match redeem_code(mocks, which, client_id, form) {
        Ok(grant) => grant,
        Err(description) => return oauth_error(400, "invalid_grant", description),
    };
    let id_token = mocks.id_token(which, client_id, grant.nonce.as_deref(), &grant.subject);
    let mut answer = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    });
    if let Subject::Staff { username } = &grant.subject {
        answer["refresh_token"] = json!(mocks.new_refresh_token(username));
    }
    token_answer(answer)
}

/// Takes the code out of the store and checks it, in the order a provider does: it exists,
/// it was issued to this client and redirect URI, it has not expired, the PKCE verifier fits.
/// A refusal is why the grant is invalid.
fn redeem_code(
    mocks: &MockProviders,
    which: Which,
    client_id: &str,
    form: &HashMap<String, String>,
) -> Result<Grant, &'static str> {
    let code = form.get("code").cloned().unwrap_or_default();
    // Removed on first use: a replayed code finds nothing.
    let Some(grant) = mocks
        .codes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .remove(&code)
    else {
        return Err("Unknown or already used code.");
    };
    if grant.which != which
        || grant.client_id != client_id
        || form.get("redirect_uri") != Some(&grant.redirect_uri)
    {
        return Err("The code was issued for another client or redirect URI.");
    }
    if grant.expires <= mocks.clock.now() {
        return Err("The code has expired.");
    }
    if !form
        .get("code_verifier")
        .is_some_and(|v| pkce_matches(v, &grant.challenge))
    {
        return Err("The PKCE code verifier does not match.");
    }
    Ok(grant)
}

/// The refresh token grant (municipal provider): each refresh token works once and is
/// replaced, and a disabled account gets no new tokens.
fn refresh_grant(
    mocks: &MockProviders,
    which: Which,
    client_id: &str,
    form: &HashMap<String, String>,
    access_token: String,
) -> HttpResponse {
    let presented = form.get("refresh_token").cloned().unwrap_or_default();
    let Some(username) = mocks
        .refresh_tokens
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .remove(&presented)
    else {
        return oauth_error(
            400,
            "invalid_grant",
            "Unknown or already used refresh token.",
        );
    };
    match mocks.account(&username) {
        Some(account) if !account.disabled => {}
        _ => return oauth_error(400, "invalid_grant", "The account is disabled."),
    }
    let refresh = mocks.new_refresh_token(&username);
    let id_token = mocks.id_token(which, client_id, None, &Subject::Staff { username });
    token_answer(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
        "refresh_token": refresh,
    }))
}

/// A successful answer of the token endpoint; tokens are never cached (RFC 6749 §5.1).
fn token_answer(answer: Value) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(answer)
}

#[derive(Deserialize)]
struct LogoutQuery {
    post_logout_redirect_uri: Option<String>,
}

/// RP-initiated logout: the mocks keep no sign-in session of their own, so this only sends
/// the browser back.
async fn logout(
    mocks: Mocks,
    provider: web::Path<String>,
    query: crate::api::query::Query<LogoutQuery>,
) -> Result<HttpResponse, ApiError> {
    Which::parse(&provider)?;
    let to = query
        .post_logout_redirect_uri
        .clone()
        .filter(|u| mocks.redirect_allowed(u))
        .unwrap_or_else(|| format!("{}/", mocks.public_url));
    Ok(HttpResponse::Found()
        .insert_header((header::LOCATION, to))
        .finish())
}

/// The people of the mock national register a tester can sign in as (the living ones).
async fn test_citizens(mocks: Mocks) -> HttpResponse {
    let items: Vec<Value> = mocks
        .register
        .test_people()
        .into_iter()
        .map(|p| {
            json!({
                "nationalNumber": p.national_number,
                "name": p.display_name(),
                "birthDate": p.birth_date,
            })
        })
        .collect();
    HttpResponse::Ok().json(json!({ "items": items }))
}

fn account_json(a: &Account) -> Value {
    json!({
        "username": a.username,
        "name": a.name,
        "role": a.role.map(Role::as_str),
        "disabled": a.disabled,
    })
}

/// The municipality's accounts the mock provider knows.
async fn accounts(mocks: Mocks) -> HttpResponse {
    let items: Vec<Value> = mocks
        .accounts
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .map(account_json)
        .collect();
    HttpResponse::Ok().json(json!({ "items": items }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountChange {
    disabled: Option<bool>,
    /// `staff`, `police`, `admin`, or null to take the Loket role away.
    #[serde(default, deserialize_with = "serde_with_none::deserialize")]
    role: Option<Option<String>>,
}

/// `Option<Option<T>>` that tells a missing field from `null`.
mod serde_with_none {
    use serde::{Deserialize, Deserializer};
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// What a directory administrator does: disable an account, change or remove its role.
async fn change_account(
    mocks: Mocks,
    username: web::Path<String>,
    body: crate::api::json::Json<AccountChange>,
) -> Result<HttpResponse, ApiError> {
    let change = body.into_inner();
    let role = match &change.role {
        Some(Some(r)) => Some(
            Role::parse(r)
                .filter(|r| *r != Role::Citizen)
                .map(Some)
                .ok_or_else(|| ApiError::field("role", "Use staff, police, admin or null."))?,
        ),
        Some(None) => Some(None),
        None => None,
    };
    let mut accounts = mocks
        .accounts
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let account = accounts
        .iter_mut()
        .find(|a| a.username == username.as_str())
        .ok_or_else(|| ApiError::NotFound("No account has this username.".into()))?;
    if let Some(disabled) = change.disabled {
        account.disabled = disabled;
    }
    if let Some(role) = role {
        account.role = role;
    }
    Ok(HttpResponse::Ok().json(account_json(account)))
}
