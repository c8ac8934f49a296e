//! Staff search over every request, saved and shared filters, and the Excel report.
use super::json::Json;
use super::query::Query;
use super::requests::dto::Assignee;
use super::requests::view::utc;
use crate::auth::AuthUser;
use crate::db::{self, audit, filters, search};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::history::{AccessDetails, RequestsSearchedDetails};
use crate::domain::jobs::{ExportStatus, JobKind};
use crate::domain::labels::ReportLanguage;
use crate::domain::request::Status;
use crate::domain::request::{Channel, DeliveryMethod, Processing};
use crate::domain::role::Role;
use crate::domain::search::{Criteria, SearchParams, Sort};
use crate::domain::task::TaskType;
use crate::error::{ApiError, ApiResult, ErrorCode, InvalidParam, Problem};
use crate::startup::AppState;
use actix_web::{delete, get, http::header, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_requests)
        .service(list_filters)
        .service(create_filter)
        .service(update_filter)
        .service(delete_filter)
        .service(start_export)
        .service(get_export)
        .service(get_export_file);
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// `submittedAt`, `reference`, `status`, `documentType` or `requesterName`; `-` before it for descending. Default (also when empty) `-submittedAt`.
    #[param(pattern = "^(-?(submittedAt|reference|status|documentType|requesterName))?$")]
    sort: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page: the request that page ended with, so the next one
    /// goes on after it (in any sort order).
    #[param(pattern = "^[0-9]{1,18}$")]
    cursor: Option<String>,
}

/// Page size and the id of the request the page goes on after.
fn paging(page: &PageParams) -> ApiResult<(i64, Option<i64>)> {
    let limit = page.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::coded_field(
            "limit",
            ErrorCode::InvalidValue,
            "Give a page size from 1 to 200.",
        ));
    }
    let Some(cursor) = page.cursor.as_deref() else {
        return Ok((limit, None));
    };
    let digits = (1..=18).contains(&cursor.len()) && cursor.bytes().all(|b| b.is_ascii_digit());
    match digits.then(|| cursor.parse().ok()).flatten() {
        Some(id) => Ok((limit, Some(id))),
        None => Err(ApiError::coded_field(
            "cursor",
            ErrorCode::InvalidValue,
            "This cursor is not valid: use nextCursor from the previous page.",
        )),
    }
}

/// Where a page goes on in this sort order: after the request the cursor names.
fn resume(
    conn: &mut db::DbConnection,
    after: Option<i64>,
    sort: Sort,
) -> ApiResult<Option<search::Cursor>> {
    let Some(id) = after else { return Ok(None) };
    search::cursor_at(conn, id, sort)?.map(Some).ok_or_else(|| {
        ApiError::NotFound(
            "The cursor names a request that does not exist: start again from the first page."
                .into(),
        )
    })
}

/// The hits as the API shows them, with document names and open tasks.
fn hit_views(conn: &mut db::DbConnection, hits: Vec<search::Hit>) -> ApiResult<Vec<SearchHit>> {
    let names = crate::db::catalogue::names(conn)?;
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let mut tasks = search::open_tasks(conn, &ids)?;
    Ok(hits
        .into_iter()
        .map(|h| SearchHit {
            document_type_name: names
                .get(&h.document_type_code)
                .cloned()
                .unwrap_or_default(),
            open_tasks: tasks
                .remove(&h.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(task_type, assignee)| OpenTask {
                    task_type,
                    assignee: assignee.map(|(id, name)| Assignee { id, name }),
                })
                .collect(),
            reference: h.reference,
            document_type_code: h.document_type_code,
            status: h.status,
            processing: h.processing,
            channel: h.submitted_via,
            delivery: h.delivery_method.unwrap_or(h.delivery_preference),
            requester_name: h.requester_name,
            requester_national_number: h.requester_national_number,
            subject_name: h.subject_name,
            subject_national_number: h.subject_national_number,
            submitted_at: utc(h.submitted_at),
            finished_at: h.finished_at.map(utc),
        })
        .collect())
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenTask {
    task_type: TaskType,
    assignee: Option<Assignee>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    reference: String,
    document_type_code: String,
    document_type_name: String,
    status: Status,
    processing: Processing,
    /// `web` or `api`.
    channel: Channel,
    /// The delivery method, or the requester's wish while it is not delivered.
    delivery: DeliveryMethod,
    requester_name: String,
    requester_national_number: Option<String>,
    subject_name: String,
    subject_national_number: Option<String>,
    submitted_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    open_tasks: Vec<OpenTask>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    items: Vec<SearchHit>,
    /// How many requests match: exact up to the server's count limit (`SEARCH_COUNT_LIMIT`,
    /// 10,000 by default); above it, the limit, and `totalExact` is false.
    total: i64,
    /// False when more than `total` requests match ("more than 10,000").
    total_exact: bool,
    next_cursor: Option<String>,
}

/// An API client restricted to some document types searches only those.
fn restrict(criteria: &mut Criteria, user: &AuthUser) {
    if let Some(allowed) = user.client.as_ref().and_then(|c| c.document_types.as_ref()) {
        criteria.restrict_to(allowed);
    }
}

fn parse(
    state: &AppState,
    user: &AuthUser,
    params: &SearchParams,
    sort: Option<&str>,
) -> ApiResult<(Criteria, Sort)> {
    let mut criteria =
        Criteria::parse(params, user.id, state.config.time_zone).map_err(ApiError::Validation)?;
    restrict(&mut criteria, user);
    let sort = Sort::parse(sort).map_err(|e| ApiError::Validation(vec![e]))?;
    Ok((criteria, sort))
}

/// Search every request. Criteria combine (all must hold); results page by cursor.
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = []), ("client" = ["search:read"])),
    params(SearchParams, PageParams),
    responses(
        (status = 200, body = SearchResult),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The cursor names a request that does not exist", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/search/requests")]
