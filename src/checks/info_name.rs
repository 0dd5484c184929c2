//! `info.name`: does the typed name match the document, as printed?

use super::{Check, Outcome, Run};
use crate::applicant::Applicant;
use crate::names::{NameMatch, compare};
use crate::options::Options;
use crate::pii::Masker;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "info.name",
    category: Category::Info,
    title: "Name as printed",
    summary: "The typed surname and given names match the document, in order, as printed.",
    what: "Compares the typed surname and given names with the names in the machine-readable \
           zone of the document read from a photo, after writing the typed ones as the zone \
           does (ICAO 9303: Ä as AE or A, Ø as OE, ß as SS, other accents dropped, hyphens as \
           spaces, apostrophes left out). Passes an exact match, a transliterated one, and a \
           name the zone cut short to fit; warns when only case or spaces and hyphens differ; \
           fails when surname and given names are swapped, a given name is missing or extra, \
           or the names differ. Names are masked (ZH***) unless --show-pii. Comparing a Chinese \
           `native_name` with its pinyin is not built yet.",
    why: "\"The information you entered does not match your document\" is the second commonest \
          rejection: surname and given names swapped, a middle name left out, spaces or case \
          different from the passport.",
    fix: "Type the surname and given names exactly as printed on the document's data page, each \
          in its own field, with every given name.",
    hint: "Type the names exactly as printed on the document.",
    run: Run::Profile(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let profile = applicant.profile;
    if profile.surname.is_none() && profile.given_names.is_none() {
        return Outcome::skip("No name typed (surname and given_names in the profile).");
    }
    let documents = applicant.documents_typed_about();
    let Some(doc) = documents.first() else {
        return Outcome::skip(
            "No document was read to compare the name with (it is compared with a photo's \
             machine-readable zone).",
        );
    };
    let masker = Masker::new(options.show_pii);
    let mrz = &doc.mrz;
    let surname = profile.surname.as_deref().unwrap_or("");
    let given = profile.given_names.as_deref().unwrap_or("");
    let source = doc.photo_name();
    let as_printed = format!(
        "surname {}, given names {}",
        masker.name(&mrz.surname),
        masker.name(&mrz.given_names)
    );
    match compare(
        surname,
        given,
        &mrz.surname,
        &mrz.given_names,
        mrz.name_truncated,
    ) {
        NameMatch::Exact => Outcome::pass(format!(
            "The name matches the document (read from {source})."
        )),
        NameMatch::Transliterated => Outcome::pass(format!(
            "The name matches the document (read from {source}) once its accents are written as \
             the machine-readable zone writes them."
        )),
        NameMatch::Truncated => Outcome::pass(format!(
            "The name begins as the document's does (read from {source}); the machine-readable \
             zone cuts it short to fit, so the rest cannot be compared."
        )),
        NameMatch::CaseOnly => Outcome::warn(format!(
            "Only upper and lower case differ from the document (read from {source})."
        ))
        .hint(format!("Type it as printed: {as_printed}.")),
        NameMatch::Separators => Outcome::warn(format!(
            "Only spaces, hyphens or apostrophes differ from the document (read from {source})."
        ))
        .hint(format!("Type it as printed: {as_printed}.")),
        NameMatch::Swapped => Outcome::fail(format!(
            "The surname and given names are swapped: the document's surname is {} (read from \
             {source}).",
            masker.name(&mrz.surname)
        ))
        .hint("Put the family name in the surname field and the other names in given names."),
        NameMatch::MissingGivenName => Outcome::fail(format!(
            "A given name on the document is missing from the form (read from {source})."
        ))
        .hint(format!(
            "Type every given name, middle names included: {}.",
            masker.name(&mrz.given_names)
        )),
        NameMatch::ExtraGivenName => Outcome::fail(format!(
            "The form has a given name the document does not (read from {source})."
        ))
        .hint("Type only the given names printed on the document."),
        NameMatch::Different => {
            // Say which part differs: the surname when it does, else the given names.
            let surname_ok = [true, false]
                .iter()
                .any(|&german| crate::names::mrz_form(surname, german) == mrz.surname);
            let part = if surname_ok { "given names" } else { "surname" };
            Outcome::fail(format!(
                "The {part} typed ({}) differs from the document's ({}, read from {source}).",
                masker.name(if surname_ok { given } else { surname }),
                masker.name(if surname_ok {
                    &mrz.given_names
                } else {
                    &mrz.surname
                })
            ))
        }
    }
}
