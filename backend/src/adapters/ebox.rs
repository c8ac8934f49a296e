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
    fn deliver(
        &self,
        national_number: &str,
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
        message: &EBoxMessage,
        now: NaiveDateTime,
    ) -> Result<(), AdapterError> {
        super::Outages::check(&self.outages.ebox, "My eBox")?;
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        diesel::insert_into(mock_ebox_messages::table)
            .values((
                mock_ebox_messages::national_number.eq(national_number),
                mock_ebox_messages::sender.eq(&message.sender),
                mock_ebox_messages::subject.eq(&message.subject),
                mock_ebox_messages::body.eq(&message.body),
                mock_ebox_messages::document_id.eq(message.document_id),
                mock_ebox_messages::delivered_at.eq(now),
            ))
            .execute(&mut conn)
            .map_err(Self::unavailable)?;
        Ok(())
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
