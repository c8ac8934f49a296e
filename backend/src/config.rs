//! Settings, read from the environment (see the README's configuration table).
//!
//! Without configuration the binary runs in **production mode** and refuses to start until
//! every setting a live service needs is there. Demo mode (`LOKET_DEMO=true`) is one
//! configuration of the same product: the outside systems are mocks served by the binary
//! itself, including two OpenID Connect providers the sign-in talks to over HTTP.
use crate::db::connection::DatabaseUrl;
use crate::documents::branding::{Branding, Logo, Rgb, Signatory};
use crate::documents::seal::{Seal, SealSource, Timestamping};
use crate::documents::templates::Templates;
use std::fmt;
use std::path::PathBuf;

#[derive(Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub database_url: DatabaseUrl,
    pub db_pool_size: u32,
    /// How long a unit of database work waits for its turn when every connection is busy,
    /// before the API answers 503 `busy` with `Retry-After`.
    pub db_queue_wait_ms: u64,
    /// How many matches a search counts exactly; above it the answer says "more than" this
    /// (`totalExact: false`), so a broad search at a million requests does not count them all.
    pub search_count_limit: i64,
    /// Demo mode: mock outside systems, the mock OpenID Connect providers and the development
    /// helpers (dev token, movable clock, outage switches).
    pub demo: bool,
    /// Seed demo users on start.
    pub seed_demo: bool,
    /// Seed a handful of demo requests in every state when the database has none.
    pub demo_requests: bool,
    /// The built SPA, served at `/` when present.
    pub static_dir: Option<PathBuf>,
    /// How people reach this service: links in e-mails, the sign-in redirect URI, whether the
    /// session cookie is `Secure`. Empty: the listening address (tests on a random port).
    pub public_url: String,
    pub municipality: String,
    /// The municipality's time zone (`TIME_ZONE`, an IANA name): every civil date and local
    /// time people read or give (documents, e-mails, search periods, the Excel report).
    pub time_zone: crate::domain::civil::Tz,
    /// `smtp://host:port` (or `smtps://…`); unset keeps e-mail in the outbox only.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Seconds between runs of the job worker; 0 switches the background worker off.
    pub job_interval_seconds: u64,
    /// Excel reports made at once by this instance (`EXPORT_CONCURRENCY`); more wait their turn.
    pub export_concurrency: usize,
    /// Days the police have to give advice on a model 596.2 request.
    pub police_advice_days: i64,
    pub sessions: SessionSettings,
    /// The federal login (FAS/CSAM, itsme): citizens.
    pub citizen_oidc: OidcProvider,
    /// The municipality's own provider (Entra ID, Keycloak …): staff, police, admins.
    pub staff_oidc: OidcProvider,
    /// Take the client address from `Forwarded`/`X-Forwarded-For` (only behind a proxy that
    /// sets them); otherwise the TCP peer address is used in the audit trail.
    pub trust_proxy_headers: bool,
    pub rate_limits: crate::rate_limit::RateLimitSettings,
    pub retention: crate::db::retention::RetentionSettings,
    /// Where the national register, DABS, My eBox and the police are (`<SYSTEM>_URL` …).
    pub outside_systems: OutsideSystems,
    /// The municipality's electronic seal on every issued PDF (`SEAL_PKCS12_FILE`,
    /// `SEAL_PKCS12_PASSWORD`; demo mode makes a demo certificate).
    pub seal: Seal,
    /// The municipality on its papers (name, address, logo, colour, signatory) and what the
    /// papers say (the templates, `DOCUMENT_TEMPLATES_DIR`).
    pub branding: Branding,
}

/// The outside systems Loket calls over HTTP. A system without settings is the in-process
/// mock (demo mode only: production mode refuses to start without the four URLs).
#[derive(Clone, Default)]
pub struct OutsideSystems {
    pub national_register: Option<SystemSettings>,
    pub dabs: Option<SystemSettings>,
    pub ebox: Option<SystemSettings>,
    pub police: Option<SystemSettings>,
    /// Demo mode (`LOKET_MOCKS_OVER_HTTP=true`): the binary serves its mocks as HTTP servers
    /// under `/mock/<system>/` and calls them there with the HTTP adapters, as it would call
    /// the real systems.
    pub mocks_over_http: bool,
}

