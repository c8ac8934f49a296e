//! Webhook subscriptions: an API client (scope `webhooks:manage`) manages its own, an admin
//! any client's. Deliveries are signed per Standard Webhooks; the delivery log shows each one
//! with its attempts and can replay it under the same `webhook-id`.
use super::json::Json;
use super::query::Query;
use super::requests::view::utc;
use crate::auth::AuthUser;
use crate::db::webhooks::{self as store, DeliveryRow, SubscriptionChange, SubscriptionRow};
use crate::db::{self, audit, clients, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEntity, AuditEvent};
use crate::domain::role::Role;
use crate::domain::webhooks::{self, WebhookDeliveryStatus, WebhookEvent};
use crate::error::{ApiError, ApiResult, ErrorCode, InvalidParam, Problem};
use crate::startup::AppState;
use actix_web::http::header;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(show)
        .service(update)
        .service(remove)
        .service(rotate_secret)
        .service(deliveries)
        .service(replay);
}

/// The longest webhook URL accepted.
const URL_MAX: usize = 2000;

/// A webhook subscription (never its secret: that is shown once, when made or rotated).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    id: i64,
    /// The API client it belongs to (its public client id).
    client_id: String,
    /// Where deliveries are POSTed (https; http only to this machine or in demo mode).
    url: String,
    events: Vec<WebhookEvent>,
    /// Switched on; a switched-off subscription gets no new deliveries.
    active: bool,
    /// Paused: new deliveries wait and are sent when it is resumed.
    paused: bool,
    /// When Loket (or someone) paused it.
    paused_at: Option<DateTime<Utc>>,
    /// Why: e.g. which delivery failed for three days and its last error.
    paused_reason: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    /// Oldest first.
    items: Vec<Webhook>,
}

/// A new subscription with its signing secret — shown this once.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedWebhook {
    webhook: Webhook,
    /// `whsec_` and the base64 of 32 random bytes: the HMAC-SHA256 key is the decoded bytes.
    secret: String,
}

/// A new signing secret — shown this once; the old one stops at once.
#[derive(Serialize, ToSchema)]
pub struct WebhookSecret {
    secret: String,
}

/// What a subscription listens to and where it delivers.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewWebhook {
    /// The API client's public id (`lk_…`): required from an admin; an API client may leave
    /// it out (its own).
    #[serde(default)]
    client_id: Option<String>,
    /// Where deliveries go: https (http too in demo mode); outside demo mode not this machine
    /// nor an internal address, also not after the name is resolved.
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = "^https?://((([A-Za-z0-9]+(-[A-Za-z0-9]+)*[.])*[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*)|((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}))(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?#][!-~]*)?$"
    )]
    url: String,
    #[schema(min_items = 1)]
    events: Vec<WebhookEvent>,
    /// Absent: on.
    #[serde(default = "on")]
    active: bool,
}

fn on() -> bool {
    true
}

/// A change to a subscription; what is absent stays as it is.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WebhookChange {
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = "^https?://((([A-Za-z0-9]+(-[A-Za-z0-9]+)*[.])*[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*)|((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}))(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?#][!-~]*)?$"
    )]
    url: Option<String>,
    #[serde(default)]
    #[schema(min_items = 1)]
    events: Option<Vec<WebhookEvent>>,
    #[serde(default)]
    active: Option<bool>,
    /// `false` resumes a paused subscription (what waited is sent); `true` pauses it.
    #[serde(default)]
    paused: Option<bool>,
}

