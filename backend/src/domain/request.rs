//! The request (aanvraag): its lifecycle as one enum with one transition function, and the
//! rule that decides whether it can be handled without staff.

crate::vocabulary! {
    /// Where a request stands.
    pub enum Status {
        /// In behandeling: staff handle it.
        InProgress = "in_progress",
        /// Wacht op advies van de politie (model 596.2).
        AwaitingPoliceAdvice = "awaiting_police_advice",
        /// Wacht op de akte in DABS.
        AwaitingDeed = "awaiting_deed",
        /// Klaar voor verzending per post.
        AwaitingShipment = "awaiting_shipment",
        /// Klaar om af te halen aan de balie.
        ReadyForPickup = "ready_for_pickup",
        /// Afgeleverd (final).
        Delivered = "delivered",
        /// Geweigerd (final).
        Refused = "refused",
        /// Geannuleerd (final).
        Cancelled = "cancelled",
    }

    /// How a document reaches the requester.
    pub enum DeliveryMethod {
        /// E-mail with a link (3 months) and My eBox.
        Digital = "digital",
        /// By post, with a generated address letter.
        Post = "post",
        /// To be picked up at the counter.
        Counter = "counter",
    }

    /// Why a request was delivered the way it was (`RequestDetail.deliveryReason`).
    pub enum DeliveryReason {
        /// Handled automatically and delivered the way the requester asked.
        AsAsked = "as_asked",
        /// Handled automatically; post was asked but the national register has no address
        /// for the requester, so it was delivered digitally.
        NoAddressForPost = "no_address_for_post",
        /// Staff chose the way when they delivered (they may choose another than asked).
        ChosenByStaff = "chosen_by_staff",
    }

    /// Whether Loket handled the request alone or staff do.
    pub enum Processing {
        Automatic = "automatic",
        Manual = "manual",
    }

    /// How the request came in: the SPA or an integrator's API call.
    pub enum Channel {
        Web = "web",
        Api = "api",
    }

    /// Where the document will be used.
    pub enum ForUse {
        Belgium = "belgium",
        Abroad = "abroad",
    }

    /// The language the document is made in.
    pub enum Language {
        Nl = "nl",
        Fr = "fr",
        De = "de",
        En = "en",
    }

    /// The police's advice on a model 596.2 extract.
    pub enum Advice {
        Favourable = "favourable",
        Unfavourable = "unfavourable",
    }

    /// Why a request is not handled automatically.
    pub enum ManualReason {
        NotSignedIn = "not_signed_in",
        ForSomeoneElse = "for_someone_else",
        Abroad = "abroad",
        TypeNeverAutomatic = "type_never_automatic",
        DeedNotInDabs = "deed_not_in_dabs",
        /// The national register does not know the person (found out when a decision that
        /// waited for the register was taken): staff check who it is.
        NotInRegister = "not_in_register",
    }

    /// An outside system the decision on a request waits for: it did not answer at
    /// submission, so the decision is tried again later (`RequestDetail.waitingFor`).
    pub enum OutsideSystem {
        NationalRegister = "national_register",
        Dabs = "dabs",
    }
}

impl Status {
    /// The Dutch word on documents, e-mails and the Excel export (the SPA has its own labels).
    pub fn label(self) -> &'static str {
        match self {
            Self::InProgress => "In behandeling",
            Self::AwaitingPoliceAdvice => "Wacht op advies van de politie",
            Self::AwaitingDeed => "Wacht op de akte",
            Self::AwaitingShipment => "Wordt per post verstuurd",
            Self::ReadyForPickup => "Af te halen aan de balie",
            Self::Delivered => "Afgeleverd",
            Self::Refused => "Geweigerd",
            Self::Cancelled => "Geannuleerd",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, Self::Delivered | Self::Refused | Self::Cancelled)
    }
}

impl DeliveryReason {
    /// Why a request was delivered `method`: staff chose it, or the automatic handling
    /// followed the requester's preference unless it had to go digitally.
    /// `None` for an automatic delivery that is none of these (requests delivered before the
    /// preference was applied went digitally whatever was asked): no reason is guessed.
    pub fn of(
        processing: Processing,
        preference: DeliveryMethod,
        method: DeliveryMethod,
    ) -> Option<Self> {
        use DeliveryMethod::{Digital, Post};
        match (processing, preference, method) {
            (Processing::Manual, _, _) => Some(Self::ChosenByStaff),
            (Processing::Automatic, asked, given) if asked == given => Some(Self::AsAsked),
            (Processing::Automatic, Post, Digital) => Some(Self::NoAddressForPost),
            (Processing::Automatic, _, _) => None,
        }
    }
}

