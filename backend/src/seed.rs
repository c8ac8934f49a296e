//! Data for the mocks (the deeds in the mock DABS) and, for demos, the staff and police accounts.
use crate::adapters::national_register::NationalRegister;
use crate::adapters::Adapters;
use crate::api::sync_staff_account;
use crate::db::Pool;
use crate::workflow::submit::{self, Requester, Subject, Submission};
use chrono::NaiveDateTime;

pub fn demo(pool: &Pool, adapters: &Adapters, now: NaiveDateTime) -> Result<(), String> {
    let mut conn = pool.get().map_err(|e| format!("seed: {e}"))?;
    for account in adapters.staff_directory.accounts() {
        sync_staff_account(&mut conn, &account, now)
            .map_err(|e| format!("seed {}: {e}", account.username))?;
    }
    Ok(())
}

/// The mocked outside systems' own content: the deeds the mock DABS holds.
pub fn mocks(pool: &Pool, now: NaiveDateTime) -> Result<(), String> {
    crate::adapters::dabs::MockDabs::new(pool.clone(), Default::default())
        .seed(now)
        .map_err(|e| format!("seed DABS: {e}"))
}

/// A few requests in every state, submitted through the same workflow as real ones, so the
/// demo's inbox, "Mijn aanvragen" and search have something to show. Only into an empty table.
pub async fn demo_requests(
    state: actix_web::web::Data<crate::startup::AppState>,
) -> Result<(), String> {
    use crate::db::schema::requests;
    use diesel::prelude::*;

    let existing: i64 = crate::db::run(&state.pool, |conn| {
        Ok(requests::table.count().get_result(conn)?)
    })
    .await
    .map_err(|e| e.to_string())?;
    if existing > 0 {
        return Ok(());
    }
    for demo in &DEMO_REQUESTS {
        let submission = demo_submission(&state, demo).await?;
        submit::submit(&state.clone().into_inner(), submission)
            .await
            .map_err(|e| e.to_string())?;
    }
    tracing::info!("seeded demo requests");
    Ok(())
}

/// One demo request: who asks what, about whom and why.
struct DemoRequest {
    /// The requester's national number.
    requester: &'static str,
    /// The national number of the person the document is about; `None`: the requester.
    subject: Option<&'static str>,
    document_type: &'static str,
    abroad: bool,
    purpose: &'static str,
    /// Submitted by a signed-in citizen (so it shows in "Mijn aanvragen"), else anonymously.
    signed_in: bool,
}

const DEMO_REQUESTS: [DemoRequest; 6] = [
    DemoRequest {
        requester: "85073003328",
        subject: None,
        document_type: "bewijs-van-woonst",
        abroad: false,
        purpose: "Huurcontract",
        signed_in: true,
    },
    DemoRequest {
        requester: "85073003328",
        subject: Some("87021412436"),
        document_type: "samenstelling-van-het-gezin",
        abroad: false,
        purpose: "Kinderbijslag",
        signed_in: true,
    },
    DemoRequest {
        requester: "90112115716",
        subject: None,
        document_type: "strafregister-596-2",
        abroad: false,
        purpose: "Jeugdtrainer voetbalclub",
        signed_in: true,
    },
    DemoRequest {
        requester: "78090924621",
        subject: None,
        document_type: "geboorteakte",
        abroad: false,
        purpose: "Huwelijk",
        signed_in: true,
    },
    DemoRequest {
        requester: "95120108227",
        subject: None,
        document_type: "nationaliteitsbewijs",
        abroad: true,
        purpose: "Werk in Nederland",
        signed_in: true,
    },
    DemoRequest {
        requester: "01061812311",
        subject: None,
        document_type: "strafregister-595",
        abroad: false,
        purpose: "Studentenjob",
        signed_in: false,
    },
];

