//! Parsing MRZ text into fields (ICAO Doc 9303 parts 4–7, and the French national ID card's
//! own 2 × 36 layout), with every check digit verified and reported, never corrected.
//!
//! Parsing is strict about shape (line count and length, the MRZ alphabet) and lenient about
//! content: a calendar-invalid date on a specimen, an unknown state code or a failing check
//! digit is reported in the result, not an error, because the caller must be able to say
//! what is wrong with a document.

use jiff::civil::Date;
use serde::Serialize;

use super::check_digit;
use super::fields::{self, Checked, Fields};

/// The MRZ layouts the parser knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MrzFormat {
    /// ID-1 cards (ICAO 9303-5): 3 lines of 30.
    #[serde(rename = "TD1")]
    Td1,
    /// ID-2 cards (9303-6): 2 lines of 36.
    #[serde(rename = "TD2")]
    Td2,
    /// Passports (9303-4): 2 lines of 44.
    #[serde(rename = "TD3")]
    Td3,
    /// Visas on a passport-sized page (9303-7): 2 lines of 44.
    #[serde(rename = "MRV-A")]
    MrvA,
    /// Visas on an ID-2-sized sticker (9303-7): 2 lines of 36.
    #[serde(rename = "MRV-B")]
    MrvB,
    /// The French national ID card of 1988–2021: 2 lines of 36, not an ICAO layout.
    #[serde(rename = "FRENCH-ID")]
    FrenchId,
}

impl MrzFormat {
    /// Every layout, in the order of the enum.
    pub const ALL: [MrzFormat; 6] = [
        MrzFormat::Td1,
        MrzFormat::Td2,
        MrzFormat::Td3,
        MrzFormat::MrvA,
        MrzFormat::MrvB,
        MrzFormat::FrenchId,
    ];

    /// The lines and their length.
    pub fn shape(self) -> (usize, usize) {
        match self {
            MrzFormat::Td1 => (3, 30),
            MrzFormat::Td2 | MrzFormat::MrvB | MrzFormat::FrenchId => (2, 36),
            MrzFormat::Td3 | MrzFormat::MrvA => (2, 44),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "TD1",
            MrzFormat::Td2 => "TD2",
            MrzFormat::Td3 => "TD3",
            MrzFormat::MrvA => "MRV-A",
            MrzFormat::MrvB => "MRV-B",
            MrzFormat::FrenchId => "French ID",
        }
    }

    /// Whether the layout is one of ICAO 9303's.
    pub fn is_icao(self) -> bool {
        self != MrzFormat::FrenchId
    }
}

/// One check digit as printed and as computed from its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DigitCheck {
    /// What it covers: `document_number`, `birth_date`, `expiry_date`, `optional_data`,
    /// `composite`.
    pub field: &'static str,
    /// The printed check character.
    pub printed: char,
    /// The digit the field calls for (`<` for an empty optional field, where `<` is allowed).
    pub computed: char,
    pub valid: bool,
}

/// A date as printed (`YYMMDD`): the century is not printed, so it is resolved by the reader
/// against a reference day ([`MrzDate::as_birth_date`], [`MrzDate::as_expiry_date`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MrzDate {
    /// The six printed characters.
    pub text: String,
    /// Whether they form a calendar date in at least one century (specimens print 29 February
    /// of years that are not leap years, or day 00).
    pub valid: bool,
}

impl MrzDate {
    fn new(text: &str) -> MrzDate {
        MrzDate {
            text: text.to_owned(),
            valid: [1900, 2000]
                .iter()
                .any(|&century| Self::in_century(text, century).is_some()),
        }
    }

    fn parts(text: &str) -> Option<(i16, i8, i8)> {
        if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().ok();
        Some((number(0..2)?, number(2..4)? as i8, number(4..6)? as i8))
    }

    fn in_century(text: &str, century: i16) -> Option<Date> {
        let (yy, mm, dd) = Self::parts(text)?;
        Date::new(century + yy, mm, dd).ok()
    }

