//! The municipality's electronic seal: every issued PDF is signed (PAdES), and an independent
//! validator — poppler's `pdfsig`, the one behind Evince and Okular — says the seal is valid,
//! whose it is, and that one changed byte breaks it; pyHanko, trusting the demo CA, agrees.
//! With a timestamp service the seal is B-T: pyHanko finds the service's signature timestamp
//! (from a fake TSA here, which signs genuine RFC 3161 answers); a failing service leaves B-B.
use crate::helpers::{people, TestApp};
use loket::config::Config;
use loket::db::connection::DatabaseUrl;
use loket::documents::pdf;
use loket::documents::seal::{Seal, SealSource, Timestamping};
use serde_json::json;
use std::process::{Command, Stdio};
use std::time::Duration;
use underskrift::PadesLevel;

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

/// What pyHanko (a second, independent validator) says, trusting the demo CA in `pkcs12` and
/// any more CA certificates (DER files) after the PDF; a second line when the seal carries a
/// signature timestamp: whether the timestamp is sound and trusted, and its time.
const PYHANKO: &str = r#"
import sys
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from asn1crypto import x509
_, _, chain = pkcs12.load_key_and_certificates(open(sys.argv[1], "rb").read(), b"loket-demo-seal")
roots = [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in chain]
roots += [x509.Certificate.load(open(f, "rb").read()) for f in sys.argv[3:]]
with open(sys.argv[2], "rb") as f:
    try:
        status = validate_pdf_signature(PdfFileReader(f).embedded_signatures[0], ValidationContext(trust_roots=roots))
        print("intact" if status.intact else "broken", "trusted" if status.trusted else "untrusted", status.coverage.name, status.bottom_line)
        ts = status.timestamp_validity
        if ts is not None:
            print("timestamp", "intact" if ts.intact and ts.valid else "broken", "trusted" if ts.trusted else "untrusted", ts.timestamp.isoformat())
    except Exception as e:
        print("broken", type(e).__name__, e)
"#;

fn pyhanko(pkcs12: &std::path::Path, bytes: &[u8]) -> String {
    pyhanko_trusting(pkcs12, bytes, &[])
}

