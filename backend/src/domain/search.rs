//! Search criteria over requests: parsed once from the query string (or a saved filter), so
//! the search, its count and the Excel report select exactly the same requests.
use super::national_number::NationalNumber;
use super::request::{DeliveryMethod, Status};
use crate::error::InvalidParam;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The criteria as a client sends them (query string) and as saved filters keep them.
/// Every field is optional; lists are comma-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams, ToSchema)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Reference, or part of it (`PA-2026-0001`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Name of the requester or the person concerned, or part of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// National register number of the requester or the person concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national_number: Option<String>,
    /// Document type codes, comma-separated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// Statuses, comma-separated (`in_progress,awaiting_deed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// How the request came in: `web` (the SPA) or `api`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// How it was (or is to be) delivered: `digital`, `post` or `counter`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<String>,
    /// `automatic` or `manual`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing: Option<String>,
    /// Submitted on or after this date (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_from: Option<String>,
    /// Submitted on or before this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_to: Option<String>,
    /// Finished on or after this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_from: Option<String>,
    /// Finished on or before this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_to: Option<String>,
    /// Has an open (or parked) task of this type, e.g. `handle_request`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type: Option<String>,
    /// Has an open task assigned to this staff member id, or `me`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Free text: reference, names, purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// `papieren-en-attesten`: every request of this module.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    SubmittedAt,
    Reference,
    Status,
    DocumentType,
    RequesterName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

impl Sort {
    /// `submittedAt` (ascending) or `-submittedAt` (descending); default newest first.
    pub fn parse(s: Option<&str>) -> Result<Self, InvalidParam> {
        let s = s
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or("-submittedAt");
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let field = match name {
            "submittedAt" => SortField::SubmittedAt,
            "reference" => SortField::Reference,
            "status" => SortField::Status,
            "documentType" => SortField::DocumentType,
            "requesterName" => SortField::RequesterName,
            _ => {
                return Err(InvalidParam::coded(
                    "sort",
                    "invalid_value",
                    "Sort by submittedAt, reference, status, documentType or requesterName; prefix - for descending.",
                ))
            }
        };
        Ok(Self { field, descending })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    User(i64),
}

/// Parsed criteria, ready for a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub reference: Option<String>,
    pub name: Option<String>,
    pub national_number: Option<String>,
    pub document_types: Vec<String>,
    pub statuses: Vec<Status>,
    pub channel: Option<String>,
    pub delivery: Option<DeliveryMethod>,
    pub processing: Option<String>,
    pub submitted_from: Option<NaiveDate>,
    pub submitted_to: Option<NaiveDate>,
    pub finished_from: Option<NaiveDate>,
    pub finished_to: Option<NaiveDate>,
    pub task_type: Option<String>,
    pub assignee: Option<Assignee>,
    pub q: Option<String>,
}

const TASK_TYPES: [&str; 6] = [
    "handle_request",
    "confirm_shipment",
    "confirm_pickup",
    "give_advice",
    "add_deed",
    "cancel_request",
];

fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn list(value: &Option<String>) -> Vec<String> {
    value
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Criteria {
    /// `me` is the staff member searching (for `assignee=me`).
    pub fn parse(p: &SearchParams, me: i64) -> Result<Self, Vec<InvalidParam>> {
        let mut errors = Vec::new();
        let mut date = |name: &str, value: &Option<String>| match text(value) {
            None => None,
            Some(v) => match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(InvalidParam::coded(
                        name,
                        "invalid_value",
                        format!("'{v}' is not a date: use YYYY-MM-DD."),
                    ));
                    None
                }
            },
        };
        let submitted_from = date("submittedFrom", &p.submitted_from);
        let submitted_to = date("submittedTo", &p.submitted_to);
        let finished_from = date("finishedFrom", &p.finished_from);
        let finished_to = date("finishedTo", &p.finished_to);
        let mut statuses = Vec::new();
        for s in list(&p.status) {
            match Status::parse(&s) {
                Some(st) => statuses.push(st),
                None => errors.push(InvalidParam::coded(
                    "status",
                    "invalid_value",
                    format!("'{s}' is not a status."),
                )),
            }
        }
        let national_number = match text(&p.national_number) {
            None => None,
            Some(n) => match NationalNumber::parse(&n) {
                Ok(n) => Some(n.as_str().to_owned()),
                Err(e) => {
                    errors.push(InvalidParam::coded(
                        "nationalNumber",
                        "invalid_national_number",
                        e.to_string(),
                    ));
                    None
                }
            },
        };
        let channel = text(&p.channel);
        if channel.as_deref().is_some_and(|c| c != "web" && c != "api") {
            errors.push(InvalidParam::coded(
                "channel",
                "invalid_value",
                "Use web or api.",
            ));
        }
        let delivery = text(&p.delivery).and_then(|d| {
            let parsed = DeliveryMethod::parse(&d);
            if parsed.is_none() {
                errors.push(InvalidParam::coded(
                    "delivery",
                    "invalid_value",
                    "Use digital, post or counter.",
                ));
            }
            parsed
        });
        let processing = text(&p.processing);
        if processing
            .as_deref()
            .is_some_and(|v| v != "automatic" && v != "manual")
        {
            errors.push(InvalidParam::coded(
                "processing",
                "invalid_value",
                "Use automatic or manual.",
            ));
        }
        let task_type = text(&p.task_type);
        if task_type
            .as_deref()
            .is_some_and(|t| !TASK_TYPES.contains(&t))
        {
            errors.push(InvalidParam::coded(
                "taskType",
                "invalid_value",
                format!("Use one of {}.", TASK_TYPES.join(", ")),
            ));
        }
        let assignee = match text(&p.assignee).as_deref() {
            None => None,
            Some("me") => Some(Assignee::User(me)),
            Some(id) => match id.parse() {
                Ok(id) => Some(Assignee::User(id)),
                Err(_) => {
                    errors.push(InvalidParam::coded(
                        "assignee",
                        "invalid_value",
                        "Use a staff member's id, or me.",
                    ));
                    None
                }
            },
        };
        if text(&p.module).is_some_and(|m| m != "papieren-en-attesten") {
            errors.push(InvalidParam::coded(
                "module",
                "invalid_value",
                "The only module here is papieren-en-attesten.",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            reference: text(&p.reference),
            name: text(&p.name),
            national_number,
            document_types: list(&p.document_type),
            statuses,
            channel,
            delivery,
            processing,
            submitted_from,
            submitted_to,
            finished_from,
            finished_to,
            task_type,
            assignee,
            q: text(&p.q),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_dates_and_me() {
        let p = SearchParams {
            status: Some("in_progress, awaiting_deed".into()),
            submitted_from: Some("2026-01-01".into()),
            assignee: Some("me".into()),
            national_number: Some("85.07.30-033.28".into()),
            ..Default::default()
        };
        let c = Criteria::parse(&p, 7).unwrap();
        assert_eq!(c.statuses, [Status::InProgress, Status::AwaitingDeed]);
        assert_eq!(c.submitted_from, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(c.assignee, Some(Assignee::User(7)));
        assert_eq!(c.national_number.as_deref(), Some("85073003328"));
    }

    #[test]
    fn names_every_bad_criterion() {
        let p = SearchParams {
            status: Some("lost".into()),
            submitted_to: Some("31/12/2026".into()),
            channel: Some("fax".into()),
            ..Default::default()
        };
        let names: Vec<String> = Criteria::parse(&p, 1)
            .unwrap_err()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["submittedTo", "status", "channel"]);
    }

    #[test]
    fn sorts_default_to_newest_first() {
        assert_eq!(
            Sort::parse(None).unwrap(),
            Sort {
                field: SortField::SubmittedAt,
                descending: true
            }
        );
        assert_eq!(
            Sort::parse(Some("reference")).unwrap(),
            Sort {
                field: SortField::Reference,
                descending: false
            }
        );
        assert!(Sort::parse(Some("colour")).is_err());
    }
}