    /// As a birth date: the latest century that does not put it after `today`.
    pub fn as_birth_date(&self, today: Date) -> Option<Date> {
        let this = today.year() / 100 * 100;
        [this, this - 100]
            .into_iter()
            .filter_map(|c| Self::in_century(&self.text, c))
            .find(|d| *d <= today)
    }

    /// As an expiry date: within 50 years before `today` or 50 after.
    pub fn as_expiry_date(&self, today: Date) -> Option<Date> {
        let this = today.year() / 100 * 100;
        [this - 100, this, this + 100]
            .into_iter()
            .filter_map(|c| Self::in_century(&self.text, c))
            .find(|d| (i32::from(d.year()) - i32::from(today.year())).abs() <= 50)
    }
}

/// The fields of a machine-readable zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedMrz {
    pub format: MrzFormat,
    /// The lines as read.
    pub lines: Vec<String>,
    /// `P`, `I`, `ID`, `AC`, `V`… (fillers removed).
    pub document_code: String,
    /// Issuing state or organisation as printed, fillers removed (`D` for Germany, `UTO`).
    pub issuing_state: String,
    pub surname: String,
    /// Given names separated by spaces.
    pub given_names: String,
    /// The name filled its field to the last character, so it may have been cut short.
    pub name_truncated: bool,
    /// Fillers removed; on TD1 cards a number longer than 9 characters continues in the
    /// optional data (its check digit then follows it there).
    pub document_number: String,
    pub nationality: String,
    pub birth_date: MrzDate,
    /// `M`, `F`, `X` or `<` (unspecified).
    pub sex: char,
    /// `None` on the French ID card, whose MRZ carries none.
    pub expiry_date: Option<MrzDate>,
    /// Optional data (TD3's personal number), fillers trimmed.
    pub optional_data: String,
    pub checks: Vec<DigitCheck>,
}

impl ParsedMrz {
    /// Whether every check digit holds.
    pub fn all_checks_valid(&self) -> bool {
        self.checks.iter().all(|c| c.valid)
    }
}

