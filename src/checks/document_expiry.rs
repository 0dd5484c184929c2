//! `document.expiry`: is the document still valid, with some margin?

use jiff::civil::Date;

use super::{Check, Outcome, Run};
use crate::applicant::{Applicant, ReadDocument};
use crate::options::Options;
use crate::pii::Masker;
use crate::profile::Expiry;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "document.expiry",
    category: Category::Document,
    title: "Document not expired",
    summary: "The document has not expired and does not expire within 30 days.",
    what: "Compares the document's expiry date with today (or --today): the date read from the \
           machine-readable zone of a photo when one was read with every check digit right, \
           otherwise the typed one (`document_expiry` in the profile). An expired document \
           fails; one that expires within 30 days warns (`expiry_warn_days` in --config). \
           Documents marked long-term (长期) pass. A typed expiry that differs from the \
           document's fails, as the form then does not match the document.",
    why: "Services accept only documents valid on the day they are reviewed. An expired document \
          is refused outright, and one expiring during the review, which can take days, is often \
          refused as well. A typed date that differs from the document's is refused as \
          information not matching the document.",
    fix: "Use another valid document (a passport instead of an ID card, or the reverse), or renew \
          the document first. If the date in the profile is a typo, correct it to match the \
          document.",
    hint: "Use another valid document, or renew this one first.",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let today = options.today;
    let masker = Masker::new(options.show_pii);
    let read: Vec<(&ReadDocument, Date)> = applicant
        .documents_typed_about()
        .into_iter()
        .filter_map(|doc| Some((doc, doc.expiry_date(today)?)))
        .collect();
    let typed = applicant.profile.document_expiry;
    // The document that expires first is the one that limits the application.
    let Some(&(doc, expiry)) = read.iter().min_by_key(|(_, date)| *date) else {
        return match typed {
            None => Outcome::skip(
                "No expiry date: none typed (document_expiry in the profile) and none read \
                 from a document's machine-readable zone.",
            ),
            Some(Expiry::LongTerm) => {
                Outcome::pass("The document is valid long-term (no expiry date).")
            }
            Some(Expiry::On(date)) => judge(date, "as typed in the form", options),
        };
    };
    let judged = judge(expiry, &format!("read from {}", doc.photo_name()), options);
    let typed_differs = match typed {
        None => false,
        Some(Expiry::LongTerm) => true,
        Some(Expiry::On(date)) => read.iter().all(|(_, read)| *read != date),
    };
    if !typed_differs || judged.status == crate::report::Status::Fail {
        return judged;
    }
    let shown_typed = match typed {
        Some(Expiry::On(date)) => masker.date(date),
        _ => "long-term".to_owned(),
    };
    Outcome::fail(format!(
        "The expiry date typed in the form ({shown_typed}) differs from the document's ({}, \
         read from {}).",
        masker.date(expiry),
        doc.photo_name()
    ))
    .hint("Type the expiry date exactly as printed on the document.")
}

/// The finding for a document expiring on `expiry`; `source` says where the date came from.
fn judge(expiry: Date, source: &str, options: &Options) -> Outcome {
    let shown = format!(
        "on {}, {source}",
        Masker::new(options.show_pii).date(expiry)
    );
    let days = (expiry - options.today).get_days() as i64;
    let warn_days = options.thresholds.expiry_warn_days;
    if days < 0 {
        Outcome::fail(format!(
            "The document expired {} ago ({shown}).",
            plural(-days, "day")
        ))
        .hint("An expired document is refused: use another valid document, or renew this one.")
        .measured(days as f64, 0.0, "days")
    } else if days <= warn_days {
        let when = if days == 0 {
            "today".to_owned()
        } else {
            format!("in {}", plural(days, "day"))
        };
        Outcome::warn(format!(
            "The document expires {when} ({shown}), within the {warn_days}-day margin."
        ))
        .hint(
            "It may expire before the review ends: use another document, or renew this one first.",
        )
        .measured(days as f64, warn_days as f64, "days")
    } else {
        Outcome::pass(format!(
            "The document is valid for another {} (until {}, {source}).",
            plural(days, "day"),
            Masker::new(options.show_pii).date(expiry)
        ))
        .measured(days as f64, warn_days as f64, "days")
    }
}

