//! The local police zone, asked for advice before a model 596.2 extract is delivered.
use super::AdapterError;
use crate::db::schema::mock_police_advice_requests;
use crate::db::Pool;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone)]
pub struct AdviceRequest {
    pub request_id: i64,
    pub subject_name: String,
    pub subject_national_number: Option<String>,
    pub purpose: String,
}

pub trait PoliceAdvice: Send + Sync {
    /// Asks the police for advice; the answer comes later.
    fn request_advice(
        &self,
        request: &AdviceRequest,
        now: NaiveDateTime,
    ) -> Result<(), AdapterError>;
}

/// The police's side lives in the application database; police users answer in the SPA.
pub struct MockPoliceAdvice {
    pool: Pool,
    outages: std::sync::Arc<super::Outages>,
}

impl MockPoliceAdvice {
    pub fn new(pool: Pool, outages: std::sync::Arc<super::Outages>) -> Self {
        Self { pool, outages }
    }
}

impl PoliceAdvice for MockPoliceAdvice {
    fn request_advice(
        &self,
        request: &AdviceRequest,
        now: NaiveDateTime,
    ) -> Result<(), AdapterError> {
        super::Outages::check(&self.outages.police, "police")?;
        let unavailable = |e: &dyn std::fmt::Display| AdapterError::Unavailable {
            system: "police",
            detail: e.to_string(),
        };
        let mut conn = self.pool.get().map_err(|e| unavailable(&e))?;
        // Insert-if-absent: the request id is the idempotency key, so asking again (a retried
        // job) succeeds and changes nothing.
        let asked = |conn: &mut crate::db::DbConnection| {
            mock_police_advice_requests::table
                .filter(mock_police_advice_requests::request_id.eq(request.request_id))
                .count()
                .get_result::<i64>(conn)
                .map(|n| n > 0)
        };
        if asked(&mut conn).map_err(|e| unavailable(&e))? {
            return Ok(());
        }
        let inserted = diesel::insert_into(mock_police_advice_requests::table)
            .values((
                mock_police_advice_requests::request_id.eq(request.request_id),
                mock_police_advice_requests::subject_name.eq(&request.subject_name),
                mock_police_advice_requests::subject_national_number
                    .eq(&request.subject_national_number),
                mock_police_advice_requests::purpose.eq(&request.purpose),
                mock_police_advice_requests::requested_at.eq(now),
            ))
            .execute(&mut conn);
        match inserted {
            Ok(_) => Ok(()),
            // Asked at the same moment by another worker (the UNIQUE constraint caught it).
            Err(_) if asked(&mut conn).unwrap_or(false) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    }
}

/// The mock police's record of an answer (given in the police page, or by staff in their name).
pub fn record_answer(
    conn: &mut crate::db::DbConnection,
    request_id: i64,
    advice: &str,
    remark: Option<&str>,
    by: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        mock_police_advice_requests::table
            .filter(mock_police_advice_requests::request_id.eq(request_id)),
    )
    .set((
        mock_police_advice_requests::advice.eq(Some(advice)),
        mock_police_advice_requests::remark.eq(remark),
        mock_police_advice_requests::answered_at.eq(Some(now)),
        mock_police_advice_requests::answered_by.eq(Some(by)),
    ))
    .execute(conn)
    .map(|_| ())
}
