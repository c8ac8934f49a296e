//! Requests (aanvragen), their tasks, documents, download links and e-mails.
use super::schema::{documents, download_links, emails, requests, tasks};
use super::DbConnection;
use crate::domain::document::FileKind;
use crate::domain::jobs::EmailStatus;
use crate::domain::request::{
    Advice, Channel, DeliveryMethod, ForUse, Language, OutsideSystem, Processing, Status,
};
use crate::domain::task::{TaskStatus, TaskType};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct RequestRow {
    pub id: i64,
    pub reference: String,
    pub document_type_code: String,
    pub status: Status,
    pub processing: Processing,
    pub manual_reasons: String,
    pub submitted_via: Channel,
    pub requester_user_id: Option<i64>,
    pub requester_name: String,
    pub requester_email: String,
    pub requester_national_number: Option<String>,
    pub subject_is_requester: bool,
    pub subject_name: String,
    pub subject_national_number: Option<String>,
    pub subject_birth_date: Option<NaiveDate>,
    pub for_use: ForUse,
    pub destination_country: Option<String>,
    pub purpose: String,
    pub language: Language,
    pub delivery_preference: DeliveryMethod,
    pub delivery_method: Option<DeliveryMethod>,
    pub answers: String,
    pub police_advice: Option<Advice>,
    pub police_advice_remark: Option<String>,
    pub idempotency_key: Option<String>,
    pub submitted_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// The outside system the decision waits for.
    pub waiting_for: Option<OutsideSystem>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = requests)]
pub struct NewRequest {
    pub reference: String,
    pub document_type_code: String,
    pub status: Status,
    pub processing: Processing,
    pub manual_reasons: String,
    pub submitted_via: Channel,
    pub requester_user_id: Option<i64>,
    pub requester_name: String,
    pub requester_email: String,
    pub requester_national_number: Option<String>,
    pub subject_is_requester: bool,
    pub subject_name: String,
    pub subject_national_number: Option<String>,
    pub subject_birth_date: Option<NaiveDate>,
    pub for_use: ForUse,
    pub destination_country: Option<String>,
    pub purpose: String,
    pub language: Language,
    pub delivery_preference: DeliveryMethod,
    pub delivery_method: Option<DeliveryMethod>,
    pub answers: String,
    pub idempotency_key: Option<String>,
    pub idempotency_scope: Option<String>,
    pub idempotency_fingerprint: Option<String>,
    pub submitted_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    pub waiting_for: Option<OutsideSystem>,
}