async fn search_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    params: Query<SearchParams>,
    page: Query<PageParams>,
    req: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let address = crate::auth::client_address(&req, &state.config);
    let now = state.clock.now_naive();
    let (criteria, sort) = parse(&state, &user, &params, page.sort.as_deref())?;
    let asked = params.into_inner();
    let (limit, after) = paging(&page)?;
    let count_limit = state.config.search_count_limit;
    let result = db::run(&state.pool, move |conn| {
        let resumed = resume(conn, after, sort)?;
        let mut hits = search::page(conn, &criteria, sort, resumed.as_ref(), limit + 1)?;
        let next_cursor = if hits.len() as i64 > limit {
            hits.truncate(limit as usize);
            hits.last().map(|h| h.id.to_string())
        } else {
            None
        };
        let (total, total_exact) = search::count_up_to(conn, &criteria, count_limit)?;
        // A search is a look at everyone it finds: accounted for, with its criteria.
        if after.is_none() {
            let reader = Actor::from(&user);
            let details = AccessDetails::RequestsSearched(RequestsSearchedDetails {
                criteria: asked,
                total,
                address,
            });
            let event = AuditEvent::new(
                &reader,
                AuditAction::RequestsSearched,
                AuditEntity::Search,
                "-",
            )
            .details(details);
            audit::record(conn, now, &event)?;
        }
        let items = hit_views(conn, hits)?;
        Ok(SearchResult {
            items,
            total,
            total_exact,
            next_cursor,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(result))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SavedFilter {
    id: i64,
    name: String,
    criteria: SearchParams,
    /// Visible to all staff.
    shared: bool,
    /// Predefined by the system ("Papieren en attesten"); nobody edits it.
    system: bool,
    owner_name: Option<String>,
    /// Whether you may edit or delete it (your own).
    editable: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SavedFilterList {
    items: Vec<SavedFilter>,
}

#[derive(Deserialize, ToSchema)]
pub struct FilterInput {
    /// Not blank, at most 100 characters.
    #[schema(
        max_length = 100,
        pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    name: String,
    criteria: SearchParams,
    #[serde(default)]
    shared: bool,
}

fn view(row: filters::FilterRow, me: i64) -> SavedFilter {
    SavedFilter {
        criteria: serde_json::from_str(&row.criteria).unwrap_or_default(),
        editable: !row.system && row.owner_user_id == Some(me),
        id: row.id,
        name: row.name,
        shared: row.shared,
        system: row.system,
        owner_name: row.owner_name,
    }
}

/// Checks a filter before it is stored: a name, and criteria that parse.
fn checked(user: &AuthUser, input: &FilterInput) -> ApiResult<(String, String)> {
    let name = input.name.trim().to_owned();
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(InvalidParam::required("name", "Give the filter a name."));
    } else if input.name.chars().count() > 100 {
        errors.push(InvalidParam::coded(
            "name",
            ErrorCode::TooLong,
            "Use at most 100 characters.",
        ));
    }
    // Only checked here: the zone changes which instants a day covers, never a verdict.
    if let Err(e) = Criteria::parse(&input.criteria, user.id, crate::domain::civil::DEFAULT_ZONE) {
        errors.extend(e.into_iter().map(|p| InvalidParam {
            name: format!("criteria.{}", p.name),
            ..p
        }));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok((
        name,
        serde_json::to_string(&input.criteria).map_err(ApiError::internal)?,
    ))
}

/// The filters you can use: the system's, your own, and those colleagues share.
#[utoipa::path(tag = "search", security(("bearer" = []), ("session" = [])), responses((status = 200, body = SavedFilterList)))]
#[get("/search/filters")]
async fn list_filters(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff])?;
    let me = user.id;
    let rows = db::run(&state.pool, move |conn| Ok(filters::visible(conn, me)?)).await?;
    Ok(HttpResponse::Ok().json(SavedFilterList {
        items: rows.into_iter().map(|r| view(r, me)).collect(),
    }))
}

/// Save the current criteria under a name, private or shared (also to copy a colleague's).
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = [])),
    request_body = FilterInput,
    responses((status = 201, body = SavedFilter), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/search/filters")]
async fn create_filter(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<FilterInput>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff])?;
    let input = body.into_inner();
    let (name, criteria) = checked(&user, &input)?;
    let me = user.id;
    let now = state.clock.now_naive();
    let row = db::run(&state.pool, move |conn| {
        let id = filters::insert(conn, me, &name, &criteria, input.shared, now)?;
        filters::get(conn, id)?.ok_or_else(|| ApiError::internal("filter vanished"))
    })
    .await?;
    Ok(HttpResponse::Created().json(view(row, me)))
}

