//! `ETag` and `If-Match` on a request: the HTTP form of `version` and `expectedVersion`. The
//! tag is the request's version; it changes with every change to the request or its tasks.
use crate::error::{ApiError, ErrorCode};
use crate::workflow::WorkflowError;
use actix_web::{dev::Payload, http::header, FromRequest, HttpRequest};
use std::future::{ready, Ready};
use utoipa::IntoParams;

/// The `If-Match` header of the staff actions, as the OpenAPI document describes it: `*`, or
/// one ETag as given (`"7"`, weak `W/"7"`). Its custom format `if-match` names what the pattern
/// spells out, for tools that make values from a format more easily than from a pattern.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct IfMatchHeader {
    /// The request's `ETag` as last read (`"7"`): refused with 412 when the request changed
    /// since; the HTTP form of `expectedVersion`.
    #[param(
        rename = "If-Match",
        nullable = false,
        format = "if-match",
        pattern = r#"^(\*|(W/)?"[0-9]{1,9}")$"#
    )]
    if_match: Option<String>,
}

/// The `ETag` of a request at this version.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version an `If-Match` header names: `"7"`; `*` names none in particular; a weak `W/"7"`
/// never matches (If-Match compares strongly) and is answered 412.
#[derive(Debug, Clone, Copy, Default)]
pub struct IfMatch {
    version: Option<i32>,
    weak: bool,
}

/// What a weak tag is taken as: a version no request has, so the precondition fails (412) where
/// every stale one does — after the body has been checked.
const NEVER: i32 = -1;

/// The version a client expects, and whether it said so in `If-Match`.
#[derive(Debug, Clone, Copy)]
pub struct Expected {
    pub version: Option<i32>,
    pub from_header: bool,
    weak: bool,
}

impl IfMatch {
    /// Combines the header with a body's `expectedVersion`; both must agree when both are given.
    pub fn or(self, body: Option<i32>) -> Result<Expected, ApiError> {
        if self.weak {
            return Ok(Expected {
                version: Some(NEVER),
                from_header: true,
                weak: true,
            });
        }
        match (self.version, body) {
            // The request is at one version: one of the two preconditions fails for sure.
            (Some(h), Some(b)) if h != b => Err(ApiError::PreconditionFailed(format!(
                "If-Match names version {h} and expectedVersion {b}: a request is at one \
                 version, so send one of them."
            ))),
            (Some(h), _) => Ok(Expected {
                version: Some(h),
                from_header: true,
                weak: false,
            }),
            (None, b) => Ok(Expected {
                version: b,
                from_header: false,
                weak: false,
            }),
        }
    }
}

impl Expected {
    /// A stale `If-Match` is 412 Precondition Failed; a stale `expectedVersion` stays a 409.
    pub fn refusal(self, e: WorkflowError) -> ApiError {
        match e {
            WorkflowError::Stale(_) if self.weak => ApiError::PreconditionFailed(
                "A weak ETag (W/) never matches If-Match: send the ETag as it was given, e.g. \"7\"."
                    .into(),
            ),
            WorkflowError::Stale(reference) if self.from_header => ApiError::PreconditionFailed(
                format!("Request {reference} changed since you read it (If-Match): reload it and check before you act."),
            ),
            other => other.into(),
        }
    }
}

/// Exactly what [`IfMatchHeader`] allows: `*`, `"7"` or `W/"7"`.
/// Answers the version named and whether the tag is weak.
fn parse(value: &str) -> Result<(Option<i32>, bool), ApiError> {
    let value = value.trim();
    if value == "*" {
        return Ok((None, false));
    }
    // If-Match compares strongly: a weak tag never matches (RFC 9110, 13.1.1).
    let (weak, value) = match value.strip_prefix("W/") {
        Some(tag) => (true, tag),
        None => (false, value),
    };
    let version = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .filter(|v| (1..=9).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse().ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::coded_field(
                "If-Match",
                ErrorCode::InvalidValue,
                "Send the request's ETag as it was given, e.g. \"7\", or *.",
            )
        })?;
    Ok((version, weak))
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get(header::IF_MATCH).map(|v| v.to_str()) {
            None => Ok((None, false)),
            Some(Ok(value)) => parse(value),
            Some(Err(_)) => parse(""),
        };
        ready(parsed.map(|(version, weak)| IfMatch { version, weak }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strong_weak_and_any() {
        assert_eq!(parse("\"7\"").ok(), Some((Some(7), false)));
        // A weak tag is read as weak: it never matches (412, once the body has been checked).
        assert_eq!(parse("W/\"7\"").ok(), Some((Some(7), true)));
        let weak = IfMatch {
            version: Some(7),
            weak: true,
        };
        assert_eq!(weak.or(Some(7)).ok().and_then(|e| e.version), Some(NEVER));
        assert_eq!(parse("*").ok(), Some((None, false)));
        assert!(parse("\"seven\"").is_err());
        for loose in [
            "7",
            "\"+7\"",
            "\"\"7\"\"",
            "W/W/\"7\"",
            "\"1234567890\"",
            "",
        ] {
            assert!(parse(loose).is_err(), "{loose}");
        }
    }
}
