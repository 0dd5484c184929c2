//! The check registry: every check the tool knows, one file each, one line each in [`REGISTRY`].
//!
//! A check is a [`Check`] value: its stable dotted id, category, title, the three-part
//! explanation printed by `kyc-preflight explain`, a default hint, and a pure function from a
//! [`Scene`] (for photo and file checks) or an [`Applicant`] (for checks of the typed details
//! and the documents read) to an [`Outcome`]. The `checks` and `explain` commands, the README table and the registry tests
//! are all driven from this one list, so adding a check is: write its file, add one line here.

mod document_age;
mod document_expiry;
mod document_mrz;
mod document_sides;
mod file_complete;
mod file_duplicate;
mod file_format;
mod file_size;
mod info_birth_date;
mod info_id_number;
mod info_name;
mod info_nationality;
mod info_sex;
mod photo_blur;
mod photo_color;
mod photo_corners;
mod photo_document;
mod photo_edited;
mod photo_exposure;
mod photo_framing;
mod photo_glare;
mod photo_occlusion;
mod photo_perspective;
mod photo_resolution;
mod photo_screen;
mod privacy_location;

use crate::applicant::Applicant;
use crate::options::Options;
use crate::report::{Category, Finding, Point, Status};
use crate::scene::Scene;

/// Every check, in the order they run and are reported within a category.
pub static REGISTRY: &[&Check] = &[
    &photo_document::CHECK,
    &photo_corners::CHECK,
    &photo_framing::CHECK,
    &photo_perspective::CHECK,
    &photo_resolution::CHECK,
    &photo_blur::CHECK,
    &photo_glare::CHECK,
    &photo_exposure::CHECK,
    &photo_color::CHECK,
    &photo_screen::CHECK,
    &photo_occlusion::CHECK,
    &photo_edited::CHECK,
    &info_name::CHECK,
    &info_id_number::CHECK,
    &info_birth_date::CHECK,
    &info_sex::CHECK,
    &info_nationality::CHECK,
    &document_mrz::CHECK,
    &document_expiry::CHECK,
    &document_age::CHECK,
    &document_sides::CHECK,
    &file_format::CHECK,
    &file_size::CHECK,
    &file_complete::CHECK,
    &file_duplicate::CHECK,
    &privacy_location::CHECK,
];

/// One check: its documentation and its function.
pub struct Check {
    /// Stable dotted id, `category.name`. Never renamed: scripts and `--only` use it.
    pub id: &'static str,
    pub category: Category,
    /// Short title shown in the checklist.
    pub title: &'static str,
    /// One line for `kyc-preflight checks`.
    pub summary: &'static str,
    /// What it checks, and how.
    pub what: &'static str,
    /// Why uploads get rejected for it.
    pub why: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// Default hint attached to a `warn` or `fail` whose outcome gives none.
    pub hint: &'static str,
    pub run: Run,
}

/// What a check looks at.
pub enum Run {
    /// A photo or file check, run once per input file.
    File(fn(&Scene, &Options) -> Outcome),
    /// A check of one applicant: the typed details against the documents read from their
    /// photos, or their photos against each other. Run once per applicant after their photos.
    Applicant(fn(&Applicant, &Options) -> Outcome),
}

impl Check {
    pub fn is_applicant_check(&self) -> bool {
        matches!(self.run, Run::Applicant(_))
    }

    /// Turn what the check function returned into the reported finding.
    pub fn finding(&self, outcome: Outcome) -> Finding {
        let hint = match outcome.status {
            Status::Pass | Status::Skip => None,
            Status::Warn | Status::Fail | Status::Error => {
                Some(outcome.hint.unwrap_or_else(|| self.hint.to_owned()))
            }
        };
        Finding {
            id: self.id.to_owned(),
            category: self.category,
            status: outcome.status,
            title: self.title.to_owned(),
            message: outcome.message,
            hint,
            measured: outcome.measured,
            threshold: outcome.threshold,
            unit: outcome.unit.map(str::to_owned),
            regions: outcome.regions,
        }
    }
}

/// What a check function decided. Built with [`Outcome::pass`] and friends.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub message: String,
    pub hint: Option<String>,
    pub measured: Option<f64>,
    pub threshold: Option<f64>,
    pub unit: Option<&'static str>,
    pub regions: Vec<Vec<Point>>,
}

impl Outcome {
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Outcome {
            status,
            message: message.into(),
            hint: None,
            measured: None,
            threshold: None,
            unit: None,
            regions: Vec::new(),
        }
    }

    pub fn pass(message: impl Into<String>) -> Self {
        Outcome::new(Status::Pass, message)
    }

    pub fn warn(message: impl Into<String>) -> Self {
        Outcome::new(Status::Warn, message)
    }

    pub fn fail(message: impl Into<String>) -> Self {
        Outcome::new(Status::Fail, message)
    }

    pub fn skip(message: impl Into<String>) -> Self {
        Outcome::new(Status::Skip, message)
    }

    pub fn error(message: impl Into<String>) -> Self {
        Outcome::new(Status::Error, message)
    }

    /// A hint specific to this outcome, replacing the check's default one.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A polygon (image pixels) the finding is about, drawn by `--annotate`.
    pub fn with_region(mut self, region: Vec<Point>) -> Self {
        self.regions.push(region);
        self
    }

    /// The number the decision was made on, and the threshold it was compared with.
    pub fn measured(mut self, value: f64, threshold: f64, unit: &'static str) -> Self {
        self.measured = Some(value);
        self.threshold = Some(threshold);
        self.unit = Some(unit);
        self
    }
}

/// The check with this id.
pub fn find(id: &str) -> Option<&'static Check> {
    REGISTRY.iter().copied().find(|c| c.id == id)
}

