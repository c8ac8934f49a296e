//! The municipality's time zone (`TIME_ZONE`, Europe/Brussels by default): a request made at
//! half past midnight in Brussels, when it is still the day before in UTC, is of that
//! Brussels day everywhere a person reads or gives a day.
use crate::helpers::{people, TestApp};
use calamine::{Data, Reader};
use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Brussels;
use serde_json::{json, Value};

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text in the PDF")
}

fn dotted(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// Moves the clock to 00:30 in Brussels on the day after the clock's; answers that day.
async fn half_past_midnight(app: &TestApp) -> NaiveDate {
    let now: DateTime<Utc> = app.get("/api/v1/dev/clock").await.body["now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let day = now
        .with_timezone(&Brussels)
        .date_naive()
        .succ_opt()
        .unwrap();
    let at = Brussels
        .from_local_datetime(&day.and_hms_opt(0, 30, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        at.date_naive(),
        day.pred_opt().unwrap(),
        "in UTC it is still the day before"
    );
    app.set_clock(at).await;
    day
}

async fn found(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let reply = app
        .get_as(&format!("/api/v1/search/requests?{query}"), token)
        .await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.body);
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap().to_owned())
        .collect()
}

fn body() -> Value {
    json!({"documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium", "purpose": "Huurcontract", "language": "nl", "delivery": "digital"})
}

#[tokio::test]
async fn a_request_at_half_past_midnight_in_brussels_is_of_that_day_everywhere() {
    let app = TestApp::spawn().await;
    let day = half_past_midnight(&app).await;
    let before = day.pred_opt().unwrap();
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), body()).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["status"], "delivered");
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    // The API's timestamps stay UTC.
    let submitted_at = reply.body["submittedAt"].as_str().unwrap();
    assert!(
        submitted_at.starts_with(&before.to_string()) && submitted_at.ends_with('Z'),
        "{submitted_at}"
    );

    // The document is dated the Brussels day.
    let document = &reply.body["documents"][0];
    let pdf = app
        .get_bytes(document["downloadUrl"].as_str().unwrap(), Some(&jan))
        .await;
    assert_eq!(pdf.status, 200);
    let text = pdf_text(&pdf.bytes);
    assert!(text.contains("Datum van afgifte"), "{text}");
    assert!(text.contains(&dotted(day)), "{text}");
    assert!(!text.contains(&dotted(before)), "{text}");
    // Valid for three months on the Brussels calendar: until 00:30 there, three months on.
    let valid_until: DateTime<Utc> = document["validUntil"].as_str().unwrap().parse().unwrap();
    let three_months = day.checked_add_months(Months::new(3)).unwrap();
    let until = valid_until.with_timezone(&Brussels).naive_local();
    let expected = three_months.and_hms_opt(0, 30, 0).unwrap();
    assert!((until - expected).num_seconds().abs() < 60, "{valid_until}");

    // The e-mail gives the link's last day in Brussels.
    let mail = app.outbox("jan.peeters@example.be").await;
    let mail = mail[0]["body"].as_str().unwrap();
    assert!(
        mail.contains(&format!("werkt tot en met {}.", dotted(three_months))),
        "{mail}"
    );

    // The search's days are Brussels days: submitted and finished that day, not the day before.
    let staff = app.sign_in_staff("an.desmet").await;
    let only = std::slice::from_ref(&reference);
    for field in ["submitted", "finished"] {
        let on = |d: NaiveDate| format!("{field}From={d}&{field}To={d}");
        assert_eq!(found(&app, &staff, &on(day)).await, only);
        assert!(found(&app, &staff, &on(before)).await.is_empty(), "{field}");
    }
    assert_eq!(
        found(&app, &staff, &format!("submittedFrom={day}")).await,
        only
    );
    assert!(found(&app, &staff, &format!("submittedTo={before}"))
        .await
        .is_empty());

    // The Excel report shows the Brussels time, and says so.
    let bytes =
        crate::search::export(&app, &staff, json!({"criteria": {"reference": reference}})).await;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = workbook.worksheet_range("Aanvragen").unwrap();
    assert_eq!(
        sheet.get((0, 9)),
        Some(&Data::String("Ingediend (tijd Europe/Brussels)".into()))
    );
    assert_eq!(
        sheet.get((0, 10)),
        Some(&Data::String("Afgerond (tijd Europe/Brussels)".into()))
    );
    let local = |cell: Option<&Data>| -> NaiveDateTime {
        let Some(Data::DateTime(t)) = cell else {
            panic!("a date and time: {cell:?}")
        };
        t.as_datetime().unwrap()
    };
    let half_past = day.and_hms_opt(0, 30, 0).unwrap();
    for col in [9, 10] {
        let shown = local(sheet.get((1, col)));
        assert!(
            (shown - half_past).num_seconds().abs() < 60,
            "column {col}: {shown}, not {half_past}"
        );
    }
    let criteria = workbook.worksheet_range("Criteria").unwrap();
    let exported = criteria
        .rows()
        .find(|r| r[0] == Data::String("Geëxporteerd op (tijd Europe/Brussels)".into()))
        .expect("when it was exported");
    assert!((local(exported.get(1)) - half_past).num_seconds().abs() < 60);

    // The audit trail's days are Brussels days too.
    let admin = app.sign_in_staff("lotte.vermeulen").await;
    let submitted = |from: NaiveDate, to: NaiveDate| {
        let (app, admin, reference) = (&app, &admin, &reference);
        async move {
            let reply = app
                .get_as(
                    &format!("/api/v1/audit/events?action=submitted&from={from}&to={to}"),
                    admin,
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.body);
            reply.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["entityId"] == reference.as_str())
        }
    };
    assert!(submitted(day, day).await);
    assert!(!submitted(before, before).await);
}

#[tokio::test]
async fn the_zone_is_a_setting_the_spa_and_the_search_follow() {
    let app = TestApp::spawn_with(|c| c.time_zone = chrono_tz::UTC).await;
    let health = app.get("/api/health").await;
    assert_eq!(health.body["timeZone"], "UTC");
    let day = half_past_midnight(&app).await;
    let before = day.pred_opt().unwrap();
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app.submit(Some(&jan), body()).await;
    let reference = reply.body["reference"].as_str().unwrap().to_owned();
    let staff = app.sign_in_staff("an.desmet").await;
    // In UTC, half past midnight in Brussels is still the day before.
    let on = |d: NaiveDate| format!("submittedFrom={d}&submittedTo={d}");
    assert_eq!(found(&app, &staff, &on(before)).await, [reference]);
    assert!(found(&app, &staff, &on(day)).await.is_empty());
}

#[tokio::test]
async fn the_clock_moves_to_an_instant_but_never_back() {
    let app = TestApp::spawn().await;
    let reply = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/dev/clock",
            None,
            Some(json!({"now": "2000-01-01T00:00:00Z"})),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    assert!(reply.field_error("now").is_some(), "{}", reply.body);
    let later = Utc::now() + chrono::Duration::days(10);
    app.set_clock(later).await;
    let now: DateTime<Utc> = app.get("/api/v1/dev/clock").await.body["now"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((now - later).num_seconds().abs() < 5, "{now}");
}
