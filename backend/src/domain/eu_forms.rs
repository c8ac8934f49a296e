//! The multilingual standard forms of Regulation (EU) 2016/1191: a translation aid attached to
//! a public document that is presented in another member state, so that no translation is
//! needed there. Each form has its headings in the document's language and in the language of
//! the member state where it is used.
use crate::domain::request::Language;

/// Which of the regulation's forms a document type has (its annex).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Annex I.
    Birth,
    /// Annex II.
    BeingAlive,
    /// Annex III.
    Death,
    /// Annex IV.
    Marriage,
    /// Annex VII.
    RegisteredPartnership,
    /// Annex X: domicile and/or residence.
    Residence,
    /// Annex XI: absence of a criminal record.
    NoCriminalRecord,
}

/// The form a document type of the catalogue has, if any. A household composition, a
/// nationality certificate, a divorce deed, an address history or a population-register
/// extract has none: the regulation gives no form for them.
pub fn form_of(document_type: &str) -> Option<FormKind> {
    Some(match document_type {
        "geboorteakte" => FormKind::Birth,
        "attest-van-leven" => FormKind::BeingAlive,
        "overlijdensakte" => FormKind::Death,
        "huwelijksakte" => FormKind::Marriage,
        "attest-wettelijke-samenwoning" => FormKind::RegisteredPartnership,
        "bewijs-van-woonst" => FormKind::Residence,
        "strafregister-595" | "strafregister-596-1" | "strafregister-596-2" => {
            FormKind::NoCriminalRecord
        }
        _ => return None,
    })
}

/// The member states bound by the regulation (every one but Denmark), Belgium included.
const MEMBER_STATES: [&str; 26] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Whether the regulation applies to a document used in this country (ISO alpha-2).
pub fn applies_in(country: &str) -> bool {
    country != crate::domain::countries::HOME && MEMBER_STATES.contains(&country)
}

/// The language of the form for a member state: an official language of that state that
/// Loket writes. `None` for a member state whose languages Loket does not have (yet), and for
/// every country the regulation does not apply in.
pub fn language_for(country: &str) -> Option<Language> {
    if !applies_in(country) {
        return None;
    }
    Some(match country {
        "NL" => Language::Nl,
        // Luxembourg's administration writes French and German; French is the more usual.
        "FR" | "LU" => Language::Fr,
        "DE" | "AT" => Language::De,
        "IE" | "MT" => Language::En,
        _ => return None,
    })
}

/// The member states a form can be had for, with their language: what an error names.
pub fn available() -> Vec<&'static str> {
    MEMBER_STATES
        .iter()
        .copied()
        .filter(|c| language_for(c).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_had_in_the_language_of_the_member_state_where_it_is_used() {
        assert_eq!(language_for("FR"), Some(Language::Fr));
        assert_eq!(language_for("AT"), Some(Language::De));
        assert_eq!(language_for("MT"), Some(Language::En));
        // Denmark is not bound; Belgium is home; Norway is no member state.
        assert_eq!(language_for("DK"), None);
        assert_eq!(language_for("BE"), None);
        assert_eq!(language_for("NO"), None);
        // A member state whose language Loket does not write.
        assert!(applies_in("PL"));
        assert_eq!(language_for("PL"), None);
        assert_eq!(available(), ["AT", "DE", "FR", "IE", "LU", "MT", "NL"]);
    }

    #[test]
    fn only_the_types_the_regulation_gives_a_form_for_have_one() {
        assert_eq!(form_of("geboorteakte"), Some(FormKind::Birth));
        assert_eq!(
            form_of("strafregister-596-2"),
            Some(FormKind::NoCriminalRecord)
        );
        assert_eq!(form_of("samenstelling-van-het-gezin"), None);
        assert_eq!(form_of("echtscheidingsakte"), None);
    }
}
