//! Mainland China resident identity card numbers (GB 11643-1999): six digits of region, the
//! birth date as YYYYMMDD, a three-digit sequence whose last digit is odd for men and even for
//! women, and a check character (ISO 7064 MOD 11-2, `X` for 10). The 15-digit numbers issued
//! before 1999 have a two-digit year and no check character.

use jiff::civil::Date;

use super::{Encoded, Invalid};
use crate::profile::Sex;

/// Province-level codes (the first two digits) in use: the 31 provinces, autonomous regions
/// and municipalities, and 71/81/82/83 for Taiwan, Hong Kong, Macao residents' permits.
const PROVINCES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// The check character of the first 17 digits: weights 2^(17−i) mod 11, then
/// `(12 − sum mod 11) mod 11`, written `X` for 10.
pub fn check_character(first17: &[u8; 17]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// Validate a normalised number against `today` (a birth date after it is impossible).
pub fn validate(number: &str, today: Date) -> Result<Encoded, Invalid> {
    let bytes = number.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<Vec<u8>> {
        bytes[range]
            .iter()
            .map(|b| b.is_ascii_digit().then(|| b - b'0'))
            .collect()
    };
    let (birth_text, sequence_last) = match bytes.len() {
        18 => {
            let first: [u8; 17] = digits(0..17)
                .ok_or(Invalid::Shape("17 digits then a digit or X"))?
                .try_into()
                .expect("17 digits");
            let last = bytes[17];
            if !(last.is_ascii_digit() || last == b'X') {
                return Err(Invalid::Shape("17 digits then a digit or X"));
            }
            if check_character(&first) != last as char {
                return Err(Invalid::CheckDigit);
            }
            (number[6..14].to_owned(), first[16])
        }
        15 => {
            let all = digits(0..15).ok_or(Invalid::Shape("15 digits"))?;
            (format!("19{}", &number[6..12]), all[14])
        }
        _ => {
            return Err(Invalid::Shape(
                "18 characters (or 15 digits for a pre-1999 card)",
            ));
        }
    };
    let province: u8 = number[0..2].parse().map_err(|_| Invalid::Region)?;
    if !PROVINCES.contains(&province) {
        return Err(Invalid::Region);
    }
    let part = |r: std::ops::Range<usize>| birth_text[r].parse::<i16>().ok();
    let birth = match (part(0..4), part(4..6), part(6..8)) {
        (Some(y), Some(m), Some(d)) => Date::new(y, m as i8, d as i8).ok(),
        _ => None,
    }
    .filter(|date| *date <= today && date.year() >= 1900)
    .ok_or(Invalid::BirthDate)?;
    let sex = if sequence_last % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok(Encoded {
        birth_date: Some(birth),
        sex: Some(sex),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 22);

    #[test]
    fn published_examples_are_valid_and_encode_the_holder() {
        // The design's sample profile; widely published examples (Beijing, Shenzhen,
        // Nanjing); a pre-1999 15-digit number.
        let examples = [
            ("11010519491231002X", date(1949, 12, 31), Sex::Female),
            ("11010119900307803X", date(1990, 3, 7), Sex::Male),
            ("440304198510251011", date(1985, 10, 25), Sex::Male),
            ("320102198001010016", date(1980, 1, 1), Sex::Male),
            ("110101900307802", date(1990, 3, 7), Sex::Female),
        ];
        for (number, birth, sex) in examples {
            let expected = Ok(Encoded {
                birth_date: Some(birth),
                sex: Some(sex),
            });
            assert_eq!(validate(number, TODAY), expected, "{number}");
        }
    }

    #[test]
    fn every_single_digit_change_is_caught() {
        // MOD 11-2 catches every single substitution: change each of the 18 characters to
        // every other value and none may pass.
        let valid = "11010519491231002X";
        for i in 0..18 {
            for c in "0123456789X".chars() {
                let mut chars: Vec<char> = valid.chars().collect();
                if chars[i] == c || (i < 17 && c == 'X') {
                    continue;
                }
                chars[i] = c;
                let changed: String = chars.into_iter().collect();
                assert!(validate(&changed, TODAY).is_err(), "{changed} passed");
            }
        }
    }

    #[test]
    fn adjacent_transpositions_of_different_digits_are_caught() {
        let valid = "11010519491231002X";
        let chars: Vec<char> = valid.chars().collect();
        for i in 0..16 {
            if chars[i] == chars[i + 1] {
                continue;
            }
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            let swapped: String = swapped.into_iter().collect();
            assert!(validate(&swapped, TODAY).is_err(), "{swapped} passed");
        }
    }

    #[test]
    fn shapes_regions_and_dates_are_checked() {
        assert_eq!(
            validate("1101051949123100", TODAY),
            Err(Invalid::Shape(
                "18 characters (or 15 digits for a pre-1999 card)"
            ))
        );
        assert!(matches!(
            validate("1101051949123100A2", TODAY),
            Err(Invalid::Shape(_))
        ));
        // Region 99 does not exist; the check character is made right so only the region fails.
        let mut first: [u8; 17] = [9, 9, 0, 1, 0, 5, 1, 9, 4, 9, 1, 2, 3, 1, 0, 0, 2];
        let bad_region = format!(
            "{}{}",
            first.iter().map(|d| d.to_string()).collect::<String>(),
            check_character(&first)
        );
        assert_eq!(validate(&bad_region, TODAY), Err(Invalid::Region));
        // 31 February.
        first = [1, 1, 0, 1, 0, 5, 1, 9, 4, 9, 0, 2, 3, 1, 0, 0, 2];
        let bad_date = format!(
            "{}{}",
            first.iter().map(|d| d.to_string()).collect::<String>(),
            check_character(&first)
        );
        assert_eq!(validate(&bad_date, TODAY), Err(Invalid::BirthDate));
    }
    #[test]
    fn generated_valid_numbers_pass_and_encode_what_was_put_in() {
        for r in super::super::test_numbers(2000) {
            let province = PROVINCES[(r % PROVINCES.len() as u64) as usize];
            let birth = date(1930, 1, 1) + jiff::Span::new().days((r >> 8) as i64 % 30000);
            let sequence = (r >> 24) % 1000;
            let body = format!(
                "{province:02}{:04}{}{sequence:03}",
                (r >> 40) % 10000,
                birth.strftime("%Y%m%d")
            );
            let digits: [u8; 17] = body
                .bytes()
                .map(|b| b - b'0')
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            let number = format!("{body}{}", check_character(&digits));
            let encoded = validate(&number, TODAY).unwrap_or_else(|e| panic!("{number}: {e}"));
            assert_eq!(encoded.birth_date, Some(birth), "{number}");
            let male = sequence % 2 == 1;
            assert_eq!(
                encoded.sex,
                Some(if male { Sex::Male } else { Sex::Female })
            );
        }
    }
}
