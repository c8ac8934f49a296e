//! What staff (and the police) do with a request: deliver three ways, refuse, cancel, confirm
//! shipment or pick-up, give advice, confirm that a missing deed was added. Each action runs in
//! one transaction that first locks the request, so of two people acting at once exactly one
//! succeeds and the other gets a conflict; a finished request takes no further action. One
//! function per action; each writes its audit event inside that transaction.
use super::emails::{self, Email};
use super::produce::{self, address_lines, register_person, LetterTo, Plan};
use super::submit::queue_and_record;
use super::{Result, WorkflowError};
use crate::adapters::national_register::Person;
use crate::db::catalogue::{self, DocumentTypeRow};
use crate::db::requests::{self, RequestRow};
use crate::db::{self, audit, DbConnection};
use crate::domain::audit::{Actor, AuditAction, AuditEvent};
use crate::domain::history::{
    self, AdviceGivenDetails, CancelledDetails, DeliveredDetails, HistoryDetails, LetterRecipient,
};
use crate::domain::national_number::NationalNumber;
use crate::domain::request::{
    self as rules, Advice, DeliveryMethod, Event, Facts, ManualReason, Processing, Status,
};
use crate::domain::task::{TaskStatus, TaskType};
use crate::startup::AppState;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::sync::Arc;

/// Who receives a document sent by post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Requester,
    Subject,
}

#[derive(Debug, Clone)]
pub enum Action {
    Deliver {
        method: DeliveryMethod,
        recipient: Recipient,
        /// Identifies the person when the request did not (anonymous requests).
        subject_national_number: Option<String>,
        /// Staff checked that a register person with another name or birth date than the
        /// requester gave is the person concerned.
        confirm_identity: bool,
        /// Postal address lines when the register has none for the recipient.
        address: Option<Vec<String>>,
    },
    Refuse {
        reason: String,
    },
    Cancel {
        inform_requester: bool,
        explanation: Option<String>,
    },
    ConfirmShipment,
    ConfirmPickup,
    GiveAdvice {
        advice: Advice,
        remark: Option<String>,
    },
    ConfirmDeedAdded,
}

impl Action {
    fn event(&self) -> Event {
        match self {
            Self::Deliver { method, .. } => Event::Deliver(*method),
            Self::Refuse { .. } => Event::Refuse,
            Self::Cancel { .. } => Event::Cancel,
            Self::ConfirmShipment => Event::ConfirmShipment,
            Self::ConfirmPickup => Event::ConfirmPickup,
            Self::GiveAdvice { .. } => Event::AdviceGiven,
            Self::ConfirmDeedAdded => Event::DeedAdded,
        }
    }
}

/// What the action needs from outside systems, fetched before the transaction.
#[allow(clippy::large_enum_variant)] // one short-lived value per action
enum Prepared {
    Nothing,
    /// The document (and for the post its letter) already made: rendering happens before the
    /// write transaction, which then only stores.
    Document {
        rendered: produce::Rendered,
        letter_to: Option<LetterTo>,
        /// The person staff named by national number (anonymous requests), for the history.
        made_for: Option<MadeFor>,
    },
    /// The deed is in DABS now and nothing else stood in the way: delivered automatically.
    Automatic {
        rendered: produce::Rendered,
        plan: Plan,
    },
    /// The deed is (still) missing in DABS.
    DeedMissing,
}

/// The national number the document is made for: the request's, or the one staff give.
fn subject_number(row: &RequestRow, given: Option<&String>) -> Result<String> {
    match (&row.subject_national_number, given) {
        (Some(n), _) => Ok(n.clone()),
        (None, Some(given)) => Ok(NationalNumber::parse(given)
            .map_err(WorkflowError::SubjectNumberInvalid)?
            .as_str()
            .to_owned()),
        (None, None) => Err(WorkflowError::SubjectNumberMissing),
    }
}

