//! What staff (and the police) do with a request: deliver three ways, refuse, cancel, confirm
//! shipment or pick-up, give advice, confirm that a missing deed was added. Each action runs in
//! one transaction that first locks the request, so of two people acting at once exactly one
//! succeeds and the other gets a conflict; a finished request takes no further action.
use super::emails::Email;
use super::produce::{self, Material};
use super::submit::queue_and_record;
use super::{record, Actor};
use crate::adapters::national_register::Person;
use crate::db::catalogue::{self, DocumentTypeRow};
use crate::db::requests::{self, NewDocument, RequestRow};
use crate::db::{self, DbConnection};
use crate::documents::{letter, pdf};
use crate::domain::national_number::NationalNumber;
use crate::domain::request::{self as rules, DeliveryMethod, Event, Facts, ManualReason, Status};
use crate::error::{ApiError, ApiResult, InvalidParam};
use crate::startup::AppState;
use actix_web::web;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

/// Who receives a document sent by post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Requester,
    Subject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    Favourable,
    Unfavourable,
}

impl Advice {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Favourable => "favourable",
            Self::Unfavourable => "unfavourable",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Favourable => "gunstig",
            Self::Unfavourable => "ongunstig",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Action {
    Deliver {
        method: DeliveryMethod,
        recipient: Recipient,
        /// Identifies the person when the request did not (anonymous requests).
        subject_national_number: Option<String>,
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
    fn name(&self) -> &'static str {
        match self {
            Self::Deliver { .. } => "deliver",
            Self::Refuse { .. } => "refuse",
            Self::Cancel { .. } => "cancel",
            Self::ConfirmShipment => "confirm_shipment",
            Self::ConfirmPickup => "confirm_pickup",
            Self::GiveAdvice { .. } => "give_advice",
            Self::ConfirmDeedAdded => "confirm_deed_added",
        }
    }
}

/// The actions that apply to a request now, for the staff detail page.
pub fn available(status: Status) -> Vec<&'static str> {
    let mut actions = Vec::new();
    let can = |event| rules::transition(status, event).is_ok();
    if can(Event::Deliver(DeliveryMethod::Digital)) {
        actions.push("deliver");
    }
    if can(Event::Refuse) {
        actions.push("refuse");
    }
    if can(Event::ConfirmShipment) {
        actions.push("confirm_shipment");
    }
    if can(Event::ConfirmPickup) {
        actions.push("confirm_pickup");
    }
    if can(Event::AdviceGiven) {
        actions.push("give_advice");
    }
    if can(Event::DeedAdded) {
        actions.push("confirm_deed_added");
    }
    if can(Event::Cancel) {
        actions.push("cancel");
    }
    actions
}

fn conflict(detail: impl Into<String>) -> ApiError {
    ApiError::Conflict {
        code: "conflict",
        detail: detail.into(),
    }
}

fn status_of(row: &RequestRow) -> ApiResult<Status> {
    Status::parse(&row.status)
        .ok_or_else(|| ApiError::internal(format!("unknown status {}", row.status)))
}

/// What the action needs from outside systems, fetched before the transaction.
#[allow(clippy::large_enum_variant)] // one short-lived value per action
enum Prepared {
    Nothing,
    Document {
        material: Material,
        letter_to: Option<(String, Vec<String>)>,
    },
    /// The deed is (still) missing in DABS.
    DeedMissing,
}

fn register_person(state: &AppState, number: &str) -> ApiResult<Option<Person>> {
    let Ok(number) = NationalNumber::parse(number) else {
        return Ok(None);
    };
    state
        .adapters
        .national_register
        .person(&number)
        .map_err(|e| ApiError::Unavailable(format!("{e}. Try again in a moment.")))
}

fn address_lines(person: &Person) -> Option<Vec<String>> {
    person.current_address().map(|a| {
        let bus = a
            .r#box
            .as_ref()
            .map(|b| format!(" bus {b}"))
            .unwrap_or_default();
        vec![
            format!("{} {}{bus}", a.street, a.number),
            format!("{} {}", a.postal_code, a.municipality),
        ]
    })
}

