//! The documents as a reader gets them: every name in every script the registers hold comes
//! back exactly from the PDF, read by an independent tool (poppler's `pdftotext`, Debian's
//! poppler-utils: `make poppler`); the font is embedded; the PDF is tagged, in Dutch, titled,
//! and says it is PDF/A-2a and PDF/UA-1.
use crate::helpers::{people, TestApp};
use chrono::NaiveDate;
use loket::adapters::national_register::Person;
use loket::documents::branding::{Logo, Rgb, Signatory};
use loket::documents::templates::Templates;
use loket::documents::{compose, letter, pdf, Branding, Header, LetterFacts, Source};
use lopdf::{Document, Object};
use serde_json::{json, Value};
use std::process::Command;

const MUNICIPALITY: &str = "Gemeente Voorbeeldegem";

/// Names from Belgium's registers outside Western European spelling.
const NAMES: [(&str, &str); 8] = [
    ("Łukasz", "Wróblewski"),
    ("Şahin", "Çelik"),
    ("İpek", "Doğan"),
    ("Vlad", "Ţepeş"),
    ("Ștefan", "Ionescu"),
    ("Jiří", "Dvořák"),
    ("Αλέξανδρος", "Παπαδόπουλος"),
    ("Ирина", "Шевченко"),
];

fn seeded() -> Vec<Person> {
    #[derive(serde::Deserialize)]
    struct Seed {
        persons: Vec<Person>,
    }
    let seed: Seed =
        serde_json::from_str(include_str!("../../seed/national_register.json")).unwrap();
    seed.persons
}

/// Runs a poppler tool on these PDF bytes and answers what it prints.
fn poppler(tool: &str, args: &[&str], bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("loket-pdf-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("document.pdf");
    std::fs::write(&file, bytes).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (Debian's poppler-utils: 'make poppler'): {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "{tool}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The text a reader copies out of the PDF, with runs of white space as one space.
fn text(bytes: &[u8]) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], bytes)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn certificate(person: &Person, purpose: &str) -> Vec<u8> {
    let header = Header {
        title: "Bewijs van woonst",
        document_code: "bewijs-van-woonst",
        reference: "PA-2026-000042",
        issued_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        purpose,
        verification_code: "ABCD-EFGH-JKMN-PQRS",
        verify_url: "https://loket.voorbeeldegem.be/verifieer/ABCD-EFGH-JKMN-PQRS",
        language: "nl",
        standard_form: None,
    };
    let source = Source::Register {
        person,
        household: &[],
        partner: None,
    };
    pdf::render(&compose(&header, &source, &Branding::demo(MUNICIPALITY)))
}

fn cover_letter(recipient: &str) -> Vec<u8> {
    let lines = ["Kerkstraat 12".to_owned(), "9999 Voorbeeldegem".to_owned()];
    let facts = LetterFacts {
        reference: "PA-2026-000042",
        title: "Bewijs van woonst",
        recipient,
        address_lines: &lines,
        asked_by: None,
        on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        language: "nl",
    };
    pdf::render(&letter(&facts, &Branding::demo(MUNICIPALITY)))
}

/// The `downloadUrl` of a request's document of `kind` (`document`, `letter`).
fn download_url(documents: &[serde_json::Value], kind: &str) -> String {
    documents
        .iter()
        .find(|d| d["kind"] == kind)
        .and_then(|d| d["downloadUrl"].as_str())
        .unwrap_or_else(|| panic!("a {kind} in {documents:?}"))
        .to_owned()
}

fn named(first: &str, last: &str) -> Person {
    let mut person = seeded().remove(0);
    person.first_names = first.into();
    person.last_name = last.into();
    person
}

#[test]
fn every_name_comes_back_exactly_from_the_certificate_and_the_letter() {
    let mut checked = 0;
    let extra = NAMES.iter().map(|(first, last)| named(first, last));
    for person in seeded().into_iter().chain(extra) {
        let name = person.full_name();
        let purpose = format!("Huurcontract {name}");
        let document = text(&certificate(&person, &purpose));
        assert!(
            document.contains(&format!("Naam {name}")),
            "{name}: {document}"
        );
        assert!(
            document.contains(&format!("Doel {purpose}")),
            "{name}: {document}"
        );
        let letter = text(&cover_letter(&name));
        assert!(
            letter.contains(&format!("Beste {name},")),
            "{name}: {letter}"
        );
        checked += 1;
    }
    assert!(checked >= NAMES.len() + 5, "seeded people and the names");
}

#[test]
fn the_font_is_embedded_and_subsetted() {
    let pdf = certificate(&named("Łukasz", "Şahin-Ţepeş"), "Şahin test");
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: a subset's name has a "ABCDEF+" prefix.
        assert!(row.contains("DejaVuSans"), "{fonts}");
        assert!(columns[0].contains('+'), "a subset: {fonts}");
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "emb sub uni: {fonts}");
    }
}

