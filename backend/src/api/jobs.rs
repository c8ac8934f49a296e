//! Deliveries the system gave up on ("Mislukte leveringen"): e-mails, My eBox deliveries,
//! questions to the police, deadlines and reports whose job used up its attempts. Staff see
//! them with the last error and put them back in the queue.
use super::query::Query;
use super::requests::view::utc;
use crate::auth::AuthUser;
use crate::db::{self, audit, jobs, requests};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::jobs::JobKind;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::startup::AppState;
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_failed).service(retry);
}

crate::vocabulary! {
    /// Where a job stands.
    pub enum JobState {
        /// Waiting for its turn (or running).
        Queued = "queued",
        /// Done.
        Done = "done",
        /// Given up on after its attempts; staff can try it again.
        Failed = "failed",
    }
}

/// A job, as staff see it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    id: i64,
    kind: JobKind,
    state: JobState,
    /// The request it is for (none for an Excel report).
    request_reference: Option<String>,
    /// Attempts made since it was queued (or last retried by staff).
    attempts: i32,
    /// The last attempt's error, without personal data (e-mail addresses, national numbers).
    last_error: Option<String>,
    /// When it was given up on.
    failed_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FailedJobList {
    /// The jobs given up on, most recently given up first: one page.
    items: Vec<Job>,
    /// How many there are in all.
    total: i64,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_cursor: Option<String>,
}

/// A page of the failed jobs.
#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FailedQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// The `nextCursor` of the previous page.
    #[param(pattern = "^-?([0-9]{1,18}|[1-8][0-9]{18})_[0-9]{1,18}$")]
    cursor: Option<String>,
}

fn view(conn: &mut db::DbConnection, row: jobs::JobRow) -> ApiResult<Job> {
    let reference = match crate::workflow::jobs::request_of(conn, &row) {
        Some(id) => Some(requests::by_id(conn, id)?.reference),
        None => None,
    };
    let state = match (row.failed_at, row.done_at) {
        (Some(_), _) => JobState::Failed,
        (None, Some(_)) => JobState::Done,
        (None, None) => JobState::Queued,
    };
    Ok(Job {
        id: row.id,
        kind: row.kind,
        state,
        request_reference: reference,
        attempts: row.attempts,
        last_error: row.last_error.as_deref().map(crate::redact::redact),
        failed_at: row.failed_at.map(utc),
        created_at: utc(row.created_at),
    })
}

/// The deliveries given up on ("Mislukte leveringen"), with their last error.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("session" = [])),
    params(FailedQuery),
    responses(
        (status = 200, body = FailedJobList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/jobs/failed")]
async fn list_failed(
    state: web::Data<AppState>,
    user: AuthUser,
    query: Query<FailedQuery>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff])?;
    let FailedQuery { limit, cursor } = query.into_inner();
    let (limit, after) = super::query::page(limit, cursor.as_deref())?;
    let (mut rows, total) = db::run(&state.pool, move |conn| {
        Ok((
            jobs::failed(conn, after, limit + 1)?,
            jobs::failed_count(conn)?,
        ))
    })
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => last.failed_at.map(|at| {
            crate::db::tasks::Cursor {
                created_at: at,
                id: last.id,
            }
            .encode()
        }),
        _ => None,
    };
    let items = db::run(&state.pool, move |conn| {
        rows.into_iter()
            .map(|row| view(conn, row))
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(FailedJobList {
        items,
        total,
        next_cursor,
    }))
}

/// Puts a job back in the queue (an e-mail given up on is queued again) and records who did.
fn requeue(
    conn: &mut db::DbConnection,
    id: i64,
    actor: &Actor,
    now: chrono::NaiveDateTime,
) -> ApiResult<JobKind> {
    crate::db::write_transaction(conn, |conn| {
        let row = jobs::by_id(conn, id)?
            .filter(|r| r.kind != JobKind::DeliverWebhook)
            .ok_or_else(|| ApiError::NotFound(format!("There is no job {id}.")))?;
        if !jobs::retry(conn, id, now)? {
            return Err(ApiError::Conflict {
                code: ErrorCode::JobNotFailed,
                detail: format!("Job {id} has not failed: it is done or still queued."),
            });
        }
        match row.kind {
            JobKind::SendEmail => {
                if let Ok(email) = row.payload.parse() {
                    jobs::requeue_email(conn, email)?;
                }
            }
            JobKind::ExportReport => crate::db::filters::restart_export(conn, &row.payload)?,
            _ => {}
        }
        let reference = match crate::workflow::jobs::request_of(conn, &row) {
            Some(request) => Some(requests::by_id(conn, request)?.reference),
            None => None,
        };
        let job_id = id.to_string();
        let event = match &reference {
            Some(reference) => AuditEvent::request(actor, AuditAction::DeliveryRetried, reference),
            None => AuditEvent::new(
                actor,
                AuditAction::DeliveryRetried,
                AuditEntity::Job,
                &job_id,
            ),
        };
        audit::record(conn, now, &event)?;
        Ok(row.kind)
    })
}

/// Try a failed delivery again, now; answers with the job as it stands after this attempt.
#[utoipa::path(
    tag = "jobs",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Job),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The job has not failed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/jobs/{id}/retry")]
async fn retry(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff])?;
    let (id, actor, now) = (id.into_inner(), Actor::from(&user), state.clock.now_naive());
    let kind = db::run(&state.pool, move |conn| requeue(conn, id, &actor, now)).await?;
    let shared = state.clone().into_inner();
    match kind {
        JobKind::ExportReport => crate::workflow::export::start(&shared, id),
        _ => crate::workflow::jobs::run_now(&shared, vec![id]).await,
    }
    let job = db::run(&state.pool, move |conn| {
        let row = jobs::by_id(conn, id)?.ok_or_else(|| ApiError::internal("job vanished"))?;
        view(conn, row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(job))
}
