//! API clients ("Koppelingen"): an admin registers the machines of integrators, gives them
//! scopes and secrets; a client trades its id and secret for a short-lived access token
//! (OAuth 2.0 client credentials, RFC 6749 §4.4).
use super::json::Json;
use super::requests::view::utc;
use crate::auth::client::{self as client_auth, TOKEN_MINUTES};
use crate::auth::{AuthUser, ClientToken};
use crate::db::{self, audit, catalogue, clients};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::role::Role;
use crate::domain::scope::Scope;
use crate::error::{ApiError, ApiResult, ErrorCode, InvalidParam, Problem};
use crate::rate_limit::Limit;
use crate::startup::AppState;
use actix_web::http::header;
use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_clients)
        .service(create_client)
        .service(show_client)
        .service(change_client)
        .service(add_secret)
        .service(revoke_secret);
}

/// `POST /oauth/token` lives outside `/api/v1`, where OAuth clients look for it.
pub fn configure_token(cfg: &mut ServiceConfig) {
    cfg.service(token);
}

/// A secret of a client, as the admin sees it (never the secret itself).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClientSecret {
    id: i64,
    /// The secret's last four characters.
    hint: String,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    /// When it last got a token.
    last_used_at: Option<DateTime<Utc>>,
}

/// An API client.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiClient {
    id: i64,
    /// The public client id, for `POST /oauth/token`.
    client_id: String,
    name: String,
    scopes: Vec<Scope>,
    /// The document types it may submit and see; `null`: every type.
    document_types: Option<Vec<String>>,
    /// Who to tell when something goes wrong (a webhook receiver that keeps failing).
    contact_email: Option<String>,
    /// A switched-off client gets no tokens, and its tokens stop working at once.
    active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Newest first, revoked ones included.
    secrets: Vec<ClientSecret>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiClientList {
    items: Vec<ApiClient>,
}

/// What an admin says a client is and may do.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientSettings {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
    #[schema(min_items = 1)]
    scopes: Vec<Scope>,
    /// Codes from the catalogue; `null` or absent: every type.
    #[serde(default)]
    document_types: Option<Vec<String>>,
    #[serde(default)]
    #[schema(max_length = 254)]
    contact_email: Option<String>,
    /// Absent: on.
    #[serde(default = "on")]
    active: bool,
}

fn on() -> bool {
    true
}

/// A new client with its first secret — shown this once; Loket keeps only a hash.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedClient {
    client: ApiClient,
    client_secret: String,
}

/// A new secret — shown this once.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSecret {
    secret: ClientSecret,
    client_secret: String,
}

fn secret_view(s: clients::SecretRow) -> ClientSecret {
    ClientSecret {
        id: s.id,
        hint: s.hint,
        created_at: utc(s.created_at),
        revoked_at: s.revoked_at.map(utc),
        last_used_at: s.last_used_at.map(utc),
    }
}

fn view(row: clients::ClientRow, secrets: Vec<clients::SecretRow>) -> ApiClient {
    ApiClient {
        id: row.id,
        scopes: Scope::split(&row.scopes).unwrap_or_default(),
        document_types: row.document_types(),
        client_id: row.client_id,
        name: row.name,
        contact_email: row.contact_email,
        active: row.active,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
        secrets: secrets.into_iter().map(secret_view).collect(),
    }
}

/// The client with this id, or 404.
fn found(conn: &mut db::DbConnection, id: i64) -> ApiResult<clients::ClientRow> {
    clients::by_id(conn, id)?
        .ok_or_else(|| ApiError::NotFound(format!("There is no API client {id}.")))
}

fn load(conn: &mut db::DbConnection, id: i64) -> ApiResult<ApiClient> {
    let row = found(conn, id)?;
    let secrets = clients::secrets(conn, id)?;
    Ok(view(row, secrets))
}

/// Checks the settings against the catalogue; the fields as stored.
struct Checked {
    name: String,
    scopes: String,
    document_types: Option<String>,
    contact_email: Option<String>,
    active: bool,
}

impl Checked {
    fn fields(&self) -> clients::ClientFields<'_> {
        clients::ClientFields {
            name: &self.name,
            scopes: &self.scopes,
            document_types: self.document_types.as_deref(),
            contact_email: self.contact_email.as_deref(),
            active: self.active,
        }
    }
}