/// How to reach one outside system (`<SYSTEM>_URL`, `_TOKEN_URL`, `_CLIENT_ID`,
/// `_CLIENT_SECRET`, `_TIMEOUT_MS`). No `Debug`: it holds a secret.
#[derive(Clone)]
pub struct SystemSettings {
    /// The base URL its contract's paths are appended to (no trailing slash).
    pub url: String,
    /// OAuth2 client credentials: a token is fetched here and cached until it expires.
    pub token_url: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    /// Connect and overall timeout of one attempt.
    pub timeout_ms: u64,
}

impl SystemSettings {
    pub const DEFAULT_TIMEOUT_MS: u64 = 5000;

    /// A system at `url` without authentication and with the default timeout.
    pub fn at(url: impl Into<String>) -> Self {
        Self {
            url: url.into().trim_end_matches('/').to_owned(),
            token_url: None,
            client_id: String::new(),
            client_secret: String::new(),
            timeout_ms: Self::DEFAULT_TIMEOUT_MS,
        }
    }
}

/// The prefixes of the outside systems' settings, in the order `OutsideSystems` lists them.
pub const OUTSIDE_SYSTEM_PREFIXES: [&str; 4] = ["NATIONAL_REGISTER", "DABS", "EBOX", "POLICE"];

/// One outside system's settings; in production mode a missing URL (or, with a token URL,
/// missing client credentials) is added to `missing`.
fn outside_system(
    prefix: &str,
    demo: bool,
    missing: &mut Vec<String>,
) -> Result<Option<SystemSettings>, String> {
    let name = |suffix: &str| format!("{prefix}_{suffix}");
    let Some(url) = var(&name("URL")) else {
        if !demo {
            missing.push(name("URL"));
        }
        return Ok(None);
    };
    let token_url = var(&name("TOKEN_URL"));
    let mut credential = |suffix: &str| {
        let value = var(&name(suffix));
        if value.is_none() && token_url.is_some() {
            missing.push(name(suffix));
        }
        value.unwrap_or_default()
    };
    let client_id = credential("CLIENT_ID");
    let client_secret = credential("CLIENT_SECRET");
    // At most 30 s: three attempts with a token fetch each stay well inside a job's
    // five-minute lease (past it another worker would run the job again).
    let timeout = bounded(
        &name("TIMEOUT_MS"),
        SystemSettings::DEFAULT_TIMEOUT_MS as i64,
        100,
        30_000,
    )?;
    Ok(Some(SystemSettings {
        token_url,
        client_id,
        client_secret,
        timeout_ms: timeout.unsigned_abs(),
        ..SystemSettings::at(url)
    }))
}

impl OutsideSystems {
    /// Production mode without `LOKET_ALLOW_HTTP`: every outside system over TLS.
    fn require_https(&self) -> Result<(), String> {
        let settings = [
            &self.national_register,
            &self.dabs,
            &self.ebox,
            &self.police,
        ];
        for (prefix, system) in OUTSIDE_SYSTEM_PREFIXES.iter().zip(settings) {
            for url in system
                .iter()
                .flat_map(|s| std::iter::once(&s.url).chain(&s.token_url))
            {
                if !url.starts_with("https://") {
                    return Err(format!(
                        "{prefix}: {url} is not https: personal data and tokens would travel \
                         in the clear."
                    ));
                }
            }
        }
        Ok(())
    }
}

