//! What an audit event's details say: one type per kind of event, so that the code that
//! records an event and the API that shows it share one shape.
//!
//! Each enum is tagged by `kind`, which is the event's `action` (`delivered`, `cancelled`, …):
//! the OpenAPI document has one object per kind, and a client tells them apart by `kind`
//! alone. The stored JSON is the same object (with `kind`); it is read back by the row's
//! action, so an older row without `kind` reads the same, and a row whose shape this version
//! does not know shows no details rather than failing.
use super::audit::{AuditAction, AuditQuery};
use super::request::{Advice, Channel, DeliveryMethod, ManualReason, OutsideSystem};
use super::role::{Provider, SessionKind};
use super::search::SearchParams;
use super::task::TaskType;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Submitted: how the request came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmittedDetails {
    /// `web` (the SPA) or `api`.
    pub via: Channel,
}

/// Handled automatically: the document was made at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProcessedAutomaticallyDetails {
    /// The verification code printed on the document.
    pub verification_code: String,
    /// How it goes out: `digital`, `post` or `counter` (older entries, from when automatic
    /// delivery was always digital, read as `digital`).
    #[serde(default = "digital")]
    #[schema(required = true)]
    pub method: DeliveryMethod,
}

fn digital() -> DeliveryMethod {
    DeliveryMethod::Digital
}

/// Sent to staff: why it could not be handled automatically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SentToStaffDetails {
    /// Every reason that applied.
    pub reasons: Vec<ManualReason>,
}

/// The decision waits: an outside system it needs did not answer. Loket asks again, with
/// growing pauses, and decides as soon as it answers (`processed_automatically` or
/// `sent_to_staff`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DecisionPostponedDetails {
    /// The system that did not answer: `national_register` or `dabs`.
    pub system: OutsideSystem,
}

/// The police's advice (model 596.2); the police's remark is the entry's `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdviceGivenDetails {
    pub advice: Advice,
    /// Staff registered it in the police's name (after the police's deadline).
    pub on_behalf_of_police: bool,
    /// Given after the police's deadline had passed (then staff had the task "Advies geven").
    pub after_deadline: bool,
}

/// The police did not answer in time; staff now have the task "Advies geven".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdviceDeadlinePassedDetails {
    /// How many days the police had.
    pub days: i64,
}

/// A task claimed, assigned to a colleague or released.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TaskChangeDetails {
    /// Which task.
    pub task: TaskType,
    pub task_id: i64,
    /// The staff member's name who has it now; `null` once released.
    pub assignee: Option<String>,
}

/// Who the cover letter of a document sent by post is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LetterRecipient {
    pub name: String,
    /// The address lines, as on the letter.
    pub address: Vec<String>,
}

/// The person a document was made for, when staff gave the national number (the request
/// named the person without one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MadeFor {
    /// The name the national register (or, for a deed, the request) gives.
    pub name: String,
    pub national_number: String,
    /// Staff confirmed the identity although the register did not match the name given.
    pub identity_confirmed: bool,
}

/// Delivered by staff: how, and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveredDetails {
    /// `digital`, `post` or `counter`.
    pub method: DeliveryMethod,
    /// For `post`: who the cover letter is for (staff only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<LetterRecipient>,
    /// For a request that named its person without a national number (staff only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_for: Option<MadeFor>,
}

/// An e-mail to the requester was queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailSentDetails {
    /// Which e-mail, e.g. `acknowledgement`, `document_ready`, `refused`, `cancelled`.
    pub template: String,
    /// The address it goes to.
    pub to: String,
    pub subject: String,
}

/// Cancelled; the explanation is the entry's `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelledDetails {
    /// Whether the requester was told by e-mail.
    pub requester_informed: bool,
}

/// A document's content was erased after its retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentErasedDetails {
    pub document_id: i64,
}

/// The details of an entry in a request's history, by kind: `kind` is the entry's `action`.
/// Actions not listed here (`confirmed_by_email`, `refused` — its reason is the entry's
/// `reason` —, `delivered_to_ebox`, `shipment_confirmed`, …) have no details. Citizens see the
/// details of `submitted`, `processed_automatically`, `sent_to_staff`, `decision_postponed`,
/// `cancelled` and, of `delivered`, only the `method`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HistoryDetails {
    Submitted(SubmittedDetails),
    ProcessedAutomatically(ProcessedAutomaticallyDetails),
    SentToStaff(SentToStaffDetails),
    DecisionPostponed(DecisionPostponedDetails),
    AdviceGiven(AdviceGivenDetails),
    AdviceDeadlinePassed(AdviceDeadlinePassedDetails),
    TaskClaimed(TaskChangeDetails),
    TaskAssigned(TaskChangeDetails),
    TaskReleased(TaskChangeDetails),
    Delivered(DeliveredDetails),
    EmailSent(EmailSentDetails),
    Cancelled(CancelledDetails),
    DocumentErased(DocumentErasedDetails),
}

