//! The e-mails of the seed, in Dutch, each with the reference and a clear next step. They are
//! kept in the outbox first; with SMTP configured they are sent after the change is committed.
use super::Result;
use crate::adapters::mailer::OutgoingEmail;
use crate::db::catalogue::DocumentTypeRow;
use crate::db::requests::RequestRow;
use crate::db::{jobs, requests, DbConnection};
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

fn signature(municipality: &str) -> String {
    format!("\n\nMet vriendelijke groeten,\nDienst Burgerzaken — {municipality}\n\nDit is een automatisch bericht; antwoorden op deze e-mail worden niet gelezen.")
}

/// The document is ready: a link to it (never the content of a criminal-record extract).
pub fn document_ready(
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    link: &str,
    expires_at: NaiveDateTime,
) -> Email {
    let (municipality, name, title, reference) = (
        &state.config.municipality,
        &row.requester_name,
        &doc_type.name,
        &row.reference,
    );
    let expires_on = civil::local_date(expires_at, state.config.time_zone).format("%d.%m.%Y");
    let requires_sign_in = doc_type.kind.requires_sign_in_online();
    let ebox = row.requester_user_id.is_some() && row.requester_national_number.is_some();
    let access = if requires_sign_in {
        "Om je privacy te beschermen, sturen we dit document niet mee. Meld je aan via de link hieronder om het te bekijken en te downloaden:"
    } else {
        "Je kan het document downloaden via deze link:"
    };
    let ebox_line = if ebox {
        "\n\nJe vindt het document ook in My eBox."
    } else {
        ""
    };
    Email {
        template: "document_ready",
        subject: format!("Je document is klaar: {title} ({reference})"),
        body: format!(
            "Beste {name},\n\nJe aanvraag '{title}' met referentie {reference} is verwerkt.\n\n{access}\n{link}\n\nDe link werkt tot en met {expires_on}.{ebox_line}{}",
            signature(municipality)
        ),
    }
}

/// Someone who did not sign in confirms their address, and so their request.
pub fn confirm_request(municipality: &str, name: &str, title: &str, link: &str) -> Email {
    Email {
        template: "confirm_request",
        subject: format!("Bevestig je aanvraag '{title}'"),
        body: format!(
            "Beste {name},\n\nJe vroeg '{title}' aan zonder je aan te melden. Bevestig je aanvraag met deze link; pas daarna behandelen we ze:\n\n{link}\n\nDe link werkt 24 uur. Zonder bevestiging vervalt de aanvraag. Heb je niets aangevraagd? Dan hoef je niets te doen.{}",
            signature(municipality)
        ),
    }
}

pub fn acknowledgement(
    municipality: &str,
    name: &str,
    title: &str,
    reference: &str,
    track_url: &str,
) -> Email {
    Email {
        template: "acknowledgement",
        subject: format!("Ontvangstbevestiging van je aanvraag {reference}"),
        body: format!(
            "Beste {name},\n\nWe hebben je aanvraag '{title}' goed ontvangen. Je referentienummer is {reference}.\n\nEen medewerker behandelt je aanvraag. We houden je per e-mail op de hoogte van elke volgende stap. Vermeld je referentienummer als je contact met ons opneemt.\n\nJe aanvraag opvolgen: {track_url}{}",
            signature(municipality)
        ),
    }
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

/// The closing of the e-mails staff actions send.
fn staff_signature(municipality: &str) -> String {
    format!("\n\nMet vriendelijke groeten,\nDienst Burgerzaken — {municipality}")
}

/// What staff did, told to the requester: `(template, subject, opening after "Beste …")`.
fn after_action(
    municipality: &str,
    row: &RequestRow,
    template: &'static str,
    subject: String,
    text: String,
) -> Email {
    Email::new(
        template,
        subject,
        format!(
            "Beste {},\n\n{text}{}",
            row.requester_name,
            staff_signature(municipality)
        ),
    )
}

pub fn ready_for_pickup(municipality: &str, row: &RequestRow, title: &str) -> Email {
    let reference = &row.reference;
    after_action(
        municipality,
        row,
        "ready_for_pickup",
        format!("Je document ligt klaar aan de balie ({reference})"),
        format!("Je document '{title}' (referentie {reference}) ligt klaar aan de balie van de dienst Burgerzaken. Breng je identiteitskaart mee om het af te halen."),
    )
}

pub fn refused(municipality: &str, row: &RequestRow, title: &str, reason: &str) -> Email {
    let reference = &row.reference;
    after_action(
        municipality,
        row,
        "refused",
        format!("Je aanvraag {reference} werd geweigerd"),
        format!("We kunnen je aanvraag '{title}' (referentie {reference}) helaas niet afleveren.\n\nReden: {reason}\n\nHeb je vragen? Neem contact op met de dienst Burgerzaken en vermeld je referentienummer."),
    )
}

pub fn cancelled(municipality: &str, row: &RequestRow, title: &str, explanation: &str) -> Email {
    let reference = &row.reference;
    after_action(
        municipality,
        row,
        "cancelled",
        format!("Je aanvraag {reference} werd geannuleerd"),
        format!(
            "Je aanvraag '{title}' (referentie {reference}) werd geannuleerd.\n\n{explanation}"
        ),
    )
}

pub fn sent_by_post(municipality: &str, row: &RequestRow, title: &str) -> Email {
    let reference = &row.reference;
    after_action(
        municipality,
        row,
        "sent_by_post",
        format!("Je document is per post verstuurd ({reference})"),
        format!("Je document '{title}' (referentie {reference}) werd vandaag per post verstuurd. Je ontvangt het binnen enkele werkdagen."),
    )
}