/// The structure elements' types, in reading order.
fn structure(doc: &Document, object: &Object, out: &mut Vec<(String, Option<String>)>) {
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    };
    match object {
        Object::Array(items) => items.iter().for_each(|i| structure(doc, i, out)),
        Object::Dictionary(dict) => {
            if let Ok(kind) = dict.get(b"S").and_then(Object::as_name) {
                let alt = dict
                    .get(b"Alt")
                    .ok()
                    .map(|a| lopdf::decode_text_string(a).unwrap_or_default());
                out.push((String::from_utf8_lossy(kind).into_owned(), alt));
            }
            if let Ok(kids) = dict.get(b"K") {
                structure(doc, kids, out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_pdf_is_tagged_in_dutch_with_its_title_and_claims_pdf_a_and_ua() {
    let pdf = certificate(&named("Jiří", "Dvořák"), "Werk");
    let doc = Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").unwrap();
    assert_eq!(lopdf::decode_text_string(lang).unwrap(), "nl");
    let marked = catalog.get(b"MarkInfo").unwrap();
    let marked = match marked {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("MarkInfo {other:?}"),
    };
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());

    let mut tags = Vec::new();
    structure(&doc, catalog.get(b"StructTreeRoot").unwrap(), &mut tags);
    let kinds: Vec<&str> = tags.iter().map(|(k, _)| k.as_str()).collect();
    // Read in order: the issuer and its address, the title, the fields and paragraphs, the
    // footer, the QR code (the logo is decoration beside the issuer's name).
    assert!(
        kinds.starts_with(&["Document", "P", "P", "H1", "P"]) && kinds.ends_with(&["P", "Figure"]),
        "{kinds:?}"
    );
    let figure = tags
        .iter()
        .find(|(k, _)| k == "Figure")
        .expect("the QR code");
    assert!(
        figure
            .1
            .as_deref()
            .unwrap_or_default()
            .contains("/verifieer/ABCD-EFGH-JKMN-PQRS"),
        "the QR code's alternative text gives the link: {figure:?}"
    );

    // The title in the document information and in the XMP metadata, with the PDF/A-2a and
    // PDF/UA-1 identification.
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
    assert_eq!(
        lopdf::decode_text_string(title).unwrap(),
        "Bewijs van woonst"
    );
    let xmp = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(xmp).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content);
    for claim in ["Bewijs van woonst", "pdfaid:part", "pdfuaid:part"] {
        assert!(xmp.contains(claim), "{claim} in {xmp}");
    }
    assert!(
        xmp.contains(">A<") || xmp.contains("conformance=\"A\""),
        "{xmp}"
    );
}

/// Through the product: a purpose in five scripts on a document staff send by post, and the
/// cover letter, both read back exactly.
#[tokio::test]
async fn a_purpose_in_any_script_is_printed_as_typed() {
    let app = TestApp::spawn().await;
    let purpose = "Şahin test — Łukasz, Ștefan, Jiří, Αλέξανδρος, Ирина";
    let jan = app.sign_in_citizen(people::JAN).await;
    let reply = app
        .submit(Some(&jan), json!({
            "documentType": "bewijs-van-woonst", "forWhom": "someone_else",
            "subject": {"firstName": "Mohamed", "lastName": "El Amrani", "nationalNumber": "90112115716"},
            "forUse": "belgium", "purpose": purpose, "language": "nl", "delivery": "post",
        }))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reference = reply.body["reference"].as_str().unwrap();
    let staff = app.sign_in_staff("an.desmet").await;
    let delivered = app
        .post_json_as(
            &format!("/api/v1/requests/{reference}/deliver"),
            &staff,
            json!({"method": "post", "recipient": "subject"}),
        )
        .await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    let documents = delivered.body["documents"].as_array().unwrap();
    let download = |kind: &str| download_url(documents, kind);
    let document = app.get_bytes(&download("document"), Some(&staff)).await;
    let document = text(&document.bytes);
    assert!(document.contains(&format!("Doel {purpose}")), "{document}");
    assert!(document.contains("Mohamed El Amrani"), "{document}");
    let letter = app.get_bytes(&download("letter"), Some(&staff)).await;
    let letter = text(&letter.bytes);
    assert!(letter.contains("Beste Mohamed El Amrani,"), "{letter}");
}

/// The QR code beside the footer, as a phone's camera reads it from the printed page (the page
/// rendered by poppler's `pdftoppm`, read by `zbarimg`, Debian's zbar-tools), is the
/// verification link.
#[test]
fn the_qr_code_on_the_page_is_the_verification_link() {
    let pdf = certificate(&named("İpek", "Doğan"), "Werk");
    let dir = std::env::temp_dir().join(format!("loket-qr-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("document.pdf"), &pdf).unwrap();
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile"])
        .arg(dir.join("document.pdf"))
        .arg(dir.join("page"))
        .status()
        .expect("pdftoppm runs (Debian's poppler-utils)");
    assert!(rendered.success());
    let read = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(dir.join("page.png"))
        .output()
        .expect("zbarimg runs (Debian's zbar-tools)");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        String::from_utf8_lossy(&read.stdout).trim(),
        "https://loket.voorbeeldegem.be/verifieer/ABCD-EFGH-JKMN-PQRS"
    );
}

/// The first page as a picture (poppler's `pdftoppm`, PPM): width, height and RGB pixels.
fn page_pixels(pdf: &[u8]) -> (usize, usize, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!("loket-ppm-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("d.pdf"), pdf).unwrap();
    let ok = Command::new("pdftoppm")
        .args(["-r", "36", "-singlefile", "-f", "1"])
        .arg(dir.join("d.pdf"))
        .arg(dir.join("page"))
        .status()
        .expect("pdftoppm runs (Debian's poppler-utils)");
    assert!(ok.success());
    let ppm = std::fs::read(dir.join("page.ppm")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    // "P6\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at
            + ppm[at..]
                .iter()
                .position(|b| b.is_ascii_whitespace())
                .unwrap();
        fields.push(String::from_utf8_lossy(&ppm[at..end]).into_owned());
        at = end + 1;
    }
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, ppm[at..].to_vec())
}

/// A municipality's own wording and look without touching Rust: its template files replace
/// the shipped ones, and its name, address, logo, colour and signatory come from configuration
/// — on the document and on the cover letter, made through the product.
#[tokio::test]
async fn a_municipality_words_and_brands_its_papers_in_configuration() {
    let dir = std::env::temp_dir().join(format!("loket-tpl-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("nl")).unwrap();
    std::fs::write(
        dir.join("nl/bewijs-van-woonst.toml"),
        r#"
title = "Bewijs van woonst"
legal = "Reglement van {municipality} over attesten, artikel 7."
body = [
  { field = "name" },
  { field = "address" },
  { space = true },
  { paragraph = "Het stadsbestuur bevestigt de inschrijving op {issued_on}." },
]
"#,
    )
    .unwrap();
    let shipped_letter = include_str!("../../templates/nl/letter.toml");
    std::fs::write(
        dir.join("nl/letter.toml"),
        shipped_letter.replace("Beste {recipient},", "Geachte {recipient},"),
    )
    .unwrap();
    let templates = Templates::load(Some(&dir)).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let branding = Branding {
        municipality: "Stad Zonnedal".into(),
        address: Some("Grote Markt 1, 9998 Zonnedal".into()),
        logo: Some(Logo::demo()),
        colour: Rgb::parse("#1D4F91").unwrap(),
        signatory: Some(Signatory {
            name: "Piet Claes".into(),
            role: "algemeen directeur".into(),
            roles: Default::default(),
        }),
        templates: std::sync::Arc::new(templates),
    };
    let app = TestApp::spawn_with(move |c| {
        c.municipality = "Stad Zonnedal".into();
        c.branding = branding.clone();
    })
    .await;
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
    let reference = reply.body["reference"].as_str().unwrap();
    let staff = app.sign_in_staff("an.desmet").await;
    let detail = app
        .get_as(&format!("/api/v1/requests/{reference}"), &staff)
        .await;
    let documents = detail.body["documents"].as_array().unwrap().clone();
    let download = |kind: &str| download_url(&documents, kind);
    let pdf = app
        .get_bytes(&download("document"), Some(&staff))
        .await
        .bytes;
    let document = text(&pdf);
    for wording in [
        "Stad Zonnedal",
        "Grote Markt 1, 9998 Zonnedal",
        "Het stadsbestuur bevestigt de inschrijving op",
        "Reglement van Stad Zonnedal over attesten, artikel 7.",
        "Voor de burgemeester, Piet Claes, algemeen directeur",
    ] {
        assert!(document.contains(wording), "{wording} in {document}");
    }
    // The shipped wording and fields the municipality left out are gone.
    assert!(
        !document.contains("volgens het rijksregister op"),
        "{document}"
    );
    assert!(!document.contains("Rijksregisternummer"), "{document}");
    let letter = text(&app.get_bytes(&download("letter"), Some(&staff)).await.bytes);
    assert!(letter.contains("Geachte Jan Peeters,"), "{letter}");
    assert!(letter.contains("Grote Markt 1, 9998 Zonnedal"), "{letter}");

    // The logo is in the PDF, and the header band has the municipality's colour.
    let images = poppler("pdfimages", &["-list"], &pdf);
    let logos = images
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count();
    assert_eq!(
        logos, 1,
        "one image, the logo (with its transparency mask): {images}"
    );
    let (width, _, pixels) = page_pixels(&pdf);
    // A point at the top of the page, mid-width: the band, with nothing drawn on it.
    let (x, y) = (width / 2, 3);
    let at = (y * width + x) * 3;
    let pixel = &pixels[at..at + 3];
    assert!(
        pixel
            .iter()
            .zip([0x1D, 0x4F, 0x91])
            .all(|(a, b)| a.abs_diff(b) <= 3),
        "band colour {pixel:?}"
    );
}

/// The cover letter meets PDF/A-2a and PDF/UA-1 as the documents do: it has no QR code, so
/// no figure without its text.
#[test]
fn the_cover_letter_is_tagged_and_claims_pdf_a_and_ua_too() {
    let pdf = cover_letter("Łukasz Wróblewski");
    let doc = Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let mut tags = Vec::new();
    structure(&doc, catalog.get(b"StructTreeRoot").unwrap(), &mut tags);
    let kinds: Vec<&str> = tags.iter().map(|(k, _)| k.as_str()).collect();
    assert!(
        kinds.starts_with(&["Document", "P", "P", "H1"]),
        "{kinds:?}"
    );
    assert!(!kinds.contains(&"Figure"), "{kinds:?}");
    let xmp = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(xmp).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content);
    for claim in ["Begeleidende brief", "pdfaid:part", "pdfuaid:part"] {
        assert!(xmp.contains(claim), "{claim} in {xmp}");
    }
}

/// A requester who asks in French, German or English gets the document, its cover letter and
/// every e-mail in that language: the translated title and wording read back from the PDF, the
/// PDF's language tag, and the e-mails in the outbox.
#[tokio::test]
async fn the_document_its_letter_and_the_emails_come_in_the_language_asked() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let cases = [
        (
            "fr",
            "Certificat de résidence",
            "Lettre d'accompagnement",
            "Votre document est prêt",
        ),
        (
            "de",
            "Wohnsitzbescheinigung",
            "Begleitschreiben",
            "Ihr Dokument ist fertig",
        ),
        (
            "en",
            "Certificate of residence",
            "Cover letter",
            "Your document is ready",
        ),
    ];
    for (language, title, letter_title, ready) in cases {
        let reply = app
            .submit(
                Some(&jan),
                json!({
                    "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                    "purpose": "Location", "language": language, "delivery": "post",
                }),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        let reference = reply.body["reference"].as_str().unwrap().to_owned();
        let detail = app
            .get_as(&format!("/api/v1/requests/{reference}"), &staff)
            .await;
        let documents = detail.body["documents"].as_array().unwrap().clone();
        let pdf_of = |kind: &str| download_url(&documents, kind);
        let pdf = app.get_bytes(&pdf_of("document"), Some(&staff)).await.bytes;
        let document = text(&pdf);
        assert!(document.contains(title), "{language}: {document}");
        assert!(
            !document.contains("Bewijs van woonst"),
            "{language}: {document}"
        );
        let parsed = Document::load_mem(&pdf).unwrap();
        let lang = parsed.catalog().unwrap().get(b"Lang").unwrap();
        assert_eq!(lopdf::decode_text_string(lang).unwrap(), language);
        let letter = text(&app.get_bytes(&pdf_of("letter"), Some(&staff)).await.bytes);
        assert!(letter.contains(letter_title), "{language}: {letter}");
        assert!(
            letter.contains(title),
            "{language}: the document's title in {letter}"
        );
        // The e-mail of a request delivered digitally, in the same language.
        let digital = app
            .submit(
                Some(&jan),
                json!({
                    "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "belgium",
                    "purpose": "Location", "language": language, "delivery": "digital",
                }),
            )
            .await;
        assert_eq!(digital.status, 201, "{}", digital.body);
        let reference = digital.body["reference"].as_str().unwrap().to_owned();
        let outbox = app.outbox("jan.peeters@example.be").await;
        let mail = outbox
            .iter()
            .find(|m| {
                m["subject"]
                    .as_str()
                    .unwrap_or_default()
                    .contains(&reference)
            })
            .unwrap_or_else(|| panic!("an e-mail about {reference}: {outbox:?}"));
        let subject = mail["subject"].as_str().unwrap();
        assert!(subject.starts_with(ready), "{language}: {subject}");
        assert!(
            mail["body"].as_str().unwrap().contains(title),
            "{language}: {mail}"
        );
        // Its link opens the page in that language too.
        let lang = format!("?lang={language}");
        assert!(
            mail["body"].as_str().unwrap().contains(&lang),
            "{language}: {mail}"
        );
    }
}

/// A deed asked in the multilingual model gives its labels in the four languages, the
/// document's own first; the national model only in the document's language.
#[test]
fn a_multilingual_deed_labels_its_details_in_every_language() {
    let deed = loket::adapters::dabs::Deed {
        reference: "DABS-2020-000123".into(),
        deed_type: "birth".into(),
        national_numbers: vec![],
        registered_at: NaiveDate::from_ymd_opt(2020, 5, 4).unwrap(),
        place: "Gent".into(),
        details: [("child".to_owned(), "Łucja Wróblewska".to_owned())].into(),
    };
    let deed_text = |multilingual: bool, language: &str| {
        let header = Header {
            title: "Geboorteakte",
            document_code: "geboorteakte",
            reference: "PA-2026-000043",
            issued_on: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            purpose: "Huwelijk",
            verification_code: "ABCD-EFGH-JKMN-PQRS",
            verify_url: "https://loket.voorbeeldegem.be/verifieer/ABCD-EFGH-JKMN-PQRS",
            language,
            standard_form: None,
        };
        let source = Source::Deed {
            deed: &deed,
            full_copy: false,
            multilingual,
        };
        text(&pdf::render(&compose(
            &header,
            &source,
            &Branding::demo(MUNICIPALITY),
        )))
    };
    let multilingual = deed_text(true, "fr");
    assert!(
        multilingual.contains("Enfant / Kind / Child Łucja Wróblewska"),
        "{multilingual}"
    );
    let national = deed_text(false, "fr");
    assert!(national.contains("Enfant Łucja Wróblewska"), "{national}");
    assert!(!national.contains("Child"), "{national}");
}

/// A document for use in another member state, asked with the EU multilingual standard form,
/// carries the form on a page of its own: every heading in the document's language and in the
/// country's, the document's details, and what the form is (a translation aid, not a document).
#[tokio::test]
async fn a_document_used_in_another_member_state_carries_the_eu_form_in_both_languages() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let staff = app.sign_in_staff("an.desmet").await;
    let cases = [
        (
            "bewijs-van-woonst",
            "nl",
            "FR",
            &[
                "Meertalig modelformulier – Woonplaats en/of verblijfplaats / Formulaire type \
                 multilingue – Domicile et/ou résidence",
                "Dit formulier is geen zelfstandig document",
                "Ce formulaire n'est pas un document autonome",
                "Naam / Nom",
                "Adres / Adresse",
                "België / Belgique",
            ][..],
        ),
        (
            "strafregister-595",
            "en",
            "AT",
            &[
                "Multilingual standard form – Absence of a criminal record / Mehrsprachiges \
                 Formular – Nichtvorliegen von Vorstrafen",
                "Born / Geboren",
                "Address / Adresse",
                "Belgium / Belgien",
                "No convictions, decisions or measures recorded / Keine Verurteilungen",
            ][..],
        ),
    ];
    for (doc_type, language, country, expected) in cases {
        let reply = app
            .submit(
                Some(&jan),
                json!({
                    "documentType": doc_type, "forWhom": "myself", "forUse": "abroad",
                    "destinationCountry": country, "euStandardForm": true,
                    "purpose": "Studies", "language": language, "delivery": "digital",
                }),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        assert_eq!(reply.body["euStandardForm"], true);
        let reference = reply.body["reference"].as_str().unwrap().to_owned();
        let delivered = app
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/requests/{reference}/deliver"),
                Some(&staff),
                Some(json!({"method": "digital"})),
            )
            .await;
        assert_eq!(delivered.status, 200, "{}", delivered.body);
        let documents = delivered.body["documents"].as_array().unwrap().clone();
        let pdf = app
            .get_bytes(&download_url(&documents, "document"), Some(&staff))
            .await
            .bytes;
        let pages = Document::load_mem(&pdf).unwrap().get_pages().len();
        assert_eq!(pages, 2, "{doc_type}: the document, then the form");
        let document = text(&pdf);
        for line in expected {
            assert!(document.contains(line), "{doc_type}: {line} in {document}");
        }
        assert!(document.contains(&reference), "{document}");
    }
    // The same document without the form has one page.
    let plain = app
        .submit(
            Some(&jan),
            json!({
                "documentType": "bewijs-van-woonst", "forWhom": "myself", "forUse": "abroad",
                "destinationCountry": "FR", "purpose": "Studies", "language": "nl",
                "delivery": "digital",
            }),
        )
        .await;
    assert_eq!(plain.body["euStandardForm"], false);
}

/// The form is asked only where the regulation gives one and Loket writes the country's
/// language; each refusal says why and where it can be had.
#[tokio::test]
async fn the_eu_form_is_refused_where_the_regulation_or_the_languages_do_not_reach() {
    let app = TestApp::spawn().await;
    let jan = app.sign_in_citizen(people::JAN).await;
    let cases = [
        (
            "bewijs-van-woonst",
            "belgium",
            None,
            "must_be_empty",
            "Belgium",
        ),
        (
            "bewijs-van-woonst",
            "abroad",
            Some("DK"),
            "not_allowed",
            "Denmark",
        ),
        (
            "bewijs-van-woonst",
            "abroad",
            Some("CH"),
            "not_allowed",
            "member state",
        ),
        (
            "bewijs-van-woonst",
            "abroad",
            Some("PL"),
            "not_allowed",
            "AT, DE, FR, IE, LU, MT, NL",
        ),
        (
            "samenstelling-van-het-gezin",
            "abroad",
            Some("FR"),
            "not_allowed",
            "no multilingual",
        ),
    ];
    for (doc_type, for_use, country, code, says) in cases {
        let reply = app
            .submit(
                Some(&jan),
                json!({
                    "documentType": doc_type, "forWhom": "myself", "forUse": for_use,
                    "destinationCountry": country, "euStandardForm": true,
                    "purpose": "Studies", "language": "nl", "delivery": "digital",
                }),
            )
            .await;
        assert_eq!(reply.status, 422, "{doc_type} {country:?}: {}", reply.body);
        let params = reply.body["invalidParams"].as_array().unwrap();
        let param = params
            .iter()
            .find(|p| p["name"] == "euStandardForm")
            .unwrap_or_else(|| panic!("{doc_type} {country:?}: {}", reply.body));
        assert_eq!(param["code"], code, "{param}");
        assert!(
            param["reason"].as_str().unwrap().contains(says),
            "{doc_type} {country:?}: {param}"
        );
    }
    // What the SPA reads to offer it: the type has a form, the country its language.
    let catalogue = app.get("/api/v1/document-types").await.body;
    let has_form = |code: &str| {
        catalogue["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["code"] == code)
            .unwrap()["euStandardForm"]
            .clone()
    };
    assert_eq!(has_form("geboorteakte"), true);
    assert_eq!(has_form("samenstelling-van-het-gezin"), false);
    let countries = app.get("/api/v1/countries?lang=en").await.body;
    let language_of = |code: &str| {
        countries["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .unwrap()["euStandardFormLanguage"]
            .clone()
    };
    assert_eq!(language_of("AT"), "de");
    assert_eq!(language_of("PL"), Value::Null);
}
