//! One error type for the whole API, rendered as `application/problem+json` (RFC 9457) with a
//! stable `code` the SPA translates, and `invalidParams` for field errors.
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// A problem detail (RFC 9457).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:loket:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    /// What happened and what to do about it, for a person.
    pub detail: String,
    /// Stable machine-readable code, e.g. `validation_failed`, `not_found`.
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
}

/// One field that needs fixing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvalidParam {
    /// The field, as the client sent it (camelCase, dotted for nested fields).
    pub name: String,
    /// What is wrong with it and what is expected instead.
    pub reason: String,
    /// Stable code a client can translate: `required`, `invalid_national_number`,
    /// `unknown_person`, `too_long`, `invalid_email`, `invalid_value`, `must_be_empty`, `not_allowed`.
    pub code: String,
}

impl InvalidParam {
    /// A field error with the generic code `invalid_value`.
    pub fn new(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::coded(name, "invalid_value", reason)
    }

    pub fn coded(name: impl Into<String>, code: &str, reason: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            reason: reason.into(),
            code: code.to_owned(),
        }
    }

    pub fn required(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::coded(name, "required", reason)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request has invalid fields")]
    Validation(Vec<InvalidParam>),
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("{0}")]
    Forbidden(String),
    /// Too many requests from one address or account (rate limits).
    #[error("Too many requests: try again in {retry_after_seconds} seconds.")]
    TooManyRequests { retry_after_seconds: u64 },
    /// A 422 about the request as a whole rather than one field.
    #[error("{detail}")]
    UnprocessableCoded { code: &'static str, detail: String },
    /// A 403 with a more specific code than `forbidden` (e.g. `csrf_token_missing`).
    #[error("{detail}")]
    ForbiddenCoded { code: &'static str, detail: String },
    #[error("{0}")]
    NotFound(String),
    /// A 404 with a more specific code than `not_found`.
    #[error("{detail}")]
    NotFoundCoded { code: &'static str, detail: String },
    #[error("{detail}")]
    MethodNotAllowed { detail: String, allow: Vec<String> },
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("{detail}")]
    Gone { code: &'static str, detail: String },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Unavailable(String),
    /// Anything the client cannot fix; the cause is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    pub fn field(name: &str, reason: impl Into<String>) -> Self {
        Self::Validation(vec![InvalidParam::new(name, reason)])
    }

    pub fn coded_field(name: &str, code: &str, reason: impl Into<String>) -> Self {
        Self::Validation(vec![InvalidParam::coded(name, code, reason)])
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Conflict { code, .. }
            | Self::Gone { code, .. }
            | Self::NotFoundCoded { code, .. }
            | Self::ForbiddenCoded { code, .. }
            | Self::UnprocessableCoded { code, .. } => code,
            Self::TooManyRequests { .. } => "rate_limited",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::MethodNotAllowed { .. } => "method_not_allowed",
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::Unavailable(_) => "service_unavailable",
            Self::Internal(_) => "internal_error",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            Self::Validation(_) => "Some fields need fixing",
            Self::UnprocessableCoded { .. } => "Cannot be processed",
            Self::TooManyRequests { .. } => "Too many requests",
            Self::BadRequest { .. } => "Bad request",
            Self::Unauthorized { .. } => "Sign-in required",
            Self::Forbidden(_) | Self::ForbiddenCoded { .. } => "Not allowed",
            Self::NotFound(_) | Self::NotFoundCoded { .. } => "Not found",
            Self::MethodNotAllowed { .. } => "Method not allowed",
            Self::Conflict { .. } => "Conflict",
            Self::Gone { .. } => "Gone",
            Self::PayloadTooLarge(_) => "Request body too large",
            Self::UnsupportedMediaType(_) => "Unsupported media type",
            Self::Unavailable(_) => "Service unavailable",
            Self::Internal(_) => "Internal server error",
        }
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status_code();
        let detail = match self {
            Self::Validation(params) => format!(
                "Fix the {} listed in invalidParams and send the request again.",
                if params.len() == 1 { "field" } else { "fields" }
            ),
            Self::Internal(_) => {
                "Something went wrong on our side. Try again later; the error has been logged."
                    .to_owned()
            }
            other => other.to_string(),
        };
        Problem {
            problem_type: format!("urn:loket:problem:{}", self.code()),
            title: self.title().to_owned(),
            status: status.as_u16(),
            detail,
            code: self.code().to_owned(),
            invalid_params: match self {
                Self::Validation(params) => params.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) | Self::UnprocessableCoded { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::ForbiddenCoded { .. } => StatusCode::FORBIDDEN,
            Self::NotFound(_) | Self::NotFoundCoded { .. } => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Gone { .. } => StatusCode::GONE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            let cause = crate::redact::redact(cause);
            tracing::error!(%cause, "request failed");
        }
        let mut builder = HttpResponse::build(self.status_code());
        builder.content_type("application/problem+json");
        match self {
            Self::Unauthorized { .. } => {
                builder.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"loket\""));
            }
            Self::MethodNotAllowed { allow, .. } => {
                builder.insert_header((header::ALLOW, allow.join(", ")));
            }
            Self::TooManyRequests {
                retry_after_seconds,
            } => {
                builder.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
            }
            _ => {}
        }
        builder.json(self.to_problem())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        Self::internal(format!("database: {e}"))
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        tracing::error!(error = %e, "no database connection available");
        Self::Unavailable("The database is not reachable right now. Try again in a moment.".into())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::internal(format!("blocking task: {e}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
