//! What happens to a request: submission and the automatic decision, producing documents,
//! telling people (e-mail, My eBox), and the durable jobs that retry what failed.
pub mod actions;
pub mod advice;
pub mod emails;
pub mod export;
pub mod jobs;
pub mod produce;
pub mod submit;

use crate::db::{audit, DbConnection};
use crate::error::ApiResult;
use chrono::NaiveDateTime;

/// Who did something, as the audit trail records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub role: String,
    pub id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system() -> Self {
        Self {
            role: "system".into(),
            id: None,
            name: "Loket (automatisch)".into(),
        }
    }

    pub fn user(user: &crate::auth::AuthUser) -> Self {
        Self {
            role: user.role.as_str().into(),
            id: Some(user.id),
            name: user.name.clone(),
        }
    }

    pub fn anonymous(name: &str) -> Self {
        Self {
            role: "anonymous".into(),
            id: None,
            name: name.to_owned(),
        }
    }
}

/// Records what happened to a request: who, what, when, why.
pub fn record(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    actor: &Actor,
    reference: &str,
    action: &str,
    reason: Option<&str>,
    details: Option<serde_json::Value>,
) -> ApiResult<()> {
    audit::record(
        conn,
        &audit::NewAuditEvent {
            occurred_at: now,
            actor_role: &actor.role,
            actor_id: actor.id,
            actor_name: &actor.name,
            action,
            entity_type: "request",
            entity_id: reference,
            reason,
            details: details.map(|d| d.to_string()),
        },
    )?;
    Ok(())
}