fn check(conn: &mut db::DbConnection, settings: ClientSettings) -> ApiResult<Checked> {
    let mut errors = Vec::new();
    let name = settings.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(InvalidParam::coded(
            "name",
            ErrorCode::Required,
            "Give the client a name of 1 to 100 characters (the system it is, e.g. \"Zaaksysteem\").",
        ));
    }
    if settings.scopes.is_empty() {
        errors.push(InvalidParam::required(
            "scopes",
            "Give at least one scope: a client without one can do nothing.",
        ));
    }
    if settings.document_types.as_ref().is_some_and(Vec::is_empty) {
        errors.push(InvalidParam::new(
            "documentTypes",
            "Give at least one document type, or null for every type.",
        ));
    }
    let mut types = settings.document_types.unwrap_or_default();
    types.iter_mut().for_each(|t| *t = t.trim().to_owned());
    types.sort();
    types.dedup();
    for code in &types {
        if catalogue::document_type(conn, code)?.is_none() {
            errors.push(InvalidParam::new(
                "documentTypes",
                format!("There is no document type '{code}' in the catalogue."),
            ));
        }
    }
    let email = settings
        .contact_email
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    if let Some(email) = &email {
        if !super::requests::validate::is_email(email) {
            errors.push(InvalidParam::coded(
                "contactEmail",
                ErrorCode::InvalidEmail,
                "This is not an e-mail address (name@example.be).",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    Ok(Checked {
        name,
        scopes: Scope::join(&settings.scopes),
        document_types: (!types.is_empty()).then(|| types.join(",")),
        contact_email: email,
        active: settings.active,
    })
}

fn record(
    conn: &mut db::DbConnection,
    actor: &Actor,
    action: AuditAction,
    client_id: &str,
    reason: &str,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    let event = AuditEvent::new(actor, action, AuditEntity::Client, client_id).reason(Some(reason));
    Ok(audit::record(conn, now, &event)?)
}

/// Every API client, by name.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = ApiClientList))
)]
#[get("/clients")]
async fn list_clients(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let items = db::run(&state.pool, |conn| {
        clients::list(conn)?
            .into_iter()
            .map(|row| {
                let secrets = clients::secrets(conn, row.id)?;
                Ok(view(row, secrets))
            })
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(ApiClientList { items }))
}

/// Register an API client; the answer holds its first secret, shown this once.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("session" = [])),
    request_body = ClientSettings,
    responses(
        (status = 201, body = CreatedClient, headers(("Location" = String, description = "The client's URL"))),
    )
)]
#[post("/clients")]
async fn create_client(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<ClientSettings>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let secret = client_auth::new_secret();
    let hash = client_auth::hash_secret(&secret)?;
    let (actor, now, settings) = (
        Actor::from(&user),
        state.clock.now_naive(),
        body.into_inner(),
    );
    let hint = client_auth::hint(&secret);
    let client = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let checked = check(conn, settings)?;
            let client_id = client_auth::new_client_id();
            let row = clients::create(conn, &client_id, &checked.fields(), now)?;
            clients::add_secret(conn, row.id, &hash, &hint, now)?;
            let reason = format!("{} ({})", checked.name, checked.scopes);
            record(
                conn,
                &actor,
                AuditAction::ClientCreated,
                &client_id,
                &reason,
                now,
            )?;
            load(conn, row.id)
        })
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/clients/{}", client.id)))
        .json(CreatedClient {
            client,
            client_secret: secret,
        }))
}

/// One API client with its secrets (never the secrets themselves).
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = ApiClient))
)]
#[get("/clients/{id}")]
async fn show_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let id = id.into_inner();
    let client = db::run(&state.pool, move |conn| load(conn, id)).await?;
    Ok(HttpResponse::Ok().json(client))
}

/// Change what a client is and may do; switching it off ends its tokens at once.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path)),
    request_body = ClientSettings,
    responses((status = 200, body = ApiClient))
)]
#[put("/clients/{id}")]
async fn change_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<ClientSettings>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let (id, actor, now, settings) = (
        id.into_inner(),
        Actor::from(&user),
        state.clock.now_naive(),
        body.into_inner(),
    );
    let client = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = found(conn, id)?;
            let checked = check(conn, settings)?;
            clients::update(conn, id, &checked.fields(), now)?;
            let state = if checked.active { "on" } else { "off" };
            let reason = format!("{} ({}), {state}", checked.name, checked.scopes);
            record(
                conn,
                &actor,
                AuditAction::ClientChanged,
                &row.client_id,
                &reason,
                now,
            )?;
            load(conn, id)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(client))
}

