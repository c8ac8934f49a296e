//! What the documents and letters say, as data: one TOML file per document type and language
//! (`backend/templates/<language>/<type code>.toml`), plus each language's `common.toml`
//! (labels, recurring wording, the footer) and `letter.toml` (the cover letter).
//!
//! The shipped files are built into the binary. `DOCUMENT_TEMPLATES_DIR` points to a directory
//! of the same shape whose files replace (or add to) them, so a municipality rewords a document
//! without touching Rust code. Every file is read and checked at start — unknown keys, unknown
//! fields, placeholders that do not exist — and a mistake stops the service there, naming the
//! file, rather than printing a broken document later.
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One language's shipped files: (language, file stem, text), the stems named once here.
macro_rules! language_files {
    ($lang:literal) => {
        files!($lang;
            "common", "letter", "emails",
            "strafregister-595", "strafregister-596-1", "strafregister-596-2",
            "bewijs-van-woonst", "bewijs-van-woonst-historiek", "samenstelling-van-het-gezin",
            "nationaliteitsbewijs", "attest-van-leven", "uittreksel-bevolkingsregister",
            "attest-wettelijke-samenwoning",
            "geboorteakte", "huwelijksakte", "overlijdensakte", "echtscheidingsakte")
    };
}

macro_rules! files {
    ($lang:literal; $($stem:literal),*) => {
        [$(($lang, $stem, include_str!(concat!("../../templates/", $lang, "/", $stem, ".toml")))),*]
    };
}

/// The shipped templates, built into the binary: every file of every language.
static SHIPPED: [[(&str, &str, &str); 17]; 4] = [
    language_files!("nl"),
    language_files!("fr"),
    language_files!("de"),
    language_files!("en"),
];

/// The language every other one falls back to.
pub const BASE_LANGUAGE: &str = "nl";

/// What a document is made from, which decides the fields, lists, conditions and placeholders
/// its template may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The national register (and for a criminal-record extract, the criminal register).
    Register,
    /// A civil-status deed from DABS.
    Deed,
}

/// Every document type of the catalogue, with its kind. A template file with another name is
/// refused: a misspelt name would otherwise be a document type nobody asks for, and the
/// municipality's change silently ignored.
pub const DOCUMENT_TYPES: &[(&str, Kind)] = &[
    ("strafregister-595", Kind::Register),
    ("strafregister-596-1", Kind::Register),
    ("strafregister-596-2", Kind::Register),
    ("bewijs-van-woonst", Kind::Register),
    ("bewijs-van-woonst-historiek", Kind::Register),
    ("samenstelling-van-het-gezin", Kind::Register),
    ("nationaliteitsbewijs", Kind::Register),
    ("attest-van-leven", Kind::Register),
    ("uittreksel-bevolkingsregister", Kind::Register),
    ("attest-wettelijke-samenwoning", Kind::Register),
    ("geboorteakte", Kind::Deed),
    ("huwelijksakte", Kind::Deed),
    ("overlijdensakte", Kind::Deed),
    ("echtscheidingsakte", Kind::Deed),
];

impl FieldKey {
    fn kind(self) -> Kind {
        match self {
            Self::DeedReference | Self::DeedDrawnUp | Self::DeedForm | Self::DeedModel => {
                Kind::Deed
            }
            _ => Kind::Register,
        }
    }
}

impl ListKey {
    fn kind(self) -> Kind {
        match self {
            Self::DeedDetails => Kind::Deed,
            Self::Household | Self::AddressHistory => Kind::Register,
        }
    }
}

impl Condition {
    fn kind(self) -> Kind {
        match self {
            Self::FullCopy | Self::Extract => Kind::Deed,
            Self::HasPartner | Self::NoPartner => Kind::Register,
        }
    }
}

/// A field a document can print: its label comes from `common.toml`, its value from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Name,
    NationalNumber,
    Born,
    Address,
    Gender,
    Nationality,
    CivilStatus,
    DeedReference,
    DeedDrawnUp,
    DeedForm,
    DeedModel,
}

/// A list of fields made from the data: the household, the address history, a deed's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKey {
    Household,
    AddressHistory,
    DeedDetails,
}