/// One delivery of an event to a subscription.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDelivery {
    id: i64,
    /// The `webhook-id` header: the same on every retry and replay (receivers deduplicate by it).
    webhook_id: String,
    event: WebhookEvent,
    status: WebhookDeliveryStatus,
    /// Attempts so far, replays included.
    attempts: i32,
    last_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt (none when it did not answer).
    last_status: Option<i32>,
    /// Why the last attempt did not count (none when it was delivered).
    last_error: Option<String>,
    delivered_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    /// The body as it is sent (no personal data: reference, status, document type, link).
    #[schema(value_type = Object)]
    payload: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDeliveryList {
    /// Newest first.
    items: Vec<WebhookDelivery>,
    /// Pass as `cursor` for the next (older) page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_cursor: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// The `nextCursor` of the previous page.
    cursor: Option<i64>,
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// Whose subscriptions the caller manages: an admin everyone's, an API client its own.
#[derive(Debug, Clone, Copy)]
enum Manager {
    Admin,
    Client(i64),
}

fn manager(user: &AuthUser) -> ApiResult<Manager> {
    if let Some(client) = &user.client {
        // The gate checked the scope already (`webhooks:manage`, from the operation's security).
        return Ok(Manager::Client(client.id));
    }
    user.require(&[Role::Admin])?;
    Ok(Manager::Admin)
}

fn not_found(id: i64) -> ApiError {
    ApiError::NotFound(format!("There is no webhook subscription {id}."))
}

/// The subscription, if the manager may see it (another client's is not found).
fn owned(conn: &mut DbConnection, who: Manager, id: i64) -> ApiResult<SubscriptionRow> {
    let row = store::subscription(conn, id)?.ok_or_else(|| not_found(id))?;
    match who {
        Manager::Client(client) if client != row.api_client_id => Err(not_found(id)),
        _ => Ok(row),
    }
}

fn view(conn: &mut DbConnection, row: SubscriptionRow) -> ApiResult<Webhook> {
    let client = clients::by_id(conn, row.api_client_id)?
        .ok_or_else(|| ApiError::internal("a subscription without its client"))?;
    Ok(Webhook {
        id: row.id,
        client_id: client.client_id,
        events: webhooks::parse_events(&row.events),
        url: row.url,
        active: row.active,
        paused: row.paused_at.is_some(),
        paused_at: row.paused_at.map(utc),
        paused_reason: row.paused_reason,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    })
}

fn delivery_view(state: &AppState, row: DeliveryRow) -> WebhookDelivery {
    let body = crate::workflow::webhooks::body(state, &row.payload);
    WebhookDelivery {
        id: row.id,
        webhook_id: row.webhook_id,
        event: row.event_type,
        status: row.status,
        attempts: row.attempts,
        last_attempt_at: row.last_attempt_at.map(utc),
        last_status: row.last_status,
        last_error: row.last_error,
        delivered_at: row.delivered_at.map(utc),
        created_at: utc(row.created_at),
        payload: serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body)),
    }
}

fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    action: AuditAction,
    id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let id = id.to_string();
    let event = AuditEvent::new(actor, action, AuditEntity::Webhook, &id).reason(Some(reason));
    audit::record(conn, now, &event)?;
    Ok(())
}

/// Field errors of a URL and an event list.
fn check_target(
    state: &AppState,
    url: Option<&str>,
    events: Option<&[WebhookEvent]>,
) -> Vec<InvalidParam> {
    let mut errors = Vec::new();
    if let Some(url) = url {
        if url.len() > URL_MAX {
            errors.push(InvalidParam::coded(
                "url",
                ErrorCode::TooLong,
                format!("At most {URL_MAX} characters."),
            ));
        } else if let Err(why) = webhooks::check_url(url, state.config.demo) {
            errors.push(InvalidParam::new(
                "url",
                format!("This URL cannot receive webhooks: {why}."),
            ));
        }
    }
    if events.is_some_and(|e| e.is_empty()) {
        errors.push(InvalidParam::required("events", "Name at least one event."));
    }
    errors
}

/// The client a new subscription is for: an admin names it, an API client is it.
fn client_for(conn: &mut DbConnection, who: Manager, named: Option<&str>) -> ApiResult<i64> {
    match (who, named) {
        (Manager::Client(own), None) => Ok(own),
        (Manager::Client(own), Some(named)) => match clients::by_id(conn, own)? {
            Some(row) if row.client_id == named => Ok(own),
            _ => Err(ApiError::coded_field(
                "clientId",
                ErrorCode::NotAllowed,
                "An API client subscribes only itself: leave clientId out.",
            )),
        },
        (Manager::Admin, None) => Err(ApiError::Validation(vec![InvalidParam::required(
            "clientId",
            "Name the API client (its public client id) the subscription is for.",
        )])),
        (Manager::Admin, Some(named)) => clients::by_client_id(conn, named)?
            .map(|row| row.id)
            .ok_or_else(|| ApiError::field("clientId", format!("There is no API client {named}."))),
    }
}

