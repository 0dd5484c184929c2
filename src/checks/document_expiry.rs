//! `document.expiry`: is the document still valid, with some margin?

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::pii::Masker;
use crate::profile::{Expiry, Profile};
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "document.expiry",
    category: Category::Document,
    title: "Document not expired",
    summary: "The document has not expired and does not expire within 30 days.",
    what: "Compares the document's expiry date (`document_expiry` in the profile) with today \
           (or --today). An expired document fails; one that expires within 30 days warns \
           (`expiry_warn_days` in --config). Documents marked long-term (长期) pass.",
    why: "Services accept only documents valid on the day they are reviewed. An expired document \
          is refused outright, and one expiring during the review, which can take days, is often \
          refused as well.",
    fix: "Use another valid document (a passport instead of an ID card, or the reverse), or renew \
          the document first. If the date in the profile is a typo, correct it to match the \
          document.",
    hint: "Use another valid document, or renew this one first.",
    run: Run::Profile(run),
};

fn run(profile: &Profile, options: &Options) -> Outcome {
    let expiry = match profile.document_expiry {
        None => return Outcome::skip("No document_expiry in the profile."),
        Some(Expiry::LongTerm) => {
            return Outcome::pass("The document is valid long-term (no expiry date).");
        }
        Some(Expiry::On(date)) => date,
    };
    let masker = Masker::new(options.show_pii);
    let shown = masker.date(expiry);
    let days = (expiry - options.today).get_days() as i64;
    let warn_days = options.thresholds.expiry_warn_days;
    if days < 0 {
        Outcome::fail(format!(
            "The document expired {} ago (on {shown}).",
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
            "The document expires {when} (on {shown}), within the {warn_days}-day margin."
        ))
        .hint(
            "It may expire before the review ends: use another document, or renew this one first.",
        )
        .measured(days as f64, warn_days as f64, "days")
    } else {
        Outcome::pass(format!(
            "The document is valid for another {} (until {shown}).",
            plural(days, "day")
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
    use crate::report::Status;
    use jiff::civil::date;

    fn status_on(expiry: Expiry, today: jiff::civil::Date) -> Outcome {
        let profile = Profile {
            document_expiry: Some(expiry),
            ..Profile::default()
        };
        run(&profile, &Options::new(today))
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
        let outcome = run(&Profile::default(), &Options::new(date(2026, 1, 1)));
        assert_eq!(outcome.status, Status::Skip);
    }
}