pub(crate) fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::report::Status;
    use jiff::civil::date;

    fn status_on(expiry: Expiry, today: jiff::civil::Date) -> Outcome {
        let profile = Profile {
            document_expiry: Some(expiry),
            ..Profile::default()
        };
        run(&Applicant::new(&profile, &[], &[]), &Options::new(today))
    }

    /// ICAO 9303-4's specimen passport: expires 2012-04-15.
    fn specimen_passport() -> ReadDocument {
        ReadDocument {
            source: "photos/passport.jpg".into(),
            mrz: crate::mrz::parse_mrz(
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                 L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            )
            .unwrap(),
        }
    }

    fn with_document(typed: Option<Expiry>, today: jiff::civil::Date) -> Outcome {
        let profile = Profile {
            document_expiry: typed,
            ..Profile::default()
        };
        run(
            &Applicant::new(&profile, &[specimen_passport()], &[]),
            &Options::new(today),
        )
    }

    #[test]
    fn expired_fails_soon_warns_later_passes() {
        let today = date(2026, 11, 22);
        assert_eq!(
            status_on(Expiry::On(date(2026, 11, 21)), today).status,
            Status::Fail
        );
        assert_eq!(status_on(Expiry::On(today), today).status, Status::Warn);
        assert_eq!(
            status_on(Expiry::On(date(2026, 12, 22)), today).status,
            Status::Warn
        );
        assert_eq!(
            status_on(Expiry::On(date(2026, 12, 23)), today).status,
            Status::Pass
        );
        assert_eq!(status_on(Expiry::LongTerm, today).status, Status::Pass);
    }

    #[test]
    fn the_date_is_masked_unless_asked() {
        let outcome = status_on(Expiry::On(date(2020, 1, 2)), date(2026, 11, 22));
        assert!(!outcome.message.contains("2020"), "{}", outcome.message);
        assert!(
            outcome.message.contains("2516 days ago"),
            "{}",
            outcome.message
        );
    }

    #[test]
    fn missing_expiry_is_skipped() {
        let outcome = run(
            &Applicant::new(&Profile::default(), &[], &[]),
            &Options::new(date(2026, 1, 1)),
        );
        assert_eq!(outcome.status, Status::Skip);
    }

    #[test]
    fn the_documents_date_is_used_over_the_typed_one() {
        // Typed far in the future, but the document read says 2012: expired.
        let outcome = with_document(Some(Expiry::On(date(2035, 1, 1))), date(2026, 11, 22));
        assert_eq!(outcome.status, Status::Fail);
        assert!(outcome.message.contains("expired"), "{}", outcome.message);
        assert!(
            outcome.message.contains("passport.jpg"),
            "{}",
            outcome.message
        );
        // No profile at all: the document alone is judged.
        let alone = with_document(None, date(2012, 1, 1));
        assert_eq!(alone.status, Status::Pass, "{}", alone.message);
        assert_eq!(alone.measured, Some(105.0));
    }

    #[test]
    fn a_typed_expiry_that_differs_from_the_document_fails_masked() {
        let today = date(2011, 1, 1);
        let differs = with_document(Some(Expiry::On(date(2012, 4, 16))), today);
        assert_eq!(differs.status, Status::Fail);
        assert!(differs.message.contains("differs"), "{}", differs.message);
        assert!(!differs.message.contains("2012"), "{}", differs.message);
        let long_term = with_document(Some(Expiry::LongTerm), today);
        assert_eq!(long_term.status, Status::Fail);
        let same = with_document(Some(Expiry::On(date(2012, 4, 15))), today);
        assert_eq!(same.status, Status::Pass, "{}", same.message);
    }
}
