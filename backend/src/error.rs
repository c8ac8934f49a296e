//! One error type for the whole API, rendered as `application/problem+json` (RFC 9457) with a
//! stable `code` the SPA translates, and `invalidParams` for field errors.
use crate::api::problem_language::{self, Language, Specifics};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

crate::vocabulary! {
    /// Every `code` a problem or a field error can carry: stable, machine-readable, one flat
    /// list, so a client can translate each one.
    pub enum ErrorCode {
        // Field errors (`invalidParams[].code`).
        Required = "required",
        InvalidValue = "invalid_value",
        InvalidNationalNumber = "invalid_national_number",
        UnknownPerson = "unknown_person",
        NotThePersonNamed = "not_the_person_named",
        TooLong = "too_long",
        InvalidEmail = "invalid_email",
        MustBeEmpty = "must_be_empty",
        NotAllowed = "not_allowed",
        // The request as a whole.
        ValidationFailed = "validation_failed",
        MalformedJson = "malformed_json",
        UnreadableBody = "unreadable_body",
        InvalidIdempotencyKey = "invalid_idempotency_key",
        IdempotencyKeyReused = "idempotency_key_reused",
        PayloadTooLarge = "payload_too_large",
        UnsupportedMediaType = "unsupported_media_type",
        MethodNotAllowed = "method_not_allowed",
        RateLimited = "rate_limited",
        // Sign-in and permissions.
        Unauthenticated = "unauthenticated",
        InvalidToken = "invalid_token",
        TokenExpired = "token_expired",
        SessionExpired = "session_expired",
        SessionEnded = "session_ended",
        InvalidAuthorizationRequest = "invalid_authorization_request",
        Forbidden = "forbidden",
        CsrfTokenMissing = "csrf_token_missing",
        CsrfTokenInvalid = "csrf_token_invalid",
        /// An API client's token lacks the scope the operation needs (named in `detail`).
        InsufficientScope = "insufficient_scope",
        /// The operation is for people (citizens, staff, police), not API clients.
        NotForApiClients = "not_for_api_clients",
        /// The API client is restricted to other document types.
        DocumentTypeNotAllowed = "document_type_not_allowed",
        // What is asked for.
        NotFound = "not_found",
        UnknownVerificationCode = "unknown_verification_code",
        ConfirmationUnknown = "confirmation_unknown",
        ConfirmationExpired = "confirmation_expired",
        ConfirmationInProgress = "confirmation_in_progress",
        LinkExpired = "link_expired",
        DocumentErased = "document_erased",
        ExportNotReady = "export_not_ready",
        // The state of a request or task.
        Conflict = "conflict",
        PreconditionFailed = "precondition_failed",
        DuplicateSubmission = "duplicate_submission",
        DuplicateDeed = "duplicate_deed",
        DeedStillMissing = "deed_still_missing",
        AdviceNotDue = "advice_not_due",
        TaskAlreadyClaimed = "task_already_claimed",
        JobNotFailed = "job_not_failed",
        // The demo sign-in pages (mock providers).
        UnknownAccount = "unknown_account",
        AccountDisabled = "account_disabled",
        // Loket or a system it depends on.
        ServiceUnavailable = "service_unavailable",
        /// An outside system (the national register, DABS, My eBox, the police) is not
        /// reachable or answers with a server error; `detail` names it.
        OutsideSystemUnavailable = "outside_system_unavailable",
        /// An outside system did not answer within its timeout; `detail` names it.
        OutsideSystemTimeout = "outside_system_timeout",
        /// An outside system answered something its contract does not allow; `detail` names it.
        OutsideSystemInvalidAnswer = "outside_system_invalid_answer",
        Busy = "busy",
        InternalError = "internal_error",
    }
}

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
    pub code: ErrorCode,
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
    pub code: ErrorCode,
}

impl InvalidParam {
    /// A field error with the generic code `invalid_value`.
    pub fn new(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::coded(name, ErrorCode::InvalidValue, reason)
    }