/// The register person a document was made for when staff gave the national number.
#[derive(Debug, Clone)]
struct MadeFor {
    name: String,
    national_number: String,
    identity_confirmed: bool,
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the register person is the one the requester named: the last name appears in the
/// name given, and the birth date (when given) is the same.
fn same_person(row: &RequestRow, person: &Person) -> bool {
    let named = fold(&row.subject_name).contains(&fold(&person.last_name));
    let born = row
        .subject_birth_date
        .is_none_or(|d| d == person.birth_date);
    named && born
}

/// For a national number staff give (the request named the person without one): the register
/// must know it, and it must be the person the requester named unless staff confirm it is.
fn check_identity(
    state: &AppState,
    row: &RequestRow,
    number: &str,
    confirm_identity: bool,
    is_deed: bool,
) -> Result<Option<MadeFor>> {
    if row.subject_national_number.is_some() {
        return Ok(None);
    }
    let Some(person) = register_person(state, number)? else {
        // A deed can be about someone the register no longer knows: DABS decides then.
        return match is_deed {
            true => Ok(Some(MadeFor {
                name: row.subject_name.clone(),
                national_number: number.to_owned(),
                identity_confirmed: confirm_identity,
            })),
            false => Err(WorkflowError::UnknownPerson),
        };
    };
    if !confirm_identity && !same_person(row, &person) {
        return Err(WorkflowError::NotThePersonNamed {
            named: row.subject_name.clone(),
            register: format!("{} {}", person.first_names, person.last_name),
            born: person.birth_date,
        });
    }
    Ok(Some(MadeFor {
        name: format!("{} {}", person.first_names, person.last_name),
        national_number: number.to_owned(),
        identity_confirmed: confirm_identity,
    }))
}

/// Name and address lines for the cover letter of a document sent by post.
fn letter_recipient(
    state: &AppState,
    row: &RequestRow,
    recipient: Recipient,
    subject_number: &str,
    address: Option<&Vec<String>>,
) -> Result<LetterTo> {
    let asked_by = (recipient == Recipient::Subject && !row.subject_is_requester)
        .then(|| row.requester_name.clone());
    let (name, number) = match recipient {
        Recipient::Requester => (
            row.requester_name.clone(),
            row.requester_national_number.clone(),
        ),
        Recipient::Subject => (row.subject_name.clone(), Some(subject_number.to_owned())),
    };
    let given = address
        .cloned()
        .filter(|a| a.iter().any(|l| !l.trim().is_empty()));
    let lines = match (given, number) {
        (Some(lines), _) => Some(lines),
        (None, Some(n)) => register_person(state, &n)?.and_then(|p| address_lines(&p)),
        (None, None) => None,
    };
    lines
        .map(|lines| LetterTo {
            name,
            lines,
            asked_by,
        })
        .ok_or(WorkflowError::AddressMissing)
}

fn prepare_delivery(
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    action: &Action,
) -> Result<Prepared> {
    let Action::Deliver {
        method,
        recipient,
        subject_national_number,
        confirm_identity,
        address,
    } = action
    else {
        return Ok(Prepared::Nothing);
    };
    let number = subject_number(row, subject_national_number.as_ref())?;
    let is_deed = doc_type.deed_type.is_some();
    let made_for = check_identity(state, row, &number, *confirm_identity, is_deed)?;
    if *method == DeliveryMethod::Digital
        && doc_type.kind.requires_sign_in_online()
        && row.requester_user_id.is_none()
    {
        return Err(WorkflowError::OnlineNeedsSignIn);
    }
    let deed = match doc_type.deed_type {
        Some(deed_type) => Some(
            state
                .adapters
                .dabs
                .find(deed_type, &number)?
                .ok_or(WorkflowError::DeedNotInDabs)?,
        ),
        None => None,
    };
    if deed.is_none() && register_person(state, &number)?.is_none() {
        return Err(WorkflowError::UnknownPerson);
    }
    let material = produce::gather(state, doc_type, &number, deed)?;
    let letter_to = match method {
        DeliveryMethod::Post => Some(letter_recipient(
            state,
            row,
            *recipient,
            &number,
            address.as_ref(),
        )?),
        _ => None,
    };
    let plan = Plan {
        method: *method,
        letter_to: letter_to.clone(),
    };
    let now = state.clock.now_naive();
    let facts = produce::DocFacts::from(row);
    Ok(Prepared::Document {
        rendered: produce::render(state, &facts, doc_type, &material, &plan, now),
        letter_to,
        made_for,
    })
}

/// The deed is in DABS now: delivered at once when nothing but the missing deed stood in the
/// way of automatic processing.
fn prepare_deed_added(
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
) -> Result<Prepared> {
    let deed_type = doc_type.deed_type.ok_or(WorkflowError::NotADeed)?;
    let found = match &row.subject_national_number {
        Some(number) => state.adapters.dabs.find(deed_type, number)?,
        None => None,
    };
    let Some(deed) = found else {
        return Ok(Prepared::DeedMissing);
    };
    let only_deed = ManualReason::split(&row.manual_reasons)
        .iter()
        .all(|r| *r == ManualReason::DeedNotInDabs);
    let eligible = only_deed
        && rules::manual_reasons(Facts {
            signed_in: row.requester_user_id.is_some(),
            for_self: row.subject_is_requester,
            abroad: row.for_use == rules::ForUse::Abroad,
            type_allows_automatic: doc_type.automatic_allowed,
            deed_in_dabs: Some(true),
        })
        .is_empty();
    if !eligible {
        return Ok(Prepared::Nothing);
    }
    let number = row.subject_national_number.clone().unwrap_or_default();
    let material = produce::gather(state, doc_type, &number, Some(deed))?;
    let plan = produce::plan(
        state,
        row.delivery_preference,
        &row.requester_name,
        row.requester_national_number.as_deref(),
    )?;
    let now = state.clock.now_naive();
    let facts = produce::DocFacts::from(row);
    Ok(Prepared::Automatic {
        rendered: produce::render(state, &facts, doc_type, &material, &plan, now),
        plan,
    })
}

fn prepare(
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    action: &Action,
) -> Result<Prepared> {
    match action {
        Action::Deliver { .. } => prepare_delivery(state, row, doc_type, action),
        Action::ConfirmDeedAdded => prepare_deed_added(state, row, doc_type),
        _ => Ok(Prepared::Nothing),
    }
}

/// Locks the request for this transaction: the first statement is a write, so SQLite takes
/// its write lock before reading and PostgreSQL locks the row; a second actor waits, then
/// sees the first one's result.
fn lock(conn: &mut DbConnection, reference: &str) -> Result<RequestRow> {
    use crate::db::schema::requests as r;
    let locked = diesel::update(r::table.filter(r::reference.eq(reference)))
        .set(r::version.eq(r::version))
        .execute(conn)?;
    if locked == 0 {
        return Err(WorkflowError::UnknownRequest(reference.to_owned()));
    }
    requests::by_reference(conn, reference)?
        .ok_or_else(|| WorkflowError::UnknownRequest(reference.to_owned()))
}

fn check(row: &RequestRow, action: &Action, expected_version: Option<i32>) -> Result<()> {
    if row.status.is_final() {
        return Err(WorkflowError::Finished {
            reference: row.reference.clone(),
            status: row.status,
        });
    }
    if expected_version.is_some_and(|v| v != row.version) {
        return Err(WorkflowError::Stale(row.reference.clone()));
    }
    rules::transition(row.status, action.event()).map_err(|source| {
        WorkflowError::NotApplicable {
            reference: row.reference.clone(),
            source,
        }
    })?;
    Ok(())
}

/// One action under way inside its transaction: the locked request and what the action
/// changes, writes and queues.
struct Step<'a> {
    conn: &'a mut DbConnection,
    state: &'a AppState,
    row: &'a RequestRow,
    doc_type: &'a DocumentTypeRow,
    actor: &'a Actor,
    now: NaiveDateTime,
    /// Jobs to run once the transaction commits.
    jobs: Vec<i64>,
}

