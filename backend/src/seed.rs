//! Demo data for development and demos: the staff and police accounts of the mock directory.
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
