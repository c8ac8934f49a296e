//! Outgoing e-mail. Every message is first kept in the `emails` outbox; with `SMTP_URL` set it
//! then goes out through SMTP (and is retried when the server does not take it).
use lettre::message::{header::ContentType, Mailbox};
use lettre::{Message, SmtpTransport, Transport};

#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The `Message-ID` fixed when the e-mail was queued (`<…@…>`): a resend after a crash
    /// carries the same one, so the receiver can tell it is the same message.
    pub message_id: Option<String>,
}

pub trait Mailer: Send + Sync {
    fn send(&self, email: &OutgoingEmail) -> Result<(), String>;
}

pub struct SmtpMailer {
    transport: SmtpTransport,
    from: Mailbox,
}

impl SmtpMailer {
    /// `smtp://host:port` (plain, as for a local relay) or `smtps://user:pass@host` (TLS).
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = SmtpTransport::from_url(url)
            .map_err(|e| format!("SMTP_URL is not usable: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("MAIL_FROM '{from}' is not an address: {e}"))?;
        Ok(Self { transport, from })
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, email: &OutgoingEmail) -> Result<(), String> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| format!("bad recipient {}: {e}", email.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .message_id(email.message_id.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
