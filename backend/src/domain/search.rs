//! Search criteria over requests: parsed once from the query string (or a saved filter), so
//! the search, its count and the Excel report select exactly the same requests.
use super::civil::{self, Tz};
use super::national_number::NationalNumber;
use super::request::{Channel, DeliveryMethod, Processing, Status};
use super::task::TaskType;
use crate::error::{ErrorCode, InvalidParam};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The criteria as a client sends them (query string) and as saved filters keep them.
/// Every field is optional; lists are comma-separated. Free text (reference, name, document
/// types, `q`) is trimmed and ignored when blank; every other value is taken exactly as given
/// and must fit its pattern or format.
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
    #[param(format = "national-register-number")]
    #[schema(format = "national-register-number")]
    pub national_number: Option<String>,
    /// Document type codes, comma-separated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// Statuses, comma-separated without spaces (`in_progress,awaiting_deed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(
        pattern = "^(in_progress|awaiting_police_advice|awaiting_deed|awaiting_shipment|ready_for_pickup|delivered|refused|cancelled)(,(in_progress|awaiting_police_advice|awaiting_deed|awaiting_shipment|ready_for_pickup|delivered|refused|cancelled))*$"
    )]
    #[schema(
        pattern = "^(in_progress|awaiting_police_advice|awaiting_deed|awaiting_shipment|ready_for_pickup|delivered|refused|cancelled)(,(in_progress|awaiting_police_advice|awaiting_deed|awaiting_shipment|ready_for_pickup|delivered|refused|cancelled))*$"
    )]
    pub status: Option<String>,
    /// How the request came in: `web` (the SPA) or `api`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(pattern = "^(web|api)$")]
    #[schema(pattern = "^(web|api)$")]
    pub channel: Option<String>,
    /// How it was (or is to be) delivered: `digital`, `post` or `counter`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(pattern = "^(digital|post|counter)$")]
    #[schema(pattern = "^(digital|post|counter)$")]
    pub delivery: Option<String>,
    /// `automatic` or `manual`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(pattern = "^(automatic|manual)$")]
    #[schema(pattern = "^(automatic|manual)$")]
    pub processing: Option<String>,
    /// Submitted on or after this day (YYYY-MM-DD): a civil date in the municipality's time
    /// zone (`timeZone` of `GET /api/health`, e.g. Europe/Brussels), from its local midnight.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(format = Date)]
    #[schema(format = Date)]
    pub submitted_from: Option<String>,
    /// Submitted on or before this day (YYYY-MM-DD): a civil date in the municipality's time
    /// zone, up to its local midnight at the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(format = Date)]
    #[schema(format = Date)]
    pub submitted_to: Option<String>,
    /// Finished on or after this day (YYYY-MM-DD): a civil date in the municipality's time
    /// zone, from its local midnight.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(format = Date)]
    #[schema(format = Date)]
    pub finished_from: Option<String>,
    /// Finished on or before this day (YYYY-MM-DD): a civil date in the municipality's time
    /// zone, up to its local midnight at the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(format = Date)]
    #[schema(format = Date)]
    pub finished_to: Option<String>,
    /// Has an open (or parked) task of this type, e.g. `handle_request`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(
        pattern = "^(handle_request|confirm_shipment|confirm_pickup|give_advice|add_deed|cancel_request)$"
    )]
    #[schema(
        pattern = "^(handle_request|confirm_shipment|confirm_pickup|give_advice|add_deed|cancel_request)$"
    )]
    pub task_type: Option<String>,
    /// Has an open task assigned to this staff member id, or `me`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(pattern = "^(me|[0-9]{1,18})$")]
    #[schema(pattern = "^(me|[0-9]{1,18})$")]
    pub assignee: Option<String>,
    /// Free text: reference, names, purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// `papieren-en-attesten`: every request of this module.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[param(pattern = "^papieren-en-attesten$")]
    #[schema(pattern = "^papieren-en-attesten$")]
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
    /// `submittedAt` (ascending) or `-submittedAt` (descending), exactly; default (also when
    /// empty) newest first.
    pub fn parse(s: Option<&str>) -> Result<Self, InvalidParam> {
        let s = s.filter(|s| !s.is_empty()).unwrap_or("-submittedAt");
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
                    ErrorCode::InvalidValue,
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

/// Parsed criteria, ready for a query. The periods are instants in naive UTC, as stored: the
/// days given are the municipality's, turned into the UTC range each of them covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub reference: Option<String>,
    pub name: Option<String>,
    pub national_number: Option<String>,
    pub document_types: Vec<String>,
    pub statuses: Vec<Status>,
    pub channel: Option<Channel>,
    pub delivery: Option<DeliveryMethod>,
    pub processing: Option<Processing>,
    /// Submitted at or after: the start of the `submittedFrom` day.
    pub submitted_since: Option<NaiveDateTime>,
    /// Submitted before: the end of the `submittedTo` day (the start of the next).
    pub submitted_before: Option<NaiveDateTime>,
    /// Finished at or after: the start of the `finishedFrom` day.
    pub finished_since: Option<NaiveDateTime>,
    /// Finished before: the end of the `finishedTo` day.
    pub finished_before: Option<NaiveDateTime>,
    pub task_type: Option<TaskType>,
    pub assignee: Option<Assignee>,
    pub q: Option<String>,
}

