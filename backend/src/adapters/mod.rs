//! External systems, each behind a trait with a mock that behaves like the real service.
pub mod dabs;
pub mod ebox;
pub mod federal_login;
pub mod http;
pub mod http_systems;
pub mod mailer;
pub mod national_register;
pub mod police;
pub mod staff_directory;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A call to an outside system that did not give an answer. Each kind names the system (as
/// people say it: "the national register", "DABS", "My eBox", "police"); none of them is an
/// answer, so callers wait and ask again (nothing is lost).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdapterError {
    /// Not reachable: connection refused or reset, or it answered 5xx (down, overloaded).
    #[error("{system} is not reachable: {detail}")]
    Unavailable {
        system: &'static str,
        detail: String,
    },
    /// It did not answer within the configured time (`<SYSTEM>_TIMEOUT_MS`).
    #[error("{system} did not answer within {}", seconds(*.after_ms))]
    Timeout { system: &'static str, after_ms: u64 },
    /// It answered, but not as its contract says: not JSON, the wrong shape, an unexpected
    /// status.
    #[error("{system} gave an answer Loket cannot use: {detail}")]
    InvalidAnswer {
        system: &'static str,
        detail: String,
    },
}

impl AdapterError {
    /// The system that did not answer.
    pub fn system(&self) -> &'static str {
        match self {
            Self::Unavailable { system, .. }
            | Self::Timeout { system, .. }
            | Self::InvalidAnswer { system, .. } => system,
        }
    }
}

/// "5 s", "0.25 s".
fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
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

    /// Replaces the mock of every system that has settings with its HTTP adapter (all of them
    /// share one small runtime, see `http`).
    pub fn with_http(mut self, systems: &crate::config::OutsideSystems) -> Result<Self, String> {
        use http_systems::*;
        let configured = [
            &systems.national_register,
            &systems.dabs,
            &systems.ebox,
            &systems.police,
        ];
        if configured.iter().all(|s| s.is_none()) {
            return Ok(self);
        }
        let runtime = http::Runtime::start()?;
        let system = |name, settings| http::System::new(name, settings, runtime.clone());
        if let Some(settings) = &systems.national_register {
            let register = HttpNationalRegister(system(NATIONAL_REGISTER, settings)?);
            self.national_register = Arc::new(register);
        }
        if let Some(settings) = &systems.dabs {
            self.dabs = Arc::new(HttpDabs(system(DABS, settings)?));
        }
        if let Some(settings) = &systems.ebox {
            self.ebox = Arc::new(HttpEBox(system(EBOX, settings)?));
        }
        if let Some(settings) = &systems.police {
            self.police = Arc::new(HttpPolice(system(POLICE, settings)?));
        }
        Ok(self)
    }
}
