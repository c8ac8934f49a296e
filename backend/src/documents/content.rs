//! A document's or letter's content: its template (see `templates`) filled with the register's
//! or DABS's data and the municipality's branding, as a [`Layout`] to render.
use super::branding::Branding;
use super::pdf::{Block, Layout, Look};
use super::templates::{
    fill, Common, Condition, DocumentTemplate, FieldKey, ListKey, Section, BASE_LANGUAGE,
};
use crate::adapters::dabs::Deed;
use crate::adapters::national_register::Person;
use crate::domain::eu_forms::FormKind;
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
    /// The title when no template gives one (the catalogue's name).
    pub title: &'a str,
    pub document_code: &'a str,
    pub reference: &'a str,
    pub issued_on: NaiveDate,
    pub purpose: &'a str,
    pub verification_code: &'a str,
    pub verify_url: &'a str,
    /// The document's language (BCP 47): its template, and the PDF's language.
    pub language: &'a str,
    /// The EU multilingual standard form to attach, for a document used in another member
    /// state: which form, and the language of that state.
    pub standard_form: Option<(FormKind, &'a str)>,
}

/// Dates as the language writes them.
struct Dates<'c>(&'c str);

impl Dates<'_> {
    fn of(&self, d: NaiveDate) -> String {
        d.format(self.0).to_string()
    }
}

/// The page furniture every layout shares, in the template's language.
fn look(branding: &Branding, common: &Common) -> Look {
    Look {
        band: branding.colour,
        logo: branding.logo.clone(),
        address: branding.address.clone(),
        page_label: common.words.page.clone(),
        qr_alt: common.words.qr_alt.clone(),
    }
}

/// Everything the data gives a document: fields, lists and the placeholders' values.
struct Filler<'a> {
    common: &'a Common,
    /// A multilingual deed's other languages: its labels are given in each, after the
    /// document's own ("Kind / Enfant / Kind / Child"). Empty for every other document.
    others: Vec<&'a Common>,
    dates: Dates<'a>,
    source: &'a Source<'a>,
    values: Vec<(&'static str, String)>,
}

/// A field's label in one language.
fn label_of(c: &Common, key: FieldKey) -> &String {
    let l = &c.labels;
    match key {
        FieldKey::Name => &l.name,
        FieldKey::NationalNumber => &l.national_number,
        FieldKey::Born => &l.born,
        FieldKey::Address => &l.address,
        FieldKey::Gender => &l.gender,
        FieldKey::Nationality => &l.nationality,
        FieldKey::CivilStatus => &l.civil_status,
        FieldKey::DeedReference => &l.deed_reference,
        FieldKey::DeedDrawnUp => &l.deed_drawn_up,
        FieldKey::DeedForm => &l.deed_form,
        FieldKey::DeedModel => &l.deed_model,
    }
}

