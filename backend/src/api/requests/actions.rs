//! Staff actions on a request (and the police's advice), each answered with the request as
//! it now stands.
use super::super::json::Json;
use super::dto::RequestDetail;
use super::precondition::{etag, IfMatch, IfMatchHeader};
use super::view;
use crate::auth::AuthUser;
use crate::db;
use crate::domain::request::Advice;
use crate::domain::request::DeliveryMethod;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, InvalidParam, Problem};
use crate::startup::AppState;
use crate::workflow::actions::{self, Action};
use crate::workflow::{Actor, WorkflowError};
use actix_web::http::header;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(deliver)
        .service(refuse)
        .service(cancel)
        .service(confirm_shipment)
        .service(confirm_pickup)
        .service(give_advice)
        .service(confirm_deed_added);
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecipientInput {
    Requester,
    Subject,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliverInput {
    method: DeliveryMethod,
    /// For `post`: who receives the letter (default the requester).
    recipient: Option<RecipientInput>,
    /// Needed when the request does not identify the person by national register number. It
    /// must belong to the person the requester named (last name, and birth date when given).
    #[schema(format = "national-register-number")]
    subject_national_number: Option<String>,
    /// Deliver although the register's person has another name or birth date than the
    /// requester gave, after checking it is the same person; recorded in the history.
    #[serde(default)]
    confirm_identity: bool,
    /// For `post`, when the register has no address for the recipient: the address lines (at
    /// most six, each at most 100 characters).
    #[schema(value_type = Option<Vec<AddressLine>>, max_items = 6)]
    address: Option<Vec<String>>,
    /// The `version` you saw; a conflict (409) if the request changed since.
    expected_version: Option<i32>,
}

/// One line of a postal address, at most 100 characters (only its schema: lines are strings).
pub struct AddressLine;

impl ToSchema for AddressLine {}

impl utoipa::PartialSchema for AddressLine {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .max_length(Some(100))
            .description(Some(
                "One line of a postal address, at most 100 characters.",
            ))
            .into()
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RefuseInput {
    /// Why the document cannot be delivered, at most 2000 characters, not blank; e-mailed to
    /// the requester.
    #[serde(default)]
    #[schema(
        required = true,
        max_length = 2000,
        pattern = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    reason: String,
    expected_version: Option<i32>,
}

/// Annuleren: `informRequester` and, when it is true, the `explanation` they receive.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelInput {
    /// Whether the requester gets an e-mail with the explanation.
    inform_requester: bool,
    /// Required when the requester is informed.
    explanation: Option<String>,
    expected_version: Option<i32>,
}

impl utoipa::ToSchema for CancelInput {}

/// Two shapes, told apart by `informRequester`: the explanation is required exactly when the
/// requester is informed (not blank, at most 2000 characters).
impl utoipa::PartialSchema for CancelInput {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaType, Type};
        let shape = |inform: bool| {
            let explanation = ObjectBuilder::new()
                .max_length(Some(2000))
                .description(Some("The e-mail's explanation for the requester."));
            let explanation = if inform {
                explanation
                    .schema_type(Type::String)
                    .pattern(Some(NOT_BLANK))
            } else {
                explanation.schema_type(SchemaType::Array(vec![Type::String, Type::Null]))
            };
            let builder = ObjectBuilder::new()
                .property(
                    "informRequester",
                    ObjectBuilder::new()
                        .schema_type(Type::Boolean)
                        .enum_values(Some([inform]))
                        .description(Some(
                            "Whether the requester gets an e-mail with the explanation.",
                        )),
                )
                .required("informRequester")
                .property("explanation", explanation)
                .property(
                    "expectedVersion",
                    ObjectBuilder::new()
                        .schema_type(SchemaType::Array(vec![Type::Integer, Type::Null]))
                        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                            utoipa::openapi::KnownFormat::Int32,
                        ))),
                );
            if inform {
                builder.required("explanation")
            } else {
                builder
            }
        };
        OneOfBuilder::new()
            .item(shape(false))
            .item(shape(true))
            .description(Some(
                "Annuleren, optionally informing the requester (then with an explanation).",
            ))
            .into()
    }
}

