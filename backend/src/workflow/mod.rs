//! What happens to a request: submission and the automatic decision, producing documents,
//! telling people (e-mail, My eBox), staff actions, task handling, and the durable jobs that
//! retry what failed. No HTTP here: functions take the application state and typed values and
//! return [`WorkflowError`]; the API maps that to problem+json in one place.
pub mod actions;
pub mod advice;
pub mod confirm;
pub mod emails;
mod error;
pub mod export;
pub mod jobs;
pub mod outside;
pub mod produce;
pub mod submit;
pub mod tasks;
pub mod webhooks;

pub use crate::domain::audit::Actor;
pub use error::{Result, WorkflowError};
