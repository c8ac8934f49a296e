//! Anti-automation: how often one address or one account may sign in, submit, verify and
//! download. GCRA limiters (the `governor` crate), counted per instance, configured in
//! `RATE_LIMIT_*` settings; a refusal is a 429 with `Retry-After`.
use crate::error::ApiError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;

/// The limits, each a number of requests per minute (per hour for e-mail addresses).
#[derive(Debug, Clone, Copy)]
pub struct RateLimitSettings {
    /// Sign-in steps (start and return) per address.
    pub sign_in_per_minute: u32,
    /// Submitted requests per address and per account.
    pub submit_per_minute: u32,
    /// Anonymous requests per requester e-mail address, per hour (acknowledgement e-mails).
    pub submit_per_email_per_hour: u32,
    /// Verification look-ups per address.
    pub verify_per_minute: u32,
    /// Download link look-ups and downloads per address and per account.
    pub download_per_minute: u32,
    /// Requests an API client submits (a portal submits for many citizens; a loop in it must
    /// not flood the task inbox).
    pub client_submit_per_minute: u32,
}

impl RateLimitSettings {
    pub const DEFAULT: Self = Self {
        sign_in_per_minute: 30,
        submit_per_minute: 10,
        submit_per_email_per_hour: 5,
        verify_per_minute: 30,
        download_per_minute: 60,
        client_submit_per_minute: 120,
    };

    /// So high that a test suite never meets them (tests of the limits set their own).
    pub const GENEROUS: Self = Self {
        sign_in_per_minute: 100_000,
        submit_per_minute: 100_000,
        submit_per_email_per_hour: 100_000,
        verify_per_minute: 100_000,
        download_per_minute: 100_000,
        client_submit_per_minute: 100_000,
    };
}

#[derive(Debug, Clone, Copy)]
pub enum Limit {
    SignIn,
    Submit,
    SubmitPerEmail,
    Verify,
    Download,
    ClientSubmit,
}

pub struct RateLimits {
    sign_in: DefaultKeyedRateLimiter<String>,
    submit: DefaultKeyedRateLimiter<String>,
    submit_email: DefaultKeyedRateLimiter<String>,
    verify: DefaultKeyedRateLimiter<String>,
    download: DefaultKeyedRateLimiter<String>,
    client_submit: DefaultKeyedRateLimiter<String>,
    clock: DefaultClock,
}

fn nonzero(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl RateLimits {
    pub fn new(settings: RateLimitSettings) -> Self {
        let per_minute = |n| DefaultKeyedRateLimiter::keyed(Quota::per_minute(nonzero(n)));
        Self {
            sign_in: per_minute(settings.sign_in_per_minute),
            submit: per_minute(settings.submit_per_minute),
            submit_email: DefaultKeyedRateLimiter::keyed(Quota::per_hour(nonzero(
                settings.submit_per_email_per_hour,
            ))),
            verify: per_minute(settings.verify_per_minute),
            download: per_minute(settings.download_per_minute),
            client_submit: per_minute(settings.client_submit_per_minute),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one request of `key` (an address, `user:<id>`, an e-mail address) against the
    /// limit; refuses with 429 when it is used up.
    pub fn check(&self, limit: Limit, key: &str) -> Result<(), ApiError> {
        let limiter = match limit {
            Limit::SignIn => &self.sign_in,
            Limit::Submit => &self.submit,
            Limit::SubmitPerEmail => &self.submit_email,
            Limit::Verify => &self.verify,
            Limit::Download => &self.download,
            Limit::ClientSubmit => &self.client_submit,
        };
        limiter.check_key(&key.to_owned()).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::TooManyRequests {
                retry_after_seconds: wait.as_secs().max(1),
            }
        })
    }

    /// Forgets keys that have not been seen for a while (memory stays bounded).
    pub fn forget_idle(&self) {
        for limiter in [
            &self.sign_in,
            &self.submit,
            &self.submit_email,
            &self.verify,
            &self.download,
            &self.client_submit,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Counts a request of this client address against a limit.
pub fn limit_address(
    state: &crate::startup::AppState,
    req: &actix_web::HttpRequest,
    limit: Limit,
) -> Result<(), ApiError> {
    let address = crate::auth::client_address(req, &state.config);
    state.limits.check(limit, &format!("ip:{address}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_refused_past_its_limit_and_others_are_not() {
        let limits = RateLimits::new(RateLimitSettings {
            verify_per_minute: 2,
            ..RateLimitSettings::GENEROUS
        });
        assert!(limits.check(Limit::Verify, "1.2.3.4").is_ok());
        assert!(limits.check(Limit::Verify, "1.2.3.4").is_ok());
        match limits.check(Limit::Verify, "1.2.3.4") {
            Err(ApiError::TooManyRequests {
                retry_after_seconds,
            }) => {
                assert!((1..=60).contains(&retry_after_seconds))
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(limits.check(Limit::Verify, "5.6.7.8").is_ok());
        assert!(limits.check(Limit::Download, "1.2.3.4").is_ok());
    }
}
