use super::jwt::TokenError;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::startup::AppState;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use std::future::{ready, Ready};

/// The signed-in user of a request, from its bearer token.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub role: Role,
    pub name: String,
    pub national_number: Option<String>,
    pub amr: String,
}

impl AuthUser {
    /// Fails with 403 unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
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

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::Unauthorized {
            code: "unauthenticated",
            detail: "Sign in first: send 'Authorization: Bearer <token>'.".into(),
        })?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or(ApiError::Unauthorized {
            code: "invalid_token",
            detail: "The Authorization header must be 'Bearer <token>'.".into(),
        })?;
    let claims = state
        .jwt
        .verify(token, state.clock.now())
        .map_err(|e| match e {
            TokenError::Expired => ApiError::Unauthorized {
                code: "token_expired",
                detail: "Your session has expired: sign in again.".into(),
            },
            TokenError::Invalid => ApiError::Unauthorized {
                code: "invalid_token",
                detail: "The token is not valid: sign in again.".into(),
            },
        })?;
    let id = claims.sub.parse().map_err(|_| ApiError::Unauthorized {
        code: "invalid_token",
        detail: "The token is not valid: sign in again.".into(),
    })?;
    Ok(AuthUser {
        id,
        role: claims.role,
        name: claims.name,
        national_number: claims.national_number,
        amr: claims.amr,
    })
}

/// The signed-in user when the request carries a token; anonymous when it carries none.
/// A token that is present but invalid is still refused (401), never silently ignored.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<AuthUser>);

impl FromRequest for MaybeUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if req.headers().contains_key(header::AUTHORIZATION) {
            ready(authenticate(req).map(|u| MaybeUser(Some(u))))
        } else {
            ready(Ok(MaybeUser(None)))
        }
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}
