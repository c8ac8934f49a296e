//! The audit trail for the auditor (admin role): every change and every read by staff and
//! police, filtered by person, request, actor, action and period, and exported.
use super::query::Query;
use crate::auth::{client_address, AuthUser};
use crate::db::{self, audit};
use crate::domain::audit::AuditQuery;
use crate::domain::audit::{Actor, AuditAction, AuditDetails, AuditEntity, AuditEvent as NewEvent};
use crate::domain::civil::{self, Tz};
use crate::domain::history::{AccessDetails, AuditExportedDetails};
use crate::domain::national_number::NationalNumber;
use crate::domain::role::ActorRole;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::startup::AppState;
use actix_web::{get, http::header, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_events).service(export_events);
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    id: i64,
    at: DateTime<Utc>,
    actor_role: ActorRole,
    actor_name: String,
    action: AuditAction,
    entity_type: AuditEntity,
    entity_id: String,
    reason: Option<String>,
    /// What else there is to know, by kind: `kind` is the event's `action`. Absent for
    /// actions without details (and for a stored shape this version does not know).
    details: Option<AuditDetails>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    items: Vec<AuditEvent>,
    next_cursor: Option<i64>,
}

/// The filter; the days of the period are the municipality's (`tz`), as UTC instants.
fn filter(query: &AuditQuery, limit: i64, tz: Tz) -> ApiResult<audit::AuditFilter> {
    let person = match query
        .person
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(raw) => Some(
            NationalNumber::parse(raw)
                .map_err(|e| {
                    ApiError::coded_field("person", ErrorCode::InvalidNationalNumber, e.to_string())
                })?
                .as_str()
                .to_owned(),
        ),
    };
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(ApiError::coded_field(
                "to",
                ErrorCode::InvalidValue,
                "The period ends before it starts.",
            ));
        }
    }
    Ok(audit::AuditFilter {
        person,
        reference: text(&query.reference),
        actor: text(&query.actor),
        action: query.action,
        from: query.from.map(|d| civil::day_start_utc(d, tz)),
        to: query.to.map(|d| civil::day_range_utc(d, tz).1),
        before: query.cursor,
        limit,
    })
}

fn view(row: audit::AuditEventRow) -> AuditEvent {
    AuditEvent {
        id: row.id,
        at: crate::api::requests::view::utc(row.occurred_at),
        actor_role: row.actor_role,
        actor_name: row.actor_name,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        reason: row.reason,
        details: row
            .details
            .and_then(|d| AuditDetails::parse(row.action, &d)),
    }
}

/// The audit trail, newest first (admins only).
#[utoipa::path(
    tag = "audit",
    security(("bearer" = []), ("session" = [])),
    params(AuditQuery),
    responses(
        (status = 200, body = AuditPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit/events")]
async fn list_events(
    state: web::Data<AppState>,
    user: AuthUser,
    query: Query<AuditQuery>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::coded_field(
            "limit",
            ErrorCode::InvalidValue,
            "Give a page size from 1 to 200.",
        ));
    }
    let f = filter(&query, limit + 1, state.config.time_zone)?;
    let mut rows = db::run(&state.pool, move |conn| Ok(audit::search(conn, &f)?)).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(HttpResponse::Ok().json(AuditPage {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }))
}

fn csv_field(value: &str) -> String {
    // A leading =, +, - or @ would be a formula in a spreadsheet.
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// The audit trail as CSV (at most 100,000 events), for the auditor's own tools. The export
/// is itself an audit event.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = []), ("session" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "CSV, one event a line", content_type = "text/csv", body = String),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit/events/export")]
async fn export_events(
    state: web::Data<AppState>,
    user: AuthUser,
    query: Query<AuditQuery>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let f = filter(&query, 100_000, state.config.time_zone)?;
    let criteria = query.into_inner();
    let address = client_address(&req, &state.config);
    let now = state.clock.now_naive();
    let rows = db::run(&state.pool, move |conn| {
        let rows = audit::search(conn, &f)?;
        let reader = Actor::from(&user);
        let details = AccessDetails::AuditExported(AuditExportedDetails {
            criteria,
            rows: rows.len() as i64,
            address,
        });
        let event = NewEvent::new(&reader, AuditAction::AuditExported, AuditEntity::Audit, "-")
            .details(details);
        audit::record(conn, now, &event)?;
        Ok(rows)
    })
    .await?;
    let mut csv =
        String::from("id,at,actor_role,actor_name,action,entity_type,entity_id,reason,details\n");
    for row in rows {
        let at = crate::api::requests::view::utc(row.occurred_at).to_rfc3339();
        let fields = [
            row.id.to_string(),
            at,
            row.actor_role.to_string(),
            row.actor_name,
            row.action.to_string(),
            row.entity_type.to_string(),
            row.entity_id,
            row.reason.unwrap_or_default(),
            row.details.unwrap_or_default(),
        ];
        csv.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push('\n');
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audittrail.csv\"",
        ))
        .body(csv))
}
