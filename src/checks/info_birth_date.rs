//! `info.birth_date`: does the typed birth date match the document and the ID number?

use super::{Check, Outcome, Run};
use crate::applicant::Applicant;
use crate::options::Options;
use crate::pii::Masker;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "info.birth_date",
    category: Category::Info,
    title: "Birth date",
    summary: "The typed birth date matches the document and what the ID number encodes.",
    what: "Compares the typed birth date with the one in the machine-readable zone of the \
           document read from a photo (its two-digit year taken in the latest century that \
           is not in the future), and with the birth date a mainland Chinese resident ID \
           number encodes. Dates are masked unless --show-pii.",
    why: "A birth date that differs from the document (day and month swapped, a wrong year) is \
          refused as information not matching it, and a wrong year can make an adult look \
          like a minor.",
    fix: "Type the birth date exactly as printed on the document, in the order the form asks \
          (day and month are easily swapped).",
    hint: "Type the birth date exactly as printed on the document.",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let Some(typed) = applicant.profile.birth_date else {
        return Outcome::skip("No birth date typed (birth_date in the profile).");
    };
    let masker = Masker::new(options.show_pii);
    let swapped_hint = |other: jiff::civil::Date| {
        if typed.year() == other.year()
            && i16::from(typed.month()) == i16::from(other.day())
            && i16::from(typed.day()) == i16::from(other.month())
        {
            " Day and month look swapped."
        } else {
            ""
        }
    };
    let mut compared = Vec::new();
    for doc in applicant.documents_typed_about() {
        let Some(printed) = doc.birth_date(options.today) else {
            continue;
        };
        if printed != typed {
            return Outcome::fail(format!(
                "The birth date typed ({}) differs from the document's ({}, read from {}).{}",
                masker.date(typed),
                masker.date(printed),
                doc.photo_name(),
                swapped_hint(printed)
            ));
        }
        compared.push(format!("the document (read from {})", doc.photo_name()));
    }
    if let Some(encoded) = applicant
        .encoded_by_id_number(options.today)
        .and_then(|e| e.birth_date)
    {
        if encoded != typed {
            return Outcome::fail(format!(
                "The birth date typed ({}) differs from the one the ID number encodes ({}).{}",
                masker.date(typed),
                masker.date(encoded),
                swapped_hint(encoded)
            ))
            .hint("Check the birth date and the ID number typed: one of them is wrong.");
        }
        compared.push("the ID number".to_owned());
    }
    super::agrees_with(&compared)
}