    pub fn coded(name: impl Into<String>, code: ErrorCode, reason: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            reason: reason.into(),
            code,
        }
    }

    pub fn required(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::coded(name, ErrorCode::Required, reason)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("the request has invalid fields")]
    Validation(Vec<InvalidParam>),
    #[error("{detail}")]
    BadRequest { code: ErrorCode, detail: String },
    #[error("{detail}")]
    Unauthorized { code: ErrorCode, detail: String },
    #[error("{0}")]
    Forbidden(String),
    /// Too many requests from one address or account (rate limits).
    #[error("Too many requests: try again in {retry_after_seconds} seconds.")]
    TooManyRequests { retry_after_seconds: u64 },
    /// A 422 about the request as a whole rather than one field.
    #[error("{detail}")]
    UnprocessableCoded { code: ErrorCode, detail: String },
    /// A 403 with a more specific code than `forbidden` (e.g. `csrf_token_missing`).
    #[error("{detail}")]
    ForbiddenCoded { code: ErrorCode, detail: String },
    #[error("{0}")]
    NotFound(String),
    /// A 404 with a more specific code than `not_found`.
    #[error("{detail}")]
    NotFoundCoded { code: ErrorCode, detail: String },
    #[error("{detail}")]
    MethodNotAllowed { detail: String, allow: Vec<String> },
    #[error("{detail}")]
    Conflict { code: ErrorCode, detail: String },
    /// `If-Match` names a version that is no longer current.
    #[error("{0}")]
    PreconditionFailed(String),
    #[error("{detail}")]
    Gone { code: ErrorCode, detail: String },
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Unavailable(String),
    /// An outside system did not give an answer (503; `code` says how, `detail` names it, and
    /// so does `system`, for the problem in other languages).
    #[error("{detail}")]
    OutsideSystem {
        code: ErrorCode,
        system: &'static str,
        detail: String,
    },
    /// Every database connection is taken and the queue did not move in time: try again
    /// after `Retry-After` seconds (nothing was done).
    #[error("The service is busy right now and did not handle this request: try again in {retry_after_seconds} seconds.")]
    Busy { retry_after_seconds: u64 },
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

    pub fn coded_field(name: &str, code: ErrorCode, reason: impl Into<String>) -> Self {
        Self::Validation(vec![InvalidParam::coded(name, code, reason)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation(_) => ErrorCode::ValidationFailed,
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Conflict { code, .. }
            | Self::Gone { code, .. }
            | Self::NotFoundCoded { code, .. }
            | Self::ForbiddenCoded { code, .. }
            | Self::UnprocessableCoded { code, .. }
            | Self::OutsideSystem { code, .. } => *code,
            Self::TooManyRequests { .. } => ErrorCode::RateLimited,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            Self::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType(_) => ErrorCode::UnsupportedMediaType,
            Self::Unavailable(_) => ErrorCode::ServiceUnavailable,
            Self::Busy { .. } => ErrorCode::Busy,
            Self::PreconditionFailed(_) => ErrorCode::PreconditionFailed,
            Self::Internal(_) => ErrorCode::InternalError,
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
            Self::PreconditionFailed(_) => "Precondition failed",
            Self::Gone { .. } => "Gone",
            Self::PayloadTooLarge(_) => "Request body too large",
            Self::UnsupportedMediaType(_) => "Unsupported media type",
            Self::Unavailable(_) => "Service unavailable",
            Self::OutsideSystem { .. } => "An outside system did not answer",
            Self::Busy { .. } => "Busy",
            Self::Internal(_) => "Internal server error",
        }
    }

    /// What the problem knows beyond its code, kept when it is written in another language.
    fn specifics(&self) -> Specifics<'_> {
        match self {
            Self::TooManyRequests {
                retry_after_seconds,
            }
            | Self::Busy {
                retry_after_seconds,
            } => Specifics::RetryAfter(*retry_after_seconds),
            Self::OutsideSystem { system, .. } => Specifics::System(system),
            Self::MethodNotAllowed { allow, .. } => Specifics::Allow(allow),
            _ => Specifics::None,
        }
    }

    /// The problem in `language`: the same code, status and fields; the title, the detail and
    /// each field's reason from the catalogue (English: the error's own words).
    pub fn to_problem_in(&self, language: Language) -> Problem {
        let mut problem = self.to_problem();
        if let Some(text) = problem_language::text(self.code(), language, self.specifics()) {
            problem.title = text.title.to_owned();
            problem.detail = text.detail;
        }
        for param in &mut problem.invalid_params {
            if let Some(text) = problem_language::text(param.code, language, Specifics::None) {
                param.reason = text.detail;
            }
        }
        problem
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
            code: self.code(),
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
            Self::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            Self::Gone { .. } => StatusCode::GONE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unavailable(_) | Self::Busy { .. } | Self::OutsideSystem { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
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
            }
            | Self::Busy {
                retry_after_seconds,
            } => {
                builder.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
            }
            _ => {}
        }
        // English unless the caller asks otherwise: `problem_language::localize` writes the
        // problem again from the error kept here, in the language `Accept-Language` prefers.
        builder.insert_header((header::CONTENT_LANGUAGE, Language::En.tag()));
        builder.insert_header((header::VARY, "Accept-Language"));
        let mut response = builder.json(self.to_problem());
        response
            .extensions_mut()
            .insert(problem_language::ProblemSource(self.clone()));
        response
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        if crate::db::is_locked(&e) {
            return Self::busy(&e);
        }
        Self::internal(format!("database: {e}"))
    }
}