/// The subscriptions the caller manages: an admin sees every client's, an API client its own.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    responses(
        (status = 200, body = WebhookList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks")]
async fn list(state: web::Data<AppState>, user: AuthUser) -> ApiResult<HttpResponse> {
    let who = manager(&user)?;
    let items = db::run(&state.pool, move |conn| {
        let client = match who {
            Manager::Client(client) => Some(client),
            Manager::Admin => None,
        };
        store::subscriptions(conn, client)?
            .into_iter()
            .map(|row| view(conn, row))
            .collect::<ApiResult<Vec<_>>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(WebhookList { items }))
}

/// Subscribe a URL to events; the answer holds the signing secret, shown this once.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    request_body = NewWebhook,
    responses(
        (status = 201, body = CreatedWebhook, headers(("Location" = String, description = "The subscription's URL"))),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks")]
async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<NewWebhook>,
) -> ApiResult<HttpResponse> {
    let who = manager(&user)?;
    let new = body.into_inner();
    let errors = check_target(&state, Some(&new.url), Some(&new.events));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let secret = webhooks::new_secret();
    let (actor, now, shown) = (Actor::from(&user), state.clock.now_naive(), secret.clone());
    let webhook = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let client = client_for(conn, who, new.client_id.as_deref())?;
            let events = webhooks::events_text(&new.events);
            let id = store::insert_subscription(
                conn,
                &store::NewSubscription {
                    api_client_id: client,
                    url: &new.url,
                    events: &events,
                    secret: &secret,
                    active: new.active,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let reason = format!(
                "{} ({events})",
                crate::domain::webhooks::shown_url(&new.url)
            );
            record(
                conn,
                &actor,
                AuditAction::WebhookSubscribed,
                id,
                &reason,
                now,
            )?;
            let row = owned(conn, who, id)?;
            view(conn, row)
        })
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/webhooks/{}", webhook.id)))
        .json(CreatedWebhook {
            webhook,
            secret: shown,
        }))
}

/// One subscription (paused or not, and why).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = Webhook),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}")]
async fn show(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (who, id) = (manager(&user)?, id.into_inner());
    let webhook = db::run(&state.pool, move |conn| {
        let row = owned(conn, who, id)?;
        view(conn, row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(webhook))
}

/// Applies a change; a subscription that sends again (resumed, switched on) queues what waited.
fn apply(
    conn: &mut DbConnection,
    row: &SubscriptionRow,
    change: &WebhookChange,
    actor: &Actor,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let stored = SubscriptionChange {
        url: change.url.clone(),
        events: change.events.as_deref().map(webhooks::events_text),
        active: change.active,
        resume: change.paused == Some(false) && row.paused_at.is_some(),
    };
    store::update_subscription(conn, row.id, &stored, now)?;
    if change.paused == Some(true) {
        store::pause(conn, row.id, &format!("Paused by {}.", actor.name), now)?;
    }
    let after = store::subscription(conn, row.id)?.ok_or_else(|| not_found(row.id))?;
    if after.sends() && !row.sends() {
        crate::workflow::webhooks::resume(conn, row.id, now)?;
    }
    let reason = [
        stored
            .url
            .as_ref()
            .map(|u| format!("url {}", crate::domain::webhooks::shown_url(u))),
        stored.events.as_ref().map(|e| format!("events {e}")),
        change.active.map(|a| format!("active {a}")),
        change.paused.map(|p| format!("paused {p}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    record(
        conn,
        actor,
        AuditAction::WebhookChanged,
        row.id,
        &reason,
        now,
    )
}

/// Change a subscription: its URL, events, switched on or off; `"paused": false` resumes a
/// paused one and sends what waited.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    params(("id" = i64, Path)),
    request_body = WebhookChange,
    responses(
        (status = 200, body = Webhook),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/webhooks/{id}")]
async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: Json<WebhookChange>,
) -> ApiResult<HttpResponse> {
    let (who, id, change) = (manager(&user)?, id.into_inner(), body.into_inner());
    let errors = check_target(&state, change.url.as_deref(), change.events.as_deref());
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (actor, now) = (Actor::from(&user), state.clock.now_naive());
    let webhook = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = owned(conn, who, id)?;
            apply(conn, &row, &change, &actor, now)?;
            let row = owned(conn, who, id)?;
            view(conn, row)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(webhook))
}

/// Remove a subscription and its delivery log; nothing more is sent to it.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    params(("id" = i64, Path)),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/webhooks/{id}")]
async fn remove(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (who, id) = (manager(&user)?, id.into_inner());
    let (actor, now) = (Actor::from(&user), state.clock.now_naive());
    db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = owned(conn, who, id)?;
            store::delete_subscription(conn, id)?;
            record(conn, &actor, AuditAction::WebhookRemoved, id, &row.url, now)
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Replace the signing secret; the answer holds the new one, shown this once. Deliveries
/// from now on (retries included) are signed with it.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = WebhookSecret),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/secret")]
async fn rotate_secret(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (who, id) = (manager(&user)?, id.into_inner());
    let (actor, now) = (Actor::from(&user), state.clock.now_naive());
    let secret = webhooks::new_secret();
    let stored = secret.clone();
    db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            owned(conn, who, id)?;
            store::set_secret(conn, id, &stored, now)?;
            let reason = "a new signing secret";
            record(
                conn,
                &actor,
                AuditAction::WebhookSecretRotated,
                id,
                reason,
                now,
            )
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(WebhookSecret { secret }))
}

/// The delivery log of a subscription, newest first: each delivery with its status,
/// attempts, the receiver's last answer and the body sent.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    params(("id" = i64, Path), DeliveryQuery),
    responses(
        (status = 200, body = WebhookDeliveryList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
async fn deliveries(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    query: Query<DeliveryQuery>,
) -> ApiResult<HttpResponse> {
    let (who, id, query) = (manager(&user)?, id.into_inner(), query.into_inner());
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::field("limit", "From 1 to 200."));
    }
    let rows = db::run(&state.pool, move |conn| {
        owned(conn, who, id)?;
        Ok(store::deliveries(conn, id, query.cursor, limit + 1)?)
    })
    .await?;
    let more = rows.len() as i64 > limit;
    let items: Vec<_> = rows
        .into_iter()
        .take(limit as usize)
        .map(|row| delivery_view(&state, row))
        .collect();
    let next_cursor = more.then(|| items.last().map(|d| d.id)).flatten();
    Ok(HttpResponse::Ok().json(WebhookDeliveryList { items, next_cursor }))
}

/// Send a delivery again, as it was (same `webhook-id` and body, signed anew), with three
/// more days of attempts; while the subscription is paused it waits for the resume.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = []), ("session" = []), ("client" = ["webhooks:manage"])),
    params(("id" = i64, Path), ("deliveryId" = i64, Path)),
    responses(
        (status = 202, body = WebhookDelivery),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/deliveries/{deliveryId}/replay")]
async fn replay(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let (who, (id, delivery_id)) = (manager(&user)?, path.into_inner());
    let (actor, now) = (Actor::from(&user), state.clock.now_naive());
    let row = db::run(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let subscription = owned(conn, who, id)?;
            let delivery = store::delivery(conn, delivery_id)?
                .filter(|d| d.subscription_id == id)
                .ok_or_else(|| {
                    ApiError::NotFound(format!("Subscription {id} has no delivery {delivery_id}."))
                })?;
            store::requeue(conn, &delivery, subscription.sends(), now)?;
            let reason = format!("{} ({})", delivery.webhook_id, delivery.event_type);
            record(conn, &actor, AuditAction::WebhookReplayed, id, &reason, now)?;
            store::delivery(conn, delivery_id)?.ok_or_else(|| ApiError::internal("vanished"))
        })
    })
    .await?;
    Ok(HttpResponse::Accepted().json(delivery_view(&state, row)))
}
