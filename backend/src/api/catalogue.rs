//! The catalogue: which papers can be asked for, grouped in categories.
use super::query::Query;
use crate::db::{self, catalogue};
use crate::domain::eu_forms;
use crate::error::{ApiError, ApiResult, Problem};
use crate::startup::AppState;
use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_catalogue)
        .service(list_document_types)
        .service(get_document_type);
}

pub use crate::domain::document::DocumentKind;

/// A paper or certificate that can be asked for.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentType {
    /// Stable identifier, e.g. `bewijs-van-woonst`.
    code: String,
    name: String,
    summary: String,
    /// The category's code.
    category: String,
    kind: DocumentKind,
    /// Whether a request can be handled without staff when the other rules allow it.
    automatic_allowed: bool,
    /// The police give advice before it is delivered (model 596.2).
    police_advice_required: bool,
    /// Regulation (EU) 2016/1191 gives this type a multilingual standard form: a request for
    /// use in a member state can ask for it (`euStandardForm`).
    eu_standard_form: bool,
}

impl DocumentType {
    fn from_row(row: catalogue::DocumentTypeRow) -> ApiResult<Self> {
        Ok(Self {
            kind: row.kind,
            eu_standard_form: eu_forms::form_of(&row.code).is_some(),
            code: row.code,
            name: row.name,
            summary: row.summary,
            category: row.category_code,
            automatic_allowed: row.automatic_allowed,
            police_advice_required: row.police_advice_required,
        })
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    code: String,
    name: String,
    description: String,
    document_types: Vec<DocumentType>,
}

#[derive(Serialize, ToSchema)]
pub struct Module {
    code: String,
    name: String,
    description: String,
}

#[derive(Serialize, ToSchema)]
pub struct Catalogue {
    /// The module these papers belong to: "Papieren en attesten".
    module: Module,
    categories: Vec<Category>,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentTypeList {
    items: Vec<DocumentType>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentTypeQuery {
    /// Words to look for in the name and summary (case-insensitive, all must match).
    q: Option<String>,
    /// Only this category.
    category: Option<String>,
}

/// The whole catalogue of the module "Papieren en attesten", by category.
#[utoipa::path(tag = "catalogue", responses((status = 200, body = Catalogue)))]
#[get("/catalogue")]
async fn get_catalogue(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let (categories, types) = db::run(&state.pool, |conn| {
        Ok((
            catalogue::categories(conn)?,
            catalogue::document_types(conn, None)?,
        ))
    })
    .await?;
    let mut types: Vec<DocumentType> = types
        .into_iter()
        .map(DocumentType::from_row)
        .collect::<ApiResult<_>>()?;
    let categories = categories
        .into_iter()
        .map(|c| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut types)
                .into_iter()
                .partition(|t| t.category == c.code);
            types = rest;
            Category {
                code: c.code,
                name: c.name,
                description: c.description,
                document_types: mine,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(Catalogue {
        module: Module {
            code: "papieren-en-attesten".into(),
            name: "Papieren en attesten".into(),
            description:
                "Vraag officiële documenten en attesten aan. Wat automatisch kan, krijg je meteen."
                    .into(),
        },
        categories,
    }))
}

/// Folds case and the accents Dutch and French names carry, for matching.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Search the catalogue.
#[utoipa::path(tag = "catalogue", params(DocumentTypeQuery), responses((status = 200, body = DocumentTypeList)))]
#[get("/document-types")]
async fn list_document_types(
    state: web::Data<AppState>,
    query: Query<DocumentTypeQuery>,
) -> ApiResult<HttpResponse> {
    let DocumentTypeQuery { q, category } = query.into_inner();
    let rows = db::run(&state.pool, move |conn| {
        Ok(catalogue::document_types(conn, category.as_deref())?)
    })
    .await?;
    let words: Vec<String> = q
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let items = rows
        .into_iter()
        .filter(|row| {
            let text = fold(&format!("{} {} {}", row.name, row.summary, row.code));
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .map(DocumentType::from_row)
        .collect::<ApiResult<_>>()?;
    Ok(HttpResponse::Ok().json(DocumentTypeList { items }))
}

/// One document type.
#[utoipa::path(
    tag = "catalogue",
    params(("code" = String, Path, description = "The document type's code")),
    responses(
        (status = 200, body = DocumentType),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/document-types/{code}")]
async fn get_document_type(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let code = code.into_inner();
    let lookup = code.clone();
    let row = db::run(&state.pool, move |conn| {
        Ok(catalogue::document_type(conn, &lookup)?)
    })
    .await?;
    let row = row.ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no document type '{code}' in the catalogue."
        ))
    })?;
    Ok(HttpResponse::Ok().json(DocumentType::from_row(row)?))
}
