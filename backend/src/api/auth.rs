//! Sign-in: the mock federal login shaped like an OpenID Connect code flow (authorize →
//! single-use code → token), and the staff login.
use super::json::Json;
use crate::adapters::federal_login::{AuthMeans, FederalLoginError};
use crate::db::{self, audit, users};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, InvalidParam, Problem};
use crate::startup::AppState;
use actix_web::{get, post, web, HttpResponse};
use chrono::Duration;
use rand::distr::{Alphanumeric, SampleString};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_means)
        .service(test_citizens)
        .service(authorize)
        .service(token)
        .service(staff_login);
}

/// How long a sign-in code from `authorize` can be exchanged.
const CODE_TTL_MINUTES: i64 = 5;

/// A signed-in user as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    pub role: Role,
    pub name: String,
    pub national_number: Option<String>,
    pub email: Option<String>,
    /// How the user signed in: `eid`, `itsme`, `mobile_app`, `federal_token` or `staff_login`.
    pub auth_means: Option<String>,
}

impl User {
    pub fn from_row(row: users::UserRow, auth_means: Option<String>) -> ApiResult<Self> {
        Ok(Self {
            role: Role::parse(&row.role)
                .ok_or_else(|| ApiError::internal(format!("unknown role {}", row.role)))?,
            id: row.id,
            name: row.display_name,
            national_number: row.national_number,
            email: row.email,
            auth_means,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <accessToken>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
    pub user: User,
}

/// Issues a session for an account that just proved who it is, and audits the sign-in.
pub fn issue_session(
    state: &AppState,
    conn: &mut db::DbConnection,
    row: users::UserRow,
    amr: &str,
) -> ApiResult<TokenResponse> {
    let now = state.clock.now();
    users::touch_login(conn, row.id, now.naive_utc())?;
    let user = User::from_row(row, Some(amr.to_owned()))?;
    audit::record(
        conn,
        &audit::NewAuditEvent {
            occurred_at: now.naive_utc(),
            actor_role: user.role.as_str(),
            actor_id: Some(user.id),
            actor_name: &user.name,
            action: "signed_in",
            entity_type: "user",
            entity_id: &user.id.to_string(),
            reason: None,
            details: Some(serde_json::json!({ "means": amr }).to_string()),
        },
    )?;
    let access_token = state
        .jwt
        .issue(
            user.id,
            user.role,
            &user.name,
            user.national_number.as_deref(),
            amr,
            now,
        )
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl_seconds(),
        user,
    })
}

#[derive(Serialize, ToSchema)]
pub struct Means {
    code: AuthMeans,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeansList {
    items: Vec<Means>,
}

/// The means the federal login offers: eID card reader, itsme, mobile app, federal token.
#[utoipa::path(tag = "auth", responses((status = 200, body = MeansList)))]
#[get("/auth/federal/means")]
async fn list_means(state: web::Data<AppState>) -> HttpResponse {
    let items = state
        .adapters
        .federal_login
        .means()
        .into_iter()
        .map(|m| Means {
            code: m,
            name: m.label().into(),
        })
        .collect();
    HttpResponse::Ok().json(MeansList { items })
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TestCitizen {
    national_number: String,
    name: String,
    birth_date: chrono::NaiveDate,
}

#[derive(Serialize, ToSchema)]
pub struct TestCitizenList {
    items: Vec<TestCitizen>,
}

/// People in the mock national register a tester can sign in as (empty with real adapters).
#[utoipa::path(tag = "auth", responses((status = 200, body = TestCitizenList)))]
#[get("/auth/federal/test-citizens")]
async fn test_citizens(state: web::Data<AppState>) -> HttpResponse {
    let items = state
        .adapters
        .national_register
        .test_people()
        .into_iter()
        .map(|p| TestCitizen {
            name: p.display_name(),
            national_number: p.national_number,
            birth_date: p.birth_date,
        })
        .collect();
    HttpResponse::Ok().json(TestCitizenList { items })
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizeRequest {
    means: AuthMeans,
    /// 11 digits, with or without dots and dash: `85.07.30-033.28`.
    national_number: String,
    /// Echoed back unchanged; the client checks it on return (CSRF protection).
    #[serde(default)]
    state: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuthorizeResponse {
    /// Single-use, valid five minutes: exchange it at `/auth/token`.
    code: String,
    state: String,
}

/// The federal login: proves who the citizen is and returns a single-use code.
#[utoipa::path(
    tag = "auth",
    request_body = AuthorizeRequest,
    responses(
        (status = 200, body = AuthorizeResponse),
        (status = 422, description = "Invalid or unknown national register number", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The federal login is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/federal/authorize")]
async fn authorize(
    state: web::Data<AppState>,
    body: Json<AuthorizeRequest>,
) -> ApiResult<HttpResponse> {
    let AuthorizeRequest {
        means,
        national_number,
        state: client_state,
    } = body.into_inner();
    let identity = state
        .adapters
        .federal_login
        .authenticate(means, &national_number)
        .map_err(|e| match e {
            FederalLoginError::InvalidNumber(e) => {
                ApiError::coded_field("nationalNumber", "invalid_national_number", e.to_string())
            }
            FederalLoginError::UnknownPerson => ApiError::coded_field(
                "nationalNumber",
                "unknown_person",
                "No person with this national register number is known to the national register.",
            ),
            FederalLoginError::Unavailable(e) => {
                ApiError::Unavailable(format!("{e}. Try again in a moment."))
            }
        })?;
    let code = Alphanumeric.sample_string(&mut rand::rng(), 32);
    let expires_at = state.clock.now_naive() + Duration::minutes(CODE_TTL_MINUTES);
    let stored = code.clone();
    let now = state.clock.now_naive();
    db::run(&state.pool, move |conn| {
        let number = identity.national_number.as_str().to_owned();
        let user = users::upsert(
            conn,
            users::UserKey::NationalNumber(&number),
            users::NewUser {
                role: Role::Citizen.as_str(),
                username: None,
                national_number: Some(&number),
                display_name: &identity.name,
                email: identity.email.as_deref(),
                created_at: now,
            },
        )?;
        users::store_code(conn, &stored, user.id, identity.means.code(), expires_at)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Ok().json(AuthorizeResponse {
        code,
        state: client_state,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    /// The code from `/auth/federal/authorize`.
    code: String,
}

/// Exchanges a sign-in code for a session token.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, description = "Unknown, used or expired code", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/token")]
async fn token(state: web::Data<AppState>, body: Json<TokenRequest>) -> ApiResult<HttpResponse> {
    let code = body.into_inner().code;
    if code.trim().is_empty() {
        return Err(ApiError::coded_field(
            "code",
            "required",
            "Give the code returned by /auth/federal/authorize.",
        ));
    }
    let state_for_db = state.clone();
    let response = db::run(&state.pool, move |conn| {
        let invalid = |detail: &str| ApiError::BadRequest {
            code: "invalid_grant",
            detail: detail.into(),
        };
        match users::redeem_code(conn, &code, state_for_db.clock.now_naive())? {
            users::CodeOutcome::Valid { user_id, means } => {
                let row = users::by_id(conn, user_id)?
                    .ok_or_else(|| ApiError::internal("code without user"))?;
                issue_session(&state_for_db, conn, row, &means)
            }
            users::CodeOutcome::Unknown => {
                Err(invalid("This sign-in code is unknown: sign in again."))
            }
            users::CodeOutcome::Used => Err(invalid(
                "This sign-in code was already used: sign in again.",
            )),
            users::CodeOutcome::Expired => {
                Err(invalid("This sign-in code has expired: sign in again."))
            }
        }
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

#[derive(Deserialize, ToSchema)]
pub struct StaffLoginRequest {
    username: String,
    password: String,
}

/// Sign-in for municipal staff and police.
#[utoipa::path(
    tag = "auth",
    request_body = StaffLoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "Wrong username or password", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing username or password", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/staff/login")]
async fn staff_login(
    state: web::Data<AppState>,
    body: Json<StaffLoginRequest>,
) -> ApiResult<HttpResponse> {
    let StaffLoginRequest { username, password } = body.into_inner();
    let mut missing = Vec::new();
    if username.trim().is_empty() {
        missing.push(InvalidParam::required("username", "Fill in your username."));
    }
    if password.is_empty() {
        missing.push(InvalidParam::required("password", "Fill in your password."));
    }
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }
    let account = state
        .adapters
        .staff_directory
        .authenticate(&username, &password)
        .ok_or(ApiError::Unauthorized {
            code: "invalid_credentials",
            detail: "The username or password is wrong.".into(),
        })?;
    let state_for_db = state.clone();
    let response = db::run(&state.pool, move |conn| {
        let row = sync_staff_account(conn, &account, state_for_db.clock.now_naive())?;
        issue_session(&state_for_db, conn, row, "staff_login")
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// Keeps the local account of a directory entry in step with the directory.
pub fn sync_staff_account(
    conn: &mut db::DbConnection,
    account: &crate::adapters::staff_directory::StaffAccount,
    now: chrono::NaiveDateTime,
) -> ApiResult<users::UserRow> {
    Ok(users::upsert(
        conn,
        users::UserKey::Username(&account.username),
        users::NewUser {
            role: account.role.as_str(),
            username: Some(&account.username),
            national_number: None,
            display_name: &account.name,
            email: Some(&account.email),
            created_at: now,
        },
    )?)
}
