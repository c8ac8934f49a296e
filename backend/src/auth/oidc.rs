//! The OpenID Connect relying party: one for the federal login (citizens), one for the
//! municipality's provider (staff, police, admins). Authorization code flow with PKCE, `state`
//! and `nonce`; provider discovery and the JWKS fetched over HTTP and cached; the ID token's
//! signature, issuer, audience, expiry and nonce checked by the `openidconnect` crate.
//!
//! In demo mode the providers are the binary's own mock providers (`crate::mock_oidc`), reached
//! over HTTP like any other: the same code signs people in in demo, tests and production.
use crate::clock::Clock;
use crate::config::{ClientAuth, OidcProvider};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthType, AuthenticationContextClass, AuthorizationCode, Client, ClientId,
    ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    ProviderMetadataWithLogout, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Every claim of the ID token that the standard ones do not name (the national register
/// number, roles, groups …), kept as they came.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExtraClaims {
    #[serde(flatten)]
    pub claims: serde_json::Map<String, Value>,
}
impl AdditionalClaims for ExtraClaims {}

type Fields = IdTokenFields<
    ExtraClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type TokenResp = StandardTokenResponse<Fields, CoreTokenType>;
type RpClient = Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResp,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long discovery and the provider's keys are trusted before they are fetched again (they
/// are also fetched again at once when a token is signed with a key we do not know).
const METADATA_TTL: Duration = Duration::from_secs(3600);

/// Which of the two providers.
pub use crate::domain::role::Provider as ProviderKind;

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense; try again later.
    #[error("the sign-in provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider refused (a used or unknown code, a refused client).
    #[error("the sign-in provider refused: {0}")]
    Refused(String),
    /// The ID token failed a check (signature, issuer, audience, expiry, nonce).
    #[error("the ID token is not valid: {0}")]
    InvalidToken(String),
}

/// The start of a sign-in: where to send the browser, and what to keep until it comes back.
pub struct Begun {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A verified sign-in: every claim of the ID token as JSON, and the refresh token if any.
pub struct Verified {
    pub claims: Value,
    pub refresh_token: Option<String>,
}

struct Cached {
    fetched: Instant,
    client: Arc<RpClient>,
    end_session: Option<String>,
    token_endpoint: String,
}

pub struct RelyingParty {
    pub kind: ProviderKind,
    pub settings: OidcProvider,
    redirect_uri: RedirectUrl,
    http: reqwest::Client,
    clock: Arc<dyn Clock>,
    cache: RwLock<Option<Arc<Cached>>>,
}

impl RelyingParty {
    pub fn new(
        kind: ProviderKind,
        settings: OidcProvider,
        redirect_uri: &str,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, String> {
        IssuerUrl::new(settings.issuer.clone()).map_err(|e| {
            format!(
                "{}_OIDC_ISSUER '{}' is not a URL: {e}",
                kind.as_str().to_uppercase(),
                settings.issuer
            )
        })?;
        let http = reqwest::Client::builder()
            // Never follow redirects from a provider's back channel (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            kind,
            settings,
            redirect_uri: RedirectUrl::new(redirect_uri.to_owned())
                .map_err(|e| format!("PUBLIC_URL gives no valid redirect URI: {e}"))?,
            http,
            clock,
            cache: RwLock::new(None),
        })
    }

    pub fn issuer(&self) -> &str {
        &self.settings.issuer
    }

