//! Makes the requested document from the register or DABS, and stores it with a download
//! link that works for three months.
use super::{Result, WorkflowError};
use crate::adapters::dabs::Deed;
use crate::adapters::national_register::Person;
use crate::db::audit;
use crate::db::catalogue::DocumentTypeRow;
use crate::db::requests::{self, NewDocument, RequestRow};
use crate::db::DbConnection;
use crate::documents::{self, letter, pdf, Header, LetterFacts, Source};
use crate::domain::audit::{Actor, AuditAction, AuditEvent};
use crate::domain::civil::{self, Tz};
use crate::domain::document::{DocumentKind, FileKind};
use crate::domain::eu_forms;
use crate::domain::history::{HistoryDetails, ProcessedAutomaticallyDetails};
use crate::domain::jobs::JobKind;
use crate::domain::national_number::NationalNumber;
use crate::domain::request::DeliveryMethod;
use crate::domain::task::{TaskStatus, TaskType};
use crate::startup::AppState;
use chrono::NaiveDateTime;
use rand::distr::{Alphanumeric, SampleString};

/// How long an e-mailed link and the document's verification stay valid.
pub const VALIDITY_MONTHS: u32 = 3;

/// A document made, not yet stored.
pub struct Produced {
    pub title: String,
    pub file_name: String,
    pub pdf: Vec<u8>,
    pub verification_code: String,
    pub issued_to: String,
    /// The municipality's zone: the three months of validity are counted on its calendar.
    pub time_zone: Tz,
}

/// What a document needs from outside systems, fetched before any transaction starts.
#[allow(clippy::large_enum_variant)] // one short-lived value per request
pub enum Material {
    Register {
        person: Person,
        household: Vec<Person>,
        partner: Option<Person>,
    },
    Deed(Deed),
}

/// Fetches the register data (or the deed) a document is made from.
pub fn gather(
    state: &AppState,
    doc_type: &DocumentTypeRow,
    subject_number: &str,
    deed: Option<Deed>,
) -> Result<Material> {
    if let Some(deed) = deed {
        return Ok(Material::Deed(deed));
    }
    if doc_type.kind == DocumentKind::CivilStatusDeed {
        return Err(WorkflowError::internal("a deed document needs the deed"));
    }
    let number = NationalNumber::parse(subject_number).map_err(WorkflowError::internal)?;
    let register = &state.adapters.national_register;
    let person = register
        .person(&number)?
        .ok_or(WorkflowError::UnknownPerson)?;
    let household = match &person.household_id {
        Some(id) => register.household(id)?,
        None => vec![person.clone()],
    };
    let partner = match &person.legal_cohabitation {
        Some(c) => match NationalNumber::parse(&c.partner_national_number) {
            Ok(n) => register.person(&n)?,
            Err(_) => None,
        },
        None => None,
    };
    Ok(Material::Register {
        person,
        household,
        partner,
    })
}

/// A person of the national register by national number (`None` when unknown or malformed).
pub fn register_person(state: &AppState, number: &str) -> Result<Option<Person>> {
    let Ok(number) = NationalNumber::parse(number) else {
        return Ok(None);
    };
    Ok(state.adapters.national_register.person(&number)?)
}

/// The postal address lines of a person's current address, when the register has one.
pub fn address_lines(person: &Person) -> Option<Vec<String>> {
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

/// Who the cover letter of a document sent by post is for.
#[derive(Debug, Clone)]
pub struct LetterTo {
    pub name: String,
    pub lines: Vec<String>,
    /// The requester, when the letter goes to someone else (the person concerned).
    pub asked_by: Option<String>,
}

/// How a request handled automatically reaches its requester: the way they asked, except by
/// post when the register has no address for them, which goes digitally instead.
#[derive(Debug, Clone)]
pub struct Plan {
    pub method: DeliveryMethod,
    pub letter_to: Option<LetterTo>,
}

/// Fetches what the asked delivery needs (the requester's address for the post) before any
/// transaction starts.
pub fn plan(
    state: &AppState,
    preference: DeliveryMethod,
    requester_name: &str,
    requester_number: Option<&str>,
) -> Result<Plan> {
    if preference != DeliveryMethod::Post {
        return Ok(Plan {
            method: preference,
            letter_to: None,
        });
    }
    let lines = match requester_number {
        Some(number) => register_person(state, number)?.and_then(|p| address_lines(&p)),
        None => None,
    };
    Ok(match lines {
        Some(lines) => Plan {
            method: DeliveryMethod::Post,
            letter_to: Some(LetterTo {
                name: requester_name.to_owned(),
                lines,
                asked_by: None,
            }),
        },
        None => Plan {
            method: DeliveryMethod::Digital,
            letter_to: None,
        },
    })
}

/// Renders the cover letter that goes with a document sent by post (its PDF).
pub fn render_letter(
    state: &AppState,
    request: &DocFacts<'_>,
    title: &str,
    to: &LetterTo,
    now: NaiveDateTime,
) -> Vec<u8> {
    let facts = LetterFacts {
        reference: request.reference,
        title,
        recipient: &to.name,
        address_lines: &to.lines,
        asked_by: to.asked_by.as_deref(),
        on: civil::local_date(now, state.config.time_zone),
        language: request.language,
    };
    let layout = letter(&facts, &state.config.branding);
    let seal = &state.config.seal;
    seal.seal(&state.config.municipality, pdf::render(&layout))
}

pub fn store_rendered_letter(
    conn: &mut DbConnection,
    row: &RequestRow,
    to: &LetterTo,
    content: Vec<u8>,
    now: NaiveDateTime,
) -> Result<()> {
    requests::insert_document(
        conn,
        &NewDocument {
            request_id: row.id,
            kind: FileKind::Letter,
            title: "Begeleidende brief".into(),
            file_name: format!("brief-{}.pdf", row.reference),
            content_type: "application/pdf".into(),
            content,
            verification_code: None,
            issued_to_name: to.name.clone(),
            issued_at: now,
            valid_until: None,
        },
    )?;
    Ok(())
}

/// What a document says about its request: enough to make it before the request is stored.
pub struct DocFacts<'a> {
    pub reference: &'a str,
    /// The request's answers as stored (JSON).
    pub answers: &'a str,
    pub purpose: &'a str,
    pub subject_name: &'a str,
    /// The language the requester asked the document in.
    pub language: &'a str,
}

