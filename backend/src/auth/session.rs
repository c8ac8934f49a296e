//! Sessions live on the server. The browser holds a random secret in an `HttpOnly` cookie; an
//! API client a signed bearer token that names its session. Either way the session row decides:
//! signing out, the idle timeout, the absolute lifetime and a withdrawn account end it at once.
use crate::config::Config;
use crate::db::sessions::{self, NewSession, SessionRow};
use crate::db::DbConnection;
use crate::domain::role::Role;
use actix_web::cookie::{Cookie, SameSite};
use base64::Engine;
use chrono::{Duration, NaiveDateTime};
use sha2::{Digest, Sha256};

/// The cookie's name; `__Host-` (only over https, only this host, path `/`) when secure.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies() {
        "__Host-loket_session"
    } else {
        "loket_session"
    }
}

/// The header that carries the CSRF token on unsafe requests of a cookie session.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// A fresh random secret: 32 bytes, URL-safe base64.
pub fn random_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a secret: its SHA-256.
pub fn storage_id(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::domain::role::SessionKind as Kind;

pub struct Start<'a> {
    pub user_id: i64,
    pub role: Role,
    pub means: &'a str,
    pub kind: Kind,
    /// The provider that signed the person in (`citizen`, `staff`); `None` for development
    /// tokens.
    pub provider: Option<crate::domain::role::Provider>,
    pub refresh_token: Option<&'a str>,
}

pub struct Started {
    /// The secret the client holds (cookie value, or the `sid` inside a bearer token).
    pub secret: String,
    pub row: SessionRow,
}

pub fn start(
    conn: &mut DbConnection,
    config: &Config,
    now: NaiveDateTime,
    start: Start,
) -> diesel::QueryResult<Started> {
    let secret = random_secret();
    let id = storage_id(&secret);
    let csrf = random_secret();
    sessions::insert(
        conn,
        &NewSession {
            id: &id,
            user_id: start.user_id,
            role: start.role,
            means: start.means,
            kind: start.kind,
            provider: start.provider,
            csrf_token: &csrf,
            created_at: now,
            last_seen_at: now,
            expires_at: now + Duration::minutes(config.sessions.absolute_minutes),
            checked_at: now,
            verified_at: now,
            refresh_token: start.refresh_token,
        },
    )?;
    let row = sessions::find(conn, &id)?.ok_or(diesel::result::Error::NotFound)?;
    Ok(Started { secret, row })
}

/// The cookie that carries a session: not readable by scripts, not sent on cross-site
/// subrequests or posts, `Secure` over https; gone when the browser closes.
pub fn cookie(config: &Config, secret: &str) -> Cookie<'static> {
    Cookie::build(cookie_name(config), secret.to_owned())
        .path("/")
        .http_only(true)
        .secure(config.secure_cookies())
        .same_site(SameSite::Lax)
        .finish()
}

/// The cookie that ties sign-ins to the browser that started them (against login CSRF: a
/// callback link made by someone else does not sign this browser in). It holds the states of
/// the last few sign-ins started here (several tabs), and is gone after ten minutes. Over
/// https it is a `__Host-` cookie, so no other host can plant one.
pub fn sign_in_cookie(config: &Config, states: &[String]) -> Cookie<'static> {
    let builder = Cookie::build(sign_in_cookie_name(config), states.join("."));
    let builder = if config.secure_cookies() {
        builder.path("/")
    } else {
        builder.path("/api/v1/auth/")
    };
    let mut cookie = builder
        .http_only(true)
        .secure(config.secure_cookies())
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::minutes(10))
        .finish();
    if states.is_empty() {
        cookie.make_removal();
    }
    cookie
}

pub fn sign_in_cookie_name(config: &Config) -> &'static str {
    if config.secure_cookies() {
        "__Host-loket_signin"
    } else {
        "loket_signin"
    }
}

/// The states of the sign-ins this browser started, from its cookie.
pub fn sign_in_states(req: &actix_web::HttpRequest, config: &Config) -> Vec<String> {
    req.cookie(sign_in_cookie_name(config))
        .map(|c| {
            c.value()
                .split('.')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// How many sign-ins one browser can have under way at once.
pub const SIGN_INS_KEPT: usize = 3;

/// A cookie that makes the browser forget the session cookie.
pub fn removal_cookie(config: &Config) -> Cookie<'static> {
    let mut cookie = cookie(config, "");
    cookie.make_removal();
    cookie
}

/// Why a session no longer works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// Unknown, signed out, or ended by the server (account withdrawn).
    Ended,
    /// Idle too long, or past its absolute lifetime.
    Expired,
}

/// Checks the session against the clock; ends it when the idle timeout passed.
pub fn check(
    conn: &mut DbConnection,
    config: &Config,
    row: &SessionRow,
    now: NaiveDateTime,
) -> diesel::QueryResult<Result<(), Invalid>> {
    if row.ended_at.is_some() {
        return Ok(Err(Invalid::Ended));
    }
    if now >= row.expires_at {
        sessions::end(conn, &row.id, now, "expired")?;
        return Ok(Err(Invalid::Expired));
    }
    if now >= row.last_seen_at + Duration::minutes(config.sessions.idle_minutes) {
        sessions::end(conn, &row.id, now, "idle")?;
        return Ok(Err(Invalid::Expired));
    }
    // Written at most once a minute: the idle timeout does not need more.
    if now - row.last_seen_at >= Duration::seconds(60) {
        sessions::touch(conn, &row.id, now)?;
    }
    Ok(Ok(()))
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_only_their_hash_is_stored() {
        let (a, b) = (random_secret(), random_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(storage_id(&a).len(), 64);
        assert_ne!(storage_id(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret(&a, &a[..42]));
    }
}
