//! Data for the mocks (the deeds in the mock DABS) and, for demos, the staff and police accounts.
use crate::adapters::Adapters;
use crate::api::sync_staff_account;
use crate::db::Pool;
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
    use crate::db::{catalogue, schema::requests};
    use crate::domain::request::DeliveryMethod;
    use crate::workflow::submit::{self, Requester, Subject, Submission};
    use diesel::prelude::*;

    let existing: i64 = crate::db::run(&state.pool, |conn| {
        Ok(requests::table.count().get_result(conn)?)
    })
    .await
    .map_err(|e| e.to_string())?;
    if existing > 0 {
        return Ok(());
    }
    let register = state.adapters.national_register.clone();
    let person = |number: &str| {
        crate::domain::national_number::NationalNumber::parse(number)
            .ok()
            .and_then(|n| register.person(&n).ok().flatten())
            .ok_or_else(|| format!("demo person {number} missing"))
    };
    let citizen = |number: &str| -> Result<(Requester, Subject), String> {
        let p = person(number)?;
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
    };
    // (requester, subject (None: themselves), document type, abroad, purpose, signed in)
    type Demo<'a> = (&'a str, Option<&'a str>, &'a str, bool, &'a str, bool);
    let demo: [Demo; 6] = [
        (
            "85073003328",
            None,
            "bewijs-van-woonst",
            false,
            "Huurcontract",
            true,
        ),
        (
            "85073003328",
            Some("87021412436"),
            "samenstelling-van-het-gezin",
            false,
            "Kinderbijslag",
            true,
        ),
        (
            "90112115716",
            None,
            "strafregister-596-2",
            false,
            "Jeugdtrainer voetbalclub",
            true,
        ),
        ("78090924621", None, "geboorteakte", false, "Huwelijk", true),
        (
            "95120108227",
            None,
            "nationaliteitsbewijs",
            true,
            "Werk in Nederland",
            true,
        ),
        (
            "01061812311",
            None,
            "strafregister-595",
            false,
            "Studentenjob",
            false,
        ),
    ];
    for (requester, subject, code, abroad, purpose, signed_in) in demo {
        let code_owned = code.to_owned();
        let doc_type = crate::db::run(&state.pool, move |conn| {
            Ok(catalogue::document_type(conn, &code_owned)?)
        })
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("demo type {code} missing"))?;
        let (mut who, mut about) = citizen(requester)?;
        if signed_in {
            let key = who.national_number.clone().unwrap_or_default();
            let (name, email, now) = (who.name.clone(), who.email.clone(), state.clock.now_naive());
            let user = crate::db::run(&state.pool, move |conn| {
                let new = crate::db::users::NewUser {
                    role: "citizen",
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
            who.user_id = Some(user.id);
        }
        if let Some(other) = subject {
            let (_, s) = citizen(other)?;
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
        let submission = Submission {
            document_type: doc_type,
            requester: who,
            subject: about,
            abroad,
            destination_country: abroad.then(|| "Nederland".to_owned()),
            purpose: purpose.to_owned(),
            language: "nl".into(),
            delivery: DeliveryMethod::Digital,
            via: "web",
            idempotency_key: None,
            answers,
        };
        submit::submit(state.clone(), submission)
            .await
            .map_err(|e| e.to_string())?;
    }
    tracing::info!("seeded demo requests");
    Ok(())
}
