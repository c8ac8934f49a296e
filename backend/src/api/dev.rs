//! Development-only helpers; registered only in demo mode (`LOKET_DEMO=true`).
use super::auth::{issue_bearer, sync_staff_account, TokenResponse};
use super::json::Json;
use super::query::Query;
use crate::adapters::federal_login::FederalLoginError;
use crate::auth::AuthUser;
use crate::db::{self, users};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::startup::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(dev_token)
        .service(get_clock)
        .service(advance_clock)
        .service(set_clock)
        .service(outbox)
        .service(ebox)
        .service(run_jobs)
        .service(list_deeds)
        .service(add_deed)
        .service(get_outages)
        .service(set_outages);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DevTokenRequest {
    /// A seeded staff or police username, e.g. `an.desmet`.
    username: Option<String>,
    /// A national register number of the mock register, e.g. `85073003328`.
    national_number: Option<String>,
}

impl ToSchema for DevTokenRequest {}

/// Exactly one of the two, each one of the demo's own: the seeded staff, police and admin
/// accounts, and the living people of the mock national register.
impl utoipa::PartialSchema for DevTokenRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use crate::adapters::national_register::{MockNationalRegister, NationalRegister};
        use crate::adapters::staff_directory::{MockStaffDirectory, StaffDirectory};
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let usernames = MockStaffDirectory::demo().accounts().into_iter();
        let people = MockNationalRegister::from_seed(Default::default()).test_people();
        let one = |name: &str, other: &str, values: Vec<String>, description: &str| {
            ObjectBuilder::new()
                .property(
                    name,
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some(values))
                        .description(Some(description)),
                )
                .required(name)
                .property(other, ObjectBuilder::new().schema_type(Type::Null))
        };
        OneOfBuilder::new()
            .item(one(
                "username",
                "nationalNumber",
                usernames.map(|a| a.username).collect(),
                "A seeded staff, police or admin account, e.g. `an.desmet`.",
            ))
            .item(one(
                "nationalNumber",
                "username",
                people.into_iter().map(|p| p.national_number).collect(),
                "A living person of the mock national register, e.g. `85073003328`.",
            ))
            .description(Some(
                "Exactly one of `username` and `nationalNumber`, each one of the demo's own.",
            ))
            .into()
    }
}

/// Development only: a session for a seeded user, without the sign-in pages.
/// Absent (404) outside demo mode.
#[utoipa::path(
    tag = "development",
    request_body = DevTokenRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dev/token")]
