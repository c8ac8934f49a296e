//! The OpenAPI document, collected from the handlers' `#[utoipa::path]` as they are registered.
use crate::api;
use crate::error::{InvalidParam, Problem};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes,
    SecurityScheme,
};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Loket — Papieren en attesten",
        description = "The REST API of the municipal e-counter module where citizens request official \
papers and certificates and staff handle what cannot be handled automatically.\n\n\
Errors are `application/problem+json` (RFC 9457) with a stable `code` and, for field errors, \
`invalidParams`. Their `title`, `detail` and each field's `reason` are in the language the \
`Accept-Language` header prefers among `nl`, `fr`, `de` and `en` (English when it names none of \
them), as `Content-Language` says; the `code`s are the same in every language.\n\n\
People sign in through OpenID Connect: citizens at the federal login \
(`GET /api/v1/auth/citizen/login`), staff and police at the municipality's provider \
(`GET /api/v1/auth/staff/login`). The browser then holds an `HttpOnly` session cookie; every \
POST, PUT, PATCH and DELETE of a cookie session carries the `X-CSRF-Token` header from \
`GET /api/v1/auth/session`. Integrators' machines are API clients: an admin registers them \
with scopes; they get a 15-minute access token with OAuth 2.0 client credentials at \
`POST /oauth/token` and send `Authorization: Bearer <token>` (security scheme `client`: each \
operation names the scope it needs). In demo mode `POST /api/v1/dev/token` issues a bearer \
token for a seeded person.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    modifiers(&BearerAuth),
    components(schemas(Problem, InvalidParam)),
    tags(
        (name = "health", description = "Service status"),
        (name = "catalogue", description = "The papers that can be requested"),
        (name = "auth", description = "Sign-in through OpenID Connect for citizens (federal login), staff and police (the municipality's provider); sessions"),
        (name = "requests", description = "Requests (aanvragen): submit, follow up, documents"),
        (name = "documents", description = "E-mailed download links and public verification of documents"),
        (name = "tasks", description = "The staff task inbox"),
        (name = "police", description = "What the police are asked for advice"),
        (name = "audit", description = "The audit trail of changes and reads, for the auditor (admin role)"),
        (name = "search", description = "Search every request, saved and shared filters, Excel reports"),
        (name = "clients", description = "API clients of integrators (\"Koppelingen\", admin role) and their access tokens (OAuth 2.0 client credentials)"),
        (name = "jobs", description = "Deliveries the system gave up on (\"Mislukte leveringen\"), for staff to try again"),
        (name = "development", description = "Demo-mode helpers and the mock systems' pages; absent in production mode"),
    )
)]
pub struct ApiDoc;

impl ApiDoc {
    /// The document's own parts (info, tags, security); the paths are added as routes register.
    pub fn openapi_doc() -> utoipa::openapi::OpenApi {
        <Self as OpenApi>::openapi()
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        let scopes = crate::domain::scope::Scope::ALL
            .iter()
            .map(|s| (s.as_str(), s.description()));
        components.add_security_scheme(
            "client",
            SecurityScheme::OAuth2(OAuth2::with_description(
                [Flow::ClientCredentials(ClientCredentials::new(
                    "/oauth/token",
                    Scopes::from_iter(scopes),
                ))],
                "API clients (integrators): OAuth 2.0 client credentials. An admin registers the \
                 client and gives it scopes (page \"Koppelingen\"); the client trades its id and \
                 secret for a 15-minute access token at `POST /oauth/token` and sends it as \
                 `Authorization: Bearer <token>`. An operation open to clients names the scope it \
                 needs; any other answers 403 `insufficient_scope` or `not_for_api_clients`.",
            )),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "loket_session",
                "The browser's session cookie (`__Host-loket_session` over https), set by \
                 `/api/v1/auth/callback`; unsafe methods also need the `X-CSRF-Token` header.",
            ))),
        );
    }
}

