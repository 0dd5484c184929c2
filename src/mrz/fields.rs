//! Where each field lies in each MRZ layout (ICAO 9303 parts 4–7, and the French national ID
//! card's own 2 × 36 layout).
//!
//! One table, so that a position is written down once: the parser slices the fields out of
//! it, and the reader takes from it the fields a check digit can settle and the state codes
//! it can settle against the list of codes. The recogniser's per-position character sets
//! (`recognise::char_sets`) describe the same positions as runs of character classes; a test
//! below holds the two to each other.

use std::ops::Range;

use super::MrzFormat;

/// A run of characters on one line of the zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Line index, from 0.
    pub line: usize,
    /// Character positions on the line, from 0.
    pub range: Range<usize>,
}

impl Span {
    const fn new(line: usize, start: usize, end: usize) -> Span {
        Span {
            line,
            range: start..end,
        }
    }

    /// The characters of this span in `lines` (which must have the layout's shape).
    pub fn of<'a>(&self, lines: &'a [String]) -> &'a str {
        &lines[self.line][self.range.clone()]
    }
}

/// A field followed by the check digit that covers it, on the same line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub field: Span,
    /// Position of the check digit on the field's line.
    pub check: usize,
}

impl Checked {
    /// A field from `start` to `end` on `line`, its check digit right after it.
    const fn new(line: usize, start: usize, end: usize) -> Checked {
        Checked {
            field: Span::new(line, start, end),
            check: end,
        }
    }

    /// The printed check character in `lines`.
    pub fn printed(&self, lines: &[String]) -> char {
        char::from(lines[self.field.line].as_bytes()[self.check])
    }
}

/// The positions of one layout's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub document_code: Span,
    pub issuing_state: Span,
    /// The whole name field (`SURNAME<<GIVEN<NAMES`); on the French ID card, the surname only.
    pub name: Span,
    /// The French ID card's given names, on a line of their own.
    pub given_names: Option<Span>,
    /// On TD1 cards a number longer than 9 characters overflows into the optional data.
    pub document_number: Checked,
    /// `None` on the French ID card: the issuing state (FRA) stands for the nationality.
    pub nationality: Option<Span>,
    pub birth_date: Checked,
    pub sex: Span,
    /// `None` on the French ID card, which prints no expiry date.
    pub expiry_date: Option<Checked>,
    /// Optional data fields, in order; TD1 cards have one on each of their first two lines.
    pub optional_data: Vec<Span>,
    /// TD3's optional data (the personal number) has a check digit of its own, which may be
    /// `<` when the field is empty.
    pub optional_check: Option<usize>,
    /// Visas carry no composite check digit.
    pub composite: Option<Composite>,
}

/// The composite check digit: the spans it covers, in order, and where it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composite {
    pub covers: Vec<Span>,
    /// One character.
    pub at: Span,
}

impl Composite {
    fn new(covers: Vec<Span>, line: usize, at: usize) -> Composite {
        Composite {
            covers,
            at: Span::new(line, at, at + 1),
        }
    }

    /// The characters covered, joined.
    pub fn covered(&self, lines: &[String]) -> String {
        self.covers.iter().map(|s| s.of(lines)).collect()
    }

    /// The printed check character.
    pub fn printed(&self, lines: &[String]) -> char {
        char::from(lines[self.at.line].as_bytes()[self.at.range.start])
    }
}

impl Fields {
    /// The fields that may hold letters and digits alike and carry a check digit of their
    /// own: where confusable glyphs (0/O, 1/I, 8/B…) are settled by that check digit.
    pub fn mixed_checked(&self) -> Vec<Checked> {
        std::iter::once(self.document_number.clone())
            .chain(self.optional_checked())
            .collect()
    }

    /// TD3's optional data with its check digit; `None` on the other layouts.
    pub fn optional_checked(&self) -> Option<Checked> {
        Some(Checked {
            field: self.optional_data.first()?.clone(),
            check: self.optional_check?,
        })
    }

    /// The state codes (issuing state, nationality), which must be ISO 3166 or ICAO codes.
    pub fn state_codes(&self) -> Vec<Span> {
        std::iter::once(self.issuing_state.clone())
            .chain(self.nationality.clone())
            .collect()
    }
}