/// A new secret for a client (to rotate: add one, move the client over, revoke the old one).
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path)),
    responses((status = 201, body = CreatedSecret))
)]
#[post("/clients/{id}/secrets")]
async fn add_secret(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let secret = client_auth::new_secret();
    let hash = client_auth::hash_secret(&secret)?;
    let hint = client_auth::hint(&secret);
    let (id, actor, now) = (id.into_inner(), Actor::from(&user), state.clock.now_naive());
    let created = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = found(conn, id)?;
            let added = clients::add_secret(conn, id, &hash, &hint, now)?;
            let reason = format!("secret …{hint}");
            record(
                conn,
                &actor,
                AuditAction::ClientSecretIssued,
                &row.client_id,
                &reason,
                now,
            )?;
            Ok::<_, ApiError>(added)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedSecret {
        secret: secret_view(created),
        client_secret: secret,
    }))
}

/// Revoke a secret: it gets no new tokens, and the tokens it got stop working at once.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("session" = [])),
    params(("id" = i64, Path), ("secretId" = i64, Path)),
    responses((status = 200, body = ApiClient))
)]
#[delete("/clients/{id}/secrets/{secretId}")]
async fn revoke_secret(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    user.require(&[Role::Admin])?;
    let ((id, secret), actor, now) = (
        path.into_inner(),
        Actor::from(&user),
        state.clock.now_naive(),
    );
    let client = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = found(conn, id)?;
            let found = clients::secret(conn, id, secret)?.ok_or_else(|| {
                ApiError::NotFound(format!("Client {id} has no secret {secret}."))
            })?;
            if clients::revoke_secret(conn, id, secret, now)? {
                let reason = format!("secret …{}", found.hint);
                record(
                    conn,
                    &actor,
                    AuditAction::ClientSecretRevoked,
                    &row.client_id,
                    &reason,
                    now,
                )?;
            }
            load(conn, id)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(client))
}

/// A token request (RFC 6749 §4.4.2), form-encoded. The client authenticates with HTTP Basic
/// (`client_secret_basic`) or with `client_id` and `client_secret` here (`client_secret_post`).
#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    /// `client_credentials`.
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    /// Space-separated scopes to ask for; absent: every scope the client has.
    scope: Option<String>,
}

/// An access token (RFC 6749 §5.1).
#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    access_token: String,
    /// `Bearer`.
    token_type: String,
    /// Seconds the token lasts.
    expires_in: i64,
    /// The scopes granted, space-separated.
    scope: String,
}

/// An error of the token endpoint (RFC 6749 §5.2).
#[derive(Serialize, ToSchema)]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client`, `unsupported_grant_type` or `invalid_scope`.
    error: String,
    error_description: String,
}

/// The one grant offered (RFC 6749 §4.4).
fn is_client_credentials(grant: &str) -> bool {
    grant == "client_credentials"
}

fn oauth_error(error: &str, description: &str) -> HttpResponse {
    let mut response = match error {
        "invalid_client" => {
            let mut r = HttpResponse::Unauthorized();
            r.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"loket\""));
            r
        }
        _ => HttpResponse::BadRequest(),
    };
    response
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(OAuthError {
            error: error.into(),
            error_description: description.into(),
        })
}

/// The client's id and secret: from HTTP Basic (form-url-encoded, RFC 6749 §2.3.1) or the body.
fn credentials(req: &HttpRequest, form: &TokenRequest) -> Option<(String, String)> {
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, value) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then_some(value)
        })
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| {
            let (id, secret) = s.split_once(':')?;
            let decode = |v: &str| {
                url::form_urlencoded::parse(format!("v={v}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
            };
            Some((decode(id)?, decode(secret)?))
        });
    basic.or_else(|| Some((form.client_id.clone()?, form.client_secret.clone()?)))
}

/// The client whose secret this is, and the secret's id; `None` when none matches.
async fn authenticate_client(
    state: &web::Data<AppState>,
    client_id: String,
    secret: String,
) -> ApiResult<Option<(clients::ClientRow, i64)>> {
    let found = db::run(&state.pool, move |conn| {
        let Some(client) = clients::by_client_id(conn, &client_id)? else {
            return Ok(None);
        };
        let secrets = clients::secrets(conn, client.id)?;
        Ok(Some((client, secrets)))
    })
    .await?;
    // Exactly one argon2 check whatever the case (unknown client, switched off, no live
    // secret, one of several), so the time taken tells nothing: the live secret with the same
    // last four characters, or a hash of a secret nobody has.
    let hint = client_auth::hint(&secret);
    let (client, candidate) = match found {
        Some((client, secrets)) => {
            let live = secrets
                .into_iter()
                .find(|s| client.active && s.revoked_at.is_none() && s.hint == hint);
            (Some(client), live)
        }
        None => (None, None),
    };
    let (hash, id) = match &candidate {
        Some(s) => (s.hash.clone(), Some(s.id)),
        None => (dummy_hash().to_owned(), None),
    };
    let matches =
        db::offload(move || Ok::<_, ApiError>(client_auth::secret_matches(&hash, &secret))).await?;
    Ok(match (client, id, matches) {
        (Some(client), Some(id), true) => Some((client, id)),
        (Some(client), ..) => {
            refused(state, client).await?;
            None
        }
        (None, ..) => None,
    })
}

