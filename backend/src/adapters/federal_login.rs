//! The federal authentication service (CSAM): the citizen proves who they are with one of
//! four means and the service hands back their national register number.
use super::national_register::NationalRegister;
use super::AdapterError;
use crate::domain::national_number::{NationalNumber, NationalNumberError};
use std::sync::Arc;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AuthMeans {
    Eid,
    Itsme,
    MobileApp,
    FederalToken,
}

impl AuthMeans {
    pub const ALL: [AuthMeans; 4] = [Self::Eid, Self::Itsme, Self::MobileApp, Self::FederalToken];

    pub fn code(self) -> &'static str {
        match self {
            Self::Eid => "eid",
            Self::Itsme => "itsme",
            Self::MobileApp => "mobile_app",
            Self::FederalToken => "federal_token",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Eid => "eID-kaartlezer",
            Self::Itsme => "itsme",
            Self::MobileApp => "Mobiele app",
            Self::FederalToken => "Federaal token",
        }
    }
}

/// Who the federal service says signed in.
#[derive(Debug, Clone)]
pub struct FederalIdentity {
    pub national_number: NationalNumber,
    pub name: String,
    pub email: Option<String>,
    pub means: AuthMeans,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum FederalLoginError {
    #[error(transparent)]
    InvalidNumber(#[from] NationalNumberError),
    #[error("no person with this national register number is known")]
    UnknownPerson,
    #[error(transparent)]
    Unavailable(#[from] AdapterError),
}

pub trait FederalLogin: Send + Sync {
    fn means(&self) -> Vec<AuthMeans>;
    fn authenticate(
        &self,
        means: AuthMeans,
        national_number: &str,
    ) -> Result<FederalIdentity, FederalLoginError>;
}

/// Stands in for the federal service: any known person signs in with any means.
pub struct MockFederalLogin {
    register: Arc<dyn NationalRegister>,
}

impl MockFederalLogin {
    pub fn new(register: Arc<dyn NationalRegister>) -> Self {
        Self { register }
    }
}

impl FederalLogin for MockFederalLogin {
    fn means(&self) -> Vec<AuthMeans> {
        AuthMeans::ALL.to_vec()
    }

    fn authenticate(
        &self,
        means: AuthMeans,
        national_number: &str,
    ) -> Result<FederalIdentity, FederalLoginError> {
        let number = NationalNumber::parse(national_number)?;
        let person = self
            .register
            .person(&number)?
            .ok_or(FederalLoginError::UnknownPerson)?;
        if person.death_date.is_some() {
            return Err(FederalLoginError::UnknownPerson);
        }
        Ok(FederalIdentity {
            national_number: number,
            name: person.display_name(),
            email: person.email,
            means,
        })
    }
}
