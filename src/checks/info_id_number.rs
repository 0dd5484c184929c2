//! `info.id_number`: is the typed number well formed, its check digit right, and the number on
//! the document?

use super::{Check, Outcome, Run};
use crate::applicant::Applicant;
use crate::ids::{self, Invalid};
use crate::options::Options;
use crate::pii::Masker;
use crate::profile::{DocumentType, IdType};
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "info.id_number",
    category: Category::Info,
    title: "ID number",
    summary: "The typed ID number is valid for its kind and matches the document's number.",
    what: "Validates the typed number for its `id_type`: a mainland Chinese resident ID (18 \
           characters, GB 11643 MOD 11-2 check character, province code, embedded birth date; \
           or the 15-digit pre-1999 form), a Hong Kong identity card (check digit), a Taiwan \
           ID (check digit); passport and other numbers must be letters and digits. Then \
           compares it with the document number (or personal number) in the machine-readable \
           zone of the document read from a photo, naming the position of a single wrong \
           character, a look-alike (O/0, I/1) or two swapped characters. Numbers are masked \
           unless --show-pii.",
    why: "A mistyped number is the commonest mismatch between a form and its document, and \
          forms that check the number's own check digit refuse it before any review.",
    fix: "Copy the number character by character from the document; a letter O is not the \
          digit 0, nor I the digit 1.",
    hint: "Type the number exactly as printed on the document.",
    run: Run::Applicant(run),
};

fn kind_name(kind: Option<IdType>) -> &'static str {
    match kind {
        Some(IdType::CnResidentId) => "mainland Chinese resident ID number",
        Some(IdType::HkId) => "Hong Kong identity card number",
        Some(IdType::TwId) => "Taiwan ID number",
        Some(IdType::Passport) => "passport number",
        _ => "document number",
    }
}

/// The numbers a machine-readable zone holds (the document number, and the personal number
/// some states print in the optional data) and how the typed one compares.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NumberMatch {
    Same,
    /// Equal once look-alikes (O/0, I/1, B/8, S/5, Z/2, G/6) are read alike; the position of
    /// the first.
    LookAlike(usize),
    /// One character differs, at this position (1-based).
    OneCharacter(usize),
    /// Two adjacent characters swapped, at this position and the next.
    Transposed(usize),
    Different,
}

pub(crate) fn compare_numbers(typed: &str, document: &str) -> NumberMatch {
    if typed == document {
        return NumberMatch::Same;
    }
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), document.chars().collect());
    if a.len() != b.len() {
        return NumberMatch::Different;
    }
    let alike = |c: char| match c {
        'O' | 'Q' | 'D' => '0',
        'I' | 'L' => '1',
        'B' => '8',
        'S' => '5',
        'Z' => '2',
        'G' => '6',
        other => other,
    };
    let differing: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    if differing.iter().all(|&i| alike(a[i]) == alike(b[i])) {
        return NumberMatch::LookAlike(differing[0] + 1);
    }
    match differing.as_slice() {
        [i] => NumberMatch::OneCharacter(i + 1),
        [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i] => NumberMatch::Transposed(i + 1),
        _ => NumberMatch::Different,
    }
}

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let profile = applicant.profile;
    let Some(typed) = &profile.id_number else {
        return Outcome::skip("No ID number typed (id_number in the profile).");
    };
    let number = ids::normalise(typed);
    let masker = Masker::new(options.show_pii);
    let kind = kind_name(profile.id_type);
    let checked = profile
        .id_type
        .and_then(|kind| ids::validate(kind, &number, options.today));
    let has_check_digit = checked.is_some();
    let validated = match checked {
        Some(result) => result.map(|_| ()),
        None if number.len() < 5 || number.len() > 20 => {
            Err(Invalid::Shape("5 to 20 letters and digits"))
        }
        _ if !number
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) =>
        {
            Err(Invalid::Shape("letters and digits only"))
        }
        _ => Ok(()),
    };
    match validated {
        Err(Invalid::CheckDigit) => {
            return Outcome::fail(format!(
                "The {kind} typed ({}) fails its check digit: most likely a typo.",
                masker.id(&number)
            ))
            .hint("Compare the number with the document character by character.");
        }
        Err(problem) => {
            return Outcome::fail(format!(
                "The {kind} typed ({}) is not valid: {problem}.",
                masker.id(&number)
            ));
        }
        Ok(()) => {}
    }
    // A national ID number (the kinds with a validator) is not what a zone carries as its
    // document number; it can only be matched against the personal number.
    let compares_document_number = !has_check_digit;
    // A passport number is compared with the passports read, when there are any.
    let mut documents = applicant.documents_typed_about();
    if profile.id_type == Some(IdType::Passport)
        && documents.iter().any(|d| d.is_a(DocumentType::Passport))
    {
        documents.retain(|d| d.is_a(DocumentType::Passport));
    }
    for doc in &documents {
        let personal = ids::normalise(&doc.mrz.optional_data);
        if number == doc.mrz.document_number || (!personal.is_empty() && number == personal) {
            return Outcome::pass(format!(
                "The {kind} ({}) matches the document (read from {}).",
                masker.id(&number),
                doc.photo_name()
            ));
        }
    }
    let Some(doc) = documents.first().filter(|_| compares_document_number) else {
        return Outcome::pass(format!(
            "The {kind} typed ({}) is well formed{}.",
            masker.id(&number),
            if has_check_digit {
                " and its check digit is right"
            } else {
                ""
            }
        ));
    };
    let printed = &doc.mrz.document_number;
    let source = doc.photo_name();
    let what = match compare_numbers(&number, printed) {
        NumberMatch::Same => unreachable!("equal numbers passed above"),
        NumberMatch::LookAlike(at) => format!(
            "differs from the document's only by look-alike characters (O and 0, I and 1…), \
             first at character {at}"
        ),
        NumberMatch::OneCharacter(at) => format!("differs from the document's at character {at}"),
        NumberMatch::Transposed(at) => format!(
            "has characters {at} and {} swapped compared with the document's",
            at + 1
        ),
        NumberMatch::Different => format!("does not match the document's ({})", masker.id(printed)),
    };
    Outcome::fail(format!(
        "The {kind} typed ({}) {what} (read from {source}).",
        masker.id(&number)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_comparisons_name_the_mistake() {
        let cases = [
            ("L898902C3", "L898902C3", NumberMatch::Same),
            ("L8989O2C3", "L898902C3", NumberMatch::LookAlike(6)),
            ("L89890ZC3", "L898902C3", NumberMatch::LookAlike(7)),
            ("L898912C3", "L898902C3", NumberMatch::OneCharacter(6)),
            ("L898920C3", "L898902C3", NumberMatch::Transposed(6)),
            ("L89890C3", "L898902C3", NumberMatch::Different),
            ("X12345678", "L898902C3", NumberMatch::Different),
            ("L898902C4", "L898902C3", NumberMatch::OneCharacter(9)),
            ("8898902C3", "L898902C3", NumberMatch::OneCharacter(1)),
        ];
        for (typed, document, expected) in cases {
            assert_eq!(compare_numbers(typed, document), expected, "{typed}");
        }
    }
}
