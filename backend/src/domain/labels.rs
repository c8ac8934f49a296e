//! Words for Loket's codes in the languages staff work in — Dutch, French, German and
//! English, the SPA's — for what Loket writes for staff itself: the Excel report. The SPA has
//! the same words in `frontend/src/i18n/{nl,fr,de,en}.json`; a test holds the two together.
use super::request::{Channel, DeliveryMethod, Processing, Status};
use super::task::TaskType;

crate::vocabulary! {
    /// The language of a report for staff: one of the SPA's (Dutch unless asked otherwise).
    #[derive(Default)]
    pub enum ReportLanguage {
        #[default]
        Nl = "nl",
        Fr = "fr",
        De = "de",
        En = "en",
    }
}

/// One text in Dutch, French, German and English.
pub type Words = [&'static str; 4];

impl ReportLanguage {
    /// This language's text of `words`.
    pub fn pick(self, words: &Words) -> &'static str {
        match self {
            Self::Nl => words[0],
            Self::Fr => words[1],
            Self::De => words[2],
            Self::En => words[3],
        }
    }

    /// The language an `Accept-Language` header prefers among these (by weight, then order;
    /// `fr-BE` counts as `fr`, and `q=0` rules a language out); `None` when it names none of
    /// them or cannot be read.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(Self, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';').map(str::trim);
            let tag = pieces.next().unwrap_or_default();
            let primary = tag.split('-').next().unwrap_or_default();
            let Some(language) = Self::parse(&primary.to_ascii_lowercase()) else {
                continue;
            };
            let weight = pieces
                // A parameter's name is case-insensitive (RFC 9110), so `Q=0.5` is a weight too.
                .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| (0.0..=1.0).contains(q) && *q > 0.0);
            if let Some(weight) = weight {
                if best.is_none_or(|(_, w)| weight > w) {
                    best = Some((language, weight));
                }
            }
        }
        best.map(|(language, _)| language)
    }
}

/// A value with a word in each report language.
pub trait Labelled: Copy {
    fn label_in(self, language: ReportLanguage) -> &'static str;
}

macro_rules! labels {
    ($($enum:ident { $($variant:ident => [$nl:literal, $fr:literal, $de:literal, $en:literal]),+ $(,)? })+) => {$(
        impl Labelled for $enum {
            fn label_in(self, language: ReportLanguage) -> &'static str {
                language.pick(&match self { $($enum::$variant => [$nl, $fr, $de, $en]),+ })
            }
        }
    )+};
}

labels! {
    Status {
        InProgress => ["In behandeling", "En cours de traitement", "In Bearbeitung", "In progress"],
        AwaitingPoliceAdvice => [
            "Wacht op advies van de politie",
            "En attente de l'avis de la police",
            "Wartet auf das Gutachten der Polizei",
            "Awaiting police advice"
        ],
        AwaitingDeed => [
            "Wacht op de akte",
            "En attente de l'acte",
            "Wartet auf die Urkunde",
            "Awaiting the record"
        ],
        AwaitingShipment => [
            "Wordt per post verstuurd",
            "Envoi par courrier en cours",
            "Wird per Post verschickt",
            "Being sent by post"
        ],
        ReadyForPickup => [
            "Af te halen aan de balie",
            "À retirer au guichet",
            "Liegt am Schalter zur Abholung bereit",
            "Ready for collection at the counter"
        ],
        Delivered => ["Afgeleverd", "Délivrée", "Zugestellt", "Delivered"],
        Refused => ["Geweigerd", "Refusée", "Abgelehnt", "Refused"],
        Cancelled => ["Geannuleerd", "Annulée", "Storniert", "Cancelled"],
    }
    DeliveryMethod {
        Digital => ["Digitaal", "Numérique", "Digital", "Digital"],
        Post => ["Per post", "Par courrier", "Per Post", "By post"],
        Counter => [
            "Afhalen aan de balie",
            "Retrait au guichet",
            "Am Schalter abholen",
            "Collect at the counter"
        ],
    }
    Processing {
        Automatic => ["Automatisch", "Automatique", "Automatisch", "Automatic"],
        Manual => [
            "Door een medewerker",
            "Par un collaborateur",
            "Durch einen Mitarbeiter",
            "By a member of staff"
        ],
    }
    Channel {
        Web => ["Website", "Site web", "Website", "Website"],
        Api => ["API", "API", "API", "API"],
    }
    TaskType {
        HandleRequest => [
            "Aanvraag behandelen",
            "Traiter la demande",
            "Antrag bearbeiten",
            "Handle request"
        ],
        ConfirmShipment => [
            "Verzenden bevestigen",
            "Confirmer l'envoi",
            "Versand bestätigen",
            "Confirm dispatch"
        ],
        ConfirmPickup => [
            "Afhaling bevestigen",
            "Confirmer le retrait",
            "Abholung bestätigen",
            "Confirm collection"
        ],
        GiveAdvice => ["Advies geven", "Rendre un avis", "Gutachten abgeben", "Give advice"],
        AddDeed => [
            "Akte toevoegen in DABS",
            "Ajouter l'acte dans la BAEC",
            "Urkunde in DABS aufnehmen",
            "Add record to DABS"
        ],
        CancelRequest => ["Annuleren", "Annuler", "Stornieren", "Cancel"],
    }
}

