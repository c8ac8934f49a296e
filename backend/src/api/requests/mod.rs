//! Requests (aanvragen): submit, read, list own, download their documents.
mod actions;
pub mod dto;
mod precondition;
pub(super) mod validate;
pub mod view;

use super::json::Json;
use crate::auth::{AuthUser, MaybeUser};
use crate::db::{self, catalogue, requests};
use crate::domain::history::{AccessDetails, DocumentViewedDetails, ReadDetails};
use crate::domain::national_number::NationalNumber;
use crate::domain::request::Channel;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::rate_limit::Limit;
use crate::startup::AppState;
use crate::workflow::{confirm, submit};
use actix_web::{get, http::header, post, web, HttpRequest, HttpResponse};
use dto::{CreateRequest, Prefill, RequestDetail, RequestList};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_request)
        .service(confirm_request)
        .service(list_own_requests)
        .service(get_request)
        .service(get_request_document)
        .service(prefill)
        .configure(actions::configure);
}

/// The register entry of a signed-in citizen (asked off the async workers: the register is
/// an outside system).
async fn register_person(
    state: &AppState,
    user: &AuthUser,
) -> ApiResult<crate::adapters::national_register::Person> {
    let number = user
        .national_number
        .as_deref()
        .and_then(|n| NationalNumber::parse(n).ok())
        .ok_or_else(|| ApiError::internal("citizen token without national number"))?;
    let register = state.adapters.national_register.clone();
    db::offload(move || Ok::<_, ApiError>(register.person(&number)))
        .await?
        .map_err(ApiError::from)?
        .ok_or_else(|| {
            ApiError::Forbidden("The national register does not know you (any more).".into())
        })
}

