//! Builds the application on a given listener, so tests can run it on a random port.
use crate::adapters::mailer::{Mailer, SmtpMailer};
use crate::adapters::Adapters;
use crate::api::{self, problems};
use crate::auth::oidc::{ProviderKind, RelyingParty};
use crate::auth::JwtKeys;
use crate::clock::{Clock, MovableClock};
use crate::config::Config;
use crate::db::{self, connection::build_pool, Pool};
use crate::mock_oidc::MockProviders;
use crate::mock_systems::MockSystems;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, Service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::middleware::{Compress, DefaultHeaders, Logger};
use actix_web::{web, App, HttpServer};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

/// Only this origin's own scripts, styles, images and API; never in a frame.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The interactive API documentation (Swagger UI) needs inline styles and its own scripts.
const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; frame-ancestors 'none'";

/// What every handler can reach.
pub struct AppState {
    pub config: Config,
    pub pool: Pool,
    pub jwt: JwtKeys,
    pub clock: Arc<dyn Clock>,
    /// The same clock, movable through the development API.
    pub movable_clock: Arc<MovableClock>,
    pub adapters: Adapters,
    pub routes: problems::RouteTable,
    pub oidc: Oidc,
    pub limits: crate::rate_limit::RateLimits,
    /// This instance's exporters (`EXPORT_CONCURRENCY` at once).
    pub exports: crate::workflow::export::Slots,
}

impl AppState {
    /// How people reach this service (no trailing slash).
    pub fn public_url(&self) -> &str {
        &self.config.public_url
    }
}

/// The two OpenID Connect relying parties.
pub struct Oidc {
    pub citizen: RelyingParty,
    pub staff: RelyingParty,
}

impl Oidc {
    pub fn get(&self, kind: ProviderKind) -> &RelyingParty {
        match kind {
            ProviderKind::Citizen => &self.citizen,
            ProviderKind::Staff => &self.staff,
        }
    }
}

/// Connects, and migrates (one instance at a time on PostgreSQL).
pub fn prepare_database(config: &Config) -> Result<Pool, String> {
    let queue_wait = std::time::Duration::from_millis(config.db_queue_wait_ms);
    let pool = build_pool(&config.database_url, config.db_pool_size)?.with_queue_wait(queue_wait);
    let mut conn = pool.get().map_err(|e| format!("database: {e}"))?;
    let applied =
        db::migrations::run_pending(&mut conn).map_err(|e| format!("migrations failed: {e}"))?;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    Ok(pool)
}

pub struct Application {
    server: Server,
    address: SocketAddr,
    state: web::Data<AppState>,
}

impl Application {
    pub fn build(config: Config) -> Result<Self, String> {
        let listener = TcpListener::bind((config.host.as_str(), config.port))
            .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
        Self::build_on(config, listener)
    }