/// Text that is not only white space (as Rust's `trim` sees it), for a schema's `pattern`.
const NOT_BLANK: &str = r"[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VersionInput {
    expected_version: Option<i32>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdviceInput {
    Favourable,
    Unfavourable,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdviceBody {
    advice: AdviceInput,
    /// At most 2000 characters.
    #[schema(max_length = 2000)]
    remark: Option<String>,
    expected_version: Option<i32>,
}

/// Performs a staff action and answers with the request as it now stands (and its `ETag`).
/// The version expected is `If-Match` or the body's `expectedVersion`.
async fn act(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: String,
    action: Action,
    (if_match, expected_version): (IfMatch, Option<i32>),
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let expected = if_match.or(expected_version)?;
    let row = perform(&state, &user, reference, action, expected)
        .await
        .map_err(|e| expected.refusal(e))?;
    answer(&state, row, user).await
}

/// The request as it now stands, with its version as `ETag`.
async fn answer(
    state: &web::Data<AppState>,
    row: crate::db::requests::RequestRow,
    user: AuthUser,
) -> ApiResult<HttpResponse> {
    let tag = etag(row.version);
    let detail = db::run(&state.pool, move |conn| {
        view::detail(conn, row, Some(&user))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .json(detail))
}

/// Runs the action as this user, against the version the client saw.
async fn perform(
    state: &web::Data<AppState>,
    user: &AuthUser,
    reference: String,
    action: Action,
    expected: super::precondition::Expected,
) -> Result<crate::db::requests::RequestRow, WorkflowError> {
    // An API client restricted to some document types does not see the others at all.
    if let Some(client) = user.client.clone().filter(|c| c.document_types.is_some()) {
        let lookup = reference.clone();
        let row = db::blocking(&state.pool, move |conn| {
            Ok::<_, WorkflowError>(crate::db::requests::by_reference(conn, &lookup)?)
        })
        .await?;
        if !row.is_some_and(|r| client.may_see_type(&r.document_type_code)) {
            return Err(WorkflowError::UnknownRequest(reference));
        }
    }
    actions::perform(
        &state.clone().into_inner(),
        reference,
        Actor::from(user),
        action,
        expected.version,
    )
    .await
}

fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Free text staff or police write, at most `max` characters (as sent, white space included).
fn bounded(field: &str, text: Option<String>, max: usize) -> ApiResult<Option<String>> {
    match text {
        Some(t) if t.chars().count() > max => Err(ApiError::coded_field(
            field,
            ErrorCode::TooLong,
            format!("Write at most {max} characters."),
        )),
        other => Ok(other),
    }
}

/// Address lines for a letter: at most six, each at most 100 characters.
fn address_lines(lines: Option<Vec<String>>) -> ApiResult<Option<Vec<String>>> {
    let Some(lines) = lines else { return Ok(None) };
    if lines.len() > 6 {
        return Err(ApiError::coded_field(
            "address",
            ErrorCode::TooLong,
            "An address has at most six lines.",
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.chars().count() > 100 {
            return Err(ApiError::coded_field(
                &format!("address.{i}"),
                ErrorCode::TooLong,
                "An address line has at most 100 characters.",
            ));
        }
    }
    Ok(Some(lines))
}

/// Afleveren: digital (e-mail link + My eBox), by post (with a cover letter and a task
/// "Verzenden bevestigen"), or at the counter (e-mail, and a task to confirm the pick-up).
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = DeliverInput,
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String))),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Finished, changed meanwhile, or not deliverable now", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/deliver")]
async fn deliver(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<DeliverInput>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let b = body.into_inner();
    let action = Action::Deliver {
        method: b.method,
        recipient: match b.recipient {
            Some(RecipientInput::Subject) => actions::Recipient::Subject,
            _ => actions::Recipient::Requester,
        },
        subject_national_number: trimmed(b.subject_national_number.as_deref()),
        confirm_identity: b.confirm_identity,
        address: address_lines(b.address)?,
    };
    act(
        state,
        user,
        reference.into_inner(),
        action,
        (if_match, b.expected_version),
    )
    .await
}

/// Weigeren: the reason is required and e-mailed to the requester.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = RefuseInput,
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/refuse")]
async fn refuse(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<RefuseInput>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let b = body.into_inner();
    if b.reason.chars().count() > 2000 {
        return Err(ApiError::coded_field(
            "reason",
            ErrorCode::TooLong,
            "Use at most 2000 characters.",
        ));
    }
    let reason = trimmed(Some(&b.reason)).ok_or_else(|| {
        ApiError::Validation(vec![InvalidParam::required(
            "reason",
            "Explain why the document cannot be delivered; the requester receives this.",
        )])
    })?;
    act(
        state,
        user,
        reference.into_inner(),
        Action::Refuse { reason },
        (if_match, b.expected_version),
    )
    .await
}

