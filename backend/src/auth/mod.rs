//! Who is asking: OpenID Connect sign-in, server-side sessions (an `HttpOnly` cookie for the
//! SPA, signed bearer tokens for API clients and tests), and the extractor handlers use.
pub mod client;
mod extractor;
mod jwt;
pub mod oidc;
pub mod session;

pub use extractor::{
    authenticate as extractor_authenticate, client_address, user_agent, AuthUser, MaybeUser,
};
pub use jwt::{Claims, ClientClaims, ClientToken, JwtKeys};
