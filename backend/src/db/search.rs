//! The request search: one filter for the page, the count and the Excel report, keyset
//! pagination on the sort column plus the id, so deep pages cost what the first one does.
use super::connection::MultiBackend;
use super::schema::{requests, tasks, users};
use super::DbConnection;
use crate::domain::request::{Channel, DeliveryMethod, Processing, Status};
use crate::domain::search::{Assignee, Criteria, Sort, SortField};
use crate::domain::task::{TaskStatus, TaskType};
use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use std::collections::HashMap;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

type Boxed<'a> = requests::BoxedQuery<'a, MultiBackend>;

fn like(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The columns of SQLite's trigram index `request_text` (migration text_search).
const REFERENCE: &str = "reference";
const NAMES: &str = "requester_name subject_name";
const ALL_TEXT: &str = "reference requester_name subject_name purpose requester_email";

/// A part of a text in `columns`, through SQLite's trigram index, when the connection is
/// SQLite and the part is long enough for trigrams (three characters); `None` otherwise, and
/// the caller matches with LIKE (PostgreSQL's trigram indexes serve `lower(…) LIKE '%…%'`).
fn indexed_text(
    sqlite: bool,
    columns: &str,
    part: &str,
) -> Option<Box<dyn BoxableExpression<requests::table, MultiBackend, SqlType = Bool>>> {
    if !sqlite || part.chars().count() < 3 {
        return None;
    }
    // One FTS5 phrase: on trigrams, a substring (case-insensitive); `"` is doubled inside.
    let phrase = format!("{{{columns}}} : \"{}\"", part.replace('"', "\"\""));
    Some(Box::new(
        sql::<Bool>("requests.id IN (SELECT rowid FROM request_text WHERE request_text MATCH ")
            .bind::<Text, _>(phrase)
            .sql(")"),
    ))
}

/// Every criterion as a WHERE clause on `requests`, for a SQLite connection or not.
fn filtered(c: &Criteria, sqlite: bool) -> Boxed<'static> {
    let q = requests::table.into_boxed::<MultiBackend>();
    let q = by_person(q, c, sqlite);
    let q = by_kind(q, c);
    let q = by_dates(q, c);
    let q = by_open_tasks(q, c);
    by_text(q, c, sqlite)
}

