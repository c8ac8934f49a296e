//! The national register, DABS, My eBox and the police over HTTP: the adapter traits
//! implemented against the contracts in `openapi/national-register.json`, `openapi/dabs.json`,
//! `openapi/ebox.json` and `openapi/police.json`. The wire shapes here are shared with the mock
//! servers (`crate::mock_systems`), so both sides keep to the same contract.
use super::dabs::{Dabs, Deed};
use super::ebox::{EBox, EBoxMessage, ReceivedMessage};
use super::http::{Call, System};
use super::national_register::{NationalRegister, Person};
use super::police::{AdviceRequest, PoliceAdvice};
use super::AdapterError;
use crate::domain::document::DeedType;
use crate::domain::national_number::NationalNumber;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The names the errors give the systems (as the in-process mocks do).
pub const NATIONAL_REGISTER: &str = "the national register";
pub const DABS: &str = "DABS";
pub const EBOX: &str = "My eBox";
pub const POLICE: &str = "police";

/// The problem `code` with which the register says it does not know a person (a 404 without
/// it is no answer: a wrong URL must not make people unknown).
pub const PERSON_NOT_FOUND: &str = "person_not_found";
pub const HOUSEHOLD_NOT_FOUND: &str = "household_not_found";

/// `{"items": [...]}`: every list in the contracts.
#[derive(Serialize, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// `{"members": [...]}`: a household.
#[derive(Serialize, Deserialize)]
pub struct Members {
    pub members: Vec<Person>,
}

/// A message for My eBox (`POST /messages`).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutgoingMessage {
    /// The national register number of the person whose mailbox it goes to.
    pub recipient: String,
    pub sender: String,
    pub subject: String,
    pub body: String,
    pub document_id: Option<i64>,
}

/// A message in a mailbox (`GET /persons/{nationalNumber}/messages`).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxMessage {
    pub id: i64,
    pub sender: String,
    pub subject: String,
    pub body: String,
    pub document_id: Option<i64>,
    pub delivered_at: NaiveDateTime,
}

/// A request for advice (`POST /advice-requests`).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdviceRequestBody {
    pub request_id: i64,
    pub subject_name: String,
    pub subject_national_number: Option<String>,
    pub purpose: String,
}

/// The police's idempotency key for the advice on one request.
pub fn advice_key(request_id: i64) -> String {
    format!("loket-request-{request_id}")
}

pub struct HttpNationalRegister(pub System);

impl NationalRegister for HttpNationalRegister {
    fn person(&self, number: &NationalNumber) -> Result<Option<Person>, AdapterError> {
        let answer = self.0.send(Call::get(&["persons", number.as_str()]))?;
        match answer.status {
            200 => answer.json().map(Some),
            404 if answer.problem_code().as_deref() == Some(PERSON_NOT_FOUND) => Ok(None),
            _ => Err(answer.unexpected()),
        }
    }

    fn household(&self, household_id: &str) -> Result<Vec<Person>, AdapterError> {
        let answer = self
            .0
            .send(Call::get(&["households", household_id, "members"]))?;
        match answer.status {
            200 => answer.json::<Members>().map(|m| m.members),
            404 if answer.problem_code().as_deref() == Some(HOUSEHOLD_NOT_FOUND) => Ok(Vec::new()),
            _ => Err(answer.unexpected()),
        }
    }

    /// The real register has no test people.
    fn test_people(&self) -> Vec<Person> {
        Vec::new()
    }
}

pub struct HttpDabs(pub System);

impl HttpDabs {
    fn items(&self, call: Call) -> Result<Vec<Deed>, AdapterError> {
        let answer = self.0.send(call)?;
        match answer.status {
            200 => answer.json::<Items<Deed>>().map(|i| i.items),
            _ => Err(answer.unexpected()),
        }
    }
}

impl Dabs for HttpDabs {
    fn find(
        &self,
        deed_type: DeedType,
        national_number: &str,
    ) -> Result<Option<Deed>, AdapterError> {
        let call =
            Call::get(&["persons", national_number, "deeds"]).query("deedType", deed_type.as_str());
        // Newest first; the deed must be about this person.
        Ok(self
            .items(call)?
            .into_iter()
            .find(|d| d.national_numbers.iter().any(|n| n == national_number)))
    }

    /// Not idempotent (no key in the contract): asked once. The real DABS takes deeds from
    /// the civil-status officer's own software; only the mock offers this.
    fn add(&self, deed: &Deed, _now: NaiveDateTime) -> Result<(), AdapterError> {
        let body = serde_json::to_value(deed).map_err(|e| AdapterError::InvalidAnswer {
            system: DABS,
            detail: e.to_string(),
        })?;
        let answer = self.0.send(Call::post(&["deeds"], body))?;
        match answer.status {
            200 | 201 => answer.json::<Deed>().map(|_| ()),
            _ => Err(answer.unexpected()),
        }
    }

    /// Only the mock offers the whole list.
    fn list(&self) -> Result<Vec<Deed>, AdapterError> {
        self.items(Call::get(&["deeds"]))
    }
}

pub struct HttpEBox(pub System);

impl EBox for HttpEBox {
    fn deliver(
        &self,
        national_number: &str,
        delivery_id: &str,
        message: &EBoxMessage,
        _now: NaiveDateTime,
    ) -> Result<(), AdapterError> {
        let body = json!(OutgoingMessage {
            recipient: national_number.to_owned(),
            sender: message.sender.clone(),
            subject: message.subject.clone(),
            body: message.body.clone(),
            document_id: message.document_id,
        });
        let call = Call::post(&["messages"], body).idempotency_key(delivery_id);
        let answer = self.0.send(call)?;
        match answer.status {
            // 201: delivered (now, or before with this key); its body must be the contract's
            // JSON, so that a maintenance page answering 200 is not taken for a delivery.
            200 | 201 => answer.json::<serde_json::Value>().map(|_| ()),
            _ => Err(answer.unexpected()),
        }
    }

    /// Only the mock offers a person's mailbox (the real one is the citizen's own).
    fn inbox(&self, national_number: &str) -> Result<Vec<ReceivedMessage>, AdapterError> {
        let answer = self
            .0
            .send(Call::get(&["persons", national_number, "messages"]))?;
        if answer.status != 200 {
            return Err(answer.unexpected());
        }
        let items: Items<MailboxMessage> = answer.json()?;
        Ok(items
            .items
            .into_iter()
            .map(|m| ReceivedMessage {
                id: m.id,
                message: EBoxMessage {
                    sender: m.sender,
                    subject: m.subject,
                    body: m.body,
                    document_id: m.document_id,
                },
                delivered_at: m.delivered_at,
            })
            .collect())
    }
}

pub struct HttpPolice(pub System);

impl PoliceAdvice for HttpPolice {
    fn request_advice(
        &self,
        request: &AdviceRequest,
        _now: NaiveDateTime,
    ) -> Result<(), AdapterError> {
        let body = json!(AdviceRequestBody {
            request_id: request.request_id,
            subject_name: request.subject_name.clone(),
            subject_national_number: request.subject_national_number.clone(),
            purpose: request.purpose.clone(),
        });
        let call =
            Call::post(&["advice-requests"], body).idempotency_key(advice_key(request.request_id));
        let answer = self.0.send(call)?;
        match answer.status {
            // 202: asked (now, or before with this key); JSON, as for My eBox.
            200 | 202 => answer.json::<serde_json::Value>().map(|_| ()),
            _ => Err(answer.unexpected()),
        }
    }
}
