//! The municipality's staff directory: staff and police accounts.
use crate::domain::role::Role;

#[derive(Debug, Clone)]
pub struct StaffAccount {
    pub username: String,
    pub name: String,
    pub email: String,
    pub role: Role,
}

pub trait StaffDirectory: Send + Sync {
    /// `None` when the username or password is wrong (never which of the two).
    fn authenticate(&self, username: &str, password: &str) -> Option<StaffAccount>;
    fn accounts(&self) -> Vec<StaffAccount>;
}

/// Demo accounts, all with the password [`MockStaffDirectory::PASSWORD`].
pub struct MockStaffDirectory {
    accounts: Vec<StaffAccount>,
}

impl MockStaffDirectory {
    pub const PASSWORD: &'static str = "loket";

    pub fn demo() -> Self {
        let account = |username: &str, name: &str, role| StaffAccount {
            username: username.into(),
            name: name.into(),
            email: format!("{username}@voorbeeldegem.be"),
            role,
        };
        Self {
            accounts: vec![
                account("an.desmet", "An De Smet", Role::Staff),
                account("pieter.claes", "Pieter Claes", Role::Staff),
                account("sofie.wouters", "Sofie Wouters", Role::Staff),
                account(
                    "politie.voorbeeldegem",
                    "Politiezone Voorbeeldegem",
                    Role::Police,
                ),
            ],
        }
    }
}

impl StaffDirectory for MockStaffDirectory {
    fn authenticate(&self, username: &str, password: &str) -> Option<StaffAccount> {
        let username = username.trim().to_lowercase();
        self.accounts
            .iter()
            .find(|a| a.username == username && password == Self::PASSWORD)
            .cloned()
    }

    fn accounts(&self) -> Vec<StaffAccount> {
        self.accounts.clone()
    }
}
