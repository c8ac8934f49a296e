use serde::{Deserialize, Serialize};

/// What a signed-in user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    Staff,
    Police,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Staff => "staff",
            Self::Police => "police",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "citizen" => Some(Self::Citizen),
            "staff" => Some(Self::Staff),
            "police" => Some(Self::Police),
            _ => None,
        }
    }
}
