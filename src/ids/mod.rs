//! National ID-number validators: the structure and check digit of the numbers people type
//! into forms, and what a valid number says about its holder (birth date, sex).
//!
//! Each validator takes the number as typed, after [`normalise`] (upper case; spaces, hyphens
//! and the parentheses around Hong Kong's check digit removed), and says either what the number
//! encodes or which rule it breaks. A broken check digit is almost always a typo, which is what
//! the `info.id_number` check tells the person.

pub mod cn;
pub mod hk;
pub mod tw;

use jiff::civil::Date;

use crate::profile::{IdType, Sex};

/// What a valid number encodes about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Encoded {
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
}

/// Why a number is not valid. Never holds the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// Wrong length or shape; the text says what is expected.
    Shape(&'static str),
    /// The check character does not match the rest.
    CheckDigit,
    /// The region code (the first digits of a mainland resident ID) is not one in use.
    Region,
    /// The embedded birth date is not a calendar date, or is after today.
    BirthDate,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Invalid::Shape(expected) => write!(f, "it should be {expected}"),
            Invalid::CheckDigit => write!(f, "its check character does not match the rest"),
            Invalid::Region => write!(f, "its first two digits are not a province code"),
            Invalid::BirthDate => write!(f, "the birth date it encodes is not a possible date"),
        }
    }
}

/// The number as validators read it: upper case, without spaces, hyphens or parentheses.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '\u{3000}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Validate a normalised number of the given kind; `None` for kinds without a validator here
/// (passports and other documents carry no check digit in the number people type).
pub fn validate(kind: IdType, number: &str, today: Date) -> Option<Result<Encoded, Invalid>> {
    match kind {
        IdType::CnResidentId => Some(cn::validate(number, today)),
        IdType::HkId => Some(hk::validate(number)),
        IdType::TwId => Some(tw::validate(number)),
        IdType::Passport | IdType::NationalId | IdType::Other => None,
    }
}

/// Deterministic pseudo-random numbers (xorshift) for the validators' property tests.
#[cfg(test)]
pub(crate) fn test_numbers(count: usize) -> impl Iterator<Item = u64> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    std::iter::repeat_with(move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    })
    .take(count)
}
