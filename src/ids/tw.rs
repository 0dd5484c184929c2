//! Taiwan national identification numbers: a letter for the place of first registration, `1`
//! (male) or `2` (female), seven digits and a check digit. The letter counts as two digits
//! (A = 10 … with I, O, W, X, Y, Z out of order); with weights 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1
//! the sum is divisible by 10. Resident certificates for foreigners use `8` or `9` second.

use super::{Encoded, Invalid};
use crate::profile::Sex;

const SHAPE: &str = "a letter and nine digits, e.g. A123456789";

/// The two-digit value of the leading letter.
fn letter_value(c: char) -> Option<u32> {
    const VALUES: [u32; 26] = [
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32,
        30, 31, 33,
    ];
    c.is_ascii_uppercase()
        .then(|| VALUES[(c as u8 - b'A') as usize])
}

/// Validate a normalised number.
pub fn validate(number: &str) -> Result<Encoded, Invalid> {
    let mut chars = number.chars();
    let (Some(letter), true) = (chars.next().and_then(letter_value), number.len() == 10) else {
        return Err(Invalid::Shape(SHAPE));
    };
    let digits: Vec<u32> = chars.filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 9 || !matches!(digits[0], 1 | 2 | 8 | 9) {
        return Err(Invalid::Shape(SHAPE));
    }
    let weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
    let sum = letter / 10
        + (letter % 10) * 9
        + digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>();
    if sum % 10 != 0 {
        return Err(Invalid::CheckDigit);
    }
    let sex = match digits[0] {
        1 | 8 => Sex::Male,
        _ => Sex::Female,
    };
    Ok(Encoded {
        birth_date: None,
        sex: Some(sex),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples() {
        // The textbook example A123456789, and numbers built by the rule.
        assert_eq!(validate("A123456789").unwrap().sex, Some(Sex::Male));
        assert_eq!(validate("F231970008").unwrap().sex, Some(Sex::Female));
        assert_eq!(validate("A123456788"), Err(Invalid::CheckDigit));
        assert!(matches!(validate("A323456789"), Err(Invalid::Shape(_))));
        assert!(matches!(validate("1123456789"), Err(Invalid::Shape(_))));
        assert!(matches!(validate("A12345678"), Err(Invalid::Shape(_))));
    }

    #[test]
    fn every_single_digit_change_the_check_can_see_is_caught() {
        // Modulo 10: a change of d at a digit weighted w is caught unless d × w is a multiple
        // of 10 (weights 2, 4, 5, 6 and 8 miss some): exactly those are caught, no more.
        let valid = "A123456789";
        let weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
        for (i, weight) in (2..10).zip(&weights[1..]) {
            for d in '0'..='9' {
                let mut chars: Vec<char> = valid.chars().collect();
                let before = chars[i];
                if before == d {
                    continue;
                }
                chars[i] = d;
                let changed: String = chars.into_iter().collect();
                let diff = before.to_digit(10).unwrap() as i32 - d.to_digit(10).unwrap() as i32;
                let visible = (diff * weight) % 10 != 0;
                assert_eq!(validate(&changed).is_err(), visible, "{changed}");
            }
        }
    }
    #[test]
    fn generated_valid_numbers_pass() {
        for state in super::super::test_numbers(2000) {
            let letter = char::from(b'A' + (state % 26) as u8);
            let sex = if (state >> 5).is_multiple_of(2) { 1 } else { 2 };
            let body = format!("{letter}{sex}{:07}", (state >> 8) % 10_000_000);
            // The check digit that makes the weighted sum a multiple of 10.
            let number = (0..10)
                .map(|d| format!("{body}{d}"))
                .find(|n| validate(n).is_ok())
                .unwrap_or_else(|| panic!("{body}: no check digit fits"));
            let female = sex == 2;
            assert_eq!(
                validate(&number).unwrap().sex,
                Some(if female { Sex::Female } else { Sex::Male })
            );
            // Exactly one check digit fits.
            let fitting = (0..10)
                .filter(|d| validate(&format!("{body}{d}")).is_ok())
                .count();
            assert_eq!(fitting, 1, "{body}");
        }
    }
}
