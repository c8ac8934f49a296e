//! Sending webhook deliveries (Standard Webhooks): a `deliver_webhook` job reads its delivery
//! on one pooled connection, POSTs it holding none (10-second timeout, no redirects followed,
//! 2xx counts as delivered), and records the outcome on another. A delivery is tried with
//! growing, jittered delays for three days from when it was queued; one that is given up on
//! pauses its subscription and tells the admin (audit trail, and an e-mail to the client's
//! contact address). A paused subscription's deliveries wait; resuming sends them.
use super::emails::{self, Email};
use super::{Actor, WorkflowError};
use crate::db::jobs::JobRow;
use crate::db::webhooks::{self as store, Attempt, DeliveryRow};
use crate::db::{self, audit, DbConnection};
use crate::domain::audit::{AuditAction, AuditEntity, AuditEvent};
use crate::domain::webhooks::{self, WebhookDeliveryStatus};
use crate::startup::AppState;
use chrono::NaiveDateTime;
use std::sync::Arc;

/// How long a receiver has to answer.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// How long a receiver has to take the connection (one that is down holds the worker briefly).
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// A delivery about to be sent: what, where, signed with which secret.
#[derive(Debug, Clone)]
struct Outgoing {
    delivery: DeliveryRow,
    url: String,
    secret: String,
}

/// Reads what a job is to send; `None` when there is nothing to send: the delivery is gone
/// (its subscription removed), delivered already, queued again under another job (a replay
/// or a resume), or its subscription is paused or switched off (it waits, still pending).
fn prepare(conn: &mut DbConnection, demo: bool, job: &JobRow) -> Result<Option<Outgoing>, String> {
    let id: i64 = job
        .payload
        .parse()
        .map_err(|e| format!("bad payload {}: {e}", job.payload))?;
    let Some(delivery) = store::delivery(conn, id).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    if delivery.job_id != Some(job.id) || delivery.status == WebhookDeliveryStatus::Delivered {
        return Ok(None);
    }
    let subscription = store::subscription(conn, delivery.subscription_id)
        .map_err(|e| e.to_string())?
        .filter(|s| s.sends());
    let Some(s) = subscription else {
        return Ok(None);
    };
    // What let the event through must still hold when it is sent (a retry, a replay, a
    // resume): the client on, allowed to read the request, still listening to the event.
    if !still_wanted(conn, &s, &delivery).map_err(|e| e.to_string())? {
        return Ok(None);
    }
    webhooks::check_url(&s.url, demo)
        .map_err(|why| format!("the receiver's URL is refused: {why}"))?;
    Ok(Some(Outgoing {
        delivery,
        url: s.url,
        secret: s.secret,
    }))
}

/// Whether the subscription's client may still hear of this delivery's request.
fn still_wanted(
    conn: &mut DbConnection,
    subscription: &store::SubscriptionRow,
    delivery: &DeliveryRow,
) -> diesel::QueryResult<bool> {
    let Some(client) = crate::db::clients::by_id(conn, subscription.api_client_id)? else {
        return Ok(false);
    };
    let listening = webhooks::parse_events(&subscription.events).contains(&delivery.event_type);
    let document_type = match delivery.request_id {
        Some(id) => crate::db::requests::by_id(conn, id)?.document_type_code,
        None => String::new(),
    };
    let reads = store::may_read(
        &client.scopes,
        client.document_types.as_deref(),
        &document_type,
    );
    Ok(client.active && listening && (reads || delivery.request_id.is_none()))
}

/// The body as sent: the stored payload with the resource link made absolute
/// (`PUBLIC_URL` in front); the same bytes on every attempt.
pub fn body(state: &AppState, payload: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(payload) else {
        return payload.to_owned();
    };
    if let Some(href) = value["data"]["href"]
        .as_str()
        .filter(|h| h.starts_with('/'))
    {
        let absolute = format!("{}{href}", state.public_url().trim_end_matches('/'));
        value["data"]["href"] = serde_json::Value::String(absolute);
    }
    value.to_string()
}

