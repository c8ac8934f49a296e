//! Settings, read from the environment (see the README's configuration table).
use crate::db::connection::DatabaseUrl;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub database_url: DatabaseUrl,
    pub db_pool_size: u32,
    pub jwt_secret: String,
    pub jwt_ttl_minutes: i64,
    /// Mock adapters and development helpers (dev token, movable clock).
    pub mocks: bool,
    /// Seed demo users on start.
    pub seed_demo: bool,
    /// Seed a handful of demo requests in every state when the database has none.
    pub demo_requests: bool,
    /// The built SPA, served at `/` when present.
    pub static_dir: Option<PathBuf>,
    /// How people reach this service, used in links in e-mails.
    pub public_url: String,
    pub municipality: String,
    /// `smtp://host:port` (or `smtps://…`); unset keeps e-mail in the outbox only.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Seconds between runs of the job worker; 0 switches the background worker off.
    pub job_interval_seconds: u64,
    /// Days the police have to give advice on a model 596.2 request.
    pub police_advice_days: i64,
}

/// The signing secret used when none is set and mocks are on; never valid with mocks off.
const DEVELOPMENT_SECRET: &str = "loket-development-secret-not-for-production";

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

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let mocks = flag("LOKET_MOCKS", true)?;
        let port = number("PORT", 8080u16)?;
        let jwt_secret = match var("JWT_SECRET") {
            Some(s) if s.len() >= 32 => s,
            Some(_) => return Err("JWT_SECRET must be at least 32 characters long".into()),
            None if mocks => DEVELOPMENT_SECRET.to_owned(),
            None => return Err("JWT_SECRET is required when LOKET_MOCKS=false".into()),
        };
        let static_dir = match var("STATIC_DIR") {
            Some(dir) => Some(PathBuf::from(dir)),
            None => Some(PathBuf::from("frontend/dist")).filter(|p| p.join("index.html").exists()),
        };
        Ok(Self {
            host: var("HOST").unwrap_or_else(|| "127.0.0.1".into()),
            port,
            database_url: DatabaseUrl::parse(
                &var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/loket.db".into()),
            )?,
            db_pool_size: number("DB_POOL_SIZE", 8u32)?,
            jwt_secret,
            jwt_ttl_minutes: number("JWT_TTL_MINUTES", 480i64)?,
            mocks,
            seed_demo: flag("LOKET_SEED_DEMO", mocks)?,
            demo_requests: flag("LOKET_DEMO_REQUESTS", mocks)?,
            static_dir,
            public_url: var("PUBLIC_URL").unwrap_or_else(|| format!("http://127.0.0.1:{port}")),
            municipality: var("MUNICIPALITY_NAME")
                .unwrap_or_else(|| "Gemeente Voorbeeldegem".into()),
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Gemeente Voorbeeldegem <loket@voorbeeldegem.be>".into()),
            job_interval_seconds: number("JOB_INTERVAL_SECONDS", 5u64)?,
            police_advice_days: number("POLICE_ADVICE_DAYS", 7i64)?,
        })
    }

    /// A configuration for tests and tools: mocks on, the given database, no SPA.
    pub fn for_database(database_url: DatabaseUrl) -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 0,
            database_url,
            db_pool_size: 4,
            jwt_secret: DEVELOPMENT_SECRET.into(),
            jwt_ttl_minutes: 60,
            mocks: true,
            seed_demo: true,
            demo_requests: false,
            static_dir: None,
            public_url: "http://127.0.0.1".into(),
            municipality: "Gemeente Voorbeeldegem".into(),
            smtp_url: None,
            mail_from: "Gemeente Voorbeeldegem <loket@voorbeeldegem.be>".into(),
            job_interval_seconds: 0,
            police_advice_days: 7,
        }
    }
}