fn owned(row: Option<filters::FilterRow>, me: i64, id: i64) -> ApiResult<filters::FilterRow> {
    let row = row.filter(|r| r.system || r.owner_user_id == Some(me) || r.shared);
    let row = row.ok_or_else(|| ApiError::NotFound(format!("There is no filter {id}.")))?;
    if row.system || row.owner_user_id != Some(me) {
        return Err(ApiError::Forbidden(
            "Only its owner edits or deletes a filter; save a copy to change it.".into(),
        ));
    }
    Ok(row)
}

/// Change your own filter.
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path)),
    request_body = FilterInput,
    responses(
        (status = 200, body = SavedFilter),
        (status = 403, description = "Not yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/search/filters/{id}")]
async fn update_filter(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<FilterInput>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff])?;
    let input = body.into_inner();
    let (name, criteria) = checked(&user, &input)?;
    let (me, id, now) = (user.id, id.into_inner(), state.clock.now_naive());
    let row = db::run(&state.pool, move |conn| {
        owned(filters::get(conn, id)?, me, id)?;
        filters::update(conn, id, &name, &criteria, input.shared, now)?;
        filters::get(conn, id)?.ok_or_else(|| ApiError::internal("filter vanished"))
    })
    .await?;
    Ok(HttpResponse::Ok().json(view(row, me)))
}

