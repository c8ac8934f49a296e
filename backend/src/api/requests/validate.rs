//! Turns what a client sent into a [`Submission`], collecting every field error at once.
use super::dto::{CreateRequest, DeedInput, ForUse, ForWhom, PersonInput};
use crate::adapters::national_register::Person;
use crate::auth::AuthUser;
use crate::db::catalogue::DocumentTypeRow;
use crate::domain::countries;
use crate::domain::document::DocumentKind;
use crate::domain::eu_forms;
use crate::domain::national_number::NationalNumber;
use crate::domain::request::Channel;
use crate::error::{ApiError, ErrorCode, InvalidParam};
use crate::workflow::submit::{Requester, Subject, Submission};
use serde_json::json;

const MAX_TEXT: usize = 200;

#[derive(Default)]
struct Errors(Vec<InvalidParam>);

impl Errors {
    fn required(&mut self, name: &str, what: &str) {
        self.0
            .push(InvalidParam::required(name, format!("Fill in {what}.")));
    }

    fn add(&mut self, name: &str, code: ErrorCode, reason: impl Into<String>) {
        self.0.push(InvalidParam::coded(name, code, reason));
    }

    /// Trims the text; reports it when empty (and required) or too long.
    /// The length counts what was sent (as the schema's `maxLength` does), spaces included.
    fn text(&mut self, name: &str, value: &str, what: &str, required: bool) -> String {
        let sent = value.chars().count();
        let value = value.trim().to_owned();
        if value.is_empty() && required {
            self.required(name, what);
        } else if sent > MAX_TEXT {
            self.add(
                name,
                ErrorCode::TooLong,
                format!("Use at most {MAX_TEXT} characters for {what}."),
            );
        }
        value
    }

    fn national_number(&mut self, name: &str, value: Option<&str>) -> Option<NationalNumber> {
        let value = value.map(str::trim).filter(|v| !v.is_empty())?;
        match NationalNumber::parse(value) {
            Ok(n) => Some(n),
            Err(e) => {
                self.add(name, ErrorCode::InvalidNationalNumber, e.to_string());
                None
            }
        }
    }

    fn email(&mut self, name: &str, value: &str) -> String {
        let value = value.trim().to_owned();
        let valid = is_email(&value);
        if value.is_empty() {
            self.required(name, "an e-mail address");
        } else if !valid {
            self.add(
                name,
                ErrorCode::InvalidEmail,
                "This is not an e-mail address (name@example.be).",
            );
        }
        value
    }
}

/// Whether `value` has the shape of an e-mail address (name@example.be), at most 254 long.
pub fn is_email(value: &str) -> bool {
    value.len() <= 254
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !value.contains(char::is_whitespace)
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim())
        .trim()
        .to_owned()
}

/// Who asks: the signed-in citizen as the register knows them, or what an anonymous
/// requester typed.
fn requester(
    errors: &mut Errors,
    input: &CreateRequest,
    user: Option<&AuthUser>,
    person: Option<&Person>,
) -> Requester {
    if let Some(user) = user {
        // Who the register says it is; while the register does not answer, the federal
        // login's word for now (the decision waits for the register).
        let (name, number, known_email) = match person {
            Some(p) => (
                p.display_name(),
                Some(p.national_number.clone()),
                p.email.clone(),
            ),
            None => (
                user.name.clone(),
                user.national_number.clone(),
                user.email.clone(),
            ),
        };
        let email = input
            .requester
            .as_ref()
            .map(|r| r.email.trim())
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .or(known_email)
            .unwrap_or_default();
        return Requester {
            user_id: Some(user.id),
            name,
            email: errors.email("requester.email", &email),
            national_number: number,
        };
    }
    let Some(r) = &input.requester else {
        errors.required("requester", "who you are (requester), or sign in");
        return Requester {
            user_id: None,
            name: String::new(),
            email: String::new(),
            national_number: None,
        };
    };
    let first = errors.text(
        "requester.firstName",
        &r.first_name,
        "your first name",
        true,
    );
    let last = errors.text("requester.lastName", &r.last_name, "your last name", true);
    let email = errors.email("requester.email", &r.email);
    let number = errors.national_number("requester.nationalNumber", r.national_number.as_deref());
    if input.for_whom == ForWhom::Myself && number.is_none() && r.birth_date.is_none() {
        errors.required(
            "requester.birthDate",
            "your birth date (or your national register number)",
        );
    }
    Requester {
        user_id: None,
        name: full_name(&first, &last),
        email,
        national_number: number.map(|n| n.as_str().to_owned()),
    }
}