impl Criteria {
    /// Only requests of these document types (an API client's restriction): the types asked
    /// for that are allowed, or all allowed ones when none were asked for.
    pub fn restrict_to(&mut self, allowed: &[String]) {
        self.document_types = match self.document_types.is_empty() {
            true => allowed.to_vec(),
            false => {
                let asked = std::mem::take(&mut self.document_types);
                let kept: Vec<String> = asked.into_iter().filter(|t| allowed.contains(t)).collect();
                // Asked only for types it may not see: a type no request has.
                match kept.is_empty() {
                    true => vec![String::new()],
                    false => kept,
                }
            }
        };
    }
}

/// Free text, trimmed; `None` when absent or blank.
fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A list of free-text items (document type codes), comma-separated, blanks skipped.
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

/// One value of a vocabulary, or an error naming the values there are.
fn one_of<T: Copy + std::fmt::Display + std::str::FromStr>(
    name: &str,
    value: &str,
    all: &[T],
    errors: &mut Vec<InvalidParam>,
) -> Option<T> {
    let parsed = value.parse::<T>().ok();
    if parsed.is_none() {
        let values: Vec<String> = all.iter().map(T::to_string).collect();
        errors.push(InvalidParam::coded(
            name,
            ErrorCode::InvalidValue,
            format!("'{value}' is not one of: {}.", values.join(", ")),
        ));
    }
    parsed
}

/// A civil date exactly as `YYYY-MM-DD` (the OpenAPI `date` format), nothing around it.
fn date(name: &str, value: &Option<String>, errors: &mut Vec<InvalidParam>) -> Option<NaiveDate> {
    let v = value.as_deref()?;
    let shaped = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let parsed = shaped
        .then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .flatten();
    if parsed.is_none() {
        errors.push(InvalidParam::coded(
            name,
            ErrorCode::InvalidValue,
            format!("'{v}' is not a date: use YYYY-MM-DD."),
        ));
    }
    parsed
}

fn national_number(value: &Option<String>, errors: &mut Vec<InvalidParam>) -> Option<String> {
    match NationalNumber::parse(&text(value)?) {
        Ok(n) => Some(n.as_str().to_owned()),
        Err(e) => {
            errors.push(InvalidParam::coded(
                "nationalNumber",
                ErrorCode::InvalidNationalNumber,
                e.to_string(),
            ));
            None
        }
    }
}

fn assignee(value: &Option<String>, me: i64, errors: &mut Vec<InvalidParam>) -> Option<Assignee> {
    let id = value.as_deref()?;
    let digits = (1..=18).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit());
    match id {
        "me" => Some(Assignee::User(me)),
        _ if digits => id.parse().ok().map(Assignee::User),
        _ => {
            errors.push(InvalidParam::coded(
                "assignee",
                ErrorCode::InvalidValue,
                "Use a staff member's id, or me.",
            ));
            None
        }
    }
}

