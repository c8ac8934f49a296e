use crate::domain::role::Role;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{
    decode, encode, errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "loket";
const AUDIENCE: &str = "loket-api";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    pub role: Role,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national_number: Option<String>,
    /// How the user proved who they are (eid, itsme, …, or `staff_login`).
    pub amr: String,
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
        let invalid = |e: jsonwebtoken::errors::Error| format!("JWT_SECRET cannot be used: {e}");
        Ok(Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()).map_err(invalid)?,
            decoding: DecodingKey::from_secret(secret.as_bytes()).map_err(invalid)?,
            ttl: Duration::minutes(ttl_minutes),
        })
    }

    pub fn ttl_seconds(&self) -> i64 {
        self.ttl.num_seconds()
    }

    #[allow(clippy::too_many_arguments)]
    pub fn issue(
        &self,
        user_id: i64,
        role: Role,
        name: &str,
        national_number: Option<&str>,
        amr: &str,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user_id.to_string(),
            role,
            name: name.to_owned(),
            national_number: national_number.map(str::to_owned),
            amr: amr.to_owned(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now.timestamp(),
            exp: (now + self.ttl).timestamp(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
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
        let token = keys
            .issue(
                7,
                Role::Citizen,
                "Jan Peeters",
                Some("85073003328"),
                "itsme",
                now,
            )
            .unwrap();
        let claims = keys.verify(&token, now).unwrap();
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.role, Role::Citizen);
        assert_eq!(
            keys.verify(&token, now + Duration::minutes(61))
                .unwrap_err(),
            TokenError::Expired
        );
    }

    #[test]
    fn rejects_another_secret() {
        let now = Utc::now();
        let token = JwtKeys::new("one-secret-of-at-least-thirty-two-chars!", 60)
            .unwrap()
            .issue(1, Role::Staff, "An", None, "staff_login", now)
            .unwrap();
        let other = JwtKeys::new("another-secret-of-at-least-thirty-two-c", 60).unwrap();
        assert_eq!(other.verify(&token, now).unwrap_err(), TokenError::Invalid);
    }
}
