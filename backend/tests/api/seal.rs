//! The municipality's electronic seal: every issued PDF is signed (PAdES), and an independent
//! validator — poppler's `pdfsig`, the one behind Evince and Okular — says the seal is valid,
//! whose it is, and that one changed byte breaks it; pyHanko, trusting the demo CA, agrees.
use crate::helpers::{people, TestApp};
use loket::config::Config;
use loket::db::connection::DatabaseUrl;
use loket::documents::seal::{Seal, SealSource};
use serde_json::json;
use std::process::{Command, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_loket");

/// What `pdfsig` says about these PDF bytes.
fn pdfsig(bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("loket-seal-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("document.pdf");
    std::fs::write(&file, bytes).unwrap();
    let output = Command::new("pdfsig")
        .arg(&file)
        .output()
        .expect("pdfsig runs (Debian's poppler-utils: 'make poppler')");
    let _ = std::fs::remove_dir_all(&dir);
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What pyHanko (a second, independent validator) says, trusting the demo CA in `pkcs12`.
const PYHANKO: &str = r#"
import sys
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from asn1crypto import x509
_, _, chain = pkcs12.load_key_and_certificates(open(sys.argv[1], "rb").read(), b"loket-demo-seal")
roots = [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in chain]
with open(sys.argv[2], "rb") as f:
    try:
        status = validate_pdf_signature(PdfFileReader(f).embedded_signatures[0], ValidationContext(trust_roots=roots))
        print("intact" if status.intact else "broken", "trusted" if status.trusted else "untrusted", status.coverage.name, status.bottom_line)
    except Exception as e:
        print("broken", type(e).__name__, e)
"#;

fn pyhanko(pkcs12: &std::path::Path, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("loket-seal-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("document.pdf");
    std::fs::write(&file, bytes).unwrap();
    let output = Command::new("python3")
        .args(["-c", PYHANKO])
        .arg(pkcs12)
        .arg(&file)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The signed PDF with one byte changed inside what the seal signs: a letter of the seal's
/// stated reason.
fn tampered(bytes: &[u8]) -> Vec<u8> {
    let needle = b"Elektronisch zegel";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the seal states its reason");
    let mut changed = bytes.to_vec();
    changed[at] = b'F';
    changed
}

#[tokio::test]
async fn every_issued_pdf_carries_the_municipality_seal_and_one_changed_byte_breaks_it() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Huurcontract", "language": "nl", "delivery": "post",
            }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let staff = app.sign_in_staff("an.desmet").await;
    let documents = reply.body["documents"].as_array().unwrap();
    let kinds: Vec<&str> = documents
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["document", "letter"]);
    for document in documents {
        let pdf = app
            .get_bytes(document["downloadUrl"].as_str().unwrap(), Some(&staff))
            .await;
        assert_eq!(pdf.status, 200);
        let report = pdfsig(&pdf.bytes);
        assert!(report.contains("Signature #1"), "{report}");
        assert!(
            report.contains("Signer Certificate Common Name: Gemeente Voorbeeldegem (DEMO)"),
            "{report}"
        );
        assert!(
            report.contains("Signature Type: ETSI.CAdES.detached"),
            "{report}"
        );
        assert!(report.contains("Total document signed"), "{report}");
        assert!(
            report.contains("Signature Validation: Signature is Valid."),
            "{report}"
        );
        // The demo CA is in nobody's trust list, and pdfsig says exactly that.
        assert!(
            report.contains("Certificate Validation: Certificate issuer isn't Trusted."),
            "{report}"
        );

        let broken = pdfsig(&tampered(&pdf.bytes));
        assert!(broken.contains("Signature #1"), "{broken}");
        assert!(
            !broken.contains("Signature is Valid."),
            "one changed byte breaks the seal: {broken}"
        );
        assert!(broken.contains("Digest Mismatch"), "{broken}");

        // pyHanko, trusting the demo CA, agrees: sound, trusted, the whole file; then broken.
        let demo = Config::for_database(app.url.clone())
            .seal
            .demo_file()
            .unwrap();
        let verdict = pyhanko(&demo, &pdf.bytes);
        assert_eq!(
            verdict.trim(),
            "intact trusted ENTIRE_FILE True",
            "{verdict}"
        );
        let verdict = pyhanko(&demo, &tampered(&pdf.bytes));
        assert!(verdict.starts_with("broken"), "{verdict}");
    }
}

#[tokio::test]
async fn the_seal_comes_from_the_configured_pkcs12_file() {
    // The demo's file stands in for the municipality's: the same way in, as configured.
    let demo_seal = Config::for_database(DatabaseUrl::Sqlite(":memory:".into())).seal;
    demo_seal.load().unwrap();
    let demo = demo_seal.demo_file().unwrap();
    let file =
        std::env::temp_dir().join(format!("loket-seal-{}.p12", uuid::Uuid::new_v4().simple()));
    std::fs::copy(&demo, &file).unwrap();
    let seal = Seal::new(SealSource::Pkcs12 {
        file: file.clone(),
        password: "loket-demo-seal".into(),
    });
    let app = TestApp::spawn_with(|c| {
        c.seal = seal.clone();
        c.municipality = "Gemeente Anderegem".into();
    })
    .await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                "purpose": "Huurcontract", "language": "nl", "delivery": "digital",
            }),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let pdf = app
        .get_bytes(
            reply.body["documents"][0]["downloadUrl"].as_str().unwrap(),
            Some(&jan),
        )
        .await;
    let report = pdfsig(&pdf.bytes);
    assert!(report.contains("Signature is Valid."), "{report}");
    assert!(
        String::from_utf8_lossy(&pdf.bytes).contains("(Elektronisch zegel van Gemeente Anderegem)"),
        "the seal states whose it is"
    );
    let _ = std::fs::remove_file(&file);
}

/// Runs the binary with only these settings and a fresh SQLite file; answers (started, stderr).
fn run_binary(dir: &std::path::Path, settings: &[(&str, &str)]) -> (bool, String) {
    let mut command = Command::new(BINARY);
    command
        .arg("migrate")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/loket.db", dir.display()),
        )
        .stdin(Stdio::null());
    for (k, v) in settings {
        command.env(k, v);
    }
    let output = command.output().expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn production_mode_does_not_start_without_the_seal_nor_with_a_wrong_one() {
    let dir = std::env::temp_dir().join(format!("loket-seal-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let (started, stderr) = run_binary(&dir, &[]);
    assert!(!started, "{stderr}");
    assert!(
        stderr.contains("SEAL_PKCS12_FILE") && stderr.contains("SEAL_PKCS12_PASSWORD"),
        "{stderr}"
    );

    // Demo mode makes its certificate at first start and keeps it: the same file afterwards.
    let (started, stderr) = run_binary(&dir, &[("LOKET_DEMO", "true")]);
    assert!(started, "{stderr}");
    let demo = dir.join("seal-demo.p12");
    let first = std::fs::read(&demo).expect("the demo certificate is kept");
    let (started, stderr) = run_binary(&dir, &[("LOKET_DEMO", "true")]);
    assert!(started, "{stderr}");
    assert_eq!(std::fs::read(&demo).unwrap(), first, "the same demo seal");

    // A PKCS#12 file with the wrong password stops the start and says which file.
    let file = demo.display().to_string();
    let (started, stderr) = run_binary(
        &dir,
        &[
            ("LOKET_DEMO", "true"),
            ("SEAL_PKCS12_FILE", &file),
            ("SEAL_PKCS12_PASSWORD", "not-the-password"),
        ],
    );
    assert!(!started, "{stderr}");
    assert!(stderr.contains("SEAL_PKCS12_FILE"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
