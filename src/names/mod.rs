//! Names as a machine-readable zone prints them, and how a typed name compares with one.
//!
//! ICAO 9303 part 3 writes names in upper-case A–Z: national characters are transliterated
//! (Ä → AE or A, Ö and Ø → OE, Ü → UE, Å → AA, ß → SS, Æ → AE, Ñ → N, other accents dropped),
//! hyphens and spaces become fillers, apostrophes are left out. A typed name is reduced the
//! same way before it is compared, so `Müller` matches `MUELLER` and `MULLER`; what is left of
//! a difference is classified into the mistakes people make, each with its own advice.

pub mod chinese;

use unicode_normalization::UnicodeNormalization;

/// How a typed surname and given names compare with the document's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// Character for character as the document prints it.
    Exact,
    /// The same once accents are transliterated as ICAO does (the MRZ cannot print them).
    Transliterated,
    /// Only upper/lower case differs.
    CaseOnly,
    /// Only spaces, hyphens or apostrophes differ.
    Separators,
    /// The document's name is cut short to fit the zone and the typed one begins with it.
    Truncated,
    /// Surname typed as given names and the reverse.
    Swapped,
    /// The typed given names lack one the document has (a middle name).
    MissingGivenName,
    /// The typed given names have one the document does not.
    ExtraGivenName,
    /// Anything else.
    Different,
}

/// One name in MRZ form: upper case A–Z, ICAO transliteration (`german`: Ä → AE, else → A),
/// words separated by single spaces, apostrophes dropped, hyphens as spaces.
pub fn mrz_form(name: &str, german: bool) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let mapped: &str = match c {
            'Ä' | 'ä' if german => "AE",
            'Ö' | 'ö' if german => "OE",
            'Ü' | 'ü' if german => "UE",
            'Ø' | 'ø' => "OE",
            'Å' | 'å' => "AA",
            'Æ' | 'æ' => "AE",
            'Œ' | 'œ' => "OE",
            'ß' => "SS",
            'Þ' | 'þ' => "TH",
            'Đ' | 'đ' | 'Ð' | 'ð' => "D",
            'Ł' | 'ł' => "L",
            'Ĳ' | 'ĳ' => "IJ",
            '\'' | '’' | '`' | 'ʼ' => "",
            '-' | '‐' | '–' | '<' | ',' | '.' => " ",
            _ => {
                // Other accented letters: their base letter.
                for base in c.to_string().nfd().filter(char::is_ascii_alphanumeric) {
                    out.extend(base.to_uppercase());
                }
                if c.is_whitespace() {
                    out.push(' ');
                }
                continue;
            }
        };
        out.push_str(mapped);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compare typed names with the document's (as the MRZ parser gives them: upper case, words
/// separated by spaces). `truncated` says the document's name filled its field.
pub fn compare(
    typed_surname: &str,
    typed_given: &str,
    doc_surname: &str,
    doc_given: &str,
    truncated: bool,
) -> NameMatch {
    let doc = (doc_surname.trim(), doc_given.trim());
    let same_text = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
    if same_text(typed_surname, doc.0) && same_text(typed_given, doc.1) {
        return NameMatch::Exact;
    }
    let plain = |s: &str| mrz_form(s, false);
    let german = |s: &str| mrz_form(s, true);
    let equal = |typed: &str, document: &str| plain(typed) == document || german(typed) == document;
    let typed_has_lower = typed_surname
        .chars()
        .chain(typed_given.chars())
        .any(char::is_lowercase);
    let upper = |s: &str| s.to_uppercase();
    if equal(typed_surname, doc.0) && equal(typed_given, doc.1) {
        let as_upper =
            same_text(&upper(typed_surname), doc.0) && same_text(&upper(typed_given), doc.1);
        return if typed_has_lower && as_upper {
            NameMatch::CaseOnly
        } else {
            NameMatch::Transliterated
        };
    }
    let squeezed = |s: &str| s.replace(' ', "");
    let (surname, given) = (german(typed_surname), german(typed_given));
    let (surname_plain, given_plain) = (plain(typed_surname), plain(typed_given));
    let joined_equal = |a: &str, b: &str| squeezed(a) == squeezed(b);
    if (joined_equal(&surname, doc.0) || joined_equal(&surname_plain, doc.0))
        && (joined_equal(&given, doc.1) || joined_equal(&given_plain, doc.1))
    {
        return NameMatch::Separators;
    }
    if (equal(typed_surname, doc.1) && equal(typed_given, doc.0))
        || (joined_equal(&surname, doc.1) && joined_equal(&given, doc.0))
    {
        return NameMatch::Swapped;
    }
    if truncated {
        // The zone cut the name where its field ended; the typed one must begin the same.
        let full = |s: &str, g: &str| format!("{s}  {g}");
        let doc_full = full(doc.0, doc.1);
        let doc_full = doc_full.trim_end();
        for (s, g) in [(&surname, &given), (&surname_plain, &given_plain)] {
            if full(s, g).starts_with(doc_full) {
                return NameMatch::Truncated;
            }
        }
    }
    let surname_matches = equal(typed_surname, doc.0) || joined_equal(&surname, doc.0);
    if surname_matches {
        let typed_words: Vec<&str> = given.split_whitespace().collect();
        let doc_words: Vec<&str> = doc.1.split_whitespace().collect();
        let contains_all = |outer: &[&str], inner: &[&str]| inner.iter().all(|w| outer.contains(w));
        if typed_words.len() < doc_words.len() && contains_all(&doc_words, &typed_words) {
            return NameMatch::MissingGivenName;
        }
        if typed_words.len() > doc_words.len() && contains_all(&typed_words, &doc_words) {
            return NameMatch::ExtraGivenName;
        }
    }
    NameMatch::Different
}

