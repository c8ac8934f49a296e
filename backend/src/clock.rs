//! All time comes from here, so tests (and demos, through the dev API) can move it.
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use std::sync::RwLock;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Naive UTC, as stored in the database.
    fn now_naive(&self) -> NaiveDateTime {
        self.now().naive_utc()
    }
}

/// The system time plus an offset that can only grow, as real time does.
#[derive(Default)]
pub struct MovableClock {
    offset: RwLock<Duration>,
}

impl MovableClock {
    pub fn advance(&self, by: Duration) {
        if let Ok(mut offset) = self.offset.write() {
            *offset += by;
        }
    }

    /// Moves the clock forward to `at`; false, and no change, when `at` is not ahead of it.
    pub fn move_to(&self, at: DateTime<Utc>) -> bool {
        let Ok(mut offset) = self.offset.write() else {
            return false;
        };
        let wanted = at - Utc::now();
        if wanted <= *offset {
            return false;
        }
        *offset = wanted;
        true
    }

    pub fn offset(&self) -> Duration {
        self.offset.read().map(|o| *o).unwrap_or_default()
    }
}

impl Clock for MovableClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_forward() {
        let clock = MovableClock::default();
        let before = clock.now();
        clock.advance(Duration::days(8));
        assert!(clock.now() - before >= Duration::days(8));
    }

    #[test]
    fn moves_to_an_instant_ahead_but_never_back() {
        let clock = MovableClock::default();
        let later = clock.now() + Duration::days(3);
        assert!(clock.move_to(later));
        assert!((clock.now() - later).num_seconds().abs() < 5);
        assert!(!clock.move_to(later - Duration::days(1)));
        assert!(clock.now() >= later);
    }
}
