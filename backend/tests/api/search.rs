//! Search, saved filters and the Excel report, as staff use them.
use crate::helpers::{people, TestApp};
use calamine::{Data, Reader};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const MOHAMED: &str = "90112115716";

struct Seeded {
    /// Jan for himself, automatic, via the SPA (day 0).
    auto_web: String,
    /// Jan for Mohamed, manual, handle_request task (day 0).
    for_mohamed: String,
    /// Anonymous criminal record, manual (day 2).
    anonymous: String,
    /// Sarah's birth deed, missing in DABS (day 2).
    deed: String,
    /// Jan's 596.2, awaiting police advice (day 4).
    police: String,
}

fn base(document_type: &str, purpose: &str) -> Value {
    json!({"documentType": document_type, "forWhom": "myself", "forUse": "belgium", "purpose": purpose, "language": "nl", "delivery": "digital"})
}

async fn seed(app: &TestApp) -> Seeded {
    let jan = app.sign_in_citizen(people::JAN).await;
    let web = app
        .client
        .post(format!("{}/api/v1/requests", app.base))
        .bearer_auth(&jan)
        .header("X-Loket-Channel", "web")
        .json(&base("bewijs-van-woonst", "Huurcontract"))
        .send()
        .await
        .unwrap();
    let auto_web = TestApp::reply(web).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut other = base("samenstelling-van-het-gezin", "Kinderbijslag");
    other["forWhom"] = json!("someone_else");
    other["subject"] =
        json!({"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": MOHAMED});
    let for_mohamed = app.submit(Some(&jan), other).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();

    app.advance_clock(2 * 86_400).await;
    let mut anon = base("strafregister-595", "Sollicitatie");
    anon["requester"] = json!({"firstName": "Lies", "lastName": "Maes", "email": "lies@example.be", "birthDate": "1990-04-02"});
    let anonymous = app.submit(None, anon).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let sarah = app.sign_in_citizen(people::SARAH_NO_DEEDS).await;
    let mut deed = base("geboorteakte", "Huwelijk");
    deed["deed"] = json!({"variant": "extract", "model": "national"});
    let deed = app.submit(Some(&sarah), deed).await.body["reference"]
        .as_str()
        .unwrap()
        .to_owned();

    app.advance_clock(2 * 86_400).await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let police = app
        .submit(Some(&jan), base("strafregister-596-2", "Jeugdwerking"))
        .await
        .body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    Seeded {
        auto_web,
        for_mohamed,
        anonymous,
        deed,
        police,
    }
}

async fn found(app: &TestApp, token: &str, query: &str) -> BTreeSet<String> {
    let reply = app
        .get_as(&format!("/api/v1/search/requests?{query}&limit=200"), token)
        .await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.body);
    let items = reply.body["items"].as_array().unwrap();
    assert_eq!(
        reply.body["total"].as_u64().unwrap() as usize,
        items.len(),
        "{query}: total counts the same rows"
    );
    items
        .iter()
        .map(|i| i["reference"].as_str().unwrap().to_owned())
        .collect()
}

fn set(refs: &[&String]) -> BTreeSet<String> {
    refs.iter().map(|r| r.to_string()).collect()
}

