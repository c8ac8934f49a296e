//! What an API client may do: OAuth 2.0 scopes, declared on every operation in the OpenAPI
//! document (security scheme `client`) and enforced from there.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One permission of an API client (OAuth 2.0 scope).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum Scope {
    /// Submit requests on behalf of citizens.
    #[serde(rename = "requests:create")]
    RequestsCreate,
    /// Read requests, their history and documents.
    #[serde(rename = "requests:read")]
    RequestsRead,
    /// Work the task inbox: claim, deliver, refuse, cancel.
    #[serde(rename = "tasks:act")]
    TasksAct,
    /// Search requests, keep saved filters.
    #[serde(rename = "search:read")]
    SearchRead,
    /// Make and download Excel reports.
    #[serde(rename = "reports:read")]
    ReportsRead,
    /// Manage the client's own webhook subscriptions.
    #[serde(rename = "webhooks:manage")]
    WebhooksManage,
}

impl Scope {
    pub const ALL: [Scope; 6] = [
        Self::RequestsCreate,
        Self::RequestsRead,
        Self::TasksAct,
        Self::SearchRead,
        Self::ReportsRead,
        Self::WebhooksManage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestsCreate => "requests:create",
            Self::RequestsRead => "requests:read",
            Self::TasksAct => "tasks:act",
            Self::SearchRead => "search:read",
            Self::ReportsRead => "reports:read",
            Self::WebhooksManage => "webhooks:manage",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// What the scope allows, for the OpenAPI document.
    pub fn description(self) -> &'static str {
        match self {
            Self::RequestsCreate => "Submit requests on behalf of citizens",
            Self::RequestsRead => "Read requests, their history and documents",
            Self::TasksAct => "Work the task inbox: claim, deliver, refuse, cancel",
            Self::SearchRead => "Search requests and keep saved filters",
            Self::ReportsRead => "Make and download Excel reports",
            Self::WebhooksManage => "Manage the client's own webhook subscriptions",
        }
    }

    /// A space-separated list (RFC 6749 §3.3) in a stable order, without duplicates.
    pub fn join(scopes: &[Scope]) -> String {
        let mut sorted = scopes.to_vec();
        sorted.sort();
        sorted.dedup();
        sorted
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Reads a space-separated list; `Err` names the first unknown scope.
    pub fn split(text: &str) -> Result<Vec<Scope>, String> {
        let mut scopes = text
            .split_whitespace()
            .map(|s| Self::parse(s).ok_or_else(|| s.to_owned()))
            .collect::<Result<Vec<_>, _>>()?;
        scopes.sort();
        scopes.dedup();
        Ok(scopes)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Scope;

    #[test]
    fn scopes_read_and_write_as_rfc_6749_lists() {
        assert_eq!(
            Scope::split("tasks:act  requests:read tasks:act").unwrap(),
            vec![Scope::RequestsRead, Scope::TasksAct]
        );
        assert_eq!(Scope::split("requests:read admin").unwrap_err(), "admin");
        assert_eq!(
            Scope::join(&[Scope::WebhooksManage, Scope::RequestsCreate]),
            "requests:create webhooks:manage"
        );
        for scope in Scope::ALL {
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(json, format!("\"{scope}\""));
        }
    }
}
