//! The audit trail: every change leaves an event saying who, what, when and why.
use super::schema::audit_events;
use super::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_events)]
pub struct NewAuditEvent<'a> {
    pub occurred_at: NaiveDateTime,
    pub actor_role: &'a str,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub reason: Option<&'a str>,
    pub details: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_role: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub reason: Option<String>,
    pub details: Option<String>,
}

pub fn record(conn: &mut DbConnection, event: &NewAuditEvent) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values(event)
        .execute(conn)
        .map(|_| ())
}

pub fn for_entity(
    conn: &mut DbConnection,
    entity_type: &str,
    entity_id: &str,
) -> QueryResult<Vec<AuditEventRow>> {
    audit_events::table
        .filter(audit_events::entity_type.eq(entity_type))
        .filter(audit_events::entity_id.eq(entity_id))
        .order((audit_events::occurred_at, audit_events::id))
        .select(AuditEventRow::as_select())
        .load(conn)
}

/// Actions that record reading, not changing: kept out of a request's history, shown as
/// "Inzage" instead.
pub const READ_ACTIONS: [&str; 3] = ["request_viewed", "document_viewed", "advice_request_viewed"];

/// Someone of the municipality or the police who read something, and from where.
pub struct Reader<'a> {
    pub role: &'a str,
    pub id: i64,
    pub name: &'a str,
    pub address: &'a str,
}

/// Records a read: who, what, when, from where.
pub fn record_read(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    reader: &Reader,
    action: &str,
    entity: (&str, &str),
    mut details: serde_json::Value,
) -> QueryResult<()> {
    if let serde_json::Value::Object(map) = &mut details {
        map.insert("address".into(), reader.address.into());
    }
    record(
        conn,
        &NewAuditEvent {
            occurred_at: at,
            actor_role: reader.role,
            actor_id: Some(reader.id),
            actor_name: reader.name,
            action,
            entity_type: entity.0,
            entity_id: entity.1,
            reason: None,
            details: Some(details.to_string()),
        },
    )
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
    pub action: Option<String>,
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
                .eq("request")
                .and(audit_events::entity_id.eq_any(references))
                .or(audit_events::entity_type
                    .eq("user")
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