/// The register entry of a signed-in citizen for a submission; `None` while the register
/// does not answer (the request is taken in, and its decision waits for the register).
async fn register_entry(
    state: &AppState,
    user: &AuthUser,
) -> ApiResult<Option<crate::adapters::national_register::Person>> {
    match register_person(state, user).await {
        Ok(person) => Ok(Some(person)),
        Err(ApiError::OutsideSystem { detail, .. }) => {
            tracing::warn!(%detail, "the national register did not answer; the decision waits");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// What the national register knows of the signed-in citizen, to prefill the form.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = Prefill),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a citizen", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/prefill")]
async fn prefill(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Citizen])?;
    let p = register_person(&state, &user).await?;
    Ok(HttpResponse::Ok().json(Prefill {
        address: p.current_address().map(|a| a.one_line()),
        first_names: p.first_names,
        last_name: p.last_name,
        national_number: p.national_number,
        birth_date: p.birth_date,
        birth_place: p.birth_place,
        nationality: p.nationality,
        email: p.email,
    }))
}

/// Submit a request. Signed-in citizens asking for themselves, for use in Belgium, get their
/// document at once (status `delivered`, with the document); everything else goes to staff.
/// Someone who does not sign in gets 202: the request waits until they confirm it through the
/// link e-mailed to them (24 hours); only then is it handled.
/// Send an `Idempotency-Key` header to make retries safe: the same key returns the same request.
#[utoipa::path(
    tag = "requests",
    request_body = CreateRequest,
    params(
        ("Idempotency-Key" = Option<String>, Header, nullable = false, pattern = "^[!-~]{1,100}$", description = "Any unique string (e.g. a UUID) per request the user means to make: 1 to 100 visible ASCII characters, no spaces"),
        ("X-Loket-Channel" = Option<String>, Header, nullable = false, description = "`web` when sent by the SPA; anything else counts as `api`"),
    ),
    security((), ("bearer" = []), ("session" = []), ("client" = ["requests:create"])),
    responses(
        (status = 201, description = "Created", body = RequestDetail, headers(("Location" = String, description = "The request's URL"))),
        (status = 200, description = "Already submitted with this Idempotency-Key", body = RequestDetail),
        (status = 202, description = "Not signed in: waits for the e-mailed confirmation", body = PendingConfirmation),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The same Idempotency-Key is being submitted concurrently, or was used by someone else or for other answers", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address, account, e-mail address or API client: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[post("/requests")]
async fn create_request(
    state: web::Data<AppState>,
    req: HttpRequest,
    MaybeUser(user): MaybeUser,
    body: Json<CreateRequest>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    if let Some(client) = user.as_ref().filter(|u| u.client.is_some()) {
        let key = idempotency_key(&req)?;
        return submit_for_client(&state, input, client.clone(), key).await;
    }
    if let Some(u) = &user {
        u.require(&[Role::Citizen])?;
    }
    crate::rate_limit::limit_address(&state, &req, Limit::Submit)?;
    if let Some(u) = &user {
        state
            .limits
            .check(Limit::Submit, &format!("user:{}", u.id))?;
    }
    let idempotency_key = idempotency_key(&req)?;
    let via = match req
        .headers()
        .get("X-Loket-Channel")
        .and_then(|v| v.to_str().ok())
    {
        Some("web") => Channel::Web,
        _ => Channel::Api,
    };
    if user.is_none() {
        return hold_for_confirmation(&state, input, via, idempotency_key).await;
    }
    let (created, detail) = process(&state, input, user, via, idempotency_key).await?;
    let mut response = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(response
        .insert_header((
            header::LOCATION,
            format!("/api/v1/requests/{}", detail.reference),
        ))
        .json(detail))
}

/// The `Idempotency-Key` header, checked.
fn idempotency_key(req: &HttpRequest) -> ApiResult<Option<String>> {
    match req.headers().get("Idempotency-Key").map(|v| v.as_bytes()) {
        None => Ok(None),
        Some(key) if (1..=100).contains(&key.len()) && key.iter().all(u8::is_ascii_graphic) => {
            Ok(Some(String::from_utf8_lossy(key).into_owned()))
        }
        Some(_) => Err(ApiError::BadRequest {
            code: ErrorCode::InvalidIdempotencyKey,
            detail: "The Idempotency-Key header must be 1 to 100 visible ASCII characters, without spaces.".into(),
        }),
    }
}

/// A request an API client submits on a citizen's behalf (channel `api`): the requester is who
/// the body names, as for someone who does not sign in, but no confirmation e-mail is needed —
/// the client answers for it, and is recorded as the one who submitted. Staff handle it.
async fn submit_for_client(
    state: &web::Data<AppState>,
    input: CreateRequest,
    client: crate::auth::AuthUser,
    idempotency_key: Option<String>,
) -> ApiResult<HttpResponse> {
    let Some(grant) = client.client.clone() else {
        return Err(ApiError::internal("not an API client"));
    };
    state
        .limits
        .check(Limit::ClientSubmit, &format!("client:{}", grant.id))?;
    let code = input.document_type.trim().to_owned();
    if !grant.may_see_type(&code) {
        return Err(ApiError::ForbiddenCoded {
            code: ErrorCode::DocumentTypeNotAllowed,
            detail: format!("This API client may not submit requests for '{code}'."),
        });
    }
    let mut submission = prepare(state, input, None, Channel::Api, idempotency_key).await?;
    submission.client = Some(submit::SubmittingClient {
        id: grant.id,
        user_id: client.id,
        name: grant.name.clone(),
    });
    let outcome = submit::submit(&state.clone().into_inner(), submission).await?;
    let created = outcome.created;
    let detail = db::run(&state.pool, move |conn| {
        view::detail(conn, outcome.request, Some(&client))
    })
    .await?;
    let mut response = if created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(response
        .insert_header((
            header::LOCATION,
            format!("/api/v1/requests/{}", detail.reference),
        ))
        .json(detail))
}

/// Checks a request against the catalogue, the register and the rules: a submission ready to go.
async fn prepare(
    state: &web::Data<AppState>,
    input: CreateRequest,
    user: Option<&crate::auth::AuthUser>,
    via: Channel,
    idempotency_key: Option<String>,
) -> ApiResult<submit::Submission> {
    let code = input.document_type.trim().to_owned();
    let doc_type = db::run(&state.pool, move |conn| {
        Ok(catalogue::document_type(conn, &code)?)
    })
    .await?;
    let Some(doc_type) = doc_type else {
        return Err(ApiError::Validation(vec![
            crate::error::InvalidParam::coded(
                "documentType",
                ErrorCode::InvalidValue,
                format!(
                    "There is no document type '{}' in the catalogue.",
                    input.document_type
                ),
            ),
        ]));
    };
    let person = match user {
        Some(u) => register_entry(state, u).await?,
        None => None,
    };
    validate::validate(input, user, person.as_ref(), doc_type, via, idempotency_key)
}

/// Submits, and answers whether it was created now and how it stands.
async fn process(
    state: &web::Data<AppState>,
    input: CreateRequest,
    user: Option<crate::auth::AuthUser>,
    via: Channel,
    idempotency_key: Option<String>,
) -> ApiResult<(bool, RequestDetail)> {
    let submission = prepare(state, input, user.as_ref(), via, idempotency_key).await?;
    let outcome = submit::submit(&state.clone().into_inner(), submission).await?;
    let created = outcome.created;
    let detail = db::run(&state.pool, move |conn| {
        view::detail(conn, outcome.request, user.as_ref())
    })
    .await?;
    Ok((created, detail))
}

/// "l***@example.be": enough for the person to recognise their address.
fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// A request without sign-in: checked now (so mistakes show at once), kept, and an e-mail asks
/// its requester to confirm. Nothing reaches staff until then.
async fn hold_for_confirmation(
    state: &web::Data<AppState>,
    input: CreateRequest,
    via: Channel,
    idempotency_key: Option<String>,
) -> ApiResult<HttpResponse> {
    let submission = prepare(state, input.clone(), None, via, idempotency_key).await?;
    let workflow_state = state.clone().into_inner();
    // A retry with the same Idempotency-Key and answers, after the confirmation, is that request.
    if let Some(request) = submit::replay(&workflow_state, &submission).await? {
        let detail = db::run(&state.pool, move |conn| view::detail(conn, request, None)).await?;
        return Ok(HttpResponse::Ok().json(detail));
    }
    // Each confirmation sends an e-mail: not a way to flood someone's mailbox.
    let to = submission.requester.email.trim().to_lowercase();
    state
        .limits
        .check(Limit::SubmitPerEmail, &format!("email:{to}"))?;
    let answers = serde_json::to_string(&input).map_err(ApiError::internal)?;
    let waiting = confirm::hold(&workflow_state, &submission, answers).await?;
    Ok(HttpResponse::Accepted().json(PendingConfirmation {
        status: "awaiting_confirmation".into(),
        email: masked(&waiting.email),
        expires_at: view::utc(waiting.expires_at),
    }))
}

/// A request waiting for its requester to confirm it by e-mail.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PendingConfirmation {
    /// Always `awaiting_confirmation`.
    status: String,
    /// Where the confirmation link went, partly hidden.
    email: String,
    /// Until when the link works.
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// Confirms a request of someone who did not sign in (the link in the e-mail): only now is it
/// submitted and handled. Confirming twice answers the same request.
#[utoipa::path(
    tag = "requests",
    params(("token" = String, Path, description = "The token from the e-mailed link")),
    responses(
        (status = 201, description = "Confirmed now: the request as submitted", body = RequestDetail),
        (status = 200, description = "Confirmed before", body = RequestDetail),
        (status = 404, description = "No request waits for this link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Being confirmed at this moment", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link's 24 hours are over (`confirmation_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/confirmations/{token}")]
async fn confirm_request(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::Verify)?;
    let workflow_state = state.clone().into_inner();
    let pending = match confirm::open(&workflow_state, &token).await? {
        confirm::Opened::Confirmed(row) => {
            let detail = db::run(&state.pool, move |conn| view::detail(conn, *row, None)).await?;
            return Ok(HttpResponse::Ok().json(detail));
        }
        confirm::Opened::Claimed(pending) => pending,
    };
    let input: CreateRequest =
        serde_json::from_str(&pending.submission).map_err(ApiError::internal)?;
    let key = pending.idempotency_key.clone();
    let (created, submitted) = match process(&state, input, None, pending.via, key).await {
        Ok(done) => done,
        Err(e) => {
            confirm::release(&workflow_state, pending.id).await?;
            return Err(e);
        }
    };
    let row = confirm::confirmed(&workflow_state, pending.id, submitted.reference, created).await?;
    let detail = db::run(&state.pool, move |conn| view::detail(conn, row, None)).await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/requests/{}", detail.reference),
        ))
        .json(detail))
}