fn prepare(
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    action: &Action,
) -> ApiResult<Prepared> {
    match action {
        Action::Deliver {
            method,
            recipient,
            subject_national_number,
            address,
        } => {
            let number = match (&row.subject_national_number, subject_national_number) {
                (Some(n), _) => n.clone(),
                (None, Some(given)) => NationalNumber::parse(given)
                    .map_err(|e| ApiError::Validation(vec![InvalidParam::coded("subjectNationalNumber", "invalid_national_number", e.to_string())]))?
                    .as_str()
                    .to_owned(),
                (None, None) => {
                    return Err(ApiError::Validation(vec![InvalidParam::required(
                        "subjectNationalNumber",
                        "This request does not identify the person by national register number: give it, so the document can be made.",
                    )]))
                }
            };
            if *method == DeliveryMethod::Digital
                && doc_type.kind == "criminal_record"
                && row.requester_user_id.is_none()
            {
                return Err(ApiError::Validation(vec![InvalidParam::coded(
                    "method",
                    "not_allowed",
                    "A criminal-record extract is only shown online after sign-in, and this requester did not sign in: deliver it by post or at the counter.",
                )]));
            }
            let deed = match &doc_type.deed_type {
                Some(deed_type) => match state.adapters.dabs.find(deed_type, &number) {
                    Ok(Some(deed)) => Some(deed),
                    Ok(None) => {
                        return Err(conflict(
                            "DABS does not have this deed: add it in DABS first.",
                        ))
                    }
                    Err(e) => {
                        return Err(ApiError::Unavailable(format!(
                            "{e}. Try again in a moment."
                        )))
                    }
                },
                None => None,
            };
            if doc_type.deed_type.is_none() && register_person(state, &number)?.is_none() {
                return Err(ApiError::Validation(vec![InvalidParam::coded(
                    "subjectNationalNumber",
                    "unknown_person",
                    "The national register does not know this person.",
                )]));
            }
            let material = produce::gather(state, doc_type, &number, deed)?;
            let letter_to = match method {
                DeliveryMethod::Post => {
                    let (name, person_number) = match recipient {
                        Recipient::Requester => (
                            row.requester_name.clone(),
                            row.requester_national_number.clone(),
                        ),
                        Recipient::Subject => (row.subject_name.clone(), Some(number.clone())),
                    };
                    let from_register = match person_number {
                        Some(n) => register_person(state, &n)?.and_then(|p| address_lines(&p)),
                        None => None,
                    };
                    let lines = address
                        .clone()
                        .filter(|a| a.iter().any(|l| !l.trim().is_empty()))
                        .or(from_register);
                    let Some(lines) = lines else {
                        return Err(ApiError::Validation(vec![InvalidParam::required(
                            "address",
                            "The register has no address for this recipient: give the postal address.",
                        )]));
                    };
                    Some((name, lines))
                }
                _ => None,
            };
            Ok(Prepared::Document {
                material,
                letter_to,
            })
        }
        Action::ConfirmDeedAdded => {
            let deed_type = doc_type
                .deed_type
                .as_deref()
                .ok_or_else(|| conflict("This request is not about a deed."))?;
            let found =
                match &row.subject_national_number {
                    Some(number) => state.adapters.dabs.find(deed_type, number).map_err(|e| {
                        ApiError::Unavailable(format!("{e}. Try again in a moment."))
                    })?,
                    None => None,
                };
            match found {
                None => Ok(Prepared::DeedMissing),
                Some(deed) => {
                    // Delivered at once when nothing but the missing deed stood in the way.
                    let reasons: Vec<ManualReason> = row
                        .manual_reasons
                        .split(',')
                        .filter_map(ManualReason::parse)
                        .collect();
                    let only_deed = reasons.iter().all(|r| *r == ManualReason::DeedNotInDabs);
                    let eligible = only_deed
                        && rules::manual_reasons(Facts {
                            signed_in: row.requester_user_id.is_some(),
                            for_self: row.subject_is_requester,
                            abroad: row.for_use == "abroad",
                            type_allows_automatic: doc_type.automatic_allowed,
                            deed_in_dabs: Some(true),
                        })
                        .is_empty();
                    if eligible {
                        let number = row.subject_national_number.clone().unwrap_or_default();
                        Ok(Prepared::Document {
                            material: produce::gather(state, doc_type, &number, Some(deed))?,
                            letter_to: None,
                        })
                    } else {
                        Ok(Prepared::Nothing)
                    }
                }
            }
        }
        _ => Ok(Prepared::Nothing),
    }
}

