//! Requests of people who did not sign in: kept until the requester confirms their e-mail
//! address with the link they receive; only then submitted. Nothing reaches staff before.
use super::submit::Submission;
use super::{emails, Actor, Result, WorkflowError};
use crate::auth::session::{random_secret, storage_id};
use crate::db::pending::{self, NewPending, PendingRow};
use crate::db::requests::{self, RequestRow};
use crate::db::{self, audit};
use crate::domain::audit::{AuditAction, AuditEvent};
use crate::startup::AppState;
use chrono::{Duration, NaiveDateTime, SubsecRound};
use std::sync::Arc;

/// How long an e-mailed confirmation link works.
pub const CONFIRMATION_HOURS: i64 = 24;

/// A request waiting for its confirmation: where the link went, until when it works.
pub struct Waiting {
    pub email: String,
    pub expires_at: NaiveDateTime,
}

/// The same Idempotency-Key before the confirmation: the same wait for the same answers, a
/// refusal for other answers.
fn already_waiting(
    conn: &mut db::DbConnection,
    key: &str,
    answers: &str,
) -> Result<Option<Waiting>> {
    let Some(waiting) = pending::by_idempotency_key(conn, key)? else {
        return Ok(None);
    };
    if waiting.submission != answers {
        return Err(WorkflowError::IdempotencyKeyReused(
            "This Idempotency-Key was already used for a request with other answers: make a \
             new key for a new request.",
        ));
    }
    Ok(Some(Waiting {
        email: waiting.email,
        expires_at: waiting.expires_at,
    }))
}

/// Keeps a checked submission (`answers` is the request as its sender wrote it) and e-mails
/// the link that confirms it; a retry with the same key sends no second e-mail.
pub async fn hold(
    state: &Arc<AppState>,
    submission: &Submission,
    answers: String,
) -> Result<Waiting> {
    let token = random_secret();
    let now = state.clock.now_naive();
    // Whole seconds: the same on both databases (PostgreSQL keeps microseconds only).
    let expires_at = (now + Duration::hours(CONFIRMATION_HOURS)).trunc_subsecs(0);
    // The page opens in the language the e-mail is written in.
    let link = format!(
        "{}/bevestigen/{token}?lang={}",
        state.public_url(),
        submission.language.as_str()
    );
    let language = submission.language.as_str();
    let title = state
        .config
        .branding
        .title(language, &submission.document_type);
    let mail = emails::confirm_request(state, language, &submission.requester.name, &title, &link);
    let email = submission.requester.email.trim().to_owned();
    let (via, key) = (submission.via, submission.idempotency_key.clone());
    let worker = Arc::clone(state);
    let (waiting, jobs) = db::blocking(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            if let Some(key) = key.as_deref() {
                if let Some(waiting) = already_waiting(conn, key, &answers)? {
                    return Ok((waiting, None));
                }
            }
            let new = NewPending {
                token_hash: &storage_id(&token),
                email: &email,
                submission: &answers,
                via,
                idempotency_key: key.as_deref(),
                created_at: now,
                expires_at,
            };
            pending::insert(conn, &new)?;
            let job = emails::queue(conn, &worker, None, &email, &mail, now)?;
            Ok::<_, WorkflowError>((Waiting { email, expires_at }, job))
        })
    })
    .await?;
    super::jobs::run_now(state, jobs.into_iter().collect()).await;
    Ok(waiting)
}

/// What a confirmation link leads to.
pub enum Opened {
    /// Confirmed before (within the link's 24 hours a second click shows the same request).
    Confirmed(Box<RequestRow>),
    /// Claimed now by this confirmation: submit it, then call [`confirmed`] (or [`release`]).
    Claimed(PendingRow),
}

/// Opens the request a confirmation link names, while the link is valid.
pub async fn open(state: &Arc<AppState>, token: &str) -> Result<Opened> {
    let hash = storage_id(token.trim());
    let now = state.clock.now_naive();
    db::blocking(&state.pool, move |conn| {
        let pending =
            pending::by_token_hash(conn, &hash)?.ok_or(WorkflowError::ConfirmationUnknown)?;
        if pending.expires_at <= now {
            return Err(WorkflowError::ConfirmationExpired);
        }
        if let Some(request_id) = pending.request_id {
            return Ok(Opened::Confirmed(Box::new(requests::by_id(
                conn, request_id,
            )?)));
        }
        if !pending::claim(conn, pending.id, now)? {
            return Err(WorkflowError::ConfirmationInProgress);
        }
        Ok(Opened::Claimed(pending))
    })
    .await
}

/// The submission failed: nothing half made, the link works again once the cause is gone.
pub async fn release(state: &Arc<AppState>, pending_id: i64) -> Result<()> {
    db::blocking(&state.pool, move |conn| {
        Ok(pending::unclaim(conn, pending_id)?)
    })
    .await
}

/// The confirmed request is submitted: the link now leads to it, and when it was made now
/// (not found again by its Idempotency-Key) its history says it was confirmed by e-mail.
pub async fn confirmed(
    state: &Arc<AppState>,
    pending_id: i64,
    reference: String,
    created: bool,
) -> Result<RequestRow> {
    let now = state.clock.now_naive();
    db::blocking(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = requests::by_reference(conn, &reference)?
                .ok_or_else(|| WorkflowError::UnknownRequest(reference.clone()))?;
            pending::confirmed(conn, pending_id, row.id)?;
            if created {
                let actor = Actor::anonymous(&row.requester_name);
                let event = AuditEvent::request(&actor, AuditAction::ConfirmedByEmail, &reference);
                audit::record(conn, now, &event)?;
            }
            Ok(row)
        })
    })
    .await
}