impl HistoryDetails {
    /// The action these details belong to (and their `kind`).
    pub fn action(&self) -> AuditAction {
        match self {
            Self::Submitted(_) => AuditAction::Submitted,
            Self::ProcessedAutomatically(_) => AuditAction::ProcessedAutomatically,
            Self::SentToStaff(_) => AuditAction::SentToStaff,
            Self::DecisionPostponed(_) => AuditAction::DecisionPostponed,
            Self::AdviceGiven(_) => AuditAction::AdviceGiven,
            Self::AdviceDeadlinePassed(_) => AuditAction::AdviceDeadlinePassed,
            Self::TaskClaimed(_) => AuditAction::TaskClaimed,
            Self::TaskAssigned(_) => AuditAction::TaskAssigned,
            Self::TaskReleased(_) => AuditAction::TaskReleased,
            Self::Delivered(_) => AuditAction::Delivered,
            Self::EmailSent(_) => AuditAction::EmailSent,
            Self::Cancelled(_) => AuditAction::Cancelled,
            Self::DocumentErased(_) => AuditAction::DocumentErased,
        }
    }

    /// Reads stored details of an event with this action; `None` when the action has none
    /// here or the stored shape is not one this version knows.
    pub fn parse(action: AuditAction, stored: &str) -> Option<Self> {
        serde_json::from_value(tagged(action, stored)?).ok()
    }

    /// What a citizen may see: how it came in and goes out, the verification code, why it went
    /// to staff or which outside system its decision waits for, whether they were informed of a cancellation. Never who at the municipality
    /// handled a task, what the police advised, nor e-mail or letter particulars.
    pub fn for_citizens(self) -> Option<Self> {
        match self {
            Self::Submitted(_)
            | Self::ProcessedAutomatically(_)
            | Self::SentToStaff(_)
            | Self::DecisionPostponed(_)
            | Self::Cancelled(_) => Some(self),
            Self::Delivered(d) => Some(Self::Delivered(DeliveredDetails {
                method: d.method,
                recipient: None,
                made_for: None,
            })),
            Self::AdviceGiven(_)
            | Self::AdviceDeadlinePassed(_)
            | Self::TaskClaimed(_)
            | Self::TaskAssigned(_)
            | Self::TaskReleased(_)
            | Self::EmailSent(_)
            | Self::DocumentErased(_) => None,
        }
    }
}

/// Signed in: with which means, where from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignedInDetails {
    /// The means of authentication (`itsme`, `eid`, …) as the provider named it.
    pub means: String,
    /// `cookie` (the browser, after OpenID Connect) or `bearer` (a token).
    pub session: SessionKind,
    /// The provider that signed the person in (absent for a bearer token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    /// The client's address (absent for a bearer token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The browser's `User-Agent` (absent for a bearer token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
}

/// A sign-in refused or broken off; the entry's `reason` is the refusal's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignInFailedDetails {
    pub provider: Provider,
    /// What went wrong, in words (absent when the provider could not be reached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub address: String,
    pub user_agent: String,
}

/// Signed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignedOutDetails {
    pub means: String,
    pub address: String,
    pub user_agent: String,
}

/// A session ended by Loket: the provider no longer confirmed the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionEndedDetails {
    pub provider: Provider,
    pub reason: String,
}

/// A read of a request or of what the police were asked ("Inzage"): from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReadDetails {
    /// The client's address.
    pub address: String,
}

/// A read of one of a request's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocumentViewedDetails {
    pub document_id: i64,
    pub address: String,
}

/// A search over every request: its criteria and how many it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestsSearchedDetails {
    /// The criteria as given.
    pub criteria: SearchParams,
    /// How many it found, counted up to the search's count limit (`SEARCH_COUNT_LIMIT`): the
    /// limit itself means "at least this many".
    pub total: i64,
    pub address: String,
}