/// Someone else the document is about, as the requester named them.
fn someone_else(errors: &mut Errors, input: &CreateRequest, requester: &Requester) -> Subject {
    let Some(PersonInput {
        first_name,
        last_name,
        national_number,
        birth_date,
    }) = &input.subject
    else {
        errors.required("subject", "the person the document is about (subject)");
        return Subject {
            is_requester: false,
            name: String::new(),
            national_number: None,
            birth_date: None,
        };
    };
    let first = errors.text("subject.firstName", first_name, "the first name", true);
    let last = errors.text("subject.lastName", last_name, "the last name", true);
    let number = errors.national_number("subject.nationalNumber", national_number.as_deref());
    if number.is_none()
        && birth_date.is_none()
        && national_number.as_deref().unwrap_or("").trim().is_empty()
    {
        errors.required(
            "subject.birthDate",
            "the birth date (or the national register number)",
        );
    }
    if number.is_some()
        && number.as_ref().map(|n| n.as_str()) == requester.national_number.as_deref()
    {
        errors.add(
            "forWhom",
            ErrorCode::InvalidValue,
            "This is your own national register number: choose 'myself'.",
        );
    }
    Subject {
        is_requester: false,
        name: full_name(&first, &last),
        national_number: number.map(|n| n.as_str().to_owned()),
        birth_date: *birth_date,
    }
}

/// Who the document is about.
fn subject(
    errors: &mut Errors,
    input: &CreateRequest,
    person: Option<&Person>,
    requester: &Requester,
) -> Subject {
    if input.for_whom == ForWhom::SomeoneElse {
        return someone_else(errors, input, requester);
    }
    if input.subject.is_some() {
        errors.add(
            "subject",
            ErrorCode::MustBeEmpty,
            "Leave subject out when the document is for yourself.",
        );
    }
    match person {
        Some(p) => Subject {
            is_requester: true,
            name: p.full_name(),
            national_number: Some(p.national_number.clone()),
            birth_date: Some(p.birth_date),
        },
        None => Subject {
            is_requester: true,
            name: requester.name.clone(),
            national_number: requester.national_number.clone(),
            birth_date: input.requester.as_ref().and_then(|r| r.birth_date),
        },
    }
}

/// A country abroad: an ISO 3166-1 alpha-2 code in capitals, as `GET /api/v1/countries`
/// lists them (small letters are refused rather than converted), other than Belgium.
fn country_abroad(errors: &mut Errors, name: &str, code: &str) -> Option<String> {
    if code.eq_ignore_ascii_case(countries::HOME) {
        errors.add(
            name,
            ErrorCode::NotAllowed,
            "Belgium (BE) is not abroad: for use in Belgium choose forUse 'belgium'.",
        );
        return None;
    }
    if countries::find(code).is_some() {
        return Some(code.to_owned());
    }
    let reason = match countries::find(&code.to_ascii_uppercase()) {
        Some(c) => format!("Write the country code in capitals: '{}'.", c.code),
        None => "This is not an ISO 3166-1 alpha-2 country code: use one of \
                 GET /api/v1/countries, e.g. 'NL'."
            .to_owned(),
    };
    errors.add(name, ErrorCode::InvalidValue, reason);
    None
}

/// The country of use: required abroad, not allowed at home.
fn destination_country(errors: &mut Errors, input: &CreateRequest) -> Option<String> {
    let abroad = input.for_use == ForUse::Abroad;
    // Taken exactly as sent (the schema's pattern): " NL" or "" is no country code.
    match (abroad, input.destination_country.as_deref()) {
        (true, Some(c)) if !c.is_empty() => country_abroad(errors, "destinationCountry", c),
        (true, _) => {
            errors.required(
                "destinationCountry",
                "the country where you will use the document",
            );
            None
        }
        (false, Some(_)) => {
            errors.add(
                "destinationCountry",
                ErrorCode::MustBeEmpty,
                "Only give a country for use abroad: leave destinationCountry out (or null).",
            );
            None
        }
        (false, None) => None,
    }
}