impl Criteria {
    /// `me` is the staff member searching (for `assignee=me`); `tz` the municipality's time
    /// zone, whose days the periods are.
    pub fn parse(p: &SearchParams, me: i64, tz: Tz) -> Result<Self, Vec<InvalidParam>> {
        let mut errors = Vec::new();
        let e = &mut errors;
        let start = |d: NaiveDate| civil::day_start_utc(d, tz);
        let end = |d: NaiveDate| civil::day_range_utc(d, tz).1;
        let submitted_since = date("submittedFrom", &p.submitted_from, e).map(start);
        let submitted_before = date("submittedTo", &p.submitted_to, e).map(end);
        let finished_since = date("finishedFrom", &p.finished_from, e).map(start);
        let finished_before = date("finishedTo", &p.finished_to, e).map(end);
        // Vocabulary values are taken exactly as given: no spaces, no empty list items.
        let statuses = p.status.as_deref().map_or_else(Vec::new, |v| {
            v.split(',')
                .filter_map(|s| one_of("status", s, Status::ALL, e))
                .collect()
        });
        let national_number = national_number(&p.national_number, e);
        let channel = (p.channel.as_deref()).and_then(|v| one_of("channel", v, Channel::ALL, e));
        let delivery =
            (p.delivery.as_deref()).and_then(|v| one_of("delivery", v, DeliveryMethod::ALL, e));
        let processing =
            (p.processing.as_deref()).and_then(|v| one_of("processing", v, Processing::ALL, e));
        let task_type =
            (p.task_type.as_deref()).and_then(|v| one_of("taskType", v, TaskType::ALL, e));
        let assignee = assignee(&p.assignee, me, e);
        if p.module
            .as_deref()
            .is_some_and(|m| m != "papieren-en-attesten")
        {
            e.push(InvalidParam::coded(
                "module",
                ErrorCode::InvalidValue,
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
            submitted_since,
            submitted_before,
            finished_since,
            finished_before,
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
            status: Some("in_progress,awaiting_deed".into()),
            submitted_from: Some("2026-01-01".into()),
            assignee: Some("me".into()),
            national_number: Some("85.07.30-033.28".into()),
            ..Default::default()
        };
        let c = Criteria::parse(&p, 7, civil::DEFAULT_ZONE).unwrap();
        assert_eq!(c.statuses, [Status::InProgress, Status::AwaitingDeed]);
        // 1 January in Brussels starts at 23:00 UTC the day before.
        assert_eq!(
            c.submitted_since,
            NaiveDate::from_ymd_opt(2025, 12, 31).and_then(|d| d.and_hms_opt(23, 0, 0))
        );
        assert_eq!(c.assignee, Some(Assignee::User(7)));
        assert_eq!(c.national_number.as_deref(), Some("85073003328"));
    }

    #[test]
    fn periods_are_the_municipalitys_days_in_utc() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // The day the clocks go forward (23 hours) and the day they go back (25 hours).
        let p = SearchParams {
            submitted_from: Some("2026-03-29".into()),
            submitted_to: Some("2026-03-29".into()),
            finished_from: Some("2026-10-25".into()),
            finished_to: Some("2026-10-25".into()),
            ..Default::default()
        };
        let c = Criteria::parse(&p, 1, civil::DEFAULT_ZONE).unwrap();
        assert_eq!(c.submitted_since, Some(at("2026-03-28 23:00")));
        assert_eq!(c.submitted_before, Some(at("2026-03-29 22:00")));
        assert_eq!(c.finished_since, Some(at("2026-10-24 22:00")));
        assert_eq!(c.finished_before, Some(at("2026-10-25 23:00")));
        // Another municipality's zone, another range.
        let c = Criteria::parse(&p, 1, chrono_tz::UTC).unwrap();
        assert_eq!(c.submitted_since, Some(at("2026-03-29 00:00")));
        assert_eq!(c.submitted_before, Some(at("2026-03-30 00:00")));
    }

    #[test]
    fn names_every_bad_criterion() {
        let p = SearchParams {
            status: Some("lost".into()),
            submitted_to: Some("31/12/2026".into()),
            channel: Some("fax".into()),
            ..Default::default()
        };
        let names: Vec<String> = Criteria::parse(&p, 1, civil::DEFAULT_ZONE)
            .unwrap_err()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["submittedTo", "status", "channel"]);
    }

    #[test]
    fn takes_vocabulary_values_and_dates_exactly_as_given() {
        let loose = [
            ("status", "in_progress, awaiting_deed"),
            ("status", "in_progress,"),
            ("status", ""),
            ("channel", " web"),
            ("submittedFrom", "2026-1-01"),
            ("submittedFrom", " 2026-01-01"),
            ("submittedFrom", "2026-02-30"),
            ("assignee", "+5"),
            ("module", ""),
        ];
        for (name, value) in loose {
            let mut p = SearchParams::default();
            let field = match name {
                "status" => &mut p.status,
                "channel" => &mut p.channel,
                "submittedFrom" => &mut p.submitted_from,
                "assignee" => &mut p.assignee,
                _ => &mut p.module,
            };
            *field = Some(value.into());
            let errors = Criteria::parse(&p, 1, civil::DEFAULT_ZONE).unwrap_err();
            assert_eq!(errors[0].name, name, "{value:?}");
        }
    }

    /// The patterns the OpenAPI document gives name every value of their vocabulary.
    #[test]
    fn the_documented_patterns_name_every_value() {
        let schema = serde_json::to_value(<SearchParams as utoipa::PartialSchema>::schema())
            .unwrap_or_default();
        let pattern = |name: &str| {
            schema["properties"][name]["pattern"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        };
        let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        let one = format!("({})", statuses.join("|"));
        assert_eq!(pattern("status"), format!("^{one}(,{one})*$"));
        for (name, all) in [
            (
                "taskType",
                TaskType::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            ),
            ("channel", Channel::ALL.iter().map(|c| c.as_str()).collect()),
            (
                "delivery",
                DeliveryMethod::ALL.iter().map(|d| d.as_str()).collect(),
            ),
            (
                "processing",
                Processing::ALL.iter().map(|p| p.as_str()).collect(),
            ),
        ] {
            assert_eq!(pattern(name), format!("^({})$", all.join("|")));
        }
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