/// "Mijn aanvragen": the signed-in citizen's own requests, newest first.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = RequestList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/requests")]
async fn list_own_requests(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Citizen])?;
    let id = user.id;
    let items = db::run(&state.pool, move |conn| {
        let names = catalogue::names(conn)?;
        let rows = requests::for_requester(conn, id)?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let name = names
                    .get(&row.document_type_code)
                    .cloned()
                    .unwrap_or_else(|| row.document_type_code.clone());
                view::summary(&row, name)
            })
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(RequestList { items }))
}

/// One request with its answers, documents and history (the requester or staff).
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["requests:read"])),
    params(("reference" = String, Path, description = "e.g. PA-2026-000123")),
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String, description = "The request's version; send it back as `If-Match` with an action"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/requests/{reference}")]
async fn get_request(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let reference = reference.into_inner();
    let address = crate::auth::client_address(&req, &state.config);
    let now = state.clock.now_naive();
    let detail = db::run(&state.pool, move |conn| {
        let row = requests::by_reference(conn, &reference)?.filter(|r| view::can_view(r, &user));
        let row = row.ok_or_else(|| view::not_found(&reference))?;
        let read = AccessDetails::RequestViewed(ReadDetails { address });
        view::record_read(conn, now, &user, &reference, read)?;
        view::detail(conn, row, Some(&user))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, precondition::etag(detail.version)))
        .json(detail))
}

