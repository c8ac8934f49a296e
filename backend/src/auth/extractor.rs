//! The signed-in user of a request: from the session cookie (the SPA) or a bearer token (API
//! clients, tests). Both name a server-side session, which is checked on every request.
use super::jwt::TokenError;
use super::oidc::{self, OidcError};
use super::session::{self, Invalid, CSRF_HEADER};
use crate::config::Config;
use crate::db::{self, audit, sessions, users};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::history::{AccessDetails, SessionEndedDetails};
use crate::domain::role::Role;
use crate::domain::role::{Provider, SessionKind};
use crate::error::{ApiError, ErrorCode};
use crate::startup::AppState;
use actix_web::http::Method;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpMessage, HttpRequest};
use chrono::Duration;
use futures_util::future::LocalBoxFuture;

/// The signed-in user of a request.
#[derive(Clone)]
pub struct AuthUser {
    pub id: i64,
    pub role: Role,
    pub name: String,
    pub national_number: Option<String>,
    pub email: Option<String>,
    /// How the user signed in: eid, itsme, mobile_app, federal_token, municipal_login, …
    pub amr: String,
    /// The session's storage id (the hash of its secret).
    pub session_id: String,
    /// Signed in through the browser's cookie (rather than a bearer token).
    pub via_cookie: bool,
    /// The session's CSRF token (cookie sessions send it back on unsafe requests).
    pub csrf_token: String,
    /// When the session ends at the latest.
    pub expires_at: chrono::NaiveDateTime,
    /// The OpenID Connect provider that signed the user in (`citizen`, `staff`).
    pub provider: Option<Provider>,
    /// An API client (role `client`): its scopes and document types.
    pub client: Option<super::client::ClientGrant>,
}

/// Never prints the national number or the CSRF token.
impl std::fmt::Debug for AuthUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthUser")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("via_cookie", &self.via_cookie)
            .finish_non_exhaustive()
    }
}

impl From<&AuthUser> for crate::domain::audit::Actor {
    fn from(user: &AuthUser) -> Self {
        Self::signed_in(user.role, user.id, &user.name)
    }
}

impl AuthUser {
    /// The API client's row id, when an API client is calling.
    pub fn client_id(&self) -> Option<i64> {
        self.client.as_ref().map(|c| c.id)
    }

    /// Whether the user may see requests of this document type (an API client can be
    /// restricted to some; everyone else is not).
    pub fn may_see_type(&self, code: &str) -> bool {
        self.client.as_ref().is_none_or(|c| c.may_see_type(code))
    }

    /// Fails with 403 unless the user has one of `roles` (an admin may act as staff).
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.iter().any(|r| self.role.grants(*r)) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "This needs a {} account; you are signed in as {}.",
                roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
                self.role.as_str()
            )))
        }
    }
}

/// The address a request came from, for the audit trail: the TCP peer, or what the proxy
/// says when `TRUST_PROXY_HEADERS=true`.
pub fn client_address(req: &HttpRequest, config: &Config) -> String {
    let info = req.connection_info();
    let address = if config.trust_proxy_headers {
        info.realip_remote_addr().map(str::to_owned)
    } else {
        req.peer_addr().map(|a| a.ip().to_string())
    };
    address.unwrap_or_else(|| "unknown".into())
}

/// The browser's `User-Agent`, cut to a sensible length.
pub fn user_agent(req: &HttpRequest) -> String {
    req.headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(256)
        .collect()
}

fn unauthorized(code: ErrorCode, detail: &str) -> ApiError {
    ApiError::Unauthorized {
        code,
        detail: detail.into(),
    }
}

fn invalid(why: Invalid) -> ApiError {
    match why {
        Invalid::Ended => unauthorized(
            ErrorCode::SessionEnded,
            "This session has ended (signed out, or ended by the municipality): sign in again.",
        ),
        Invalid::Expired => unauthorized(
            ErrorCode::SessionExpired,
            "Your session has expired: sign in again.",
        ),
    }
}

enum Credential {
    Cookie(String),
    Bearer(String),
}