/// An Excel report of a search, once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExportedDetails {
    /// The criteria as given.
    pub criteria: SearchParams,
    pub rows: i64,
    /// The language of the report's headers and labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<super::labels::ReportLanguage>,
}

/// The audit trail exported as CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditExportedDetails {
    /// The audit trail's criteria as given.
    pub criteria: AuditQuery,
    pub rows: i64,
    pub address: String,
}

/// The details of an event that is not part of a request's history: signing in and out, and
/// the reads (of requests, documents, searches, reports) the audit trail accounts for. `kind`
/// is the event's `action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccessDetails {
    SignedIn(SignedInDetails),
    SignInFailed(SignInFailedDetails),
    SignedOut(SignedOutDetails),
    SessionEnded(SessionEndedDetails),
    RequestViewed(ReadDetails),
    DocumentViewed(DocumentViewedDetails),
    AdviceRequestViewed(ReadDetails),
    RequestsSearched(RequestsSearchedDetails),
    Exported(ExportedDetails),
    AuditExported(AuditExportedDetails),
}

impl AccessDetails {
    /// The action these details belong to (and their `kind`).
    pub fn action(&self) -> AuditAction {
        match self {
            Self::SignedIn(_) => AuditAction::SignedIn,
            Self::SignInFailed(_) => AuditAction::SignInFailed,
            Self::SignedOut(_) => AuditAction::SignedOut,
            Self::SessionEnded(_) => AuditAction::SessionEnded,
            Self::RequestViewed(_) => AuditAction::RequestViewed,
            Self::DocumentViewed(_) => AuditAction::DocumentViewed,
            Self::AdviceRequestViewed(_) => AuditAction::AdviceRequestViewed,
            Self::RequestsSearched(_) => AuditAction::RequestsSearched,
            Self::Exported(_) => AuditAction::Exported,
            Self::AuditExported(_) => AuditAction::AuditExported,
        }
    }
}

/// The details of any audit event: a request's history, or an access (sign-in, read, search,
/// export). `kind` is the event's `action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum AuditDetails {
    History(HistoryDetails),
    /// Boxed: a search's or an export's criteria make these the largest.
    Access(Box<AccessDetails>),
}

impl AuditDetails {
    /// The action these details belong to (and their `kind`).
    pub fn action(&self) -> AuditAction {
        match self {
            Self::History(d) => d.action(),
            Self::Access(d) => d.action(),
        }
    }

    /// Reads stored details of an event with this action; `None` when the action has none or
    /// the stored shape is not one this version knows.
    pub fn parse(action: AuditAction, stored: &str) -> Option<Self> {
        let value = tagged(action, stored)?;
        match serde_json::from_value::<HistoryDetails>(value.clone()) {
            Ok(history) => Some(Self::History(history)),
            Err(_) => serde_json::from_value::<AccessDetails>(value)
                .ok()
                .map(Self::from),
        }
    }
}

impl From<HistoryDetails> for AuditDetails {
    fn from(details: HistoryDetails) -> Self {
        Self::History(details)
    }
}

impl From<AccessDetails> for AuditDetails {
    fn from(details: AccessDetails) -> Self {
        Self::Access(Box::new(details))
    }
}