fn outside_systems(demo: bool, missing: &mut Vec<String>) -> Result<OutsideSystems, String> {
    let [register, dabs, ebox, police] = OUTSIDE_SYSTEM_PREFIXES;
    let mocks_over_http = flag("LOKET_MOCKS_OVER_HTTP", false)?;
    if mocks_over_http && !demo {
        return Err("LOKET_MOCKS_OVER_HTTP is for demo mode only (LOKET_DEMO=true)".into());
    }
    Ok(OutsideSystems {
        national_register: outside_system(register, demo, missing)?,
        dabs: outside_system(dabs, demo, missing)?,
        ebox: outside_system(ebox, demo, missing)?,
        police: outside_system(police, demo, missing)?,
        mocks_over_http,
    })
}

#[derive(Clone)]
pub struct SessionSettings {
    /// Signs bearer tokens for API clients; at least 32 characters.
    pub secret: String,
    /// A session not used for this long ends.
    pub idle_minutes: i64,
    /// A session ends this long after sign-in, used or not.
    pub absolute_minutes: i64,
    /// How often a staff session is checked again with the municipal provider (account
    /// disabled, role removed).
    pub recheck_minutes: i64,
}

#[derive(Clone, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_secret_post`: the secret in the token request's body.
    SecretPost(String),
    /// `private_key_jwt`: a JWT signed with this PEM private key (RS256 or ES256).
    PrivateKeyJwt { pem: String, algorithm: String },
}

/// Names the method, never the secret or key.
impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SecretPost(_) => f.write_str("client_secret_post"),
            Self::PrivateKeyJwt { algorithm, .. } => write!(f, "private_key_jwt ({algorithm})"),
        }
    }
}

#[derive(Clone)]
pub struct OidcProvider {
    /// The issuer; discovery is read from `<issuer>/.well-known/openid-configuration`.
    /// Empty in demo mode until the listening address is known: the built-in mock provider.
    pub issuer: String,
    pub client_id: String,
    pub client_auth: ClientAuth,
    pub scopes: Vec<String>,
    /// Claim with the national register number (citizens) or the username (staff).
    pub subject_claim: String,
    /// Citizens: claim naming the means (`acr`, `amr` or another), and how its values map to
    /// eid/itsme/mobile_app/federal_token (also sent as `acr_values` to ask for a means).
    pub means_claim: String,
    pub means_values: Vec<(String, String)>,
    /// Staff: claim with the roles or groups (a dotted path such as `realm_access.roles`
    /// works), and which value means which Loket role.
    pub role_claim: String,
    pub role_values: Vec<(String, String)>,
}

impl fmt::Debug for Config {
    /// Never prints a secret: the settings may end up in a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database", &self.database_url.backend_name())
            .field("demo", &self.demo)
            .field("public_url", &self.public_url)
            .field("time_zone", &self.time_zone.name())
            .field("citizen_issuer", &self.citizen_oidc.issuer)
            .field("staff_issuer", &self.staff_oidc.issuer)
            .finish_non_exhaustive()
    }
}

/// The signing secret of demo mode; refused outside demo mode.
pub const DEVELOPMENT_SECRET: &str = "loket-development-secret-not-for-production";
/// The client the demo's mock providers know.
pub const DEMO_CLIENT_ID: &str = "loket-demo";
pub const DEMO_CLIENT_SECRET: &str = "loket-demo-client-secret";

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn flag(name: &str, default: bool) -> Result<bool, String> {
    match var(name).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(format!(
            "{name}='{other}' is not a yes/no value: use true or false"
        )),
    }
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| format!("{name}='{v}' is not a valid number")),
    }
}

fn limit(name: &str, default: u32) -> Result<u32, String> {
    let value = number(name, default)?;
    if value == 0 {
        return Err(format!("{name}=0 would refuse everything: give at least 1"));
    }
    Ok(value)
}

fn bounded(name: &str, default: i64, min: i64, max: i64) -> Result<i64, String> {
    let value = number(name, default)?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{name}={value}: give a number from {min} to {max}"))
    }
}

/// `a=b,c=d` → pairs; used for claim value mappings.
fn pairs(name: &str, default: &str) -> Result<Vec<(String, String)>, String> {
    let raw = var(name).unwrap_or_else(|| default.to_owned());
    raw.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.rsplit_once('=')
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .ok_or_else(|| format!("{name}: '{p}' is not of the form value=meaning"))
        })
        .collect()
}

