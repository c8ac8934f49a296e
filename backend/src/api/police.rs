//! The police's page: the advice they were asked for (model 596.2), and nothing else.
use super::requests::view::utc;
use crate::auth::AuthUser;
use crate::db::schema::{mock_police_advice_requests as advice, requests};
use crate::db::{self};
use crate::domain::audit::{Actor, AuditAction, AuditEvent};
use crate::domain::history::{AccessDetails, ReadDetails};
use crate::domain::role::Role;
use crate::error::{ApiResult, Problem};
use crate::startup::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_advice_requests);
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdviceRequestView {
    reference: String,
    subject_name: String,
    subject_national_number: Option<String>,
    subject_birth_date: Option<NaiveDate>,
    purpose: String,
    requested_at: DateTime<Utc>,
    /// After this, staff register the advice in the police's name.
    due_at: DateTime<Utc>,
    /// `favourable` or `unfavourable`, once given.
    advice: Option<String>,
    remark: Option<String>,
    answered_at: Option<DateTime<Utc>>,
    answered_by: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AdviceRequestList {
    items: Vec<AdviceRequestView>,
}

type Row = (
    String,
    String,
    Option<String>,
    Option<NaiveDate>,
    String,
    NaiveDateTime,
    Option<String>,
    Option<String>,
    Option<NaiveDateTime>,
    Option<String>,
);

/// Advice requests to the police: open ones first (oldest first), then the answered ones.
#[utoipa::path(
    tag = "police",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = AdviceRequestList),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/police/advice-requests")]
async fn list_advice_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    req: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Police])?;
    let days = state.config.police_advice_days;
    let address = crate::auth::client_address(&req, &state.config);
    let now = state.clock.now_naive();
    let rows: Vec<Row> = db::run(&state.pool, move |conn| {
        let rows: Vec<Row> = advice::table
            .inner_join(requests::table.on(requests::id.eq(advice::request_id)))
            .order((advice::answered_at.is_not_null(), advice::requested_at))
            .limit(500)
            .select((
                requests::reference,
                advice::subject_name,
                advice::subject_national_number,
                requests::subject_birth_date,
                advice::purpose,
                advice::requested_at,
                advice::advice,
                advice::remark,
                advice::answered_at,
                advice::answered_by,
            ))
            .load(conn)?;
        // The list shows who each request is about: every one of them is a read.
        let reader = Actor::from(&user);
        for row in &rows {
            let details = AccessDetails::AdviceRequestViewed(ReadDetails {
                address: address.clone(),
            });
            let event = AuditEvent::request(&reader, AuditAction::AdviceRequestViewed, &row.0)
                .details(details);
            crate::db::audit::record(conn, now, &event)?;
        }
        Ok(rows)
    })
    .await?;
    let items = rows
        .into_iter()
        .map(
            |(
                reference,
                subject_name,
                number,
                birth,
                purpose,
                requested,
                advice,
                remark,
                answered,
                by,
            )| AdviceRequestView {
                reference,
                subject_name,
                subject_national_number: number,
                subject_birth_date: birth,
                purpose,
                requested_at: utc(requested),
                due_at: utc(requested + Duration::days(days)),
                advice,
                remark,
                answered_at: answered.map(utc),
                answered_by: by,
            },
        )
        .collect();
    Ok(HttpResponse::Ok().json(AdviceRequestList { items }))
}
