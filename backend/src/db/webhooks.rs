//! Webhook subscriptions of API clients and their deliveries (an outbox): every event is one
//! delivery row per matching subscription, written in the transaction of the change it tells
//! about, with the durable job that sends it.
use super::schema::{api_clients, webhook_deliveries, webhook_subscriptions};
use super::DbConnection;
use crate::domain::jobs::JobKind;
use crate::domain::request::Status;
use crate::domain::task::TaskType;
use crate::domain::webhooks::{self, WebhookDeliveryStatus, WebhookEvent};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_subscriptions)]
pub struct SubscriptionRow {
    pub id: i64,
    pub api_client_id: i64,
    pub url: String,
    /// Space-separated event types.
    pub events: String,
    pub secret: String,
    pub active: bool,
    pub paused_at: Option<NaiveDateTime>,
    pub paused_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl SubscriptionRow {
    /// Switched on and not paused: its deliveries are sent.
    pub fn sends(&self) -> bool {
        self.active && self.paused_at.is_none()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: String,
    pub subscription_id: i64,
    pub event_type: WebhookEvent,
    pub request_id: Option<i64>,
    /// The body as sent, but with the resource link relative (`/api/v1/…`): the sender puts
    /// the public address in front.
    pub payload: String,
    pub status: WebhookDeliveryStatus,
    pub attempts: i32,
    pub last_attempt_at: Option<NaiveDateTime>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub queued_at: NaiveDateTime,
    pub job_id: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = webhook_subscriptions)]
pub struct NewSubscription<'a> {
    pub api_client_id: i64,
    pub url: &'a str,
    pub events: &'a str,
    pub secret: &'a str,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert_subscription(conn: &mut DbConnection, new: &NewSubscription) -> QueryResult<i64> {
    diesel::insert_into(webhook_subscriptions::table)
        .values(new)
        .returning(webhook_subscriptions::id)
        .get_result(conn)
}

pub fn subscription(conn: &mut DbConnection, id: i64) -> QueryResult<Option<SubscriptionRow>> {
    webhook_subscriptions::table
        .find(id)
        .select(SubscriptionRow::as_select())
        .first(conn)
        .optional()
}

/// The subscriptions of one client, or of all clients; oldest first.
pub fn subscriptions(
    conn: &mut DbConnection,
    client: Option<i64>,
) -> QueryResult<Vec<SubscriptionRow>> {
    let mut query = webhook_subscriptions::table
        .order(webhook_subscriptions::id)
        .select(SubscriptionRow::as_select())
        .into_boxed();
    if let Some(client) = client {
        query = query.filter(webhook_subscriptions::api_client_id.eq(client));
    }
    query.load(conn)
}

/// What a change to a subscription sets (`None`: kept).
#[derive(Debug, Default, Clone)]
pub struct SubscriptionChange {
    pub url: Option<String>,
    pub events: Option<String>,
    pub active: Option<bool>,
    /// Takes a pause back.
    pub resume: bool,
}

