//! Vocabulary enums (see `domain::vocabulary`) in TEXT columns: written as their text, read
//! back through `parse`; a value the enum does not know is a deserialization error, never a
//! silent default. The database's CHECK constraints list the same values.
use super::connection::MultiBackend;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

macro_rules! stored_as_text {
    ($($ty:ty),+ $(,)?) => {$(
        impl ToSql<Text, Sqlite> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
                <str as ToSql<Text, Sqlite>>::to_sql(self.as_str(), out)
            }
        }
        impl ToSql<Text, Pg> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), &mut out.reborrow())
            }
        }
        impl ToSql<Text, MultiBackend> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value((Text, self.as_str()));
                Ok(IsNull::No)
            }
        }
        impl FromSql<Text, Sqlite> for $ty {
            fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Sqlite>>::from_sql(bytes)?;
                Ok(text.parse::<$ty>()?)
            }
        }
        impl FromSql<Text, Pg> for $ty {
            fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, Pg>>::from_sql(bytes)?;
                Ok(text.parse::<$ty>()?)
            }
        }
        impl FromSql<Text, MultiBackend> for $ty {
            fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                bytes.from_sql::<Self, Text>()
            }
        }
    )+};
}

use crate::domain::{audit, document, jobs, labels, request, role, task, webhooks};

stored_as_text!(
    audit::AuditAction,
    audit::AuditEntity,
    request::Status,
    request::DeliveryMethod,
    request::Processing,
    request::Channel,
    request::ForUse,
    request::Language,
    request::Advice,
    request::OutsideSystem,
    task::TaskType,
    task::TaskStatus,
    document::DocumentKind,
    document::FileKind,
    document::DeedType,
    role::Role,
    role::ActorRole,
    role::SessionKind,
    role::Provider,
    jobs::JobKind,
    jobs::EmailStatus,
    jobs::ExportStatus,
    labels::ReportLanguage,
    webhooks::WebhookEvent,
    webhooks::WebhookDeliveryStatus,
);
