use crate::domain::role::Role;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{
    decode, encode, errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "loket";
const AUDIENCE: &str = "loket-api";
/// Access tokens of API clients are for another audience: one kind is never taken for the other.
const CLIENT_AUDIENCE: &str = "loket-client";

/// An API client's access token (OAuth 2.0 client credentials).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientClaims {
    /// The public client id.
    pub sub: String,
    /// The client's row id.
    pub cid: i64,
    /// The secret it was issued for: revoking the secret ends its tokens at once.
    pub kid: i64,
    /// The scopes granted, space-separated (RFC 6749 §3.3).
    pub scope: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
}

/// What the fields of an API client's token are.
pub struct ClientToken<'a> {
    pub client_id: &'a str,
    pub client: i64,
    pub secret: i64,
    pub scope: &'a str,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    /// The server-side session this token belongs to; signing out ends it.
    pub sid: String,
    pub role: Role,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    Expired,
    Invalid,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl: Duration,
}

impl JwtKeys {
    pub fn new(secret: &str, ttl_minutes: i64) -> Result<Self, String> {
        let invalid =
            |e: jsonwebtoken::errors::Error| format!("SESSION_SECRET cannot be used: {e}");
        Ok(Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()).map_err(invalid)?,
            decoding: DecodingKey::from_secret(secret.as_bytes()).map_err(invalid)?,
            ttl: Duration::minutes(ttl_minutes),
        })
    }

    pub fn ttl_seconds(&self) -> i64 {
        self.ttl.num_seconds()
    }

    /// A bearer token for a session. It carries no personal data: a token is readable by
    /// whoever holds it.
    pub fn issue(
        &self,
        user_id: i64,
        session: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session.to_owned(),
            role,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now.timestamp(),
            exp: (now + self.ttl).timestamp(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// An API client's access token, valid for `minutes`.
    pub fn issue_client(
        &self,
        token: &ClientToken,
        minutes: i64,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = ClientClaims {
            sub: token.client_id.to_owned(),
            cid: token.client,
            kid: token.secret,
            scope: token.scope.to_owned(),
            iss: ISSUER.into(),
            aud: CLIENT_AUDIENCE.into(),
            iat: now.timestamp(),
            exp: (now + Duration::minutes(minutes)).timestamp(),
            jti: uuid::Uuid::new_v4().simple().to_string(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// An API client's token: `Ok(None)` when the token is not one (a session's token, or not
    /// a token at all: the session check then refuses it).
    pub fn verify_client(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<ClientClaims>, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[CLIENT_AUDIENCE]);
        validation.validate_exp = false;
        let claims = match decode::<ClientClaims>(token, &self.decoding, &validation) {
            Ok(data) => data.claims,
            Err(_) => return Ok(None),
        };
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(Some(claims))
    }

    /// Checks signature, issuer and audience, and expiry against `now` (the application clock).
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_exp = false;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })?
            .claims;
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_expires_on_the_application_clock() {
        let keys = JwtKeys::new("a-secret-of-at-least-thirty-two-characters", 60).unwrap();
        let now = Utc::now();
        let token = keys.issue(7, "session-secret", Role::Citizen, now).unwrap();
        let claims = keys.verify(&token, now).unwrap();
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.sid, "session-secret");
        assert_eq!(claims.role, Role::Citizen);
        assert_eq!(
            keys.verify(&token, now + Duration::minutes(61))
                .unwrap_err(),
            TokenError::Expired
        );
    }

    #[test]
    fn client_tokens_and_session_tokens_are_not_taken_for_each_other() {
        let keys = JwtKeys::new("a-secret-of-at-least-thirty-two-characters", 60).unwrap();
        let now = Utc::now();
        let fields = ClientToken {
            client_id: "lk_1",
            client: 1,
            secret: 2,
            scope: "requests:read",
        };
        let client = keys.issue_client(&fields, 15, now).unwrap();
        let session = keys.issue(7, "s", Role::Staff, now).unwrap();
        assert_eq!(keys.verify(&client, now).unwrap_err(), TokenError::Invalid);
        assert!(keys.verify_client(&session, now).unwrap().is_none());
        let claims = keys.verify_client(&client, now).unwrap().unwrap();
        assert_eq!((claims.cid, claims.kid), (1, 2));
        assert_eq!(
            keys.verify_client(&client, now + Duration::minutes(16))
                .unwrap_err(),
            TokenError::Expired
        );
    }

    #[test]
    fn rejects_another_secret() {
        let now = Utc::now();
        let token = JwtKeys::new("one-secret-of-at-least-thirty-two-chars!", 60)
            .unwrap()
            .issue(1, "s", Role::Staff, now)
            .unwrap();
        let other = JwtKeys::new("another-secret-of-at-least-thirty-two-c", 60).unwrap();
        assert_eq!(other.verify(&token, now).unwrap_err(), TokenError::Invalid);
    }
}
