//! The countries a request for use abroad can name (`destinationCountry`), in the reader's
//! language.
use super::query::Query;
use crate::domain::countries;
use crate::domain::eu_forms;
use crate::domain::request::Language;
use crate::error::ApiResult;
use actix_web::{get, http::header, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_countries);
}

/// The list is the same for everyone and changes only with a new release.
const CACHE_CONTROL: &str = "public, max-age=86400";

/// A country, by its ISO 3166-1 alpha-2 code.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    /// Two capitals, e.g. `NL`: what `destinationCountry` of a new request takes.
    #[schema(pattern = "^[A-Z]{2}$", example = "NL")]
    code: String,
    /// The country's name in the language asked for, e.g. `Nederland`.
    name: String,
    /// The language of the EU multilingual standard form (Regulation (EU) 2016/1191) for a
    /// document used in this country: set for the member states whose language Loket writes
    /// (`AT`, `DE`, `FR`, `IE`, `LU`, `MT`, `NL`), null elsewhere.
    eu_standard_form_language: Option<Language>,
}

#[derive(Serialize, ToSchema)]
pub struct CountryList {
    /// Every officially assigned ISO 3166-1 alpha-2 code (249), Belgium (`BE`) included,
    /// sorted by name.
    items: Vec<Country>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountryQuery {
    /// The language of the names: `nl` (the default), `fr`, `de` or `en`.
    lang: Option<Language>,
}

/// The countries, by name in one language.
///
/// Every officially assigned ISO 3166-1 alpha-2 code with its name in Dutch, French, German or
/// English (CLDR's names), sorted by that name: the values `destinationCountry` of a new
/// request takes (Belgium aside). Public, and cacheable for a day.
#[utoipa::path(
    tag = "catalogue",
    params(CountryQuery),
    responses((
        status = 200,
        body = CountryList,
        headers(("Cache-Control" = String, description = "`public, max-age=86400`")),
    ))
)]
#[get("/countries")]
async fn list_countries(query: Query<CountryQuery>) -> ApiResult<HttpResponse> {
    let lang = query.into_inner().lang.unwrap_or(Language::Nl);
    let items = countries::by_name(lang)
        .iter()
        .map(|c| Country {
            code: c.code.to_owned(),
            name: c.name(lang).to_owned(),
            eu_standard_form_language: eu_forms::language_for(c.code),
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .json(CountryList { items }))
}
