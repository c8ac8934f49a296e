//! Sign-in through OpenID Connect: citizens at the federal login, staff and police at the
//! municipality's provider. The browser is sent to the provider and comes back to
//! `/api/v1/auth/callback`, which opens a server-side session in an `HttpOnly` cookie.
use super::query::Query;
use crate::adapters::federal_login::AuthMeans;
use crate::auth::oidc::{self, OidcError, ProviderKind};
use crate::auth::session::{self, Kind, Start};
use crate::auth::{client_address, user_agent, AuthUser};
use crate::db::{self, audit, sessions, users};
use crate::domain::audit::{Actor, AuditEntity, AuditEvent};
use crate::domain::history::{
    AccessDetails, SignInFailedDetails, SignedInDetails, SignedOutDetails,
};
use crate::domain::national_number::NationalNumber;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::rate_limit::Limit;
use crate::startup::AppState;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_means)
        .service(citizen_login)
        .service(staff_login)
        .service(callback)
        .service(session_info)
        .service(logout);
}

/// How long a sign-in may take at the provider.
const LOGIN_TTL_MINUTES: i64 = 10;

/// A signed-in user as the API shows it. No national register number: the browser keeps
/// nothing that identifies a person beyond the name shown on screen.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    pub role: Role,
    pub name: String,
    #[schema(required = true)]
    pub email: Option<String>,
    /// How the user signed in: `eid`, `itsme`, `mobile_app`, `federal_token` (citizens),
    /// `municipal_login` (staff, police), `development` (development tokens), `unknown`.
    #[schema(required = true)]
    pub auth_means: Option<String>,
}