/// The catalogue's document types in French, German and English (the catalogue itself is
/// Dutch).
const DOCUMENT_TYPES: [(&str, &str, &str, &str); 14] = [
    (
        "strafregister-595",
        "Extrait de casier judiciaire (modèle 595)",
        "Auszug aus dem Strafregister (Muster 595)",
        "Criminal record extract (model 595)",
    ),
    (
        "strafregister-596-1",
        "Extrait de casier judiciaire (modèle 596.1)",
        "Auszug aus dem Strafregister (Muster 596.1)",
        "Criminal record extract (model 596.1)",
    ),
    (
        "strafregister-596-2",
        "Extrait de casier judiciaire (modèle 596.2)",
        "Auszug aus dem Strafregister (Muster 596.2)",
        "Criminal record extract (model 596.2)",
    ),
    (
        "bewijs-van-woonst",
        "Certificat de résidence",
        "Wohnsitzbescheinigung",
        "Certificate of residence",
    ),
    (
        "bewijs-van-woonst-historiek",
        "Certificat de résidence avec historique",
        "Wohnsitzbescheinigung mit Historie",
        "Certificate of residence with address history",
    ),
    (
        "samenstelling-van-het-gezin",
        "Certificat de composition de ménage",
        "Haushaltszusammensetzung",
        "Certificate of household composition",
    ),
    (
        "nationaliteitsbewijs",
        "Certificat de nationalité",
        "Staatsangehörigkeitsbescheinigung",
        "Certificate of nationality",
    ),
    (
        "attest-van-leven",
        "Certificat de vie",
        "Lebensbescheinigung",
        "Life certificate",
    ),
    (
        "uittreksel-bevolkingsregister",
        "Extrait du registre de la population",
        "Auszug aus dem Bevölkerungsregister",
        "Extract from the population register",
    ),
    (
        "attest-wettelijke-samenwoning",
        "Attestation de cohabitation légale",
        "Bescheinigung über das gesetzliche Zusammenwohnen",
        "Certificate of legal cohabitation",
    ),
    (
        "geboorteakte",
        "Acte de naissance",
        "Geburtsurkunde",
        "Birth certificate",
    ),
    (
        "huwelijksakte",
        "Acte de mariage",
        "Heiratsurkunde",
        "Marriage certificate",
    ),
    (
        "overlijdensakte",
        "Acte de décès",
        "Sterbeurkunde",
        "Death certificate",
    ),
    (
        "echtscheidingsakte",
        "Acte de divorce",
        "Ehescheidungsurkunde",
        "Divorce certificate",
    ),
];

