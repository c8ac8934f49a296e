//! Problem responses for what no handler sees: unknown paths, wrong methods, bodies and
//! query strings that do not parse.
use crate::error::ApiError;
use crate::startup::AppState;
use actix_web::error::PathError;
use actix_web::{http::Method, web, HttpRequest, HttpResponse, ResponseError};

/// The paths of the OpenAPI document with their methods, to tell 404 from 405.
#[derive(Debug, Default, Clone)]
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<Method>)>,
    /// Each operation: its path's segments, method, path template, and what an API client
    /// needs to call it.
    operations: Vec<(Vec<String>, Method, String, ClientAccess)>,
}

/// What an API client needs to call an operation, read from the operation's `security`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAccess {
    /// Open to anyone (no security, or an empty requirement).
    Open,
    /// Open to clients with every one of these scopes (requirement `client`).
    Scopes(Vec<crate::domain::scope::Scope>),
    /// For people only: signed in, but no `client` requirement.
    Closed,
}

impl ClientAccess {
    fn of(op: &utoipa::openapi::path::Operation) -> Self {
        let Some(requirements) = &op.security else {
            return Self::Open;
        };
        let values: Vec<serde_json::Value> = requirements
            .iter()
            .filter_map(|r| serde_json::to_value(r).ok())
            .collect();
        if let Some(scopes) = values.iter().find_map(|v| v.get("client")) {
            let scopes: Option<Vec<_>> = scopes
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| s.as_str().and_then(crate::domain::scope::Scope::parse))
                .collect();
            // A scope that is no scope (a typo) closes the operation rather than opening it.
            return scopes.map_or(Self::Closed, Self::Scopes);
        }
        match values
            .iter()
            .any(|v| v.as_object().is_some_and(|o| o.is_empty()))
        {
            true => Self::Open,
            false => Self::Closed,
        }
    }
}

fn segments(path: &str) -> Vec<String> {
    path.trim_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

fn matches(segments: &[String], parts: &[&str]) -> bool {
    segments.len() == parts.len()
        && segments
            .iter()
            .zip(parts)
            .all(|(s, p)| (s.starts_with('{') && !p.is_empty()) || s == p)
}

fn operations(api: &utoipa::openapi::OpenApi) -> Vec<(Vec<String>, Method, String, ClientAccess)> {
    let mut operations = Vec::new();
    for (path, item) in &api.paths.paths {
        for (method, op) in [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::PATCH, &item.patch),
            (Method::DELETE, &item.delete),
        ] {
            if let Some(op) = op {
                operations.push((segments(path), method, path.clone(), ClientAccess::of(op)));
            }
        }
    }
    operations
}

impl RouteTable {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let routes = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = segments(path);
                let mut methods: Vec<Method> = [
                    (item.get.is_some(), Method::GET),
                    (item.post.is_some(), Method::POST),
                    (item.put.is_some(), Method::PUT),
                    (item.patch.is_some(), Method::PATCH),
                    (item.delete.is_some(), Method::DELETE),
                ]
                .into_iter()
                .filter_map(|(has, m)| has.then_some(m))
                .collect();
                if methods.contains(&Method::GET) {
                    methods.push(Method::HEAD);
                }
                (segments, methods)
            })
            .collect();
        Self {
            routes,
            operations: operations(api),
        }
    }

    /// The operation a request is for (its path template) and what an API client needs to
    /// call it; a literal segment wins over a parameter (`/filters/shared` over `/filters/{id}`).
    pub fn client_access(&self, method: &Method, path: &str) -> Option<(&str, &ClientAccess)> {
        let method = if method == Method::HEAD {
            &Method::GET
        } else {
            method
        };
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.operations
            .iter()
            .filter(|(segments, m, _, _)| m == method && matches(segments, &parts))
            .max_by_key(|(segments, ..)| segments.iter().filter(|s| !s.starts_with('{')).count())
            .map(|(_, _, template, access)| (template.as_str(), access))
    }

    /// The methods a path allows, or `None` when no route has this path.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut found: Option<Vec<Method>> = None;
        for (segments, methods) in &self.routes {
            if matches(segments, &parts) {
                found
                    .get_or_insert_with(Vec::new)
                    .extend(methods.iter().cloned());
            }
        }
        found
    }
}

/// Everything no route took: API paths get a problem (404 or 405); other GETs get the SPA's
/// `index.html`, so client-side routes survive a reload.
pub async fn fallback(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let path = req.path();
    if path == "/api" || path.starts_with("/api/") || path.starts_with("/oauth/") {
        if let Some(allowed) = state.routes.allowed(path) {
            if !allowed.contains(req.method()) {
                return ApiError::MethodNotAllowed {
                    detail: format!(
                        "{} is not allowed on {path}; use {}.",
                        req.method(),
                        join(&allowed)
                    ),
                    allow: allowed.iter().map(|m| m.to_string()).collect(),
                }
                .error_response();
            }
        }
        return ApiError::NotFound(format!(
            "There is no API resource at {path}. See /api/docs for what exists."
        ))
        .error_response();
    }
    if let (Some(dir), true) = (
        &state.config.static_dir,
        matches!(*req.method(), Method::GET | Method::HEAD) && !never_spa(path),
    ) {
        if let Ok(file) = actix_files::NamedFile::open(dir.join("index.html")) {
            return file.use_etag(true).into_response(&req);
        }
    }
    ApiError::NotFound(format!("Nothing here at {path}.")).error_response()
}

/// Paths that are never the SPA: the mock providers exist in demo mode only, and elsewhere
/// must not look as if they answered.
fn never_spa(path: &str) -> bool {
    path == "/mock-oidc" || path.starts_with("/mock-oidc/")
}

fn join(methods: &[Method]) -> String {
    methods
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn path_error(err: PathError, _req: &HttpRequest) -> actix_web::Error {
    let api_error = ApiError::NotFound(format!("The path is not valid: {err}."));
    actix_web::error::InternalError::from_response(err, api_error.error_response()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_unknown_paths_from_wrong_methods() {
        let table = RouteTable {
            operations: Vec::new(),
            routes: vec![
                (
                    vec!["api".into(), "v1".into(), "me".into()],
                    vec![Method::GET, Method::HEAD],
                ),
                (
                    vec![
                        "api".into(),
                        "v1".into(),
                        "document-types".into(),
                        "{code}".into(),
                    ],
                    vec![Method::GET],
                ),
            ],
        };
        assert_eq!(
            table.allowed("/api/v1/me"),
            Some(vec![Method::GET, Method::HEAD])
        );
        assert_eq!(
            table.allowed("/api/v1/document-types/geboorteakte"),
            Some(vec![Method::GET])
        );
        assert_eq!(table.allowed("/api/v1/nothing"), None);
        assert_eq!(table.allowed("/api/v1/document-types/a/b"), None);
    }
}