impl<'a> From<&'a RequestRow> for DocFacts<'a> {
    fn from(row: &'a RequestRow) -> Self {
        Self {
            reference: &row.reference,
            answers: &row.answers,
            purpose: &row.purpose,
            subject_name: &row.subject_name,
            language: row.language.as_str(),
        }
    }
}

pub fn make(
    state: &AppState,
    request: &RequestRow,
    doc_type: &DocumentTypeRow,
    material: &Material,
) -> Produced {
    make_for(state, &DocFacts::from(request), doc_type, material)
}

/// Makes the document (its PDF): CPU work, done before any transaction starts.
pub fn make_for(
    state: &AppState,
    request: &DocFacts<'_>,
    doc_type: &DocumentTypeRow,
    material: &Material,
) -> Produced {
    let code = documents::verification_code();
    // Whoever scans the QR code of a French document reads the verification page in French.
    let verify_url = format!(
        "{}/verifieer/{code}?lang={}",
        state.config.public_url, request.language
    );
    let options = Options::of(request.answers);
    let (full_copy, multilingual) = (options.full_copy, options.multilingual);
    let header = Header {
        title: &doc_type.name,
        document_code: &doc_type.code,
        reference: request.reference,
        issued_on: civil::local_date(state.clock.now_naive(), state.config.time_zone),
        purpose: request.purpose,
        verification_code: &code,
        verify_url: &verify_url,
        language: request.language,
        standard_form: options.standard_form(&doc_type.code),
    };
    let source = match material {
        Material::Register {
            person,
            household,
            partner,
        } => Source::Register {
            person,
            household,
            partner: partner.as_ref(),
        },
        Material::Deed(deed) => Source::Deed {
            deed,
            full_copy,
            multilingual,
        },
    };
    let layout = documents::compose(&header, &source, &state.config.branding);
    Produced {
        // The title as printed: the template's, in the document's language.
        title: layout.title.clone(),
        file_name: format!("{}-{}.pdf", doc_type.code, request.reference),
        pdf: state
            .config
            .seal
            .seal(&state.config.municipality, pdf::render(&layout)),
        verification_code: code,
        issued_to: request.subject_name.to_owned(),
        time_zone: state.config.time_zone,
    }
}

/// What the request's answers ask of the document's form.
struct Options {
    full_copy: bool,
    multilingual: bool,
    /// The country of use, when the EU multilingual standard form was asked for it.
    standard_form_for: Option<String>,
}

impl Options {
    fn of(answers: &str) -> Self {
        let answers: serde_json::Value = serde_json::from_str(answers).unwrap_or_default();
        Self {
            full_copy: answers["deed"]["variant"] == "full_copy",
            multilingual: answers["deed"]["model"] == "multilingual",
            standard_form_for: (answers["euStandardForm"] == true)
                .then(|| answers["destinationCountry"].as_str().map(str::to_owned))
                .flatten(),
        }
    }

    /// The EU form to attach and its language, when it was asked and the type has one.
    fn standard_form(&self, code: &str) -> Option<(eu_forms::FormKind, &'static str)> {
        let country = self.standard_form_for.as_deref()?;
        Some((
            eu_forms::form_of(code)?,
            eu_forms::language_for(country)?.as_str(),
        ))
    }
}

/// A stored document and the link that was made for it.
pub struct Stored {
    pub document_id: i64,
    pub link_token: String,
    pub link_expires_at: NaiveDateTime,
}

