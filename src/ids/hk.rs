//! Hong Kong identity card numbers: one or two letters, six digits and a check character
//! (printed in parentheses: `A123456(3)`). The check makes the weighted sum, with a single
//! letter preceded by a space worth 36, letters worth 10–35 and weights 9 down to 1, divisible
//! by 11; `A` stands for 10. The number encodes neither birth date nor sex.

use super::{Encoded, Invalid};

const SHAPE: &str = "one or two letters, six digits and a check digit or A, e.g. A123456(3)";

/// The check character of the letters and digits before it.
pub fn check_character(body: &str) -> Option<char> {
    let value = |c: char| match c {
        ' ' => Some(36),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '0'..='9' => c.to_digit(10),
        _ => None,
    };
    let padded = if body.len() == 7 {
        format!(" {body}")
    } else {
        body.to_owned()
    };
    let mut sum = 0;
    for (c, weight) in padded.chars().zip((2..=9).rev()) {
        sum += value(c)? * weight;
    }
    match (11 - sum % 11) % 11 {
        10 => Some('A'),
        n => char::from_digit(n, 10),
    }
}

/// Validate a normalised number (parentheses removed).
pub fn validate(number: &str) -> Result<Encoded, Invalid> {
    let letters = number.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &number[letters..];
    if !(1..=2).contains(&letters)
        || !rest.is_ascii()
        || rest.len() != 7
        || !rest[..6].bytes().all(|b| b.is_ascii_digit())
        || !matches!(rest.as_bytes()[6], b'0'..=b'9' | b'A')
    {
        return Err(Invalid::Shape(SHAPE));
    }
    let body = &number[..number.len() - 1];
    if check_character(body) != number.chars().last() {
        return Err(Invalid::CheckDigit);
    }
    Ok(Encoded::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples() {
        // The Immigration Department's illustration A123456(3), and two-letter numbers.
        for valid in ["A1234563", "G123456A", "AB9876543", "Z6837841", "XA0000008"] {
            assert_eq!(
                validate(valid),
                Ok(Encoded::default()),
                "{valid}: {:?}",
                check_character(&valid[..valid.len() - 1])
            );
        }
        assert_eq!(validate("A1234564"), Err(Invalid::CheckDigit));
        assert!(matches!(validate("A12345"), Err(Invalid::Shape(_))));
        assert!(matches!(validate("1234567"), Err(Invalid::Shape(_))));
        // Seven bytes that are not seven characters.
        assert!(matches!(validate("A12345é"), Err(Invalid::Shape(_))));
    }

    #[test]
    fn every_single_character_change_the_check_can_see_is_caught() {
        // Modulo 11 with weights 2–9 catches a change unless the values differ by a multiple
        // of 11 (letters A and L, 10 and 21): every digit change, and those letter changes.
        let valid = "A1234563";
        let value = |c: char| c.to_digit(36).unwrap() as i32;
        for i in 0..valid.len() - 1 {
            let alphabet = if i == 0 {
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            } else {
                "0123456789"
            };
            for c in alphabet.chars() {
                let mut chars: Vec<char> = valid.chars().collect();
                let before = chars[i];
                if before == c {
                    continue;
                }
                chars[i] = c;
                let changed: String = chars.into_iter().collect();
                let visible = (value(before) - value(c)) % 11 != 0;
                assert_eq!(validate(&changed).is_err(), visible, "{changed}");
            }
        }
    }
    #[test]
    fn generated_valid_numbers_pass() {
        for state in super::super::test_numbers(2000) {
            let letter = |k: u64| char::from(b'A' + (k % 26) as u8);
            let prefix: String = if state.is_multiple_of(3) {
                [letter(state >> 5), letter(state >> 11)].iter().collect()
            } else {
                letter(state >> 5).to_string()
            };
            let body = format!("{prefix}{:06}", (state >> 20) % 1_000_000);
            let number = format!("{body}{}", check_character(&body).unwrap());
            assert_eq!(validate(&number), Ok(Encoded::default()), "{number}");
        }
    }
}
