//! Black-box API tests: one binary, every module a part of the product.
mod helpers;

mod accountability;
mod auth;
mod catalogue;
mod contract;
mod countries;
mod delivery;
mod email;
mod errors;
mod headers;
mod health;
mod lifecycle;
mod limits;
mod matrix;
mod openapi;
mod outages;
mod privacy;
mod production;
mod requests;
mod retention;
mod search;
mod staff;
mod time_zone;
mod vocabulary;
