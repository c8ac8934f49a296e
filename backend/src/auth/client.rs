//! API clients: OAuth 2.0 client credentials (RFC 6749 §4.4), their scopes, and the gate every
//! call with a client's token passes: the token must still stand (client on, secret not
//! revoked), the operation must name the scope in its OpenAPI `security`, and the call is
//! written to the audit trail under the client's name.
use super::extractor::AuthUser;
use super::jwt::{ClientClaims, TokenError};
use crate::api::problems::ClientAccess;
use crate::db::{self, audit, clients};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::role::Role;
use crate::domain::scope::Scope;
use crate::error::{ApiError, ErrorCode};
use crate::startup::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, ResponseError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;

/// How long an access token lasts.
pub const TOKEN_MINUTES: i64 = 15;

/// What an API client may do, as its token and its current settings allow.
#[derive(Debug, Clone)]
pub struct ClientGrant {
    /// The client's row id.
    pub id: i64,
    /// The public client id (`lk_…`).
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// `None`: every document type.
    pub document_types: Option<Vec<String>>,
}

impl ClientGrant {
    pub fn has(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    pub fn may_see_type(&self, code: &str) -> bool {
        self.document_types
            .as_ref()
            .is_none_or(|types| types.iter().any(|t| t == code))
    }
}

fn random(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// A new public client id.
pub fn new_client_id() -> String {
    format!("lk_{}", uuid::Uuid::new_v4().simple())
}

/// A new client secret (256 random bits), shown once.
pub fn new_secret() -> String {
    format!("lks_{}", random(32))
}

/// The argon2id hash kept of a secret (PHC string, with its salt and parameters).
pub fn hash_secret(secret: &str) -> Result<String, ApiError> {
    let salt = SaltString::encode_b64(random(16).as_bytes())
        .map_err(|e| ApiError::internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("argon2: {e}")))
}

/// Whether `secret` is the one `hash` was made of (in constant time).
pub fn secret_matches(hash: &str, secret: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok()
    })
}

/// The last four characters, so an admin can tell secrets apart.
pub fn hint(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

fn unauthorized(code: ErrorCode, detail: &str) -> ApiError {
    ApiError::Unauthorized {
        code,
        detail: detail.into(),
    }
}

fn bearer(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(|t| t.trim().to_owned())
}

/// The client behind a verified token, if the token still stands.
async fn grant(state: &web::Data<AppState>, claims: ClientClaims) -> Result<AuthUser, ApiError> {
    let (id, secret) = (claims.cid, claims.kid);
    let found = db::run(&state.pool, move |conn| {
        let client = clients::by_id(conn, id)?;
        let secret = clients::secret(conn, id, secret)?;
        Ok((client, secret))
    })
    .await?;
    let (Some(client), Some(secret)) = found else {
        return Err(unauthorized(
            ErrorCode::InvalidToken,
            "This API client no longer exists: get a new token.",
        ));
    };
    if !client.active || secret.revoked_at.is_some() || client.client_id != claims.sub {
        return Err(unauthorized(
            ErrorCode::InvalidToken,
            "This token's client was switched off or its secret revoked.",
        ));
    }
    // A scope the admin has since taken away is gone at once, whatever the token says.
    let current = Scope::split(&client.scopes).unwrap_or_default();
    let scopes = Scope::split(&claims.scope)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| current.contains(s))
        .collect();
    let expires_at = chrono::DateTime::from_timestamp(claims.exp, 0)
        .map(|t| t.naive_utc())
        .unwrap_or_default();
    Ok(AuthUser {
        id: client.user_id,
        role: Role::Client,
        name: client.name.clone(),
        national_number: None,
        email: None,
        amr: "client_credentials".into(),
        session_id: format!("client-secret:{}", secret.id),
        via_cookie: false,
        csrf_token: String::new(),
        expires_at,
        provider: None,
        client: Some(ClientGrant {
            id: client.id,
            document_types: client.document_types(),
            client_id: client.client_id,
            name: client.name,
            scopes,
        }),
    })
}

/// Sign-in and sessions are for people: an API client's token is no session to read or end.
fn for_people(template: &str) -> Option<ClientAccess> {
    template
        .starts_with("/api/v1/auth/")
        .then_some(ClientAccess::Closed)
}

/// Whether the client may call this operation.
fn allowed(access: &ClientAccess, grant: &ClientGrant) -> Result<(), ApiError> {
    match access {
        ClientAccess::Open => Ok(()),
        ClientAccess::Closed => Err(ApiError::ForbiddenCoded {
            code: ErrorCode::NotForApiClients,
            detail: "This operation is for people signed in to Loket, not for API clients.".into(),
        }),
        ClientAccess::Scopes(needed) => match needed.iter().find(|s| !grant.has(**s)) {
            None => Ok(()),
            Some(missing) => Err(ApiError::ForbiddenCoded {
                code: ErrorCode::InsufficientScope,
                detail: format!(
                    "This operation needs the scope '{missing}'; this token has: {}.",
                    match grant.scopes.is_empty() {
                        true => "none".to_owned(),
                        false => Scope::join(&grant.scopes),
                    }
                ),
            }),
        },
    }
}