impl Step<'_> {
    /// Closes the request's unfinished tasks of these types (all of them when `types` is empty).
    fn close_tasks(&mut self, types: &[TaskType], status: TaskStatus) -> Result<()> {
        requests::close_tasks(
            self.conn,
            self.row.id,
            types,
            status,
            self.actor.id,
            self.now,
        )?;
        Ok(())
    }

    fn open_task(&mut self, task_type: TaskType) -> Result<()> {
        requests::insert_task(
            self.conn,
            self.row.id,
            task_type,
            TaskStatus::Open,
            None,
            self.now,
        )?;
        Ok(())
    }

    fn set_status(&mut self, status: Status, delivery: Option<DeliveryMethod>) -> Result<()> {
        requests::set_status(self.conn, self.row, status, delivery, self.now)?;
        Ok(())
    }

    fn record(&mut self, event: AuditEvent) -> Result<()> {
        audit::record(self.conn, self.now, &event)?;
        Ok(())
    }

    fn email(&mut self, email: &Email) -> Result<()> {
        let job = queue_and_record(self.conn, self.state, self.row, email)?;
        self.jobs.extend(job);
        Ok(())
    }

    /// The document's title in the requester's language, as its template prints it.
    fn title(&self) -> String {
        let language = self.row.language.as_str();
        self.state.config.branding.title(language, self.doc_type)
    }

    fn store_letter(&mut self, to: &LetterTo, content: Vec<u8>) -> Result<()> {
        produce::store_rendered_letter(self.conn, self.row, to, content, self.now)
    }
}

