//! The countries of ISO 3166-1: every officially assigned alpha-2 code (249) with its name in
//! Dutch, French, German and English. The list is `countries.tsv`, generated once by
//! `scripts/gen-countries.mjs` from CLDR (Unicode licence) and committed.
use crate::domain::request::Language;
use std::sync::OnceLock;

const DATA: &str = include_str!("countries.tsv");

/// The columns of `countries.tsv` after the code, in this order.
const COLUMNS: [Language; 4] = [Language::Nl, Language::Fr, Language::De, Language::En];

/// Belgium: a paper for use abroad names another country.
pub const HOME: &str = "BE";

/// One country: its ISO 3166-1 alpha-2 code and its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// Two capitals, e.g. `NL`.
    pub code: &'static str,
    names: [&'static str; 4],
}

impl Country {
    /// The country's name in `lang`, e.g. `Nederland`, `Pays-Bas`.
    pub fn name(&self, lang: Language) -> &'static str {
        let column = COLUMNS.iter().position(|c| *c == lang).unwrap_or(0);
        self.names[column]
    }
}

/// The rows of the data file; the comments (`#`) and the header line are skipped.
fn parse(data: &'static str) -> Vec<Country> {
    data.lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("code\t") && !line.is_empty())
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let code = cells.next()?;
            let names = [cells.next()?, cells.next()?, cells.next()?, cells.next()?];
            Some(Country { code, names })
        })
        .collect()
}

/// Every country, by code.
pub fn all() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| parse(DATA))
}

/// The country with this code (two capitals, as ISO writes it: `NL`, not `nl`).
pub fn find(code: &str) -> Option<&'static Country> {
    let all = all();
    all.binary_search_by(|c| c.code.cmp(code))
        .ok()
        .and_then(|i| all.get(i))
}

/// Every country, sorted by its name in `lang` as a reader expects it: case and accents
/// aside (`Égypte` among the E's, `Åland` among the A's).
pub fn by_name(lang: Language) -> &'static [&'static Country] {
    static SORTED: [OnceLock<Vec<&'static Country>>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let column = COLUMNS.iter().position(|c| *c == lang).unwrap_or(0);
    SORTED[column].get_or_init(|| {
        let mut sorted: Vec<(String, &'static Country)> =
            all().iter().map(|c| (fold(c.name(lang)), c)).collect();
        sorted.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.name(lang).cmp(y.name(lang))));
        sorted.into_iter().map(|(_, c)| c).collect()
    })
}

/// Lower case without accents, for sorting: the letters the names in the data file carry (a
/// test checks that every name folds to plain ASCII).
fn fold(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            '’' => '\'',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_lists_the_249_assigned_codes_once_each_in_order() {
        assert_eq!(
            DATA.lines().find(|l| !l.starts_with('#')),
            Some("code\tnl\tfr\tde\ten")
        );
        let rows = DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count();
        assert_eq!(rows, 250, "a header and 249 countries, every row complete");
        let codes: Vec<&str> = all().iter().map(|c| c.code).collect();
        assert_eq!(codes.len(), 249);
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "sorted, no code twice"
        );
        assert!(codes
            .iter()
            .all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase())));
        for reserved in ["EU", "UN", "UK", "XK", "QO", "ZZ", "AN", "YU"] {
            assert!(
                find(reserved).is_none(),
                "{reserved} is not an assigned code"
            );
        }
        for country in all() {
            for lang in COLUMNS {
                let name = country.name(lang);
                assert!(!name.trim().is_empty() && name != country.code, "{name}");
            }
        }
    }

    #[test]
    fn finds_a_country_by_its_code_in_capitals() {
        let be = find("BE").expect("Belgium");
        assert_eq!(be.name(Language::Nl), "België");
        assert_eq!(be.name(Language::Fr), "Belgique");
        assert_eq!(be.name(Language::De), "Belgien");
        assert_eq!(be.name(Language::En), "Belgium");
        assert_eq!(find("NL").map(|c| c.name(Language::Nl)), Some("Nederland"));
        assert_eq!(find("NL").map(|c| c.name(Language::Fr)), Some("Pays-Bas"));
        assert!(find("nl").is_none());
        assert!(find("Narnia").is_none());
        assert_eq!(find(HOME), Some(be));
    }

    #[test]
    fn sorts_by_name_with_accents_among_their_letters() {
        for lang in COLUMNS {
            let sorted = by_name(lang);
            assert_eq!(sorted.len(), 249);
            assert!(sorted
                .windows(2)
                .all(|w| fold(w[0].name(lang)) <= fold(w[1].name(lang))));
        }
        let position = |lang, code| by_name(lang).iter().position(|c| c.code == code);
        // As if unaccented: Égypte, Émirats arabes unis, Équateur, …, France.
        assert!(position(Language::Fr, "EG") < position(Language::Fr, "AE"));
        assert!(position(Language::Fr, "AE") < position(Language::Fr, "EC"));
        assert!(position(Language::Fr, "EC") < position(Language::Fr, "FR"));
        assert_eq!(by_name(Language::Nl).first().map(|c| c.code), Some("AF"));
    }

    #[test]
    fn every_name_folds_to_plain_ascii() {
        for country in all() {
            for lang in COLUMNS {
                let folded = fold(country.name(lang));
                assert!(folded.is_ascii(), "add the letters of {folded:?} to fold()");
            }
        }
    }
}