#[tokio::test]
async fn each_criterion_selects_exactly_the_right_requests() {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let all = set(&[
        &s.auto_web,
        &s.for_mohamed,
        &s.anonymous,
        &s.deed,
        &s.police,
    ]);
    assert_eq!(found(&app, &staff, "").await, all);
    assert_eq!(
        found(&app, &staff, "module=papieren-en-attesten").await,
        all
    );
    assert_eq!(
        found(
            &app,
            &staff,
            &format!("reference={}", s.deed.to_lowercase())
        )
        .await,
        set(&[&s.deed])
    );
    assert_eq!(
        found(&app, &staff, "name=mohamed").await,
        set(&[&s.for_mohamed]),
        "the person concerned"
    );
    assert_eq!(
        found(&app, &staff, "name=Maes").await,
        set(&[&s.anonymous]),
        "the requester"
    );
    assert_eq!(
        found(&app, &staff, "nationalNumber=85.07.30-033.28").await,
        set(&[&s.auto_web, &s.for_mohamed, &s.police])
    );
    assert_eq!(
        found(&app, &staff, &format!("nationalNumber={MOHAMED}")).await,
        set(&[&s.for_mohamed])
    );
    assert_eq!(
        found(
            &app,
            &staff,
            "documentType=strafregister-595,strafregister-596-2"
        )
        .await,
        set(&[&s.anonymous, &s.police])
    );
    assert_eq!(
        found(&app, &staff, "status=delivered").await,
        set(&[&s.auto_web])
    );
    assert_eq!(
        found(&app, &staff, "status=in_progress,awaiting_deed").await,
        set(&[&s.for_mohamed, &s.anonymous, &s.deed])
    );
    assert_eq!(
        found(&app, &staff, "channel=web").await,
        set(&[&s.auto_web])
    );
    assert_eq!(found(&app, &staff, "channel=api").await.len(), 4);
    assert_eq!(
        found(&app, &staff, "processing=automatic").await,
        set(&[&s.auto_web])
    );
    assert_eq!(found(&app, &staff, "processing=manual").await.len(), 4);

    // The days are the municipality's (Europe/Brussels), not UTC's.
    let now: chrono::DateTime<chrono::Utc> = app.get("/api/v1/dev/clock").await.body["now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let today = now.with_timezone(&chrono_tz::Europe::Brussels).date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    assert_eq!(
        found(&app, &staff, &format!("submittedFrom={}", day(-2))).await,
        set(&[&s.anonymous, &s.deed, &s.police])
    );
    assert_eq!(
        found(&app, &staff, &format!("submittedTo={}", day(-3))).await,
        set(&[&s.auto_web, &s.for_mohamed])
    );
    assert_eq!(
        found(
            &app,
            &staff,
            &format!("submittedFrom={}&submittedTo={}", day(-2), day(-2))
        )
        .await,
        set(&[&s.anonymous, &s.deed])
    );
    assert_eq!(
        found(&app, &staff, &format!("finishedFrom={}", day(-4))).await,
        set(&[&s.auto_web])
    );
    assert_eq!(
        found(&app, &staff, &format!("finishedTo={}", day(-5)))
            .await
            .len(),
        0
    );

    assert_eq!(
        found(&app, &staff, "taskType=handle_request").await,
        set(&[&s.for_mohamed, &s.anonymous])
    );
    assert_eq!(
        found(&app, &staff, "taskType=add_deed").await,
        set(&[&s.deed])
    );
    assert_eq!(
        found(&app, &staff, "taskType=cancel_request").await.len(),
        4,
        "every unfinished request"
    );
    assert!(found(&app, &staff, "assignee=me").await.is_empty());
    let tasks = app.get_as("/api/v1/tasks?view=all", &staff).await;
    let task = tasks.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["requestReference"] == s.anonymous.as_str())
        .unwrap()["id"]
        .clone();
    app.call(
        reqwest::Method::POST,
        &format!("/api/v1/tasks/{task}/claim"),
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(
        found(&app, &staff, "assignee=me").await,
        set(&[&s.anonymous])
    );

    assert_eq!(
        found(&app, &staff, "q=jeugdwerking").await,
        set(&[&s.police]),
        "free text finds the purpose"
    );
    assert_eq!(
        found(&app, &staff, "q=lies@example").await,
        set(&[&s.anonymous])
    );
    assert_eq!(
        found(&app, &staff, "q=100%25").await.len(),
        0,
        "wildcards are taken literally"
    );
    assert_eq!(
        found(&app, &staff, "q=%22jeugd%22%20OR%20x").await.len(),
        0,
        "quotes and operators are characters of the text, not a query language"
    );
    assert_eq!(
        found(&app, &staff, "q=JEUGDWERK").await,
        set(&[&s.police]),
        "in any case, through the text index"
    );
    assert!(
        found(&app, &staff, "name=ae").await.contains(&s.anonymous),
        "two letters, too short for the text index, still find a part of a name"
    );
    assert_eq!(
        found(&app, &staff, "name=peeters&processing=manual").await,
        set(&[&s.for_mohamed, &s.police]),
        "criteria combine"
    );
}