/// When a section is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// A legal cohabitation with a known partner is registered.
    HasPartner,
    NoPartner,
    /// The deed is asked as a full copy / as an extract.
    FullCopy,
    Extract,
}

/// One part of a document's body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Section {
    Field(FieldKey),
    Heading(String),
    Paragraph(String),
    List(ListKey),
    /// A blank line.
    Space,
}

/// A section as written: exactly one of its keys, and an optional `when`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    field: Option<FieldKey>,
    heading: Option<String>,
    paragraph: Option<String>,
    list: Option<ListKey>,
    space: Option<bool>,
    when: Option<Condition>,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub section: Section,
    pub when: Option<Condition>,
}

/// One document type in one language.
#[derive(Debug, Clone)]
pub struct DocumentTemplate {
    pub title: String,
    pub body: Vec<Part>,
    /// The legal basis, printed below the body.
    pub legal: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    title: String,
    legal: String,
    body: Vec<RawSection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub name: String,
    pub national_number: String,
    pub born: String,
    pub address: String,
    pub gender: String,
    pub nationality: String,
    pub civil_status: String,
    pub deed_reference: String,
    pub deed_drawn_up: String,
    pub deed_form: String,
    pub deed_model: String,
    pub reference: String,
    pub issued_on: String,
    pub purpose: String,
}

/// Wording that recurs in many documents, with its own placeholders.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// `{date}`, `{place}`.
    pub born: String,
    /// `{address}`, `{since}`.
    pub address_since: String,
    pub no_address: String,
    /// The end of the current address's period.
    pub until_now: String,
    /// `{from}`, `{until}`: the label of one address in the history.
    pub period: String,
    /// `{name}`, `{birth_date}`.
    pub household_member: String,
    /// A household member's label when the register gives no role.
    pub household_member_role: String,
    pub full_copy: String,
    pub extract: String,
    pub multilingual: String,
    pub national: String,
    /// `{page}`, `{pages}`.
    pub page: String,
    /// The QR code's text for screen readers: `{url}`.
    pub qr_alt: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// The closing statement below every document (document placeholders).
    pub closing: String,
    /// Who signs for the municipality: printed when a signatory is configured.
    pub signatory: String,
    /// The lines at the foot of every page.
    pub lines: Vec<String>,
}

/// A language's shared wording.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// A chrono format for dates, e.g. `%d.%m.%Y`.
    pub date_format: String,
    pub labels: Labels,
    pub words: Words,
    /// Labels of a deed's details, by the key DABS gives (child, father, marriageDate …).
    pub deed_labels: BTreeMap<String, String>,
    pub footer: Footer,
    /// The register's own words (gender, nationality, civil status, a household member's role:
    /// the mock register gives them in Dutch) in this language; a word not here prints as the
    /// register gives it.
    #[serde(default)]
    pub register_words: BTreeMap<String, String>,
    /// The multilingual standard form of Regulation (EU) 2016/1191 in this language.
    pub eu_form: EuForm,
}

/// The wording of the EU multilingual standard form (Regulation (EU) 2016/1191), attached to a
/// document for use in another member state. Its headings are printed in the document's
/// language and in the member state's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EuForm {
    /// The form's title: `{form}` is what it is about (one of the words below).
    pub title: String,
    /// What the form is and is not: `{title}` (the document's) and `{reference}`.
    pub note: String,
    pub issuing_state: String,
    /// Belgium's name.
    pub belgium: String,
    pub authority: String,
    /// The label of the content of a criminal-record extract, and that content.
    pub content: String,
    pub no_conviction: String,
    pub birth: String,
    pub being_alive: String,
    pub death: String,
    pub marriage: String,
    pub registered_partnership: String,
    pub residence: String,
    pub no_criminal_record: String,
}

/// The cover letter of a document sent by post.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterTemplate {
    pub title: String,
    pub date_label: String,
    pub reference_label: String,
    /// `{recipient}`.
    pub greeting: String,
    /// The document asked by the addressee: `{title}`, `{reference}`.
    pub asked_yourself: String,
    /// The document someone else asked for the addressee: also `{requester}`.
    pub asked_by_other: String,
    /// Lines after the message (letter placeholders).
    pub closing: Vec<String>,
    /// The footer line: `{reference}`.
    pub footer: String,
}

