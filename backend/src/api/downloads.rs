//! The links in e-mails (valid three months) and the public verification of documents, by
//! their code and by the PDF itself.
use super::requests::{pdf_response, view::utc};
use crate::auth::MaybeUser;
use crate::db::{self, requests};
use crate::documents::normalise_code;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Problem};
use crate::rate_limit::Limit;
use crate::startup::AppState;
use actix_web::{get, http::header, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_download)
        .service(get_download_file)
        .service(verify)
        .service(compare_document);
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DownloadInfo {
    title: String,
    file_name: String,
    reference: String,
    /// Criminal-record extracts are only shown after the person signs in.
    requires_sign_in: bool,
    expires_at: DateTime<Utc>,
    /// Where the PDF itself is: `/api/v1/downloads/{token}/file`.
    file_url: String,
}

struct Resolved {
    info: DownloadInfo,
    document_id: i64,
    requester_user_id: Option<i64>,
}

fn resolve(conn: &mut db::DbConnection, state: &AppState, token: &str) -> ApiResult<Resolved> {
    let (document_id, requires_sign_in, expires_at) =
        requests::link(conn, token)?.ok_or_else(|| {
            ApiError::NotFound(
                "This download link is unknown. Check that you copied the whole link.".into(),
            )
        })?;
    if expires_at <= state.clock.now_naive() {
        return Err(ApiError::Gone {
            code: ErrorCode::LinkExpired,
            detail: format!(
                "This link expired on {}: links work for three months. Sign in and open 'Mijn aanvragen', or request the document again.",
                crate::domain::civil::local_date(expires_at, state.config.time_zone)
                    .format("%d.%m.%Y")
            ),
        });
    }
    let document = requests::document(conn, document_id)?
        .ok_or_else(|| ApiError::internal("link without document"))?;
    let request = requests::by_id(conn, document.request_id)?;
    Ok(Resolved {
        info: DownloadInfo {
            title: document.title,
            file_name: document.file_name,
            reference: request.reference,
            requires_sign_in,
            expires_at: utc(expires_at),
            file_url: format!("/api/v1/downloads/{token}/file"),
        },
        document_id,
        requester_user_id: request.requester_user_id,
    })
}

/// What an e-mailed link leads to; 410 once it has expired.
///
/// E-mails carry the link `<PUBLIC_URL>/download/<token>`: a page of the web app for people,
/// which reads this resource with the same token and offers the PDF at `fileUrl`. A client
/// that holds such a link calls `/api/v1/downloads/<token>` and `/api/v1/downloads/<token>/file`.
/// Signed-in requesters and staff can also fetch every document of a request by its
/// `downloadUrl` (see `RequestDetail.documents`).
#[utoipa::path(
    tag = "documents",
    params(("token" = String, Path, description = "The token from the e-mailed link")),
    responses(
        (status = 200, body = DownloadInfo),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Expired (after three months)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[get("/downloads/{token}")]
async fn get_download(
    state: web::Data<AppState>,
    token: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::Download)?;
    let worker_state = state.clone();
    let resolved = db::run(&state.pool, move |conn| {
        resolve(conn, &worker_state, &token)
    })
    .await?;
    Ok(HttpResponse::Ok().json(resolved.info))
}

/// The document behind an e-mailed link, as PDF; criminal-record extracts need the
/// requester's own bearer token.
#[utoipa::path(
    tag = "documents",
    params(("token" = String, Path, description = "The token from the e-mailed link")),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Sign in first", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Signed in as someone else", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 410, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[get("/downloads/{token}/file")]
async fn get_download_file(
    state: web::Data<AppState>,
    MaybeUser(user): MaybeUser,
    token: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::Download)?;
    if let Some(user) = &user {
        state
            .limits
            .check(Limit::Download, &format!("user:{}", user.id))?;
    }
    let worker_state = state.clone();
    let (file_name, content) = db::run(&state.pool, move |conn| {
        let resolved = resolve(conn, &worker_state, &token)?;
        if resolved.info.requires_sign_in {
            let user = user.ok_or(ApiError::Unauthorized {
                code: ErrorCode::Unauthenticated,
                detail:
                    "Sign in to see this document: it is only shown to the person who asked for it."
                        .into(),
            })?;
            if !(user.role == Role::Citizen && resolved.requester_user_id == Some(user.id)) {
                return Err(ApiError::Forbidden(
                    "This document is for someone else.".into(),
                ));
            }
        }
        Ok((
            resolved.info.file_name,
            requests::document_content(conn, resolved.document_id)?,
        ))
    })
    .await?;
    pdf_response(&file_name, content)
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    Valid,
    Expired,
    Revoked,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    code: String,
    document_title: String,
    /// Masked: first name and the initial of the last name.
    issued_to: String,
    issued_at: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    status: VerificationStatus,
    issuer: String,
}

fn mask(name: &str) -> String {
    let mut parts = name.split_whitespace();
    let first = parts.next().unwrap_or_default();
    match parts.last() {
        Some(last) => format!("{first} {}.", last.chars().next().unwrap_or_default()),
        None => first.to_owned(),
    }
}