fn pyhanko_trusting(pkcs12: &std::path::Path, bytes: &[u8], more_roots: &[&[u8]]) -> String {
    let dir = std::env::temp_dir().join(format!("loket-seal-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("document.pdf");
    std::fs::write(&file, bytes).unwrap();
    let mut command = Command::new("python3");
    command.args(["-c", PYHANKO]).arg(pkcs12).arg(&file);
    for (i, root) in more_roots.iter().enumerate() {
        let root_file = dir.join(format!("root-{i}.der"));
        std::fs::write(&root_file, root).unwrap();
        command.arg(root_file);
    }
    let output = command.output().expect("python3 runs");
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

/// The fake TSA's side of RFC 3161 (and of RFC 5816's ESS signing certificate), as the DER the
/// seal's client sends and reads.
mod rfc3161 {
    use der::asn1::{GeneralizedTime, Int, ObjectIdentifier, OctetString};
    use der::Sequence;
    use x509_cert::spki::AlgorithmIdentifierOwned;

    #[derive(Clone, Debug, Sequence)]
    pub struct MessageImprint {
        pub hash_algorithm: AlgorithmIdentifierOwned,
        pub hashed_message: OctetString,
    }

    /// A request (without extensions: the seal's client sends none).
    #[derive(Debug, Sequence)]
    pub struct TimeStampReq {
        pub version: u8,
        pub message_imprint: MessageImprint,
        #[asn1(optional = "true")]
        pub req_policy: Option<ObjectIdentifier>,
        #[asn1(optional = "true")]
        pub nonce: Option<Int>,
        #[asn1(default = "Default::default")]
        pub cert_req: bool,
    }

    /// What the token signs (without accuracy, ordering, tsa name or extensions).
    #[derive(Sequence)]
    pub struct TstInfo {
        pub version: u8,
        pub policy: ObjectIdentifier,
        pub message_imprint: MessageImprint,
        pub serial_number: Int,
        pub gen_time: GeneralizedTime,
        #[asn1(optional = "true")]
        pub nonce: Option<Int>,
    }

    #[derive(Sequence)]
    pub struct PkiStatusInfo {
        /// 0 granted, 2 rejection.
        pub status: u8,
    }

    #[derive(Sequence)]
    pub struct TimeStampResp {
        pub status: PkiStatusInfo,
        #[asn1(optional = "true")]
        pub time_stamp_token: Option<cms::content_info::ContentInfo>,
    }

    /// ESSCertIDv2 with the default hash (SHA-256).
    #[derive(Sequence)]
    pub struct EssCertIdV2 {
        pub cert_hash: OctetString,
    }

    #[derive(Sequence)]
    pub struct SigningCertificateV2 {
        pub certs: Vec<EssCertIdV2>,
    }
}

/// A fake timestamp service: a CA of its own and a TSA certificate from it (with the critical
/// id-kp-timeStamping a TSA's needs), answering each RFC 3161 request with a token it signs
/// for the hash and nonce asked: a genuine answer, as a real TSA's.
#[derive(Clone)]
struct FakeTsa {
    key: rsa::pkcs1v15::SigningKey<sha2::Sha256>,
    certificate: x509_cert::Certificate,
    /// Signs a token for another hash than the one asked (a wrong answer, signed all right).
    lies: bool,
}

const SHA_256: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

impl FakeTsa {
    /// The service and its CA's certificate (DER), for validators to trust.
    fn new() -> (Self, Vec<u8>) {
        use der::Encode;
        use rsa::pkcs8::EncodePublicKey;
        use std::str::FromStr;
        use x509_cert::builder::{Builder, CertificateBuilder, Profile};
        use x509_cert::name::Name;
        use x509_cert::spki::SubjectPublicKeyInfoOwned;

        let key = || {
            let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
            let public = key.to_public_key().to_public_key_der().unwrap();
            let spki = SubjectPublicKeyInfoOwned::try_from(public.as_bytes()).unwrap();
            (rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key), spki)
        };
        fn certificate(
            profile: Profile,
            subject: &str,
            spki: SubjectPublicKeyInfoOwned,
            issuer: &rsa::pkcs1v15::SigningKey<sha2::Sha256>,
        ) -> x509_cert::Certificate {
            let time_stamping = matches!(profile, Profile::Leaf { .. });
            let mut serial: [u8; 8] = rand::random();
            serial[0] &= 0x7f;
            let mut builder = CertificateBuilder::new(
                profile,
                x509_cert::serial_number::SerialNumber::new(&serial).unwrap(),
                x509_cert::time::Validity::from_now(Duration::from_secs(24 * 3600)).unwrap(),
                Name::from_str(subject).unwrap(),
                spki,
                issuer,
            )
            .unwrap();
            if time_stamping {
                // RFC 3161 §2.3: a TSA's certificate has exactly this key purpose, critical.
                builder
                    .add_extension(&x509_cert::ext::pkix::ExtendedKeyUsage(vec![
                        der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8"),
                    ]))
                    .unwrap();
            }
            builder.build::<rsa::pkcs1v15::Signature>().unwrap()
        }
        let (ca_key, ca_spki) = key();
        let ca = certificate(Profile::Root, FAKE_CA, ca_spki, &ca_key);
        let (tsa_key, tsa_spki) = key();
        let leaf = Profile::Leaf {
            issuer: Name::from_str(FAKE_CA).unwrap(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let tsa = certificate(leaf, FAKE_TSA, tsa_spki, &ca_key);
        (
            Self {
                key: tsa_key,
                certificate: tsa,
                lies: false,
            },
            ca.to_der().unwrap(),
        )
    }

    /// The token for `asked`: SignedData over a TSTInfo, signed attributes as RFC 3161 and
    /// RFC 5816 ask (content type, message digest, ESS signing certificate v2).
    fn token(&self, asked: &rfc3161::TimeStampReq) -> cms::content_info::ContentInfo {
        use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
        use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
        use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
        use der::asn1::{Any, GeneralizedTime, Int, ObjectIdentifier, OctetString, SetOfVec};
        use der::{Encode, Tag};
        use sha2::Digest;
        use x509_cert::spki::AlgorithmIdentifierOwned;

        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        let serial: [u8; 8] = rand::random();
        let mut message_imprint = asked.message_imprint.clone();
        if self.lies {
            let mut other = message_imprint.hashed_message.as_bytes().to_vec();
            other[0] ^= 1;
            message_imprint.hashed_message = OctetString::new(other).unwrap();
        }
        let tst = rfc3161::TstInfo {
            version: 1,
            policy: ObjectIdentifier::new_unwrap("1.3.6.1.4.1.99999.3161"),
            message_imprint,
            serial_number: Int::new(&serial[..]).unwrap(),
            gen_time: GeneralizedTime::from_unix_duration(Duration::from_secs(now.as_secs()))
                .unwrap(),
            nonce: asked.nonce.clone(),
        };
        let content = EncapsulatedContentInfo {
            econtent_type: ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4"),
            econtent: Some(Any::new(Tag::OctetString, tst.to_der().unwrap()).unwrap()),
        };
        let sha256 = AlgorithmIdentifierOwned {
            oid: SHA_256,
            parameters: None,
        };
        let certificate_der = self.certificate.to_der().unwrap();
        let signing_certificate = rfc3161::SigningCertificateV2 {
            certs: vec![rfc3161::EssCertIdV2 {
                cert_hash: OctetString::new(sha2::Sha256::digest(&certificate_der).to_vec())
                    .unwrap(),
            }],
        };
        let mut signer_info = SignerInfoBuilder::new(
            &self.key,
            SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: self.certificate.tbs_certificate.issuer.clone(),
                serial_number: self.certificate.tbs_certificate.serial_number.clone(),
            }),
            sha256.clone(),
            &content,
            None,
        )
        .unwrap();
        signer_info
            .add_signed_attribute(x509_cert::attr::Attribute {
                oid: ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47"),
                values: SetOfVec::try_from(vec![Any::encode_from(&signing_certificate).unwrap()])
                    .unwrap(),
            })
            .unwrap();
        SignedDataBuilder::new(&content)
            .add_digest_algorithm(sha256)
            .unwrap()
            .add_certificate(CertificateChoices::Certificate(self.certificate.clone()))
            .unwrap()
            .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer_info)
            .unwrap()
            .build()
            .unwrap()
    }
}

const FAKE_CA: &str = "CN=Fake TSA CA (TEST),O=Loket tests,C=BE";
const FAKE_TSA: &str = "CN=Fake TSA (TEST),O=Loket tests,C=BE";

impl wiremock::Respond for FakeTsa {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        use der::{Decode, Encode};
        let asked =
            rfc3161::TimeStampReq::from_der(&request.body).expect("an RFC 3161 TimeStampReq");
        assert_eq!(
            asked.message_imprint.hash_algorithm.oid, SHA_256,
            "the seal asks for a SHA-256 imprint"
        );
        let answer = rfc3161::TimeStampResp {
            status: rfc3161::PkiStatusInfo { status: 0 },
            time_stamp_token: Some(self.token(&asked)),
        };
        wiremock::ResponseTemplate::new(200)
            .insert_header("content-type", "application/timestamp-reply")
            .set_body_bytes(answer.to_der().unwrap())
    }
}