/// A document of a request, as PDF (the requester or staff).
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["requests:read"])),
    params(
        ("reference" = String, Path, description = "e.g. PA-2026-000123"),
        ("id" = i64, Path, description = "The document's id"),
    ),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/requests/{reference}/documents/{id}")]
async fn get_request_document(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, i64)>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let (reference, id) = path.into_inner();
    let address = crate::auth::client_address(&req, &state.config);
    let now = state.clock.now_naive();
    let (meta, content) = db::run(&state.pool, move |conn| {
        let row = requests::by_reference(conn, &reference)?.filter(|r| view::can_view(r, &user));
        let row = row.ok_or_else(|| view::not_found(&reference))?;
        let read = AccessDetails::DocumentViewed(DocumentViewedDetails {
            document_id: id,
            address,
        });
        view::record_read(conn, now, &user, &reference, read)?;
        let meta = requests::document(conn, id)?
            .filter(|d| d.request_id == row.id)
            .ok_or_else(|| {
                ApiError::NotFound(format!("Request {reference} has no document {id}."))
            })?;
        let content = requests::document_content(conn, id)?;
        Ok((meta, content))
    })
    .await?;
    pdf_response(&meta.file_name, content)
}

/// The PDF, or 410 when it was erased after its retention period.
pub fn pdf_response(file_name: &str, content: Vec<u8>) -> ApiResult<HttpResponse> {
    if content.is_empty() {
        return Err(ApiError::Gone {
            code: ErrorCode::DocumentErased,
            detail: "This document was erased after its retention period: request it again.".into(),
        });
    }
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(content))
}