const MEANS_DEFAULT: &str = "eid=eid,itsme=itsme,mobile_app=mobile_app,federal_token=federal_token";
const ROLES_DEFAULT: &str = "loket-staff=staff,loket-police=police,loket-admin=admin";

/// Reads one provider's settings (`CITIZEN_OIDC_*` or `STAFF_OIDC_*`); adds the names of
/// missing required settings to `missing`.
fn provider(prefix: &str, demo: bool, missing: &mut Vec<String>) -> Result<OidcProvider, String> {
    let name = |suffix: &str| format!("{prefix}_{suffix}");
    let issuer = var(&name("ISSUER"));
    let client_id = var(&name("CLIENT_ID"));
    let uses_mock = demo && issuer.is_none();
    if !uses_mock {
        if issuer.is_none() {
            missing.push(name("ISSUER"));
        }
        if client_id.is_none() {
            missing.push(name("CLIENT_ID"));
        }
    }
    let client_auth = client_auth(prefix, uses_mock, missing)?;
    let citizen = prefix == "CITIZEN_OIDC";
    let default_scopes = if citizen {
        "openid profile"
    } else {
        "openid profile email"
    };
    Ok(OidcProvider {
        // Exactly as the provider writes it: discovery compares it character for character.
        issuer: issuer.unwrap_or_default(),
        client_id: client_id.unwrap_or_else(|| DEMO_CLIENT_ID.into()),
        client_auth,
        scopes: var(&name("SCOPES"))
            .unwrap_or_else(|| default_scopes.into())
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        subject_claim: subject_claim(prefix, citizen),
        means_claim: var(&name("MEANS_CLAIM")).unwrap_or_else(|| "acr".into()),
        means_values: if citizen {
            pairs(&name("MEANS_VALUES"), MEANS_DEFAULT)?
        } else {
            Vec::new()
        },
        role_claim: var(&name("ROLE_CLAIM")).unwrap_or_else(|| "roles".into()),
        role_values: if citizen {
            Vec::new()
        } else {
            pairs(&name("ROLE_VALUES"), ROLES_DEFAULT)?
        },
    })
}

/// How the client authenticates at the token endpoint: `AUTH_METHOD` when given, otherwise
/// a private key file without a secret means private_key_jwt. Without a secret the demo falls
/// back to the mock provider's; elsewhere the missing setting is added to `missing`.
fn client_auth(
    prefix: &str,
    uses_mock: bool,
    missing: &mut Vec<String>,
) -> Result<ClientAuth, String> {
    let name = |suffix: &str| format!("{prefix}_{suffix}");
    let secret = var(&name("CLIENT_SECRET"));
    let key_file = var(&name("PRIVATE_KEY_FILE"));
    let method = var(&name("AUTH_METHOD"));
    Ok(match (method.as_deref(), secret, key_file) {
        (Some("private_key_jwt"), _, Some(file)) | (None, None, Some(file)) => {
            private_key_jwt(prefix, &file)?
        }
        (Some("private_key_jwt"), _, None) => {
            missing.push(name("PRIVATE_KEY_FILE"));
            ClientAuth::SecretPost(String::new())
        }
        (Some("client_secret_post") | None, Some(secret), _) => ClientAuth::SecretPost(secret),
        (Some("client_secret_post") | None, None, _) if uses_mock => {
            ClientAuth::SecretPost(DEMO_CLIENT_SECRET.into())
        }
        (Some("client_secret_post") | None, None, _) => {
            missing.push(name("CLIENT_SECRET"));
            ClientAuth::SecretPost(String::new())
        }
        (Some(other), _, _) => {
            return Err(format!(
                "{}='{other}': use client_secret_post or private_key_jwt",
                name("AUTH_METHOD")
            ))
        }
    })
}

