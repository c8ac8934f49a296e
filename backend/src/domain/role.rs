crate::vocabulary! {
    /// What a signed-in user may do.
    pub enum Role {
        Citizen = "citizen",
        Staff = "staff",
        Police = "police",
        /// A staff member who may also administer Loket; everything staff may, an admin may.
        Admin = "admin",
        /// An integrator's machine (API client): only what an operation opens to clients
        /// (its `client` security requirement, and `Role::Client` in its role check), within
        /// the client's scopes and document types.
        Client = "client",
    }

    /// Who did something, as the audit trail records it.
    pub enum ActorRole {
        Citizen = "citizen",
        Staff = "staff",
        Police = "police",
        Admin = "admin",
        /// An integrator's machine (API client).
        Client = "client",
        /// Loket itself (automatic decisions, deadlines).
        System = "system",
        /// Someone who did not sign in (an anonymous request).
        Anonymous = "anonymous",
    }

    /// How a session's secret travels: a browser cookie or a bearer token.
    pub enum SessionKind {
        Cookie = "cookie",
        Bearer = "bearer",
    }

    /// The OpenID Connect provider that signed someone in.
    pub enum Provider {
        /// The federal authentication service (citizens).
        Citizen = "citizen",
        /// The municipality's own directory (staff, police, admins).
        Staff = "staff",
    }
}

impl Role {
    /// Sees requests as municipal staff do: staff members, admins, and API clients (within
    /// their scopes and document types).
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Staff | Self::Admin | Self::Client)
    }

    /// Whether this role may act as `needed` (an admin as staff). An API client is granted
    /// nothing but `Client`: an operation open to clients names it.
    pub fn grants(self, needed: Role) -> bool {
        self == needed || (needed == Self::Staff && self == Self::Admin)
    }

    /// The kind of account kept in `users.role` (admins are staff accounts).
    pub fn account_kind(self) -> Role {
        match self {
            Self::Admin => Self::Staff,
            other => other,
        }
    }
}

impl From<Role> for ActorRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Citizen => Self::Citizen,
            Role::Staff => Self::Staff,
            Role::Police => Self::Police,
            Role::Admin => Self::Admin,
            Role::Client => Self::Client,
        }
    }
}

impl ActorRole {
    /// Municipal staff (a staff member or an admin).
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Staff | Self::Admin)
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
        assert!(!Role::Client.grants(Role::Staff));
        assert!(!Role::Client.grants(Role::Admin));
        assert!(!Role::Client.grants(Role::Citizen));
    }
}