    pub fn build_on(mut config: Config, listener: TcpListener) -> Result<Self, String> {
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        if config.public_url.is_empty() {
            config.public_url = format!("http://{address}");
        }
        if config.demo {
            use_own_mock_providers(&mut config);
        }
        let pool = prepare_database(&config)?;
        let mailer: Option<Arc<dyn Mailer>> = match &config.smtp_url {
            Some(url) => Some(Arc::new(SmtpMailer::new(url, &config.mail_from)?)),
            None => None,
        };
        let mocks = Adapters::mocks(&db::connection::mock_pool(&config.database_url), mailer);
        // The demo's sign-in and its mock servers answer from the in-process mocks; the
        // application itself calls each system over HTTP when it has settings for it.
        let mock_register = mocks.national_register.clone();
        let mock_systems = config
            .demo
            .then(|| web::Data::new(MockSystems::new(&mocks)));
        let adapters = mocks.with_http(&outside_systems(&config))?;
        let movable_clock = Arc::new(MovableClock::default());
        let clock: Arc<dyn Clock> = movable_clock.clone();
        let oidc = relying_parties(&config, &clock)?;
        let mock_providers = config.demo.then(|| {
            web::Data::new(MockProviders::new(
                &config.public_url,
                mock_register.clone(),
                adapters.staff_directory.as_ref(),
                clock.clone(),
            ))
        });
        if config.demo {
            crate::seed::mocks(&pool, movable_clock.now_naive())?;
        }
        if config.seed_demo {
            crate::seed::demo(&pool, &adapters, movable_clock.now_naive())?;
        }
        let spec = crate::openapi::document(config.demo);
        let state = web::Data::new(AppState {
            jwt: JwtKeys::new(&config.sessions.secret, config.sessions.absolute_minutes)?,
            clock,
            oidc,
            limits: crate::rate_limit::RateLimits::new(config.rate_limits),
            exports: crate::workflow::export::Slots::new(config.export_concurrency),
            movable_clock,
            adapters,
            routes: problems::RouteTable::from_openapi(&spec),
            pool,
            config,
        });
        crate::workflow::jobs::spawn_worker(state.clone().into_inner());
        let server_state = state.clone();
        let server = HttpServer::new(move || {
            app(
                server_state.clone(),
                (mock_providers.clone(), mock_systems.clone()),
                spec.clone(),
            )
        })
        .listen(listener)
        .map_err(|e| e.to_string())?
        .run();
        Ok(Self {
            server,
            address,
            state,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Where the application calls the outside systems over HTTP: the configured ones, and in demo
/// mode with `LOKET_MOCKS_OVER_HTTP` the mock servers of this very instance for the rest.
fn outside_systems(config: &Config) -> crate::config::OutsideSystems {
    let systems = &config.outside_systems;
    if config.demo && systems.mocks_over_http {
        MockSystems::settings(&config.public_url, systems)
    } else {
        systems.clone()
    }
}

/// Demo mode: a provider without an issuer is the mock provider of this very instance.
fn use_own_mock_providers(config: &mut Config) {
    for (provider, federal) in [
        (&mut config.citizen_oidc, true),
        (&mut config.staff_oidc, false),
    ] {
        if provider.issuer.is_empty() {
            provider.issuer = MockProviders::issuer(&config.public_url, federal);
        }
    }
}

/// The relying parties of both providers; they share the one callback URL.
fn relying_parties(config: &Config, clock: &Arc<dyn Clock>) -> Result<Oidc, String> {
    let redirect_uri = format!("{}/api/v1/auth/callback", config.public_url);
    Ok(Oidc {
        citizen: RelyingParty::new(
            ProviderKind::Citizen,
            config.citizen_oidc.clone(),
            &redirect_uri,
            clock.clone(),
        )?,
        staff: RelyingParty::new(
            ProviderKind::Staff,
            config.staff_oidc.clone(),
            &redirect_uri,
            clock.clone(),
        )?,
    })
}

/// The application of one server worker: the API and its documentation, the mock providers
/// in demo mode, and the SPA's files when there is a directory of them.
fn app(
    state: web::Data<AppState>,
    (mock_providers, mock_systems): (
        Option<web::Data<MockProviders>>,
        Option<web::Data<MockSystems>>,
    ),
    spec: utoipa::openapi::OpenApi,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let dev = state.config.demo;
    let hsts = state.config.secure_cookies();
    let static_dir = state.config.static_dir.clone();
    let app = App::new()
        .into_utoipa_app()
        .openapi(crate::openapi::ApiDoc::openapi_doc())
        .app_data(state)
        .app_data(web::PayloadConfig::new(api::json::LIMIT))
        .app_data(web::PathConfig::default().error_handler(problems::path_error))
        .configure(|cfg| api::configure(cfg, dev))
        .into_app()
        .wrap(actix_web::middleware::from_fn(crate::auth::client::gate))
        .wrap(actix_web::middleware::from_fn(
            api::problem_language::localize,
        ))
        .wrap(Compress::default())
        .wrap(security_headers())
        .wrap_fn(move |req, srv| {
            let api = req.path().starts_with("/api/v1/");
            let docs = req.path().starts_with("/api/docs");
            let response = srv.call(req);
            async move {
                let mut response = response.await?;
                finish_headers(response.headers_mut(), api, docs, hsts);
                Ok(response)
            }
        })
        .wrap(access_log())
        .service(openapi_json(spec))
        .service(web::redirect("/api/docs", "/api/docs/"))
        .service(swagger_ui())
        .default_service(web::to(problems::fallback));
    let app = match mock_providers {
        Some(mocks) => app.app_data(mocks).configure(crate::mock_oidc::configure),
        None => app,
    };
    let app = match mock_systems {
        Some(mocks) => app
            .app_data(mocks)
            .configure(crate::mock_systems::configure),
        None => app,
    };
    match static_dir {
        // Files answer GET and HEAD only; any other method goes on to the fallback, so an API
        // path answers 405 with `Allow` (or 404) as a problem, like every other path.
        Some(dir) => app.service(
            actix_files::Files::new("/", dir)
                .index_file("index.html")
                .guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
                .default_handler(web::to(problems::fallback)),
        ),
        None => app,
    }
}

/// The OpenAPI document, for the Swagger UI and for clients.
fn openapi_json(spec: utoipa::openapi::OpenApi) -> actix_web::Resource {
    web::resource("/api/openapi.json").route(web::get().to(move || {
        let spec = spec.clone();
        async move { actix_web::HttpResponse::Ok().json(spec) }
    }))
}

/// The interactive documentation of the API, where requests can be tried out.
fn swagger_ui() -> SwaggerUi {
    SwaggerUi::new("/api/docs/{_:.*}")
        .config(utoipa_swagger_ui::Config::from("/api/openapi.json").try_it_out_enabled(true))
}

/// The headers every answer carries, whatever the path.
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
}

/// The headers that depend on the path or the deployment, set once the handler has answered.
fn finish_headers(headers: &mut HeaderMap, api: bool, docs: bool, hsts: bool) {
    // Answers of the API may carry personal data: no cache keeps them.
    if api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if docs {
        // Swagger UI styles itself inline.
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DOCS_CONTENT_SECURITY_POLICY),
        );
    }
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
}

/// The access log: method and path, without anything secret in the path.
fn access_log() -> Logger {
    Logger::new("%{request}xi %s %b %Dms").custom_request_replace("request", |req| {
        format!("{} {}", req.method(), loggable_path(req.path()))
    })
}

/// A request path as the access log may show it: never a query string (staff searches carry
/// names and national numbers), and no download token or verification code.
pub fn loggable_path(path: &str) -> String {
    let mut secret_follows = false;
    path.split('/')
        .map(|segment| {
            let shown = if secret_follows && !segment.is_empty() {
                "…"
            } else {
                segment
            };
            // `persons`: the demo's mock outside systems (`/mock/…/persons/{nationalNumber}`).
            secret_follows = matches!(
                segment,
                "downloads"
                    | "download"
                    | "verify"
                    | "verifieer"
                    | "confirmations"
                    | "bevestigen"
                    | "persons"
            );
            shown
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn the_access_log_shows_no_tokens_or_codes() {
        assert_eq!(
            loggable_path("/api/v1/downloads/abcDEF123/file"),
            "/api/v1/downloads/…/file"
        );
        assert_eq!(
            loggable_path("/api/v1/verify/K7QX-2M9P"),
            "/api/v1/verify/…"
        );
        assert_eq!(loggable_path("/download/abcDEF123"), "/download/…");
        assert_eq!(
            loggable_path("/api/v1/confirmations/abc"),
            "/api/v1/confirmations/…"
        );
        assert_eq!(loggable_path("/bevestigen/abc"), "/bevestigen/…");
        assert_eq!(
            loggable_path("/mock/dabs/persons/85073003328/deeds"),
            "/mock/dabs/persons/…/deeds"
        );
        assert_eq!(
            loggable_path("/api/v1/requests/PA-2026-000001"),
            "/api/v1/requests/PA-2026-000001"
        );
    }
}
