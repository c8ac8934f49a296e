//! The e-mails of the seed, in Dutch, each with the reference and a clear next step. They are
//! kept in the outbox first; with SMTP configured they are sent after the change is committed.
use crate::adapters::mailer::OutgoingEmail;
use crate::db::catalogue::DocumentTypeRow;
use crate::db::requests::RequestRow;
use crate::db::{jobs, requests, DbConnection};
use crate::error::ApiResult;
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
    let expires_on = expires_at.format("%d.%m.%Y");
    let requires_sign_in = doc_type.kind == "criminal_record";
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
) -> ApiResult<Option<i64>> {
    let status = if state.adapters.mailer.is_some() {
        "queued"
    } else {
        "kept"
    };
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
        },
    )?;
    Ok(match status {
        "queued" => Some(jobs::enqueue(
            conn,
            super::jobs::SEND_EMAIL,
            &id.to_string(),
            now,
            now,
        )?),
        _ => None,
    })
}

/// The job: hands a queued e-mail to the SMTP server.
pub fn send(conn: &mut DbConnection, state: &AppState, email_id: i64) -> Result<(), String> {
    let Some(mailer) = &state.adapters.mailer else {
        return Ok(());
    };
    let row = requests::email(conn, email_id).map_err(|e| e.to_string())?;
    if row.status != "queued" {
        return Ok(());
    }
    let now = state.clock.now_naive();
    let result = mailer.send(&OutgoingEmail {
        to: row.to_address,
        subject: row.subject,
        body: row.body,
    });
    let (status, error) = match &result {
        Ok(()) => ("sent", None),
        Err(e) => ("queued", Some(e.as_str())),
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
    requests::mark_email(conn, email_id, "failed", Some(error), now).map_err(|e| e.to_string())
}