/// The e-mails to a requester, in one language. Every text may use the e-mail placeholders
/// ([`EMAIL_PLACEHOLDERS`]); each e-mail is the greeting, its body, then the signature.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailTexts {
    /// `{name}`.
    pub greeting: String,
    /// `{municipality}`.
    pub signature: String,
    /// Below e-mails nobody reads the answers to.
    pub automatic_note: String,
    pub document_ready_subject: String,
    pub document_ready_body: String,
    /// How to get a document that is not e-mailed (a criminal-record extract): sign in.
    pub document_ready_sign_in: String,
    pub document_ready_download: String,
    /// `{expires_on}`.
    pub document_ready_until: String,
    pub document_ready_ebox: String,
    pub confirm_subject: String,
    /// `{link}`.
    pub confirm_body: String,
    pub acknowledgement_subject: String,
    /// `{track_url}`.
    pub acknowledgement_body: String,
    /// The acknowledgement when the decision waits for `{system}`.
    pub waiting_body: String,
    pub system_national_register: String,
    pub system_dabs: String,
    pub ready_for_pickup_subject: String,
    pub ready_for_pickup_body: String,
    pub refused_subject: String,
    /// `{reason}`.
    pub refused_body: String,
    pub cancelled_subject: String,
    /// `{explanation}`.
    pub cancelled_body: String,
    pub sent_by_post_subject: String,
    pub sent_by_post_body: String,
}

/// Placeholders an e-mail's texts may use.
pub const EMAIL_PLACEHOLDERS: &[&str] = &[
    "municipality",
    "name",
    "title",
    "reference",
    "link",
    "expires_on",
    "track_url",
    "system",
    "reason",
    "explanation",
];

/// Placeholders every document's texts may use (and the footer, shared by all).
pub const DOCUMENT_PLACEHOLDERS: &[&str] = &[
    "municipality",
    "municipality_address",
    "issued_on",
    "reference",
    "purpose",
    "title",
    "verification_code",
    "verify_url",
    "signatory_name",
    "signatory_role",
];

/// What a register document's texts may use besides.
const REGISTER_PLACEHOLDERS: &[&str] = &["name", "nationality"];

/// What only a part printed `when = "has_partner"` may use: they are empty otherwise.
const PARTNER_PLACEHOLDERS: &[&str] = &[
    "partner_name",
    "partner_birth_date",
    "cohabitation_since",
    "cohabitation_place",
];

/// Placeholders a letter's texts may use.
pub const LETTER_PLACEHOLDERS: &[&str] = &[
    "municipality",
    "municipality_address",
    "title",
    "reference",
    "recipient",
    "signatory_name",
    "signatory_role",
];

/// Every template of every language, checked.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    common: HashMap<String, Common>,
    letters: HashMap<String, LetterTemplate>,
    emails: HashMap<String, EmailTexts>,
    /// By (language, document type code).
    documents: HashMap<(String, String), DocumentTemplate>,
}