#[tokio::test]
async fn bad_criteria_are_field_errors_and_only_staff_search() {
    let app = TestApp::spawn().await;
    let staff = app.sign_in_staff("an.desmet").await;
    let reply = app
        .get_as(
            "/api/v1/search/requests?status=lost&submittedFrom=yesterday&sort=colour",
            &staff,
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    let jan = app.sign_in_citizen(people::JAN).await;
    app.get_as("/api/v1/search/requests", &jan)
        .await
        .assert_problem(403, "forbidden");
    let bad = app
        .get_as("/api/v1/search/requests?sort=colour", &staff)
        .await;
    assert!(bad.field_error("sort").is_some());
}

#[tokio::test]
async fn pages_follow_the_sort_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let s = seed(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    for sort in [
        "-submittedAt",
        "submittedAt",
        "reference",
        "-reference",
        "status",
        "documentType",
        "requesterName",
    ] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..5 {
            let mut path = format!("/api/v1/search/requests?sort={sort}&limit=2");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={}", urlencode(c)));
            }
            let page = app.get_as(&path, &staff).await;
            assert_eq!(page.status, 200, "{}", page.body);
            assert_eq!(page.body["total"], 5);
            seen.extend(
                page.body["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["reference"].as_str().unwrap().to_owned()),
            );
            match page.body["nextCursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 5, "{sort}: {seen:?}");
        let unique: BTreeSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), 5, "{sort}: no repeats");
        if sort == "reference" {
            let mut sorted = seen.clone();
            sorted.sort();
            assert_eq!(seen, sorted);
        }
        if sort == "-submittedAt" {
            assert_eq!(seen.first(), Some(&s.police), "newest first");
            assert_eq!(seen.last(), Some(&s.auto_web));
        }
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn filters_are_private_shared_or_system_and_only_owners_change_them() {
    let app = TestApp::spawn().await;
    let an = app.sign_in_staff("an.desmet").await;
    let pieter = app.sign_in_staff("pieter.claes").await;
    let list = |token: String| {
        let app = &app;
        async move {
            app.get_as("/api/v1/search/filters", &token).await.body["items"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    let system = list(an.clone()).await;
    assert_eq!(system.len(), 1);
    assert_eq!(system[0]["name"], "Papieren en attesten");
    assert_eq!(system[0]["system"], true);
    assert_eq!(system[0]["editable"], false);
    assert_eq!(system[0]["criteria"]["module"], "papieren-en-attesten");

    let private = app.post_json_as("/api/v1/search/filters", &an, json!({"name": "Mijn strafregisters", "criteria": {"documentType": "strafregister-595"}})).await;
    assert_eq!(private.status, 201, "{}", private.body);
    assert_eq!(private.body["editable"], true);
    assert_eq!(
        list(pieter.clone()).await.len(),
        1,
        "a private filter is not shown to colleagues"
    );

    let shared = app.post_json_as("/api/v1/search/filters", &an, json!({"name": "Wacht op akte", "criteria": {"status": "awaiting_deed"}, "shared": true})).await;
    let id = shared.body["id"].as_i64().unwrap();
    let seen = list(pieter.clone()).await;
    let theirs = seen
        .iter()
        .find(|f| f["id"] == id)
        .expect("a shared filter is shown");
    assert_eq!(theirs["editable"], false);
    assert_eq!(theirs["ownerName"], "An De Smet");
    let edit = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/search/filters/{id}"),
            Some(&pieter),
            Some(json!({"name": "x", "criteria": {}})),
        )
        .await;
    edit.assert_problem(403, "forbidden");
    app.call(
        reqwest::Method::DELETE,
        &format!("/api/v1/search/filters/{id}"),
        Some(&pieter),
        None,
    )
    .await
    .assert_problem(403, "forbidden");
    let system_id = system[0]["id"].as_i64().unwrap();
    app.call(
        reqwest::Method::DELETE,
        &format!("/api/v1/search/filters/{system_id}"),
        Some(&an),
        None,
    )
    .await
    .assert_problem(403, "forbidden");

    // A colleague copies it and changes the copy.
    let copy = app
        .post_json_as(
            "/api/v1/search/filters",
            &pieter,
            json!({"name": "Wacht op akte (kopie)", "criteria": theirs["criteria"]}),
        )
        .await;
    assert_eq!(copy.body["criteria"]["status"], "awaiting_deed");
    let copy_id = copy.body["id"].as_i64().unwrap();
    let renamed = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/search/filters/{copy_id}"),
            Some(&pieter),
            Some(
                json!({"name": "Akten", "criteria": {"status": "awaiting_deed"}, "shared": false}),
            ),
        )
        .await;
    assert_eq!(renamed.body["name"], "Akten");
    let owner_edit = app.call(reqwest::Method::PUT, &format!("/api/v1/search/filters/{id}"), Some(&an), Some(json!({"name": "Akten ontbreken", "criteria": {"status": "awaiting_deed"}, "shared": true}))).await;
    assert_eq!(owner_edit.status, 200);
    assert_eq!(
        app.call(
            reqwest::Method::DELETE,
            &format!("/api/v1/search/filters/{id}"),
            Some(&an),
            None
        )
        .await
        .status,
        204
    );
    assert!(list(pieter.clone()).await.iter().all(|f| f["id"] != id));

    let invalid = app
        .post_json_as(
            "/api/v1/search/filters",
            &an,
            json!({"name": " ", "criteria": {"status": "lost"}}),
        )
        .await;
    invalid.assert_problem(422, "validation_failed");
    assert!(
        invalid.field_error("name").is_some() && invalid.field_error("criteria.status").is_some()
    );
}

pub(crate) async fn export(app: &TestApp, token: &str, body: Value) -> Vec<u8> {
    let started = app
        .post_json_as("/api/v1/search/exports", token, body)
        .await;
    finished(app, token, &started.body).await
}

/// Starts a report with an `Accept-Language` header; returns its file name and content.
async fn export_accepting(
    app: &TestApp,
    token: &str,
    body: Value,
    accept_language: &str,
) -> (String, Vec<u8>) {
    let response = app
        .client
        .post(format!("{}/api/v1/search/exports", app.base))
        .bearer_auth(token)
        .header("Accept-Language", accept_language)
        .json(&body)
        .send()
        .await
        .unwrap();
    let started = TestApp::reply(response).await;
    assert_eq!(started.status, 202, "{}", started.body);
    let name = started.body["fileName"].as_str().unwrap().to_owned();
    (name, finished(app, token, &started.body).await)
}

/// Waits for a started report and downloads it.
async fn finished(app: &TestApp, token: &str, started: &Value) -> Vec<u8> {
    let id = started["id"].as_str().expect("an export was started");
    for _ in 0..200 {
        let state = app
            .get_as(&format!("/api/v1/search/exports/{id}"), token)
            .await;
        match state.body["status"].as_str().unwrap() {
            "done" => {
                assert_eq!(state.body["rowsWritten"], state.body["totalRows"]);
                let file = app
                    .get_bytes(state.body["downloadUrl"].as_str().unwrap(), Some(token))
                    .await;
                assert_eq!(file.status, 200);
                assert_eq!(
                    file.content_type,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                );
                return file.bytes;
            }
            "failed" => panic!("export failed: {}", state.body),
            _ => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
    panic!("export did not finish");
}

#[tokio::test]
async fn the_excel_report_holds_exactly_what_the_search_returns() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let query = "processing=manual&sort=reference";
    let search = app
        .get_as(&format!("/api/v1/search/requests?{query}"), &staff)
        .await;
    let hits = search.body["items"].as_array().unwrap().clone();
    assert_eq!(hits.len(), 4);

    let bytes = export(
        &app,
        &staff,
        json!({"criteria": {"processing": "manual"}, "sort": "reference"}),
    )
    .await;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["Aanvragen", "Criteria"]);
    let sheet = workbook.worksheet_range("Aanvragen").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Referentie".into()));
    assert_eq!(
        rows[0][9],
        Data::String("Ingediend (tijd Europe/Brussels)".into())
    );
    assert_eq!(rows.len(), 1 + hits.len(), "a header and one row per hit");
    for (row, hit) in rows[1..].iter().zip(&hits) {
        assert_eq!(
            row[0],
            Data::String(hit["reference"].as_str().unwrap().into())
        );
        assert_eq!(
            row[1],
            Data::String(hit["documentTypeName"].as_str().unwrap().into())
        );
        assert_eq!(
            row[2],
            Data::String(dutch(hit["status"].as_str().unwrap()).into())
        );
        assert_eq!(
            row[6],
            Data::String(hit["requesterName"].as_str().unwrap().into())
        );
        assert_eq!(
            row[8],
            Data::String(hit["subjectName"].as_str().unwrap().into())
        );
        // Both national numbers: the requester's and the person concerned's.
        for (col, field) in [
            (7, "requesterNationalNumber"),
            (14, "subjectNationalNumber"),
        ] {
            match hit[field].as_str() {
                Some(n) => assert_eq!(row[col], Data::String(n.into()), "{field}"),
                None => assert_eq!(row[col], Data::Empty, "{field}"),
            }
        }
        let Data::DateTime(submitted) = &row[9] else {
            panic!("submitted is a real date: {:?}", row[9])
        };
        // The API's UTC instant, shown in the municipality's local time.
        let expected = chrono::DateTime::parse_from_rfc3339(hit["submittedAt"].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono_tz::Europe::Brussels)
            .naive_local();
        let got = submitted.as_datetime().unwrap();
        assert!(
            (got - expected).num_seconds().abs() <= 1,
            "{got} vs {expected}"
        );
        let tasks: Vec<&str> = hit["openTasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| dutch(t["taskType"].as_str().unwrap()))
            .collect();
        assert_eq!(
            row[12],
            if tasks.is_empty() {
                Data::Empty
            } else {
                Data::String(tasks.join(", "))
            }
        );
    }
    let criteria = workbook.worksheet_range("Criteria").unwrap();
    let text: Vec<String> = criteria
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        text.contains(&"Verwerking".to_owned()) && text.contains(&"manual".to_owned()),
        "{text:?}"
    );
    assert!(text.contains(&"An De Smet".to_owned()));
    assert!(text.contains(&"4".to_owned()), "the row count: {text:?}");

    // A delivered request has a lead time in days, as a number.
    let all = export(
        &app,
        &staff,
        json!({"criteria": {"processing": "automatic"}}),
    )
    .await;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(all)).unwrap();
    let sheet = workbook.worksheet_range("Aanvragen").unwrap();
    assert!(
        matches!(sheet.get((1, 11)), Some(Data::Float(_))),
        "{:?}",
        sheet.get((1, 11))
    );
    assert!(matches!(sheet.get((1, 10)), Some(Data::DateTime(_))));
}

#[tokio::test]
async fn someone_elses_export_is_not_found() {
    let app = TestApp::spawn().await;
    let an = app.sign_in_staff("an.desmet").await;
    let pieter = app.sign_in_staff("pieter.claes").await;
    let started = app
        .post_json_as("/api/v1/search/exports", &an, json!({"criteria": {}}))
        .await;
    let id = started.body["id"].as_str().unwrap();
    app.get_as(&format!("/api/v1/search/exports/{id}"), &pieter)
        .await
        .assert_problem(404, "not_found");
}

fn workbook(bytes: Vec<u8>) -> calamine::Xlsx<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

fn text(cell: Option<&Data>) -> String {
    cell.map(|c| c.to_string()).unwrap_or_default()
}

/// The report in the exporter's language: French asked in the body, German by the
/// `Accept-Language` header; the columns of codes say so, and hold the API's codes.
#[tokio::test]
async fn the_excel_report_is_in_the_exporters_language() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let search = app
        .get_as("/api/v1/search/requests?sort=reference", &staff)
        .await;
    let hits = search.body["items"].as_array().unwrap().clone();
    let body = json!({"criteria": {}, "sort": "reference", "language": "fr"});
    let (name, bytes) = export_accepting(&app, &staff, body, "en").await;
    assert!(name.starts_with("demandes-"), "{name}");
    let mut book = workbook(bytes);
    assert_eq!(book.sheet_names(), ["Demandes", "Critères"]);
    let sheet = book.worksheet_range("Demandes").unwrap();
    let header: Vec<String> = (0..17).map(|c| text(sheet.get((0, c)))).collect();
    assert_eq!(header[0], "Référence");
    assert_eq!(header[2], "Statut");
    assert_eq!(header[9], "Introduite (heure Europe/Brussels)");
    assert_eq!(header[15], "Type de document (code)");
    assert_eq!(header[16], "Statut (code)");
    assert_eq!(sheet.height(), 1 + hits.len());
    for (row, hit) in (1u32..).zip(&hits) {
        let cell = |col: u32| text(sheet.get((row as usize, col as usize)));
        let status = hit["status"].as_str().unwrap();
        assert_eq!(cell(2), french(status), "{hit}");
        assert_eq!(cell(16), status, "the code column holds the code");
        assert_eq!(cell(15), hit["documentTypeCode"].as_str().unwrap());
        let (processing, channel) = (cell(3), cell(4));
        assert!(["Automatique", "Par un collaborateur"].contains(&processing.as_str()));
        assert!(["Site web", "API"].contains(&channel.as_str()), "{channel}");
        if hit["documentTypeCode"] == "geboorteakte" {
            assert_eq!(cell(1), "Acte de naissance");
        }
    }
    let criteria = book.worksheet_range("Critères").unwrap();
    let words: Vec<String> = criteria.rows().map(|r| text(r.first())).collect();
    assert!(words.contains(&"Exporté par".to_owned()), "{words:?}");
    let (_, _, details) = app.audit("exported").pop().expect("the export is audited");
    assert_eq!(details["kind"], "exported");
    assert_eq!(details["language"], "fr");

    // No language in the body: the browser's, as its Accept-Language header says (the first
    // it prefers that the report has; the file's name stays ASCII).
    let body = json!({"criteria": {"status": "awaiting_deed"}});
    let accept = "it-IT, de-DE;q=0.9, en-GB;q=0.8";
    let (name, bytes) = export_accepting(&app, &staff, body, accept).await;
    assert!(name.starts_with("antraege-"), "{name}");
    let mut book = workbook(bytes);
    assert_eq!(book.sheet_names(), ["Anträge", "Kriterien"]);
    let sheet = book.worksheet_range("Anträge").unwrap();
    assert_eq!(text(sheet.get((0, 16))), "Status (Code)");
    assert_eq!(text(sheet.get((1, 2))), "Wartet auf die Urkunde");
    assert_eq!(text(sheet.get((1, 16))), "awaiting_deed");
}

/// The French words the Excel report uses for the statuses.
fn french(code: &str) -> &'static str {
    match code {
        "in_progress" => "En cours de traitement",
        "awaiting_police_advice" => "En attente de l'avis de la police",
        "awaiting_deed" => "En attente de l'acte",
        "delivered" => "Délivrée",
        "refused" => "Refusée",
        "cancelled" => "Annulée",
        other => panic!("no French word for {other} in this test"),
    }
}