fn deliver(
    step: &mut Step,
    method: DeliveryMethod,
    rendered: produce::Rendered,
    letter_to: Option<LetterTo>,
    made_for: Option<MadeFor>,
) -> Result<()> {
    let to = rules::transition(step.row.status, Event::Deliver(method)).map_err(|source| {
        WorkflowError::NotApplicable {
            reference: step.row.reference.clone(),
            source,
        }
    })?;
    let produce::Rendered { document, letter } = rendered;
    let stored = produce::store(step.conn, step.row, step.doc_type, document, step.now)?;
    step.close_tasks(&[TaskType::HandleRequest], TaskStatus::Done)?;
    match method {
        DeliveryMethod::Digital => {
            step.close_tasks(&[], TaskStatus::Done)?;
            let jobs = produce::deliver_digitally(
                step.conn,
                step.state,
                step.row,
                step.doc_type,
                &stored,
            )?;
            step.jobs.extend(jobs);
        }
        DeliveryMethod::Post => {
            if let (Some(to), Some(content)) = (&letter_to, letter) {
                step.store_letter(to, content)?;
            }
            step.open_task(TaskType::ConfirmShipment)?;
        }
        DeliveryMethod::Counter => {
            step.open_task(TaskType::ConfirmPickup)?;
            let mail = emails::ready_for_pickup(step.state, step.row, &step.title());
            step.email(&mail)?;
        }
    }
    step.set_status(to, Some(method))?;
    let recipient = letter_to.map(|to| LetterRecipient {
        name: to.name,
        address: to.lines,
    });
    // Which person the document was made for, when staff named them by national number.
    let made_for = made_for.map(|p| history::MadeFor {
        name: p.name,
        national_number: p.national_number,
        identity_confirmed: p.identity_confirmed,
    });
    let details = HistoryDetails::Delivered(DeliveredDetails {
        method,
        recipient,
        made_for,
    });
    let event = AuditEvent::request(step.actor, AuditAction::Delivered, &step.row.reference)
        .details(details);
    step.record(event)
}

fn refuse(step: &mut Step, reason: &str) -> Result<()> {
    step.close_tasks(&[], TaskStatus::Cancelled)?;
    step.set_status(Status::Refused, None)?;
    let event = AuditEvent::request(step.actor, AuditAction::Refused, &step.row.reference)
        .reason(Some(reason));
    step.record(event)?;
    let mail = emails::refused(step.state, step.row, &step.title(), reason);
    step.email(&mail)
}

