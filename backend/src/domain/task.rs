//! Tasks in the staff inbox, and the actions staff can take on a request.
use super::request::{self as rules, DeliveryMethod, Event, Status};

crate::vocabulary! {
    /// What a task asks of staff (or the police).
    pub enum TaskType {
        HandleRequest = "handle_request",
        ConfirmShipment = "confirm_shipment",
        ConfirmPickup = "confirm_pickup",
        GiveAdvice = "give_advice",
        AddDeed = "add_deed",
        CancelRequest = "cancel_request",
    }

    /// Where a task stands.
    pub enum TaskStatus {
        Open = "open",
        Parked = "parked",
        Done = "done",
        Cancelled = "cancelled",
    }

    /// What staff can do with a request (its `availableActions`).
    pub enum StaffAction {
        Deliver = "deliver",
        Refuse = "refuse",
        ConfirmShipment = "confirm_shipment",
        ConfirmPickup = "confirm_pickup",
        GiveAdvice = "give_advice",
        ConfirmDeedAdded = "confirm_deed_added",
        Cancel = "cancel",
    }
}

impl TaskStatus {
    /// Still to be done by someone.
    pub const UNFINISHED: [TaskStatus; 2] = [TaskStatus::Open, TaskStatus::Parked];

    pub fn is_unfinished(self) -> bool {
        Self::UNFINISHED.contains(&self)
    }
}

impl StaffAction {
    /// The event this action is, as the lifecycle sees it (delivery checked as digital: the
    /// three methods apply to the same statuses).
    pub fn event(self) -> Event {
        match self {
            Self::Deliver => Event::Deliver(DeliveryMethod::Digital),
            Self::Refuse => Event::Refuse,
            Self::ConfirmShipment => Event::ConfirmShipment,
            Self::ConfirmPickup => Event::ConfirmPickup,
            Self::GiveAdvice => Event::AdviceGiven,
            Self::ConfirmDeedAdded => Event::DeedAdded,
            Self::Cancel => Event::Cancel,
        }
    }

    /// The actions that apply to a request in this status, for the staff detail page.
    pub fn available(status: Status) -> Vec<StaffAction> {
        Self::ALL
            .iter()
            .copied()
            .filter(|a| rules::transition(status, a.event()).is_ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_request_offers_no_action_and_a_new_one_offers_delivery() {
        for s in [Status::Delivered, Status::Refused, Status::Cancelled] {
            assert!(StaffAction::available(s).is_empty());
        }
        assert_eq!(
            StaffAction::available(Status::InProgress),
            vec![
                StaffAction::Deliver,
                StaffAction::Refuse,
                StaffAction::Cancel
            ]
        );
        assert_eq!(
            StaffAction::available(Status::AwaitingPoliceAdvice),
            vec![
                StaffAction::Refuse,
                StaffAction::GiveAdvice,
                StaffAction::Cancel
            ]
        );
    }
}
