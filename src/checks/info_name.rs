//! `info.name`: does the typed name match the document, as printed?

use super::{Check, Outcome, Run};
use crate::applicant::{Applicant, ReadDocument};
use crate::names::{NameMatch, chinese, compare, mrz_form};
use crate::nationality::from_typed;
use crate::options::Options;
use crate::pii::Masker;
use crate::profile::IdType;
use crate::report::{Category, Status};

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
           or the names differ. With a `native_name` in Chinese characters (not for Hong Kong, \
           Macao or Taiwan, which romanise otherwise), also checks that the typed name is its \
           toneless pinyin, reading polyphonic surnames as surnames (单 SHAN, 曾 ZENG, 解 XIE, \
           区 OU, 仇 QIU, 朴 PIAO, 查 ZHA…) and ü as YU (LV and LU accepted). Names are masked \
           (ZH***) unless --show-pii.",
    why: "\"The information you entered does not match your document\" is the second commonest \
          rejection: surname and given names swapped, a middle name left out, spaces or case \
          different from the passport.",
    fix: "Type the surname and given names exactly as printed on the document's data page, each \
          in its own field, with every given name.",
    hint: "Type the names exactly as printed on the document.",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let profile = applicant.profile;
    if profile.surname.is_none() && profile.given_names.is_none() {
        return Outcome::skip("No name typed (surname and given_names in the profile).");
    }
    let masker = Masker::new(options.show_pii);
    let surname = profile.surname.as_deref().unwrap_or("");
    let given = profile.given_names.as_deref().unwrap_or("");
    let against_document = applicant
        .documents_typed_about()
        .first()
        .map(|doc| against_document(surname, given, doc, masker));
    let against_native = against_native_name(applicant, surname, given, masker);
    match (against_document, against_native) {
        (None, None) => Outcome::skip(
            "Nothing to compare the name with: no document was read from a photo, and no \
             native_name in Chinese characters was typed.",
        ),
        (Some(outcome), None) | (None, Some(outcome)) => outcome,
        // Both: the worse finding, the document's when they are as bad.
        (Some(document), Some(native)) => {
            if native.status != Status::Skip && native.status > document.status {
                native
            } else {
                document
            }
        }
    }
}

/// The typed name against the romanisation of the Chinese `native_name`, for mainland names:
/// Hong Kong, Macao and Taiwan documents use other romanisations, so none is forced on them.
fn against_native_name(
    applicant: &Applicant,
    surname: &str,
    given: &str,
    masker: Masker,
) -> Option<Outcome> {
    let profile = applicant.profile;
    let native = profile
        .native_name
        .as_deref()
        .filter(|n| chinese::is_chinese(n))?;
    let elsewhere = matches!(profile.id_type, Some(IdType::HkId | IdType::TwId))
        || profile
            .nationality
            .as_deref()
            .and_then(from_typed)
            .is_some_and(|code| ["HKG", "MAC", "TWN"].contains(&code.as_str()));
    if elsewhere {
        return Some(Outcome::skip(
            "Hong Kong, Macao and Taiwan names are romanised in their own ways, not in pinyin, \
             so the native name is not compared (the document is, when one was read).",
        ));
    }
    let romanised = chinese::romanise(native)?;
    let joined = |s: &str| mrz_form(s, false).replace(' ', "");
    let (typed_surname, typed_given) = (joined(surname), joined(given));
    let (passport_surname, passport_given) = (&romanised.surname[0], &romanised.given[0]);
    let surname_fits = romanised.surname.contains(&typed_surname);
    let given_fits = romanised.given.contains(&typed_given);
    let expected = format!(
        "surname {}, given names {}",
        masker.name(passport_surname),
        masker.name(passport_given)
    );
    Some(if surname_fits && given_fits {
        if surname == typed_surname && given == typed_given {
            Outcome::pass("The name is the pinyin of the native name.")
        } else {
            Outcome::warn(
                "The name is the pinyin of the native name, but not written as a mainland \
                 passport prints it (capitals, each part's syllables joined).",
            )
            .hint(format!("Type it as the passport prints it: {expected}."))
        }
    } else if romanised.surname.contains(&typed_given) && romanised.given.contains(&typed_surname) {
        Outcome::fail("The surname and given names are swapped against the native name.")
            .hint("Put the family name (the native name's first character) in the surname field.")
    } else if !surname_fits {
        let polyphonic = chinese::SURNAME_READINGS
            .iter()
            .any(|(hanzi, _)| native.starts_with(hanzi));
        Outcome::fail(format!(
            "The surname typed ({}) is not the pinyin of the native name's surname ({}){}.",
            masker.name(surname),
            masker.name(passport_surname),
            if polyphonic {
                ": as a surname its character is read differently from its everyday reading"
            } else {
                ""
            }
        ))
        .hint(format!("Type it as the passport prints it: {expected}."))
    } else {
        Outcome::fail(format!(
            "The given names typed ({}) are not the pinyin of the native name's ({}).",
            masker.name(given),
            masker.name(passport_given)
        ))
        .hint(format!("Type it as the passport prints it: {expected}."))
    })
}

/// The typed name against the names in the document's machine-readable zone.
fn against_document(surname: &str, given: &str, doc: &ReadDocument, masker: Masker) -> Outcome {
    let mrz = &doc.mrz;
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
                .any(|&german| mrz_form(surname, german) == mrz.surname);
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
