//! The request search: one filter for the page, the count and the Excel report, keyset
//! pagination on the sort column plus the id, so deep pages cost what the first one does.
use super::connection::MultiBackend;
use super::schema::{requests, tasks, users};
use super::DbConnection;
use crate::domain::request::{Channel, DeliveryMethod, Processing, Status};
use crate::domain::search::{Assignee, Criteria, Sort, SortField};
use crate::domain::task::{TaskStatus, TaskType};
use chrono::NaiveDateTime;
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use std::collections::HashMap;

diesel::define_sql_function! {
    /// Lower case. On SQLite this is Loket's own (Rust's `to_lowercase`, registered on every
    /// connection over the built-in one, which lowers ASCII only), so a part of a text checked
    /// row by row finds "Öztürk" and "ŁUKASZ" as the trigram index does.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

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

/// How the filter reads its criteria: made once for a search (`plan`), then used for each
/// of its pages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plan {
    /// Parts of a text through SQLite's trigram index `request_text` (PostgreSQL's trigram
    /// indexes serve `lower(…) LIKE '%…%'` itself): the set of matching ids first.
    text_index: bool,
    /// An unfinished task of a type checked per request (EXISTS) rather than as the set of
    /// such requests first.
    task_per_request: bool,
    /// The reference criterion is the start of a reference ("PA-2023-03"), read as a range
    /// of the references' unique index (SQLite compares bytes, so the range is exact).
    reference_range: bool,
    /// The same on PostgreSQL: `reference LIKE 'PA-2023-03%'` through the index
    /// `requests_reference_prefix` (text_pattern_ops).
    reference_prefix: bool,
    /// PostgreSQL reads the matches as a set (bitmap scans only) and sorts them, rather than
    /// walking the sort order hoping to meet matches early: a reference prefix's matches are
    /// months apart from the newest requests, which that walk passes one by one (measured at
    /// 1,000,000 requests: 110 ms walking, 6 ms as a set), and a count up to a limit stops
    /// reading rows once it has that many.
    set_first: bool,
}

/// The range of references starting with `part`, when it is the start of one ("pa-2023-0"
/// or longer, ASCII): references are `PA-<year>-<number>`, so such a part can only match at
/// their start, and a part of a reference is then a range of its index. From inclusive, to
/// exclusive.
fn reference_range(part: &str) -> Option<(String, String)> {
    let upper = part.to_ascii_uppercase();
    let shape = upper.len() >= 4
        && upper.starts_with("PA-")
        && upper
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !shape {
        return None;
    }
    let mut end = upper.clone().into_bytes();
    let last = end.len() - 1;
    end[last] += 1;
    Some((upper, String::from_utf8(end).ok()?))
}

/// From this many matches on, a criterion is common: a page newest first finds its 50 rows
/// among the first few thousand, so checking row by row beats reading every match first
/// (measured at 1,000,000 requests on SQLite: a family name 57 ms as a set).
const COMMON: i64 = 5_000;

/// The FTS5 phrase for a part of a text in `columns`, when it is long enough for trigrams
/// (three characters): on trigrams a phrase is a substring, case-insensitive; `"` is doubled.
fn phrase(columns: &str, part: &str) -> Option<String> {
    (part.chars().count() >= 3)
        .then(|| format!("{{{columns}}} : \"{}\"", part.replace('"', "\"\"")))
}