/// Is a document with this verification code authentic and still valid? Public; never
/// returns the document itself.
#[utoipa::path(
    tag = "documents",
    params(("code" = String, Path, description = "The code printed on the document, e.g. 7K4M-Q2ZP-X8AB-CD3E")),
    responses(
        (status = 200, body = Verification),
        (status = 404, description = "No document has this code", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[get("/verify/{code}")]
async fn verify(
    state: web::Data<AppState>,
    code: web::Path<String>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::Verify)?;
    let code = normalise_code(&code);
    let lookup = code.clone();
    let document = db::run(&state.pool, move |conn| {
        Ok(requests::document_by_code(conn, &lookup)?)
    })
    .await?;
    let document = document.ok_or_else(|| unknown_code(&code))?;
    let status = status_of(&document, state.clock.now_naive());
    Ok(HttpResponse::Ok().json(Verification {
        code,
        document_title: document.title,
        issued_to: mask(&document.issued_to_name),
        issued_at: utc(document.issued_at),
        valid_until: document.valid_until.map(utc),
        status,
        issuer: state.config.municipality.clone(),
    }))
}

fn status_of(document: &requests::DocumentMeta, now: NaiveDateTime) -> VerificationStatus {
    if document.revoked_at.is_some() {
        VerificationStatus::Revoked
    } else if document.valid_until.is_some_and(|v| v <= now) {
        VerificationStatus::Expired
    } else {
        VerificationStatus::Valid
    }
}

/// Largest PDF accepted for a comparison: an issued document is far smaller.
pub const COMPARE_LIMIT: usize = 10 * 1024 * 1024;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonResult {
    /// Byte for byte the document that was issued under this code.
    Identical,
    /// Not the issued document: it was changed, or it is another document.
    Different,
    /// The document's content was erased after its retention period (three months from
    /// issue): a file can no longer be compared with it. The code itself still verifies.
    Erased,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentComparison {
    code: String,
    document_title: String,
    result: ComparisonResult,
    /// Whether the issued document is still valid (as `GET /api/v1/verify/{code}` says).
    status: VerificationStatus,
}

/// Is this PDF byte for byte the document issued under this code? Public. Send the file as
/// the body (`Content-Type: application/pdf`, at most 10 MB). The two are compared by their
/// SHA-256 in constant time; nothing of the upload is stored or logged.
#[utoipa::path(
    tag = "documents",
    params(("code" = String, Path, description = "The code printed on the document, e.g. 7K4M-Q2ZP-X8AB-CD3E")),
    request_body(content = Vec<u8>, content_type = "application/pdf", description = "The PDF file to compare"),
    responses(
        (status = 200, body = DocumentComparison),
        (status = 400, description = "The file could not be read to the end", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No document has this code", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address or account: wait `Retry-After` seconds", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[post("/verify/{code}/document")]
async fn compare_document(
    state: web::Data<AppState>,
    code: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::Verify)?;
    if !is_pdf_type(&req) {
        return Err(not_a_pdf());
    }
    let upload = read_limited(&req, payload).await?;
    if !upload.starts_with(b"%PDF-") {
        return Err(not_a_pdf());
    }
    let uploaded: [u8; 32] = Sha256::digest(&upload).into();
    drop(upload);
    let code = normalise_code(&code);
    let lookup = code.clone();
    let found = db::run(&state.pool, move |conn| {
        let Some(document) = requests::document_by_code(conn, &lookup)? else {
            return Ok(None);
        };
        let content = requests::document_content(conn, document.id)?;
        let issued = (!content.is_empty()).then(|| <[u8; 32]>::from(Sha256::digest(&content)));
        Ok(Some((document, issued)))
    })
    .await?;
    let (document, issued) = found.ok_or_else(|| unknown_code(&code))?;
    let result = match issued {
        None => ComparisonResult::Erased,
        Some(issued) if same_digest(&issued, &uploaded) => ComparisonResult::Identical,
        Some(_) => ComparisonResult::Different,
    };
    Ok(HttpResponse::Ok().json(DocumentComparison {
        code,
        status: status_of(&document, state.clock.now_naive()),
        document_title: document.title,
        result,
    }))
}

fn is_pdf_type(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/pdf"))
}

fn not_a_pdf() -> ApiError {
    ApiError::UnsupportedMediaType(
        "This file is not a PDF: send the document's PDF file with 'Content-Type: application/pdf'."
            .into(),
    )
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge(format!(
        "The file is too large; at most {} MB is accepted, and an issued document is far smaller.",
        COMPARE_LIMIT / (1024 * 1024)
    ))
}

/// The body, refused as soon as it is known to be over [`COMPARE_LIMIT`].
async fn read_limited(req: &HttpRequest, mut payload: web::Payload) -> ApiResult<Vec<u8>> {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > COMPARE_LIMIT) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(announced.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest {
            code: ErrorCode::UnreadableBody,
            detail: format!("The file could not be read: {e}."),
        })?;
        if body.len() + chunk.len() > COMPARE_LIMIT {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Compares two digests in time that does not depend on where they differ.
fn same_digest(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}

fn unknown_code(code: &str) -> ApiError {
    ApiError::NotFoundCoded {
        code: ErrorCode::UnknownVerificationCode,
        detail: format!(
            "No document with verification code {code} was issued by us: it is not authentic, or the code was mistyped."
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_all_but_the_first_name_and_an_initial() {
        assert_eq!(super::mask("Jan Pieter Peeters"), "Jan P.");
        assert_eq!(super::mask("Cher"), "Cher");
    }

    #[test]
    fn digests_are_the_same_only_when_every_byte_is() {
        let a = [7u8; 32];
        let mut b = a;
        assert!(super::same_digest(&a, &b));
        b[31] ^= 1;
        assert!(!super::same_digest(&a, &b));
    }
}