    /// The provider's metadata and keys, from the cache or fetched anew.
    async fn provider(&self, refresh: bool) -> Result<Arc<Cached>, OidcError> {
        if !refresh {
            if let Some(cached) = self
                .cache
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .as_ref()
            {
                if cached.fetched.elapsed() < METADATA_TTL {
                    return Ok(cached.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| OidcError::Unavailable(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| {
                OidcError::Unavailable(format!("discovery failed: {}", error_chain(&e)))
            })?;
        let end_session = metadata
            .additional_metadata()
            .end_session_endpoint
            .as_ref()
            .map(|u| u.url().to_string());
        let token_endpoint = metadata
            .token_endpoint()
            .map(|u| u.url().to_string())
            .ok_or_else(|| OidcError::Unavailable("the provider names no token endpoint".into()))?;
        let secret = match &self.settings.client_auth {
            ClientAuth::SecretPost(secret) => Some(ClientSecret::new(secret.clone())),
            ClientAuth::PrivateKeyJwt { .. } => None,
        };
        let client = RpClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            secret,
        )
        .set_redirect_uri(self.redirect_uri.clone())
        .set_auth_type(AuthType::RequestBody);
        let cached = Arc::new(Cached {
            fetched: Instant::now(),
            client: Arc::new(client),
            end_session,
            token_endpoint,
        });
        *self
            .cache
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(cached.clone());
        Ok(cached)
    }

    /// The provider's value for a means (eid, itsme …), sent as `acr_values`.
    fn acr_for(&self, means: &str) -> Option<String> {
        self.settings
            .means_values
            .iter()
            .find(|(_, m)| m == means)
            .map(|(value, _)| value.clone())
    }

    /// The authorization URL with a fresh state, nonce and PKCE challenge.
    pub async fn begin(&self, means: Option<&str>) -> Result<Begun, OidcError> {
        let provider = self.provider(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = provider
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in self
            .settings
            .scopes
            .iter()
            .filter(|s| s.as_str() != "openid")
        {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if let Some(acr) = means.and_then(|m| self.acr_for(m)) {
            request = request.add_auth_context_value(AuthenticationContextClass::new(acr));
        }
        let (url, state, nonce) = request.url();
        Ok(Begun {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// `private_key_jwt`: a short-lived assertion signed with the client's key.
    fn client_assertion(&self, token_endpoint: &str) -> Result<Option<String>, OidcError> {
        let ClientAuth::PrivateKeyJwt { pem, algorithm } = &self.settings.client_auth else {
            return Ok(None);
        };
        let (key, alg) = match algorithm.as_str() {
            "ES256" => (
                jsonwebtoken::EncodingKey::from_ec_pem(pem.as_bytes()),
                jsonwebtoken::Algorithm::ES256,
            ),
            _ => (
                jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes()),
                jsonwebtoken::Algorithm::RS256,
            ),
        };
        let key =
            key.map_err(|e| OidcError::Refused(format!("the client key is unusable: {e}")))?;
        let now = self.clock.now().timestamp();
        let claims = serde_json::json!({
            "iss": self.settings.client_id,
            "sub": self.settings.client_id,
            "aud": token_endpoint,
            "jti": uuid::Uuid::new_v4().to_string(),
            "iat": now,
            "exp": now + 60,
        });
        jsonwebtoken::encode(&jsonwebtoken::Header::new(alg), &claims, &key)
            .map(Some)
            .map_err(|e| OidcError::Refused(format!("cannot sign the client assertion: {e}")))
    }

    /// Exchanges the code for tokens and verifies the ID token against the nonce of this
    /// sign-in. A token signed with a key we do not know makes us fetch the keys once more
    /// (the provider may have rotated them) before it is refused.
    pub async fn complete(
        &self,
        code: &str,
        nonce: &str,
        pkce_verifier: &str,
    ) -> Result<Verified, OidcError> {
        let provider = self.provider(false).await?;
        let mut request = provider
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()));
        if let Some(assertion) = self.client_assertion(&provider.token_endpoint)? {
            request = request
                .add_extra_param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                )
                .add_extra_param("client_assertion", assertion);
        }
        let response = request
            .request_async(&self.http)
            .await
            .map_err(token_error)?;
        let nonce = Nonce::new(nonce.to_owned());
        let claims = match self.verify(&provider, &response, Some(&nonce)) {
            Err(OidcError::InvalidToken(e)) if e.contains("signature") || e.contains("key") => {
                let fresh = self.provider(true).await?;
                self.verify(&fresh, &response, Some(&nonce))?
            }
            other => other?,
        };
        Ok(Verified {
            claims,
            refresh_token: response.refresh_token().map(|t| t.secret().clone()),
        })
    }

    fn verify(
        &self,
        provider: &Cached,
        response: &TokenResp,
        nonce: Option<&Nonce>,
    ) -> Result<Value, OidcError> {
        let id_token = response
            .id_token()
            .ok_or_else(|| OidcError::InvalidToken("the provider sent no ID token".into()))?;
        let clock = self.clock.clone();
        let verifier = provider
            .client
            .id_token_verifier()
            .set_allowed_algs([
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
                CoreJwsSigningAlgorithm::RsaSsaPssSha256,
                CoreJwsSigningAlgorithm::EcdsaP256Sha256,
                CoreJwsSigningAlgorithm::EcdsaP384Sha384,
            ])
            .set_time_fn(move || clock.now());
        let claims = match nonce {
            Some(nonce) => id_token.claims(&verifier, nonce),
            // A refreshed ID token carries no nonce of ours (OpenID Connect Core 12.2).
            None => id_token.claims(&verifier, |_: Option<&Nonce>| Ok(())),
        }
        .map_err(|e| OidcError::InvalidToken(error_chain(&e)))?;
        serde_json::to_value(claims).map_err(|e| OidcError::InvalidToken(e.to_string()))
    }

    /// Asks the provider again whether the account still stands (refresh token grant). Ok
    /// with the new claims (if it sent an ID token) and refresh token; `Refused` when the
    /// provider says no (account disabled, consent withdrawn); `Unavailable` when it cannot
    /// be asked.
    pub async fn refresh(
        &self,
        refresh_token: &str,
    ) -> Result<(Option<Value>, Option<String>), OidcError> {
        let provider = self.provider(false).await?;
        let token = RefreshToken::new(refresh_token.to_owned());
        let mut request = provider
            .client
            .exchange_refresh_token(&token)
            .map_err(|e| OidcError::Unavailable(e.to_string()))?;
        if let Some(assertion) = self.client_assertion(&provider.token_endpoint)? {
            request = request
                .add_extra_param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                )
                .add_extra_param("client_assertion", assertion);
        }
        let response = request
            .request_async(&self.http)
            .await
            .map_err(token_error)?;
        let claims = if response.id_token().is_some() {
            Some(self.verify(&provider, &response, None)?)
        } else {
            None
        };
        Ok((
            claims,
            response
                .refresh_token()
                .map(|t| t.secret().clone())
                .or_else(|| Some(refresh_token.to_owned())),
        ))
    }

    /// Where to send the browser to end the session at the provider too (RP-initiated
    /// logout), when the provider offers that.
    pub async fn logout_url(&self, post_logout_redirect: &str) -> Option<String> {
        let provider = self.provider(false).await.ok()?;
        let mut url = url::Url::parse(provider.end_session.as_deref()?).ok()?;
        url.query_pairs_mut()
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("post_logout_redirect_uri", post_logout_redirect);
        Some(url.to_string())
    }
}

/// Only `invalid_grant` means "no" (a used code, a withdrawn account); any other error is the
/// provider or our registration at it not working, and is treated as unavailable.
fn token_error<RE>(
    e: RequestTokenError<RE, StandardErrorResponse<CoreErrorResponseType>>,
) -> OidcError
where
    RE: std::error::Error + 'static,
{
    match e {
        RequestTokenError::ServerResponse(response)
            if *response.error() == CoreErrorResponseType::InvalidGrant =>
        {
            OidcError::Refused(response.to_string())
        }
        RequestTokenError::ServerResponse(response) => OidcError::Unavailable(response.to_string()),
        other => OidcError::Unavailable(error_chain(&other)),
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A claim by name; a dotted name walks into objects (`realm_access.roles`).
pub fn claim<'a>(claims: &'a Value, name: &str) -> Option<&'a Value> {
    name.split('.')
        .try_fold(claims, |value, part| value.get(part))
}

/// The claim's values as strings: a string, or every string in an array.
pub fn claim_strings(claims: &Value, name: &str) -> Vec<String> {
    match claim(claims, name) {
        Some(Value::String(s)) => s.split_whitespace().map(str::to_owned).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The first value of the claim that `values` maps, mapped.
pub fn mapped(claims: &Value, name: &str, values: &[(String, String)]) -> Vec<String> {
    claim_strings(claims, name)
        .iter()
        .filter_map(|v| {
            values
                .iter()
                .find(|(from, _)| from == v)
                .map(|(_, to)| to.clone())
        })
        .collect()
}

/// The Loket role of a staff ID token: the most-privileged one its role claim maps to
/// (admin, then staff, then police); `None` when it maps to none.
pub fn staff_role(claims: &Value, settings: &OidcProvider) -> Option<crate::domain::role::Role> {
    use crate::domain::role::Role;
    let roles: Vec<Role> = mapped(claims, &settings.role_claim, &settings.role_values)
        .iter()
        .filter_map(|r| Role::parse(r))
        .filter(|r| *r != Role::Citizen)
        .collect();
    [Role::Admin, Role::Staff, Role::Police]
        .into_iter()
        .find(|r| roles.contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn claims_are_found_by_dotted_name_and_mapped() {
        let claims = json!({
            "acr": "urn:be:fedict:iam:fas:Level500",
            "realm_access": {"roles": ["offline_access", "loket-police"]},
            "groups": "loket-staff other"
        });
        let roles = [
            ("loket-staff".to_owned(), "staff".to_owned()),
            ("loket-police".to_owned(), "police".to_owned()),
        ];
        assert_eq!(mapped(&claims, "realm_access.roles", &roles), ["police"]);
        assert_eq!(mapped(&claims, "groups", &roles), ["staff"]);
        assert!(mapped(&claims, "roles", &roles).is_empty());
        let means = [(
            "urn:be:fedict:iam:fas:Level500".to_owned(),
            "eid".to_owned(),
        )];
        assert_eq!(mapped(&claims, "acr", &means), ["eid"]);
    }
}