/// The Dutch words the Excel report (made for Flemish staff) uses for statuses and tasks.
fn dutch(code: &str) -> &'static str {
    match code {
        "in_progress" => "In behandeling",
        "awaiting_police_advice" => "Wacht op advies van de politie",
        "awaiting_deed" => "Wacht op de akte",
        "awaiting_shipment" => "Wordt per post verstuurd",
        "ready_for_pickup" => "Af te halen aan de balie",
        "delivered" => "Afgeleverd",
        "refused" => "Geweigerd",
        "cancelled" => "Geannuleerd",
        "handle_request" => "Aanvraag behandelen",
        "confirm_shipment" => "Verzenden bevestigen",
        "confirm_pickup" => "Afhaling bevestigen",
        "give_advice" => "Advies geven",
        "add_deed" => "Akte toevoegen in DABS",
        "cancel_request" => "Annuleren",
        other => panic!("no Dutch word for {other}"),
    }
}

#[tokio::test]
async fn a_broad_search_says_more_than_the_count_limit_instead_of_counting_all() {
    let app = TestApp::spawn_with(|c| c.search_count_limit = 3).await;
    let s = seed(&app).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let all = app.get_as("/api/v1/search/requests?limit=2", &staff).await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(all.body["total"], 3, "{}", all.body);
    assert_eq!(all.body["totalExact"], false, "five match: more than three");
    assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
    assert!(all.body["nextCursor"].is_string(), "the pages still go on");

    let some = app
        .get_as(
            "/api/v1/search/requests?status=in_progress,awaiting_deed",
            &staff,
        )
        .await;
    assert_eq!(some.body["total"], 3, "{}", some.body);
    assert_eq!(
        some.body["totalExact"], true,
        "three match: counted exactly"
    );
    let few = app
        .get_as(
            &format!("/api/v1/search/requests?reference={}", s.deed),
            &staff,
        )
        .await;
    assert_eq!(
        (few.body["total"].clone(), few.body["totalExact"].clone()),
        (json!(1), json!(true))
    );
}