/// One POST to the receiver, holding no database connection.
async fn send(state: &AppState, out: &Outgoing) -> Attempt {
    let body = body(state, &out.delivery.payload);
    let timestamp = state.clock.now().timestamp();
    let id = &out.delivery.webhook_id;
    let signature = webhooks::sign(&out.secret, id, timestamp, &body);
    let client = match reqwest::Client::builder()
        .timeout(TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .dns_resolver(Arc::new(PublicAddresses {
            demo: state.config.demo,
        }))
        .build()
    {
        Ok(client) => client,
        Err(e) => return failed(None, format!("no HTTP client: {e}")),
    };
    let sent = client
        .post(&out.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(reqwest::header::USER_AGENT, "Loket-Webhooks/1")
        .header("webhook-id", id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(answer) if answer.status().is_success() => Attempt {
            status: Some(answer.status().as_u16()),
            error: None,
        },
        Ok(answer) => {
            let status = answer.status().as_u16();
            let error = match answer.status().is_redirection() {
                true => format!("the receiver answered {status} (redirects are not followed)"),
                false => format!("the receiver answered {status}"),
            };
            failed(Some(status), error)
        }
        Err(e) if e.is_timeout() => failed(None, format!("no answer within {TIMEOUT:?}")),
        Err(e) if e.is_connect() => failed(None, "could not connect to the receiver".into()),
        // Never the URL (a receiver's may carry a token): it would reach the log and e-mails.
        Err(e) => failed(None, format!("the POST failed: {}", e.without_url())),
    }
}

fn failed(status: Option<u16>, error: String) -> Attempt {
    Attempt {
        status,
        error: Some(error),
    }
}

/// Records an attempt on the delivery; the job's outcome is its error, if any.
fn finish(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    sent: Result<Option<(i64, Attempt)>, String>,
) -> Result<(), String> {
    let Some((delivery, attempt)) = sent? else {
        return Ok(());
    };
    store::record_attempt(conn, delivery, &attempt, now).map_err(|e| e.to_string())?;
    match attempt.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// A claimed `deliver_webhook` job: read, sent with no connection held, recorded (the job's
/// outcome as every job's). Returns whether it succeeded.
pub async fn deliver_stepwise(state: &Arc<AppState>, job: JobRow) -> super::Result<bool> {
    let (read, read_state) = (job.clone(), state.clone());
    let prepared = db::blocking(&state.pool, move |conn| {
        Ok::<_, WorkflowError>(prepare(conn, read_state.config.demo, &read))
    })
    .await?;
    let sent = match prepared {
        Ok(Some(out)) => Ok(Some((out.delivery.id, send(state, &out).await))),
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    let record_state = state.clone();
    db::blocking(&state.pool, move |conn| {
        let result = finish(conn, record_state.clock.now_naive(), sent);
        Ok::<_, WorkflowError>(super::jobs::record(conn, &record_state, &job, result))
    })
    .await
}

/// The same on the connection of a synchronous job runner (the development API's
/// `/dev/jobs/run`): the POST is awaited on the runtime this blocking thread belongs to.
/// The background worker and the jobs a change commits use [`deliver_stepwise`].
pub fn deliver_blocking(
    conn: &mut DbConnection,
    state: &AppState,
    job: &JobRow,
) -> Result<(), String> {
    let sent = match prepare(conn, state.config.demo, job)? {
        Some(out) => {
            let runtime = tokio::runtime::Handle::try_current()
                .map_err(|e| format!("no runtime to send the webhook on: {e}"))?;
            Some((out.delivery.id, runtime.block_on(send(state, &out))))
        }
        None => None,
    };
    finish(conn, state.clock.now_naive(), Ok(sent))
}

/// When a failed delivery is tried again; `None` (give up) after three days from when it was
/// queued.
pub fn retry_at(
    conn: &mut DbConnection,
    job: &JobRow,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let id = job.payload.parse().ok()?;
    let delivery = store::delivery(conn, id).ok()??;
    webhooks::next_attempt(job.attempts, delivery.queued_at, now, rand::random())
}

/// A delivery given up on: marked failed, its subscription paused, the admin told (audit
/// trail; an e-mail to the client's contact address when it has one).
pub fn gave_up(conn: &mut DbConnection, state: &AppState, job: &JobRow, error: &str) {
    let now = state.clock.now_naive();
    let result = crate::db::write_transaction(conn, |conn| {
        let Some(delivery) = job
            .payload
            .parse()
            .ok()
            .map(|id| store::delivery(conn, id))
            .transpose()?
            .flatten()
        else {
            return Ok(());
        };
        store::mark_failed(conn, delivery.id)?;
        pause(conn, state, &delivery, error, now)
    });
    if let Err(e) = result {
        tracing::error!(job = job.id, error = %e, "could not record a webhook given up on");
    }
}

fn pause(
    conn: &mut DbConnection,
    state: &AppState,
    delivery: &DeliveryRow,
    error: &str,
    now: NaiveDateTime,
) -> Result<(), WorkflowError> {
    let reason = format!(
        "Delivery {} ({}) failed for three days; the last attempt: {error}",
        delivery.webhook_id, delivery.event_type
    );
    if !store::pause(conn, delivery.subscription_id, &reason, now)? {
        return Ok(());
    }
    let id = delivery.subscription_id.to_string();
    let system = Actor::system();
    let event = AuditEvent::new(
        &system,
        AuditAction::WebhookPaused,
        AuditEntity::Webhook,
        &id,
    )
    .reason(Some(&reason));
    audit::record(conn, now, &event)?;
    let Some(subscription) = store::subscription(conn, delivery.subscription_id)? else {
        return Ok(());
    };
    if let Some((name, Some(to))) = store::client_contact(conn, subscription.api_client_id)? {
        let url = webhooks::shown_url(&subscription.url);
        let email = paused_email(state, &name, &url, &reason);
        emails::queue(conn, state, None, &to, &email, now)?;
    }
    Ok(())
}

fn paused_email(state: &AppState, client: &str, url: &str, reason: &str) -> Email {
    Email::new(
        "webhook_paused",
        format!("Webhook gepauzeerd: {url}"),
        format!(
            "Beste beheerder van {client},\n\nLoket kon een webhook drie dagen lang niet afleveren op {url} en heeft het abonnement gepauzeerd.\n\n{reason}\n\nNieuwe gebeurtenissen wachten tot het abonnement hervat wordt (PATCH /api/v1/webhooks/<id> met \"paused\": false); dan worden ze verstuurd. Mislukte leveringen kan je opnieuw versturen vanuit het leveringslogboek.\n\nMet vriendelijke groeten,\n{}",
            state.config.municipality
        ),
    )
}

/// Queues every delivery of a subscription that waited (paused or switched off) again, each
/// under a new job; returns the jobs.
pub fn resume(
    conn: &mut DbConnection,
    subscription: i64,
    now: NaiveDateTime,
) -> Result<Vec<i64>, WorkflowError> {
    let mut jobs = Vec::new();
    for delivery in store::pending_of(conn, subscription)? {
        jobs.extend(store::requeue(conn, &delivery, true, now)?);
    }
    Ok(jobs)
}

/// Resolves a receiver's name for the webhook client and keeps only addresses a webhook may
/// reach (outside demo mode): a name that points inward, now or after it was checked (DNS
/// rebinding), is not connected to.
pub struct PublicAddresses {
    pub demo: bool,
}

impl reqwest::dns::Resolve for PublicAddresses {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let demo = self.demo;
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let allowed: Vec<std::net::SocketAddr> = found
                .filter(|a| demo || !webhooks::internal(a.ip()))
                .collect();
            if allowed.is_empty() {
                let refused: Box<dyn std::error::Error + Send + Sync> =
                    "the receiver's name resolves only to internal addresses".into();
                return Err(refused);
            }
            let addresses: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(addresses)
        })
    }
}