impl From<&AuthUser> for User {
    fn from(user: &AuthUser) -> Self {
        Self {
            id: user.id,
            role: user.role,
            name: user.name.clone(),
            email: user.email.clone(),
            auth_means: Some(user.amr.clone()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <accessToken>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires (sooner when the session ends: sign-out, idle).
    pub expires_in: i64,
    pub user: User,
}

/// Opens a bearer-token session (API clients and the development helper) and audits it.
pub fn issue_bearer(
    state: &AppState,
    conn: &mut db::DbConnection,
    row: users::UserRow,
    role: Role,
    means: &str,
) -> ApiResult<TokenResponse> {
    let now = state.clock.now();
    users::touch_login(conn, row.id, now.naive_utc())?;
    let started = session::start(
        conn,
        &state.config,
        now.naive_utc(),
        Start {
            user_id: row.id,
            role,
            means,
            kind: Kind::Bearer,
            provider: None,
            refresh_token: None,
        },
    )?;
    let details = AccessDetails::SignedIn(SignedInDetails {
        means: means.to_owned(),
        session: Kind::Bearer,
        provider: None,
        address: None,
        user_agent: None,
    });
    let actor = Some((row.id, role, row.display_name.as_str()));
    record(conn, now.naive_utc(), actor, None, details)?;
    let access_token = state
        .jwt
        .issue(row.id, &started.secret, role, now)
        .map_err(ApiError::internal)?;
    let expires_in = (started.row.expires_at - now.naive_utc()).num_seconds();
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: expires_in.min(state.jwt.ttl_seconds()),
        user: User {
            id: row.id,
            role,
            name: row.display_name,
            email: row.email,
            auth_means: Some(means.to_owned()),
        },
    })
}

/// An audit event about signing in or out (its action is its details' kind).
fn record(
    conn: &mut db::DbConnection,
    at: NaiveDateTime,
    actor: Option<(i64, Role, &str)>,
    reason: Option<&str>,
    details: AccessDetails,
) -> ApiResult<()> {
    let (actor, id) = match actor {
        Some((id, role, name)) => (Actor::signed_in(role, id, name), id.to_string()),
        None => (Actor::anonymous("anonymous"), "-".to_owned()),
    };
    let event = AuditEvent::new(&actor, details.action(), AuditEntity::User, &id)
        .reason(reason)
        .details(details);
    audit::record(conn, at, &event)?;
    Ok(())
}

#[derive(Serialize, ToSchema)]
pub struct Means {
    code: AuthMeans,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeansList {
    items: Vec<Means>,
}

/// The means the federal login offers: eID card reader, itsme, mobile app, federal token.
#[utoipa::path(tag = "auth", responses((status = 200, body = MeansList)))]
#[get("/auth/federal/means")]
async fn list_means() -> HttpResponse {
    let items = AuthMeans::ALL
        .into_iter()
        .map(|m| Means {
            code: m,
            name: m.label().into(),
        })
        .collect();
    HttpResponse::Ok().json(MeansList { items })
}

/// Only paths of this service: never another origin, so `returnTo` cannot send people away.
fn safe_return(path: Option<&str>) -> Option<String> {
    let path = path?.trim();
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 512
        && !path.chars().any(|c| c.is_control());
    ok.then(|| path.to_owned())
}

/// Where a role starts when it did not come from a page.
fn home_for(role: Role) -> &'static str {
    match role {
        Role::Citizen => "/",
        Role::Staff | Role::Admin | Role::Client => "/behandelportaal",
        Role::Police => "/politie",
    }
}

/// The SPA's page that explains a failed sign-in.
fn failure(kind: ProviderKind, code: &str, return_to: Option<&str>) -> HttpResponse {
    let mut url = format!("/aanmelden/mislukt?code={code}&for={}", kind.as_str());
    if let Some(path) = return_to {
        url.push_str("&returnTo=");
        url.push_str(&url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>());
    }
    see_other(&url)
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct CitizenLoginQuery {
    /// The means the citizen chose; passed on to the federal login as `acr_values`.
    means: Option<AuthMeans>,
    /// The page of this service to come back to, e.g. `/aanvragen/bewijs-van-woonst/gegevens`.
    return_to: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct StaffLoginQuery {
    /// The page of this service to come back to.
    return_to: Option<String>,
}

/// Starts a citizen's sign-in: redirects the browser to the federal login.
#[utoipa::path(
    tag = "auth",
    params(CitizenLoginQuery),
    responses(
        (status = 302, description = "To the federal login's authorization endpoint (authorization code flow with PKCE, state and nonce)", headers(("Location" = String))),
        (status = 303, description = "The federal login cannot be reached: to the SPA's page `/aanmelden/mislukt?code=provider_unavailable`", headers(("Location" = String))),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[get("/auth/citizen/login")]
async fn citizen_login(
    state: web::Data<AppState>,
    query: Query<CitizenLoginQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let means = query.means.map(AuthMeans::code);
    begin(
        &state,
        &req,
        ProviderKind::Citizen,
        means,
        safe_return(query.return_to.as_deref()),
    )
    .await
}

/// Starts a staff member's or police officer's sign-in: redirects the browser to the
/// municipality's provider.
#[utoipa::path(
    tag = "auth",
    params(StaffLoginQuery),
    responses(
        (status = 302, description = "To the municipal provider's authorization endpoint", headers(("Location" = String))),
        (status = 303, description = "The provider cannot be reached: to the SPA's page `/aanmelden/mislukt?code=provider_unavailable`", headers(("Location" = String))),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[get("/auth/staff/login")]
async fn staff_login(
    state: web::Data<AppState>,
    query: Query<StaffLoginQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let return_to = safe_return(query.into_inner().return_to.as_deref());
    begin(&state, &req, ProviderKind::Staff, None, return_to).await
}

async fn begin(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    kind: ProviderKind,
    means: Option<&'static str>,
    return_to: Option<String>,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(state, req, Limit::SignIn)?;
    let begun = match state.oidc.get(kind).begin(means).await {
        Ok(begun) => begun,
        Err(e) => {
            tracing::warn!(provider = kind.as_str(), error = %e, "sign-in could not start");
            let (address, agent) = (client_address(req, &state.config), user_agent(req));
            let now = state.clock.now_naive();
            db::run(&state.pool, move |conn| {
                let details = AccessDetails::SignInFailed(SignInFailedDetails {
                    provider: kind,
                    reason: None,
                    address,
                    user_agent: agent,
                });
                record(conn, now, None, Some("provider_unavailable"), details)
            })
            .await?;
            return Ok(failure(kind, "provider_unavailable", return_to.as_deref()));
        }
    };
    let now = state.clock.now_naive();
    let url = begun.url.clone();
    let mut states = vec![begun.state.clone()];
    states.extend(session::sign_in_states(req, &state.config));
    states.truncate(session::SIGN_INS_KEPT);
    db::run(&state.pool, move |conn| {
        sessions::insert_login(
            conn,
            &sessions::NewLogin {
                state: &begun.state,
                provider: kind,
                nonce: &begun.nonce,
                pkce_verifier: &begun.pkce_verifier,
                means,
                return_to: return_to.as_deref().unwrap_or(""),
                created_at: now,
                expires_at: now + Duration::minutes(LOGIN_TTL_MINUTES),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Found()
        .insert_header((header::LOCATION, url))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(session::sign_in_cookie(&state.config, &states))
        .finish())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code.
    code: Option<String>,
    /// The state this service sent; names the sign-in.
    state: Option<String>,
    /// Set by the provider when the sign-in did not happen (`access_denied`: cancelled).
    error: Option<String>,
    /// The provider that answers (RFC 9207); when present it must be the one the sign-in went to.
    iss: Option<String>,
}

/// Who the provider says signed in, mapped to a local account.
struct SignedIn {
    user: users::UserRow,
    role: Role,
    means: String,
}

/// Why a verified sign-in is still refused.
struct Refusal {
    code: &'static str,
    reason: String,
}

fn refuse(code: &'static str, reason: impl Into<String>) -> Refusal {
    Refusal {
        code,
        reason: reason.into(),
    }
}

fn first_claim(claims: &Value, name: &str) -> Option<String> {
    match oidc::claim(claims, name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Array(items)) => items.iter().find_map(|v| v.as_str().map(str::to_owned)),
        _ => None,
    }
}

/// The citizen's account from the federal login's claims: their national register number,
/// their name and e-mail from the national register (the token's name when it cannot say).
async fn citizen_account(
    state: &web::Data<AppState>,
    claims: &Value,
) -> Result<Result<SignedIn, Refusal>, ApiError> {
    let settings = &state.oidc.citizen.settings;
    let Some(number) = first_claim(claims, &settings.subject_claim)
        .and_then(|raw| NationalNumber::parse(&raw).ok())
    else {
        return Ok(Err(refuse(
            "sign_in_failed",
            format!(
                "the ID token has no valid national register number in '{}'",
                settings.subject_claim
            ),
        )));
    };
    let Some(means) = oidc::mapped(claims, &settings.means_claim, &settings.means_values)
        .into_iter()
        .next()
    else {
        return Ok(Err(refuse(
            "sign_in_failed",
            format!(
                "the means in '{}' is not one Loket accepts ({:?})",
                settings.means_claim,
                oidc::claim_strings(claims, &settings.means_claim)
            ),
        )));
    };
    let token_name = first_claim(claims, "name").or_else(|| {
        let given = first_claim(claims, "given_name")?;
        Some(match first_claim(claims, "family_name") {
            Some(family) => format!("{given} {family}"),
            None => given,
        })
    });
    let register = state.adapters.national_register.clone();
    let lookup = number.clone();
    let person = web::block(move || register.person(&lookup))
        .await
        .map_err(ApiError::internal)?;
    let (name, email) = match person {
        Ok(Some(person)) => (person.display_name(), person.email),
        Ok(None) | Err(_) => (token_name.unwrap_or_else(|| "Burger".into()), None),
    };
    let now = state.clock.now_naive();
    let user = db::run(&state.pool, move |conn| {
        let number = number.as_str().to_owned();
        Ok(users::upsert(
            conn,
            users::UserKey::NationalNumber(&number),
            users::NewUser {
                role: Role::Citizen,
                username: None,
                national_number: Some(&number),
                display_name: &name,
                email: email.as_deref(),
                created_at: now,
            },
        )?)
    })
    .await?;
    Ok(Ok(SignedIn {
        user,
        role: Role::Citizen,
        means,
    }))
}

/// The staff account from the municipal provider's claims; refused without a Loket role.
async fn staff_account(
    state: &web::Data<AppState>,
    claims: &Value,
) -> Result<Result<SignedIn, Refusal>, ApiError> {
    let settings = &state.oidc.staff.settings;
    let Some(username) = first_claim(claims, &settings.subject_claim).map(|u| u.to_lowercase())
    else {
        return Ok(Err(refuse(
            "sign_in_failed",
            format!(
                "the ID token has no username in '{}'",
                settings.subject_claim
            ),
        )));
    };
    let Some(role) = oidc::staff_role(claims, settings) else {
        return Ok(Err(refuse(
            "role_missing",
            format!(
                "the account '{username}' has no Loket role in '{}'",
                settings.role_claim
            ),
        )));
    };
    let name = first_claim(claims, "name").unwrap_or_else(|| username.clone());
    let email = first_claim(claims, "email");
    let now = state.clock.now_naive();
    let subject = format!(
        "{} {}",
        first_claim(claims, "iss").unwrap_or_default(),
        first_claim(claims, "sub").unwrap_or_default()
    );
    let user = db::run(&state.pool, move |conn| {
        Ok(db::write_transaction(conn, |conn| {
            users::upsert_staff(
                conn,
                &subject,
                users::NewUser {
                    role: role.account_kind(),
                    username: Some(&username),
                    national_number: None,
                    display_name: &name,
                    email: email.as_deref(),
                    created_at: now,
                },
            )
        })?)
    })
    .await?;
    Ok(Ok(SignedIn {
        user,
        role,
        means: "municipal_login".into(),
    }))
}

/// Where the providers send the browser back. Completes the sign-in once: checks the state,
/// exchanges the code (with the PKCE verifier), verifies the ID token (signature, issuer,
/// audience, expiry, nonce), maps the person to an account, and opens a session.
#[utoipa::path(
    tag = "auth",
    params(CallbackQuery),
    responses(
        (status = 303, description = "Signed in: to the page the sign-in started from, with the session cookie set. Not signed in: to the SPA's page `/aanmelden/mislukt?code=…` (`access_denied`, `provider_unavailable`, `sign_in_failed`, `sign_in_expired`, `role_missing`)", headers(("Location" = String), ("Set-Cookie" = String))),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[get("/auth/callback")]
async fn callback(
    state: web::Data<AppState>,
    query: Query<CallbackQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::SignIn)?;
    let now = state.clock.now_naive();
    let client = (client_address(&req, &state.config), user_agent(&req));
    match complete_sign_in(&state, &req, query.into_inner(), now, &client).await? {
        Ok(response) => Ok(response),
        Err(failed) => {
            tracing::info!(
                provider = failed.kind.as_str(),
                code = failed.refusal.code,
                "sign-in refused (see the audit trail)"
            );
            let (address, agent) = client;
            let (kind, code, reason) = (failed.kind, failed.refusal.code, failed.refusal.reason);
            db::run(&state.pool, move |conn| {
                let details = AccessDetails::SignInFailed(SignInFailedDetails {
                    provider: kind,
                    reason: Some(reason),
                    address,
                    user_agent: agent,
                });
                record(conn, now, None, Some(code), details)
            })
            .await?;
            Ok(failure(kind, code, failed.return_to.as_deref()))
        }
    }
}

/// A sign-in that did not succeed: for which provider, why, and where to go back to.
struct Failed {
    kind: ProviderKind,
    refusal: Refusal,
    return_to: Option<String>,
}

type Attempt<T> = ApiResult<Result<T, Failed>>;

/// The sign-in the callback's `state` names, spent now; only the browser that started it may
/// finish it (the state is not spent otherwise, so a foreign link cannot use it up either).
async fn take_login(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    login_state: Option<String>,
    now: NaiveDateTime,
) -> Attempt<(sessions::LoginRow, Vec<String>)> {
    let failed = |kind, code, reason: &str, return_to| Failed {
        kind,
        refusal: refuse(code, reason),
        return_to,
    };
    let Some(login_state) = login_state.filter(|s| !s.is_empty() && s.len() <= 256) else {
        return Ok(Err(failed(
            ProviderKind::Citizen,
            "sign_in_failed",
            "no state",
            None,
        )));
    };
    // Which provider and page the sign-in was for, so a refusal leads back to the right page.
    let lookup = login_state.clone();
    let known = db::run(&state.pool, move |conn| {
        Ok(sessions::find_login(conn, &lookup)?)
    })
    .await?;
    let (kind, return_to) = match &known {
        Some(row) => (
            row.provider,
            Some(row.return_to.clone()).filter(|p| !p.is_empty()),
        ),
        None => (ProviderKind::Citizen, None),
    };
    let started_here = session::sign_in_states(req, &state.config);
    if !started_here
        .iter()
        .any(|s| session::same_secret(s, &login_state))
    {
        let reason = "the sign-in was not started in this browser (or was finished already)";
        return Ok(Err(failed(kind, "sign_in_expired", reason, return_to)));
    }
    // The sign-ins still under way in this browser (other tabs).
    let others = started_here
        .into_iter()
        .filter(|s| !session::same_secret(s, &login_state))
        .collect();
    let outcome = db::run(&state.pool, move |conn| {
        Ok(sessions::take_login(conn, &login_state, now)?)
    })
    .await?;
    Ok(match outcome {
        sessions::LoginOutcome::Valid(login) => Ok((login, others)),
        sessions::LoginOutcome::Unknown => Err("unknown state"),
        sessions::LoginOutcome::Used => Err("state used before (replay)"),
        sessions::LoginOutcome::Expired => Err("the sign-in took too long"),
    }
    .map_err(|reason| failed(kind, "sign_in_expired", reason, return_to)))
}

/// What the provider answered, before any token is fetched: an error, a mix-up, or the code.
fn answered_code(
    state: &AppState,
    query: CallbackQuery,
    kind: ProviderKind,
) -> Result<String, Refusal> {
    if let Some(error) = query.error {
        // Only a plain error code goes into the audit trail.
        let error: String = if !error.is_empty()
            && error.len() <= 64
            && error.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        {
            error
        } else {
            "unreadable_error".into()
        };
        let code = if error == "access_denied" {
            "access_denied"
        } else {
            "sign_in_failed"
        };
        return Err(refuse(code, format!("the provider answered {error}")));
    }
    if query
        .iss
        .as_deref()
        .is_some_and(|iss| iss != state.oidc.get(kind).issuer())
    {
        return Err(refuse(
            "sign_in_failed",
            "the answer came from another provider (mix-up)",
        ));
    }
    query
        .code
        .filter(|c| !c.is_empty())
        .ok_or_else(|| refuse("sign_in_failed", "no code"))
}

/// Checks the answer, fetches and verifies the tokens, and finds the account.
async fn verify(
    state: &web::Data<AppState>,
    query: CallbackQuery,
    login: &sessions::LoginRow,
) -> ApiResult<Result<(SignedIn, Option<String>), Refusal>> {
    let kind = login.provider;
    let code = match answered_code(state, query, kind) {
        Ok(code) => code,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let verified = match state
        .oidc
        .get(kind)
        .complete(&code, &login.nonce, &login.pkce_verifier)
        .await
    {
        Ok(verified) => verified,
        Err(OidcError::Unavailable(e)) => return Ok(Err(refuse("provider_unavailable", e))),
        Err(e) => return Ok(Err(refuse("sign_in_failed", e.to_string()))),
    };
    let account = match kind {
        ProviderKind::Citizen => citizen_account(state, &verified.claims).await?,
        ProviderKind::Staff => staff_account(state, &verified.claims).await?,
    };
    // Only staff sessions are checked again with the provider; a citizen's refresh token
    // would be kept for nothing.
    let refresh_token = verified
        .refresh_token
        .filter(|_| kind == ProviderKind::Staff);
    Ok(account.map(|signed_in| (signed_in, refresh_token)))
}

/// Opens the session (ending the one this browser had) and records the sign-in.
async fn open_session(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    (signed_in, refresh_token): (SignedIn, Option<String>),
    kind: ProviderKind,
    now: NaiveDateTime,
    (address, agent): (String, String),
) -> ApiResult<(String, Role)> {
    let for_db = state.clone();
    // A session this browser still had (someone else's, on a shared computer) ends now.
    let previous = req
        .cookie(session::cookie_name(&state.config))
        .map(|c| session::storage_id(c.value()));
    db::run(&state.pool, move |conn| {
        let SignedIn { user, role, means } = signed_in;
        users::touch_login(conn, user.id, now)?;
        if let Some(previous) = previous {
            sessions::end(conn, &previous, now, "replaced")?;
        }
        let start = Start {
            user_id: user.id,
            role,
            means: &means,
            kind: Kind::Cookie,
            provider: Some(kind),
            refresh_token: refresh_token.as_deref(),
        };
        let started = session::start(conn, &for_db.config, now, start)?;
        let details = AccessDetails::SignedIn(SignedInDetails {
            means,
            session: Kind::Cookie,
            provider: Some(kind),
            address: Some(address),
            user_agent: Some(agent),
        });
        let actor = Some((user.id, role, user.display_name.as_str()));
        record(conn, now, actor, None, details)?;
        Ok((started.secret, role))
    })
    .await
}

/// The callback's work; a refusal is answered by the caller.
async fn complete_sign_in(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    query: CallbackQuery,
    now: NaiveDateTime,
    client: &(String, String),
) -> Attempt<HttpResponse> {
    let (login, others) = match take_login(state, req, query.state.clone(), now).await? {
        Ok(taken) => taken,
        Err(failed) => return Ok(Err(failed)),
    };
    let kind = login.provider;
    let return_to = Some(login.return_to.clone()).filter(|p| !p.is_empty());
    let account = match verify(state, query, &login).await? {
        Ok(account) => account,
        Err(refusal) => {
            return Ok(Err(Failed {
                kind,
                refusal,
                return_to,
            }))
        }
    };
    let (secret, role) = open_session(state, req, account, kind, now, client.clone()).await?;
    let to = return_to.unwrap_or_else(|| home_for(role).to_owned());
    Ok(Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(session::cookie(&state.config, &secret))
        .cookie(session::sign_in_cookie(&state.config, &others))
        .finish()))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// The signed-in user; null when nobody is signed in (or the session ended).
    #[schema(required = true)]
    user: Option<User>,
    /// Send as the `X-CSRF-Token` header on every POST, PUT, PATCH and DELETE of this session.
    #[schema(required = true)]
    csrf_token: Option<String>,
    /// When the session ends at the latest, used or not.
    #[schema(required = true)]
    expires_at: Option<DateTime<Utc>>,
    /// The session ends after this many minutes without a request.
    idle_minutes: i64,
    /// Why the session this browser had no longer works (`session_expired`,
    /// `session_ended`); null when it had none or it still works.
    #[schema(required = true)]
    ended: Option<ErrorCode>,
}

/// Who is signed in in this browser, with the CSRF token the SPA sends back on changes.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, body = SessionInfo)),
)]
#[get("/auth/session")]
async fn session_info(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let (user, ended) = match crate::auth::extractor_authenticate(&req).await {
        Ok(user) => (user, None),
        Err(ApiError::Unauthorized { code, .. }) => (None, Some(code)),
        Err(e) => return Err(e),
    };
    let info = SessionInfo {
        csrf_token: user.as_ref().map(|u| u.csrf_token.clone()),
        expires_at: user.as_ref().map(|u| Utc.from_utc_datetime(&u.expires_at)),
        user: user.as_ref().map(User::from),
        idle_minutes: state.config.sessions.idle_minutes,
        ended,
    };
    let mut response = HttpResponse::Ok();
    response.insert_header((header::CACHE_CONTROL, "no-store"));
    if ended.is_some() {
        response.cookie(session::removal_cookie(&state.config));
    }
    Ok(response.json(info))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogoutResponse {
    /// Where to send the browser to end the sign-in at the provider too; null when the
    /// provider offers no such thing or the session was not signed in through one.
    #[schema(required = true)]
    provider_logout_url: Option<String>,
}

/// Signs out: ends the session on the server (the cookie or token no longer works anywhere)
/// and makes the browser forget the cookie. Signing out twice is no error.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, body = LogoutResponse),
        (status = 403, description = "A cookie session without its CSRF token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
async fn logout(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let user = match crate::auth::extractor_authenticate(&req).await {
        Ok(user) => user,
        Err(ApiError::Unauthorized { .. }) => None,
        Err(e) => return Err(e),
    };
    let mut provider_logout_url = None;
    if let Some(user) = user {
        let now = state.clock.now_naive();
        let (address, agent) = (client_address(&req, &state.config), user_agent(&req));
        let session_id = user.session_id.clone();
        let (id, role, name, means) = (user.id, user.role, user.name.clone(), user.amr.clone());
        db::run(&state.pool, move |conn| {
            sessions::end(conn, &session_id, now, "signed_out")?;
            let details = AccessDetails::SignedOut(SignedOutDetails {
                means,
                address,
                user_agent: agent,
            });
            record(conn, now, Some((id, role, &name)), None, details)
        })
        .await?;
        if let Some(kind) = user.provider {
            let back = format!("{}/", state.public_url());
            provider_logout_url = state.oidc.get(kind).logout_url(&back).await;
        }
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(session::removal_cookie(&state.config))
        .json(LogoutResponse {
            provider_logout_url,
        }))
}

/// Keeps the local account of a directory entry in step with the directory.
pub fn sync_staff_account(
    conn: &mut db::DbConnection,
    account: &crate::adapters::staff_directory::StaffAccount,
    now: chrono::NaiveDateTime,
) -> ApiResult<users::UserRow> {
    Ok(users::upsert(
        conn,
        users::UserKey::Username(&account.username),
        users::NewUser {
            role: account.role.account_kind(),
            username: Some(&account.username),
            national_number: None,
            display_name: &account.name,
            email: Some(&account.email),
            created_at: now,
        },
    )?)
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn return_paths_stay_on_this_service() {
        assert_eq!(
            safe_return(Some("/aanvragen/x?y=1")).as_deref(),
            Some("/aanvragen/x?y=1")
        );
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "aanvragen",
            "/a\nb",
        ] {
            assert_eq!(safe_return(Some(bad)), None, "{bad}");
        }
        assert_eq!(safe_return(None), None);
    }
}
