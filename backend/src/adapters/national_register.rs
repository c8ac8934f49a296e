//! The national register (rijksregister): who a person is, where they live and lived, and
//! who belongs to their household.
use super::AdapterError;
use crate::domain::national_number::NationalNumber;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street: String,
    pub number: String,
    pub r#box: Option<String>,
    pub postal_code: String,
    pub municipality: String,
    pub country: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Address {
    /// "Kerkstraat 12 bus 2, 9999 Voorbeeldegem"
    pub fn one_line(&self) -> String {
        let bus = self
            .r#box
            .as_ref()
            .map(|b| format!(" bus {b}"))
            .unwrap_or_default();
        format!(
            "{} {}{}, {} {}",
            self.street, self.number, bus, self.postal_code, self.municipality
        )
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LegalCohabitation {
    pub partner_national_number: String,
    pub since: NaiveDate,
    pub municipality: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub national_number: String,
    pub first_names: String,
    pub last_name: String,
    pub birth_date: NaiveDate,
    pub birth_place: String,
    pub gender: String,
    pub nationality: String,
    pub civil_status: String,
    /// Oldest first; the last one without `until` is the current address.
    pub addresses: Vec<Address>,
    pub household_id: Option<String>,
    pub household_role: Option<String>,
    pub email: Option<String>,
    pub death_date: Option<NaiveDate>,
    pub legal_cohabitation: Option<LegalCohabitation>,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_names, self.last_name)
    }

    /// The name people use: first given name and family name.
    pub fn display_name(&self) -> String {
        let first = self
            .first_names
            .split_whitespace()
            .next()
            .unwrap_or(&self.first_names);
        format!("{first} {}", self.last_name)
    }

    pub fn current_address(&self) -> Option<&Address> {
        self.addresses.iter().rev().find(|a| a.until.is_none())
    }
}

pub trait NationalRegister: Send + Sync {
    fn person(&self, number: &NationalNumber) -> Result<Option<Person>, AdapterError>;
    fn household(&self, household_id: &str) -> Result<Vec<Person>, AdapterError>;
    /// Seeded people a tester can sign in as; empty for the real register.
    fn test_people(&self) -> Vec<Person>;
}

/// Holds the demo population of `seed/national_register.json`.
pub struct MockNationalRegister {
    people: Vec<Person>,
    outages: std::sync::Arc<super::Outages>,
    by_number: HashMap<String, usize>,
}

#[derive(Deserialize)]
struct Seed {
    persons: Vec<Person>,
}

impl MockNationalRegister {
    pub fn from_seed(outages: std::sync::Arc<super::Outages>) -> Self {
        let seed: Seed = serde_json::from_str(include_str!("../../seed/national_register.json"))
            .unwrap_or_else(|e| panic!("seed/national_register.json is invalid: {e}"));
        Self::new(seed.persons, outages)
    }

    pub fn new(people: Vec<Person>, outages: std::sync::Arc<super::Outages>) -> Self {
        let by_number = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.national_number.clone(), i))
            .collect();
        Self {
            people,
            by_number,
            outages,
        }
    }
}

impl NationalRegister for MockNationalRegister {
    fn person(&self, number: &NationalNumber) -> Result<Option<Person>, AdapterError> {
        self.outages.answer_slowly();
        super::Outages::check(&self.outages.national_register, "the national register")?;
        Ok(self
            .by_number
            .get(number.as_str())
            .and_then(|&i| self.people.get(i))
            .cloned())
    }

    fn household(&self, household_id: &str) -> Result<Vec<Person>, AdapterError> {
        self.outages.answer_slowly();
        super::Outages::check(&self.outages.national_register, "the national register")?;
        Ok(self
            .people
            .iter()
            .filter(|p| p.household_id.as_deref() == Some(household_id) && p.death_date.is_none())
            .cloned()
            .collect())
    }

    fn test_people(&self) -> Vec<Person> {
        self.people
            .iter()
            .filter(|p| p.death_date.is_none())
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_is_valid_and_consistent() {
        let register = MockNationalRegister::from_seed(Default::default());
        assert!(register.test_people().len() >= 8);
        for p in &register.people {
            NationalNumber::parse(&p.national_number)
                .unwrap_or_else(|e| panic!("{} has an invalid number: {e}", p.full_name()));
        }
        let jan = register
            .person(&NationalNumber::parse("85073003328").unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(jan.display_name(), "Jan Peeters");
        assert_eq!(
            jan.current_address().unwrap().one_line(),
            "Kerkstraat 12, 9999 Voorbeeldegem"
        );
        assert_eq!(jan.addresses.len(), 2, "Jan has an address history");
        let household = register
            .household(jan.household_id.as_deref().unwrap())
            .unwrap();
        assert_eq!(household.len(), 3);
    }
}