/// Reads the private key now, so a wrong path stops the start instead of the first sign-in;
/// the algorithm follows from the key unless `KEY_ALGORITHM` says otherwise.
fn private_key_jwt(prefix: &str, file: &str) -> Result<ClientAuth, String> {
    let name = |suffix: &str| format!("{prefix}_{suffix}");
    let pem = std::fs::read_to_string(file)
        .map_err(|e| format!("{}: cannot read '{file}': {e}", name("PRIVATE_KEY_FILE")))?;
    let algorithm = var(&name("KEY_ALGORITHM")).unwrap_or_else(|| {
        if pem.contains("EC PRIVATE KEY") {
            "ES256"
        } else {
            "RS256"
        }
        .to_owned()
    });
    if !matches!(algorithm.as_str(), "RS256" | "ES256") {
        return Err(format!(
            "{}='{algorithm}': use RS256 or ES256",
            name("KEY_ALGORITHM")
        ));
    }
    Ok(ClientAuth::PrivateKeyJwt { pem, algorithm })
}

/// The claim that identifies the person: the national number for citizens, the username for
/// staff.
fn subject_claim(prefix: &str, citizen: bool) -> String {
    let setting = if citizen {
        "NATIONAL_NUMBER_CLAIM"
    } else {
        "USERNAME_CLAIM"
    };
    var(&format!("{prefix}_{setting}")).unwrap_or_else(|| {
        if citizen {
            "national_number".into()
        } else {
            "preferred_username".into()
        }
    })
}

/// `TIME_ZONE`: an IANA name, checked now so that a typo stops the start instead of dating
/// documents in the wrong zone.
fn time_zone() -> Result<crate::domain::civil::Tz, String> {
    use crate::domain::civil;
    match var("TIME_ZONE") {
        None => Ok(civil::DEFAULT_ZONE),
        Some(name) => civil::parse_zone(&name).map_err(|e| format!("TIME_ZONE: {e}")),
    }
}

/// The seal's certificate: the PKCS#12 file when given (in demo mode too); otherwise demo mode
/// keeps a demo certificate beside its SQLite database (or in the system's temporary folder),
/// and production mode adds the two settings to `missing`.
fn seal(demo: bool, database: &DatabaseUrl, missing: &mut Vec<String>) -> Seal {
    match (var("SEAL_PKCS12_FILE"), var("SEAL_PKCS12_PASSWORD")) {
        (Some(file), Some(password)) => Seal::new(SealSource::Pkcs12 {
            file: PathBuf::from(file),
            password,
        }),
        (file, password) if !demo => {
            for (name, value) in [
                ("SEAL_PKCS12_FILE", file),
                ("SEAL_PKCS12_PASSWORD", password),
            ] {
                if value.is_none() {
                    missing.push(name.to_owned());
                }
            }
            Seal::demo(PathBuf::new())
        }
        _ => Seal::demo(demo_seal_dir(database)),
    }
}

/// The municipality on its papers. Demo mode shows Voorbeeldegem's address, logo and
/// signatory where nothing is configured; production mode prints only what it is given.
fn branding(demo: bool, municipality: &str) -> Result<Branding, String> {
    let base = if demo {
        Branding::demo(municipality)
    } else {
        Branding::plain(municipality)
    };
    let templates = match var("DOCUMENT_TEMPLATES_DIR") {
        Some(dir) => std::sync::Arc::new(Templates::load(Some(std::path::Path::new(&dir)))?),
        None => std::sync::Arc::new(Templates::load(None)?),
    };
    let signatory = match (var("SIGNATORY_NAME"), var("SIGNATORY_ROLE")) {
        (Some(name), role) => Some(Signatory {
            name,
            role: role.unwrap_or_default(),
            roles: ["nl", "fr", "de", "en"]
                .into_iter()
                .filter_map(|l| {
                    let role = var(&format!("SIGNATORY_ROLE_{}", l.to_uppercase()))?;
                    Some((l.to_owned(), role))
                })
                .collect(),
        }),
        (None, Some(_)) => return Err("SIGNATORY_ROLE needs SIGNATORY_NAME".into()),
        (None, None) => base.signatory.clone(),
    };
    Ok(Branding {
        address: var("MUNICIPALITY_ADDRESS").or(base.address.clone()),
        logo: match var("MUNICIPALITY_LOGO_FILE") {
            Some(file) => Some(Logo::read(std::path::Path::new(&file))?),
            None => base.logo.clone(),
        },
        colour: match var("MUNICIPALITY_COLOUR") {
            Some(colour) => Rgb::parse(&colour)?,
            None => base.colour,
        },
        signatory,
        templates,
        ..base
    })
}

