//! `document.age`: is the holder old enough for the service?

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::profile::Profile;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "document.age",
    category: Category::Document,
    title: "Holder's age",
    summary: "The holder is at least 18 years old on the date of the check.",
    what: "Computes the holder's age in whole years from the typed birth date (`birth_date` in \
           the profile) on today's date (or --today) and fails below 18 (`min_age_years` in \
           --config). Someone born on 29 February turns a year older on 1 March in common years \
           (the stricter of the two legal conventions). The age is printed only with --show-pii.",
    why: "Exchanges, banks and payment services accept adult customers only. An application from \
          someone under the minimum age is refused, and a birth date typed wrongly (a wrong year) \
          makes an adult look like a minor.",
    fix: "Check that the birth date in the form matches the document exactly. If it does and the \
          holder is under the minimum age, the service cannot accept the application.",
    hint: "Check the birth date typed in the form against the document.",
    run: Run::Profile(run),
};

fn run(profile: &Profile, options: &Options) -> Outcome {
    let Some(birth) = profile.birth_date else {
        return Outcome::skip("No birth_date in the profile.");
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
        Outcome::fail(format!("The holder is under {min_age}{shown}."))
    } else {
        Outcome::pass(format!("The holder is {min_age} or older{shown}."))
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
    use crate::report::Status;
    use jiff::civil::{Date, date};

    fn outcome(birth: Date, today: Date) -> Outcome {
        let profile = Profile {
            birth_date: Some(birth),
            ..Profile::default()
        };
        run(&profile, &Options::new(today))
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