/// Reference, name (requester or subject) and national number (requester or subject).
fn by_person(mut q: Boxed<'static>, c: &Criteria, sqlite: bool) -> Boxed<'static> {
    if let Some(r) = &c.reference {
        q = match indexed_text(sqlite, REFERENCE, r) {
            Some(indexed) => q.filter(indexed),
            None => q.filter(lower(requests::reference).like(like(r)).escape('\\')),
        };
    }
    if let Some(name) = &c.name {
        let pattern = like(name);
        q = match indexed_text(sqlite, NAMES, name) {
            Some(indexed) => q.filter(indexed),
            None => q.filter(
                lower(requests::requester_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(requests::subject_name).like(pattern).escape('\\')),
            ),
        };
    }
    if let Some(n) = &c.national_number {
        q = q.filter(
            requests::requester_national_number
                .eq(n.clone())
                .or(requests::subject_national_number.eq(n.clone())),
        );
    }
    q
}

/// Document type, status, channel, delivery and processing. A request whose delivery is not
/// decided yet matches on the requester's preference.
fn by_kind(mut q: Boxed<'static>, c: &Criteria) -> Boxed<'static> {
    if !c.document_types.is_empty() {
        q = q.filter(requests::document_type_code.eq_any(c.document_types.clone()));
    }
    if !c.statuses.is_empty() {
        q = q.filter(requests::status.eq_any(c.statuses.clone()));
    }
    if let Some(ch) = &c.channel {
        q = q.filter(requests::submitted_via.eq(*ch));
    }
    if let Some(d) = c.delivery {
        q = q.filter(
            requests::delivery_method.eq(d).or(requests::delivery_method
                .is_null()
                .and(requests::delivery_preference.eq(d))),
        );
    }
    if let Some(p) = &c.processing {
        q = q.filter(requests::processing.eq(*p));
    }
    q
}

/// Submitted and finished between two days, both inclusive: the criteria hold the UTC start
/// of the first day and the UTC end of the last (the start of the next), in the
/// municipality's zone, so every time on the last day counts.
fn by_dates(mut q: Boxed<'static>, c: &Criteria) -> Boxed<'static> {
    if let Some(t) = c.submitted_since {
        q = q.filter(requests::submitted_at.ge(t));
    }
    if let Some(t) = c.submitted_before {
        q = q.filter(requests::submitted_at.lt(t));
    }
    if let Some(t) = c.finished_since {
        q = q.filter(requests::finished_at.ge(t));
    }
    if let Some(t) = c.finished_before {
        q = q.filter(requests::finished_at.lt(t));
    }
    q
}

/// An unfinished task of a type, or an open task assigned to someone.
fn by_open_tasks(mut q: Boxed<'static>, c: &Criteria) -> Boxed<'static> {
    if let Some(t) = &c.task_type {
        let with_task = tasks::table
            .filter(tasks::status.eq_any(TaskStatus::UNFINISHED))
            .filter(tasks::task_type.eq(*t))
            .select(tasks::request_id);
        q = q.filter(requests::id.eq_any(with_task));
    }
    if let Some(Assignee::User(id)) = c.assignee {
        let assigned = tasks::table
            .filter(tasks::status.eq(TaskStatus::Open))
            .filter(tasks::assignee_user_id.eq(id))
            .select(tasks::request_id);
        q = q.filter(requests::id.eq_any(assigned));
    }
    q
}

/// The free text: part of the reference, either name, the purpose or the e-mail address.
fn by_text(mut q: Boxed<'static>, c: &Criteria, sqlite: bool) -> Boxed<'static> {
    if let Some(text) = &c.q {
        if let Some(indexed) = indexed_text(sqlite, ALL_TEXT, text) {
            return q.filter(indexed);
        }
        let pattern = like(text);
        q = q.filter(
            lower(requests::reference)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(requests::requester_name)
                    .like(pattern.clone())
                    .escape('\\'))
                .or(lower(requests::subject_name)
                    .like(pattern.clone())
                    .escape('\\'))
                .or(lower(requests::purpose).like(pattern.clone()).escape('\\'))
                .or(lower(requests::requester_email).like(pattern).escape('\\')),
        );
    }
    q
}

/// Where a page ends: the sort value of its last row (as text) and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub value: String,
    pub id: i64,
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// Rows after the cursor in the sort order. The first condition is a plain range on the sort
/// column, so the index is used from the cursor on; the second settles ties by id.
macro_rules! keyset {
    ($q:expr, $col:expr, $value:expr, $id:expr, $desc:expr) => {{
        let (q, v, id) = ($q, $value, $id);
        let q = if $desc {
            q.filter($col.le(v.clone()).and($col.lt(v).or(requests::id.lt(id))))
                .order(($col.desc(), requests::id.desc()))
        } else {
            q.filter($col.ge(v.clone()).and($col.gt(v).or(requests::id.gt(id))))
                .order(($col.asc(), requests::id.asc()))
        };
        q
    }};
}

macro_rules! ordered {
    ($q:expr, $col:expr, $desc:expr) => {{
        if $desc {
            $q.order(($col.desc(), requests::id.desc()))
        } else {
            $q.order(($col.asc(), requests::id.asc()))
        }
    }};
}

#[derive(Debug, Clone, Queryable)]
pub struct Hit {
    pub id: i64,
    pub reference: String,
    pub document_type_code: String,
    pub status: Status,
    pub processing: Processing,
    pub submitted_via: Channel,
    pub requester_name: String,
    pub requester_national_number: Option<String>,
    pub subject_name: String,
    pub subject_national_number: Option<String>,
    pub delivery_method: Option<DeliveryMethod>,
    pub delivery_preference: DeliveryMethod,
    pub submitted_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

impl Hit {
    pub fn cursor(&self, sort: Sort) -> Cursor {
        let value = match sort.field {
            SortField::SubmittedAt => self.submitted_at.format(TIME_FORMAT).to_string(),
            SortField::Reference => self.reference.clone(),
            SortField::Status => self.status.as_str().to_owned(),
            SortField::DocumentType => self.document_type_code.clone(),
            SortField::RequesterName => self.requester_name.clone(),
        };
        Cursor { value, id: self.id }
    }
}

/// Where a page that ended with request `id` goes on in this sort order; `None` when there
/// is no such request.
pub fn cursor_at(conn: &mut DbConnection, id: i64, sort: Sort) -> QueryResult<Option<Cursor>> {
    let hit: Option<Hit> = requests::table
        .filter(requests::id.eq(id))
        .select(HIT_COLUMNS)
        .first(conn)
        .optional()?;
    Ok(hit.map(|h| h.cursor(sort)))
}

/// The columns of a [`Hit`], in its order.
type HitColumns = (
    requests::id,
    requests::reference,
    requests::document_type_code,
    requests::status,
    requests::processing,
    requests::submitted_via,
    requests::requester_name,
    requests::requester_national_number,
    requests::subject_name,
    requests::subject_national_number,
    requests::delivery_method,
    requests::delivery_preference,
    requests::submitted_at,
    requests::finished_at,
);

const HIT_COLUMNS: HitColumns = (
    requests::id,
    requests::reference,
    requests::document_type_code,
    requests::status,
    requests::processing,
    requests::submitted_via,
    requests::requester_name,
    requests::requester_national_number,
    requests::subject_name,
    requests::subject_national_number,
    requests::delivery_method,
    requests::delivery_preference,
    requests::submitted_at,
    requests::finished_at,
);

/// One page of hits in the sort order, after `after`.
pub fn page(
    conn: &mut DbConnection,
    c: &Criteria,
    sort: Sort,
    after: Option<&Cursor>,
    limit: i64,
) -> QueryResult<Vec<Hit>> {
    let q = filtered(c, is_sqlite(conn));
    let q = match (sort.field, after) {
        (SortField::SubmittedAt, Some(cur)) => {
            let v = NaiveDateTime::parse_from_str(&cur.value, TIME_FORMAT)
                .map_err(|_| diesel::result::Error::NotFound)?;
            keyset!(q, requests::submitted_at, v, cur.id, sort.descending)
        }
        (SortField::Reference, Some(cur)) => keyset!(
            q,
            requests::reference,
            cur.value.clone(),
            cur.id,
            sort.descending
        ),
        (SortField::Status, Some(cur)) => keyset!(
            q,
            requests::status,
            cur.value.clone(),
            cur.id,
            sort.descending
        ),
        (SortField::DocumentType, Some(cur)) => keyset!(
            q,
            requests::document_type_code,
            cur.value.clone(),
            cur.id,
            sort.descending
        ),
        (SortField::RequesterName, Some(cur)) => keyset!(
            q,
            requests::requester_name,
            cur.value.clone(),
            cur.id,
            sort.descending
        ),
        (SortField::SubmittedAt, None) => ordered!(q, requests::submitted_at, sort.descending),
        (SortField::Reference, None) => ordered!(q, requests::reference, sort.descending),
        (SortField::Status, None) => ordered!(q, requests::status, sort.descending),
        (SortField::DocumentType, None) => {
            ordered!(q, requests::document_type_code, sort.descending)
        }
        (SortField::RequesterName, None) => ordered!(q, requests::requester_name, sort.descending),
    };
    q.limit(limit).select(HIT_COLUMNS).load(conn)
}

pub fn count(conn: &mut DbConnection, c: &Criteria) -> QueryResult<i64> {
    filtered(c, is_sqlite(conn)).count().get_result(conn)
}

/// How many match, counted up to `limit`: `(limit, false)` when more do. The ids past the
/// limit are never read, so a search that matches most of a million requests costs what a
/// search matching `limit` of them does.
pub fn count_up_to(conn: &mut DbConnection, c: &Criteria, limit: i64) -> QueryResult<(i64, bool)> {
    let text = c.reference.is_some() || c.name.is_some() || c.q.is_some();
    if text && !is_sqlite(conn) {
        // PostgreSQL plans a LIMIT over a part of a text as a scan that hopes to stop early
        // (measured: 1.2 s at 1,000,000 requests where the trigram indexes' bitmap takes 40 ms),
        // so a text search is counted whole, through those indexes.
        let total = count(conn, c)?;
        return Ok((total.min(limit), total <= limit));
    }
    let ids: Vec<i64> = filtered(c, is_sqlite(conn))
        .select(requests::id)
        .limit(limit + 1)
        .load(conn)?;
    let found = ids.len() as i64;
    Ok((found.min(limit), found <= limit))
}

fn is_sqlite(conn: &DbConnection) -> bool {
    matches!(conn, DbConnection::Sqlite(_))
}

/// Open and parked tasks per request id: (task type, assignee's id and name).
pub type OpenTasks = HashMap<i64, Vec<(TaskType, Option<(i64, String)>)>>;

/// Open and parked tasks of these requests.
pub fn open_tasks(conn: &mut DbConnection, request_ids: &[i64]) -> QueryResult<OpenTasks> {
    let rows: Vec<(i64, TaskType, Option<i64>, Option<String>)> = tasks::table
        .left_join(users::table.on(users::id.nullable().eq(tasks::assignee_user_id)))
        .filter(tasks::request_id.eq_any(request_ids.to_vec()))
        .filter(tasks::status.eq_any(TaskStatus::UNFINISHED))
        .order(tasks::id)
        .select((
            tasks::request_id,
            tasks::task_type,
            users::id.nullable(),
            users::display_name.nullable(),
        ))
        .load(conn)?;
    let mut map = OpenTasks::new();
    for (request_id, task_type, id, name) in rows {
        map.entry(request_id)
            .or_default()
            .push((task_type, id.zip(name)));
    }
    Ok(map)
}