impl ManualReason {
    /// Stored as a comma-separated list in `requests.manual_reasons`.
    pub fn join(reasons: &[ManualReason]) -> String {
        reasons
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads that list back; unknown words are skipped.
    pub fn split(text: &str) -> Vec<ManualReason> {
        text.split(',').filter_map(ManualReason::parse).collect()
    }
}

/// Something that happens to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Staff deliver, or the system does so automatically.
    Deliver(DeliveryMethod),
    /// The letter went out by post.
    ConfirmShipment,
    /// The requester picked the document up.
    ConfirmPickup,
    Refuse,
    Cancel,
    /// The police (or staff in their name) gave advice.
    AdviceGiven,
    /// The missing deed is now in DABS.
    DeedAdded,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a request that is '{}' cannot {}", from.label(), describe(*event))]
pub struct TransitionError {
    pub from: Status,
    pub event: Event,
}

fn describe(event: Event) -> &'static str {
    match event {
        Event::Deliver(_) => "be delivered",
        Event::ConfirmShipment => "have its shipment confirmed",
        Event::ConfirmPickup => "be marked as picked up",
        Event::Refuse => "be refused",
        Event::Cancel => "be cancelled",
        Event::AdviceGiven => "receive police advice",
        Event::DeedAdded => "receive its deed",
    }
}

/// The one place that says which status follows which.
pub fn transition(from: Status, event: Event) -> Result<Status, TransitionError> {
    use Status::*;
    let to = match (from, event) {
        (InProgress, Event::Deliver(DeliveryMethod::Digital)) => Some(Delivered),
        (InProgress, Event::Deliver(DeliveryMethod::Post)) => Some(AwaitingShipment),
        (InProgress, Event::Deliver(DeliveryMethod::Counter)) => Some(ReadyForPickup),
        (AwaitingShipment, Event::ConfirmShipment) => Some(Delivered),
        (ReadyForPickup, Event::ConfirmPickup) => Some(Delivered),
        (InProgress | AwaitingPoliceAdvice | AwaitingDeed, Event::Refuse) => Some(Refused),
        (s, Event::Cancel) if !s.is_final() => Some(Cancelled),
        (AwaitingPoliceAdvice, Event::AdviceGiven) => Some(InProgress),
        (AwaitingDeed, Event::DeedAdded) => Some(InProgress),
        _ => None,
    };
    to.ok_or(TransitionError { from, event })
}

/// What the decision needs to know about a request.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub signed_in: bool,
    pub for_self: bool,
    pub abroad: bool,
    pub type_allows_automatic: bool,
    /// `None` when the document is not a deed; otherwise whether DABS has it.
    pub deed_in_dabs: Option<bool>,
}

/// Automatic exactly when no reason speaks against it; every reason is listed.
pub fn manual_reasons(facts: Facts) -> Vec<ManualReason> {
    [
        (!facts.signed_in, ManualReason::NotSignedIn),
        (!facts.for_self, ManualReason::ForSomeoneElse),
        (facts.abroad, ManualReason::Abroad),
        (
            !facts.type_allows_automatic,
            ManualReason::TypeNeverAutomatic,
        ),
        (
            facts.deed_in_dabs == Some(false),
            ManualReason::DeedNotInDabs,
        ),
    ]
    .into_iter()
    .filter_map(|(applies, reason)| applies.then_some(reason))
    .collect()
}