fn cancel(step: &mut Step, inform_requester: bool, explanation: Option<&str>) -> Result<()> {
    step.close_tasks(&[], TaskStatus::Cancelled)?;
    step.set_status(Status::Cancelled, None)?;
    let event = AuditEvent::request(step.actor, AuditAction::Cancelled, &step.row.reference)
        .reason(explanation)
        .details(HistoryDetails::Cancelled(CancelledDetails {
            requester_informed: inform_requester,
        }));
    step.record(event)?;
    if inform_requester {
        let text = explanation.unwrap_or_default();
        let mail = emails::cancelled(step.state, step.row, &step.title(), text);
        step.email(&mail)?;
    }
    Ok(())
}

fn confirm_shipment(step: &mut Step) -> Result<()> {
    step.close_tasks(&[], TaskStatus::Done)?;
    step.set_status(Status::Delivered, None)?;
    let event = AuditEvent::request(
        step.actor,
        AuditAction::ShipmentConfirmed,
        &step.row.reference,
    );
    step.record(event)?;
    let mail = emails::sent_by_post(step.state, step.row, &step.title());
    step.email(&mail)
}

fn confirm_pickup(step: &mut Step) -> Result<()> {
    step.close_tasks(&[], TaskStatus::Done)?;
    step.set_status(Status::Delivered, None)?;
    let event = AuditEvent::request(
        step.actor,
        AuditAction::PickupConfirmed,
        &step.row.reference,
    );
    step.record(event)
}

fn give_advice(step: &mut Step, advice: Advice, remark: Option<&str>) -> Result<()> {
    // After the police's deadline staff have a task "Advies geven"; a late answer of the
    // police still counts, closes that task, and says so in the history.
    let after_deadline = requests::tasks_of(step.conn, step.row.id)?
        .iter()
        .any(|t| t.task_type == TaskType::GiveAdvice && t.status == TaskStatus::Open);
    step.close_tasks(&[TaskType::GiveAdvice], TaskStatus::Done)?;
    step.open_task(TaskType::HandleRequest)?;
    requests::set_police_advice(step.conn, step.row.id, advice, remark)?;
    crate::adapters::police::record_answer(
        step.conn,
        step.row.id,
        advice.as_str(),
        remark,
        &step.actor.name,
        step.now,
    )?;
    step.set_status(Status::InProgress, None)?;
    let on_behalf = step.actor.role.is_staff();
    let event = AuditEvent::request(step.actor, AuditAction::AdviceGiven, &step.row.reference)
        .reason(remark)
        .details(HistoryDetails::AdviceGiven(AdviceGivenDetails {
            advice,
            on_behalf_of_police: on_behalf,
            after_deadline,
        }));
    step.record(event)
}

fn deed_added(step: &mut Step, prepared: Prepared) -> Result<()> {
    step.close_tasks(&[TaskType::AddDeed], TaskStatus::Done)?;
    let event = AuditEvent::request(step.actor, AuditAction::DeedAdded, &step.row.reference);
    step.record(event)?;
    match prepared {
        Prepared::Automatic { rendered, plan } => {
            // The deed added puts it back in progress; from there it is delivered.
            let to = rules::transition(Status::InProgress, Event::Deliver(plan.method)).map_err(
                |source| WorkflowError::NotApplicable {
                    reference: step.row.reference.clone(),
                    source,
                },
            )?;
            if to.is_final() {
                step.close_tasks(&[], TaskStatus::Done)?;
            } else {
                step.close_tasks(&[TaskType::HandleRequest], TaskStatus::Done)?;
            }
            step.set_status(to, Some(plan.method))?;
            // Nothing but the missing deed stood in the way: handled automatically after all.
            requests::set_processing(step.conn, step.row.id, Processing::Automatic)?;
            let jobs = produce::deliver_rendered(
                step.conn,
                step.state,
                step.row,
                step.doc_type,
                rendered,
                &plan,
                step.now,
            )?;
            step.jobs.extend(jobs);
            Ok(())
        }
        _ => {
            step.open_task(TaskType::HandleRequest)?;
            step.set_status(Status::InProgress, None)
        }
    }
}

