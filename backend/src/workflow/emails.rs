//! The e-mails of the seed, in the requester's language (the request's `language`), each with
//! the reference and a clear next step. Their wording is data, like the documents'. They are
//! kept in the outbox first; with SMTP configured they are sent after the change is committed.
use super::Result;
use crate::adapters::mailer::OutgoingEmail;
use crate::db::catalogue::DocumentTypeRow;
use crate::db::requests::RequestRow;
use crate::db::{jobs, requests, DbConnection};
use crate::documents::templates::{fill, EmailTexts};
use crate::domain::civil;
use crate::domain::jobs::{EmailStatus, JobKind};
use crate::startup::AppState;
use chrono::NaiveDateTime;

pub struct Email {
    pub template: &'static str,
    pub subject: String,
    pub body: String,
}

impl Email {
    pub fn new(template: &'static str, subject: String, body: String) -> Self {
        Self {
            template,
            subject,
            body,
        }
    }
}

/// An e-mail in `language`: the greeting, the body `pick` chooses, the signature, and for
/// messages nobody reads the answers to, the note saying so. The texts are data
/// (`backend/templates/<language>/emails.toml`, see `documents::templates`).
fn write(
    state: &AppState,
    language: &str,
    template: &'static str,
    values: &[(&str, &str)],
    automatic: bool,
    pick: impl Fn(&EmailTexts) -> (&String, String),
) -> Email {
    let Some(texts) = state.config.branding.templates.emails(language) else {
        // Unreachable: the shipped templates always hold Dutch e-mails (a unit test loads them).
        return Email::new(template, String::new(), String::new());
    };
    let municipality = state.config.municipality.as_str();
    let mut all = values.to_vec();
    all.push(("municipality", municipality));
    let (subject, body) = pick(texts);
    let mut text = format!(
        "{}\n\n{}\n\n{}",
        fill(&texts.greeting, &all),
        fill(&body, &all),
        fill(&texts.signature, &all)
    );
    if automatic {
        text.push_str("\n\n");
        text.push_str(&texts.automatic_note);
    }
    Email::new(template, fill(subject, &all), text)
}

/// The document is ready: a link to it (never the content of a criminal-record extract).
pub fn document_ready(
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    link: &str,
    expires_at: NaiveDateTime,
) -> Email {
    let language = row.language.as_str();
    let title = state.config.branding.title(language, doc_type);
    let format = state
        .config
        .branding
        .templates
        .common(language)
        .map_or("%d.%m.%Y", |c| c.date_format.as_str());
    let expires_on = civil::local_date(expires_at, state.config.time_zone)
        .format(format)
        .to_string();
    let requires_sign_in = doc_type.kind.requires_sign_in_online();
    let ebox = row.requester_user_id.is_some() && row.requester_national_number.is_some();
    let values = [
        ("name", row.requester_name.as_str()),
        ("title", title.as_str()),
        ("reference", row.reference.as_str()),
        ("link", link),
        ("expires_on", expires_on.as_str()),
    ];
    write(state, language, "document_ready", &values, true, |t| {
        let access = if requires_sign_in {
            &t.document_ready_sign_in
        } else {
            &t.document_ready_download
        };
        let mut body = format!(
            "{}\n\n{access}\n{{link}}\n\n{}",
            t.document_ready_body, t.document_ready_until
        );
        if ebox {
            body.push_str("\n\n");
            body.push_str(&t.document_ready_ebox);
        }
        (&t.document_ready_subject, body)
    })
}

/// Someone who did not sign in confirms their address, and so their request.
pub fn confirm_request(
    state: &AppState,
    language: &str,
    name: &str,
    title: &str,
    link: &str,
) -> Email {
    let values = [("name", name), ("title", title), ("link", link)];
    write(state, language, "confirm_request", &values, true, |t| {
        (&t.confirm_subject, t.confirm_body.clone())
    })
}

/// The request is in and goes to staff.
pub fn acknowledgement(state: &AppState, row: &RequestRow, title: &str, track_url: &str) -> Email {
    let values = [
        ("name", row.requester_name.as_str()),
        ("title", title),
        ("reference", row.reference.as_str()),
        ("track_url", track_url),
    ];
    write(
        state,
        row.language.as_str(),
        "acknowledgement",
        &values,
        true,
        |t| (&t.acknowledgement_subject, t.acknowledgement_body.clone()),
    )
}

/// The request is in, and its decision waits for an outside system that is down.
pub fn waiting_acknowledgement(
    state: &AppState,
    row: &RequestRow,
    title: &str,
    track_url: &str,
    system: crate::domain::request::OutsideSystem,
) -> Email {
    use crate::domain::request::OutsideSystem;
    let language = row.language.as_str();
    let which = state
        .config
        .branding
        .templates
        .emails(language)
        .map(|t| match system {
            OutsideSystem::NationalRegister => t.system_national_register.clone(),
            OutsideSystem::Dabs => t.system_dabs.clone(),
        })
        .unwrap_or_default();
    let values = [
        ("name", row.requester_name.as_str()),
        ("title", title),
        ("reference", row.reference.as_str()),
        ("track_url", track_url),
        ("system", which.as_str()),
    ];
    write(state, language, "acknowledgement", &values, true, |t| {
        (&t.acknowledgement_subject, t.waiting_body.clone())
    })
}