impl Filler<'_> {
    /// A text made in the document's language and then in each other one, each different
    /// wording once.
    fn distinct(&self, make: impl Fn(&Common) -> Option<String>) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for c in std::iter::once(self.common).chain(self.others.iter().copied()) {
            if let Some(text) = make(c).filter(|t| !seen.contains(t)) {
                seen.push(text);
            }
        }
        seen
    }

    /// A label in the document's language, and for a multilingual deed in the others too.
    fn label(&self, pick: impl Fn(&Common) -> Option<&String>) -> Option<String> {
        let seen = self.distinct(|c| pick(c).cloned());
        (!seen.is_empty()).then(|| seen.join(" / "))
    }

    /// A text made in each language, once per different wording, joined by " / ".
    fn in_each(&self, make: impl Fn(&Common) -> String) -> String {
        self.distinct(|c| Some(make(c))).join(" / ")
    }

    /// The parts of a template's body that hold for these answers (their `when`).
    fn parts<'t>(&'t self, template: &'t DocumentTemplate) -> impl Iterator<Item = &'t Section> {
        template
            .body
            .iter()
            .filter(|part| part.when.is_none_or(|c| self.holds(c)))
            .map(|part| &part.section)
    }

    fn text(&self, template: &str) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &values)
    }

    /// A word of the register in the document's language.
    fn word(&self, raw: &str) -> String {
        self.common
            .register_words
            .get(raw)
            .cloned()
            .unwrap_or_else(|| raw.to_owned())
    }

    fn holds(&self, condition: Condition) -> bool {
        match (condition, self.source) {
            (
                Condition::HasPartner,
                Source::Register {
                    person, partner, ..
                },
            ) => person.legal_cohabitation.is_some() && partner.is_some(),
            (
                Condition::NoPartner,
                Source::Register {
                    person, partner, ..
                },
            ) => person.legal_cohabitation.is_none() || partner.is_none(),
            (Condition::FullCopy, Source::Deed { full_copy, .. }) => *full_copy,
            (Condition::Extract, Source::Deed { full_copy, .. }) => !*full_copy,
            _ => false,
        }
    }

    fn person(&self) -> Option<&Person> {
        match self.source {
            Source::Register { person, .. } => Some(person),
            Source::Deed { .. } => None,
        }
    }

    /// A field's value; `None` where the data has no such field (a deed's register field).
    fn field(&self, key: FieldKey) -> Option<Block> {
        let labels = &self.common.labels;
        let words = &self.common.words;
        let deed = match self.source {
            Source::Deed {
                deed,
                full_copy,
                multilingual,
            } => Some((*deed, *full_copy, *multilingual)),
            Source::Register { .. } => None,
        };
        let (label, value) = match key {
            FieldKey::Name => (&labels.name, self.person()?.full_name()),
            FieldKey::NationalNumber => {
                let nn = &self.person()?.national_number;
                let shown = crate::domain::national_number::NationalNumber::parse(nn)
                    .map(|n| n.formatted())
                    .unwrap_or_else(|_| nn.clone());
                (&labels.national_number, shown)
            }
            FieldKey::Born => {
                let p = self.person()?;
                let date = self.dates.of(p.birth_date);
                let values = [("date", date.as_str()), ("place", p.birth_place.as_str())];
                (&labels.born, fill(&words.born, &values))
            }
            FieldKey::Address => (&labels.address, self.current_address(self.person()?)),
            FieldKey::Gender => (&labels.gender, self.word(&self.person()?.gender)),
            FieldKey::Nationality => (&labels.nationality, self.word(&self.person()?.nationality)),
            FieldKey::CivilStatus => (
                &labels.civil_status,
                self.word(&self.person()?.civil_status),
            ),
            FieldKey::DeedReference => (&labels.deed_reference, deed?.0.reference.clone()),
            FieldKey::DeedDrawnUp => {
                let d = deed?.0;
                let date = self.dates.of(d.registered_at);
                let values = [("date", date.as_str()), ("place", d.place.as_str())];
                (&labels.deed_drawn_up, fill(&words.born, &values))
            }
            FieldKey::DeedForm => (
                &labels.deed_form,
                if deed?.1 {
                    &words.full_copy
                } else {
                    &words.extract
                }
                .clone(),
            ),
            FieldKey::DeedModel => (
                &labels.deed_model,
                if deed?.2 {
                    &words.multilingual
                } else {
                    &words.national
                }
                .clone(),
            ),
        };
        let label = self
            .label(|c| Some(label_of(c, key)))
            .unwrap_or_else(|| label.clone());
        Some(Block::Field(label, value))
    }

    fn current_address(&self, p: &Person) -> String {
        match p.current_address() {
            Some(a) => {
                let (line, since) = (a.one_line(), self.dates.of(a.since));
                let values = [("address", line.as_str()), ("since", since.as_str())];
                fill(&self.common.words.address_since, &values)
            }
            None => self.common.words.no_address.clone(),
        }
    }

    fn list(&self, key: ListKey) -> Vec<Block> {
        let words = &self.common.words;
        match (key, self.source) {
            (ListKey::Household, Source::Register { household, .. }) => household
                .iter()
                .map(|member| {
                    let (name, born) = (member.full_name(), self.dates.of(member.birth_date));
                    let values = [("name", name.as_str()), ("birth_date", born.as_str())];
                    Block::Field(
                        member
                            .household_role
                            .as_deref()
                            .map(|role| self.word(role))
                            .unwrap_or_else(|| words.household_member_role.clone()),
                        fill(&words.household_member, &values),
                    )
                })
                .collect(),
            (ListKey::AddressHistory, Source::Register { person, .. }) => person
                .addresses
                .iter()
                .map(|a| {
                    let from = self.dates.of(a.since);
                    let until = a
                        .until
                        .map(|u| self.dates.of(u))
                        .unwrap_or_else(|| words.until_now.clone());
                    let values = [("from", from.as_str()), ("until", until.as_str())];
                    Block::Field(fill(&words.period, &values), a.one_line())
                })
                .collect(),
            (ListKey::DeedDetails, Source::Deed { deed, .. }) => deed
                .details
                .iter()
                .map(|(key, value)| {
                    let label = self
                        .label(|c| c.deed_labels.get(key))
                        .unwrap_or_else(|| key.clone());
                    Block::Field(label, value.clone())
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The values a document's texts can use.
fn document_values(
    header: &Header,
    branding: &Branding,
    title: &str,
    source: &Source,
    dates: &Dates,
    words: &std::collections::BTreeMap<String, String>,
) -> Vec<(&'static str, String)> {
    let signatory = branding.signatory.as_ref();
    let mut values = vec![
        ("municipality", branding.municipality.clone()),
        (
            "municipality_address",
            branding.address.clone().unwrap_or_default(),
        ),
        ("issued_on", dates.of(header.issued_on)),
        ("reference", header.reference.to_owned()),
        ("purpose", header.purpose.to_owned()),
        ("title", title.to_owned()),
        ("verification_code", header.verification_code.to_owned()),
        ("verify_url", header.verify_url.to_owned()),
        (
            "signatory_name",
            signatory.map(|s| s.name.clone()).unwrap_or_default(),
        ),
        (
            "signatory_role",
            signatory
                .map(|s| s.role_in(header.language).to_owned())
                .unwrap_or_default(),
        ),
    ];
    if let Source::Register {
        person, partner, ..
    } = source
    {
        values.push(("name", person.full_name()));
        let nationality = words
            .get(&person.nationality)
            .unwrap_or(&person.nationality);
        values.push(("nationality", nationality.clone()));
        if let (Some(c), Some(partner)) = (&person.legal_cohabitation, partner) {
            values.push(("partner_name", partner.full_name()));
            values.push(("partner_birth_date", dates.of(partner.birth_date)));
            values.push(("cohabitation_since", dates.of(c.since)));
            values.push(("cohabitation_place", c.municipality.clone()));
        }
    }
    values
}

/// For a deed in the multilingual model, the wording of every other language it has.
fn other_languages<'t>(
    templates: &'t super::templates::Templates,
    source: &Source,
    language: &str,
) -> Vec<&'t Common> {
    match source {
        Source::Deed {
            multilingual: true, ..
        } => ["nl", "fr", "de", "en"]
            .into_iter()
            .filter(|l| *l != language && templates.has_language(l))
            .filter_map(|l| templates.common(l))
            .collect(),
        _ => Vec::new(),
    }
}

/// The document as it is issued, worded by its template in `header.language`.
pub fn compose(header: &Header, source: &Source, branding: &Branding) -> Layout {
    let templates = &branding.templates;
    let Some(common) = templates.common(header.language) else {
        // Unreachable with the shipped templates (a unit test loads them).
        return Layout::plain(&branding.municipality, header.title, header.issued_on);
    };
    let template = templates.document(header.language, header.document_code);
    let title = template.map_or(header.title, |t| t.title.as_str());
    let dates = Dates(&common.date_format);
    let values = document_values(
        header,
        branding,
        title,
        source,
        &dates,
        &common.register_words,
    );
    let others = other_languages(templates, source, header.language);
    let filler = Filler {
        common,
        others,
        dates,
        source,
        values,
    };
    let labels = &common.labels;
    let mut blocks = vec![
        Block::Field(labels.reference.clone(), header.reference.to_owned()),
        Block::Field(labels.issued_on.clone(), filler.dates.of(header.issued_on)),
        Block::Field(labels.purpose.clone(), header.purpose.to_owned()),
        Block::Space,
    ];
    blocks.extend(filler.body(template));
    blocks.push(Block::Space);
    if let Some(legal) = template.map(|t| &t.legal).filter(|l| !l.is_empty()) {
        blocks.push(Block::Paragraph(filler.text(legal)));
    }
    blocks.push(Block::Paragraph(filler.text(&common.footer.closing)));
    if branding.signatory.is_some() {
        blocks.push(Block::Paragraph(filler.text(&common.footer.signatory)));
    }
    if let Some((kind, language)) = header.standard_form {
        let theirs = templates.common(language).unwrap_or(common);
        let form = Filler {
            common,
            others: vec![theirs],
            dates: Dates(&common.date_format),
            source,
            values: filler.values.clone(),
        };
        blocks.extend(standard_form(&form, kind, template, header, branding));
    }
    Layout {
        issuer: branding.municipality.clone(),
        title: title.to_owned(),
        blocks,
        footer: common.footer.lines.iter().map(|l| filler.text(l)).collect(),
        language: language_of(templates, header.language),
        issued_on: header.issued_on,
        verify_url: Some(header.verify_url.to_owned()),
        look: look(branding, common),
    }
}

impl Filler<'_> {
    /// The template's body for these answers; without a template (a type added to the catalogue
    /// later), who the document is about.
    fn body(&self, template: Option<&DocumentTemplate>) -> Vec<Block> {
        let mut blocks = Vec::new();
        let Some(template) = template else {
            let keys = [FieldKey::Name, FieldKey::NationalNumber, FieldKey::Born];
            blocks.extend(keys.into_iter().filter_map(|k| self.field(k)));
            blocks.extend(self.field(FieldKey::Address));
            return blocks;
        };
        for section in self.parts(template) {
            match section {
                Section::Field(key) => blocks.extend(self.field(*key)),
                Section::Heading(text) => blocks.push(Block::Heading(self.text(text))),
                Section::Paragraph(text) => blocks.push(Block::Paragraph(self.text(text))),
                Section::List(key) => blocks.extend(self.list(*key)),
                Section::Space => blocks.push(Block::Space),
            }
        }
        blocks
    }
}

/// What the EU multilingual standard form is about, in one language.
fn form_subject(c: &Common, kind: FormKind) -> &String {
    let f = &c.eu_form;
    match kind {
        FormKind::Birth => &f.birth,
        FormKind::BeingAlive => &f.being_alive,
        FormKind::Death => &f.death,
        FormKind::Marriage => &f.marriage,
        FormKind::RegisteredPartnership => &f.registered_partnership,
        FormKind::Residence => &f.residence,
        FormKind::NoCriminalRecord => &f.no_criminal_record,
    }
}

/// The EU multilingual standard form (Regulation (EU) 2016/1191), on a page of its own after
/// the document: every heading in the document's language and in the member state's (the
/// filler's other language), with the document's details.
fn standard_form(
    form: &Filler,
    kind: FormKind,
    template: Option<&DocumentTemplate>,
    header: &Header,
    branding: &Branding,
) -> Vec<Block> {
    let title = |c: &Common| fill(&c.eu_form.title, &[("form", form_subject(c, kind))]);
    let mut blocks = vec![Block::PageBreak, Block::Heading(form.in_each(title))];
    let printed_title = form.values.iter().find(|(k, _)| *k == "title");
    let values = [
        ("title", printed_title.map_or("", |(_, v)| v.as_str())),
        ("reference", header.reference),
    ];
    let notes = form.distinct(|c| Some(fill(&c.eu_form.note, &values)));
    blocks.extend(notes.into_iter().map(Block::Paragraph));
    let labels = |pick: fn(&Common) -> &String| form.in_each(|c| pick(c).clone());
    blocks.push(Block::Space);
    blocks.push(Block::Field(
        labels(|c| &c.eu_form.issuing_state),
        labels(|c| &c.eu_form.belgium),
    ));
    blocks.push(Block::Field(
        labels(|c| &c.eu_form.authority),
        branding.municipality.clone(),
    ));
    blocks.push(Block::Field(
        labels(|c| &c.labels.issued_on),
        form.dates.of(header.issued_on),
    ));
    blocks.push(Block::Field(
        labels(|c| &c.labels.reference),
        header.reference.to_owned(),
    ));
    blocks.push(Block::Space);
    // The document's own details, in its order, under headings in both languages.
    for section in template.into_iter().flat_map(|t| form.parts(t)) {
        match section {
            Section::Field(key) => blocks.extend(form.field(*key)),
            Section::List(key) => blocks.extend(form.list(*key)),
            _ => {}
        }
    }
    if kind == FormKind::NoCriminalRecord {
        blocks.push(Block::Field(
            labels(|c| &c.eu_form.content),
            labels(|c| &c.eu_form.no_conviction),
        ));
    }
    blocks
}

/// The language a document is actually written in: the one asked when it has templates.
fn language_of(templates: &super::templates::Templates, asked: &str) -> String {
    if templates.has_language(asked) {
        asked.to_owned()
    } else {
        BASE_LANGUAGE.to_owned()
    }
}

/// Who a cover letter goes to and why.
pub struct LetterFacts<'a> {
    pub reference: &'a str,
    /// The document's title.
    pub title: &'a str,
    pub recipient: &'a str,
    pub address_lines: &'a [String],
    /// The requester, when they asked for someone else (the addressee).
    pub asked_by: Option<&'a str>,
    pub on: NaiveDate,
    pub language: &'a str,
}