#[cfg(test)]
mod tests {
    use super::*;
    use NameMatch::*;

    #[test]
    fn transliteration_follows_icao() {
        let cases = [
            ("Müller", true, "MUELLER"),
            ("Müller", false, "MULLER"),
            ("Øvergård", false, "OEVERGAARD"),
            ("Straße", false, "STRASSE"),
            ("Peña Nieto", false, "PENA NIETO"),
            ("O'Brien", false, "OBRIEN"),
            ("Smith-Jones", false, "SMITH JONES"),
            ("Łukasz", false, "LUKASZ"),
            ("Ærø", false, "AEROE"),
            ("José  María", false, "JOSE MARIA"),
            ("Đorđe", false, "DORDE"),
            ("Ångström", true, "AANGSTROEM"),
            ("Çelik", false, "CELIK"),
        ];
        for (name, german, expected) in cases {
            assert_eq!(mrz_form(name, german), expected, "{name}");
        }
    }

    #[test]
    fn each_kind_of_difference_is_told_apart() {
        let doc = ("ZHANG", "SANFENG");
        let cases = [
            (("ZHANG", "SANFENG"), Exact),
            (("Zhang", "Sanfeng"), CaseOnly),
            (("zhang", "sanfeng"), CaseOnly),
            (("SANFENG", "ZHANG"), Swapped),
            (("Sanfeng", "Zhang"), Swapped),
            (("ZHANG", "SAN FENG"), Separators),
            (("ZHANG", "SAN-FENG"), Separators),
            (("ZHANG", "SANFENG LI"), ExtraGivenName),
            (("ZHANG", "SANFONG"), Different),
            (("CHANG", "SANFENG"), Different),
            (("", ""), Different),
        ];
        for ((surname, given), expected) in cases {
            assert_eq!(
                compare(surname, given, doc.0, doc.1, false),
                expected,
                "{surname} {given}"
            );
        }
    }

    #[test]
    fn accents_middle_names_and_truncation() {
        assert_eq!(
            compare("Müller", "Jürgen", "MUELLER", "JUERGEN", false),
            Transliterated
        );
        assert_eq!(
            compare("Müller", "Jürgen", "MULLER", "JURGEN", false),
            Transliterated
        );
        assert_eq!(
            compare(
                "NAVARRO SANZ",
                "MARIA",
                "NAVARRO SANZ",
                "MARIA DEL CARMEN",
                false
            ),
            MissingGivenName
        );
        assert_eq!(
            compare("O'Brien", "Sean", "OBRIEN", "SEAN", false),
            Transliterated
        );
        assert_eq!(
            compare("OBRIEN", "SEAN", "O BRIEN", "SEAN", false),
            Separators
        );
        // A TD3 name field of 39 characters cut the given names.
        assert_eq!(
            compare(
                "FITZGERALD MONTGOMERY",
                "ANASTASIA VICTORIA ELIZABETH",
                "FITZGERALD MONTGOMERY",
                "ANASTASIA VICTO",
                true
            ),
            Truncated
        );
        assert_eq!(
            compare(
                "FITZGERALD MONTGOMERY",
                "ANASTASIA VALERIE",
                "FITZGERALD MONTGOMERY",
                "ANASTASIA VICTO",
                true
            ),
            Different
        );
    }
}