/// A part of a text in `columns` through SQLite's trigram index, when the plan reads it so
/// and the part is long enough; `None` otherwise, and the caller matches with LIKE.
fn indexed_text(
    plan: Plan,
    columns: &str,
    part: &str,
) -> Option<Box<dyn BoxableExpression<requests::table, MultiBackend, SqlType = Bool>>> {
    let phrase = phrase(columns, part).filter(|_| plan.text_index)?;
    Some(Box::new(
        sql::<Bool>("requests.id IN (SELECT rowid FROM request_text WHERE request_text MATCH ")
            .bind::<Text, _>(phrase)
            .sql(")"),
    ))
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The plan of a search's pages: on SQLite, criteria that match at least `COMMON` requests (a
/// family name, a frequent task) are checked row by row along the sort order; rarer ones are
/// read as a set first. PostgreSQL's planner makes that choice itself.
pub fn plan(conn: &mut DbConnection, c: &Criteria) -> QueryResult<Plan> {
    let range = c.reference.as_deref().and_then(reference_range).is_some();
    let DbConnection::Sqlite(sqlite) = conn else {
        return Ok(Plan {
            reference_prefix: range,
            set_first: range,
            ..Plan::default()
        });
    };
    let phrases: Vec<String> = [
        c.reference
            .as_deref()
            .filter(|_| !range)
            .and_then(|r| phrase(REFERENCE, r)),
        c.name.as_deref().and_then(|n| phrase(NAMES, n)),
        c.q.as_deref().and_then(|q| phrase(ALL_TEXT, q)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut common_text = !phrases.is_empty();
    for phrase in phrases {
        let found: Found = diesel::sql_query(
            "SELECT count(*) AS n FROM \
             (SELECT rowid FROM request_text WHERE request_text MATCH ? LIMIT ?)",
        )
        .bind::<Text, _>(phrase)
        .bind::<BigInt, _>(COMMON)
        .get_result(sqlite)?;
        common_text &= found.n >= COMMON;
    }
    let common_task = match c.task_type {
        Some(t) => {
            let ids: Vec<i64> = tasks::table
                .filter(tasks::status.eq_any(TaskStatus::UNFINISHED))
                .filter(tasks::task_type.eq(t))
                .select(tasks::id)
                .limit(COMMON)
                .load(sqlite)?;
            ids.len() as i64 >= COMMON
        }
        None => false,
    };
    Ok(Plan {
        text_index: !common_text,
        task_per_request: common_task,
        reference_range: range,
        ..Plan::default()
    })
}

/// The plan of a count: every match is read, so sets through the indexes.
fn count_plan(conn: &DbConnection) -> Plan {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    Plan {
        text_index: sqlite,
        task_per_request: false,
        reference_range: sqlite,
        reference_prefix: !sqlite,
        set_first: !sqlite,
    }
}

/// Every criterion as a WHERE clause on `requests`, read as `plan` says.
fn filtered(c: &Criteria, plan: Plan) -> Boxed<'static> {
    let q = requests::table.into_boxed::<MultiBackend>();
    let q = by_person(q, c, plan);
    let q = by_kind(q, c);
    let q = by_dates(q, c);
    let q = by_open_tasks(q, c, plan);
    by_text(q, c, plan)
}

/// Reference, name (requester or subject) and national number (requester or subject).
fn by_person(mut q: Boxed<'static>, c: &Criteria, plan: Plan) -> Boxed<'static> {
    if let Some(r) = &c.reference {
        let range = reference_range(r);
        q = match (range, indexed_text(plan, REFERENCE, r)) {
            (Some((from, _)), _) if plan.reference_prefix => {
                q.filter(requests::reference.like(format!("{from}%")))
            }
            (Some((from, to)), _) if plan.reference_range => {
                q.filter(requests::reference.ge(from).and(requests::reference.lt(to)))
            }
            (_, Some(indexed)) => q.filter(indexed),
            (_, None) => q.filter(lower(requests::reference).like(like(r)).escape('\\')),
        };
    }
    if let Some(name) = &c.name {
        let pattern = like(name);
        q = match indexed_text(plan, NAMES, name) {
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
fn by_open_tasks(mut q: Boxed<'static>, c: &Criteria, plan: Plan) -> Boxed<'static> {
    if let Some(t) = &c.task_type {
        let unfinished = tasks::table
            .filter(tasks::status.eq_any(TaskStatus::UNFINISHED))
            .filter(tasks::task_type.eq(*t));
        q = if plan.task_per_request {
            q.filter(exists(
                unfinished.filter(tasks::request_id.eq(requests::id)),
            ))
        } else {
            q.filter(requests::id.eq_any(unfinished.select(tasks::request_id)))
        };
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
fn by_text(mut q: Boxed<'static>, c: &Criteria, plan: Plan) -> Boxed<'static> {
    if let Some(text) = &c.q {
        if let Some(indexed) = indexed_text(plan, ALL_TEXT, text) {
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
    let plan = plan(conn, c)?;
    page_in(conn, c, plan, sort, after, limit)
}

/// One page as `plan` reads it: for a search of many pages (the Excel report), planned once.
pub fn page_in(
    conn: &mut DbConnection,
    c: &Criteria,
    plan: Plan,
    sort: Sort,
    after: Option<&Cursor>,
    limit: i64,
) -> QueryResult<Vec<Hit>> {
    let q = filtered(c, plan);
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
    let q = q.limit(limit).select(HIT_COLUMNS);
    reading(conn, reads(c, plan), |conn| q.load(conn))
}

/// How PostgreSQL may read a query's rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// As its planner likes.
    Any,
    /// Never a sequential scan: a part of a text looks cheap to check row by row to the
    /// planner, which at 100,000 requests then scans them all (an e-mail address part, 11
    /// matches: 67 ms scanning, 15 ms through the trigram indexes).
    NoFullScan,
    /// Bitmap scans only: the matches as a set (see [`Plan::set_first`]).
    Sets,
}

/// How a search with criteria `c`, read as `plan`, is read on PostgreSQL.
fn reads(c: &Criteria, plan: Plan) -> Reads {
    if plan.set_first {
        Reads::Sets
    } else if c.reference.is_some() || c.name.is_some() || c.q.is_some() {
        Reads::NoFullScan
    } else {
        Reads::Any
    }
}

/// Runs `query` reading as `reads` says on PostgreSQL (SQLite reads as planned); the
/// settings end with it. PostgreSQL also plans it for its values every time: a search is a
/// prepared statement, and after five runs PostgreSQL may keep one plan for any values, made
/// without knowing them — for a part of a text that is a walk along the sort order (measured
/// at 100,000 requests: an e-mail address part 110 ms with the kept plan, 15 ms planned for it).
fn reading<T>(
    conn: &mut DbConnection,
    reads: Reads,
    query: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    if !matches!(conn, DbConnection::Pg(_)) {
        return query(conn);
    }
    conn.transaction(|conn| {
        diesel::sql_query("SET LOCAL plan_cache_mode = force_custom_plan").execute(conn)?;
        if reads != Reads::Any {
            diesel::sql_query("SET LOCAL enable_seqscan = off").execute(conn)?;
        }
        if reads == Reads::Sets {
            diesel::sql_query("SET LOCAL enable_indexscan = off").execute(conn)?;
        }
        // A failed query rolls back (to its savepoint, inside a caller's transaction), which
        // ends the settings; otherwise they are reset, since SET LOCAL would outlive this
        // query inside a caller's transaction.
        let result = query(conn)?;
        diesel::sql_query("RESET plan_cache_mode").execute(conn)?;
        diesel::sql_query("RESET enable_seqscan").execute(conn)?;
        diesel::sql_query("RESET enable_indexscan").execute(conn)?;
        Ok(result)
    })
}

pub fn count(conn: &mut DbConnection, c: &Criteria) -> QueryResult<i64> {
    filtered(c, count_plan(conn)).count().get_result(conn)
}

/// How many match, counted up to `limit`: `(limit, false)` when more do. The ids past the
/// limit are never read, so a search that matches most of a million requests costs what a
/// search matching `limit` of them does.
pub fn count_up_to(conn: &mut DbConnection, c: &Criteria, limit: i64) -> QueryResult<(i64, bool)> {
    // PostgreSQL plans a LIMIT over a part of a text as a scan that hopes to stop early
    // (measured: 1.2 s at 1,000,000 requests), so a text search is read through its indexes'
    // bitmaps, up to the limit (a family name: 76 ms counted whole, 18 ms up to 10,000).
    let text = c.reference.is_some() || c.name.is_some() || c.q.is_some();
    let plan = match text {
        true => sqlite_count_plan(conn, c)?,
        false => count_plan(conn),
    };
    let query = filtered(c, plan).select(requests::id).limit(limit + 1);
    let how = if text { Reads::Sets } else { Reads::Any };
    let ids: Vec<i64> = reading(conn, how, |conn| query.load(conn))?;
    let found = ids.len() as i64;
    Ok((found.min(limit), found <= limit))
}

/// Fewer requests than this matching a search's other criteria are checked row by row for a
/// common part of a text (see [`sqlite_count_plan`]).
const FEW_OTHERS: i64 = 50_000;

/// How SQLite counts a text search: through the trigram index as a set, unless the text is
/// common (a family name) and the other criteria match fewer than `FEW_OTHERS` requests (a
/// type in one year) — those are then read from their index and each checked for the text,
/// rather than each of the text's matches checked against them (measured at 1,000,000
/// requests, "peeters" with a type and a year: 43 ms as a set of 25,000).
fn sqlite_count_plan(conn: &mut DbConnection, c: &Criteria) -> QueryResult<Plan> {
    let as_set = count_plan(conn);
    let others = Criteria {
        reference: None,
        name: None,
        q: None,
        ..c.clone()
    };
    if !matches!(conn, DbConnection::Sqlite(_)) || others == Criteria::default() {
        return Ok(as_set);
    }
    if plan(conn, c)?.text_index {
        return Ok(as_set);
    }
    let few: Vec<i64> = filtered(&others, as_set)
        .select(requests::id)
        .limit(FEW_OTHERS)
        .load(conn)?;
    Ok(match (few.len() as i64) < FEW_OTHERS {
        true => Plan {
            text_index: false,
            ..as_set
        },
        false => as_set,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::db::connection::DatabaseUrl;
    use crate::domain::search::SearchParams;

    /// 10,000 requests on SQLite: four in five of "Jan Peeters" with an open add_deed task,
    /// one in five of "Els Janssens" without.
    fn many() -> (crate::db::connection::PooledConnection, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "loket-search-plan-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let url = DatabaseUrl::Sqlite(dir.join("t.db").to_string_lossy().into_owned());
        let pool = crate::startup::prepare_database(&Config::for_database(url)).unwrap();
        let mut conn = pool.get().unwrap();
        diesel::sql_query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
             INSERT INTO requests (reference, document_type_code, status, processing, \
               manual_reasons, submitted_via, requester_name, requester_email, \
               subject_is_requester, subject_name, for_use, purpose, language, \
               delivery_preference, answers, submitted_at, updated_at) \
             SELECT printf('PA-2026-%06d', i), 'geboorteakte', 'awaiting_deed', 'manual', '', \
               'web', CASE WHEN i % 5 = 0 THEN 'Els Janssens' ELSE 'Jan Peeters' END, \
               'x@example.be', 1, CASE WHEN i % 5 = 0 THEN 'Els Janssens' ELSE 'Jan Peeters' END, \
               'belgium', 'Doel', 'nl', 'digital', '{}', \
               datetime('2026-01-01', '+' || i || ' minutes'), datetime('2026-01-01') FROM n",
        )
        .execute(&mut conn)
        .unwrap();
        diesel::sql_query(
            "INSERT INTO tasks (request_id, task_type, status, created_at) \
             SELECT id, 'add_deed', 'open', submitted_at FROM requests \
             WHERE requester_name = 'Jan Peeters'",
        )
        .execute(&mut conn)
        .unwrap();
        (conn, dir)
    }

    fn criteria(f: impl Fn(&mut SearchParams)) -> Criteria {
        let mut p = SearchParams::default();
        f(&mut p);
        Criteria::parse(&p, 1, chrono_tz::Europe::Brussels).unwrap()
    }

    fn ids(hits: Vec<Hit>) -> Vec<i64> {
        hits.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn a_common_criterion_read_row_by_row_gives_the_page_the_set_gives() {
        let (mut conn, dir) = many();
        let newest = Sort::parse(None).unwrap();
        let cases = [
            (criteria(|p| p.name = Some("peeters".into())), true),
            (criteria(|p| p.q = Some("JAN PEE".into())), true),
            (criteria(|p| p.task_type = Some("add_deed".into())), true),
            (criteria(|p| p.name = Some("janssens".into())), false),
        ];
        for (c, common) in cases {
            let plan = plan(&mut conn, &c).unwrap();
            assert_eq!(
                !plan.text_index || plan.task_per_request,
                common,
                "{c:?}: {plan:?}"
            );
            let as_set = count_plan(&conn);
            let first = ids(page(&mut conn, &c, newest, None, 51).unwrap());
            assert_eq!(first.len(), 51, "{c:?}");
            assert_eq!(
                first,
                ids(page_in(&mut conn, &c, as_set, newest, None, 51).unwrap()),
                "{c:?}: the same page either way"
            );
        }
        drop(conn);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// The start of a reference, in either case, is read as a range of the references'
    /// index and finds what a part of a reference finds; anything else is still a part.
    #[test]
    fn the_start_of_a_reference_is_a_range_that_finds_what_a_part_finds() {
        let (mut conn, dir) = many();
        let newest = Sort::parse(None).unwrap();
        assert_eq!(
            reference_range("pa-2026-0099"),
            Some(("PA-2026-0099".into(), "PA-2026-009:".into()))
        );
        assert_eq!(reference_range("2026-0099"), None);
        assert_eq!(reference_range("PA-2026-%"), None);
        for typed in ["pa-2026-0099", "PA-2026-00999", "2026-0099"] {
            let c = criteria(|p| p.reference = Some(typed.into()));
            let plan = plan(&mut conn, &c).unwrap();
            assert_eq!(
                plan.reference_range,
                typed.starts_with(['p', 'P']),
                "{typed}"
            );
            let as_like = Plan::default();
            let expected = ids(page_in(&mut conn, &c, as_like, newest, None, 200).unwrap());
            assert!(!expected.is_empty(), "{typed}");
            assert_eq!(
                ids(page(&mut conn, &c, newest, None, 200).unwrap()),
                expected,
                "{typed}"
            );
            assert_eq!(
                count_up_to(&mut conn, &c, 10_000).unwrap().0,
                expected.len() as i64,
                "{typed}"
            );
        }
        drop(conn);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// A common name with a narrow period is counted along the period, each row checked for
    /// the name, and counts what the set of the name's matches counts.
    #[test]
    fn a_common_text_with_few_other_matches_counts_what_the_set_counts() {
        let (mut conn, dir) = many();
        let c = criteria(|p| {
            p.name = Some("peeters".into());
            p.submitted_from = Some("2026-01-02".into());
            p.submitted_to = Some("2026-01-02".into());
        });
        let chosen = sqlite_count_plan(&mut conn, &c).unwrap();
        assert!(!chosen.text_index, "{chosen:?}");
        let counted = |conn: &mut DbConnection, plan: Plan| -> i64 {
            filtered(&c, plan).count().get_result(conn).unwrap()
        };
        let set_plan = count_plan(&conn);
        let as_set = counted(&mut conn, set_plan);
        assert!(as_set > 100, "{as_set}");
        assert_eq!(counted(&mut conn, chosen), as_set);
        assert_eq!(count_up_to(&mut conn, &c, 10_000).unwrap(), (as_set, true));
        // A rare name keeps the set.
        let rare = criteria(|p| {
            p.name = Some("janssens".into());
            p.submitted_from = Some("2026-01-02".into());
        });
        assert!(sqlite_count_plan(&mut conn, &rare).unwrap().text_index);
        drop(conn);
        let _ = std::fs::remove_dir_all(dir);
    }

    /// Checked row by row (a common text), a part in lower case finds names whose capitals
    /// are not ASCII, as the trigram index does.
    #[test]
    fn a_text_checked_row_by_row_ignores_the_case_of_every_letter() {
        let (mut conn, dir) = many();
        diesel::sql_query("UPDATE requests SET requester_name = 'ŁUKASZ ÖZTÜRK' WHERE id = 7")
            .execute(&mut conn)
            .unwrap();
        let newest = Sort::parse(None).unwrap();
        for typed in ["öztürk", "łukasz ö", "ÖZTÜRK"] {
            let c = criteria(|p| p.name = Some(typed.into()));
            let by_row = ids(page_in(&mut conn, &c, Plan::default(), newest, None, 51).unwrap());
            let as_set = count_plan(&conn);
            let by_index = ids(page_in(&mut conn, &c, as_set, newest, None, 51).unwrap());
            assert_eq!(by_row, vec![7], "{typed}");
            assert_eq!(by_index, by_row, "{typed}");
        }
        drop(conn);
        let _ = std::fs::remove_dir_all(dir);
    }
}