async fn dev_token(
    state: web::Data<AppState>,
    body: Json<DevTokenRequest>,
) -> ApiResult<HttpResponse> {
    let DevTokenRequest {
        username,
        national_number,
    } = body.into_inner();
    let state_for_db = state.clone();
    let response = match (username, national_number) {
        (Some(username), None) => {
            let account = state
                .adapters
                .staff_directory
                .accounts()
                .into_iter()
                .find(|a| a.username == username)
                .ok_or_else(|| {
                    ApiError::field(
                        "username",
                        "No seeded staff or police account has this username.",
                    )
                })?;
            db::run(&state.pool, move |conn| {
                let row = sync_staff_account(conn, &account, state_for_db.clock.now_naive())?;
                issue_bearer(&state_for_db, conn, row, account.role, "development")
            })
            .await?
        }
        (None, Some(number)) => {
            let login = state.adapters.federal_login.clone();
            let means = crate::adapters::federal_login::AuthMeans::Itsme;
            let identity =
                db::offload(move || Ok::<_, ApiError>(login.authenticate(means, &number)))
                    .await?
                    .map_err(|e| match e {
                        FederalLoginError::InvalidNumber(e) => {
                            ApiError::field("nationalNumber", e.to_string())
                        }
                        FederalLoginError::UnknownPerson => ApiError::field(
                            "nationalNumber",
                            "No person with this number is in the mock register.",
                        ),
                        FederalLoginError::Unavailable(e) => ApiError::Unavailable(e.to_string()),
                    })?;
            db::run(&state.pool, move |conn| {
                let number = identity.national_number.as_str();
                let row = users::upsert(
                    conn,
                    users::UserKey::NationalNumber(number),
                    users::NewUser {
                        role: Role::Citizen,
                        username: None,
                        national_number: Some(number),
                        display_name: &identity.name,
                        email: identity.email.as_deref(),
                        created_at: state_for_db.clock.now_naive(),
                    },
                )?;
                issue_bearer(&state_for_db, conn, row, Role::Citizen, "development")
            })
            .await?
        }
        _ => {
            return Err(ApiError::field(
                "username",
                "Give exactly one of username or nationalNumber.",
            ));
        }
    };
    Ok(HttpResponse::Ok().json(response))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClockState {
    now: DateTime<Utc>,
    /// How far the clock has been moved ahead of real time, in seconds.
    offset_seconds: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdvanceClock {
    /// Seconds to move the clock forward (1 second to 400 days).
    seconds: i64,
}

fn clock_state(state: &AppState) -> ClockState {
    ClockState {
        now: state.clock.now(),
        offset_seconds: state.movable_clock.offset().num_seconds(),
    }
}

/// Development only: the application clock.
#[utoipa::path(tag = "development", responses((status = 200, body = ClockState)))]
#[get("/dev/clock")]
async fn get_clock(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(clock_state(&state))
}

/// Development only: move the application clock forward, e.g. past a deadline.
#[utoipa::path(
    tag = "development",
    request_body = AdvanceClock,
    responses(
        (status = 200, body = ClockState),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dev/clock/advance")]
async fn advance_clock(
    state: web::Data<AppState>,
    body: Json<AdvanceClock>,
) -> ApiResult<HttpResponse> {
    let seconds = body.seconds;
    if !(1..=400 * 86_400).contains(&seconds) {
        return Err(ApiError::field(
            "seconds",
            "Give a number of seconds from 1 to 34560000 (400 days).",
        ));
    }
    state.movable_clock.advance(Duration::seconds(seconds));
    Ok(HttpResponse::Ok().json(clock_state(&state)))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SetClock {
    /// The instant the clock is to show (RFC 3339, e.g. `2026-03-04T00:30:00+01:00`): ahead
    /// of the clock, at most 400 days.
    now: DateTime<Utc>,
}

/// Development only: move the application clock forward to an instant, e.g. half past
/// midnight in the municipality's time zone. The clock never goes back: an instant that is
/// not ahead of it is refused.
#[utoipa::path(
    tag = "development",
    request_body = SetClock,
    responses(
        (status = 200, body = ClockState),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/dev/clock")]
async fn set_clock(state: web::Data<AppState>, body: Json<SetClock>) -> ApiResult<HttpResponse> {
    let (now, to) = (state.clock.now(), body.now);
    if to <= now || to - now > Duration::days(400) || !state.movable_clock.move_to(to) {
        return Err(ApiError::field(
            "now",
            format!(
                "Give an instant after the clock's {} and at most 400 days ahead: the clock only moves forward.",
                now.to_rfc3339()
            ),
        ));
    }
    Ok(HttpResponse::Ok().json(clock_state(&state)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only e-mails to this address.
    to: Option<String>,
    /// At most this many, newest first (default 100, at most 500).
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEmail {
    id: i64,
    to: String,
    subject: String,
    body: String,
    template: String,
    /// `kept` (no SMTP configured), `queued`, `sent` or `failed`.
    status: crate::domain::jobs::EmailStatus,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    /// The request it is about.
    reference: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Outbox {
    items: Vec<OutboxEmail>,
}

/// Development only: the e-mails the service sent or kept, newest first.
#[utoipa::path(tag = "development", params(OutboxQuery), responses((status = 200, body = Outbox)))]
#[get("/dev/outbox")]
async fn outbox(state: web::Data<AppState>, query: Query<OutboxQuery>) -> ApiResult<HttpResponse> {
    let OutboxQuery { to, limit } = query.into_inner();
    let limit = limit.unwrap_or(100).clamp(1, 500);
    let items = db::run(&state.pool, move |conn| {
        let rows = crate::db::requests::recent_emails(conn, to.as_deref().map(str::trim), limit)?;
        rows.into_iter()
            .map(|e| {
                let reference = match e.request_id {
                    Some(id) => Some(crate::db::requests::by_id(conn, id)?.reference),
                    None => None,
                };
                Ok(OutboxEmail {
                    id: e.id,
                    to: e.to_address,
                    subject: e.subject,
                    body: e.body,
                    template: e.template,
                    status: e.status,
                    created_at: crate::api::requests::view::utc(e.created_at),
                    sent_at: e.sent_at.map(crate::api::requests::view::utc),
                    reference,
                })
            })
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(Outbox { items }))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EBoxItem {
    id: i64,
    sender: String,
    subject: String,
    body: String,
    delivered_at: DateTime<Utc>,
    document_id: Option<i64>,
    /// Download with the same bearer token.
    document_url: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EBoxInbox {
    items: Vec<EBoxItem>,
}

/// Development only: the signed-in citizen's mock My eBox.
#[utoipa::path(
    tag = "development",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = EBoxInbox),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dev/ebox")]
async fn ebox(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Citizen])?;
    let number = user.national_number.clone().unwrap_or_default();
    let worker_state = state.clone();
    let items = db::run(&state.pool, move |conn| {
        let messages = worker_state
            .adapters
            .ebox
            .inbox(&number)
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        messages
            .into_iter()
            .map(|m| {
                let document_url = match m.message.document_id {
                    Some(id) => crate::db::requests::document(conn, id)?
                        .map(|d| {
                            crate::db::requests::by_id(conn, d.request_id)
                                .map(|r| (r.reference, d.id))
                        })
                        .transpose()?
                        .map(|(reference, id)| {
                            format!("/api/v1/requests/{reference}/documents/{id}")
                        }),
                    None => None,
                };
                Ok(EBoxItem {
                    id: m.id,
                    sender: m.message.sender,
                    subject: m.message.subject,
                    body: m.message.body,
                    delivered_at: crate::api::requests::view::utc(m.delivered_at),
                    document_id: m.message.document_id,
                    document_url,
                })
            })
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(EBoxInbox { items }))
}

#[derive(Serialize, ToSchema)]
pub struct JobRun {
    /// Jobs that ran successfully.
    succeeded: usize,
}

/// Development only: run every due job now (deadlines, retries), as the worker would.
#[utoipa::path(tag = "development", responses((status = 200, body = JobRun)))]
#[post("/dev/jobs/run")]
async fn run_jobs(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let worker_state = state.clone();
    let succeeded = db::run(&state.pool, move |conn| {
        let exports = crate::db::jobs::Claim::Kind(crate::domain::jobs::JobKind::ExportReport);
        Ok(crate::workflow::jobs::run_due(conn, &worker_state)?
            + crate::workflow::jobs::run_next(conn, &worker_state, exports)?)
    })
    .await?;
    crate::workflow::jobs::housekeeping(&state).await?;
    Ok(HttpResponse::Ok().json(JobRun { succeeded }))
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeedView {
    /// The DABS reference, e.g. `DABS-GEB-1985-004417` (not blank).
    #[schema(pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")]
    reference: String,
    /// `birth`, `marriage`, `death` or `divorce`.
    #[schema(pattern = "^(birth|marriage|death|divorce)$")]
    deed_type: String,
    /// National register numbers of the people the deed is about (at least one).
    #[schema(value_type = Vec<crate::domain::national_number::NationalNumber>, min_items = 1)]
    national_numbers: Vec<String>,
    registered_at: chrono::NaiveDate,
    place: String,
    /// What the deed says, by field (child, father, mother, spouse1, marriageDate, …).
    #[serde(default)]
    details: std::collections::BTreeMap<String, String>,
}

#[derive(Serialize, ToSchema)]
pub struct DeedList {
    items: Vec<DeedView>,
}

/// Development only: the deeds in the mock DABS.
#[utoipa::path(tag = "development", responses((status = 200, body = DeedList)))]
#[get("/dev/dabs/deeds")]
async fn list_deeds(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let dabs = state.adapters.dabs.clone();
    let deeds = db::offload(move || {
        dabs.list()
            .map_err(|e| ApiError::Unavailable(e.to_string()))
    })
    .await?;
    let items = deeds
        .into_iter()
        .map(|d| DeedView {
            reference: d.reference,
            deed_type: d.deed_type,
            national_numbers: d.national_numbers,
            registered_at: d.registered_at,
            place: d.place,
            details: d.details,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DeedList { items }))
}

/// Development only: add a deed to the mock DABS, as a civil-status officer would in DABS.
#[utoipa::path(
    tag = "development",
    request_body = DeedView,
    responses((status = 201, body = DeedView), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/dev/dabs/deeds")]
async fn add_deed(state: web::Data<AppState>, body: Json<DeedView>) -> ApiResult<HttpResponse> {
    let deed = body.into_inner();
    let mut errors = Vec::new();
    if deed.reference.trim().is_empty() {
        errors.push(crate::error::InvalidParam::required(
            "reference",
            "Give the deed's DABS reference.",
        ));
    }
    if !["birth", "marriage", "death", "divorce"].contains(&deed.deed_type.as_str()) {
        errors.push(crate::error::InvalidParam::new(
            "deedType",
            "Use birth, marriage, death or divorce.",
        ));
    }
    if deed.national_numbers.is_empty() {
        errors.push(crate::error::InvalidParam::required(
            "nationalNumbers",
            "Name at least one person by national register number.",
        ));
    }
    for (i, n) in deed.national_numbers.iter().enumerate() {
        if let Err(e) = crate::domain::national_number::NationalNumber::parse(n) {
            errors.push(crate::error::InvalidParam::coded(
                format!("nationalNumbers.{i}"),
                ErrorCode::InvalidNationalNumber,
                e.to_string(),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let numbers: Vec<String> = deed
        .national_numbers
        .iter()
        .filter_map(|n| crate::domain::national_number::NationalNumber::parse(n).ok())
        .map(|n| n.as_str().to_owned())
        .collect();
    let stored = crate::adapters::dabs::Deed {
        reference: deed.reference.trim().to_owned(),
        deed_type: deed.deed_type.clone(),
        national_numbers: numbers.clone(),
        registered_at: deed.registered_at,
        place: deed.place.clone(),
        details: deed.details.clone(),
    };
    // DABS is an outside system: asked off the async workers.
    let (dabs, now) = (state.adapters.dabs.clone(), state.clock.now_naive());
    db::offload(move || {
        let unavailable = |e: crate::adapters::AdapterError| ApiError::Unavailable(e.to_string());
        let exists = dabs
            .list()
            .map_err(unavailable)?
            .iter()
            .any(|d| d.reference == stored.reference);
        if exists {
            return Err(ApiError::Conflict {
                code: ErrorCode::DuplicateDeed,
                detail: format!("DABS already has deed {}.", stored.reference),
            });
        }
        dabs.add(&stored, now).map_err(unavailable)
    })
    .await?;
    Ok(HttpResponse::Created().json(DeedView {
        national_numbers: numbers,
        ..deed
    }))
}

/// Which mocked systems are down, and how slowly the register and DABS answer.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutageState {
    national_register: bool,
    dabs: bool,
    ebox: bool,
    police: bool,
    /// Every answer of the mocked national register and DABS takes this many milliseconds
    /// (0 to 5000; left out: 0). Slow is not down: the answer still counts.
    #[serde(default)]
    #[schema(maximum = 5000)]
    delay_ms: u64,
}

fn outage_state(state: &AppState) -> OutageState {
    use std::sync::atomic::Ordering::Relaxed;
    let o = &state.adapters.outages;
    OutageState {
        national_register: o.national_register.load(Relaxed),
        dabs: o.dabs.load(Relaxed),
        ebox: o.ebox.load(Relaxed),
        police: o.police.load(Relaxed),
        delay_ms: o.delay_ms.load(Relaxed),
    }
}

/// Development only: which mocked outside systems are down (on this instance).
#[utoipa::path(tag = "development", responses((status = 200, body = OutageState)))]
#[get("/dev/outages")]
async fn get_outages(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(outage_state(&state))
}

/// Development only: take mocked outside systems down or up again, to see that nothing is
/// lost (their calls are retried by jobs).
#[utoipa::path(tag = "development", request_body = OutageState, responses((status = 200, body = OutageState)))]
#[put("/dev/outages")]
async fn set_outages(state: web::Data<AppState>, body: Json<OutageState>) -> HttpResponse {
    use std::sync::atomic::Ordering::Relaxed;
    let o = &state.adapters.outages;
    o.national_register.store(body.national_register, Relaxed);
    o.dabs.store(body.dabs, Relaxed);
    o.ebox.store(body.ebox, Relaxed);
    o.police.store(body.police, Relaxed);
    o.delay_ms.store(body.delay_ms.min(5000), Relaxed);
    HttpResponse::Ok().json(outage_state(&state))
}
