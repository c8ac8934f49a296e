//! Data for the mocks (the deeds in the mock DABS) and, for demos, the staff and police accounts.
use crate::adapters::Adapters;
use crate::api::sync_staff_account;
use crate::db::Pool;
use chrono::NaiveDateTime;

pub fn demo(pool: &Pool, adapters: &Adapters, now: NaiveDateTime) -> Result<(), String> {
    let mut conn = pool.get().map_err(|e| format!("seed: {e}"))?;
    for account in adapters.staff_directory.accounts() {
        sync_staff_account(&mut conn, &account, now).map_err(|e| format!("seed {}: {e}", account.username))?;
    }
    Ok(())
}

/// The mocked outside systems' own content: the deeds the mock DABS holds.
pub fn mocks(pool: &Pool, now: NaiveDateTime) -> Result<(), String> {
    crate::adapters::dabs::MockDabs::new(pool.clone()).seed(now).map_err(|e| format!("seed DABS: {e}"))
}
