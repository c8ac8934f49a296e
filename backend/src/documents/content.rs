use super::pdf::{Block, Layout};
use crate::adapters::dabs::Deed;
use crate::adapters::national_register::Person;
use chrono::NaiveDate;

/// What a document is made from.
pub enum Source<'a> {
    /// Register data of the person, and their household for a household composition.
    Register {
        person: &'a Person,
        household: &'a [Person],
        partner: Option<&'a Person>,
    },
    /// A deed from DABS, as extract or full copy, in the national or multilingual model.
    Deed {
        deed: &'a Deed,
        full_copy: bool,
        multilingual: bool,
    },
}

pub struct Header<'a> {
    pub municipality: &'a str,
    pub title: &'a str,
    pub document_code: &'a str,
    pub reference: &'a str,
    pub issued_on: NaiveDate,
    pub purpose: &'a str,
    pub verification_code: &'a str,
    pub verify_url: &'a str,
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn field(label: &str, value: impl Into<String>) -> Block {
    Block::Field(label.into(), value.into())
}

fn identity(p: &Person) -> Vec<Block> {
    vec![
        field("Naam", p.full_name()),
        field(
            "Rijksregisternummer",
            crate::domain::national_number::NationalNumber::parse(&p.national_number)
                .map(|n| n.formatted())
                .unwrap_or_else(|_| p.national_number.clone()),
        ),
        field(
            "Geboren",
            format!("{} te {}", date(p.birth_date), p.birth_place),
        ),
    ]
}

fn current_address(p: &Person) -> Block {
    match p.current_address() {
        Some(a) => field(
            "Adres",
            format!("{} (sinds {})", a.one_line(), date(a.since)),
        ),
        None => field("Adres", "geen hoofdverblijfplaats ingeschreven"),
    }
}

fn register_body(
    code: &str,
    person: &Person,
    household: &[Person],
    partner: Option<&Person>,
    on: NaiveDate,
) -> Vec<Block> {
    let mut blocks = identity(person);
    match code {
        "bewijs-van-woonst" => {
            blocks.push(current_address(person));
            blocks.extend(statement(format!(
                "De burgemeester verklaart dat de hierboven vermelde persoon volgens het rijksregister op {} ingeschreven is op het vermelde adres.",
                date(on)
            )));
        }
        "bewijs-van-woonst-historiek" => blocks.extend(address_history(person)),
        "samenstelling-van-het-gezin" => {
            blocks.push(current_address(person));
            blocks.push(Block::Heading("Samenstelling van het gezin".into()));
            blocks.extend(household.iter().map(household_member));
        }
        "nationaliteitsbewijs" => {
            blocks.push(field("Nationaliteit", &person.nationality));
            blocks.extend(statement(format!(
                "Volgens het rijksregister heeft de hierboven vermelde persoon op {} de nationaliteit: {}.",
                date(on),
                person.nationality
            )));
        }
        "attest-van-leven" => {
            blocks.push(current_address(person));
            blocks.extend(statement(format!(
                "De burgemeester verklaart dat de hierboven vermelde persoon op {} in leven is.",
                date(on)
            )));
        }
        "uittreksel-bevolkingsregister" => {
            blocks.push(field("Geslacht", &person.gender));
            blocks.push(field("Nationaliteit", &person.nationality));
            blocks.push(field("Burgerlijke staat", &person.civil_status));
            blocks.push(current_address(person));
        }
        "attest-wettelijke-samenwoning" => {
            blocks.push(current_address(person));
            blocks.extend(statement(cohabitation(person, partner)));
        }
        // Criminal-record extracts: the mock Central Criminal Register holds no convictions.
        code if code.starts_with("strafregister") => {
            blocks.push(current_address(person));
            blocks.push(Block::Heading("Inhoud".into()));
            blocks.push(Block::Paragraph(
                "Geen veroordelingen, beslissingen of maatregelen vermeld.".into(),
            ));
        }
        _ => blocks.push(current_address(person)),
    }
    blocks
}

/// A declaration below the register data, set apart from it by a blank line.
fn statement(text: String) -> [Block; 2] {
    [Block::Space, Block::Paragraph(text)]
}

/// Every main residence with its period, the current one "until now".
fn address_history(person: &Person) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("Adressen".into())];
    for a in &person.addresses {
        let until = a.until.map(date).unwrap_or_else(|| "heden".into());
        blocks.push(field(
            &format!("{} – {}", date(a.since), until),
            a.one_line(),
        ));
    }
    blocks.extend(statement(
        "Overzicht van de hoofdverblijfplaatsen volgens het rijksregister.".into(),
    ));
    blocks
}

/// One member of the household, labelled with their role in it.
fn household_member(member: &Person) -> Block {
    field(
        member.household_role.as_deref().unwrap_or("lid"),
        format!(
            "{}, geboren {}",
            member.full_name(),
            date(member.birth_date)
        ),
    )
}

/// The registered legal cohabitation with the partner, or that there is none.
fn cohabitation(person: &Person, partner: Option<&Person>) -> String {
    match (&person.legal_cohabitation, partner) {
        (Some(c), Some(partner)) => format!(
            "Volgens het rijksregister heeft de hierboven vermelde persoon op {} te {} een verklaring van wettelijke samenwoning afgelegd met {}, geboren {}.",
            date(c.since),
            c.municipality,
            partner.full_name(),
            date(partner.birth_date)
        ),
        _ => "Volgens het rijksregister is voor de hierboven vermelde persoon geen verklaring van wettelijke samenwoning geregistreerd.".into(),
    }
}