/// Stores the e-mail in the outbox, `kept` without SMTP; with SMTP `queued` plus a job that
/// sends it once the change is committed. Returns the job, if any.
pub fn queue(
    conn: &mut DbConnection,
    state: &AppState,
    request_id: Option<i64>,
    to: &str,
    email: &Email,
    now: NaiveDateTime,
) -> Result<Option<i64>> {
    let status = if state.adapters.mailer.is_some() {
        EmailStatus::Queued
    } else {
        EmailStatus::Kept
    };
    let message_id = new_message_id(&state.config.mail_from);
    let id = requests::insert_email(
        conn,
        &requests::NewEmail {
            request_id,
            to_address: to,
            subject: &email.subject,
            body: &email.body,
            template: email.template,
            status,
            created_at: now,
            message_id: Some(&message_id),
        },
    )?;
    Ok(match status {
        EmailStatus::Queued => Some(jobs::enqueue(
            conn,
            JobKind::SendEmail,
            &id.to_string(),
            now,
            now,
        )?),
        _ => None,
    })
}

/// A new, globally unique `Message-ID` in the sender's domain (RFC 5322 §3.6.4), fixed when
/// the e-mail is queued.
fn new_message_id(mail_from: &str) -> String {
    let address = mail_from
        .rsplit_once('<')
        .map_or(mail_from, |(_, a)| a.trim_end_matches('>'));
    let domain = address
        .rsplit_once('@')
        .map(|(_, d)| d.trim())
        .filter(|d| !d.is_empty())
        .unwrap_or("loket.invalid");
    format!("<{}.loket@{domain}>", uuid::Uuid::new_v4().simple())
}

/// The job: hands a queued e-mail to the SMTP server, under the `Message-ID` it was queued
/// with (an e-mail sent just before a crash goes out again under the same one).
pub fn send(conn: &mut DbConnection, state: &AppState, email_id: i64) -> Result<(), String> {
    let row = requests::email(conn, email_id).map_err(|e| e.to_string())?;
    let sent = deliver(state, row);
    mark_sent(conn, state, email_id, sent)
}

/// What the SMTP server said of a queued e-mail: `None` when nothing was sent (no SMTP
/// server configured, or the e-mail is no longer queued). Holds no database connection.
pub fn deliver(state: &AppState, row: requests::EmailRow) -> Option<Result<(), String>> {
    let mailer = state.adapters.mailer.as_ref()?;
    if row.status != EmailStatus::Queued {
        return None;
    }
    Some(mailer.send(&OutgoingEmail {
        to: row.to_address,
        subject: row.subject,
        body: row.body,
        message_id: row.message_id,
    }))
}

/// Records what [`deliver`] found: sent, or still queued with the server's error.
pub fn mark_sent(
    conn: &mut DbConnection,
    state: &AppState,
    email_id: i64,
    sent: Option<Result<(), String>>,
) -> Result<(), String> {
    let Some(result) = sent else {
        return Ok(());
    };
    let now = state.clock.now_naive();
    let (status, error) = match &result {
        Ok(()) => (EmailStatus::Sent, None),
        Err(e) => (EmailStatus::Queued, Some(e.as_str())),
    };
    requests::mark_email(conn, email_id, status, error, now).map_err(|e| e.to_string())?;
    result
}

/// Gives up on an e-mail the server never took.
pub fn give_up(
    conn: &mut DbConnection,
    email_id: i64,
    error: &str,
    now: NaiveDateTime,
) -> Result<(), String> {
    requests::mark_email(conn, email_id, EmailStatus::Failed, Some(error), now)
        .map_err(|e| e.to_string())
}

/// What staff did, told to the requester in their language.
fn after_action(
    state: &AppState,
    row: &RequestRow,
    template: &'static str,
    values: &[(&str, &str)],
    pick: impl Fn(&EmailTexts) -> (&String, String),
) -> Email {
    let mut all = vec![
        ("name", row.requester_name.as_str()),
        ("reference", row.reference.as_str()),
    ];
    all.extend_from_slice(values);
    write(state, row.language.as_str(), template, &all, false, pick)
}

pub fn ready_for_pickup(state: &AppState, row: &RequestRow, title: &str) -> Email {
    after_action(state, row, "ready_for_pickup", &[("title", title)], |t| {
        (&t.ready_for_pickup_subject, t.ready_for_pickup_body.clone())
    })
}

pub fn refused(state: &AppState, row: &RequestRow, title: &str, reason: &str) -> Email {
    let values = [("title", title), ("reason", reason)];
    after_action(state, row, "refused", &values, |t| {
        (&t.refused_subject, t.refused_body.clone())
    })
}

pub fn cancelled(state: &AppState, row: &RequestRow, title: &str, explanation: &str) -> Email {
    let values = [("title", title), ("explanation", explanation)];
    after_action(state, row, "cancelled", &values, |t| {
        (&t.cancelled_subject, t.cancelled_body.clone())
    })
}

pub fn sent_by_post(state: &AppState, row: &RequestRow, title: &str) -> Email {
    after_action(state, row, "sent_by_post", &[("title", title)], |t| {
        (&t.sent_by_post_subject, t.sent_by_post_body.clone())
    })
}
