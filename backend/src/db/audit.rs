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
