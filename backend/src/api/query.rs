//! A query-string extractor whose errors name the parameter and say what is allowed, in the
//! API's words (`view`: "Use one of: all, mine, parked."), instead of the framework's text
//! about a field named `query`; used instead of `web::Query` everywhere.
use crate::error::{ApiError, ErrorCode, InvalidParam};
use actix_web::{dev::Payload, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::{ready, Ready};

pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What serde says, in words a client can act on.
fn reason(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (given, allowed) = rest.split_once("`, expected ").unwrap_or((rest, ""));
        let allowed = allowed
            .trim_start_matches("one of ")
            .replace('`', "")
            .trim_end_matches('.')
            .to_owned();
        return format!("'{given}' is not allowed here: use {allowed}.");
    }
    if message.contains("invalid digit") || message.contains("invalid type") {
        return "This must be a whole number.".into();
    }
    if message.starts_with("input contains invalid characters") || message.contains("premature end")
    {
        return "This must be a date (YYYY-MM-DD).".into();
    }
    format!("This value is not valid: {message}.")
}

/// Parses the query string; the first parameter that does not fit is named with why.
pub fn parse<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let pairs = url::form_urlencoded::parse(query.as_bytes());
    let deserializer = serde_urlencoded::Deserializer::new(pairs);
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let name = e.path().to_string();
        let name = if name == "." {
            "query".to_owned()
        } else {
            name
        };
        let message = e.into_inner().to_string();
        ApiError::Validation(vec![InvalidParam::coded(
            name,
            ErrorCode::InvalidValue,
            reason(&message),
        )])
    })
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse(req.query_string()).map(Query))
    }
}

/// A page of a keyset-paged list: its size (`limit`, 1 to 200, default 50) and where it starts
/// (`cursor`, the previous page's `nextCursor`).
pub fn page(
    limit: Option<i64>,
    cursor: Option<&str>,
) -> Result<(i64, Option<crate::db::tasks::Cursor>), ApiError> {
    let limit = limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::coded_field(
            "limit",
            ErrorCode::InvalidValue,
            "Give a page size from 1 to 200.",
        ));
    }
    let after = match cursor {
        None => None,
        Some(c) => Some(crate::db::tasks::Cursor::decode(c).ok_or_else(|| {
            ApiError::coded_field(
                "cursor",
                ErrorCode::InvalidValue,
                "This cursor is not valid: use nextCursor from the previous page.",
            )
        })?),
    };
    Ok((limit, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    enum View {
        All,
        Mine,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Params {
        view: Option<View>,
        limit: Option<i64>,
    }

    fn field(query: &str) -> InvalidParam {
        match parse::<Params>(query) {
            Err(ApiError::Validation(mut params)) => params.remove(0),
            other => panic!("expected a field error, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn names_the_parameter_and_what_is_allowed() {
        let view = field("view=coffee");
        assert_eq!(view.name, "view");
        assert_eq!(
            view.reason,
            "'coffee' is not allowed here: use all or mine."
        );
        let limit = field("view=all&limit=ten");
        assert_eq!(limit.name, "limit");
        assert_eq!(limit.reason, "This must be a whole number.");
        assert!(parse::<Params>("view=mine&limit=5").is_ok());
    }
}