/// Locks the request for this transaction: the first statement is a write, so SQLite takes
/// its write lock before reading and PostgreSQL locks the row; a second actor waits, then
/// sees the first one's result.
fn lock(conn: &mut DbConnection, reference: &str) -> ApiResult<RequestRow> {
    use crate::db::schema::requests as r;
    let locked = diesel::update(r::table.filter(r::reference.eq(reference)))
        .set(r::version.eq(r::version))
        .execute(conn)?;
    if locked == 0 {
        return Err(ApiError::NotFound(format!(
            "There is no request {reference}."
        )));
    }
    requests::by_reference(conn, reference)?
        .ok_or_else(|| ApiError::NotFound(format!("There is no request {reference}.")))
}

fn set_status(
    conn: &mut DbConnection,
    row: &RequestRow,
    status: Status,
    delivery: Option<DeliveryMethod>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    use crate::db::schema::requests as r;
    diesel::update(r::table.find(row.id).filter(r::version.eq(row.version)))
        .set((
            r::status.eq(status.as_str()),
            r::version.eq(row.version + 1),
            r::updated_at.eq(now),
            r::finished_at.eq(status.is_final().then_some(now)),
            r::delivery_method.eq(delivery
                .map(|d| d.as_str())
                .or(row.delivery_method.as_deref())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Closes the request's tasks of these types (all unfinished ones when `types` is empty).
fn close_tasks(
    conn: &mut DbConnection,
    request_id: i64,
    types: &[&str],
    status: &str,
    by: Option<i64>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    use crate::db::schema::tasks as t;
    let mut query = diesel::update(t::table)
        .filter(t::request_id.eq(request_id))
        .filter(t::status.eq_any(["open", "parked"]))
        .into_boxed();
    if !types.is_empty() {
        query = query
            .filter(t::task_type.eq_any(types.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
    }
    query
        .set((
            t::status.eq(status),
            t::completed_at.eq(Some(now)),
            t::completed_by.eq(by),
            t::version.eq(t::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

fn store_letter(
    conn: &mut DbConnection,
    state: &AppState,
    row: &RequestRow,
    title: &str,
    to: &(String, Vec<String>),
    now: NaiveDateTime,
) -> ApiResult<()> {
    let layout = letter(
        &state.config.municipality,
        &row.reference,
        title,
        &to.0,
        &to.1,
        now.date(),
    );
    requests::insert_document(
        conn,
        &NewDocument {
            request_id: row.id,
            kind: "letter".into(),
            title: "Begeleidende brief".into(),
            file_name: format!("brief-{}.pdf", row.reference),
            content_type: "application/pdf".into(),
            content: pdf::render(&layout),
            verification_code: None,
            issued_to_name: to.0.clone(),
            issued_at: now,
            valid_until: None,
        },
    )?;
    Ok(())
}

fn signature(state: &AppState) -> String {
    format!(
        "\n\nMet vriendelijke groeten,\nDienst Burgerzaken — {}",
        state.config.municipality
    )
}

/// Performs an action; `expected_version`, when given, must match (the page was not stale).
pub async fn perform(
    state: web::Data<AppState>,
    reference: String,
    actor: Actor,
    action: Action,
    expected_version: Option<i32>,
) -> ApiResult<RequestRow> {
    let lookup = reference.clone();
    let (row, doc_type) = db::run(&state.pool, move |conn| {
        let row = requests::by_reference(conn, &lookup)?
            .ok_or_else(|| ApiError::NotFound(format!("There is no request {lookup}.")))?;
        let doc_type = catalogue::document_type_any(conn, &row.document_type_code)?
            .ok_or_else(|| ApiError::internal("unknown type"))?;
        Ok((row, doc_type))
    })
    .await?;
    // Refuse early what cannot apply, before asking outside systems anything.
    check(&row, &action, expected_version)?;
    let prepared = prepare(&state, &row, &doc_type, &action)?;
    if let Prepared::DeedMissing = prepared {
        let now = state.clock.now_naive();
        db::run(&state.pool, move |conn| {
            record(
                conn,
                now,
                &actor,
                &reference,
                "deed_still_missing",
                Some("DABS heeft de akte nog niet."),
                None,
            )
        })
        .await?;
        return Err(ApiError::Conflict {
            code: "deed_still_missing",
            detail: "DABS still does not have this deed. Add it in DABS, then confirm again; the task stays open.".into(),
        });
    }

    let worker_state = state.clone();
    let (row, jobs) = db::run(&state.pool, move |conn| {
        conn.transaction(|conn| {
            let row = lock(conn, &reference)?;
            check(&row, &action, expected_version)?;
            apply(
                conn,
                &worker_state,
                row,
                &doc_type,
                &actor,
                &action,
                prepared,
            )
        })
    })
    .await?;
    super::jobs::run_now(&state, jobs).await;
    Ok(row)
}

fn event_of(action: &Action) -> Event {
    match action {
        Action::Deliver { method, .. } => Event::Deliver(*method),
        Action::Refuse { .. } => Event::Refuse,
        Action::Cancel { .. } => Event::Cancel,
        Action::ConfirmShipment => Event::ConfirmShipment,
        Action::ConfirmPickup => Event::ConfirmPickup,
        Action::GiveAdvice { .. } => Event::AdviceGiven,
        Action::ConfirmDeedAdded => Event::DeedAdded,
    }
}

fn check(row: &RequestRow, action: &Action, expected_version: Option<i32>) -> ApiResult<()> {
    let status = status_of(row)?;
    if status.is_final() {
        return Err(conflict(format!(
            "Request {} is already {}: it takes no further action.",
            row.reference,
            status.label().to_lowercase()
        )));
    }
    if let Some(v) = expected_version {
        if v != row.version {
            return Err(conflict(format!(
                "Request {} was changed by someone else in the meantime: reload it and check before you act.",
                row.reference
            )));
        }
    }
    rules::transition(status, event_of(action))
        .map_err(|e| conflict(format!("{}: {e}.", row.reference)))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn apply(
    conn: &mut DbConnection,
    state: &AppState,
    row: RequestRow,
    doc_type: &DocumentTypeRow,
    actor: &Actor,
    action: &Action,
    prepared: Prepared,
) -> ApiResult<(RequestRow, Vec<i64>)> {
    let now = state.clock.now_naive();
    let status = status_of(&row)?;
    let mut job_ids = Vec::new();
    let title = doc_type.name.clone();
    let reference = row.reference.clone();
    let by = actor.id;
    match (action, prepared) {
        (
            Action::Deliver { method, .. },
            Prepared::Document {
                material,
                letter_to,
            },
        ) => {
            let to = rules::transition(status, Event::Deliver(*method))
                .map_err(|e| conflict(e.to_string()))?;
            let produced = produce::make(state, &row, doc_type, &material);
            let stored = produce::store(conn, &row, doc_type, produced, now)?;
            close_tasks(conn, row.id, &["handle_request"], "done", by, now)?;
            match method {
                DeliveryMethod::Digital => {
                    close_tasks(conn, row.id, &[], "done", by, now)?;
                    job_ids.extend(produce::deliver_digitally(
                        conn, state, &row, doc_type, &stored,
                    )?);
                }
                DeliveryMethod::Post => {
                    if let Some(to) = &letter_to {
                        store_letter(conn, state, &row, &title, to, now)?;
                    }
                    requests::insert_task(conn, row.id, "confirm_shipment", "open", None, now)?;
                }
                DeliveryMethod::Counter => {
                    requests::insert_task(conn, row.id, "confirm_pickup", "open", None, now)?;
                    let text = format!(
                        "Beste {},\n\nJe document '{title}' (referentie {reference}) ligt klaar aan de balie van de dienst Burgerzaken. Breng je identiteitskaart mee om het af te halen.{}",
                        row.requester_name,
                        signature(state)
                    );
                    let mail = Email::new(
                        "ready_for_pickup",
                        format!("Je document ligt klaar aan de balie ({reference})"),
                        text,
                    );
                    job_ids.extend(queue_and_record(conn, state, &row, &mail)?);
                }
            }
            set_status(conn, &row, to, Some(*method), now)?;
            let recipient = letter_to
                .as_ref()
                .map(|(name, lines)| json!({ "name": name, "address": lines }));
            record(
                conn,
                now,
                actor,
                &reference,
                "delivered",
                None,
                Some(json!({ "method": method.as_str(), "recipient": recipient })),
            )?;
        }
        (Action::Refuse { reason }, _) => {
            close_tasks(conn, row.id, &[], "cancelled", by, now)?;
            set_status(conn, &row, Status::Refused, None, now)?;
            record(conn, now, actor, &reference, "refused", Some(reason), None)?;
            let text = format!(
                "Beste {},\n\nWe kunnen je aanvraag '{title}' (referentie {reference}) helaas niet afleveren.\n\nReden: {reason}\n\nHeb je vragen? Neem contact op met de dienst Burgerzaken en vermeld je referentienummer.{}",
                row.requester_name,
                signature(state)
            );
            let mail = Email::new(
                "refused",
                format!("Je aanvraag {reference} werd geweigerd"),
                text,
            );
            job_ids.extend(queue_and_record(conn, state, &row, &mail)?);
        }
        (
            Action::Cancel {
                inform_requester,
                explanation,
            },
            _,
        ) => {
            close_tasks(conn, row.id, &[], "cancelled", by, now)?;
            set_status(conn, &row, Status::Cancelled, None, now)?;
            record(
                conn,
                now,
                actor,
                &reference,
                "cancelled",
                explanation.as_deref(),
                Some(json!({ "requesterInformed": inform_requester })),
            )?;
            if *inform_requester {
                let text = format!(
                    "Beste {},\n\nJe aanvraag '{title}' (referentie {reference}) werd geannuleerd.\n\n{}{}",
                    row.requester_name,
                    explanation.as_deref().unwrap_or_default(),
                    signature(state)
                );
                let mail = Email::new(
                    "cancelled",
                    format!("Je aanvraag {reference} werd geannuleerd"),
                    text,
                );
                job_ids.extend(queue_and_record(conn, state, &row, &mail)?);
            }
        }
        (Action::ConfirmShipment, _) => {
            close_tasks(conn, row.id, &[], "done", by, now)?;
            set_status(conn, &row, Status::Delivered, None, now)?;
            record(
                conn,
                now,
                actor,
                &reference,
                "shipment_confirmed",
                None,
                None,
            )?;
            let text = format!(
                "Beste {},\n\nJe document '{title}' (referentie {reference}) werd vandaag per post verstuurd. Je ontvangt het binnen enkele werkdagen.{}",
                row.requester_name,
                signature(state)
            );
            let mail = Email::new(
                "sent_by_post",
                format!("Je document is per post verstuurd ({reference})"),
                text,
            );
            job_ids.extend(queue_and_record(conn, state, &row, &mail)?);
        }
        (Action::ConfirmPickup, _) => {
            close_tasks(conn, row.id, &[], "done", by, now)?;
            set_status(conn, &row, Status::Delivered, None, now)?;
            record(conn, now, actor, &reference, "pickup_confirmed", None, None)?;
        }
        (Action::GiveAdvice { advice, remark }, _) => {
            close_tasks(conn, row.id, &["give_advice"], "done", by, now)?;
            requests::insert_task(conn, row.id, "handle_request", "open", None, now)?;
            {
                use crate::db::schema::requests as r;
                diesel::update(r::table.find(row.id))
                    .set((
                        r::police_advice.eq(advice.as_str()),
                        r::police_advice_remark.eq(remark.as_deref()),
                    ))
                    .execute(conn)?;
            }
            crate::adapters::police::record_answer(
                conn,
                row.id,
                advice.as_str(),
                remark.as_deref(),
                &actor.name,
                now,
            )?;
            set_status(conn, &row, Status::InProgress, None, now)?;
            let on_behalf = matches!(actor.role.as_str(), "staff" | "admin");
            record(
                conn,
                now,
                actor,
                &reference,
                "advice_given",
                remark.as_deref(),
                Some(
                    json!({ "advice": advice.as_str(), "adviceLabel": advice.label(), "onBehalfOfPolice": on_behalf }),
                ),
            )?;
        }
        (Action::ConfirmDeedAdded, prepared) => {
            close_tasks(conn, row.id, &["add_deed"], "done", by, now)?;
            record(conn, now, actor, &reference, "deed_added", None, None)?;
            match prepared {
                Prepared::Document { material, .. } => {
                    let produced = produce::make(state, &row, doc_type, &material);
                    let stored = produce::store(conn, &row, doc_type, produced, now)?;
                    close_tasks(conn, row.id, &[], "done", by, now)?;
                    set_status(
                        conn,
                        &row,
                        Status::Delivered,
                        Some(DeliveryMethod::Digital),
                        now,
                    )?;
                    record(
                        conn,
                        now,
                        &Actor::system(),
                        &reference,
                        "processed_automatically",
                        None,
                        None,
                    )?;
                    job_ids.extend(produce::deliver_digitally(
                        conn, state, &row, doc_type, &stored,
                    )?);
                }
                _ => {
                    requests::insert_task(conn, row.id, "handle_request", "open", None, now)?;
                    set_status(conn, &row, Status::InProgress, None, now)?;
                }
            }
        }
        (other, _) => {
            return Err(ApiError::internal(format!(
                "action {} had nothing prepared",
                other.name()
            )))
        }
    }
    let row = requests::by_id(conn, row.id)?;
    Ok((row, job_ids))
}