/// The submission of one demo request, with the answers the form would have sent.
async fn demo_submission(
    state: &actix_web::web::Data<crate::startup::AppState>,
    demo: &DemoRequest,
) -> Result<Submission, String> {
    let (code, abroad, purpose) = (demo.document_type, demo.abroad, demo.purpose);
    let code_owned = code.to_owned();
    let doc_type = crate::db::run(&state.pool, move |conn| {
        Ok(crate::db::catalogue::document_type(conn, &code_owned)?)
    })
    .await
    .map_err(|e| e.to_string())?
    .ok_or_else(|| format!("demo type {code} missing"))?;
    let register = &state.adapters.national_register;
    let (mut who, mut about) = demo_citizen_off_the_workers(register, demo.requester).await?;
    if demo.signed_in {
        who.user_id = Some(citizen_user(state, &who).await?);
    }
    if let Some(other) = demo.subject {
        let (_, s) = demo_citizen_off_the_workers(register, other).await?;
        about = Subject {
            is_requester: false,
            ..s
        };
    }
    let answers = serde_json::json!({
        "forWhom": if about.is_requester { "myself" } else { "someone_else" },
        "forUse": if abroad { "abroad" } else { "belgium" },
        "purpose": purpose,
        "language": "nl",
        "deed": doc_type.deed_type.as_ref().map(|_| serde_json::json!({"variant": "extract", "model": "national"})),
        "delivery": "digital",
    });
    Ok(Submission {
        document_type: doc_type,
        requester: who,
        subject: about,
        abroad,
        destination_country: abroad.then(|| "NL".to_owned()),
        purpose: purpose.to_owned(),
        language: crate::domain::request::Language::Nl,
        delivery: crate::domain::request::DeliveryMethod::Digital,
        via: crate::domain::request::Channel::Web,
        idempotency_key: None,
        answers,
        client: None,
    })
}

/// `demo_citizen` on the blocking pool: the register may be called over HTTP (with
/// `LOKET_MOCKS_OVER_HTTP`, on this very instance, whose server must go on meanwhile).
async fn demo_citizen_off_the_workers(
    register: &std::sync::Arc<dyn NationalRegister>,
    number: &'static str,
) -> Result<(Requester, Subject), String> {
    let register = register.clone();
    tokio::task::spawn_blocking(move || demo_citizen(register.as_ref(), number))
        .await
        .map_err(|e| e.to_string())?
}

/// A person of the mock national register as requester and, asking for themselves, subject.
fn demo_citizen(
    register: &dyn NationalRegister,
    number: &str,
) -> Result<(Requester, Subject), String> {
    let p = crate::domain::national_number::NationalNumber::parse(number)
        .ok()
        .and_then(|n| register.person(&n).ok().flatten())
        // Not the number: logs hold no national numbers.
        .ok_or_else(|| "a demo person is not in the national register".to_owned())?;
    let key = p.national_number.clone();
    Ok((
        Requester {
            user_id: None,
            name: p.display_name(),
            email: p.email.clone().unwrap_or_default(),
            national_number: Some(key.clone()),
        },
        Subject {
            is_requester: true,
            name: p.full_name(),
            national_number: Some(key),
            birth_date: Some(p.birth_date),
        },
    ))
}

/// The citizen's user account, made as their first sign-in would, so the request is theirs.
async fn citizen_user(
    state: &actix_web::web::Data<crate::startup::AppState>,
    who: &Requester,
) -> Result<i64, String> {
    let key = who.national_number.clone().unwrap_or_default();
    let (name, email, now) = (who.name.clone(), who.email.clone(), state.clock.now_naive());
    let user = crate::db::run(&state.pool, move |conn| {
        let new = crate::db::users::NewUser {
            role: crate::domain::role::Role::Citizen,
            username: None,
            national_number: Some(&key),
            display_name: &name,
            email: Some(&email),
            created_at: now,
        };
        Ok(crate::db::users::upsert(
            conn,
            crate::db::users::UserKey::NationalNumber(&key),
            new,
        )?)
    })
    .await
    .map_err(|e| e.to_string())?;
    Ok(user.id)
}