/// The positions of `format`'s fields.
pub fn fields(format: MrzFormat) -> Fields {
    let (_, width) = format.shape();
    match format {
        MrzFormat::Td1 => Fields {
            document_code: Span::new(0, 0, 2),
            issuing_state: Span::new(0, 2, 5),
            name: Span::new(2, 0, 30),
            given_names: None,
            document_number: Checked::new(0, 5, 14),
            nationality: Some(Span::new(1, 15, 18)),
            birth_date: Checked::new(1, 0, 6),
            sex: Span::new(1, 7, 8),
            expiry_date: Some(Checked::new(1, 8, 14)),
            optional_data: vec![Span::new(0, 15, 30), Span::new(1, 18, 29)],
            optional_check: None,
            composite: Some(Composite::new(
                vec![
                    Span::new(0, 5, 30),
                    Span::new(1, 0, 7),
                    Span::new(1, 8, 15),
                    Span::new(1, 18, 29),
                ],
                1,
                29,
            )),
        },
        MrzFormat::FrenchId => Fields {
            document_code: Span::new(0, 0, 2),
            issuing_state: Span::new(0, 2, 5),
            name: Span::new(0, 5, 30),
            given_names: Some(Span::new(1, 13, 27)),
            document_number: Checked::new(1, 0, 12),
            nationality: None,
            birth_date: Checked::new(1, 27, 33),
            sex: Span::new(1, 34, 35),
            expiry_date: None,
            // The issuing office.
            optional_data: vec![Span::new(0, 30, 36)],
            optional_check: None,
            composite: Some(Composite::new(
                vec![Span::new(0, 0, 36), Span::new(1, 0, 35)],
                1,
                35,
            )),
        },
        // Line 2 of TD2, TD3 and the visas opens alike (ICAO 9303-4 to -7): document number
        // and its check digit, nationality, birth date and its check digit, sex, expiry date
        // and its check digit; only what follows differs.
        MrzFormat::Td2 | MrzFormat::Td3 | MrzFormat::MrvA | MrzFormat::MrvB => {
            // The composite covers the number, birth date and expiry with their check digits
            // and the optional data (with its own check digit on TD3), and follows them.
            let composite = |end| {
                let covers = vec![
                    Span::new(1, 0, 10),
                    Span::new(1, 13, 20),
                    Span::new(1, 21, end),
                ];
                Some(Composite::new(covers, 1, end))
            };
            let (optional, optional_check, composite) = match format {
                MrzFormat::Td3 => (Span::new(1, 28, 42), Some(42), composite(43)),
                MrzFormat::Td2 => (Span::new(1, 28, 35), None, composite(35)),
                // Visas carry no composite check digit and no check digit over their
                // optional data.
                _ => (Span::new(1, 28, width), None, None),
            };
            Fields {
                document_code: Span::new(0, 0, 2),
                issuing_state: Span::new(0, 2, 5),
                name: Span::new(0, 5, width),
                given_names: None,
                document_number: Checked::new(1, 0, 9),
                nationality: Some(Span::new(1, 10, 13)),
                birth_date: Checked::new(1, 13, 19),
                sex: Span::new(1, 20, 21),
                expiry_date: Some(Checked::new(1, 21, 27)),
                optional_data: vec![optional],
                optional_check,
                composite,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::recognise::{CharSet, char_sets};

    /// The recogniser's character set at every position of `span` is one `expect` accepts.
    fn assert_sets(format: MrzFormat, span: &Span, expect: impl Fn(CharSet) -> bool, what: &str) {
        let sets = char_sets(format);
        for i in span.range.clone() {
            let set = sets[span.line][i];
            assert!(
                expect(set),
                "{format:?} line {} position {i} ({what}): {set:?}",
                span.line
            );
        }
    }

    #[test]
    fn the_table_and_the_recognisers_character_sets_agree() {
        let digit = |s| matches!(s, CharSet::Digit);
        let check = |s| matches!(s, CharSet::Digit | CharSet::DigitOrFiller);
        for format in MrzFormat::ALL {
            let f = fields(format);
            let (lines, width) = format.shape();
            let spans = [&f.document_code, &f.issuing_state, &f.name, &f.sex]
                .into_iter()
                .chain(f.given_names.as_ref())
                .chain(f.nationality.as_ref())
                .chain(&f.optional_data);
            for span in spans {
                assert!(
                    span.line < lines && span.range.end <= width,
                    "{format:?} {span:?}"
                );
            }
            let dates = std::iter::once(&f.birth_date).chain(f.expiry_date.as_ref());
            for date in dates {
                assert_sets(format, &date.field, digit, "date");
            }
            let checked = [&f.document_number, &f.birth_date]
                .into_iter()
                .chain(f.expiry_date.as_ref());
            for c in checked {
                let at = Span::new(c.field.line, c.check, c.check + 1);
                assert_sets(format, &at, check, "check digit");
            }
            assert_sets(format, &f.sex, |s| s == CharSet::Sex, "sex");
            for code in f.state_codes() {
                let states = |s| matches!(s, CharSet::Letter | CharSet::Nationality);
                assert_sets(format, &code, states, "state code");
            }
            if let Some(composite) = &f.composite {
                assert_sets(format, &composite.at, digit, "composite check digit");
            }
        }
    }
}
