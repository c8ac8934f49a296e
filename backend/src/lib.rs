//! Loket — "Papieren en attesten": citizens request official papers; what the rules allow is
//! produced at once, staff handle the rest.
// A panic in a request handler is a 500 without a cause; outside tests, errors are returned.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
pub mod adapters;
pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod documents;
pub mod domain;
pub mod error;
pub mod mock_oidc;
pub mod mock_systems;
pub mod openapi;
pub mod rate_limit;
pub mod redact;
pub mod seed;
pub mod startup;
pub mod workflow;