fn demo_seal_dir(database: &DatabaseUrl) -> PathBuf {
    match database {
        DatabaseUrl::Sqlite(path) if path != ":memory:" => std::path::Path::new(path)
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default(),
        _ => std::env::temp_dir().join("loket-demo-seal"),
    }
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        if var("LOKET_MOCKS").is_some() {
            return Err(
                "LOKET_MOCKS is no longer read: demo mode is LOKET_DEMO=true (see the README)"
                    .into(),
            );
        }
        if var("JWT_SECRET").is_some() {
            return Err("JWT_SECRET is no longer read: set SESSION_SECRET instead".into());
        }
        let demo = flag("LOKET_DEMO", false)?;
        let port = number("PORT", 8080u16)?;
        let host = var("HOST").unwrap_or_else(|| "127.0.0.1".into());
        if demo && !is_loopback(&host) && !flag("LOKET_DEMO_PUBLIC", false)? {
            return Err(format!(
                "demo mode listens on a loopback address only, not HOST={host}: anyone could \
                 sign in as anyone. Set LOKET_DEMO_PUBLIC=true to show the demo on a network."
            ));
        }
        let mut missing = Vec::new();
        let secret = match var("SESSION_SECRET") {
            Some(s) if s == DEVELOPMENT_SECRET && !demo => {
                return Err(
                    "SESSION_SECRET is the published development secret: make a new one \
                     (openssl rand -base64 48)"
                        .into(),
                )
            }
            Some(s) if s.len() >= 32 => s,
            Some(_) => return Err("SESSION_SECRET must be at least 32 characters long".into()),
            None if demo => DEVELOPMENT_SECRET.to_owned(),
            None => {
                missing.push("SESSION_SECRET".to_owned());
                String::new()
            }
        };
        let public_url = match var("PUBLIC_URL") {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None if demo => format!("http://127.0.0.1:{port}"),
            None => {
                missing.push("PUBLIC_URL".to_owned());
                String::new()
            }
        };
        let citizen_oidc = provider("CITIZEN_OIDC", demo, &mut missing)?;
        let staff_oidc = provider("STAFF_OIDC", demo, &mut missing)?;
        let outside_systems = outside_systems(demo, &mut missing)?;
        let database_url = DatabaseUrl::parse(
            &var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/loket.db".into()),
        )?;
        let seal = seal(demo, &database_url, &mut missing);
        let municipality =
            var("MUNICIPALITY_NAME").unwrap_or_else(|| "Gemeente Voorbeeldegem".into());
        if !missing.is_empty() {
            return Err(format!(
                "production mode needs these settings: {}. (For a local demo with mock \
                 systems, set LOKET_DEMO=true or use 'make run'.)",
                missing.join(", ")
            ));
        }
        let allow_http = flag("LOKET_ALLOW_HTTP", false)?;
        if !demo && !allow_http {
            if !public_url.starts_with("https://") {
                return Err(format!(
                    "PUBLIC_URL={public_url} is not https: session cookies would travel in the \
                     clear. Give the https address people use (behind a TLS proxy too)."
                ));
            }
            for (name, provider) in [
                ("CITIZEN_OIDC_ISSUER", &citizen_oidc),
                ("STAFF_OIDC_ISSUER", &staff_oidc),
            ] {
                if !provider.issuer.starts_with("https://") {
                    return Err(format!(
                        "{name}={} is not https: keys and tokens could be swapped on the way.",
                        provider.issuer
                    ));
                }
            }
            outside_systems.require_https()?;
        }
        if demo && !flag("LOKET_DEMO_PUBLIC", false)? {
            let public_host = url::Url::parse(&public_url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default();
            if !is_loopback(&public_host) {
                return Err(format!(
                    "demo mode is for this machine only, not PUBLIC_URL={public_url}. Set \
                     LOKET_DEMO_PUBLIC=true to show the demo on a network."
                ));
            }
        }
        if !demo {
            for name in ["LOKET_SEED_DEMO", "LOKET_DEMO_REQUESTS"] {
                if flag(name, false)? {
                    return Err(format!("{name} is for demo mode only (LOKET_DEMO=true)"));
                }
            }
        }
        let static_dir = match var("STATIC_DIR") {
            Some(dir) => Some(PathBuf::from(dir)),
            None => Some(PathBuf::from("frontend/dist")).filter(|p| p.join("index.html").exists()),
        };
        Ok(Self {
            host,
            port,
            database_url,
            db_pool_size: number("DB_POOL_SIZE", 8u32)?,
            db_queue_wait_ms: bounded("DB_QUEUE_WAIT_MS", 2000, 0, 30_000)?.unsigned_abs(),
            search_count_limit: bounded("SEARCH_COUNT_LIMIT", 10_000, 1, 10_000_000)?,
            demo,
            seed_demo: flag("LOKET_SEED_DEMO", demo)?,
            demo_requests: flag("LOKET_DEMO_REQUESTS", demo)?,
            static_dir,
            public_url,
            branding: branding(demo, &municipality)?,
            municipality,
            time_zone: time_zone()?,
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Gemeente Voorbeeldegem <loket@voorbeeldegem.be>".into()),
            job_interval_seconds: number("JOB_INTERVAL_SECONDS", 5u64)?,
            export_concurrency: bounded("EXPORT_CONCURRENCY", 2, 1, 64)?.unsigned_abs() as usize,
            police_advice_days: number("POLICE_ADVICE_DAYS", 7i64)?,
            sessions: SessionSettings {
                secret,
                idle_minutes: bounded("SESSION_IDLE_MINUTES", 30, 1, 24 * 60)?,
                absolute_minutes: bounded("SESSION_MAX_MINUTES", 480, 5, 7 * 24 * 60)?,
                recheck_minutes: bounded("STAFF_RECHECK_MINUTES", 5, 1, 60)?,
            },
            citizen_oidc,
            staff_oidc,
            trust_proxy_headers: flag("TRUST_PROXY_HEADERS", false)?,
            retention: crate::db::retention::RetentionSettings {
                document_days: bounded("RETENTION_DOCUMENT_DAYS", 93, 92, 3650)?,
                export_days: bounded("RETENTION_EXPORT_DAYS", 7, 1, 365)?,
                job_days: bounded("RETENTION_JOB_DAYS", 30, 1, 3650)?,
            },
            outside_systems,
            rate_limits: {
                let d = crate::rate_limit::RateLimitSettings::DEFAULT;
                crate::rate_limit::RateLimitSettings {
                    sign_in_per_minute: limit(
                        "RATE_LIMIT_SIGN_IN_PER_MINUTE",
                        d.sign_in_per_minute,
                    )?,
                    submit_per_minute: limit("RATE_LIMIT_SUBMIT_PER_MINUTE", d.submit_per_minute)?,
                    submit_per_email_per_hour: limit(
                        "RATE_LIMIT_SUBMIT_PER_EMAIL_PER_HOUR",
                        d.submit_per_email_per_hour,
                    )?,
                    verify_per_minute: limit("RATE_LIMIT_VERIFY_PER_MINUTE", d.verify_per_minute)?,
                    download_per_minute: limit(
                        "RATE_LIMIT_DOWNLOAD_PER_MINUTE",
                        d.download_per_minute,
                    )?,
                    client_submit_per_minute: limit(
                        "RATE_LIMIT_CLIENT_SUBMIT_PER_MINUTE",
                        d.client_submit_per_minute,
                    )?,
                }
            },
            seal: {
                let seal = match var("SEAL_TSA_URL") {
                    Some(url) => seal.with_timestamp(Timestamping {
                        url,
                        timeout: std::time::Duration::from_millis(
                            bounded("SEAL_TSA_TIMEOUT_MS", 10_000, 100, 30_000)?.unsigned_abs(),
                        ),
                    }),
                    None => seal,
                };
                seal.load()?;
                seal
            },
        })
    }

    /// A configuration for tests and tools: demo mode, the given database, no SPA.
    pub fn for_database(database_url: DatabaseUrl) -> Self {
        let mock = |role_values: Vec<(String, String)>, means_values, subject: &str| OidcProvider {
            issuer: String::new(),
            client_id: DEMO_CLIENT_ID.into(),
            client_auth: ClientAuth::SecretPost(DEMO_CLIENT_SECRET.into()),
            scopes: vec!["openid".into(), "profile".into()],
            subject_claim: subject.into(),
            means_claim: "acr".into(),
            means_values,
            role_claim: "roles".into(),
            role_values,
        };
        let split = |s: &str| {
            s.split(',')
                .filter_map(|p| p.split_once('='))
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect::<Vec<_>>()
        };
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            database_url,
            db_pool_size: 4,
            db_queue_wait_ms: 2000,
            search_count_limit: 10_000,
            demo: true,
            seed_demo: true,
            demo_requests: false,
            static_dir: None,
            public_url: String::new(),
            municipality: "Gemeente Voorbeeldegem".into(),
            time_zone: crate::domain::civil::DEFAULT_ZONE,
            smtp_url: None,
            mail_from: "Gemeente Voorbeeldegem <loket@voorbeeldegem.be>".into(),
            job_interval_seconds: 0,
            export_concurrency: 2,
            police_advice_days: 7,
            sessions: SessionSettings {
                secret: DEVELOPMENT_SECRET.into(),
                idle_minutes: 30,
                absolute_minutes: 480,
                recheck_minutes: 5,
            },
            citizen_oidc: mock(Vec::new(), split(MEANS_DEFAULT), "national_number"),
            staff_oidc: mock(split(ROLES_DEFAULT), Vec::new(), "preferred_username"),
            trust_proxy_headers: false,
            rate_limits: crate::rate_limit::RateLimitSettings::GENEROUS,
            retention: crate::db::retention::RetentionSettings::DEFAULT,
            outside_systems: OutsideSystems::default(),
            seal: Seal::demo(std::env::temp_dir().join("loket-demo-seal")),
            branding: Branding::demo("Gemeente Voorbeeldegem"),
        }
    }

    /// Whether the session cookie gets the `Secure` attribute.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_the_settings_never_prints_a_secret() {
        let mut config = Config::for_database(DatabaseUrl::Postgres(
            "postgres://loket:db-password@db/loket".into(),
        ));
        config.sessions.secret = "the-session-secret-of-at-least-32-chars".into();
        config.citizen_oidc.client_auth = ClientAuth::SecretPost("client-secret-xyz".into());
        config.staff_oidc.client_auth = ClientAuth::PrivateKeyJwt {
            pem: "-----BEGIN PRIVATE KEY-----abc".into(),
            algorithm: "RS256".into(),
        };
        let printed = format!(
            "{config:?} {:?} {:?}",
            config.citizen_oidc.client_auth, config.staff_oidc.client_auth
        );
        for secret in [
            "db-password",
            "the-session-secret",
            "client-secret-xyz",
            "BEGIN PRIVATE KEY",
        ] {
            assert!(!printed.contains(secret), "{secret} in {printed}");
        }
    }

    #[test]
    fn only_loopback_addresses_count_as_local() {
        for host in ["127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "example.org"] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