/// Delete your own filter.
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[delete("/search/filters/{id}")]
async fn delete_filter(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff])?;
    let (me, id) = (user.id, id.into_inner());
    db::run(&state.pool, move |conn| {
        owned(filters::get(conn, id)?, me, id)?;
        Ok(filters::delete(conn, id)?)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
pub struct ExportInput {
    /// The same criteria as the search.
    #[serde(default)]
    criteria: SearchParams,
    /// The same sort as the search (default `-submittedAt`).
    #[schema(pattern = "^(-?(submittedAt|reference|status|documentType|requesterName))?$")]
    sort: Option<String>,
    /// The report's language: its sheet names, column titles and the words for statuses,
    /// processing, channel, delivery, tasks and document types. Without it, the first of
    /// `nl`, `fr`, `de` and `en` the `Accept-Language` header prefers; otherwise `nl`. Columns that
    /// hold codes say so in their title (`Status (code)`).
    language: Option<ReportLanguage>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    id: String,
    status: ExportStatus,
    total_rows: i64,
    rows_written: i64,
    file_name: String,
    /// Present once done.
    download_url: Option<String>,
    error: Option<String>,
    created_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
}

fn export_view(row: filters::ExportRow) -> Export {
    Export {
        download_url: (row.status == ExportStatus::Done)
            .then(|| format!("/api/v1/search/exports/{}/file", row.id)),
        id: row.id,
        status: row.status,
        total_rows: row.total_rows,
        rows_written: row.rows_written,
        file_name: row.file_name,
        error: row.error,
        created_at: utc(row.created_at),
        finished_at: row.finished_at.map(utc),
    }
}

/// Start the Excel report of a search; poll it for progress, then download the file.
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = []), ("client" = ["reports:read"])),
    params(("Accept-Language" = Option<String>, Header, description = "The report's language when the body names none: the first of `nl`, `fr`, `de` and `en` it prefers (default `nl`).")),
    request_body = ExportInput,
    responses((status = 202, body = Export), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/search/exports")]
async fn start_export(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<ExportInput>,
    req: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let ExportInput {
        criteria: params,
        sort,
        language,
    } = body.into_inner();
    let language = language
        .or_else(|| {
            let header = req.headers().get(header::ACCEPT_LANGUAGE)?;
            ReportLanguage::from_accept_language(header.to_str().ok()?)
        })
        .unwrap_or_default();
    let (criteria, _) = parse(&state, &user, &params, sort.as_deref())?;
    let now = state.clock.now_naive();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let local_now = crate::domain::civil::local_datetime(now, state.config.time_zone);
    let stem = language.pick(&crate::workflow::export::FILE_STEM);
    let file_name = format!("{stem}-{}.xlsx", local_now.format("%Y%m%d-%H%M"));
    let criteria_json = serde_json::to_string(&params).map_err(ApiError::internal)?;
    let me = user.id;
    // The export is a job, committed with it: any instance's exporter makes it (a bounded
    // number at once), and another takes it over if this one dies.
    let (row, job) = db::run(&state.pool, move |conn| {
        let total = search::count(conn, &criteria)?;
        let new = filters::NewExport {
            id: &id,
            user_id: me,
            criteria: &criteria_json,
            sort: sort.as_deref(),
            language,
            total,
            file_name: &file_name,
        };
        let job = crate::db::write_transaction(conn, |conn| {
            filters::create_export(conn, &new, now)?;
            crate::db::jobs::enqueue(conn, JobKind::ExportReport, &id, now, now)
        })?;
        let row =
            filters::export(conn, &id)?.ok_or_else(|| ApiError::internal("export vanished"))?;
        Ok((row, job))
    })
    .await?;
    crate::workflow::export::start(&state.clone().into_inner(), job);
    Ok(HttpResponse::Accepted().json(export_view(row)))
}

async fn own_export(
    state: &web::Data<AppState>,
    user: &AuthUser,
    id: String,
) -> ApiResult<filters::ExportRow> {
    user.require(&[Role::Staff, Role::Client])?;
    let me = user.id;
    let lookup = id.clone();
    let row = db::run(&state.pool, move |conn| Ok(filters::export(conn, &lookup)?)).await?;
    row.filter(|r| r.user_id == me)
        .ok_or_else(|| ApiError::NotFound(format!("You have no export {id}.")))
}

/// How far an export is.
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = []), ("client" = ["reports:read"])),
    params(("id" = String, Path)),
    responses((status = 200, body = Export), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/search/exports/{id}")]
async fn get_export(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let row = own_export(&state, &user, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(export_view(row)))
}

/// The finished report (.xlsx).
#[utoipa::path(
    tag = "search",
    security(("bearer" = []), ("session" = []), ("client" = ["reports:read"])),
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "The workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not finished yet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/search/exports/{id}/file")]
async fn get_export_file(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let row = own_export(&state, &user, id.into_inner()).await?;
    if row.status != ExportStatus::Done {
        return Err(ApiError::Conflict {
            code: ErrorCode::ExportNotReady,
            detail: format!(
                "The report is {} ({} of {} rows); try again when it is done.",
                row.status, row.rows_written, row.total_rows
            ),
        });
    }
    let export_id = row.id.clone();
    let (bytes, pieces) = db::run(&state.pool, move |conn| {
        Ok(filters::export_size(conn, &export_id)?)
    })
    .await?;
    // Sent piece by piece, each read when the previous one is out.
    let (pool, export_id) = (state.pool.clone(), row.id.clone());
    let body = futures_util::stream::unfold(0, move |seq| {
        let (pool, export_id) = (pool.clone(), export_id.clone());
        async move {
            if seq >= pieces {
                return None;
            }
            let piece = db::run(&pool, move |conn| {
                Ok::<_, ApiError>(filters::export_chunk(conn, &export_id, seq)?)
            })
            .await
            .and_then(|p| p.ok_or_else(|| ApiError::internal("a piece of the report is missing")))
            .map(web::Bytes::from);
            Some((piece, seq + 1))
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", row.file_name),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .no_chunking(bytes as u64)
        .streaming(body))
}