const DEED_LABELS: [(&str, &str); 14] = [
    ("child", "Kind"),
    ("birthDate", "Geboortedatum"),
    ("birthPlace", "Geboorteplaats"),
    ("father", "Vader"),
    ("mother", "Moeder"),
    ("spouse1", "Echtgeno(o)t(e) 1"),
    ("spouse2", "Echtgeno(o)t(e) 2"),
    ("marriageDate", "Datum huwelijk"),
    ("marriagePlace", "Plaats huwelijk"),
    ("deceased", "Overledene"),
    ("deathDate", "Datum overlijden"),
    ("deathPlace", "Plaats overlijden"),
    ("divorceDate", "Datum echtscheiding"),
    ("remarks", "Vermeldingen"),
];

fn deed_body(deed: &Deed, full_copy: bool, multilingual: bool) -> Vec<Block> {
    let mut blocks = vec![
        field("Akte", &deed.reference),
        field(
            "Opgemaakt",
            format!("{} te {}", date(deed.registered_at), deed.place),
        ),
        field(
            "Vorm",
            if full_copy {
                "Volledig afschrift"
            } else {
                "Uittreksel"
            },
        ),
        field(
            "Model",
            if multilingual {
                "Meertalig model (Overeenkomst van Wenen, 8 september 1976)"
            } else {
                "Nationaal model"
            },
        ),
        Block::Heading("Gegevens van de akte".into()),
    ];
    for (key, value) in &deed.details {
        let label = DEED_LABELS
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| *l)
            .unwrap_or(key.as_str());
        blocks.push(field(label, value));
    }
    if full_copy {
        blocks.push(Block::Space);
        blocks.push(Block::Paragraph(
            "Voor eensluidend afschrift van de akte zoals opgenomen in de databank akten burgerlijke stand (DABS).".into(),
        ));
    }
    blocks
}

/// The document as it is issued.
pub fn compose(header: &Header, source: &Source) -> Layout {
    let mut blocks = vec![
        field("Referentie", header.reference),
        field("Datum van afgifte", date(header.issued_on)),
        field("Doel", header.purpose),
        Block::Space,
    ];
    blocks.extend(match source {
        Source::Register {
            person,
            household,
            partner,
        } => register_body(
            header.document_code,
            person,
            household,
            *partner,
            header.issued_on,
        ),
        Source::Deed {
            deed,
            full_copy,
            multilingual,
        } => deed_body(deed, *full_copy, *multilingual),
    });
    blocks.push(Block::Space);
    blocks.push(Block::Paragraph(format!(
        "Afgeleverd door {} op {}, langs elektronische weg. Dit document draagt het elektronisch \
         zegel van {} en is geldig zonder handgeschreven handtekening. Controleer de echtheid met \
         de verificatiecode of de QR-code hieronder.",
        header.municipality,
        date(header.issued_on),
        header.municipality,
    )));
    Layout {
        issuer: header.municipality.to_owned(),
        title: header.title.to_owned(),
        blocks,
        footer: vec![
            format!("Verificatiecode: {}", header.verification_code),
            format!("Controleer de echtheid op {}", header.verify_url),
            format!("Referentie {}", header.reference),
        ],
        language: "nl".into(),
        issued_on: header.issued_on,
        verify_url: Some(header.verify_url.to_owned()),
    }
}

/// The cover letter for a document sent by post, with the recipient's address in the window.
pub fn letter(
    municipality: &str,
    reference: &str,
    title: &str,
    recipient: &str,
    address_lines: &[String],
    asked_by: Option<&str>,
    on: NaiveDate,
) -> Layout {
    let mut blocks: Vec<Block> = std::iter::once(Block::Paragraph(recipient.to_owned()))
        .chain(address_lines.iter().map(|l| Block::Paragraph(l.clone())))
        .collect();
    blocks.push(Block::Space);
    blocks.push(field("Datum", date(on)));
    blocks.push(field("Referentie", reference));
    blocks.push(Block::Space);
    blocks.push(Block::Paragraph(format!("Beste {recipient},")));
    // Worded for the addressee: the requester asked; the person concerned was asked for.
    blocks.push(Block::Paragraph(match asked_by {
        None => format!(
            "In bijlage vind je het document '{title}' dat je bij ons hebt aangevraagd onder referentie {reference}."
        ),
        Some(requester) => format!(
            "In bijlage vind je het document '{title}' dat {requester} voor jou bij ons heeft aangevraagd onder referentie {reference}."
        ),
    }));
    blocks.push(Block::Paragraph("Met vriendelijke groeten,".into()));
    blocks.push(Block::Paragraph(format!(
        "Dienst Burgerzaken, {municipality}"
    )));
    Layout {
        issuer: municipality.to_owned(),
        title: "Begeleidende brief".into(),
        blocks,
        footer: vec![format!("Referentie {reference}")],
        language: "nl".into(),
        issued_on: on,
        verify_url: None,
    }
}