/// The next number of `year`: 1 for the first request of a year, then one more each time.
/// Run inside the request's transaction; of two instances starting a year at once, one makes
/// the year's row and the other takes the next number from it.
fn next_number(conn: &mut DbConnection, year: i32) -> QueryResult<i64> {
    use super::schema::reference_counters as rc;
    loop {
        let taken: Option<i64> = diesel::update(rc::table.find(year))
            .set(rc::last.eq(rc::last + 1))
            .returning(rc::last)
            .get_result(conn)
            .optional()?;
        if let Some(number) = taken {
            return Ok(number);
        }
        // A savepoint: a lost race leaves the outer transaction usable.
        let first = conn.transaction(|conn| {
            diesel::insert_into(rc::table)
                .values((rc::year.eq(year), rc::last.eq(1_i64)))
                .execute(conn)
        });
        match first {
            Ok(_) => return Ok(1),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Takes the next reference of `year`, `PA-<year>-<nnnnnn>`: numbered per `year` (the civil
/// year of its submission), restarting at 000001 each year.
pub fn take_reference(conn: &mut DbConnection, year: i32) -> QueryResult<String> {
    let number = next_number(conn, year)?;
    Ok(format!("PA-{year}-{number:06}"))
}

/// Inserts the request; one without a reference yet gets the next one of `year`.
pub fn insert(conn: &mut DbConnection, mut new: NewRequest, year: i32) -> QueryResult<RequestRow> {
    if new.reference.is_empty() {
        new.reference = take_reference(conn, year)?;
    }
    let id: i64 = diesel::insert_into(requests::table)
        .values(&new)
        .returning(requests::id)
        .get_result(conn)?;
    let row = requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)?;
    super::webhooks::submitted(conn, &row, new.submitted_at)?;
    Ok(row)
}

pub fn by_reference(conn: &mut DbConnection, reference: &str) -> QueryResult<Option<RequestRow>> {
    requests::table
        .filter(requests::reference.eq(reference.trim().to_uppercase()))
        .select(RequestRow::as_select())
        .first(conn)
        .optional()
}

pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<RequestRow> {
    requests::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)
}

/// A request with the scope and fingerprint of its Idempotency-Key.
pub type KeyedRequest = (RequestRow, Option<String>, Option<String>);

/// Every request made with this Idempotency-Key, with who made it (scope) and what they sent
/// (fingerprint).
pub fn by_idempotency_key(conn: &mut DbConnection, key: &str) -> QueryResult<Vec<KeyedRequest>> {
    requests::table
        .filter(requests::idempotency_key.eq(key))
        .select((
            RequestRow::as_select(),
            requests::idempotency_scope,
            requests::idempotency_fingerprint,
        ))
        .load(conn)
}

/// A requester's own requests, newest first.
pub fn for_requester(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<RequestRow>> {
    requests::table
        .filter(requests::requester_user_id.eq(user_id))
        .order((requests::submitted_at.desc(), requests::id.desc()))
        .select(RequestRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tasks)]
pub struct TaskRow {
    pub id: i64,
    pub request_id: i64,
    pub task_type: TaskType,
    pub status: TaskStatus,
    pub assignee_user_id: Option<i64>,
    pub due_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    pub completed_by: Option<i64>,
    pub note: Option<String>,
    pub version: i32,
}

pub fn insert_task(
    conn: &mut DbConnection,
    request_id: i64,
    task_type: TaskType,
    status: TaskStatus,
    due_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let id: i64 = diesel::insert_into(tasks::table)
        .values((
            tasks::request_id.eq(request_id),
            tasks::task_type.eq(task_type),
            tasks::status.eq(status),
            tasks::due_at.eq(due_at),
            tasks::created_at.eq(now),
        ))
        .returning(tasks::id)
        .get_result(conn)?;
    match status {
        // A parked task is not work yet.
        TaskStatus::Open => {
            let event = crate::domain::webhooks::WebhookEvent::TaskCreated;
            super::webhooks::task_event(conn, event, request_id, (id, task_type), now)
        }
        _ => Ok(()),
    }
}

pub fn tasks_of(conn: &mut DbConnection, request_id: i64) -> QueryResult<Vec<TaskRow>> {
    tasks::table
        .filter(tasks::request_id.eq(request_id))
        .order(tasks::id)
        .select(TaskRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = documents)]
pub struct DocumentMeta {
    pub id: i64,
    pub request_id: i64,
    pub kind: FileKind,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub verification_code: Option<String>,
    pub issued_to_name: String,
    pub issued_at: NaiveDateTime,
    pub valid_until: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocument {
    pub request_id: i64,
    pub kind: FileKind,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
    pub verification_code: Option<String>,
    pub issued_to_name: String,
    pub issued_at: NaiveDateTime,
    pub valid_until: Option<NaiveDateTime>,
}

pub fn insert_document(conn: &mut DbConnection, new: &NewDocument) -> QueryResult<i64> {
    diesel::insert_into(documents::table)
        .values(new)
        .returning(documents::id)
        .get_result(conn)
}

pub fn documents_of(conn: &mut DbConnection, request_id: i64) -> QueryResult<Vec<DocumentMeta>> {
    documents::table
        .filter(documents::request_id.eq(request_id))
        .order(documents::id)
        .select(DocumentMeta::as_select())
        .load(conn)
}

pub fn document(conn: &mut DbConnection, id: i64) -> QueryResult<Option<DocumentMeta>> {
    documents::table
        .find(id)
        .select(DocumentMeta::as_select())
        .first(conn)
        .optional()
}

pub fn document_content(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<u8>> {
    documents::table
        .find(id)
        .select(documents::content)
        .first(conn)
}

pub fn document_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<DocumentMeta>> {
    documents::table
        .filter(documents::verification_code.eq(code))
        .select(DocumentMeta::as_select())
        .first(conn)
        .optional()
}

pub fn insert_link(
    conn: &mut DbConnection,
    token: &str,
    document_id: i64,
    requires_sign_in: bool,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(download_links::table)
        .values((
            download_links::token.eq(token),
            download_links::document_id.eq(document_id),
            download_links::requires_sign_in.eq(requires_sign_in),
            download_links::created_at.eq(now),
            download_links::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// (document id, requires sign-in, expires at)
pub fn link(
    conn: &mut DbConnection,
    token: &str,
) -> QueryResult<Option<(i64, bool, NaiveDateTime)>> {
    download_links::table
        .find(token)
        .select((
            download_links::document_id,
            download_links::requires_sign_in,
            download_links::expires_at,
        ))
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = emails)]
pub struct EmailRow {
    pub id: i64,
    pub request_id: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub template: String,
    pub status: EmailStatus,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// Fixed when the e-mail is queued: every attempt to send it carries this `Message-ID`.
    pub message_id: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = emails)]
pub struct NewEmail<'a> {
    pub request_id: Option<i64>,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub template: &'a str,
    pub status: EmailStatus,
    pub created_at: NaiveDateTime,
    pub message_id: Option<&'a str>,
}

pub fn insert_email(conn: &mut DbConnection, new: &NewEmail) -> QueryResult<i64> {
    diesel::insert_into(emails::table)
        .values(new)
        .returning(emails::id)
        .get_result(conn)
}

pub fn email(conn: &mut DbConnection, id: i64) -> QueryResult<EmailRow> {
    emails::table
        .find(id)
        .select(EmailRow::as_select())
        .first(conn)
}

pub fn emails_of(conn: &mut DbConnection, request_id: i64) -> QueryResult<Vec<EmailRow>> {
    emails::table
        .filter(emails::request_id.eq(request_id))
        .order(emails::id)
        .select(EmailRow::as_select())
        .load(conn)
}

/// The newest e-mails, for the development outbox page.
pub fn recent_emails(
    conn: &mut DbConnection,
    to: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<EmailRow>> {
    let mut query = emails::table
        .order(emails::id.desc())
        .limit(limit)
        .select(EmailRow::as_select())
        .into_boxed();
    if let Some(to) = to {
        query = query.filter(emails::to_address.eq(to.to_owned()));
    }
    query.load(conn)
}

pub fn mark_email(
    conn: &mut DbConnection,
    id: i64,
    status: EmailStatus,
    error: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(emails::table.find(id))
        .set((
            emails::status.eq(status),
            emails::attempts.eq(emails::attempts + 1),
            emails::last_error.eq(error),
            emails::sent_at.eq((status == EmailStatus::Sent).then_some(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Moves a request to `status` (bumping its version); `delivery` is kept when `None`.
pub fn set_status(
    conn: &mut DbConnection,
    row: &RequestRow,
    status: Status,
    delivery: Option<DeliveryMethod>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let changed = diesel::update(
        requests::table
            .find(row.id)
            .filter(requests::version.eq(row.version)),
    )
    .set((
        requests::status.eq(status),
        requests::version.eq(row.version + 1),
        requests::updated_at.eq(now),
        requests::finished_at.eq(status.is_final().then_some(now)),
        requests::delivery_method.eq(delivery.or(row.delivery_method)),
    ))
    .execute(conn)?;
    match changed {
        1 => super::webhooks::status_changed(conn, row, status, now),
        _ => Ok(()),
    }
}

/// Closes the request's unfinished tasks of these types (all of them when `types` is empty).
pub fn close_tasks(
    conn: &mut DbConnection,
    request_id: i64,
    types: &[TaskType],
    status: TaskStatus,
    by: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    // The open tasks done now, for `task.completed` (parked ones were never work).
    let completed = crate::domain::webhooks::WebhookEvent::TaskCompleted;
    let listened = status == TaskStatus::Done && super::webhooks::anyone_listens(conn, completed)?;
    let done: Vec<(i64, TaskType)> = match listened {
        true => tasks_of(conn, request_id)?
            .into_iter()
            .filter(|t| t.status == TaskStatus::Open)
            .filter(|t| types.is_empty() || types.contains(&t.task_type))
            .map(|t| (t.id, t.task_type))
            .collect(),
        false => Vec::new(),
    };
    let mut query = diesel::update(tasks::table)
        .filter(tasks::request_id.eq(request_id))
        .filter(tasks::status.eq_any(TaskStatus::UNFINISHED))
        .into_boxed();
    if !types.is_empty() {
        query = query.filter(tasks::task_type.eq_any(types.to_vec()));
    }
    query
        .set((
            tasks::status.eq(status),
            tasks::completed_at.eq(Some(now)),
            tasks::completed_by.eq(by),
            tasks::version.eq(tasks::version + 1),
        ))
        .execute(conn)?;
    for task in done {
        super::webhooks::task_event(conn, completed, request_id, task, now)?;
    }
    Ok(())
}

pub fn set_police_advice(
    conn: &mut DbConnection,
    request_id: i64,
    advice: Advice,
    remark: Option<&str>,
) -> QueryResult<()> {
    diesel::update(requests::table.find(request_id))
        .set((
            requests::police_advice.eq(advice),
            requests::police_advice_remark.eq(remark),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A change to the request's tasks (claimed, assigned, a deadline's task): a new version, so
/// an action on what someone saw before is refused as stale.
pub fn touch(conn: &mut DbConnection, request_id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(requests::table.find(request_id))
        .set((
            requests::version.eq(requests::version + 1),
            requests::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_processing(
    conn: &mut DbConnection,
    request_id: i64,
    processing: Processing,
) -> QueryResult<()> {
    diesel::update(requests::table.find(request_id))
        .set(requests::processing.eq(processing))
        .execute(conn)
        .map(|_| ())
}

/// Locks the request for this transaction (the first statement is a write: SQLite's write
/// lock, PostgreSQL's row lock) and reads it as it is now.
pub fn lock_by_id(conn: &mut DbConnection, request_id: i64) -> QueryResult<RequestRow> {
    diesel::update(requests::table.find(request_id))
        .set(requests::version.eq(requests::version))
        .execute(conn)?;
    by_id(conn, request_id)
}

/// What the decision that waited for an outside system found: how the request is handled,
/// why, and where it stands now (a new version; it waits for nothing any more).
pub struct Decided<'a> {
    pub processing: Processing,
    pub manual_reasons: &'a str,
    pub status: Status,
    pub delivery_method: Option<DeliveryMethod>,
}

pub fn set_decided(
    conn: &mut DbConnection,
    row: &RequestRow,
    decided: Decided<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(requests::table.find(row.id))
        .set((
            requests::processing.eq(decided.processing),
            requests::manual_reasons.eq(decided.manual_reasons),
            requests::status.eq(decided.status),
            requests::delivery_method.eq(decided.delivery_method),
            requests::waiting_for.eq(None::<OutsideSystem>),
            requests::version.eq(requests::version + 1),
            requests::updated_at.eq(now),
            requests::finished_at.eq(decided.status.is_final().then_some(now)),
        ))
        .execute(conn)?;
    super::webhooks::status_changed(conn, row, decided.status, now)
}

/// The decision still waits, now for `system` (DABS answered, the register not yet).
pub fn set_waiting_for(
    conn: &mut DbConnection,
    request_id: i64,
    system: OutsideSystem,
) -> QueryResult<()> {
    diesel::update(requests::table.find(request_id))
        .set(requests::waiting_for.eq(Some(system)))
        .execute(conn)
        .map(|_| ())
}
