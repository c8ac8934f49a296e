//! Demo mode only: the mocked outside systems served over HTTP under `/mock/<system>/`, as
//! their contracts (`openapi/national-register.json`, `openapi/dabs.json`, `openapi/ebox.json`,
//! `openapi/police.json`) describe, each with a client-credentials token endpoint
//! (`/mock/<system>/oauth/token`, the demo client `loket-demo`).
//!
//! With `LOKET_MOCKS_OVER_HTTP=true` the application calls them through its HTTP adapters, on
//! its own public URL, exactly as it calls the real systems. They answer from the in-process
//! mocks, so the development API's outage switches and `delayMs` hold here too: a system that
//! is down answers 503, a slow one waits. Plain actix routes, outside the API's OpenAPI
//! document.
use crate::adapters::dabs::{Dabs, Deed};
use crate::adapters::ebox::{EBox, EBoxMessage};
use crate::adapters::http_systems::{
    self as wire, AdviceRequestBody, Items, MailboxMessage, Members, OutgoingMessage,
};
use crate::adapters::national_register::NationalRegister;
use crate::adapters::police::{AdviceRequest, PoliceAdvice};
use crate::adapters::{AdapterError, Adapters};
use crate::config::{OutsideSystems, SystemSettings, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use crate::domain::document::DeedType;
use crate::domain::national_number::NationalNumber;
use crate::startup::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The path segment of each system under `/mock/`.
pub const PATHS: [&str; 4] = ["national-register", "dabs", "ebox", "police"];

/// The in-process mocks the servers answer from, and the tokens they handed out.
pub struct MockSystems {
    register: Arc<dyn NationalRegister>,
    dabs: Arc<dyn Dabs>,
    ebox: Arc<dyn EBox>,
    police: Arc<dyn PoliceAdvice>,
    tokens: Mutex<HashSet<String>>,
}

impl MockSystems {
    /// `mocks` must be the in-process mocks (`Adapters::mocks`), before `with_http`.
    pub fn new(mocks: &Adapters) -> Self {
        Self {
            register: mocks.national_register.clone(),
            dabs: mocks.dabs.clone(),
            ebox: mocks.ebox.clone(),
            police: mocks.police.clone(),
            tokens: Mutex::new(HashSet::new()),
        }
    }

    /// The settings that point the HTTP adapters at these servers on `public_url`, for the
    /// systems `configured` leaves unset.
    pub fn settings(public_url: &str, configured: &OutsideSystems) -> OutsideSystems {
        let own = |path: &str, given: &Option<SystemSettings>| {
            given.clone().or_else(|| {
                let url = format!("{public_url}/mock/{path}");
                Some(SystemSettings {
                    token_url: Some(format!("{url}/oauth/token")),
                    // Longer than the slowest answer the outage switches allow (`delayMs`
                    // up to 5000): slow is not down.
                    timeout_ms: 10_000,
                    client_id: DEMO_CLIENT_ID.into(),
                    client_secret: DEMO_CLIENT_SECRET.into(),
                    ..SystemSettings::at(url)
                })
            })
        };
        let [register, dabs, ebox, police] = PATHS;
        OutsideSystems {
            national_register: own(register, &configured.national_register),
            dabs: own(dabs, &configured.dabs),
            ebox: own(ebox, &configured.ebox),
            police: own(police, &configured.police),
            mocks_over_http: true,
        }
    }

    fn authorized(&self, req: &HttpRequest) -> Result<(), Refused> {
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let known = match (token, self.tokens.lock()) {
            (Some(token), Ok(tokens)) => tokens.contains(token),
            _ => false,
        };
        if known {
            Ok(())
        } else {
            Err(Refused {
                status: StatusCode::UNAUTHORIZED,
                code: "invalid_token",
                detail: "Send an access token from this system's token endpoint.",
            })
        }
    }
}

/// A call refused before the mock is asked.
struct Refused {
    status: StatusCode,
    code: &'static str,
    detail: &'static str,
}

impl Refused {
    fn answer(self) -> HttpResponse {
        problem(self.status, self.code, self.detail)
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    for path in PATHS {
        cfg.route(&format!("/mock/{path}/oauth/token"), web::post().to(token));
    }
    cfg.route(
        "/mock/national-register/persons/{nationalNumber}",
        web::get().to(person),
    )
    .route(
        "/mock/national-register/households/{householdId}/members",
        web::get().to(household),
    )
    .route(
        "/mock/dabs/persons/{nationalNumber}/deeds",
        web::get().to(find_deeds),
    )
    .route("/mock/dabs/deeds", web::get().to(list_deeds))
    .route("/mock/dabs/deeds", web::post().to(add_deed))
    .route("/mock/ebox/messages", web::post().to(deliver))
    .route(
        "/mock/ebox/persons/{nationalNumber}/messages",
        web::get().to(inbox),
    )
    .route("/mock/police/advice-requests", web::post().to(ask_advice));
}

type Mocks = web::Data<MockSystems>;

fn problem(status: StatusCode, code: &str, detail: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .json(json!({
            "type": format!("urn:mock:problem:{code}"),
            "title": status.canonical_reason().unwrap_or_default(),
            "status": status.as_u16(),
            "detail": detail,
            "code": code,
        }))
}

/// Runs a mock's (blocking) call off the workers; a mock that is down answers 503.
async fn answer<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AdapterError> + Send + 'static,
    respond: impl FnOnce(T) -> HttpResponse,
) -> HttpResponse {
    match web::block(work).await {
        Ok(Ok(value)) => respond(value),
        Ok(Err(e)) => problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            &e.to_string(),
        ),
        Err(e) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            &e.to_string(),
        ),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// OAuth2 client credentials (RFC 6749 §4.4) for the demo client.
async fn token(mocks: Mocks, form: web::Form<TokenForm>) -> HttpResponse {
    const CLIENT_CREDENTIALS: &str = "client_credentials";
    if form.grant_type != CLIENT_CREDENTIALS {
        return HttpResponse::BadRequest().json(json!({"error": "unsupported_grant_type"}));
    }
    let demo_client = form.client_id.as_deref() == Some(DEMO_CLIENT_ID)
        && form.client_secret.as_deref() == Some(DEMO_CLIENT_SECRET);
    if !demo_client {
        return HttpResponse::Unauthorized().json(json!({"error": "invalid_client"}));
    }
    let token = uuid::Uuid::new_v4().simple().to_string();
    if let Ok(mut tokens) = mocks.tokens.lock() {
        tokens.insert(token.clone());
    }
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 3600,
        }))
}