/// The demo seal (made once, shared with the other tests) and its PKCS#12 file.
fn demo_seal() -> (Seal, std::path::PathBuf) {
    let demo = Config::for_database(DatabaseUrl::Sqlite(":memory:".into())).seal;
    demo.load().unwrap();
    let file = demo.demo_file().unwrap();
    (Seal::demo(file.parent().unwrap()), file)
}

/// `seal.apply` on a blocking thread, where the service calls it (`web::block`).
async fn apply(seal: &Seal) -> (loket::documents::seal::Sealed, Duration) {
    let seal = seal.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let layout = pdf::Layout::plain(
            "Gemeente Voorbeeldegem",
            "Bewijs van woonst",
            chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        );
        let sealed = seal
            .apply(
                "Gemeente Voorbeeldegem",
                &pdf::render(&layout),
                chrono::Utc::now(),
            )
            .unwrap();
        (sealed, started.elapsed())
    })
    .await
    .unwrap()
}

/// A fake TSA answering at `/tsa` on a server of its own.
async fn serve(tsa: impl wiremock::Respond + 'static) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path("/tsa"))
        .and(wiremock::matchers::header(
            "content-type",
            "application/timestamp-query",
        ))
        .respond_with(tsa)
        .mount(&server)
        .await;
    server
}

