//! `document.age`: is the holder old enough for the service?

use super::{Check, Outcome, Run};
use crate::applicant::Applicant;
use crate::options::Options;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "document.age",
    category: Category::Document,
    title: "Holder's age",
    summary: "The holder is at least 18 years old on the date of the check.",
    what: "Computes the holder's age in whole years on today's date (or --today) from the birth \
           date read from a document's machine-readable zone (every check digit right), or else \
           the typed one (`birth_date` in the profile), and fails below 18 (`min_age_years` in \
           --config). A typed birth date that differs from the document's is `info.birth_date`'s \
           finding. Someone born on 29 February turns a year older on 1 March in common years \
           (the stricter of the two legal conventions). The age is printed only with --show-pii.",
    why: "Exchanges, banks and payment services accept adult customers only. An application from \
          someone under the minimum age is refused, and a birth date typed wrongly (a wrong year) \
          makes an adult look like a minor.",
    fix: "Check that the birth date in the form matches the document exactly. If it does and the \
          holder is under the minimum age, the service cannot accept the application.",
    hint: "Check the birth date typed in the form against the document.",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    // The document is the authority; the typed date is used only when none was read.
    let read = applicant
        .documents_typed_about()
        .into_iter()
        .find_map(|doc| Some((doc.birth_date(options.today)?, doc.photo_name())));
    let (birth, source) = match (read, applicant.profile.birth_date) {
        (Some((birth, photo)), _) => (birth, format!(" (birth date read from {photo})")),
        (None, Some(birth)) => (birth, String::new()),
        (None, None) => {
            return Outcome::skip(
                "No birth date: none typed (birth_date in the profile) and none read from a \
                 document's machine-readable zone.",
            );
        }
    };
    let min_age = options.thresholds.min_age_years;
    // `since` counts whole years the way birthdays do; a 29 February birthday completes its
    // year on 1 March in common years.
    let age = match options.today.since((jiff::Unit::Year, birth)) {
        Ok(span) => span.get_years(),
        Err(_) => return Outcome::error("The age could not be computed from the birth date."),
    };
    let shown = if options.show_pii {
        format!(" ({age})")
    } else {
        String::new()
    };
    let outcome = if age < min_age {
        Outcome::fail(format!("The holder is under {min_age}{shown}{source}."))
    } else {
        Outcome::pass(format!("The holder is {min_age} or older{shown}{source}."))
    };
    // The age is personal data (it gives the birth year), so it is a measurement only on request.
    if options.show_pii {
        outcome.measured(age.into(), min_age.into(), "years")
    } else {
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::applicant::ReadDocument;
    use crate::profile::Profile;
    use crate::report::Status;
    use jiff::civil::{Date, date};

    fn outcome(birth: Date, today: Date) -> Outcome {
        let profile = Profile {
            birth_date: Some(birth),
            ..Profile::default()
        };
        run(&Applicant::new(&profile, &[], &[]), &Options::new(today))
    }

    #[test]
    fn the_documents_birth_date_is_used_over_the_typed_one() {
        // ICAO 9303-4's specimen, born 1974-08-12; the typed date would make a minor.
        let passport = ReadDocument {
            source: "passport.jpg".into(),
            mrz: crate::mrz::parse_mrz(
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                 L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            )
            .unwrap(),
        };
        let profile = Profile {
            birth_date: Some(date(2015, 1, 1)),
            ..Profile::default()
        };
        let documents = [passport];
        let outcome = run(
            &Applicant::new(&profile, &documents, &[]),
            &Options::new(date(2026, 1, 1)),
        );
        assert_eq!(outcome.status, Status::Pass);
        assert!(
            outcome.message.contains("passport.jpg"),
            "{}",
            outcome.message
        );
    }

    #[test]
    fn eighteenth_birthday_is_the_line() {
        let birth = date(2008, 11, 22);
        assert_eq!(outcome(birth, date(2026, 11, 21)).status, Status::Fail);
        assert_eq!(outcome(birth, date(2026, 11, 22)).status, Status::Pass);
    }

    #[test]
    fn leap_day_birthdays_count_from_1_march() {
        let birth = date(2008, 2, 29);
        assert_eq!(outcome(birth, date(2026, 2, 28)).status, Status::Fail);
        assert_eq!(outcome(birth, date(2026, 3, 1)).status, Status::Pass);
    }

    #[test]
    fn age_is_not_shown_unless_asked() {
        let result = outcome(date(1990, 1, 1), date(2026, 1, 1));
        assert!(!result.message.contains("36"), "{}", result.message);
        assert_eq!(result.measured, None);
    }
}