/// The gate of API clients' calls (a middleware on the whole application). Requests without a
/// client's token pass untouched.
pub async fn gate<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let (Some(token), Some(state)) = (bearer(&req), req.app_data::<web::Data<AppState>>().cloned())
    else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    };
    let claims = match state.jwt.verify_client(&token, state.clock.now()) {
        Ok(None) => {
            return next
                .call(req)
                .await
                .map(ServiceResponse::map_into_left_body)
        }
        Ok(Some(claims)) => claims,
        Err(TokenError::Expired | TokenError::Invalid) => {
            let error = unauthorized(
                ErrorCode::TokenExpired,
                "The access token has expired: get a new one at POST /oauth/token.",
            );
            return Ok(refuse(req, &error, None));
        }
    };
    let user = match grant(&state, claims).await {
        Ok(user) => user,
        Err(error) => return Ok(refuse(req, &error, None)),
    };
    let Some(grant) = user.client.clone() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    };
    // The path as the router reads it (percent-decoded): `/api/v1/%72equests` is `requests`.
    let path = req.match_info().as_str().to_owned();
    let operation = state
        .routes
        .client_access(req.method(), &path)
        .map(|(template, access)| (template.to_owned(), access.clone()));
    let route = operation
        .as_ref()
        .map_or_else(|| "(no such operation)".to_owned(), |(t, _)| t.clone());
    let call = format!("{} {route}", req.method());
    let access = match operation {
        Some((template, access)) => for_people(&template).unwrap_or(access),
        // Fail closed: a client's call under the API on no documented path (a documented
        // path with another method goes on, to be answered 405).
        None if (path.starts_with("/api/v1/") || path.starts_with("/oauth/"))
            && state.routes.allowed(&path).is_none() =>
        {
            let error = ApiError::NotFound(format!(
                "There is no API operation {} {path}.",
                req.method()
            ));
            let response = refuse(req, &error, None);
            record_call(&state, &user, &call, response.status().as_u16()).await;
            return Ok(response);
        }
        None => ClientAccess::Open,
    };
    if let Err(error) = allowed(&access, &grant) {
        let scope = match &access {
            ClientAccess::Scopes(needed) => Some(Scope::join(needed)),
            _ => None,
        };
        let response = refuse(req, &error, scope);
        record_call(&state, &user, &call, response.status().as_u16()).await;
        return Ok(response);
    }
    req.extensions_mut().insert(user.clone());
    let response = next.call(req).await?;
    record_call(&state, &user, &call, response.status().as_u16()).await;
    Ok(response.map_into_left_body())
}

/// A problem answer from the gate, with RFC 6750's challenge (`invalid_token`,
/// `insufficient_scope`).
fn refuse<B>(
    req: ServiceRequest,
    error: &ApiError,
    scope: Option<String>,
) -> ServiceResponse<EitherBody<B>> {
    let mut response = error.error_response();
    let challenge = match (scope, error.code()) {
        (Some(scope), ErrorCode::InsufficientScope) => Some(format!(
            "Bearer realm=\"loket\", error=\"insufficient_scope\", scope=\"{scope}\""
        )),
        (_, ErrorCode::InvalidToken | ErrorCode::TokenExpired) => {
            Some("Bearer realm=\"loket\", error=\"invalid_token\"".to_owned())
        }
        _ => None,
    };
    if let Some(challenge) = challenge {
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
    }
    req.into_response(response).map_into_right_body()
}

/// Writes one client call to the audit trail: who, which operation (never the query string,
/// which can hold personal data), and the answer's status.
async fn record_call(state: &web::Data<AppState>, user: &AuthUser, call: &str, status: u16) {
    let Some(grant) = user.client.clone() else {
        return;
    };
    let actor = Actor::from(user);
    let reason = format!("{call} → {status}");
    let now = state.clock.now_naive();
    let written = db::run(&state.pool, move |conn| {
        let event = AuditEvent::new(
            &actor,
            AuditAction::ApiCalled,
            AuditEntity::Client,
            &grant.client_id,
        )
        .reason(Some(&reason));
        Ok(audit::record(conn, now, &event)?)
    })
    .await;
    if let Err(e) = written {
        tracing::error!(error = %e, "an API client's call could not be written to the audit trail");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_matches_its_hash_only() {
        let secret = new_secret();
        let hash = hash_secret(&secret).unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains(&secret));
        assert!(secret_matches(&hash, &secret));
        assert!(!secret_matches(&hash, &new_secret()));
        assert!(!secret_matches("not a hash", &secret));
        assert_eq!(hint("lks_abcdWXYZ"), "WXYZ");
    }

    #[test]
    fn an_operation_names_the_scope_a_client_lacks() {
        let grant = ClientGrant {
            id: 1,
            client_id: "lk_1".into(),
            name: "Zaaksysteem".into(),
            scopes: vec![Scope::RequestsCreate, Scope::RequestsRead],
            document_types: Some(vec!["uittreksel-strafregister".into()]),
        };
        assert!(allowed(&ClientAccess::Scopes(vec![Scope::RequestsRead]), &grant).is_ok());
        let refused = allowed(&ClientAccess::Scopes(vec![Scope::TasksAct]), &grant).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::InsufficientScope);
        assert!(refused.to_string().contains("'tasks:act'"), "{refused}");
        assert_eq!(
            allowed(&ClientAccess::Closed, &grant).unwrap_err().code(),
            ErrorCode::NotForApiClients
        );
        assert!(allowed(&ClientAccess::Open, &grant).is_ok());
        assert!(grant.may_see_type("uittreksel-strafregister"));
        assert!(!grant.may_see_type("attest-woonst"));
    }
}