/// Ids close to a mistyped one, best first, for "did you mean" messages.
pub fn suggest(id: &str) -> Vec<&'static str> {
    let id = id.to_ascii_lowercase();
    let mut scored: Vec<(f64, &'static str)> = REGISTRY
        .iter()
        .map(|c| {
            let name = c.id.split_once('.').map_or(c.id, |(_, n)| n);
            let score = strsim::jaro_winkler(&id, c.id)
                .max(strsim::jaro_winkler(&id, name))
                .max(if c.id.contains(id.as_str()) { 0.9 } else { 0.0 });
            (score, c.id)
        })
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().map(|(_, id)| id).take(3).collect()
}

/// Which checks to run: `--only` and `--skip`, validated against the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    only: Option<Vec<&'static str>>,
    skip: Vec<&'static str>,
}

/// An id given to `--only`, `--skip` or `explain` that names no check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown check id '{id}'{}", did_you_mean(.suggestions))]
pub struct UnknownCheck {
    pub id: String,
    pub suggestions: Vec<&'static str>,
}

fn did_you_mean(suggestions: &[&str]) -> String {
    if suggestions.is_empty() {
        " (`kyc-preflight checks` lists them)".to_owned()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

/// Look an id up, or say which ids are close.
pub fn lookup(id: &str) -> Result<&'static Check, UnknownCheck> {
    find(id).ok_or_else(|| UnknownCheck {
        id: crate::text::escape(id),
        suggestions: suggest(id),
    })
}

impl Selection {
    pub fn new(only: &[String], skip: &[String]) -> Result<Selection, UnknownCheck> {
        let ids = |list: &[String]| -> Result<Vec<&'static str>, UnknownCheck> {
            list.iter()
                .map(|id| lookup(id.trim()).map(|c| c.id))
                .collect()
        };
        Ok(Selection {
            only: (!only.is_empty()).then(|| ids(only)).transpose()?,
            skip: ids(skip)?,
        })
    }

    pub fn includes(&self, check: &Check) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.contains(&check.id))
            && !self.skip.contains(&check.id)
    }
}

/// Run every selected file check on one scene.
pub fn run_file_checks(scene: &Scene, options: &Options, selection: &Selection) -> Vec<Finding> {
    selected(selection)
        .filter_map(|check| match check.run {
            Run::File(run) => Some(check.finding(run(scene, options))),
            Run::Applicant(_) => None,
        })
        .collect()
}

/// Run every selected check of one applicant.
pub fn run_applicant_checks(
    applicant: &Applicant,
    options: &Options,
    selection: &Selection,
) -> Vec<Finding> {
    selected(selection)
        .filter_map(|check| match check.run {
            Run::Applicant(run) => Some(check.finding(run(applicant, options))),
            Run::File(_) => None,
        })
        .collect()
}

/// The finding of a typed value found equal to every source it was compared with (`the
/// document (read from x.jpg)`, `the ID number`), or `skip` when there was none.
pub(crate) fn agrees_with(sources: &[String]) -> Outcome {
    if sources.is_empty() {
        return Outcome::skip(
            "Nothing to compare it with: no document was read, and no ID number that encodes \
             it was typed.",
        );
    }
    Outcome::pass(format!("It matches {}.", sources.join(" and ")))
}

/// Whether any check of the typed details is selected.
pub fn any_profile_check(selection: &Selection) -> bool {
    selected(selection).any(Check::is_applicant_check)
}

/// Selected checks, grouped by category in checklist order, registry order within one.
fn selected(selection: &Selection) -> impl Iterator<Item = &'static Check> + '_ {
    Category::ALL.into_iter().flat_map(move |category| {
        REGISTRY
            .iter()
            .copied()
            .filter(move |c| c.category == category && selection.includes(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_dotted_and_prefixed_by_their_category() {
        let mut seen = HashSet::new();
        for check in REGISTRY {
            assert!(seen.insert(check.id), "duplicate id {}", check.id);
            let (prefix, name) = check.id.split_once('.').expect("dotted id");
            assert_eq!(prefix, check.category.as_str(), "{}", check.id);
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()),
                "{}",
                check.id
            );
        }
    }

    #[test]
    fn every_check_is_documented() {
        for check in REGISTRY {
            for (part, text) in [
                ("title", check.title),
                ("summary", check.summary),
                ("what", check.what),
                ("why", check.why),
                ("fix", check.fix),
                ("hint", check.hint),
            ] {
                assert!(
                    text.trim().len() >= 8,
                    "{}: {part} is empty or too short",
                    check.id
                );
            }
            assert!(
                !check.summary.contains('\n'),
                "{}: summary is one line",
                check.id
            );
        }
    }

    #[test]
    fn a_misspelt_id_suggests_the_right_one() {
        assert_eq!(suggest("file.fromat").first(), Some(&"file.format"));
        assert_eq!(suggest("resolution").first(), Some(&"photo.resolution"));
        assert!(suggest("zzzzzz").is_empty());
        let err = Selection::new(&["photo.blurr".into()], &[]).unwrap_err();
        assert_eq!(err.id, "photo.blurr");
    }

    #[test]
    fn selection_applies_only_then_skip() {
        let only = Selection::new(&["file.size".into(), "file.format".into()], &[]).unwrap();
        let ids: Vec<_> = selected(&only).map(|c| c.id).collect();
        assert_eq!(ids, ["file.format", "file.size"]);
        let skip = Selection::new(&[], &["file.size".into()]).unwrap();
        assert!(selected(&skip).all(|c| c.id != "file.size"));
        assert_eq!(selected(&skip).count(), REGISTRY.len() - 1);
    }
}
