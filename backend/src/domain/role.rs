use serde::{Deserialize, Serialize};

/// What a signed-in user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    Staff,
    Police,
    /// A staff member who may also administer Loket; everything staff may, an admin may.
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Staff => "staff",
            Self::Police => "police",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "citizen" => Some(Self::Citizen),
            "staff" => Some(Self::Staff),
            "police" => Some(Self::Police),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    /// Municipal staff: staff members and admins.
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Staff | Self::Admin)
    }

    /// Whether this role may act as `needed`.
    pub fn grants(self, needed: Role) -> bool {
        self == needed || (needed == Self::Staff && self == Self::Admin)
    }

    /// The kind of account kept in `users.role` (admins are staff accounts).
    pub fn account_kind(self) -> &'static str {
        match self {
            Self::Admin => Self::Staff.as_str(),
            other => other.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn an_admin_may_do_what_staff_may_but_not_the_other_way_round() {
        assert!(Role::Admin.grants(Role::Staff));
        assert!(!Role::Staff.grants(Role::Admin));
        assert!(!Role::Police.grants(Role::Staff));
        assert!(!Role::Admin.grants(Role::Police));
    }
}
