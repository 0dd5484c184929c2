//! Composing MRZ lines from document fields, with every check digit computed.

use super::check_digit;

/// The MRZ layouts of ICAO 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Layout {
    /// ID-1 cards: 3 lines of 30.
    Td1,
    /// ID-2 cards: 2 lines of 36.
    Td2,
    /// Passports: 2 lines of 44.
    Td3,
}

impl Layout {
    pub fn lines(self) -> usize {
        match self {
            Layout::Td1 => 3,
            Layout::Td2 | Layout::Td3 => 2,
        }
    }

    pub fn line_length(self) -> usize {
        match self {
            Layout::Td1 => 30,
            Layout::Td2 => 36,
            Layout::Td3 => 44,
        }
    }

    /// Characters available for the name (surname, `<<`, given names).
    pub fn name_length(self) -> usize {
        match self {
            Layout::Td1 => 30,
            Layout::Td2 => 31,
            Layout::Td3 => 39,
        }
    }
}

/// The fields an MRZ encodes, already in MRZ characters except the names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzFields {
    /// Two characters: `P<` for passports, `I<`, `ID`, `AC`… for cards.
    pub document_code: String,
    /// Issuing state, three characters (`D<<` for Germany).
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    /// Up to 9 characters.
    pub document_number: String,
    pub nationality: String,
    /// `YYMMDD`.
    pub birth_date: String,
    /// `M`, `F` or `<`.
    pub sex: char,
    /// `YYMMDD`.
    pub expiry_date: String,
    /// Personal number (TD3, 14 characters) or optional data (TD1 line 1, 15 characters).
    pub optional: String,
}

/// A name in MRZ characters: upper case A–Z, spaces and hyphens as `<`, apostrophes and
/// other marks dropped. (Full ICAO transliteration of accented letters belongs to the name
/// comparison; the generator invents names in plain Latin letters.)
pub fn mrz_name(name: &str) -> String {
    name.to_uppercase()
        .chars()
        .filter_map(|c| match c {
            'A'..='Z' => Some(c),
            ' ' | '-' => Some('<'),
            _ => None,
        })
        .collect()
}

/// Pad with `<` or cut to exactly `width` characters.
fn fit(text: &str, width: usize) -> String {
    let mut out: String = text.chars().take(width).collect();
    while out.chars().count() < width {
        out.push('<');
    }
    out
}

fn digit(field: &str) -> char {
    check_digit(field).expect("fields are composed of MRZ characters")
}

/// The name field: `SURNAME<<GIVEN<NAMES`, truncated to the layout's width. Returns the field
/// and whether the name had to be truncated.
pub fn name_field(layout: Layout, surname: &str, given_names: &str) -> (String, bool) {
    let full = format!("{}<<{}", mrz_name(surname), mrz_name(given_names));
    let width = layout.name_length();
    (fit(&full, width), full.chars().count() > width)
}

/// Compose the MRZ lines of a document. Every check digit is correct.
pub fn compose(layout: Layout, f: &MrzFields) -> Vec<String> {
    let number = fit(&f.document_number, 9);
    let number_cd = digit(&number);
    let birth_cd = digit(&f.birth_date);
    let expiry_cd = digit(&f.expiry_date);
    let code = fit(&f.document_code, 2);
    let state = fit(&f.issuing_state, 3);
    let nationality = fit(&f.nationality, 3);
    let (name, _) = name_field(layout, &f.surname, &f.given_names);
    match layout {
        Layout::Td3 => {
            let personal = fit(&f.optional, 14);
            let personal_cd = if personal.chars().all(|c| c == '<') {
                '<'
            } else {
                digit(&personal)
            };
            let composite_input = format!(
                "{number}{number_cd}{}{birth_cd}{}{expiry_cd}{personal}{personal_cd}",
                f.birth_date, f.expiry_date
            );
            let line2 = format!(
                "{number}{number_cd}{nationality}{}{birth_cd}{}{}{expiry_cd}{personal}{personal_cd}{}",
                f.birth_date,
                f.sex,
                f.expiry_date,
                digit(&composite_input)
            );
            vec![format!("{code}{state}{name}"), line2]
        }
        Layout::Td2 => {
            let optional = fit(&f.optional, 7);
            let composite_input = format!(
                "{number}{number_cd}{}{birth_cd}{}{expiry_cd}{optional}",
                f.birth_date, f.expiry_date
            );
            let line2 = format!(
                "{number}{number_cd}{nationality}{}{birth_cd}{}{}{expiry_cd}{optional}{}",
                f.birth_date,
                f.sex,
                f.expiry_date,
                digit(&composite_input)
            );
            vec![format!("{code}{state}{name}"), line2]
        }
        Layout::Td1 => {
            let optional = fit(&f.optional, 15);
            let line1 = format!("{code}{state}{number}{number_cd}{optional}");
            let optional2 = fit("", 11);
            let line2_body = format!(
                "{}{birth_cd}{}{}{expiry_cd}{nationality}{optional2}",
                f.birth_date, f.sex, f.expiry_date
            );
            // ICAO 9303-5: line 1 positions 6–30, line 2 positions 1–7, 9–15 and 19–29.
            let composite_input = [
                &line1[5..30],
                &line2_body[0..7],
                &line2_body[8..15],
                &line2_body[18..29],
            ]
            .concat();
            let line2 = format!("{line2_body}{}", digit(&composite_input));
            vec![line1, line2, name]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utopia(code: &str, number: &str, optional: &str) -> MrzFields {
        MrzFields {
            document_code: code.into(),
            issuing_state: "UTO".into(),
            surname: "ERIKSSON".into(),
            given_names: "ANNA MARIA".into(),
            document_number: number.into(),
            nationality: "UTO".into(),
            birth_date: "740812".into(),
            sex: 'F',
            expiry_date: "120415".into(),
            optional: optional.into(),
        }
    }

    #[test]
    fn td3_matches_the_icao_specimen() {
        let lines = compose(Layout::Td3, &utopia("P", "L898902C3", "ZE184226B"));
        assert_eq!(lines[0], "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(lines[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    }

    #[test]
    fn td2_matches_the_icao_specimen() {
        let lines = compose(Layout::Td2, &utopia("I", "D23145890", ""));
        assert_eq!(lines[0], "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<");
        assert_eq!(lines[1], "D231458907UTO7408122F1204159<<<<<<<6");
    }

    #[test]
    fn td1_matches_the_icao_specimen() {
        let lines = compose(Layout::Td1, &utopia("I", "D23145890", ""));
        assert_eq!(lines[0], "I<UTOD231458907<<<<<<<<<<<<<<<");
        assert_eq!(lines[1], "7408122F1204159UTO<<<<<<<<<<<6");
        assert_eq!(lines[2], "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    }

    #[test]
    fn long_names_are_truncated_and_flagged() {
        let (field, truncated) = name_field(
            Layout::Td1,
            "VAN DER BERG-OYELARAN",
            "MARIA ALEJANDRA CONSTANZA",
        );
        assert_eq!(field.len(), 30);
        assert!(truncated);
        assert!(field.starts_with("VAN<DER<BERG<OYELARAN<<MARIA<A"));
        assert_eq!(mrz_name("O'Brien"), "OBRIEN");
    }
}
