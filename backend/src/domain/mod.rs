//! Domain rules and typed values; no I/O.
pub mod audit;
pub mod civil;
pub mod countries;
pub mod document;
pub mod eu_forms;
pub mod history;
pub mod ids;
pub mod jobs;
pub mod labels;
pub mod national_number;
pub mod request;
pub mod role;
pub mod scope;
pub mod search;
pub mod task;
pub mod vocabulary;
pub mod webhooks;