fn credential(req: &HttpRequest, state: &AppState) -> Result<Option<Credential>, ApiError> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or_else(|| {
                unauthorized(
                    ErrorCode::InvalidToken,
                    "The Authorization header must be 'Bearer <token>'.",
                )
            })?;
        let claims = state
            .jwt
            .verify(token, state.clock.now())
            .map_err(|e| match e {
                TokenError::Expired => unauthorized(
                    ErrorCode::TokenExpired,
                    "Your session has expired: sign in again.",
                ),
                TokenError::Invalid => unauthorized(
                    ErrorCode::InvalidToken,
                    "The token is not valid: sign in again.",
                ),
            })?;
        return Ok(Some(Credential::Bearer(claims.sid)));
    }
    Ok(req
        .cookie(session::cookie_name(&state.config))
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
        .map(Credential::Cookie))
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The signed-in user, `None` without any credential; a credential that does not (or no
/// longer) work is refused, never silently ignored.
pub async fn authenticate(req: &HttpRequest) -> Result<Option<AuthUser>, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    // An API client's token was checked by the gate (`auth::client::gate`) already.
    if let Some(user) = req.extensions().get::<AuthUser>() {
        return Ok(Some(user.clone()));
    }
    let Some(credential) = credential(req, &state)? else {
        return Ok(None);
    };
    let (secret, via_cookie) = match credential {
        Credential::Cookie(secret) => (secret, true),
        Credential::Bearer(sid) => (sid, false),
    };
    let id = session::storage_id(&secret);
    let now = state.clock.now_naive();
    let for_db = state.clone();
    let loaded = db::run(&state.pool, move |conn| {
        let Some(row) = sessions::find(conn, &id)? else {
            return Ok(Err(Invalid::Ended));
        };
        if (row.kind == SessionKind::Cookie) != via_cookie {
            return Ok(Err(Invalid::Ended));
        }
        if let Err(why) = session::check(conn, &for_db.config, &row, now)? {
            return Ok(Err(why));
        }
        let user = users::by_id(conn, row.user_id)?.ok_or(diesel::result::Error::NotFound)?;
        Ok(Ok((row, user)))
    })
    .await?;
    let (row, user) = loaded.map_err(invalid)?;
    if via_cookie && is_unsafe(req.method()) {
        match req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
            None => {
                return Err(ApiError::ForbiddenCoded {
                    code: ErrorCode::CsrfTokenMissing,
                    detail: format!(
                        "Send the session's CSRF token in the {CSRF_HEADER} header \
                         (from GET /api/v1/auth/session)."
                    ),
                })
            }
            Some(sent) if !session::same_secret(sent, &row.csrf_token) => {
                return Err(ApiError::ForbiddenCoded {
                    code: ErrorCode::CsrfTokenInvalid,
                    detail: format!(
                        "The {CSRF_HEADER} header does not match this session: reload the page."
                    ),
                })
            }
            Some(_) => {}
        }
    }
    let role = row.role;
    let every = Duration::minutes(state.config.sessions.recheck_minutes);
    if row.provider == Some(Provider::Staff)
        && (now - row.checked_at >= every || now - row.verified_at >= every * 3)
    {
        recheck(&state, &row, role).await?;
    }
    Ok(Some(AuthUser {
        id: user.id,
        role,
        name: user.display_name,
        national_number: user.national_number,
        email: user.email,
        amr: row.means,
        session_id: row.id,
        via_cookie,
        csrf_token: row.csrf_token,
        expires_at: row.expires_at,
        provider: row.provider,
        client: None,
    }))
}

/// Asks the municipal provider again whether the account and its role still stand; ends the
/// session when they do not. One request of a session does this at a time.
async fn recheck(
    state: &web::Data<AppState>,
    row: &sessions::SessionRow,
    role: Role,
) -> Result<(), ApiError> {
    let now = state.clock.now_naive();
    let (id, since) = (row.id.clone(), row.checked_at);
    let won = db::run(&state.pool, move |conn| {
        Ok(sessions::claim_check(conn, &id, since, now)?)
    })
    .await?;
    if !won {
        return Ok(());
    }
    let outcome = match row.refresh_token.as_deref() {
        None => Err("the provider gave no refresh token to check the account with".to_owned()),
        Some(refresh) => match state.oidc.staff.refresh(refresh).await {
            Ok((claims, next)) => {
                let current = claims
                    .as_ref()
                    .map(|c| oidc::staff_role(c, &state.oidc.staff.settings));
                match current {
                    Some(Some(r)) if r == role => Ok(next),
                    None => Ok(next),
                    Some(Some(r)) => Err(format!("the role changed to {}", r.as_str())),
                    Some(None) => Err("the account no longer has a Loket role".to_owned()),
                }
            }
            Err(OidcError::Unavailable(e)) => {
                // Staff keep working through a short outage of their provider, but not for
                // longer than three checks: a withdrawn account must not outlast it.
                let grace = Duration::minutes(state.config.sessions.recheck_minutes) * 3;
                if now - row.verified_at < grace {
                    tracing::warn!(error = %e, "staff session could not be checked with the provider");
                    return Ok(());
                }
                Err(format!(
                    "the provider could not confirm the account for {} minutes",
                    grace.num_minutes()
                ))
            }
            Err(e) => Err(e.to_string()),
        },
    };
    let (id, user_id) = (row.id.clone(), row.user_id);
    let ended = db::run(&state.pool, move |conn| match outcome {
        Ok(next) => {
            sessions::checked(conn, &id, now, next.as_deref())?;
            Ok(false)
        }
        Err(reason) => {
            sessions::end(conn, &id, now, "not_confirmed")?;
            let system = Actor::system();
            let user = user_id.to_string();
            let details = AccessDetails::SessionEnded(SessionEndedDetails {
                provider: Provider::Staff,
                reason: reason.clone(),
            });
            let event =
                AuditEvent::new(&system, AuditAction::SessionEnded, AuditEntity::User, &user)
                    .reason(Some(&reason))
                    .details(details);
            audit::record(conn, now, &event)?;
            Ok(true)
        }
    })
    .await?;
    if ended {
        Err(invalid(Invalid::Ended))
    } else {
        Ok(())
    }
}

/// The signed-in user when the request carries a credential; anonymous when it carries none.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<AuthUser>);

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await.map(MaybeUser) })
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            authenticate(&req).await?.ok_or_else(|| {
                unauthorized(
                    ErrorCode::Unauthenticated,
                    "Sign in first (or send 'Authorization: Bearer <token>').",
                )
            })
        })
    }
}