/// The document for the routes registered with or without the development helpers.
pub fn document(dev: bool) -> utoipa::openapi::OpenApi {
    let (_, mut api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(|cfg| api::configure(cfg, dev))
        .split_for_parts();
    document_common_problems(&mut api);
    spell_out_formats(&mut api);
    describe_pdf_uploads(&mut api);
    api
}

/// A PDF sent as the body is its bytes (a string of them, starting with `%PDF-`), not the
/// array of numbers a `Vec<u8>` would be described as.
fn describe_pdf_uploads(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    for item in api.paths.paths.values_mut() {
        let bodies = [&mut item.post, &mut item.put]
            .into_iter()
            .flatten()
            .filter_map(|op| op.request_body.as_mut());
        for body in bodies {
            if let Some(pdf) = body.content.get_mut("application/pdf") {
                let schema = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .content_media_type("application/pdf")
                    .pattern(Some("^%PDF-"))
                    .build();
                pdf.schema = Some(schema.into());
            }
        }
    }
}

/// The shape of a `date` (`YYYY-MM-DD`) as a pattern.
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// The shape of a `date-time` (RFC 3339) as a pattern.
const DATE_TIME_PATTERN: &str =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

/// OpenAPI 3.1's JSON Schema only annotates with `format`: a client's validator need not hold
/// a value to it. Every `date` and `date-time` also gets its shape as a `pattern`, which every
/// validator asserts (the server reads exactly that shape).
fn spell_out_formats(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::Operation;
    if let Some(components) = api.components.as_mut() {
        components.schemas.values_mut().for_each(spell_out);
    }
    for item in api.paths.paths.values_mut() {
        let operations: [&mut Option<Operation>; 5] = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            for parameter in op.parameters.iter_mut().flatten() {
                parameter.schema.iter_mut().for_each(spell_out);
            }
            let body = op
                .request_body
                .iter_mut()
                .flat_map(|b| b.content.values_mut());
            let answers = op.responses.responses.values_mut().filter_map(|r| match r {
                utoipa::openapi::RefOr::T(r) => Some(r.content.values_mut()),
                utoipa::openapi::RefOr::Ref(_) => None,
            });
            for content in body.chain(answers.flatten()) {
                content.schema.iter_mut().for_each(spell_out);
            }
        }
    }
}

fn spell_out(schema: &mut utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::schema::{ArrayItems, KnownFormat, Schema, SchemaFormat};
    let utoipa::openapi::RefOr::T(schema) = schema else {
        return;
    };
    match schema {
        Schema::Object(o) => {
            if o.pattern.is_none() {
                o.pattern = match o.format {
                    Some(SchemaFormat::KnownFormat(KnownFormat::Date)) => Some(DATE_PATTERN),
                    Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)) => {
                        Some(DATE_TIME_PATTERN)
                    }
                    _ => None,
                }
                .map(str::to_owned);
            }
            o.properties.values_mut().for_each(spell_out);
        }
        Schema::Array(a) => {
            if let ArrayItems::RefOrSchema(items) = &mut a.items {
                spell_out(items);
            }
        }
        Schema::OneOf(x) => x.items.iter_mut().for_each(spell_out),
        Schema::AllOf(x) => x.items.iter_mut().for_each(spell_out),
        Schema::AnyOf(x) => x.items.iter_mut().for_each(spell_out),
        _ => {}
    }
}

/// The problems any operation of a kind can answer (a body that is not JSON, a missing token,
/// an unknown id …), added to every operation that does not describe them itself.
fn document_common_problems(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{path::Operation, Content, Ref, ResponseBuilder};
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                Content::new(Some(Ref::from_schema_name("Problem"))),
            )
            .build()
    };
    let add = |op: &mut Operation, status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem(description).into());
    };
    for (path, item) in api.paths.paths.iter_mut() {
        let has_path_params = path.contains('{');
        for op in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            if op.request_body.is_some() {
                add(op, "400", "The body is not valid JSON");
                add(op, "413", "The body is too large");
                add(op, "415", "The body is not sent as application/json");
                add(op, "422", "Some fields need fixing (see invalidParams)");
            }
            if op.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
                add(op, "422", "Some parameters need fixing (see invalidParams)");
            }
            if has_path_params {
                add(op, "404", "Not found");
            }
            let if_match = op.parameters.iter().flatten().any(|p| p.name == "If-Match");
            if if_match {
                add(
                    op,
                    "412",
                    "`If-Match` names another version than the current one: reload and check",
                );
            }
            let secured = op.security.as_ref().is_some_and(|reqs| {
                reqs.iter().any(|r| {
                    serde_json::to_value(r)
                        .is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty()))
                })
            });
            if secured {
                add(op, "401", "Missing, invalid or expired token");
                add(op, "403", "Signed in, but not allowed");
            }
            // Sign-in and sessions are for people: an API client's token is refused there.
            if path.starts_with("/api/v1/auth/") {
                add(
                    op,
                    "403",
                    "Sent with an API client's token: sign-in is for people",
                );
            }
            add(
                op,
                "503",
                "The database or an outside system is unavailable; try again shortly",
            );
        }
    }
}

/// The committed `openapi/openapi.json`: the development build's document, pretty-printed.
pub fn committed_json() -> String {
    let mut json = document(true).to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}