/// pyHanko's two lines for a B-T seal: the seal's verdict (`intact trusted ENTIRE_FILE`, then
/// its bottom line, `bottom_line`), and the timestamp's time when the timestamp is intact and
/// `trust` (trusted or untrusted).
fn timestamp_in(
    verdict: &str,
    bottom_line: bool,
    trust: &str,
) -> chrono::DateTime<chrono::FixedOffset> {
    let mut lines = verdict.lines();
    let seal = format!(
        "intact trusted ENTIRE_FILE {}",
        if bottom_line { "True" } else { "False" }
    );
    assert_eq!(lines.next(), Some(seal.as_str()), "{verdict}");
    let time = lines
        .next()
        .and_then(|line| line.strip_prefix(&format!("timestamp intact {trust} ")))
        .unwrap_or_else(|| panic!("a signature timestamp, {trust}: {verdict}"));
    chrono::DateTime::parse_from_rfc3339(time).unwrap()
}

#[tokio::test]
async fn with_a_timestamp_service_the_seal_is_pades_b_t() {
    let (tsa, ca) = FakeTsa::new();
    let server = serve(tsa).await;
    let (demo, pkcs12) = demo_seal();
    // A TSA account's credentials in the URL are used, and never shown.
    let url = format!("http://seal:s3cret@{}/tsa?account=s3cret", server.address());
    let seal = demo.with_timestamp(Timestamping {
        url,
        timeout: Duration::from_secs(10),
    });
    seal.load().unwrap();
    let shown = format!("{seal:?}");
    assert!(
        shown.contains(&format!("timestamps from http://{}/tsa", server.address())),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"), "{shown}");

    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let (sealed, _) = apply(&seal).await;
    let after = chrono::Utc::now() + chrono::Duration::seconds(1);
    assert_eq!(sealed.level, PadesLevel::BT);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    // poppler still finds the seal valid with the token in.
    let report = pdfsig(&sealed.pdf);
    assert!(
        report.contains("Signature Type: ETSI.CAdES.detached"),
        "{report}"
    );
    assert!(report.contains("Signature is Valid."), "{report}");
    assert!(report.contains("Total document signed"), "{report}");

    // pyHanko, trusting the demo CA and the TSA's, finds a sound, trusted signature timestamp
    // from the moment of sealing; not trusting the TSA's CA, a sound but untrusted one, and
    // then the seal's bottom line is no longer good: the timestamp counts.
    let time = timestamp_in(
        &pyhanko_trusting(&pkcs12, &sealed.pdf, &[&ca]),
        true,
        "trusted",
    );
    assert!(
        before <= time && time <= after,
        "{before} <= {time} <= {after}"
    );
    timestamp_in(&pyhanko(&pkcs12, &sealed.pdf), false, "untrusted");
    // One changed byte still breaks the seal.
    let verdict = pyhanko_trusting(&pkcs12, &tampered(&sealed.pdf), &[&ca]);
    assert!(verdict.starts_with("broken"), "{verdict}");
}

#[tokio::test]
async fn issued_documents_carry_the_signature_timestamp_when_a_service_is_configured() {
    let (tsa, ca) = FakeTsa::new();
    let server = serve(tsa).await;
    let url = format!("http://{}/tsa", server.address());
    // As configured, on the application's own path: sealing on a blocking thread of actix.
    let app = TestApp::spawn_with(|c| {
        c.seal = c
            .seal
            .clone()
            .with_timestamp(Timestamping::new(url.clone()));
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
    assert_eq!(pdf.status, 200);
    let report = pdfsig(&pdf.bytes);
    assert!(report.contains("Signature is Valid."), "{report}");
    let (_, pkcs12) = demo_seal();
    timestamp_in(
        &pyhanko_trusting(&pkcs12, &pdf.bytes, &[&ca]),
        true,
        "trusted",
    );
    assert!(!server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failing_timestamp_service_leaves_a_b_b_seal_that_still_validates() {
    use der::Encode;
    let (tsa, ca) = FakeTsa::new();
    let (demo, pkcs12) = demo_seal();
    let down = {
        // Nothing listens on this port any more.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/tsa", listener.local_addr().unwrap())
    };
    let slow = serve(wiremock::ResponseTemplate::new(200).set_delay(Duration::from_secs(5))).await;
    let unavailable = serve(wiremock::ResponseTemplate::new(503)).await;
    let not_a_timestamp = serve(
        wiremock::ResponseTemplate::new(200)
            .insert_header("content-type", "application/timestamp-reply")
            .set_body_bytes(b"<html>Even geduld</html>".to_vec()),
    )
    .await;
    let refusal = rfc3161::TimeStampResp {
        status: rfc3161::PkiStatusInfo { status: 2 },
        time_stamp_token: None,
    };
    let refusing = serve(
        wiremock::ResponseTemplate::new(200)
            .insert_header("content-type", "application/timestamp-reply")
            .set_body_bytes(refusal.to_der().unwrap()),
    )
    .await;
    let lying = serve(FakeTsa { lies: true, ..tsa }).await;
    let at = |server: &wiremock::MockServer| format!("http://{}/tsa", server.address());
    for (what, url) in [
        ("down", down),
        ("too slow", at(&slow)),
        ("unavailable", at(&unavailable)),
        ("not a timestamp", at(&not_a_timestamp)),
        ("a refusal", at(&refusing)),
        ("a token for another hash", at(&lying)),
    ] {
        let seal = demo.clone().with_timestamp(Timestamping {
            url,
            timeout: Duration::from_millis(500),
        });
        let (sealed, took) = apply(&seal).await;
        assert_eq!(sealed.level, PadesLevel::BB, "{what}");
        assert!(took < Duration::from_secs(3), "{what}: {took:?}");
        let report = pdfsig(&sealed.pdf);
        assert!(report.contains("Signature is Valid."), "{what}: {report}");
        // A B-B seal, sound and trusted, and no timestamp line.
        let verdict = pyhanko_trusting(&pkcs12, &sealed.pdf, &[&ca]);
        assert_eq!(
            verdict.trim(),
            "intact trusted ENTIRE_FILE True",
            "{what}: {verdict}"
        );
    }
    assert_eq!(lying.received_requests().await.unwrap().len(), 1);

    // After a failure the TSA is left alone for a while: a burst of documents does not each
    // wait for a service that just failed.
    let seal = demo.clone().with_timestamp(Timestamping {
        url: at(&unavailable),
        timeout: Duration::from_millis(500),
    });
    let asked_before = unavailable.received_requests().await.unwrap().len();
    for _ in 0..3 {
        let (sealed, _) = apply(&seal).await;
        assert_eq!(sealed.level, PadesLevel::BB);
        assert!(pdfsig(&sealed.pdf).contains("Signature is Valid."));
    }
    let asked = unavailable.received_requests().await.unwrap().len() - asked_before;
    assert_eq!(asked, 1, "asked once, then paused");
}

#[test]
fn a_timestamp_service_url_that_is_not_http_stops_the_start() {
    let (demo, _) = demo_seal();
    for url in ["tsa.voorbeeldegem.be/tsr", "ftp://tsa.voorbeeldegem.be/tsr"] {
        let error = demo
            .clone()
            .with_timestamp(Timestamping::new(url))
            .load()
            .unwrap_err();
        assert!(error.contains("SEAL_TSA_URL"), "{error}");
    }
}