/// The status a manual request starts in: police advice first, then a missing deed.
pub fn initial_manual_status(police_advice_required: bool, reasons: &[ManualReason]) -> Status {
    if police_advice_required {
        Status::AwaitingPoliceAdvice
    } else if reasons.contains(&ManualReason::DeedNotInDabs) {
        Status::AwaitingDeed
    } else {
        Status::InProgress
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENTS: [Event; 9] = [
        Event::Deliver(DeliveryMethod::Digital),
        Event::Deliver(DeliveryMethod::Post),
        Event::Deliver(DeliveryMethod::Counter),
        Event::ConfirmShipment,
        Event::ConfirmPickup,
        Event::Refuse,
        Event::Cancel,
        Event::AdviceGiven,
        Event::DeedAdded,
    ];

    /// The whole table, written out: every status × every event.
    #[test]
    fn the_transition_table_is_exactly_this() {
        use DeliveryMethod::*;
        use Status::*;
        let allowed: Vec<(Status, Event, Status)> = vec![
            (InProgress, Event::Deliver(Digital), Delivered),
            (InProgress, Event::Deliver(Post), AwaitingShipment),
            (InProgress, Event::Deliver(Counter), ReadyForPickup),
            (InProgress, Event::Refuse, Refused),
            (InProgress, Event::Cancel, Cancelled),
            (AwaitingPoliceAdvice, Event::Refuse, Refused),
            (AwaitingPoliceAdvice, Event::Cancel, Cancelled),
            (AwaitingPoliceAdvice, Event::AdviceGiven, InProgress),
            (AwaitingDeed, Event::Refuse, Refused),
            (AwaitingDeed, Event::Cancel, Cancelled),
            (AwaitingDeed, Event::DeedAdded, InProgress),
            (AwaitingShipment, Event::ConfirmShipment, Delivered),
            (AwaitingShipment, Event::Cancel, Cancelled),
            (ReadyForPickup, Event::ConfirmPickup, Delivered),
            (ReadyForPickup, Event::Cancel, Cancelled),
        ];
        for &from in Status::ALL {
            for event in EVENTS {
                let expected = allowed
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                assert_eq!(
                    transition(from, event).ok(),
                    expected,
                    "{from:?} + {event:?}"
                );
            }
        }
    }

    #[test]
    fn a_finished_request_accepts_nothing() {
        for from in [Status::Delivered, Status::Refused, Status::Cancelled] {
            for event in EVENTS {
                let err = transition(from, event).unwrap_err();
                assert!(err.to_string().contains(from.label()), "{err}");
            }
        }
    }

    #[test]
    fn statuses_round_trip_through_their_stored_text() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
        for r in ManualReason::ALL {
            assert_eq!(ManualReason::parse(r.as_str()), Some(*r));
        }
        assert_eq!(
            ManualReason::split(&ManualReason::join(ManualReason::ALL)),
            ManualReason::ALL
        );
    }

    /// All 48 combinations of the five facts (deed: not a deed / found / missing).
    #[test]
    fn automatic_exactly_when_every_rule_holds() {
        for bits in 0..16u8 {
            for deed in [None, Some(true), Some(false)] {
                let facts = Facts {
                    signed_in: bits & 1 != 0,
                    for_self: bits & 2 != 0,
                    abroad: bits & 4 != 0,
                    type_allows_automatic: bits & 8 != 0,
                    deed_in_dabs: deed,
                };
                let reasons = manual_reasons(facts);
                let automatic = facts.signed_in
                    && facts.for_self
                    && !facts.abroad
                    && facts.type_allows_automatic
                    && deed != Some(false);
                assert_eq!(reasons.is_empty(), automatic, "{facts:?} → {reasons:?}");
                assert_eq!(
                    reasons.contains(&ManualReason::NotSignedIn),
                    !facts.signed_in
                );
                assert_eq!(
                    reasons.contains(&ManualReason::ForSomeoneElse),
                    !facts.for_self
                );
                assert_eq!(reasons.contains(&ManualReason::Abroad), facts.abroad);
                assert_eq!(
                    reasons.contains(&ManualReason::TypeNeverAutomatic),
                    !facts.type_allows_automatic
                );
                assert_eq!(
                    reasons.contains(&ManualReason::DeedNotInDabs),
                    deed == Some(false)
                );
            }
        }
    }

    #[test]
    fn police_advice_comes_before_a_missing_deed() {
        assert_eq!(
            initial_manual_status(true, &[ManualReason::TypeNeverAutomatic]),
            Status::AwaitingPoliceAdvice
        );
        assert_eq!(
            initial_manual_status(false, &[ManualReason::DeedNotInDabs]),
            Status::AwaitingDeed
        );
        assert_eq!(
            initial_manual_status(false, &[ManualReason::Abroad]),
            Status::InProgress
        );
    }
}
