//! The HTTP API: `/api/health` and the versioned resources under `/api/v1`.
mod audit;
mod auth;
pub use auth::sync_staff_account;
mod catalogue;
mod clients;
mod countries;
mod dev;
mod downloads;
mod health;
mod jobs;
pub mod json;
mod me;
mod police;
pub mod problem_language;
pub mod problems;
pub mod query;
pub mod requests;
mod search;
pub mod tasks;
mod webhooks;

use utoipa_actix_web::{scope, service_config::ServiceConfig};

/// Registers every route; `dev` adds the development-only helpers (mocks on).
pub fn configure(cfg: &mut ServiceConfig, dev: bool) {
    cfg.service(health::health);
    cfg.configure(clients::configure_token);
    cfg.service(
        scope::scope("/api/v1")
            .configure(catalogue::configure)
            .configure(countries::configure)
            .configure(auth::configure)
            .configure(me::configure)
            .configure(requests::configure)
            .configure(downloads::configure)
            .configure(tasks::configure)
            .configure(police::configure)
            .configure(search::configure)
            .configure(audit::configure)
            .configure(jobs::configure)
            .configure(clients::configure)
            .configure(webhooks::configure)
            .configure(|cfg| {
                if dev {
                    dev::configure(cfg);
                }
            }),
    );
}
