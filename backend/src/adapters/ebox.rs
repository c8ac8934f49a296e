//! My eBox, the federal mailbox where citizens receive documents from the government.
use super::AdapterError;
use crate::db::schema::mock_ebox_messages;
use crate::db::Pool;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone)]
pub struct EBoxMessage {
    pub sender: String,
    pub subject: String,
    pub body: String,
    /// The delivered document, by its id in this application.
    pub document_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct ReceivedMessage {
    pub id: i64,
    pub message: EBoxMessage,
    pub delivered_at: NaiveDateTime,
}

pub trait EBox: Send + Sync {
    /// Delivers `message`; `delivery_id` is the idempotency key (the same document for the
    /// same request has the same one), so a retried delivery arrives once.
    fn deliver(
        &self,
        national_number: &str,
        delivery_id: &str,
        message: &EBoxMessage,
        now: NaiveDateTime,
    ) -> Result<(), AdapterError>;
    /// What arrived for a person, newest first (the mock's own page shows it).
    fn inbox(&self, national_number: &str) -> Result<Vec<ReceivedMessage>, AdapterError>;
}

/// Keeps the mailboxes in the application database.
pub struct MockEBox {
    pool: Pool,
    outages: std::sync::Arc<super::Outages>,
}

impl MockEBox {
    pub fn new(pool: Pool, outages: std::sync::Arc<super::Outages>) -> Self {
        Self { pool, outages }
    }

    fn unavailable(e: impl std::fmt::Display) -> AdapterError {
        AdapterError::Unavailable {
            system: "My eBox",
            detail: e.to_string(),
        }
    }
}

impl EBox for MockEBox {
    fn deliver(
        &self,
        national_number: &str,
        delivery_id: &str,
        message: &EBoxMessage,
        now: NaiveDateTime,
    ) -> Result<(), AdapterError> {
        super::Outages::check(&self.outages.ebox, "My eBox")?;
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        // A delivery it already has is acknowledged and ignored, as the real mailbox does.
        let known = |conn: &mut crate::db::DbConnection| {
            mock_ebox_messages::table
                .filter(mock_ebox_messages::delivery_id.eq(delivery_id))
                .count()
                .get_result::<i64>(conn)
                .map(|n| n > 0)
        };
        if known(&mut conn).map_err(Self::unavailable)? {
            return Ok(());
        }
        let inserted = diesel::insert_into(mock_ebox_messages::table)
            .values((
                mock_ebox_messages::national_number.eq(national_number),
                mock_ebox_messages::sender.eq(&message.sender),
                mock_ebox_messages::subject.eq(&message.subject),
                mock_ebox_messages::body.eq(&message.body),
                mock_ebox_messages::document_id.eq(message.document_id),
                mock_ebox_messages::delivered_at.eq(now),
                mock_ebox_messages::delivery_id.eq(delivery_id),
            ))
            .execute(&mut conn);
        match inserted {
            Ok(_) => Ok(()),
            // Delivered at the same moment by another worker (the unique index caught it).
            Err(_) if known(&mut conn).unwrap_or(false) => Ok(()),
            Err(e) => Err(Self::unavailable(e)),
        }
    }

    fn inbox(&self, national_number: &str) -> Result<Vec<ReceivedMessage>, AdapterError> {
        super::Outages::check(&self.outages.ebox, "My eBox")?;
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        let rows: Vec<(i64, String, String, String, Option<i64>, NaiveDateTime)> =
            mock_ebox_messages::table
                .filter(mock_ebox_messages::national_number.eq(national_number))
                .order((
                    mock_ebox_messages::delivered_at.desc(),
                    mock_ebox_messages::id.desc(),
                ))
                .select((
                    mock_ebox_messages::id,
                    mock_ebox_messages::sender,
                    mock_ebox_messages::subject,
                    mock_ebox_messages::body,
                    mock_ebox_messages::document_id,
                    mock_ebox_messages::delivered_at,
                ))
                .load(&mut conn)
                .map_err(Self::unavailable)?;
        Ok(rows
            .into_iter()
            .map(
                |(id, sender, subject, body, document_id, delivered_at)| ReceivedMessage {
                    id,
                    message: EBoxMessage {
                        sender,
                        subject,
                        body,
                        document_id,
                    },
                    delivered_at,
                },
            )
            .collect())
    }
}
