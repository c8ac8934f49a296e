//! The Belgian national register number (rijksregisternummer): YYMMDD SSS CC, where CC is
//! 97 minus the first nine digits modulo 97, with a leading 2 for births from 2000 on.
use chrono::NaiveDate;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NationalNumber(String);

/// The custom OpenAPI `format` of a national register number as a client sends it; a
/// generator for it must make valid check digits (`scripts/schemathesis_hooks.py` does).
pub const FORMAT: &str = "national-register-number";

impl utoipa::ToSchema for NationalNumber {}

/// As a client may write it: 11 digits with valid check digits, with or without dots, dash and
/// spaces.
impl utoipa::PartialSchema for NationalNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .format(Some(utoipa::openapi::SchemaFormat::Custom(FORMAT.into())))
            .description(Some(
                "A national register number: 11 digits (YYMMDD, a serial, two check digits) \
                 with valid check digits, with or without the usual dots, dash and spaces \
                 (`85.07.30-033.28`).",
            ))
            .into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalNumberError {
    #[error("a national register number has 11 digits (e.g. 85.07.30-033.28)")]
    Length,
    #[error("the check digits do not match: check the number on the identity card")]
    Checksum,
}

impl NationalNumber {
    /// Accepts the digits with or without the usual dots, dash and spaces.
    pub fn parse(input: &str) -> Result<Self, NationalNumberError> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, '.' | '-' | ' '))
            .collect();
        if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NationalNumberError::Length);
        }
        let (base, check) = digits.split_at(9);
        let base: u64 = base.parse().map_err(|_| NationalNumberError::Length)?;
        let check: u64 = check.parse().map_err(|_| NationalNumberError::Length)?;
        if check == Self::check_digits(base, false) || check == Self::check_digits(base, true) {
            Ok(Self(digits))
        } else {
            Err(NationalNumberError::Checksum)
        }
    }

    /// Builds a valid number from a birth date and a serial (odd for men, even for women).
    pub fn from_parts(birth: NaiveDate, serial: u16) -> Self {
        use chrono::Datelike;
        let base: u64 = format!(
            "{:02}{:02}{:02}{:03}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            serial
        )
        .parse()
        .unwrap_or_default();
        let check = Self::check_digits(base, birth.year() >= 2000);
        Self(format!("{base:09}{check:02}"))
    }

    fn check_digits(base: u64, born_from_2000: bool) -> u64 {
        let n = if born_from_2000 {
            2_000_000_000 + base
        } else {
            base
        };
        97 - n % 97
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `85.07.30-033.28`, as printed on documents.
    pub fn formatted(&self) -> String {
        let d = &self.0;
        format!(
            "{}.{}.{}-{}.{}",
            &d[0..2],
            &d[2..4],
            &d[4..6],
            &d[6..9],
            &d[9..11]
        )
    }

    /// `85.07.30-***.**`: enough to recognise, not enough to reuse.
    pub fn masked(&self) -> String {
        let d = &self.0;
        format!("{}.{}.{}-***.**", &d[0..2], &d[2..4], &d[4..6])
    }
}

impl fmt::Display for NationalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_pre_2000_numbers_in_any_usual_notation() {
        let n = NationalNumber::parse("85.07.30-033.28").unwrap();
        assert_eq!(n.as_str(), "85073003328");
        assert_eq!(n.formatted(), "85.07.30-033.28");
        assert_eq!(NationalNumber::parse("85073003328").unwrap(), n);
    }

    #[test]
    fn accepts_post_2000_numbers_with_the_leading_two() {
        // 01.06.18-123: 97 - (2_010_618_123 mod 97)
        let expected = 97 - (2_010_618_123u64 % 97);
        let n = NationalNumber::parse(&format!("010618123{expected:02}")).unwrap();
        assert_eq!(
            n,
            NationalNumber::from_parts(NaiveDate::from_ymd_opt(2001, 6, 18).unwrap(), 123)
        );
        // The same digits with the pre-2000 check are also a valid (1901) number, but not these:
        let wrong = (expected + 1) % 100;
        assert_eq!(
            NationalNumber::parse(&format!("010618123{wrong:02}")),
            Err(NationalNumberError::Checksum)
        );
    }

    #[test]
    fn rejects_wrong_lengths_and_letters() {
        assert_eq!(
            NationalNumber::parse("8507300332"),
            Err(NationalNumberError::Length)
        );
        assert_eq!(
            NationalNumber::parse("8507300332A"),
            Err(NationalNumberError::Length)
        );
        assert_eq!(NationalNumber::parse(""), Err(NationalNumberError::Length));
    }

    #[test]
    fn rejects_a_wrong_check() {
        assert_eq!(
            NationalNumber::parse("85073003329"),
            Err(NationalNumberError::Checksum)
        );
    }

    #[test]
    fn masks_the_serial_and_check() {
        assert_eq!(
            NationalNumber::parse("85073003328").unwrap().masked(),
            "85.07.30-***.**"
        );
    }
}