/// Deed details: required for a deed, not allowed otherwise.
fn deed(
    errors: &mut Errors,
    input: &mut CreateRequest,
    doc_type: &DocumentTypeRow,
) -> Option<DeedInput> {
    let is_deed = doc_type.kind == DocumentKind::CivilStatusDeed;
    match (is_deed, input.deed.take()) {
        (true, None) => {
            errors.required("deed", "which deed you need: variant and model");
            None
        }
        (true, Some(mut d)) => {
            d.event_place = d
                .event_place
                .map(|p| errors.text("deed.eventPlace", &p, "the place", false))
                .filter(|p| !p.is_empty());
            Some(d)
        }
        (false, Some(_)) => {
            errors.add(
                "deed",
                ErrorCode::MustBeEmpty,
                "Only deeds (akten) take deed details.",
            );
            None
        }
        (false, None) => None,
    }
}

/// The EU multilingual standard form: for a type the regulation gives one, used in a member
/// state whose language Loket writes.
fn standard_form(
    errors: &mut Errors,
    input: &CreateRequest,
    doc_type: &DocumentTypeRow,
    country: Option<&str>,
) -> bool {
    if !input.eu_standard_form {
        return false;
    }
    let refuse = |errors: &mut Errors, code: ErrorCode, reason: String| {
        errors.add("euStandardForm", code, reason);
        false
    };
    if eu_forms::form_of(&doc_type.code).is_none() {
        return refuse(
            errors,
            ErrorCode::NotAllowed,
            "Regulation (EU) 2016/1191 gives no multilingual standard form for this document \
             type (its catalogue entry has euStandardForm false): leave euStandardForm out."
                .to_owned(),
        );
    }
    if input.for_use != ForUse::Abroad {
        return refuse(
            errors,
            ErrorCode::MustBeEmpty,
            "The multilingual standard form is for a document used in another member state of \
             the EU: leave euStandardForm out for use in Belgium."
                .to_owned(),
        );
    }
    // A missing or wrong country has its own error.
    let Some(country) = country else {
        return false;
    };
    let available = eu_forms::available().join(", ");
    if !eu_forms::applies_in(country) {
        return refuse(
            errors,
            ErrorCode::NotAllowed,
            format!(
                "The multilingual standard forms are for use in a member state of the EU \
                 (Denmark aside), and {country} is not one: leave euStandardForm out. Loket \
                 has the form for {available}."
            ),
        );
    }
    if eu_forms::language_for(country).is_none() {
        return refuse(
            errors,
            ErrorCode::NotAllowed,
            format!(
                "Loket writes the form in Dutch, French, German and English, not yet in the \
                 language of {country}: it can be had for {available}."
            ),
        );
    }
    true
}

/// `person` is the register entry of the signed-in citizen (None when anonymous, or when the
/// register did not answer).
pub fn validate(
    mut input: CreateRequest,
    user: Option<&AuthUser>,
    person: Option<&Person>,
    doc_type: DocumentTypeRow,
    via: Channel,
    idempotency_key: Option<String>,
) -> Result<Submission, ApiError> {
    let mut errors = Errors::default();
    let requester = requester(&mut errors, &input, user, person);
    let subject = subject(&mut errors, &input, person, &requester);
    let destination_country = destination_country(&mut errors, &input);
    let purpose = errors.text(
        "purpose",
        &input.purpose,
        "what you need the document for (purpose)",
        true,
    );
    let deed = deed(&mut errors, &mut input, &doc_type);
    let eu_standard_form = standard_form(
        &mut errors,
        &input,
        &doc_type,
        destination_country.as_deref(),
    );
    if !errors.0.is_empty() {
        return Err(ApiError::Validation(errors.0));
    }
    let answers = json!({
        "forWhom": input.for_whom,
        "forUse": input.for_use,
        "destinationCountry": destination_country,
        "purpose": purpose,
        "language": input.language,
        "deed": deed,
        "euStandardForm": eu_standard_form,
        "delivery": input.delivery,
        "subject": { "name": subject.name, "nationalNumber": subject.national_number, "birthDate": subject.birth_date },
    });
    Ok(Submission {
        document_type: doc_type,
        requester,
        subject,
        abroad: input.for_use == ForUse::Abroad,
        destination_country,
        purpose,
        language: input.language,
        delivery: input.delivery,
        via,
        idempotency_key,
        answers,
        client: None,
    })
}
