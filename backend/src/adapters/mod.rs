//! External systems, each behind a trait with a mock that behaves like the real service.
pub mod dabs;
pub mod ebox;
pub mod federal_login;
pub mod mailer;
pub mod national_register;
pub mod police;
pub mod staff_directory;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A call to an outside system that did not give an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdapterError {
    #[error("{system} is not reachable: {detail}")]
    Unavailable {
        system: &'static str,
        detail: String,
    },
}

/// Switches to take a mocked system down, as the real ones sometimes are (development API:
/// `PUT /api/v1/dev/outages`). Callers must cope: nothing may be lost while a system is down.
#[derive(Debug, Default)]
pub struct Outages {
    pub national_register: AtomicBool,
    pub dabs: AtomicBool,
    pub ebox: AtomicBool,
    pub police: AtomicBool,
    /// Every answer of the mocked national register and DABS takes this long (milliseconds):
    /// slow is not down.
    pub delay_ms: std::sync::atomic::AtomicU64,
}

impl Outages {
    /// Waits as long as a slow system would (see `delay_ms`); callers are on the blocking pool.
    pub fn answer_slowly(&self) {
        let ms = self.delay_ms.load(Ordering::Relaxed);
        if ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }

    pub fn check(flag: &AtomicBool, system: &'static str) -> Result<(), AdapterError> {
        if flag.load(Ordering::Relaxed) {
            Err(AdapterError::Unavailable {
                system,
                detail: "the service answers 503 Service Unavailable".into(),
            })
        } else {
            Ok(())
        }
    }
}

/// The outside systems the application talks to.
#[derive(Clone)]
pub struct Adapters {
    pub federal_login: Arc<dyn federal_login::FederalLogin>,
    pub national_register: Arc<dyn national_register::NationalRegister>,
    pub staff_directory: Arc<dyn staff_directory::StaffDirectory>,
    pub dabs: Arc<dyn dabs::Dabs>,
    pub ebox: Arc<dyn ebox::EBox>,
    pub police: Arc<dyn police::PoliceAdvice>,
    /// `None`: e-mail stays in the outbox (development and demo).
    pub mailer: Option<Arc<dyn mailer::Mailer>>,
    /// The mocks' outage switches.
    pub outages: Arc<Outages>,
}

impl Adapters {
    /// The mocks, with the demo data shipped in `backend/seed/`; the ones that keep state use
    /// the application database, so several instances share it, through `pool`: connections
    /// of their own (`db::connection::mock_pool`), never the ones the application's units of
    /// work hold. Like a real outside system, a mock is called outside write transactions.
    pub fn mocks(pool: &crate::db::Pool, mailer: Option<Arc<dyn mailer::Mailer>>) -> Self {
        let outages = Arc::new(Outages::default());
        let register = Arc::new(national_register::MockNationalRegister::from_seed(
            outages.clone(),
        ));
        Self {
            federal_login: Arc::new(federal_login::MockFederalLogin::new(register.clone())),
            national_register: register,
            staff_directory: Arc::new(staff_directory::MockStaffDirectory::demo()),
            dabs: Arc::new(dabs::MockDabs::new(pool.clone(), outages.clone())),
            ebox: Arc::new(ebox::MockEBox::new(pool.clone(), outages.clone())),
            police: Arc::new(police::MockPoliceAdvice::new(pool.clone(), outages.clone())),
            mailer,
            outages,
        }
    }
}