/// Why text is not an MRZ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not 2 lines of 36 or 44, nor 3 of 30 (the shape found).
    Shape(Vec<usize>),
    /// A character outside `A`–`Z`, `0`–`9`, `<` (line and position, 1-based).
    Character { line: usize, position: usize },
    /// Two lines of 36 beginning with a passport's document code `P`: ICAO 9303 prints a
    /// passport's zone as 2 × 44 (TD2 codes begin `A`, `C` or `I`), so this is most likely a
    /// passport's zone with 8 characters a line missing (cut off, or read short).
    PassportShort,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::Shape(lengths) => write!(
                f,
                "not a machine-readable zone: {} line(s) of {:?} characters (expected 3 × 30, 2 × 36 or 2 × 44)",
                lengths.len(),
                lengths
            ),
            ParseError::Character { line, position } => write!(
                f,
                "line {line}, position {position}: not an MRZ character (A–Z, 0–9, <)"
            ),
            ParseError::PassportShort => write!(
                f,
                "a passport's document code (P) on lines of 36 characters: a passport's zone is 2 × 44"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parse MRZ text: its lines separated by line breaks (surrounding blank lines and spaces are
/// ignored). The format follows from the shape and the document code.
pub fn parse_mrz(text: &str) -> Result<ParsedMrz, ParseError> {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(p) = line
            .chars()
            .position(|c| !matches!(c, 'A'..='Z' | '0'..='9' | '<'))
        {
            return Err(ParseError::Character {
                line: i + 1,
                position: p + 1,
            });
        }
    }
    let shape: Vec<usize> = lines.iter().map(String::len).collect();
    let visa = lines.first().is_some_and(|l| l.starts_with('V'));
    let format = match shape.as_slice() {
        [30, 30, 30] => MrzFormat::Td1,
        [44, 44] if visa => MrzFormat::MrvA,
        [44, 44] => MrzFormat::Td3,
        [36, 36] if visa => MrzFormat::MrvB,
        [36, 36] if lines[0].starts_with("IDFRA") => MrzFormat::FrenchId,
        [36, 36] if lines[0].starts_with('P') => return Err(ParseError::PassportShort),
        [36, 36] => MrzFormat::Td2,
        _ => return Err(ParseError::Shape(shape)),
    };
    Ok(parse_fields(format, lines))
}

/// Fillers at either end removed, fillers inside turned into spaces.
fn clean(field: &str) -> String {
    field.trim_matches('<').replace('<', " ")
}

/// `SURNAME<<GIVEN<NAMES` → surname and given names; whether the field is full.
fn names(field: &str) -> (String, String, bool) {
    let (surname, given) = field.split_once("<<").unwrap_or((field, ""));
    (clean(surname), clean(given), !field.ends_with('<'))
}

/// Check `field` against its printed check character. An optional field left empty may carry
/// `<` for its check digit (ICAO 9303-4 4.2.2.2 allows `<` or `0`).
fn digit_check(
    name: &'static str,
    field: &str,
    printed: char,
    empty_may_be_filler: bool,
) -> DigitCheck {
    let empty = field.chars().all(|c| c == '<');
    let computed = check_digit(field).unwrap_or('?');
    let valid = printed == computed || (empty_may_be_filler && empty && printed == '<');
    DigitCheck {
        field: name,
        printed,
        computed: if empty_may_be_filler && empty && printed == '<' {
            '<'
        } else {
            computed
        },
        valid,
    }
}

/// `field`'s check digit verified.
fn checked(name: &'static str, field: &Checked, lines: &[String], filler: bool) -> DigitCheck {
    digit_check(name, field.field.of(lines), field.printed(lines), filler)
}

/// The document number and its check, and how many characters of the first optional data
/// field it takes up. A TD1 number longer than 9 characters leaves `<` at its check-digit
/// position, and the rest of the number, then its check digit, open the optional data
/// (ICAO 9303-5 4.2.4).
fn document_number(format: MrzFormat, f: &Fields, lines: &[String]) -> (String, DigitCheck, usize) {
    let number = &f.document_number;
    let optional = f.optional_data.first().map_or("", |s| s.of(lines));
    if format == MrzFormat::Td1 && number.printed(lines) == '<' && !optional.starts_with('<') {
        let overflow = optional.split('<').next().unwrap_or("");
        let (rest, digit) = overflow.split_at(overflow.len().saturating_sub(1));
        let whole = format!("{}{rest}", number.field.of(lines));
        let digit = digit.chars().next().unwrap_or('<');
        let check = digit_check("document_number", &whole, digit, false);
        return (whole, check, overflow.len());
    }
    let check = checked("document_number", number, lines, false);
    (number.field.of(lines).to_owned(), check, 0)
}

/// Every field of a zone of `format` (whose shape `lines` has), at the positions
/// [`fields::fields`] gives.
fn parse_fields(format: MrzFormat, lines: Vec<String>) -> ParsedMrz {
    let f = fields::fields(format);
    let (surname, given_names, name_truncated) = match &f.given_names {
        // The French ID card: the surname alone on line 1, the given names on line 2.
        Some(given) => {
            let given = given.of(&lines);
            let names = given
                .split("<<")
                .map(clean)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (clean(f.name.of(&lines)), names, !given.ends_with('<'))
        }
        None => names(f.name.of(&lines)),
    };
    let (number, number_check, overflow) = document_number(format, &f, &lines);
    let mut checks = vec![
        number_check,
        checked("birth_date", &f.birth_date, &lines, false),
    ];
    if let Some(expiry) = &f.expiry_date {
        checks.push(checked("expiry_date", expiry, &lines, false));
    }
    if let Some(optional) = f.optional_checked() {
        checks.push(checked("optional_data", &optional, &lines, true));
    }
    if let Some(composite) = &f.composite {
        let covered = composite.covered(&lines);
        checks.push(digit_check(
            "composite",
            &covered,
            composite.printed(&lines),
            false,
        ));
    }
    let optional_data = f
        .optional_data
        .iter()
        .enumerate()
        .map(|(i, span)| {
            let text = span.of(&lines);
            clean(if i == 0 { &text[overflow..] } else { text })
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let issuing_state = clean(f.issuing_state.of(&lines));
    ParsedMrz {
        format,
        document_code: clean(f.document_code.of(&lines)),
        nationality: f
            .nationality
            .as_ref()
            .map_or_else(|| issuing_state.clone(), |n| clean(n.of(&lines))),
        issuing_state,
        surname,
        given_names,
        name_truncated,
        document_number: clean(&number),
        birth_date: MrzDate::new(f.birth_date.field.of(&lines)),
        sex: f.sex.of(&lines).chars().next().unwrap_or('<'),
        expiry_date: f
            .expiry_date
            .as_ref()
            .map(|e| MrzDate::new(e.field.of(&lines))),
        optional_data,
        checks,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(lines: &[&str]) -> ParsedMrz {
        parse_mrz(&lines.join("\n")).unwrap()
    }

    fn check<'a>(p: &'a ParsedMrz, field: &str) -> &'a DigitCheck {
        p.checks.iter().find(|c| c.field == field).unwrap()
    }

    #[test]
    fn icao_td3_specimen() {
        // ICAO 9303 part 4, Appendix A (Utopia).
        let p = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert_eq!(p.format, MrzFormat::Td3);
        assert_eq!(p.document_code, "P");
        assert_eq!(p.issuing_state, "UTO");
        assert_eq!(p.surname, "ERIKSSON");
        assert_eq!(p.given_names, "ANNA MARIA");
        assert!(!p.name_truncated);
        assert_eq!(p.document_number, "L898902C3");
        assert_eq!(p.nationality, "UTO");
        assert_eq!(p.birth_date.text, "740812");
        assert_eq!(p.sex, 'F');
        assert_eq!(p.expiry_date.as_ref().unwrap().text, "120415");
        assert_eq!(p.optional_data, "ZE184226B");
        assert_eq!(p.checks.len(), 5);
        assert!(p.all_checks_valid(), "{:?}", p.checks);
        let today = jiff::civil::date(2026, 11, 22);
        assert_eq!(
            p.birth_date.as_birth_date(today),
            Some(jiff::civil::date(1974, 8, 12))
        );
        assert_eq!(
            p.expiry_date.unwrap().as_expiry_date(today),
            Some(jiff::civil::date(2012, 4, 15))
        );
    }

    #[test]
    fn icao_td2_and_td1_specimens() {
        let td2 = parse(&[
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ]);
        assert_eq!(td2.format, MrzFormat::Td2);
        assert_eq!(td2.document_number, "D23145890");
        assert!(td2.all_checks_valid(), "{:?}", td2.checks);
        assert_eq!(td2.checks.len(), 4);

        let td1 = parse(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ]);
        assert_eq!(td1.format, MrzFormat::Td1);
        assert_eq!(td1.document_number, "D23145890");
        assert_eq!(td1.nationality, "UTO");
        assert_eq!(td1.given_names, "ANNA MARIA");
        assert!(td1.all_checks_valid(), "{:?}", td1.checks);
    }

    #[test]
    fn td1_long_document_number_overflows_into_the_optional_data() {
        // ICAO 9303-5 example of a 12-character number: D23145890 + 734, check digit 9.
        let p = parse(&[
            "I<UTOD23145890<7349<<<<<<<<<<<",
            "3407127M9507122UTO<<<<<<<<<<<2",
            "STEVENSON<<PETER<JOHN<<<<<<<<<",
        ]);
        assert_eq!(p.document_number, "D23145890734");
        assert!(check(&p, "document_number").valid, "{:?}", p.checks);
        assert_eq!(p.optional_data, "");
        assert!(p.all_checks_valid(), "{:?}", p.checks);
    }

    #[test]
    fn germany_and_an_empty_personal_number_with_a_filler_check_digit() {
        // The German specimen passport (Erika Mustermann), as published by the issuer.
        let p = parse(&[
            "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
            "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4",
        ]);
        assert_eq!(p.issuing_state, "D");
        assert_eq!(p.nationality, "D");
        assert_eq!(check(&p, "optional_data").computed, '<');
        assert!(p.all_checks_valid(), "{:?}", p.checks);
    }

    #[test]
    fn a_wrong_digit_is_reported_not_fixed() {
        let p = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ]);
        assert!(p.all_checks_valid());
        let typo = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408132F1204159ZE184226B<<<<<10",
        ]);
        let birth = check(&typo, "birth_date");
        assert!(!birth.valid);
        assert_eq!((birth.printed, birth.computed), ('2', '3'));
        assert!(!check(&typo, "composite").valid);
        assert_eq!(typo.birth_date.text, "740813");
    }

    #[test]
    fn calendar_invalid_specimen_dates_are_reported() {
        // 29 February 1911 (the Czech specimen's birth date): no leap year in either century.
        let p = parse(&[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO1102299F1204159ZE184226B<<<<<12",
        ]);
        assert!(!p.birth_date.valid);
        assert_eq!(p.birth_date.text, "110229");
        assert_eq!(
            p.birth_date.as_birth_date(jiff::civil::date(2026, 1, 1)),
            None
        );
        assert!(check(&p, "birth_date").valid, "{:?}", p.checks);
        assert!(MrzDate::new("000229").valid, "2000 was a leap year");
    }

    #[test]
    fn visas_and_the_french_id_card() {
        let mrv = parse(&[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        ]);
        assert_eq!(mrv.format, MrzFormat::MrvA);
        assert_eq!(mrv.checks.len(), 3);
        assert!(mrv.all_checks_valid(), "{:?}", mrv.checks);
        let mrvb = parse(&[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "L8988901C4XXX4009078F9612109<<<<<<<<",
        ]);
        assert_eq!(mrvb.format, MrzFormat::MrvB);
        assert!(mrvb.all_checks_valid(), "{:?}", mrvb.checks);

        // An invented French card, its check digits computed by the rule.
        let line1 = "IDFRADUPONT<<<<<<<<<<<<<<<<<<<75A012";
        let number = "880575A01234";
        let birth = "650412";
        let body = format!(
            "{number}{}JEAN<<PIERRE<<{birth}{}M",
            check_digit(number).unwrap(),
            check_digit(birth).unwrap()
        );
        let composite = check_digit(&format!("{line1}{body}")).unwrap();
        let p = parse_mrz(&format!("{line1}\n{body}{composite}")).unwrap();
        assert_eq!(p.format, MrzFormat::FrenchId);
        assert_eq!(p.surname, "DUPONT");
        assert_eq!(p.given_names, "JEAN PIERRE");
        assert_eq!(p.sex, 'M');
        assert!(p.expiry_date.is_none());
        assert!(p.all_checks_valid(), "{:?}", p.checks);
    }

    #[test]
    fn shapes_and_characters_that_are_not_an_mrz() {
        assert_eq!(parse_mrz("P<UTO\nL898"), Err(ParseError::Shape(vec![5, 4])));
        // A passport's zone read 36 characters short is not taken for a TD2 one: with its
        // personal number empty, every TD2 check digit would hold.
        let cut: Vec<String> = [
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<4",
        ]
        .iter()
        .map(|l| l[..36].to_owned())
        .collect();
        assert_eq!(parse_mrz(&cut.join("\n")), Err(ParseError::PassportShort));
        let err = parse_mrz(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<1o",
        )
        .unwrap_err();
        assert_eq!(
            err,
            ParseError::Character {
                line: 2,
                position: 44
            }
        );
        assert!(err.to_string().contains("line 2, position 44"));
    }

    #[test]
    fn a_name_that_fills_its_field_is_flagged_as_maybe_truncated() {
        let p = parse(&[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "VANDERBERGOYELARAN<<MARIA<ALEJ",
        ]);
        assert!(p.name_truncated);
    }
}