pub fn store(
    conn: &mut DbConnection,
    request: &RequestRow,
    doc_type: &DocumentTypeRow,
    produced: Produced,
    now: NaiveDateTime,
) -> Result<Stored> {
    let expires_at = civil::add_months(now, VALIDITY_MONTHS, produced.time_zone);
    let document_id = requests::insert_document(
        conn,
        &NewDocument {
            request_id: request.id,
            kind: FileKind::Document,
            title: produced.title,
            file_name: produced.file_name,
            content_type: "application/pdf".into(),
            content: produced.pdf,
            verification_code: Some(produced.verification_code),
            issued_to_name: produced.issued_to,
            issued_at: now,
            valid_until: Some(expires_at),
        },
    )?;
    let token = Alphanumeric.sample_string(&mut rand::rng(), 40);
    // Criminal-record extracts are only shown to the person after sign-in.
    let requires_sign_in = doc_type.kind.requires_sign_in_online();
    requests::insert_link(conn, &token, document_id, requires_sign_in, now, expires_at)?;
    Ok(Stored {
        document_id,
        link_token: token,
        link_expires_at: expires_at,
    })
}

/// Digital delivery of a stored document: an e-mail with its link (3 months) and, for a
/// signed-in requester, My eBox. Returns the jobs to run after the commit.
pub fn deliver_digitally(
    conn: &mut DbConnection,
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    stored: &Stored,
) -> Result<Vec<i64>> {
    let now = state.clock.now_naive();
    let link = format!(
        "{}/download/{}?lang={}",
        state.config.public_url,
        stored.link_token,
        row.language.as_str()
    );
    let mail = super::emails::document_ready(state, row, doc_type, &link, stored.link_expires_at);
    let mut ids: Vec<i64> = super::submit::queue_and_record(conn, state, row, &mail)?
        .into_iter()
        .collect();
    // My eBox only for a requester the federal login identified: a national number typed
    // by someone who did not sign in proves nothing.
    if row.requester_user_id.is_some() && row.requester_national_number.is_some() {
        let payload = serde_json::json!({ "requestId": row.id, "documentId": stored.document_id })
            .to_string();
        ids.push(crate::db::jobs::enqueue(
            conn,
            JobKind::DeliverEbox,
            &payload,
            now,
            now,
        )?);
    }
    Ok(ids)
}

/// The PDFs of an automatic delivery, made before the transaction that stores them.
pub struct Rendered {
    pub document: Produced,
    /// The cover letter, when the plan sends it by post.
    pub letter: Option<Vec<u8>>,
}

/// Makes the document and, for the post, its cover letter (CPU work, outside transactions).
pub fn render(
    state: &AppState,
    request: &DocFacts<'_>,
    doc_type: &DocumentTypeRow,
    material: &Material,
    plan: &Plan,
    now: NaiveDateTime,
) -> Rendered {
    Rendered {
        document: make_for(state, request, doc_type, material),
        letter: plan.letter_to.as_ref().map(|to| {
            let title = state.config.branding.title(request.language, doc_type);
            render_letter(state, request, &title, to, now)
        }),
    }
}

/// The one automatic-delivery path (at submission, when a decision waited for an outside
/// system, and when a missing deed turns up), with the PDFs already made: store them, note it in
/// the history, and deliver as planned — digitally, by post (the letter, and a task for staff to
/// confirm the shipment) or at the counter (a task to confirm the pick-up, and an e-mail saying
/// it is ready). Only database work, so the write transaction stays short. The caller sets the
/// status. Returns the jobs to run after the commit.
pub fn deliver_rendered(
    conn: &mut DbConnection,
    state: &AppState,
    row: &RequestRow,
    doc_type: &DocumentTypeRow,
    rendered: Rendered,
    plan: &Plan,
    now: NaiveDateTime,
) -> Result<Vec<i64>> {
    let Rendered {
        document: produced,
        letter,
    } = rendered;
    let code = produced.verification_code.clone();
    let stored = store(conn, row, doc_type, produced, now)?;
    let system = Actor::system();
    let event = AuditEvent::request(&system, AuditAction::ProcessedAutomatically, &row.reference)
        .details(HistoryDetails::ProcessedAutomatically(
            ProcessedAutomaticallyDetails {
                verification_code: code,
                method: plan.method,
            },
        ));
    audit::record(conn, now, &event)?;
    let task = match plan.method {
        DeliveryMethod::Digital => return deliver_digitally(conn, state, row, doc_type, &stored),
        DeliveryMethod::Post => TaskType::ConfirmShipment,
        DeliveryMethod::Counter => TaskType::ConfirmPickup,
    };
    requests::insert_task(conn, row.id, task, TaskStatus::Open, None, now)?;
    if let (Some(to), Some(content)) = (&plan.letter_to, letter) {
        store_rendered_letter(conn, row, to, content, now)?;
    }
    if plan.method == DeliveryMethod::Counter {
        let title = state.config.branding.title(row.language.as_str(), doc_type);
        let mail = super::emails::ready_for_pickup(state, row, &title);
        return Ok(super::submit::queue_and_record(conn, state, row, &mail)?
            .into_iter()
            .collect());
    }
    Ok(Vec::new())
}