/// Annuleren, at any point before the end; optionally informing the requester.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = CancelInput,
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/cancel")]
async fn cancel(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<CancelInput>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Client])?;
    let b = body.into_inner();
    let explanation = trimmed(bounded("explanation", b.explanation, 2000)?.as_deref());
    if b.inform_requester && explanation.is_none() {
        return Err(ApiError::Validation(vec![InvalidParam::required(
            "explanation",
            "Write the explanation the requester will receive, or choose not to inform them.",
        )]));
    }
    let action = Action::Cancel {
        inform_requester: b.inform_requester,
        explanation,
    };
    act(
        state,
        user,
        reference.into_inner(),
        action,
        (if_match, b.expected_version),
    )
    .await
}

/// Verzenden bevestigen: the document went out by post.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = VersionInput,
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names another version: reload the request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/confirm-shipment")]
async fn confirm_shipment(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<VersionInput>,
) -> ApiResult<HttpResponse> {
    act(
        state,
        user,
        reference.into_inner(),
        Action::ConfirmShipment,
        (if_match, body.expected_version),
    )
    .await
}

/// The requester picked the document up at the counter.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = VersionInput,
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String))),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names another version: reload the request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/confirm-pickup")]
async fn confirm_pickup(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<VersionInput>,
) -> ApiResult<HttpResponse> {
    act(
        state,
        user,
        reference.into_inner(),
        Action::ConfirmPickup,
        (if_match, body.expected_version),
    )
    .await
}

/// Police advice on a model 596.2 request: by the police, or by staff in the police's name
/// once the task "Advies geven" is set (after the deadline).
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = [])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = AdviceBody,
    responses(
        (status = 200, description = "Staff: the request as it now stands", body = RequestDetail, headers(("ETag" = String))),
        (status = 204, description = "Police: the advice is recorded (the police see no more of the request)"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names another version: reload the request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/advice")]
async fn give_advice(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<AdviceBody>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Staff, Role::Police])?;
    let b = body.into_inner();
    let reference = reference.into_inner();
    let advice = match b.advice {
        AdviceInput::Favourable => Advice::Favourable,
        AdviceInput::Unfavourable => Advice::Unfavourable,
    };
    let action = Action::GiveAdvice {
        advice,
        remark: trimmed(bounded("remark", b.remark, 2000)?.as_deref()),
    };
    let police = user.role == Role::Police;
    let expected = if_match.or(b.expected_version)?;
    let done = perform(&state, &user, reference, action, expected).await;
    // The police learn nothing of a request they were not asked about: unknown, finished and
    // not-awaiting-advice references all answer alike.
    let row = match done {
        Err(
            WorkflowError::UnknownRequest(_)
            | WorkflowError::Finished { .. }
            | WorkflowError::NotApplicable { .. },
        ) if police => {
            return Err(ApiError::NotFound(
                "No request awaits your advice under this reference.".into(),
            ))
        }
        other => other.map_err(|e| expected.refusal(e))?,
    };
    // The police see no more of the request than their advice.
    if police {
        return Ok(HttpResponse::NoContent().finish());
    }
    answer(&state, row, user).await
}

/// The missing deed was added in DABS: the system fetches it again and, when nothing else
/// stands in the way, delivers it at once. When DABS still lacks it: 409 and the task stays.
#[utoipa::path(
    tag = "requests",
    security(("bearer" = []), ("session" = []), ("client" = ["tasks:act"])),
    params(("reference" = String, Path), IfMatchHeader),
    request_body = VersionInput,
    responses(
        (status = 200, body = RequestDetail, headers(("ETag" = String))),
        (status = 409, description = "DABS still lacks the deed (`deed_still_missing`), or the request moved on", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{reference}/confirm-deed-added")]
async fn confirm_deed_added(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: web::Path<String>,
    if_match: IfMatch,
    body: Json<VersionInput>,
) -> ApiResult<HttpResponse> {
    act(
        state,
        user,
        reference.into_inner(),
        Action::ConfirmDeedAdded,
        (if_match, body.expected_version),
    )
    .await
}