impl Templates {
    /// The shipped templates, with `dir`'s files (when given) in their place.
    pub fn load(dir: Option<&Path>) -> Result<Self, String> {
        let mut files: BTreeMap<(String, String), (String, String)> = SHIPPED
            .iter()
            .flatten()
            .map(|(lang, stem, text)| {
                (
                    (lang.to_string(), stem.to_string()),
                    (format!("(built in) {lang}/{stem}.toml"), text.to_string()),
                )
            })
            .collect();
        if let Some(dir) = dir {
            for (lang, stem, path) in files_in(dir)? {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                files.insert((lang, stem), (path.display().to_string(), text));
            }
        }
        let mut templates = Self::default();
        for ((lang, stem), (name, text)) in files {
            templates
                .add(&lang, &stem, &text)
                .map_err(|e| format!("document template {name}: {e}"))?;
        }
        // A language is whole or absent: a document half in one language and half in another
        // (and tagged as one of them) helps no one.
        for lang in templates.languages() {
            let missing: Vec<String> = ["common", "letter", "emails"]
                .into_iter()
                .filter(|stem| match *stem {
                    "common" => !templates.common.contains_key(&lang),
                    "letter" => !templates.letters.contains_key(&lang),
                    _ => !templates.emails.contains_key(&lang),
                })
                .map(str::to_owned)
                .chain(
                    DOCUMENT_TYPES
                        .iter()
                        .filter(|(code, _)| {
                            !templates
                                .documents
                                .contains_key(&(lang.clone(), (*code).to_owned()))
                        })
                        .map(|(code, _)| (*code).to_owned()),
                )
                .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "document templates: language '{lang}' lacks {}",
                    missing
                        .iter()
                        .map(|m| format!("{lang}/{m}.toml"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        Ok(templates)
    }

    /// The shipped templates alone (they are checked by a unit test, so this cannot fail).
    pub fn shipped() -> std::sync::Arc<Self> {
        // Read once per process: every default branding (and every test app) shares them.
        static READ: std::sync::LazyLock<std::sync::Arc<Templates>> =
            std::sync::LazyLock::new(|| {
                std::sync::Arc::new(Templates::load(None).unwrap_or_default())
            });
        std::sync::Arc::clone(&READ)
    }

    fn languages(&self) -> Vec<String> {
        let mut languages: Vec<String> = self
            .documents
            .keys()
            .map(|(lang, _)| lang.clone())
            .chain(self.common.keys().cloned())
            .chain(self.letters.keys().cloned())
            .collect();
        languages.sort();
        languages.dedup();
        languages
    }

    fn add(&mut self, lang: &str, stem: &str, text: &str) -> Result<(), String> {
        match stem {
            "common" => {
                let common: Common = toml::from_str(text).map_err(|e| e.to_string())?;
                check_common(&common)?;
                self.common.insert(lang.into(), common);
            }
            "emails" => {
                let emails: EmailTexts = toml::from_str(text).map_err(|e| e.to_string())?;
                check_emails(&emails)?;
                self.emails.insert(lang.into(), emails);
            }
            "letter" => {
                let letter: LetterTemplate = toml::from_str(text).map_err(|e| e.to_string())?;
                check_letter(&letter)?;
                self.letters.insert(lang.into(), letter);
            }
            code => {
                let Some((_, kind)) = DOCUMENT_TYPES.iter().find(|(c, _)| *c == code) else {
                    return Err(format!(
                        "no document type '{code}': a file is common.toml, letter.toml, emails.toml or one of {}",
                        DOCUMENT_TYPES
                            .iter()
                            .map(|(c, _)| format!("{c}.toml"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                };
                let raw: RawDocument = toml::from_str(text).map_err(|e| e.to_string())?;
                let document = check_document(raw, *kind)?;
                self.documents.insert((lang.into(), code.into()), document);
            }
        }
        Ok(())
    }

    /// Whether documents can be written in this language (it has its own common wording).
    pub fn has_language(&self, lang: &str) -> bool {
        self.common.contains_key(lang)
    }

    /// A language's shared wording, or the base language's.
    pub fn common(&self, lang: &str) -> Option<&Common> {
        self.common
            .get(lang)
            .or_else(|| self.common.get(BASE_LANGUAGE))
    }

    /// A language's e-mails, or the base language's.
    pub fn emails(&self, lang: &str) -> Option<&EmailTexts> {
        self.emails
            .get(lang)
            .or_else(|| self.emails.get(BASE_LANGUAGE))
    }

    pub fn letter(&self, lang: &str) -> Option<&LetterTemplate> {
        self.letters
            .get(lang)
            .or_else(|| self.letters.get(BASE_LANGUAGE))
    }

    /// A document type's template in a language, or in the base language.
    pub fn document(&self, lang: &str, code: &str) -> Option<&DocumentTemplate> {
        self.documents
            .get(&(lang.to_owned(), code.to_owned()))
            .or_else(|| {
                self.documents
                    .get(&(BASE_LANGUAGE.to_owned(), code.to_owned()))
            })
    }

    /// The document type codes with a template in the base language.
    pub fn codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .documents
            .keys()
            .filter(|(lang, _)| lang == BASE_LANGUAGE)
            .map(|(_, code)| code.as_str())
            .collect();
        codes.sort();
        codes
    }
}

/// `<dir>/<language>/<stem>.toml`, where a language is two or three lowercase letters.
fn files_in(dir: &Path) -> Result<Vec<(String, String, std::path::PathBuf)>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("DOCUMENT_TEMPLATES_DIR {}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let lang = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() {
            continue;
        }
        if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(format!(
                "DOCUMENT_TEMPLATES_DIR {}: '{lang}' is not a language code (nl, fr, de, en …)",
                dir.display()
            ));
        }
        let files = std::fs::read_dir(entry.path())
            .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "toml") {
                if let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) {
                    found.push((lang.clone(), stem, path));
                }
            }
        }
    }
    Ok(found)
}

