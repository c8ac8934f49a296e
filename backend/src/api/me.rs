use super::auth::User;
use crate::auth::AuthUser;
use crate::error::Problem;
use actix_web::{get, http::header, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me);
}

/// The signed-in user.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
async fn me(user: AuthUser) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(User::from(&user))
}