/// The stored object with its `kind` set to the row's action (older rows have none).
fn tagged(action: AuditAction, stored: &str) -> Option<serde_json::Value> {
    let mut value: serde_json::Value = serde_json::from_str(stored).ok()?;
    value
        .as_object_mut()?
        .insert("kind".into(), action.as_str().into());
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task_change() -> TaskChangeDetails {
        TaskChangeDetails {
            task: TaskType::HandleRequest,
            task_id: 7,
            assignee: Some("An De Smet".into()),
        }
    }

    fn delivered() -> DeliveredDetails {
        DeliveredDetails {
            method: DeliveryMethod::Post,
            recipient: Some(LetterRecipient {
                name: "Mohamed El Amrani".into(),
                address: vec!["Molenweg 3".into(), "9999 Voorbeeldegem".into()],
            }),
            made_for: Some(MadeFor {
                name: "Sarah Dubois".into(),
                national_number: "78090900259".into(),
                identity_confirmed: true,
            }),
        }
    }

    /// One of every kind of a request's history.
    fn history_samples() -> Vec<HistoryDetails> {
        use HistoryDetails as H;
        vec![
            H::Submitted(SubmittedDetails { via: Channel::Api }),
            H::ProcessedAutomatically(ProcessedAutomaticallyDetails {
                verification_code: "ABCD-EFGH".into(),
                method: DeliveryMethod::Counter,
            }),
            H::SentToStaff(SentToStaffDetails {
                reasons: vec![ManualReason::Abroad, ManualReason::NotSignedIn],
            }),
            H::DecisionPostponed(DecisionPostponedDetails {
                system: OutsideSystem::Dabs,
            }),
            H::AdviceGiven(AdviceGivenDetails {
                advice: Advice::Unfavourable,
                on_behalf_of_police: true,
                after_deadline: true,
            }),
            H::AdviceDeadlinePassed(AdviceDeadlinePassedDetails { days: 7 }),
            H::TaskClaimed(task_change()),
            H::TaskAssigned(task_change()),
            H::TaskReleased(TaskChangeDetails {
                assignee: None,
                ..task_change()
            }),
            H::Delivered(delivered()),
            H::EmailSent(EmailSentDetails {
                template: "refused".into(),
                to: "jan.peeters@example.be".into(),
                subject: "Uw aanvraag".into(),
            }),
            H::Cancelled(CancelledDetails {
                requester_informed: true,
            }),
            H::DocumentErased(DocumentErasedDetails { document_id: 4 }),
        ]
    }

    /// One of every kind of access.
    fn access_samples() -> Vec<AccessDetails> {
        use AccessDetails as A;
        let read = ReadDetails {
            address: "10.0.0.7".into(),
        };
        let criteria = SearchParams {
            national_number: Some("85073003328".into()),
            status: Some("refused".into()),
            ..SearchParams::default()
        };
        vec![
            A::SignedIn(SignedInDetails {
                means: "itsme".into(),
                session: SessionKind::Cookie,
                provider: Some(Provider::Citizen),
                address: Some("192.0.2.1".into()),
                user_agent: Some("Mozilla/5.0".into()),
            }),
            A::SignInFailed(SignInFailedDetails {
                provider: Provider::Staff,
                reason: None,
                address: "192.0.2.1".into(),
                user_agent: "curl".into(),
            }),
            A::SignedOut(SignedOutDetails {
                means: "eid".into(),
                address: "192.0.2.1".into(),
                user_agent: "Mozilla/5.0".into(),
            }),
            A::SessionEnded(SessionEndedDetails {
                provider: Provider::Staff,
                reason: "disabled".into(),
            }),
            A::RequestViewed(read.clone()),
            A::DocumentViewed(DocumentViewedDetails {
                document_id: 4,
                address: "10.0.0.8".into(),
            }),
            A::AdviceRequestViewed(read),
            A::RequestsSearched(RequestsSearchedDetails {
                criteria: criteria.clone(),
                total: 2,
                address: "10.0.0.7".into(),
            }),
            A::Exported(ExportedDetails {
                criteria,
                rows: 12,
                language: Some(super::super::labels::ReportLanguage::Fr),
            }),
            A::AuditExported(AuditExportedDetails {
                criteria: AuditQuery {
                    person: Some("85073003328".into()),
                    action: Some(AuditAction::Exported),
                    ..AuditQuery::default()
                },
                rows: 3,
                address: "10.0.0.7".into(),
            }),
        ]
    }

    fn all_samples() -> Vec<AuditDetails> {
        let history = history_samples().into_iter().map(AuditDetails::from);
        history
            .chain(access_samples().into_iter().map(AuditDetails::from))
            .collect()
    }

    #[test]
    fn kind_is_the_action_and_what_is_stored_reads_back_the_same() {
        for details in all_samples() {
            let stored = serde_json::to_string(&details).unwrap();
            let value: serde_json::Value = serde_json::from_str(&stored).unwrap();
            assert_eq!(value["kind"], details.action().as_str(), "{stored}");
            let read = AuditDetails::parse(details.action(), &stored);
            assert_eq!(read.as_ref(), Some(&details), "{stored}");
        }
        for details in history_samples() {
            let stored = serde_json::to_string(&details).unwrap();
            assert_eq!(
                HistoryDetails::parse(details.action(), &stored),
                Some(details)
            );
        }
    }

    #[test]
    fn every_action_with_details_has_exactly_one_kind() {
        let mut actions: Vec<AuditAction> = all_samples().iter().map(|d| d.action()).collect();
        let count = actions.len();
        actions.sort();
        actions.dedup();
        assert_eq!(actions.len(), count, "no action has two kinds");
        let without = [
            AuditAction::ConfirmedByEmail,
            AuditAction::PoliceAdviceRequested,
            AuditAction::DeedAdded,
            AuditAction::DeedStillMissing,
            AuditAction::DeliveredToEbox,
            AuditAction::ShipmentConfirmed,
            AuditAction::PickupConfirmed,
            AuditAction::Refused,
            AuditAction::DeliveryRetried,
            AuditAction::ClientCreated,
            AuditAction::ClientChanged,
            AuditAction::ClientSecretIssued,
            AuditAction::ClientSecretRevoked,
            AuditAction::TokenIssued,
            AuditAction::TokenRefused,
            AuditAction::ApiCalled,
            AuditAction::WebhookSubscribed,
            AuditAction::WebhookChanged,
            AuditAction::WebhookRemoved,
            AuditAction::WebhookSecretRotated,
            AuditAction::WebhookPaused,
            AuditAction::WebhookReplayed,
        ];
        for action in AuditAction::ALL {
            assert!(
                actions.contains(action) != without.contains(action),
                "{action}: details or not"
            );
        }
    }

    /// Rows written before the details were typed: no `kind`, and keys of other versions.
    #[test]
    fn older_rows_read_by_their_action_and_unknown_shapes_show_nothing() {
        let old = r#"{"method":"post","recipient":null,"madeFor":null}"#;
        let expected = DeliveredDetails {
            method: DeliveryMethod::Post,
            recipient: None,
            made_for: None,
        };
        assert_eq!(
            HistoryDetails::parse(AuditAction::Delivered, old),
            Some(HistoryDetails::Delivered(expected))
        );
        let automatic = r#"{"verificationCode":"ABCD-EFGH"}"#;
        let expected = ProcessedAutomaticallyDetails {
            verification_code: "ABCD-EFGH".into(),
            method: DeliveryMethod::Digital,
        };
        assert_eq!(
            HistoryDetails::parse(AuditAction::ProcessedAutomatically, automatic),
            Some(HistoryDetails::ProcessedAutomatically(expected))
        );
        let searched = r#"{"criteria":{"status":"refused"},"total":2,"address":"10.0.0.7"}"#;
        let read = AuditDetails::parse(AuditAction::RequestsSearched, searched);
        assert!(
            matches!(&read, Some(AuditDetails::Access(d)) if matches!(**d, AccessDetails::RequestsSearched(_))),
            "{read:?}"
        );
        for (action, stored) in [
            (AuditAction::Delivered, r#"{"method":"by_pigeon"}"#),
            (AuditAction::Cancelled, "[1, 2]"),
            (AuditAction::Cancelled, "not json"),
            (AuditAction::Refused, r#"{"requesterInformed":true}"#),
            (
                AuditAction::Submitted,
                r#"{"kind":"cancelled","requesterInformed":true}"#,
            ),
        ] {
            assert_eq!(HistoryDetails::parse(action, stored), None, "{stored}");
            assert_eq!(AuditDetails::parse(action, stored), None, "{stored}");
        }
        // A history action's details are never read as an access, nor the other way round.
        let read = r#"{"address":"10.0.0.7"}"#;
        assert_eq!(
            HistoryDetails::parse(AuditAction::RequestViewed, read),
            None
        );
    }

    #[test]
    fn citizens_see_how_it_came_in_and_went_out_and_nothing_of_the_municipality() {
        let shown: Vec<serde_json::Value> = history_samples()
            .into_iter()
            .filter_map(HistoryDetails::for_citizens)
            .map(|d| serde_json::to_value(d).unwrap())
            .collect();
        let kinds: Vec<&str> = shown.iter().filter_map(|d| d["kind"].as_str()).collect();
        assert_eq!(
            kinds,
            [
                "submitted",
                "processed_automatically",
                "sent_to_staff",
                "decision_postponed",
                "delivered",
                "cancelled"
            ]
        );
        let keys: std::collections::BTreeSet<&str> = shown
            .iter()
            .flat_map(|d| d.as_object().unwrap().keys().map(String::as_str))
            .filter(|k| *k != "kind")
            .collect();
        // Exactly the keys citizens have always been shown.
        let always = [
            "via",
            "verificationCode",
            "reasons",
            "system",
            "method",
            "requesterInformed",
        ];
        assert_eq!(keys, always.into_iter().collect());
    }
}