fn apply(step: &mut Step, action: &Action, prepared: Prepared) -> Result<()> {
    match (action, prepared) {
        (
            Action::Deliver { method, .. },
            Prepared::Document {
                rendered,
                letter_to,
                made_for,
            },
        ) => deliver(step, *method, rendered, letter_to, made_for),
        (Action::Refuse { reason }, _) => refuse(step, reason),
        (
            Action::Cancel {
                inform_requester,
                explanation,
            },
            _,
        ) => cancel(step, *inform_requester, explanation.as_deref()),
        (Action::ConfirmShipment, _) => confirm_shipment(step),
        (Action::ConfirmPickup, _) => confirm_pickup(step),
        (Action::GiveAdvice { advice, remark }, _) => give_advice(step, *advice, remark.as_deref()),
        (Action::ConfirmDeedAdded, prepared) => deed_added(step, prepared),
        (Action::Deliver { .. }, _) => {
            Err(WorkflowError::internal("delivery had nothing prepared"))
        }
    }
}

/// Notes that DABS still lacks the deed (the task stays open) and says so.
async fn deed_still_missing(state: &Arc<AppState>, actor: Actor, reference: String) -> Result<()> {
    let now = state.clock.now_naive();
    db::blocking(&state.pool, move |conn| {
        let event = AuditEvent::request(&actor, AuditAction::DeedStillMissing, &reference);
        audit::record(conn, now, &event).map_err(WorkflowError::from)
    })
    .await?;
    Err(WorkflowError::DeedStillMissing)
}

/// Performs an action; `expected_version`, when given, must match (the page was not stale).
pub async fn perform(
    state: &Arc<AppState>,
    reference: String,
    actor: Actor,
    action: Action,
    expected_version: Option<i32>,
) -> Result<RequestRow> {
    let lookup = reference.clone();
    let (row, doc_type, advice_due) = db::blocking(&state.pool, move |conn| {
        let row = requests::by_reference(conn, &lookup)?
            .ok_or_else(|| WorkflowError::UnknownRequest(lookup.clone()))?;
        let doc_type = catalogue::document_type_any(conn, &row.document_type_code)?
            .ok_or_else(|| WorkflowError::internal("unknown document type"))?;
        let advice_due = requests::tasks_of(conn, row.id)?
            .iter()
            .any(|t| t.task_type == TaskType::GiveAdvice && t.status == TaskStatus::Open);
        Ok::<_, WorkflowError>((row, doc_type, advice_due))
    })
    .await?;
    // Staff give advice in the police's name only once the police's time is up.
    if matches!(action, Action::GiveAdvice { .. }) && actor.role.is_staff() && !advice_due {
        return Err(WorkflowError::AdviceNotDue);
    }
    // Refuse early what cannot apply, before asking outside systems anything.
    check(&row, &action, expected_version)?;
    // Outside systems are asked off the async workers, holding no database connection.
    let prepared = {
        let (state, row, doc_type, action) = (
            Arc::clone(state),
            row.clone(),
            doc_type.clone(),
            action.clone(),
        );
        db::offload(move || prepare(&state, &row, &doc_type, &action)).await?
    };
    if let Prepared::DeedMissing = prepared {
        return deed_still_missing(state, actor, reference)
            .await
            .map(|()| row);
    }
    let worker_state = Arc::clone(state);
    let (row, jobs) = db::blocking(&state.pool, move |conn| {
        db::write_transaction(conn, |conn| {
            let row = lock(conn, &reference)?;
            check(&row, &action, expected_version)?;
            let mut step = Step {
                conn,
                state: &worker_state,
                row: &row,
                doc_type: &doc_type,
                actor: &actor,
                now: worker_state.clock.now_naive(),
                jobs: Vec::new(),
            };
            apply(&mut step, &action, prepared)?;
            let jobs = step.jobs;
            Ok::<_, WorkflowError>((requests::by_id(conn, row.id)?, jobs))
        })
    })
    .await?;
    super::jobs::run_now(state, jobs).await;
    Ok(row)
}
