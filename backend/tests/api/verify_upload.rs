//! The public verification also takes the PDF itself and says whether it is byte for byte the
//! document issued under that code; nothing of the upload is kept.
use crate::helpers::{count, people, Reply, TestApp};
use loket::rate_limit::RateLimitSettings;
use serde_json::{json, Value};

fn residence_certificate() -> Value {
    json!({
        "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
        "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
    })
}

/// A residence certificate for Jan: its verification code and the PDF he downloads.
async fn issued(app: &TestApp) -> (String, Vec<u8>) {
    let jan = app.sign_in_citizen(people::JAN).await;
    let made = app.submit(Some(&jan), residence_certificate()).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let reference = made.body["reference"].as_str().unwrap();
    let document = &made.body["documents"][0];
    let code = document["verificationCode"].as_str().unwrap().to_owned();
    let pdf = app
        .get_bytes(
            &format!(
                "/api/v1/requests/{reference}/documents/{}",
                document["id"].as_i64().unwrap()
            ),
            Some(&jan),
        )
        .await;
    assert_eq!(pdf.status, 200);
    (code, pdf.bytes)
}

async fn compare(app: &TestApp, code: &str, content_type: &str, bytes: Vec<u8>) -> Reply {
    let answer = app
        .client
        .post(format!("{}/api/v1/verify/{code}/document", app.base))
        .header("Content-Type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("the server answers");
    TestApp::reply(answer).await
}

/// Rows in the tables an upload could have left a trace in.
fn traces(app: &TestApp) -> Vec<i64> {
    ["documents", "audit_events", "jobs", "emails"]
        .iter()
        .map(|table| count(&app.url, &format!("SELECT COUNT(*) AS n FROM {table}")))
        .collect()
}

#[tokio::test]
async fn the_issued_pdf_is_recognised_and_a_changed_or_other_one_is_not() {
    let app = TestApp::spawn().await;
    let (code, pdf) = issued(&app).await;
    let (other_code, other_pdf) = issued(&app).await;
    let before = traces(&app);

    let sloppy = code.to_lowercase().replace('-', "");
    let same = compare(&app, &sloppy, "application/pdf", pdf.clone()).await;
    assert_eq!(same.status, 200, "{}", same.body);
    assert_eq!(same.body["result"], "identical");
    assert_eq!(same.body["code"], code.as_str());
    assert_eq!(same.body["documentTitle"], "Bewijs van woonst");
    assert_eq!(same.body["status"], "valid");

    // One byte changed in the middle of the file.
    let mut changed = pdf.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    let reply = compare(&app, &code, "application/pdf", changed).await;
    assert_eq!(reply.body["result"], "different");
    // One byte added at the end.
    let mut longer = pdf.clone();
    longer.push(b'\n');
    let reply = compare(&app, &code, "application/pdf", longer).await;
    assert_eq!(reply.body["result"], "different");
    // Another genuine document is not this one …
    let reply = compare(&app, &code, "application/pdf", other_pdf.clone()).await;
    assert_eq!(reply.body["result"], "different");
    // … but it is its own.
    let reply = compare(&app, &other_code, "application/pdf", other_pdf).await;
    assert_eq!(reply.body["result"], "identical");

    // The upload left nothing behind.
    assert_eq!(traces(&app), before);
    // The document itself is never in the answer.
    assert!(same.bytes.len() < 300 && !same.body.to_string().contains("Kerkstraat"));
}

#[tokio::test]
async fn only_a_pdf_of_at_most_ten_megabytes_is_compared() {
    let app = TestApp::spawn().await;
    let (code, pdf) = issued(&app).await;
    compare(&app, &code, "text/plain", pdf.clone())
        .await
        .assert_problem(415, "unsupported_media_type");
    compare(&app, &code, "application/pdf", b"Dit is geen pdf".to_vec())
        .await
        .assert_problem(415, "unsupported_media_type");
    let mut huge = b"%PDF-1.7\n".to_vec();
    huge.resize(10 * 1024 * 1024 + 1, b' ');
    compare(&app, &code, "application/pdf", huge)
        .await
        .assert_problem(413, "payload_too_large");
    compare(&app, "AAAA-BBBB-CCCC-DDDD", "application/pdf", pdf)
        .await
        .assert_problem(404, "unknown_verification_code");
}

#[tokio::test]
async fn an_erased_document_can_no_longer_be_compared() {
    let app = TestApp::spawn().await;
    let (code, pdf) = issued(&app).await;
    app.advance_clock(94 * 86_400).await;
    app.run_jobs().await;
    let reply = compare(&app, &code, "application/pdf", pdf).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["result"], "erased");
    assert_eq!(reply.body["status"], "expired");
}

#[tokio::test]
async fn comparisons_are_limited_per_address_like_verification() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = RateLimitSettings {
            verify_per_minute: 2,
            ..RateLimitSettings::GENEROUS
        }
    })
    .await;
    let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
    for _ in 0..2 {
        compare(&app, "AAAA-BBBB-CCCC-DDDD", "application/pdf", pdf.clone())
            .await
            .assert_problem(404, "unknown_verification_code");
    }
    compare(&app, "AAAA-BBBB-CCCC-DDDD", "application/pdf", pdf)
        .await
        .assert_problem(429, "rate_limited");
}