pub fn update_subscription(
    conn: &mut DbConnection,
    id: i64,
    change: &SubscriptionChange,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let target = webhook_subscriptions::table.find(id);
    diesel::update(target)
        .set(webhook_subscriptions::updated_at.eq(now))
        .execute(conn)?;
    if let Some(url) = &change.url {
        diesel::update(target)
            .set(webhook_subscriptions::url.eq(url))
            .execute(conn)?;
    }
    if let Some(events) = &change.events {
        diesel::update(target)
            .set(webhook_subscriptions::events.eq(events))
            .execute(conn)?;
    }
    if let Some(active) = change.active {
        diesel::update(target)
            .set(webhook_subscriptions::active.eq(active))
            .execute(conn)?;
    }
    if change.resume {
        diesel::update(target)
            .set((
                webhook_subscriptions::paused_at.eq(None::<NaiveDateTime>),
                webhook_subscriptions::paused_reason.eq(None::<String>),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn set_secret(
    conn: &mut DbConnection,
    id: i64,
    secret: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(webhook_subscriptions::table.find(id))
        .set((
            webhook_subscriptions::secret.eq(secret),
            webhook_subscriptions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Removes a subscription and its deliveries (their jobs find nothing to send).
pub fn delete_subscription(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::subscription_id.eq(id)))
        .execute(conn)?;
    diesel::delete(webhook_subscriptions::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// Pauses a subscription; false when it was paused already.
pub fn pause(
    conn: &mut DbConnection,
    id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        webhook_subscriptions::table
            .find(id)
            .filter(webhook_subscriptions::paused_at.is_null()),
    )
    .set((
        webhook_subscriptions::paused_at.eq(now),
        webhook_subscriptions::paused_reason.eq(reason),
        webhook_subscriptions::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// The client a subscription belongs to: (name, contact e-mail address).
pub fn client_contact(
    conn: &mut DbConnection,
    api_client_id: i64,
) -> QueryResult<Option<(String, Option<String>)>> {
    api_clients::table
        .find(api_client_id)
        .select((api_clients::name, api_clients::contact_email))
        .first(conn)
        .optional()
}

/// What an event is about: a request, and for a task event the task.
#[derive(Debug, Clone, Copy)]
pub struct About<'a> {
    pub request_id: i64,
    pub reference: &'a str,
    pub status: Status,
    pub document_type: &'a str,
    /// A status change: where the request was before.
    pub previous: Option<Status>,
    /// A task event: the task's id and type.
    pub task: Option<(i64, TaskType)>,
}

/// The event's body (Standard Webhooks): no personal data, only the reference, the status,
/// the document type and a link to the request (relative here; see [`DeliveryRow::payload`]).
fn payload(event: WebhookEvent, about: &About, now: NaiveDateTime) -> String {
    let mut data = json!({
        "reference": about.reference,
        "status": about.status,
        "documentType": about.document_type,
        "href": format!("/api/v1/requests/{}", about.reference),
    });
    if let Some(previous) = about.previous {
        data["previousStatus"] = json!(previous);
    }
    if let Some((id, task_type)) = about.task {
        data["task"] = json!({"id": id, "type": task_type});
    }
    json!({
        "type": event,
        "timestamp": now.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string()
}

/// Whether a client restricted to `document_types` (comma-separated; `None`: all) may see
/// requests of `code`.
fn may_see(document_types: Option<&str>, code: &str) -> bool {
    document_types.is_none_or(|types| types.split(',').any(|t| t.trim() == code))
}

/// Whether a client hears of a request: it may read requests (`requests:read`) and see its
/// document type. An event is the news that a request changed: no more than the client could
/// read by itself.
pub fn may_read(scopes: &str, document_types: Option<&str>, code: &str) -> bool {
    let reads = crate::domain::scope::Scope::split(scopes)
        .unwrap_or_default()
        .contains(&crate::domain::scope::Scope::RequestsRead);
    reads && may_see(document_types, code)
}

/// Writes one delivery (and, unless its subscription is paused, the job that sends it) for
/// every switched-on subscription of an active client that listens to `event` and may see the
/// request's document type. Call it inside the change's transaction.
pub fn emit(
    conn: &mut DbConnection,
    event: WebhookEvent,
    about: &About,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let listening: Vec<(SubscriptionRow, Option<String>, String)> = webhook_subscriptions::table
        .inner_join(api_clients::table)
        .filter(webhook_subscriptions::active.eq(true))
        .filter(api_clients::active.eq(true))
        .filter(webhook_subscriptions::events.like(format!("%{}%", event.as_str())))
        .select((
            SubscriptionRow::as_select(),
            api_clients::document_types,
            api_clients::scopes,
        ))
        .load(conn)?;
    for (subscription, types, scopes) in listening {
        let wanted = webhooks::parse_events(&subscription.events).contains(&event);
        if !wanted || !may_read(&scopes, types.as_deref(), about.document_type) {
            continue;
        }
        let id = diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::webhook_id.eq(webhooks::new_webhook_id()),
                webhook_deliveries::subscription_id.eq(subscription.id),
                webhook_deliveries::event_type.eq(event),
                webhook_deliveries::request_id.eq(about.request_id),
                webhook_deliveries::payload.eq(payload(event, about, now)),
                webhook_deliveries::status.eq(WebhookDeliveryStatus::Pending),
                webhook_deliveries::created_at.eq(now),
                webhook_deliveries::queued_at.eq(now),
            ))
            .returning(webhook_deliveries::id)
            .get_result::<i64>(conn)?;
        if subscription.paused_at.is_none() {
            queue_job(conn, id, now)?;
        }
    }
    Ok(())
}

/// Queues the job that sends a delivery now and makes it the delivery's one job.
fn queue_job(conn: &mut DbConnection, delivery: i64, now: NaiveDateTime) -> QueryResult<i64> {
    let job = super::jobs::enqueue(
        conn,
        JobKind::DeliverWebhook,
        &delivery.to_string(),
        now,
        now,
    )?;
    diesel::update(webhook_deliveries::table.find(delivery))
        .set(webhook_deliveries::job_id.eq(job))
        .execute(conn)?;
    Ok(job)
}

/// Queues a delivery again, as it is (same `webhook-id`, same body), with three more days of
/// attempts; returns its new job (none while its subscription is paused or switched off:
/// resuming queues it).
pub fn requeue(
    conn: &mut DbConnection,
    delivery: &DeliveryRow,
    sends: bool,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    diesel::update(webhook_deliveries::table.find(delivery.id))
        .set((
            webhook_deliveries::status.eq(WebhookDeliveryStatus::Pending),
            webhook_deliveries::queued_at.eq(now),
            webhook_deliveries::job_id.eq(None::<i64>),
        ))
        .execute(conn)?;
    match sends {
        true => queue_job(conn, delivery.id, now).map(Some),
        false => Ok(None),
    }
}

/// The deliveries of a subscription still waiting to be sent.
pub fn pending_of(conn: &mut DbConnection, subscription: i64) -> QueryResult<Vec<DeliveryRow>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::subscription_id.eq(subscription))
        .filter(webhook_deliveries::status.eq(WebhookDeliveryStatus::Pending))
        .order(webhook_deliveries::id)
        .select(DeliveryRow::as_select())
        .load(conn)
}

pub fn delivery(conn: &mut DbConnection, id: i64) -> QueryResult<Option<DeliveryRow>> {
    webhook_deliveries::table
        .find(id)
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()
}

/// A subscription's deliveries, newest first; `before` continues after a page's last id.
pub fn deliveries(
    conn: &mut DbConnection,
    subscription: i64,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<DeliveryRow>> {
    let mut query = webhook_deliveries::table
        .filter(webhook_deliveries::subscription_id.eq(subscription))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .select(DeliveryRow::as_select())
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(webhook_deliveries::id.lt(before));
    }
    query.load(conn)
}

/// What one attempt to send a delivery came to.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why it did not count as delivered (none when it did).
    pub error: Option<String>,
}

/// Records an attempt; a 2xx answer marks the delivery delivered.
pub fn record_attempt(
    conn: &mut DbConnection,
    id: i64,
    attempt: &Attempt,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let delivered = attempt.error.is_none();
    let target = webhook_deliveries::table.find(id);
    diesel::update(target)
        .set((
            webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
            webhook_deliveries::last_attempt_at.eq(now),
            webhook_deliveries::last_status.eq(attempt.status.map(i32::from)),
            webhook_deliveries::last_error.eq(attempt.error.as_deref()),
        ))
        .execute(conn)?;
    if delivered {
        diesel::update(target)
            .set((
                webhook_deliveries::status.eq(WebhookDeliveryStatus::Delivered),
                webhook_deliveries::delivered_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Gives a delivery up (its three days of attempts are over).
pub fn mark_failed(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(
        webhook_deliveries::table
            .find(id)
            .filter(webhook_deliveries::status.eq(WebhookDeliveryStatus::Pending)),
    )
    .set(webhook_deliveries::status.eq(WebhookDeliveryStatus::Failed))
    .execute(conn)
    .map(|_| ())
}

/// The hook of `requests::insert`: a request was submitted.
pub fn submitted(
    conn: &mut DbConnection,
    row: &super::requests::RequestRow,
    now: NaiveDateTime,
) -> QueryResult<()> {
    emit(
        conn,
        WebhookEvent::RequestSubmitted,
        &about(row, row.status),
        now,
    )
}

fn about(row: &super::requests::RequestRow, status: Status) -> About<'_> {
    About {
        request_id: row.id,
        reference: &row.reference,
        status,
        document_type: &row.document_type_code,
        previous: None,
        task: None,
    }
}

/// The hook of every status change: `request.status_changed`, and for a delivered, refused
/// or cancelled request the event that says so.
pub fn status_changed(
    conn: &mut DbConnection,
    row: &super::requests::RequestRow,
    status: Status,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if status == row.status {
        return Ok(());
    }
    let about = About {
        previous: Some(row.status),
        ..about(row, status)
    };
    emit(conn, WebhookEvent::RequestStatusChanged, &about, now)?;
    let specific = match status {
        Status::Delivered => Some(WebhookEvent::RequestDelivered),
        Status::Refused => Some(WebhookEvent::RequestRefused),
        Status::Cancelled => Some(WebhookEvent::RequestCancelled),
        _ => None,
    };
    match specific {
        Some(event) => emit(conn, event, &about, now),
        None => Ok(()),
    }
}

/// The hook of a task opened (`task.created`) or done (`task.completed`) on a request.
pub fn task_event(
    conn: &mut DbConnection,
    event: WebhookEvent,
    request_id: i64,
    task: (i64, TaskType),
    now: NaiveDateTime,
) -> QueryResult<()> {
    if !anyone_listens(conn, event)? {
        return Ok(());
    }
    let row = super::requests::by_id(conn, request_id)?;
    let about = About {
        task: Some(task),
        ..about(&row, row.status)
    };
    emit(conn, event, &about, now)
}

/// Whether any switched-on subscription may listen to `event` (a cheap check first).
pub fn anyone_listens(conn: &mut DbConnection, event: WebhookEvent) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        webhook_subscriptions::table
            .filter(webhook_subscriptions::active.eq(true))
            .filter(webhook_subscriptions::events.like(format!("%{}%", event.as_str()))),
    ))
    .get_result(conn)
}
