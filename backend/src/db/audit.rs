//! The audit trail: every change leaves an event saying who, what, when and why.
use super::schema::audit_events;
use super::DbConnection;
use crate::domain::audit::{AuditAction, AuditEntity, AuditEvent};
use crate::domain::role::ActorRole;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_events)]
struct NewAuditEvent<'a> {
    occurred_at: NaiveDateTime,
    actor_role: ActorRole,
    actor_id: Option<i64>,
    actor_name: &'a str,
    action: AuditAction,
    entity_type: AuditEntity,
    entity_id: &'a str,
    reason: Option<&'a str>,
    details: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_role: ActorRole,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: AuditAction,
    pub entity_type: AuditEntity,
    pub entity_id: String,
    pub reason: Option<String>,
    pub details: Option<String>,
}

/// The one way an audit event is written; call it inside the change's transaction. A read
/// ("Inzage") carries the client's address in its details.
pub fn record(conn: &mut DbConnection, at: NaiveDateTime, event: &AuditEvent) -> QueryResult<()> {
    let details = match &event.details {
        Some(details) => Some(
            serde_json::to_string(details)
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
        ),
        None => None,
    };
    diesel::insert_into(audit_events::table)
        .values(&NewAuditEvent {
            occurred_at: at,
            actor_role: event.actor.role,
            actor_id: event.actor.id,
            actor_name: &event.actor.name,
            action: event.action,
            entity_type: event.entity,
            entity_id: event.entity_id,
            reason: event.reason,
            details,
        })
        .execute(conn)
        .map(|_| ())
}

pub fn for_entity(
    conn: &mut DbConnection,
    entity_type: AuditEntity,
    entity_id: &str,
) -> QueryResult<Vec<AuditEventRow>> {
    audit_events::table
        .filter(audit_events::entity_type.eq(entity_type))
        .filter(audit_events::entity_id.eq(entity_id))
        .order((audit_events::occurred_at, audit_events::id))
        .select(AuditEventRow::as_select())
        .load(conn)
}

/// Whether the request's history already has an event of this kind.
pub fn request_has(
    conn: &mut DbConnection,
    reference: &str,
    action: AuditAction,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        audit_events::table
            .filter(audit_events::entity_type.eq(AuditEntity::Request))
            .filter(audit_events::entity_id.eq(reference))
            .filter(audit_events::action.eq(action)),
    ))
    .get_result(conn)
}

/// What an auditor looks for.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// A national register number: events about that person's requests and account, and
    /// searches or exports whose criteria name it.
    pub person: Option<String>,
    pub reference: Option<String>,
    /// Part of the actor's name.
    pub actor: Option<String>,
    pub action: Option<AuditAction>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    /// Keyset paging: only events with a smaller id (newest first).
    pub before: Option<i64>,
    pub limit: i64,
}

/// The events that match, newest first.
pub fn search(conn: &mut DbConnection, f: &AuditFilter) -> QueryResult<Vec<AuditEventRow>> {
    use super::connection::MultiBackend;
    use super::schema::{requests, users};
    let mut q = audit_events::table.into_boxed::<MultiBackend>();
    if let Some(number) = &f.person {
        let references: Vec<String> = requests::table
            .filter(
                requests::requester_national_number
                    .eq(number)
                    .or(requests::subject_national_number.eq(number)),
            )
            .select(requests::reference)
            .load(conn)?;
        let accounts: Vec<String> = users::table
            .filter(users::national_number.eq(number))
            .select(users::id)
            .load::<i64>(conn)?
            .into_iter()
            .map(|id| id.to_string())
            .collect();
        q = q.filter(
            audit_events::entity_type
                .eq(AuditEntity::Request)
                .and(audit_events::entity_id.eq_any(references))
                .or(audit_events::entity_type
                    .eq(AuditEntity::User)
                    .and(audit_events::entity_id.eq_any(accounts)))
                .or(audit_events::details.like(format!("%{number}%"))),
        );
    }
    if let Some(reference) = &f.reference {
        q = q.filter(
            audit_events::entity_id
                .eq(reference)
                .or(audit_events::details.like(format!("%{reference}%"))),
        );
    }
    if let Some(actor) = &f.actor {
        q = q.filter(audit_events::actor_name.like(format!("%{actor}%")));
    }
    if let Some(action) = &f.action {
        q = q.filter(audit_events::action.eq(action));
    }
    if let Some(from) = f.from {
        q = q.filter(audit_events::occurred_at.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(audit_events::occurred_at.lt(to));
    }
    if let Some(before) = f.before {
        q = q.filter(audit_events::id.lt(before));
    }
    q.order(audit_events::id.desc())
        .limit(f.limit)
        .select(AuditEventRow::as_select())
        .load(conn)
}
