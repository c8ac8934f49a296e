//! Domain rules and typed values; no I/O.
pub mod national_number;
pub mod request;
pub mod role;
pub mod search;