impl From<crate::db::Busy> for ApiError {
    fn from(e: crate::db::Busy) -> Self {
        Self::busy(&e)
    }
}

impl ApiError {
    /// Seconds a client waits before it tries again after a `busy` answer.
    pub const BUSY_RETRY_AFTER_SECONDS: u64 = 1;

    /// The service is saturated: a fast 503 the client may retry, never a long hang.
    pub fn busy(cause: &dyn std::fmt::Display) -> Self {
        tracing::warn!(%cause, "busy: request shed");
        Self::Busy {
            retry_after_seconds: Self::BUSY_RETRY_AFTER_SECONDS,
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        tracing::error!(error = %e, "no database connection available");
        Self::Unavailable("The database is not reachable right now. Try again in a moment.".into())
    }
}

impl From<crate::db::TaskFailed> for ApiError {
    fn from(e: crate::db::TaskFailed) -> Self {
        Self::internal(e)
    }
}

impl From<crate::adapters::AdapterError> for ApiError {
    fn from(e: crate::adapters::AdapterError) -> Self {
        use crate::adapters::AdapterError as A;
        let code = match e {
            A::Unavailable { .. } => ErrorCode::OutsideSystemUnavailable,
            A::Timeout { .. } => ErrorCode::OutsideSystemTimeout,
            A::InvalidAnswer { .. } => ErrorCode::OutsideSystemInvalidAnswer,
        };
        Self::OutsideSystem {
            code,
            system: e.system(),
            detail: format!("{e}. Try again in a moment."),
        }
    }
}

/// The workflow's errors as problems: the one place that knows which field and which status.
impl From<crate::workflow::WorkflowError> for ApiError {
    fn from(e: crate::workflow::WorkflowError) -> Self {
        use crate::workflow::WorkflowError as W;
        let detail = e.to_string();
        let conflict = |code| Self::Conflict {
            code,
            detail: detail.clone(),
        };
        let field = |name: &str, code| Self::coded_field(name, code, detail.clone());
        match e {
            W::UnknownRequest(_) | W::UnknownTask(_) => Self::NotFound(detail),
            W::TaskNotOpen(_) => conflict(ErrorCode::Conflict),
            W::TaskAlreadyClaimed { .. } => conflict(ErrorCode::TaskAlreadyClaimed),
            // A well-formed id that names no colleague, like any reference to nothing.
            W::NotAColleague => Self::NotFound(detail),
            W::Finished { .. }
            | W::Stale(_)
            | W::NotApplicable { .. }
            | W::DeedNotInDabs
            | W::NotADeed => conflict(ErrorCode::Conflict),
            W::DeedStillMissing => conflict(ErrorCode::DeedStillMissing),
            W::AdviceNotDue => conflict(ErrorCode::AdviceNotDue),
            W::ConfirmationInProgress => conflict(ErrorCode::ConfirmationInProgress),
            W::ConfirmationUnknown => Self::NotFoundCoded {
                code: ErrorCode::ConfirmationUnknown,
                detail,
            },
            W::ConfirmationExpired => Self::Gone {
                code: ErrorCode::ConfirmationExpired,
                detail,
            },
            W::DuplicateSubmission => conflict(ErrorCode::DuplicateSubmission),
            W::SubjectNumberMissing => field("subjectNationalNumber", ErrorCode::Required),
            W::SubjectNumberInvalid(_) => {
                field("subjectNationalNumber", ErrorCode::InvalidNationalNumber)
            }
            W::UnknownPerson => field("subjectNationalNumber", ErrorCode::UnknownPerson),
            W::NotThePersonNamed { .. } => {
                field("subjectNationalNumber", ErrorCode::NotThePersonNamed)
            }
            W::OnlineNeedsSignIn => field("method", ErrorCode::NotAllowed),
            W::AddressMissing => field("address", ErrorCode::Required),
            // The key is bound to another caller's or other answers: a conflict with what the
            // server holds, not a flaw in this request.
            W::IdempotencyKeyReused(_) => conflict(ErrorCode::IdempotencyKeyReused),
            W::Unavailable(e) => e.into(),
            W::DatabaseUnavailable => Self::Unavailable(detail),
            W::Busy(busy) => Self::busy(&busy),
            W::Database(e) if crate::db::is_locked(&e) => Self::busy(&e),
            W::Database(_) | W::Internal(_) => Self::Internal(detail),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