/// The `{name}`s in a text.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                found.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

/// Refuses a text with a placeholder not in `allowed` (or an unclosed brace).
fn check_text(what: &str, text: &str, allowed: &[&str]) -> Result<(), String> {
    if text.matches('{').count() != text.matches('}').count() {
        return Err(format!("{what}: unbalanced braces in \"{text}\""));
    }
    match placeholders(text)
        .into_iter()
        .find(|p| !allowed.contains(p))
    {
        Some(unknown) => Err(format!(
            "{what}: unknown placeholder {{{unknown}}}; known here: {}",
            allowed
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => Ok(()),
    }
}

fn check_common(common: &Common) -> Result<(), String> {
    // A date format chrono cannot use (or one with a time of day) would panic when a
    // document is made: try it here.
    let mut probe = String::new();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap_or_default();
    let broken = chrono::format::StrftimeItems::new(&common.date_format)
        .any(|item| matches!(item, chrono::format::Item::Error))
        || std::fmt::Write::write_fmt(
            &mut probe,
            format_args!("{}", day.format(&common.date_format)),
        )
        .is_err();
    if broken {
        return Err(format!(
            "date_format: '{}' is not a date format",
            common.date_format
        ));
    }
    let w = &common.words;
    for (what, text, allowed) in [
        ("words.born", &w.born, &["date", "place"][..]),
        (
            "words.address_since",
            &w.address_since,
            &["address", "since"],
        ),
        ("words.period", &w.period, &["from", "until"]),
        (
            "words.household_member",
            &w.household_member,
            &["name", "birth_date"],
        ),
        ("words.page", &w.page, &["page", "pages"]),
        ("words.qr_alt", &w.qr_alt, &["url"]),
        ("words.no_address", &w.no_address, &[]),
        ("words.until_now", &w.until_now, &[]),
        ("words.household_member_role", &w.household_member_role, &[]),
        ("words.full_copy", &w.full_copy, &[]),
        ("words.extract", &w.extract, &[]),
        ("words.multilingual", &w.multilingual, &[]),
        ("words.national", &w.national, &[]),
        (
            "footer.closing",
            &common.footer.closing,
            DOCUMENT_PLACEHOLDERS,
        ),
        (
            "footer.signatory",
            &common.footer.signatory,
            DOCUMENT_PLACEHOLDERS,
        ),
    ] {
        check_text(what, text, allowed)?;
    }
    for line in &common.footer.lines {
        check_text("footer.lines", line, DOCUMENT_PLACEHOLDERS)?;
    }
    let f = &common.eu_form;
    check_text("eu_form.title", &f.title, &["form"])?;
    check_text("eu_form.note", &f.note, &["title", "reference"])?;
    for (what, text) in [
        ("issuing_state", &f.issuing_state),
        ("belgium", &f.belgium),
        ("authority", &f.authority),
        ("content", &f.content),
        ("no_conviction", &f.no_conviction),
        ("birth", &f.birth),
        ("being_alive", &f.being_alive),
        ("death", &f.death),
        ("marriage", &f.marriage),
        ("registered_partnership", &f.registered_partnership),
        ("residence", &f.residence),
        ("no_criminal_record", &f.no_criminal_record),
    ] {
        check_text(&format!("eu_form.{what}"), text, &[])?;
    }
    Ok(())
}

fn check_emails(emails: &EmailTexts) -> Result<(), String> {
    // Every field is a text with the same placeholders: check them through their TOML form.
    let table = toml::Value::try_from(emails).map_err(|e| e.to_string())?;
    if let Some(table) = table.as_table() {
        for (key, value) in table {
            check_text(key, value.as_str().unwrap_or_default(), EMAIL_PLACEHOLDERS)?;
        }
    }
    Ok(())
}

fn check_letter(letter: &LetterTemplate) -> Result<(), String> {
    for (what, text) in [
        ("title", &letter.title),
        ("greeting", &letter.greeting),
        ("asked_yourself", &letter.asked_yourself),
        ("footer", &letter.footer),
    ] {
        check_text(what, text, LETTER_PLACEHOLDERS)?;
    }
    // Only this text is for a letter someone else asked for: {requester} is known there.
    let with_requester = [LETTER_PLACEHOLDERS, &["requester"]].concat();
    check_text("asked_by_other", &letter.asked_by_other, &with_requester)?;
    for line in &letter.closing {
        check_text("closing", line, LETTER_PLACEHOLDERS)?;
    }
    Ok(())
}

fn check_document(raw: RawDocument, kind: Kind) -> Result<DocumentTemplate, String> {
    let mut allowed = DOCUMENT_PLACEHOLDERS.to_vec();
    if kind == Kind::Register {
        allowed.extend(REGISTER_PLACEHOLDERS);
    }
    let with_partner = [&allowed[..], PARTNER_PLACEHOLDERS].concat();
    check_text("title", &raw.title, &[])?;
    check_text("legal", &raw.legal, &allowed)?;
    let wrong_kind = |what: &str, name: &str| {
        let made_from = match kind {
            Kind::Register => "the register",
            Kind::Deed => "a deed",
        };
        Err(format!(
            "{what}: {name} is not in a document made from {made_from}"
        ))
    };
    let mut body = Vec::with_capacity(raw.body.len());
    for (n, s) in raw.body.into_iter().enumerate() {
        let what = format!("body[{}]", n + 1);
        if let Some(when) = s.when.filter(|w| w.kind() != kind) {
            return wrong_kind(&what, &format!("when = {when:?}"));
        }
        let texts = if s.when == Some(Condition::HasPartner) {
            &with_partner
        } else {
            &allowed
        };
        let mut given = Vec::new();
        if let Some(f) = s.field {
            if f.kind() != kind {
                return wrong_kind(&what, &format!("field {f:?}"));
            }
            given.push(Section::Field(f));
        }
        if let Some(h) = s.heading {
            check_text(&what, &h, texts)?;
            given.push(Section::Heading(h));
        }
        if let Some(p) = s.paragraph {
            check_text(&what, &p, texts)?;
            given.push(Section::Paragraph(p));
        }
        if let Some(l) = s.list {
            if l.kind() != kind {
                return wrong_kind(&what, &format!("list {l:?}"));
            }
            given.push(Section::List(l));
        }
        if s.space == Some(true) {
            given.push(Section::Space);
        }
        if given.len() != 1 {
            return Err(format!(
                "{what}: give exactly one of field, heading, paragraph, list or space = true"
            ));
        }
        body.extend(given.into_iter().map(|section| Part {
            section,
            when: s.when,
        }));
    }
    Ok(DocumentTemplate {
        title: raw.title,
        body,
        legal: raw.legal,
    })
}

/// Fills a checked text's placeholders; one without a value is left empty.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        if let Some((_, value)) = values.iter().find(|(k, _)| *k == key) {
            out.push_str(value);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_load_and_cover_every_document_type() {
        let templates = Templates::load(None);
        assert!(templates.is_ok(), "{:?}", templates.err());
        let templates = templates.unwrap_or_default();
        assert_eq!(templates.codes().len(), 14);
        assert!(templates.common("fr").is_some(), "falls back to Dutch");
    }

    #[test]
    fn a_file_in_the_directory_replaces_the_shipped_one() {
        let dir = std::env::temp_dir().join(format!("loket-templates-{}", rand::random::<u64>()));
        let nl = dir.join("nl");
        std::fs::create_dir_all(&nl).unwrap_or_default();
        let text = r#"
            title = "Bewijs van woonst"
            legal = "Eigen wettelijke grondslag van {municipality}."
            body = [ { field = "name" }, { space = true }, { paragraph = "Op {issued_on}." } ]
        "#;
        std::fs::write(nl.join("bewijs-van-woonst.toml"), text).unwrap_or_default();
        let templates = Templates::load(Some(&dir)).unwrap_or_default();
        let doc = templates.document("nl", "bewijs-van-woonst");
        assert_eq!(doc.map(|d| d.body.len()), Some(3));
        assert_eq!(
            doc.map(|d| d.legal.as_str()),
            Some("Eigen wettelijke grondslag van {municipality}.")
        );
        // The others are still the shipped ones.
        assert_eq!(templates.codes().len(), 14);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn mistakes_are_refused_with_the_file_and_the_reason() {
        let dir = std::env::temp_dir().join(format!("loket-templates-{}", rand::random::<u64>()));
        let nl = dir.join("nl");
        std::fs::create_dir_all(&nl).unwrap_or_default();
        let cases = [
            (
                "body = []\ntitle = \"T\"\nlegal = \"Op {vandaag}.\"",
                "unknown placeholder {vandaag}",
            ),
            (
                "title = \"T\"\nlegal = \"\"\nbody = [ { field = \"naam\" } ]",
                "unknown variant `naam`",
            ),
            (
                "title = \"T\"\nlegal = \"\"\nbody = [ { field = \"name\", heading = \"H\" } ]",
                "exactly one of",
            ),
            (
                "title = \"T\"\nlegal = \"\"\nbody = []\nfooter = \"x\"",
                "unknown field `footer`",
            ),
            (
                "title = \"T\"\nlegal = \"\"\nbody = [ { list = \"deed_details\" } ]",
                "DeedDetails is not in a document made from the register",
            ),
            (
                "title = \"T\"\nlegal = \"\"\nbody = [ { paragraph = \"Met {partner_name}.\" } ]",
                "unknown placeholder {partner_name}",
            ),
        ];
        for (text, reason) in cases {
            std::fs::write(nl.join("attest-van-leven.toml"), text).unwrap_or_default();
            let error = Templates::load(Some(&dir)).err().unwrap_or_default();
            assert!(error.contains("attest-van-leven.toml"), "{error}");
            assert!(error.contains(reason), "{error}");
        }
        // Only the partner's part may name the partner.
        let partner = "title = \"T\"\nlegal = \"\"\nbody = [ { paragraph = \"Met {partner_name}.\", when = \"has_partner\" } ]";
        std::fs::write(nl.join("attest-van-leven.toml"), partner).unwrap_or_default();
        assert!(Templates::load(Some(&dir)).is_ok());
        // A misspelt file name is not a new document type.
        std::fs::write(nl.join("bewijs_van_woonst.toml"), partner).unwrap_or_default();
        let error = Templates::load(Some(&dir)).err().unwrap_or_default();
        assert!(
            error.contains("no document type 'bewijs_van_woonst'"),
            "{error}"
        );
        std::fs::remove_file(nl.join("bewijs_van_woonst.toml")).unwrap_or_default();
        // A language is whole or absent.
        std::fs::create_dir_all(dir.join("it")).unwrap_or_default();
        std::fs::write(dir.join("it/letter.toml"), "").unwrap_or_default();
        let error = Templates::load(Some(&dir)).err().unwrap_or_default();
        assert!(
            error.contains("it/letter.toml") || error.contains("it/common.toml"),
            "{error}"
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn placeholders_are_filled_and_unknown_values_left_empty() {
        assert_eq!(
            fill("Op {issued_on} te {place}.", &[("issued_on", "1.2.2026")]),
            "Op 1.2.2026 te ."
        );
        assert_eq!(placeholders("{a} en {b}"), ["a", "b"]);
    }
}
