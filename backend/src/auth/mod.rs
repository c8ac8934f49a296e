//! Sessions are signed JWTs with the user's role; the API takes them as bearer tokens.
mod extractor;
mod jwt;

pub use extractor::{AuthUser, MaybeUser};
pub use jwt::{Claims, JwtKeys};
