//! `info.sex`: does the typed sex match the document and the ID number?

use super::{Check, Outcome, Run};
use crate::applicant::Applicant;
use crate::options::Options;
use crate::profile::Sex;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "info.sex",
    category: Category::Info,
    title: "Sex as printed",
    summary: "The typed sex matches the document and what the ID number encodes.",
    what: "Compares the typed sex (M, F or X) with the sex in the machine-readable zone of the \
           document read from a photo (`<` or X: unspecified), and with the sex a mainland \
           Chinese resident ID or Taiwan ID number encodes. The values are printed only with \
           --show-pii.",
    why: "A sex field that differs from the document is refused as information not matching \
          it; a wrong choice in a drop-down is a common slip.",
    fix: "Choose the sex printed on the document.",
    hint: "Choose the sex printed on the document.",
    run: Run::Applicant(run),
};

fn letter(sex: Sex) -> char {
    match sex {
        Sex::Male => 'M',
        Sex::Female => 'F',
        Sex::Unspecified => 'X',
    }
}

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let Some(typed) = applicant.profile.sex else {
        return Outcome::skip("No sex typed (sex in the profile).");
    };
    let shown = |c: char| {
        if options.show_pii {
            format!(" ({c})")
        } else {
            String::new()
        }
    };
    let documents = applicant.documents_typed_about();
    let mut compared = Vec::new();
    for doc in &documents {
        let printed = match doc.mrz.sex {
            '<' => 'X',
            other => other,
        };
        if printed != letter(typed) {
            return Outcome::fail(format!(
                "The sex typed{} differs from the document's{} (read from {}).",
                shown(letter(typed)),
                shown(printed),
                doc.photo_name()
            ));
        }
        compared.push(format!("the document (read from {})", doc.photo_name()));
    }
    if let Some(encoded) = applicant
        .encoded_by_id_number(options.today)
        .and_then(|e| e.sex)
    {
        if encoded != typed {
            return Outcome::fail(format!(
                "The sex typed{} differs from the one the ID number encodes{}.",
                shown(letter(typed)),
                shown(letter(encoded))
            ))
            .hint("Check the sex and the ID number typed: one of them is wrong.");
        }
        compared.push("the ID number".to_owned());
    }
    super::agrees_with(&compared)
}