/// Records a refused token request of a known client (a guessed or leaked-and-revoked
/// secret shows in the audit trail), without the secret tried.
async fn refused(state: &web::Data<AppState>, client: clients::ClientRow) -> ApiResult<()> {
    let now = state.clock.now_naive();
    db::run(&state.pool, move |conn| {
        let actor = Actor::signed_in(Role::Client, client.user_id, &client.name);
        let why = match client.active {
            true => "wrong or revoked secret",
            false => "the client is switched off",
        };
        record(
            conn,
            &actor,
            AuditAction::TokenRefused,
            &client.client_id,
            why,
            now,
        )
    })
    .await
}

/// An argon2 hash of a secret nobody has, checked when the client id is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| client_auth::hash_secret(&client_auth::new_secret()).unwrap_or_default())
}

/// Get an access token with the client's id and secret (OAuth 2.0 client credentials).
#[utoipa::path(
    tag = "clients",
    security(()),
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, description = "Not a valid token request (RFC 6749 §5.2)", body = OAuthError),
        (status = 401, description = "Unknown client, wrong or revoked secret, or a switched-off client", body = OAuthError),
        (status = 429, body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64))),
    )
)]
#[post("/oauth/token")]
async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    crate::rate_limit::limit_address(&state, &req, Limit::SignIn)?;
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let Some(form) = form_type
        .then(|| serde_urlencoded::from_bytes::<TokenRequest>(&body).ok())
        .flatten()
    else {
        return Ok(oauth_error(
            "invalid_request",
            "Send the token request form-encoded (application/x-www-form-urlencoded).",
        ));
    };
    if !form
        .grant_type
        .as_deref()
        .is_some_and(is_client_credentials)
    {
        return Ok(oauth_error(
            "unsupported_grant_type",
            "Only grant_type=client_credentials is offered.",
        ));
    }
    let Some((client_id, secret)) = credentials(&req, &form) else {
        return Ok(oauth_error(
            "invalid_client",
            "Authenticate the client: HTTP Basic, or client_id and client_secret in the form.",
        ));
    };
    let Some((client, secret_id)) = authenticate_client(&state, client_id, secret).await? else {
        return Ok(oauth_error(
            "invalid_client",
            "Unknown client, wrong or revoked secret, or the client is switched off.",
        ));
    };
    issue(&state, client, secret_id, form.scope.as_deref()).await
}

/// Issues the token for an authenticated client, with the scopes asked for (all when none).
async fn issue(
    state: &web::Data<AppState>,
    client: clients::ClientRow,
    secret_id: i64,
    asked: Option<&str>,
) -> ApiResult<HttpResponse> {
    let has = Scope::split(&client.scopes).unwrap_or_default();
    let scopes = match asked.map(Scope::split) {
        None => has.clone(),
        Some(Err(unknown)) => {
            return Ok(oauth_error(
                "invalid_scope",
                &format!("There is no scope '{unknown}'."),
            ))
        }
        Some(Ok(asked)) => match asked.iter().find(|s| !has.contains(s)) {
            Some(missing) => {
                return Ok(oauth_error(
                    "invalid_scope",
                    &format!("This client does not have the scope '{missing}'."),
                ))
            }
            None => asked,
        },
    };
    let scope = Scope::join(&scopes);
    let now = state.clock.now();
    let fields = ClientToken {
        client_id: &client.client_id,
        client: client.id,
        secret: secret_id,
        scope: &scope,
    };
    let access_token = state
        .jwt
        .issue_client(&fields, TOKEN_MINUTES, now)
        .map_err(ApiError::internal)?;
    let (naive, granted) = (state.clock.now_naive(), scope.clone());
    db::run(&state.pool, move |conn| {
        clients::secret_used(conn, secret_id, naive)?;
        let actor = Actor::signed_in(Role::Client, client.user_id, &client.name);
        record(
            conn,
            &actor,
            AuditAction::TokenIssued,
            &client.client_id,
            &granted,
            naive,
        )
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: TOKEN_MINUTES * 60,
            scope,
        }))
}
