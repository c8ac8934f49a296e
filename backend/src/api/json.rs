//! A JSON body extractor whose errors name the exact field (`address.postalCode`), so a
//! client knows what to fix; used instead of `web::Json` everywhere.
use crate::error::{ApiError, ErrorCode, InvalidParam};
use actix_web::error::PayloadError;
use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

/// Largest JSON body accepted.
pub const LIMIT: usize = 256 * 1024;

pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json" || mime.ends_with("+json")
        })
        .unwrap_or(false)
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json {
                return Err(ApiError::UnsupportedMediaType(
                    "Send the body as JSON with 'Content-Type: application/json'.".into(),
                ));
            }
            let bytes = bytes
                .await
                .map_err(|e| match e.as_error::<PayloadError>() {
                    Some(PayloadError::Overflow) => ApiError::PayloadTooLarge(format!(
                        "The body is too large; at most {LIMIT} bytes are accepted."
                    )),
                    _ => ApiError::BadRequest {
                        code: ErrorCode::UnreadableBody,
                        detail: format!("The body could not be read: {e}."),
                    },
                })?;
            let mut value: serde_json::Value =
                serde_json::from_slice(&bytes).map_err(|e| ApiError::BadRequest {
                    code: ErrorCode::MalformedJson,
                    detail: format!("The body is not valid JSON: {e}."),
                })?;
            // Every body Loket takes is an object: serde would read an array as a struct's
            // fields in order.
            if !value.is_object() {
                return Err(ApiError::Validation(vec![InvalidParam::coded(
                    "body",
                    ErrorCode::InvalidValue,
                    "The body must be a JSON object ({…}).",
                )]));
            }
            integral_numbers_as_integers(&mut value);
            serde_path_to_error::deserialize(value)
                .map(Json)
                .map_err(|e| {
                    let inner = e.inner();
                    if inner.classify() == serde_json::error::Category::Data {
                        let message = strip_position(&inner.to_string());
                        let code = if message.starts_with("missing field") {
                            ErrorCode::Required
                        } else {
                            ErrorCode::InvalidValue
                        };
                        ApiError::Validation(vec![InvalidParam::coded(
                            field_name(&e.path().to_string(), &message),
                            code,
                            message,
                        )])
                    } else {
                        ApiError::BadRequest {
                            code: ErrorCode::MalformedJson,
                            detail: format!("The body is not valid JSON: {inner}."),
                        }
                    }
                })
        })
    }
}

/// JSON does not tell `2` from `2.0` (nor does JSON Schema's `integer`): a number without a
/// fraction is read as the integer it is, so an integer field takes it either way.
fn integral_numbers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            // Within ±2^53 every integer is exact as a double.
            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// The dotted path of the offending field; serde reports a missing field at its parent.
fn field_name(path: &str, message: &str) -> String {
    let parent = if path == "." { "" } else { path };
    match message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        Some(missing) if parent.is_empty() => missing.to_owned(),
        Some(missing) => format!("{parent}.{missing}"),
        None if parent.is_empty() => "body".to_owned(),
        None => parent.to_owned(),
    }
}

/// serde appends " at line 1 column 19": useful for syntax errors, noise for a named field.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
