//! The municipality's staff directory: who works there and in which role. People sign in at
//! the municipality's OpenID Connect provider; this list only seeds the demo and its mock
//! provider.
use crate::domain::role::Role;

#[derive(Debug, Clone)]
pub struct StaffAccount {
    pub username: String,
    pub name: String,
    pub email: String,
    pub role: Role,
}

pub trait StaffDirectory: Send + Sync {
    fn accounts(&self) -> Vec<StaffAccount>;
}

/// The demo's staff, police and admin accounts.
pub struct MockStaffDirectory {
    accounts: Vec<StaffAccount>,
}

impl MockStaffDirectory {
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
                account("lotte.vermeulen", "Lotte Vermeulen", Role::Admin),
            ],
        }
    }
}

impl StaffDirectory for MockStaffDirectory {
    fn accounts(&self) -> Vec<StaffAccount> {
        self.accounts.clone()
    }
}
