//! The papers themselves: what each document type says (templates as data, see `templates`),
//! with the municipality's branding, laid out as a sealed PDF.
pub mod branding;
mod content;
mod demo_certificate;
pub mod pdf;
pub mod seal;
pub mod templates;

pub use branding::Branding;
pub use content::{compose, letter, Header, LetterFacts, Source};
use rand::Rng;

/// A code printed on every document that anyone can check on the verification page:
/// four groups of four from an alphabet without look-alikes (no 0/O, 1/I/L).
pub fn verification_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..4)
        .map(|_| {
            (0..4)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Normalises what a person types: case, spaces and missing dashes do not matter.
pub fn normalise_code(input: &str) -> String {
    let compact: String = input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    compact
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_four_groups_and_survive_sloppy_typing() {
        let code = verification_code();
        assert_eq!(code.len(), 19);
        assert_eq!(normalise_code(&code.to_lowercase().replace('-', " ")), code);
    }
}
