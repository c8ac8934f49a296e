//! The words Loket's data is made of. Every value that is stored as text, sent in the API
//! and shown by the SPA (statuses, task types, kinds, roles, actions, error codes) is one
//! enum declared with [`vocabulary!`]: its stored text, its JSON form and its OpenAPI enum are
//! the same string, written once. The database keeps its CHECK constraints; `db::text`
//! maps these enums to TEXT columns.

/// Declares a closed set of values stored and sent as text.
///
/// ```ignore
/// vocabulary! {
///     /// Where a task stands.
///     pub enum TaskStatus { Open = "open", Done = "done" }
/// }
/// ```
/// gives the enum (with serde, `ToSchema` and diesel `AsExpression`/`FromSqlRow` on `Text`),
/// `ALL`, `as_str`, `parse`, `Display` and `FromStr`.
#[macro_export]
macro_rules! vocabulary {
    ($(
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        // Every stored text is the variant's name in snake_case (the test below holds every
        // vocabulary to it); `rename_all` is what the OpenAPI generator reads.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in the order they are declared.
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The text stored in the database and sent in the API.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some(Self::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::vocabulary::UnknownValue;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text).ok_or_else(|| $crate::domain::vocabulary::UnknownValue {
                    vocabulary: stringify!($name),
                    value: text.to_owned(),
                })
            }
        }
    )+};
}

/// A text that is not one of a vocabulary's values (a bad row or a bad query parameter).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a {vocabulary}")]
pub struct UnknownValue {
    pub vocabulary: &'static str,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use crate::domain::{audit, document, jobs, request, role, task};
    use crate::error::ErrorCode;

    fn same_text<T: serde::Serialize + Copy>(all: &[T], text: impl Fn(T) -> &'static str) {
        for &value in all {
            assert_eq!(serde_json::to_value(value).unwrap(), text(value));
        }
    }

    /// The JSON, the OpenAPI enum and the stored text are one string for every value.
    #[test]
    fn json_and_stored_text_are_the_same_word() {
        same_text(request::Status::ALL, request::Status::as_str);
        same_text(
            request::DeliveryMethod::ALL,
            request::DeliveryMethod::as_str,
        );
        same_text(request::Processing::ALL, request::Processing::as_str);
        same_text(request::Channel::ALL, request::Channel::as_str);
        same_text(request::ForUse::ALL, request::ForUse::as_str);
        same_text(request::Language::ALL, request::Language::as_str);
        same_text(request::Advice::ALL, request::Advice::as_str);
        same_text(request::ManualReason::ALL, request::ManualReason::as_str);
        same_text(task::TaskType::ALL, task::TaskType::as_str);
        same_text(task::TaskStatus::ALL, task::TaskStatus::as_str);
        same_text(task::StaffAction::ALL, task::StaffAction::as_str);
        same_text(document::DocumentKind::ALL, document::DocumentKind::as_str);
        same_text(document::FileKind::ALL, document::FileKind::as_str);
        same_text(document::DeedType::ALL, document::DeedType::as_str);
        same_text(role::Role::ALL, role::Role::as_str);
        same_text(role::ActorRole::ALL, role::ActorRole::as_str);
        same_text(role::SessionKind::ALL, role::SessionKind::as_str);
        same_text(role::Provider::ALL, role::Provider::as_str);
        same_text(jobs::JobKind::ALL, jobs::JobKind::as_str);
        same_text(jobs::EmailStatus::ALL, jobs::EmailStatus::as_str);
        same_text(jobs::ExportStatus::ALL, jobs::ExportStatus::as_str);
        same_text(audit::AuditAction::ALL, audit::AuditAction::as_str);
        same_text(audit::AuditEntity::ALL, audit::AuditEntity::as_str);
        same_text(ErrorCode::ALL, ErrorCode::as_str);
    }

    #[test]
    fn an_unknown_word_is_an_error_that_names_it() {
        let err = "lost".parse::<request::Status>().unwrap_err();
        assert_eq!(err.to_string(), "'lost' is not a Status");
    }
}
