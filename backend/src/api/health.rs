use crate::db::{self, migrations};
use crate::error::{ApiError, ApiResult};
use crate::startup::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// `ok` when the database answers and every migration is applied.
    status: String,
    /// `sqlite` or `postgresql`.
    database: String,
    migrations: MigrationsHealth,
    /// The build; shown in demo mode only (it helps an attacker more than anyone else).
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    /// Present, and true, in demo mode only: outside systems are mocked.
    #[serde(skip_serializing_if = "Option::is_none")]
    mocks: Option<bool>,
    municipality: String,
    /// The municipality's time zone (IANA name, e.g. `Europe/Brussels`): dates and times are
    /// shown in it, and the days of search and audit periods are its days.
    time_zone: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MigrationsHealth {
    applied: usize,
    pending: usize,
    latest: Option<String>,
}

/// Is the service up, which database does it use, are its migrations applied.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Up and fully migrated", body = Health),
        (status = 503, description = "The database is unreachable", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/api/health")]
pub async fn health(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let state_for_db = state.clone();
    let migration_state = db::run(&state_for_db.pool, |conn| {
        migrations::state(conn)
            .map_err(|e| ApiError::Unavailable(format!("cannot read migrations: {e}")))
    })
    .await?;
    Ok(HttpResponse::Ok().json(Health {
        status: if migration_state.pending == 0 {
            "ok"
        } else {
            "migrating"
        }
        .into(),
        database: state.config.database_url.backend_name().into(),
        migrations: MigrationsHealth {
            applied: migration_state.applied,
            pending: migration_state.pending,
            latest: migration_state.latest,
        },
        version: state.config.demo.then(|| env!("CARGO_PKG_VERSION").into()),
        mocks: state.config.demo.then_some(true),
        municipality: state.config.municipality.clone(),
        time_zone: state.config.time_zone.name().into(),
    }))
}
