//! The machine-readable zone (ICAO Doc 9303): layouts, check digits and composing MRZ lines.
//!
//! Composing is what the synthetic generator needs to print correct MRZs of invented people;
//! the reader builds on the same layouts and check-digit rule: `read` straightens the zone
//! the document's layout found (or, failing that, one `locate` found anywhere in the photo),
//! `recognise` matches OCR-B templates cell by cell, `parse` turns the lines into fields and
//! verifies every check digit; `fields` says where each field lies, for the reader and the
//! parser alike.

mod compose;
mod fields;
mod locate;
mod parse;
mod read;
pub mod recognise;

pub use compose::{Layout, MrzFields, compose, mrz_name, name_field};
pub use parse::{DigitCheck, MrzDate, MrzFormat, ParseError, ParsedMrz, parse_mrz};
pub use read::{
    MIN_MARGIN, MIN_PHOTO_PITCH_PX, MIN_SCORE, MrzReading, read_anywhere, read_document,
    straightened_zone,
};

/// The ICAO 9303 check digit of a field: characters weighted 7, 3, 1 repeating, where digits
/// count as themselves, `A`–`Z` as 10–35 and the filler `<` as 0; the sum modulo 10.
/// `None` when the field holds a character outside the MRZ alphabet.
pub fn check_digit(field: &str) -> Option<char> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0;
    for (i, c) in field.chars().enumerate() {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '<' => 0,
            _ => return None,
        };
        sum += value * WEIGHTS[i % 3];
    }
    char::from_digit(sum % 10, 10)
}

#[cfg(test)]
mod tests {
    use super::check_digit;

    #[test]
    fn check_digits_of_the_icao_specimens() {
        // ICAO 9303 part 4, Utopia specimen: L898902C3 → 6, 740812 → 2, 120415 → 9.
        assert_eq!(check_digit("L898902C3"), Some('6'));
        assert_eq!(check_digit("740812"), Some('2'));
        assert_eq!(check_digit("120415"), Some('9'));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some('1'));
        assert_eq!(check_digit("<<<<"), Some('0'));
        assert_eq!(check_digit("l898"), None);
    }
}