/// A document type's name in `language`: the catalogue's own (Dutch) name, or for French,
/// German and English the translation of a known type; a type added to the catalogue later
/// keeps its catalogue name, as in the SPA.
pub fn document_type_name<'a>(
    code: &str,
    catalogue_name: &'a str,
    language: ReportLanguage,
) -> &'a str {
    let translated = DOCUMENT_TYPES
        .iter()
        .find(|(known, ..)| *known == code)
        .map(|(_, fr, de, en)| match language {
            ReportLanguage::Nl => catalogue_name,
            ReportLanguage::Fr => fr,
            ReportLanguage::De => de,
            ReportLanguage::En => en,
        });
    translated.unwrap_or(catalogue_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Every value's label in every language: (enum, code, language, label).
    fn all_labels() -> Vec<(&'static str, &'static str, ReportLanguage, &'static str)> {
        fn of<T: Labelled + 'static>(
            name: &'static str,
            all: &'static [T],
            code: fn(T) -> &'static str,
        ) -> Vec<(&'static str, &'static str, ReportLanguage, &'static str)> {
            all.iter()
                .flat_map(|v| {
                    ReportLanguage::ALL
                        .iter()
                        .map(move |l| (name, code(*v), *l, v.label_in(*l)))
                })
                .collect()
        }
        let mut labels = of("requestStatus", Status::ALL, Status::as_str);
        labels.extend(of("delivery", DeliveryMethod::ALL, DeliveryMethod::as_str));
        labels.extend(of("processing", Processing::ALL, Processing::as_str));
        labels.extend(of("channel", Channel::ALL, Channel::as_str));
        labels.extend(of("taskType", TaskType::ALL, TaskType::as_str));
        labels
    }

    #[test]
    fn every_value_has_a_label_in_every_language_and_no_two_share_one() {
        let labels = all_labels();
        assert_eq!(
            labels.len(),
            ReportLanguage::ALL.len()
                * (Status::ALL.len()
                    + DeliveryMethod::ALL.len()
                    + Processing::ALL.len()
                    + Channel::ALL.len()
                    + TaskType::ALL.len())
        );
        let mut seen = HashMap::new();
        for (name, code, language, label) in labels {
            assert!(!label.trim().is_empty(), "{name}.{code} in {language}");
            let other = seen.insert((name, language, label), code);
            assert!(other.is_none(), "{name} {language}: {label} twice");
        }
        for (code, fr, de, en) in DOCUMENT_TYPES {
            assert!(![fr, de, en].contains(&""), "{code}");
        }
    }

    #[test]
    fn dutch_statuses_are_the_words_on_documents_and_e_mails() {
        for s in Status::ALL {
            assert_eq!(s.label_in(ReportLanguage::Nl), s.label());
        }
    }

    /// The SPA's messages, flattened to "prefix.code".
    fn spa(language: ReportLanguage) -> HashMap<String, String> {
        let path = format!(
            "{}/../frontend/src/i18n/{language}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn the_words_are_the_spas() {
        for language in ReportLanguage::ALL {
            let messages = spa(*language);
            for (name, code, l, label) in all_labels() {
                if l == *language {
                    let key = format!("{name}.{code}");
                    assert_eq!(messages.get(&key).map(String::as_str), Some(label), "{key}");
                }
            }
            for (code, ..) in DOCUMENT_TYPES {
                let key = format!("documentType.{code}");
                let name = document_type_name(code, &messages[&key], *language);
                assert_eq!(name, messages[&key], "{key} in {language}");
            }
        }
    }

    #[test]
    fn an_unknown_document_type_keeps_its_catalogue_name() {
        let name = document_type_name("nieuw-attest", "Nieuw attest", ReportLanguage::Fr);
        assert_eq!(name, "Nieuw attest");
        let name = document_type_name("geboorteakte", "Geboorteakte", ReportLanguage::En);
        assert_eq!(name, "Birth certificate");
        let name = document_type_name("geboorteakte", "Geboorteakte", ReportLanguage::De);
        assert_eq!(name, "Geburtsurkunde");
    }

    #[test]
    fn accept_language_picks_the_preferred_language_the_report_has() {
        let cases = [
            ("fr-BE,fr;q=0.9,en;q=0.8", Some(ReportLanguage::Fr)),
            ("de-DE,de;q=0.9,en;q=0.5,nl;q=0.7", Some(ReportLanguage::De)),
            ("de-CH;q=0.5, nl;q=0.7", Some(ReportLanguage::Nl)),
            ("it-IT, de-AT;q=0.8, en;q=0.5", Some(ReportLanguage::De)),
            ("de;q=0, en;q=0.1", Some(ReportLanguage::En)),
            ("de ; Q=0.9, fr;q=0.8", Some(ReportLanguage::De)),
            ("EN-gb", Some(ReportLanguage::En)),
            ("en;q=0.2, fr;q=0.2", Some(ReportLanguage::En)),
            ("nl;q=0, fr", Some(ReportLanguage::Fr)),
            ("it, *", None),
            ("fr;q=abc", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(
                ReportLanguage::from_accept_language(header),
                expected,
                "{header}"
            );
        }
    }
}
