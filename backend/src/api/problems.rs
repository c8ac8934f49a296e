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
}

impl RouteTable {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let routes = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path
                    .trim_matches('/')
                    .split('/')
                    .map(str::to_owned)
                    .collect();
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
        Self { routes }
    }

    /// The methods a path allows, or `None` when no route has this path.
    pub fn allowed(&self, path: &str) -> Option<Vec<Method>> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let mut found: Option<Vec<Method>> = None;
        for (segments, methods) in &self.routes {
            let matches = segments.len() == parts.len()
                && segments
                    .iter()
                    .zip(&parts)
                    .all(|(s, p)| (s.starts_with('{') && !p.is_empty()) || s == p);
            if matches {
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
    if path == "/api" || path.starts_with("/api/") {
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