async fn person(mocks: Mocks, req: HttpRequest, number: web::Path<String>) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req) {
        return refused.answer();
    }
    let Ok(number) = NationalNumber::parse(&number) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "invalid_national_number",
            "This is not a national register number.",
        );
    };
    let register = mocks.register.clone();
    answer(
        move || register.person(&number),
        |found| match found {
            Some(person) => HttpResponse::Ok().json(person),
            None => problem(
                StatusCode::NOT_FOUND,
                wire::PERSON_NOT_FOUND,
                "The register has no person with this number.",
            ),
        },
    )
    .await
}

async fn household(mocks: Mocks, req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req) {
        return refused.answer();
    }
    let (register, id) = (mocks.register.clone(), id.into_inner());
    answer(
        move || register.household(&id),
        |members| {
            if members.is_empty() {
                problem(
                    StatusCode::NOT_FOUND,
                    wire::HOUSEHOLD_NOT_FOUND,
                    "The register has no household with this id.",
                )
            } else {
                HttpResponse::Ok().json(Members { members })
            }
        },
    )
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeedQuery {
    deed_type: String,
}

async fn find_deeds(
    mocks: Mocks,
    req: HttpRequest,
    number: web::Path<String>,
    query: web::Query<DeedQuery>,
) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req) {
        return refused.answer();
    }
    let Some(deed_type) = DeedType::parse(&query.deed_type) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "invalid_deed_type",
            "Use birth, marriage, death or divorce.",
        );
    };
    let (dabs, number) = (mocks.dabs.clone(), number.into_inner());
    answer(
        move || dabs.find(deed_type, &number),
        |found| {
            HttpResponse::Ok().json(Items {
                items: found.into_iter().collect(),
            })
        },
    )
    .await
}

async fn list_deeds(mocks: Mocks, req: HttpRequest) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req) {
        return refused.answer();
    }
    let dabs = mocks.dabs.clone();
    answer(
        move || dabs.list(),
        |items| HttpResponse::Ok().json(Items { items }),
    )
    .await
}

async fn add_deed(
    mocks: Mocks,
    state: web::Data<AppState>,
    req: HttpRequest,
    deed: web::Json<Deed>,
) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req) {
        return refused.answer();
    }
    let (dabs, now, deed) = (
        mocks.dabs.clone(),
        state.clock.now_naive(),
        deed.into_inner(),
    );
    answer(
        move || dabs.add(&deed, now).map(|()| deed),
        |deed| HttpResponse::Created().json(deed),
    )
    .await
}

fn idempotency_key(req: &HttpRequest) -> Result<String, Refused> {
    req.headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .ok_or(Refused {
            status: StatusCode::BAD_REQUEST,
            code: "idempotency_key_missing",
            detail: "Send an Idempotency-Key header.",
        })
}

async fn deliver(
    mocks: Mocks,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<OutgoingMessage>,
) -> HttpResponse {
    let key = match mocks.authorized(&req).and_then(|()| idempotency_key(&req)) {
        Ok(key) => key,
        Err(refused) => return refused.answer(),
    };
    let (ebox, now, m) = (
        mocks.ebox.clone(),
        state.clock.now_naive(),
        body.into_inner(),
    );
    let message = EBoxMessage {
        sender: m.sender,
        subject: m.subject,
        body: m.body,
        document_id: m.document_id,
    };
    answer(
        move || ebox.deliver(&m.recipient, &key, &message, now),
        |()| HttpResponse::Created().json(json!({"delivered": true})),
    )
    .await
}

async fn inbox(mocks: Mocks, req: HttpRequest, number: web::Path<String>) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req) {
        return refused.answer();
    }
    let (ebox, number) = (mocks.ebox.clone(), number.into_inner());
    answer(
        move || ebox.inbox(&number),
        |received| {
            let items = received
                .into_iter()
                .map(|r| MailboxMessage {
                    id: r.id,
                    sender: r.message.sender,
                    subject: r.message.subject,
                    body: r.message.body,
                    document_id: r.message.document_id,
                    delivered_at: r.delivered_at,
                })
                .collect();
            HttpResponse::Ok().json(Items::<MailboxMessage> { items })
        },
    )
    .await
}

async fn ask_advice(
    mocks: Mocks,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<AdviceRequestBody>,
) -> HttpResponse {
    if let Err(refused) = mocks.authorized(&req).and_then(|()| idempotency_key(&req)) {
        return refused.answer();
    }
    let (police, now, b) = (
        mocks.police.clone(),
        state.clock.now_naive(),
        body.into_inner(),
    );
    let request = AdviceRequest {
        request_id: b.request_id,
        subject_name: b.subject_name,
        subject_national_number: b.subject_national_number,
        purpose: b.purpose,
    };
    answer(
        move || police.request_advice(&request, now),
        |()| HttpResponse::Accepted().json(json!({"requested": true})),
    )
    .await
}
