use super::auth::User;
use crate::auth::AuthUser;
use crate::db::{self, users};
use crate::error::{ApiError, ApiResult, Problem};
use crate::startup::AppState;
use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me);
}

/// The signed-in user.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = User),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let id = user.id;
    let row = db::run(&state.pool, move |conn| Ok(users::by_id(conn, id)?)).await?;
    let row = row.ok_or(ApiError::Unauthorized {
        code: "invalid_token",
        detail: "This account no longer exists: sign in again.".into(),
    })?;
    Ok(HttpResponse::Ok().json(User::from_row(row, Some(user.amr))?))
}
