//! `info.nationality`: is the typed nationality a country, and the document's?

use super::{Check, Outcome, Run};
use crate::applicant::Applicant;
use crate::nationality::{describe, from_mrz, from_typed};
use crate::options::Options;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "info.nationality",
    category: Category::Info,
    title: "Nationality",
    summary: "The typed nationality is a country, and the one on the document.",
    what: "Reads the typed nationality as an ISO 3166 alpha-3 or alpha-2 code, an English country \
           name or a common demonym (CHN, CN, China, Chinese), and compares it with the \
           nationality in the machine-readable zone of the document read from a photo (ICAO \
           codes included: D for Germany, XXA for stateless persons). Fails when it is not a \
           country or differs from the document's, saying so when it is the country that \
           issued the document (a residence permit's) rather than the holder's nationality.",
    why: "Forms compare the nationality field with the document; a different country (the \
          country of residence typed instead, or a neighbouring entry picked from a list) is \
          refused as information not matching the document.",
    fix: "Choose the nationality printed on the document (its three-letter code appears in the \
          machine-readable zone), not the country you live in.",
    hint: "Choose the nationality printed on the document.",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, _options: &Options) -> Outcome {
    let Some(typed) = &applicant.profile.nationality else {
        return Outcome::skip("No nationality typed (nationality in the profile).");
    };
    let Some(code) = from_typed(typed) else {
        return Outcome::fail("The nationality typed is not a country code or name we recognise.")
            .hint("Type the three-letter code printed on the document (CHN, DEU, USA…).");
    };
    let documents = applicant.documents_typed_about();
    let Some(first) = documents.first() else {
        return Outcome::pass(format!(
            "Recognised as {}; no document was read to compare it with.",
            describe(&code)
        ));
    };
    if let Some(doc) = documents
        .iter()
        .find(|d| from_mrz(&d.mrz.nationality) == code)
    {
        return Outcome::pass(format!(
            "{} matches the document (read from {}).",
            describe(&code),
            doc.photo_name()
        ));
    }
    let document = from_mrz(&first.mrz.nationality);
    // A residence permit or visa is issued by the country of residence: typing its issuer is
    // the common slip.
    if from_mrz(&first.mrz.issuing_state) == code {
        return Outcome::fail(format!(
            "The nationality typed, {}, is the country that issued the document, not the \
             holder's nationality, {} (read from {}).",
            describe(&code),
            describe(&document),
            first.photo_name()
        ))
        .hint("Choose the nationality printed on the document, not the country that issued it.");
    }
    Outcome::fail(format!(
        "The nationality typed, {}, differs from the document's, {} (read from {}).",
        describe(&code),
        describe(&document),
        first.photo_name()
    ))
    .hint("Choose the nationality printed on the document, not the country you live in.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::applicant::ReadDocument;
    use crate::profile::Profile;
    use crate::report::Status;

    fn german_card() -> ReadDocument {
        // ICAO 9303-5's TD1 specimen with Germany's one-letter code as nationality.
        ReadDocument {
            source: "card.jpg".into(),
            mrz: crate::mrz::parse_mrz(
                "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159D<<<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            )
            .unwrap(),
        }
    }

    fn outcome(typed: Option<&str>, documents: &[ReadDocument]) -> Outcome {
        let profile = Profile {
            nationality: typed.map(str::to_owned),
            ..Profile::default()
        };
        run(
            &Applicant::new(&profile, documents, &[]),
            &Options::new(jiff::civil::date(2026, 1, 1)),
        )
    }

    #[test]
    fn typed_nationality_against_the_document() {
        let card = [german_card()];
        assert_eq!(outcome(None, &card).status, Status::Skip);
        assert_eq!(outcome(Some("Germany"), &card).status, Status::Pass);
        assert_eq!(outcome(Some("DE"), &card).status, Status::Pass);
        let wrong = outcome(Some("Austria"), &card);
        assert_eq!(wrong.status, Status::Fail);
        assert!(wrong.message.contains("Germany (DEU)"), "{}", wrong.message);
        assert_eq!(outcome(Some("Atlantis"), &[]).status, Status::Fail);
        assert_eq!(outcome(Some("NOR"), &[]).status, Status::Pass);
    }

    #[test]
    fn the_issuing_country_typed_as_nationality_is_named() {
        // A card issued by Utopia (the specimen state) to a German national.
        let typed_issuer = outcome(Some("UTO"), &[german_card()]);
        assert_eq!(typed_issuer.status, Status::Fail);
        assert!(
            typed_issuer.message.contains("issued the document"),
            "{}",
            typed_issuer.message
        );
    }
}
