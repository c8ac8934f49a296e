//! What can go wrong in the workflow, in the workflow's own words: no HTTP statuses, no API
//! field names. The API turns each one into a problem+json response in one place
//! (`impl From<WorkflowError> for ApiError`).
use crate::adapters::AdapterError;
use crate::domain::national_number::NationalNumberError;
use crate::domain::request::{Status, TransitionError};

#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("There is no request {0}.")]
    UnknownRequest(String),
    /// The request is delivered, refused or cancelled.
    #[error("Request {reference} is already {}: it takes no further action.", status.label().to_lowercase())]
    Finished { reference: String, status: Status },
    /// Someone else changed the request after the actor looked at it.
    #[error("Request {0} was changed by someone else in the meantime: reload it and check before you act.")]
    Stale(String),
    #[error("{reference}: {source}.")]
    NotApplicable {
        reference: String,
        source: TransitionError,
    },
    /// The request does not identify the person by national number, and the actor did not either.
    #[error("This request does not identify the person by national register number: give it, so the document can be made.")]
    SubjectNumberMissing,
    #[error("{0}")]
    SubjectNumberInvalid(NationalNumberError),
    #[error("The national register does not know this person.")]
    UnknownPerson,
    /// The national number staff gave belongs to someone else than the requester named.
    #[error("This national register number belongs to {register}, born {born}, not to the person the requester named ({named}). Check the number; when it is the same person after all, confirm the identity.")]
    NotThePersonNamed {
        named: String,
        register: String,
        born: chrono::NaiveDate,
    },
    #[error("A criminal-record extract is only shown online after sign-in, and this requester did not sign in: deliver it by post or at the counter.")]
    OnlineNeedsSignIn,
    #[error("The register has no address for this recipient: give the postal address.")]
    AddressMissing,
    #[error("DABS does not have this deed: add it in DABS first.")]
    DeedNotInDabs,
    #[error("DABS still does not have this deed. Add it in DABS, then confirm again; the task stays open.")]
    DeedStillMissing,
    #[error("This request is not about a deed.")]
    NotADeed,
    #[error("There is no task {0}.")]
    UnknownTask(crate::domain::ids::TaskId),
    #[error("Task {0} is no longer open.")]
    TaskNotOpen(crate::domain::ids::TaskId),
    #[error("{holder} already took this task.")]
    TaskAlreadyClaimed { holder: String },
    #[error("No colleague has this userId: choose one from /api/v1/staff-members.")]
    NotAColleague,
    #[error("The police still have time to give advice; staff register it in their name only once the task 'Advies geven' is set.")]
    AdviceNotDue,
    #[error("No request waits for this link.")]
    ConfirmationUnknown,
    #[error("This confirmation link has expired (24 hours): submit the request again.")]
    ConfirmationExpired,
    #[error("This request is being confirmed right now: reload in a moment.")]
    ConfirmationInProgress,
    /// An Idempotency-Key used by another caller, or for other answers.
    #[error("{0}")]
    IdempotencyKeyReused(&'static str),
    #[error("This request was already submitted with the same Idempotency-Key.")]
    DuplicateSubmission,
    /// An outside system (national register, DABS, …) cannot be reached; nothing was changed.
    #[error("{0}. Try again in a moment.")]
    Unavailable(#[from] AdapterError),
    /// No database connection could be had; nothing was changed.
    #[error("The database is not reachable right now. Try again in a moment.")]
    DatabaseUnavailable,
    /// Every database connection is taken and the queue did not move in time; nothing was
    /// changed.
    #[error(transparent)]
    Busy(#[from] crate::db::Busy),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("{0}")]
    Internal(String),
}

impl WorkflowError {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }
}

impl From<diesel::r2d2::PoolError> for WorkflowError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        tracing::error!(error = %e, "no database connection available");
        Self::DatabaseUnavailable
    }
}

impl From<crate::db::TaskFailed> for WorkflowError {
    fn from(e: crate::db::TaskFailed) -> Self {
        Self::internal(e)
    }
}

pub type Result<T, E = WorkflowError> = std::result::Result<T, E>;
