//! DABS, the national database of civil-status deeds (databank akten burgerlijke stand).
use super::AdapterError;
use crate::db::schema::mock_dabs_deeds;
use crate::db::Pool;
use crate::domain::document::DeedType;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deed {
    pub reference: String,
    /// birth, marriage, death or divorce.
    pub deed_type: String,
    /// The people the deed is about.
    #[serde(rename = "persons")]
    pub national_numbers: Vec<String>,
    pub registered_at: NaiveDate,
    pub place: String,
    /// What the deed says, by field (child, father, spouse1, marriageDate, …).
    pub details: BTreeMap<String, String>,
}

pub trait Dabs: Send + Sync {
    /// The deed of this type about this person, if DABS has it.
    fn find(
        &self,
        deed_type: DeedType,
        national_number: &str,
    ) -> Result<Option<Deed>, AdapterError>;
    /// Registers a deed (what the civil-status officer does in DABS itself).
    fn add(&self, deed: &Deed, now: NaiveDateTime) -> Result<(), AdapterError>;
    fn list(&self) -> Result<Vec<Deed>, AdapterError>;
}

/// Keeps its deeds in the application database so every instance sees the same DABS.
pub struct MockDabs {
    pool: Pool,
    outages: std::sync::Arc<super::Outages>,
}

type DeedRow = (String, String, String, NaiveDate, String, String);

impl MockDabs {
    pub fn new(pool: Pool, outages: std::sync::Arc<super::Outages>) -> Self {
        Self { pool, outages }
    }

    fn unavailable(e: impl std::fmt::Display) -> AdapterError {
        AdapterError::Unavailable {
            system: "DABS",
            detail: e.to_string(),
        }
    }

    /// Loads `seed/dabs_deeds.json` into an empty mock.
    pub fn seed(&self, now: NaiveDateTime) -> Result<(), AdapterError> {
        #[derive(Deserialize)]
        struct Seed {
            deeds: Vec<Deed>,
        }
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        let count: i64 = mock_dabs_deeds::table
            .count()
            .get_result(&mut conn)
            .map_err(Self::unavailable)?;
        if count > 0 {
            return Ok(());
        }
        let seed: Seed = serde_json::from_str(include_str!("../../seed/dabs_deeds.json"))
            .map_err(Self::unavailable)?;
        drop(conn);
        seed.deeds.iter().try_for_each(|deed| self.add(deed, now))
    }

    fn from_row((reference, deed_type, numbers, registered_at, place, details): DeedRow) -> Deed {
        Deed {
            reference,
            deed_type,
            national_numbers: numbers.split(',').map(str::to_owned).collect(),
            registered_at,
            place,
            details: serde_json::from_str(&details).unwrap_or_default(),
        }
    }
}

const COLUMNS: (
    mock_dabs_deeds::reference,
    mock_dabs_deeds::deed_type,
    mock_dabs_deeds::national_numbers,
    mock_dabs_deeds::registered_on,
    mock_dabs_deeds::place,
    mock_dabs_deeds::details,
) = (
    mock_dabs_deeds::reference,
    mock_dabs_deeds::deed_type,
    mock_dabs_deeds::national_numbers,
    mock_dabs_deeds::registered_on,
    mock_dabs_deeds::place,
    mock_dabs_deeds::details,
);

impl Dabs for MockDabs {
    fn find(
        &self,
        deed_type: DeedType,
        national_number: &str,
    ) -> Result<Option<Deed>, AdapterError> {
        self.outages.answer_slowly();
        super::Outages::check(&self.outages.dabs, "DABS")?;
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        let rows: Vec<DeedRow> = mock_dabs_deeds::table
            .filter(mock_dabs_deeds::deed_type.eq(deed_type))
            .filter(mock_dabs_deeds::national_numbers.like(format!("%{national_number}%")))
            .order(mock_dabs_deeds::registered_on.desc())
            .select(COLUMNS)
            .load(&mut conn)
            .map_err(Self::unavailable)?;
        Ok(rows
            .into_iter()
            .map(Self::from_row)
            .find(|d| d.national_numbers.iter().any(|n| n == national_number)))
    }

    fn add(&self, deed: &Deed, now: NaiveDateTime) -> Result<(), AdapterError> {
        super::Outages::check(&self.outages.dabs, "DABS")?;
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        diesel::insert_into(mock_dabs_deeds::table)
            .values((
                mock_dabs_deeds::reference.eq(&deed.reference),
                mock_dabs_deeds::deed_type.eq(&deed.deed_type),
                mock_dabs_deeds::national_numbers.eq(deed.national_numbers.join(",")),
                mock_dabs_deeds::registered_on.eq(deed.registered_at),
                mock_dabs_deeds::place.eq(&deed.place),
                mock_dabs_deeds::details
                    .eq(serde_json::to_string(&deed.details).unwrap_or_default()),
                mock_dabs_deeds::added_at.eq(now),
            ))
            .execute(&mut conn)
            .map_err(Self::unavailable)?;
        Ok(())
    }

    fn list(&self) -> Result<Vec<Deed>, AdapterError> {
        super::Outages::check(&self.outages.dabs, "DABS")?;
        let mut conn = self.pool.get().map_err(Self::unavailable)?;
        let rows: Vec<DeedRow> = mock_dabs_deeds::table
            .order(mock_dabs_deeds::id)
            .select(COLUMNS)
            .load(&mut conn)
            .map_err(Self::unavailable)?;
        Ok(rows.into_iter().map(Self::from_row).collect())
    }
}