/// The cover letter for a document sent by post, with the recipient's address in the window.
pub fn letter(facts: &LetterFacts, branding: &Branding) -> Layout {
    let templates = &branding.templates;
    let (Some(common), Some(template)) = (
        templates.common(facts.language),
        templates.letter(facts.language),
    ) else {
        return Layout::plain(&branding.municipality, facts.title, facts.on);
    };
    let signatory = branding.signatory.as_ref();
    let address = branding.address.clone().unwrap_or_default();
    let values: Vec<(&str, &str)> = vec![
        ("municipality", &branding.municipality),
        ("municipality_address", &address),
        ("title", facts.title),
        ("reference", facts.reference),
        ("recipient", facts.recipient),
        ("requester", facts.asked_by.unwrap_or_default()),
        ("signatory_name", signatory.map_or("", |s| s.name.as_str())),
        (
            "signatory_role",
            signatory.map_or("", |s| s.role_in(facts.language)),
        ),
    ];
    let dates = Dates(&common.date_format);
    let mut blocks: Vec<Block> = std::iter::once(Block::Paragraph(facts.recipient.to_owned()))
        .chain(
            facts
                .address_lines
                .iter()
                .map(|l| Block::Paragraph(l.clone())),
        )
        .collect();
    blocks.push(Block::Space);
    blocks.push(Block::Field(
        template.date_label.clone(),
        dates.of(facts.on),
    ));
    blocks.push(Block::Field(
        template.reference_label.clone(),
        facts.reference.to_owned(),
    ));
    blocks.push(Block::Space);
    blocks.push(Block::Paragraph(fill(&template.greeting, &values)));
    // Worded for the addressee: the requester asked; the person concerned was asked for.
    let message = match facts.asked_by {
        None => &template.asked_yourself,
        Some(_) => &template.asked_by_other,
    };
    blocks.push(Block::Paragraph(fill(message, &values)));
    blocks.extend(
        template
            .closing
            .iter()
            .map(|line| Block::Paragraph(fill(line, &values))),
    );
    Layout {
        issuer: branding.municipality.clone(),
        title: fill(&template.title, &values),
        blocks,
        footer: vec![fill(&template.footer, &values)],
        language: language_of(templates, facts.language),
        issued_on: facts.on,
        verify_url: None,
        look: look(branding, common),
    }
}
