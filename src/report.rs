//! The result model: what a check found, what a file's and a run's verdicts are, and the JSON
//! document that scripts consume.
//!
//! These structs are the JSON API (see [`SCHEMA_VERSION`]). Their field docs double as the schema
//! documentation; `tests/json_output.rs` parses real output back into them with unknown fields
//! denied, so a renamed or added field cannot slip through unnoticed. Adding a field is a
//! compatible change; renaming or removing one needs a new `schema_version`.

use serde::{Deserialize, Serialize};

/// Version of the JSON/NDJSON document layout. Bump when a field is renamed or removed.
/// Version 2: `profile` (one) became `applicants` (one per applicant folder), and NDJSON's
/// `profile` line an `applicant` line. Version 3: a file's `document` is also given when no
/// outline was found but a machine-readable zone was read (`kind` `mrz-only`), and its
/// `corners` are then absent.
pub const SCHEMA_VERSION: u32 = 3;

/// Outcome of one check. Ordered from least to most severe, so `max` gives the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not applicable to this input, or an input it needs is missing; the message says why.
    Skip,
    /// Nothing to fix.
    Pass,
    /// Likely to cause trouble; worth fixing. Fails the run only with `--strict`.
    Warn,
    /// Likely to get the upload rejected; fix before submitting.
    Fail,
    /// The check could not run on this input (unreadable, incomplete, corrupt); says why.
    Error,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Skip => "skip",
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Error => "error",
        }
    }
}

/// The verdict of a file, a profile or a whole run: its worst finding. A `skip` counts as a pass
/// (nothing wrong was found), so verdicts have no `skip`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    Error,
}

impl Verdict {
    /// The verdict of a set of statuses: the worst one, with `skip` counting as `pass`.
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Verdict {
        statuses
            .into_iter()
            .map(Verdict::from)
            .max()
            .unwrap_or(Verdict::Pass)
    }

    pub fn as_str(self) -> &'static str {
        Status::from(self).as_str()
    }
}

impl From<Status> for Verdict {
    fn from(status: Status) -> Self {
        match status {
            Status::Skip | Status::Pass => Verdict::Pass,
            Status::Warn => Verdict::Warn,
            Status::Fail => Verdict::Fail,
            Status::Error => Verdict::Error,
        }
    }
}

impl From<Verdict> for Status {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Pass => Status::Pass,
            Verdict::Warn => Status::Warn,
            Verdict::Fail => Status::Fail,
            Verdict::Error => Status::Error,
        }
    }
}

/// The checklist section a check belongs to; also the first part of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Photo quality: blur, glare, cut-off corners, resolution, copies and screenshots.
    Photo,
    /// Personal information typed into the form, compared with the document.
    Info,
    /// Document validity: expiry, the holder's age, the machine-readable zone.
    Document,
    /// The file itself: format, size, completeness.
    File,
    /// Personal metadata embedded in the photo.
    Privacy,
}

impl Category {
    /// Every category, in the order the text checklist shows them.
    pub const ALL: [Category; 5] = [
        Category::Photo,
        Category::Info,
        Category::Document,
        Category::File,
        Category::Privacy,
    ];

    /// The id prefix (`photo` in `photo.blur`) and the JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Photo => "photo",
            Category::Info => "info",
            Category::Document => "document",
            Category::File => "file",
            Category::Privacy => "privacy",
        }
    }

    /// The heading of this section in the text checklist.
    pub fn heading(self) -> &'static str {
        match self {
            Category::Photo => "Photo quality",
            Category::Info => "Personal information",
            Category::Document => "Document validity",
            Category::File => "File",
            Category::Privacy => "Privacy",
        }
    }
}

/// A point in image pixel coordinates: `[x, y]`, origin top left, after EXIF orientation.
pub type Point = [f64; 2];

/// What one check found on one file (or on the profile).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable dotted id, e.g. `photo.resolution`; `kyc-preflight explain ID` describes it.
    pub id: String,
    /// Checklist section: `photo`, `info`, `document`, `file` or `privacy`.
    pub category: Category,
    /// `pass`, `warn`, `fail`, `skip` or `error`.
    pub status: Status,
    /// Short human title of the check.
    pub title: String,
    /// What was seen, with numbers. Personal data in it is masked unless `--show-pii`.
    pub message: String,
    /// What to do about it; present for `warn`, `fail` and `error`, `null` otherwise.
    pub hint: Option<String>,
    /// The measured value the decision was based on, when there is one.
    pub measured: Option<f64>,
    /// The threshold `measured` was compared with (the one that decided the status).
    pub threshold: Option<f64>,
    /// Unit of `measured` and `threshold`, e.g. `px`, `bytes`, `days`.
    pub unit: Option<String>,
    /// Image regions the finding is about: polygons of `[x, y]` points in image pixels.
    pub regions: Vec<Vec<Point>>,
}

/// The result for one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileReport {
    /// The path as given or found while walking a folder (lossy UTF-8).
    pub path: String,
    /// The worst status among `checks`, or `error` when the file could not be evaluated.
    pub verdict: Verdict,
    /// Why the file could not be evaluated: not read at all (missing, not a regular file,
    /// unreadable…; `checks` is then empty), or read but with no photo to examine (empty, not
    /// an image, a format not decoded such as HEIC, over the reading limit; `checks` then
    /// holds the file checks' findings). `null` when it was evaluated.
    pub error: Option<String>,
    /// One finding per check that ran, in registry order.
    pub checks: Vec<Finding>,
    /// The document the photo checks judged; absent when none was looked for or found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<JudgedDocument>,
}

/// Which document in the photo the photo checks judged, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedDocument {
    /// What it was taken for: `td1-back`, `id1-front`, `td2`, `td3`, or `passport-sized`
    /// (passport-page proportions with no MRZ in view). When no outline was found but a
    /// machine-readable zone was read in the photo anyway (an over-exposed page, a close
    /// crop): `mrz-only`.
    pub kind: String,
    /// Its corners in image pixels: top-left, top-right, bottom-right, bottom-left of the
    /// document as read. Corners cut off by the frame lie outside the image. Absent for
    /// `mrz-only`: no outline was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corners: Option<[Point; 4]>,
    /// The document fills the photo edge to edge (a scan or a crop): `corners` are the
    /// photo's own, and none of the document's edges was seen.
    pub fills_frame: bool,
    /// Where the machine-readable zone was found, a polygon in image pixels.
    pub mrz_zone: Option<Vec<Point>>,
    /// What was read from it, when it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrz: Option<MrzReport>,
    /// How many other documents were seen beside it.
    pub others: usize,
}

/// What was read from a machine-readable zone. Personal data (names, numbers, birth date, the
/// lines themselves) is masked unless `--show-pii`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MrzReport {
    /// `TD1`, `TD2`, `TD3`, `MRV-A`, `MRV-B` or `FRENCH-ID`.
    pub format: String,
    /// Read with confidence and every check digit holds.
    pub valid: bool,
    /// The lines as read (masked: every letter and digit as `*`).
    pub lines: Vec<String>,
    /// Positions read without confidence, `[line, character]`, 1-based.
    pub uncertain: Vec<[usize; 2]>,
    /// The fields, when every character was read with confidence.
    pub fields: Option<MrzFields>,
}

/// The fields of a read MRZ, masked like all personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MrzFields {
    pub document_code: String,
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub name_truncated: bool,
    pub document_number: String,
    pub nationality: String,
    /// As printed, `YYMMDD`.
    pub birth_date: String,
    pub sex: String,
    /// As printed, `YYMMDD`; absent on the French ID card.
    pub expiry_date: Option<String>,
    pub optional_data: String,
    /// Each check digit: the field it covers and whether it holds.
    pub checks: Vec<MrzCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MrzCheck {
    pub field: String,
    pub valid: bool,
}

impl FileReport {
    pub fn from_findings(path: String, checks: Vec<Finding>) -> Self {
        let verdict = Verdict::of(checks.iter().map(|f| f.status));
        FileReport {
            path,
            verdict,
            error: None,
            checks,
            document: None,
        }
    }

    pub fn unreadable(path: String, reason: String) -> Self {
        FileReport {
            path,
            verdict: Verdict::Error,
            error: Some(reason),
            checks: Vec::new(),
            document: None,
        }
    }

    /// Mark a file that was read but whose photo could not be examined.
    pub fn not_evaluated(&mut self, reason: String) {
        self.verdict = Verdict::Error;
        self.error = Some(reason);
    }

    /// The first reason this file could not be evaluated, for the one-line stderr error.
    pub fn error_reason(&self) -> Option<&str> {
        self.error.as_deref().or_else(|| {
            self.checks
                .iter()
                .find(|f| f.status == Status::Error)
                .map(|f| f.message.as_str())
        })
    }
}

/// The result of the checks on one applicant: what they typed (their profile) against the
/// documents read from their photos, and the checks across their photos (the same photo twice,
/// a card's front without its back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantReport {
    /// The profile file: `--profile`, or the `profile.toml`/`profile.json` of the applicant's
    /// folder; `null` when there was none and the checks judged the photos alone.
    pub profile: Option<String>,
    /// The folder the applicant's photos were found in; `null` for `--profile` and for files
    /// named on the command line.
    pub folder: Option<String>,
    /// The applicant's photos, as in `files[].path`, in input order.
    pub photos: Vec<String>,
    /// The worst status among `checks`, or `error` when the profile was invalid.
    pub verdict: Verdict,
    /// Why the profile could not be used (syntax error with line and column, a field-level
    /// validation error); never quotes the typed values. `null` when it loaded.
    pub error: Option<String>,
    /// One finding per applicant check, in registry order.
    pub checks: Vec<Finding>,
}

impl ApplicantReport {
    pub fn from_findings(
        profile: Option<String>,
        folder: Option<String>,
        photos: Vec<String>,
        checks: Vec<Finding>,
    ) -> Self {
        let verdict = Verdict::of(checks.iter().map(|f| f.status));
        ApplicantReport {
            profile,
            folder,
            photos,
            verdict,
            error: None,
            checks,
        }
    }

    /// The report of an applicant whose profile could not be used: `reason` says why.
    pub fn invalid(
        profile: String,
        folder: Option<String>,
        photos: Vec<String>,
        reason: String,
    ) -> Self {
        ApplicantReport {
            profile: Some(profile),
            folder,
            photos,
            verdict: Verdict::Error,
            error: Some(reason),
            checks: Vec::new(),
        }
    }

    /// Whether the report says anything: a profile was checked, or some finding is not a
    /// `skip`. An applicant without a profile whose photos gave nothing to judge together is
    /// left out of the output.
    pub fn says_something(&self) -> bool {
        self.profile.is_some() || self.checks.iter().any(|f| f.status != Status::Skip)
    }
}

/// Counts of file verdicts over the run, and the checks that failed most often.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Number of input files (profiles are not counted).
    pub files: usize,
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub error: usize,
    /// Number of applicants reported (`applicants` in the JSON document).
    pub applicants: usize,
    /// Every check that failed at least once, most often first (ties by id): on how many
    /// files, or applicants for the applicant checks, it failed.
    pub failing_checks: Vec<CheckCount>,
}

/// How many times one check failed in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckCount {
    pub id: String,
    pub count: usize,
}

impl Summary {
    /// Count one file's report.
    pub fn add_file(&mut self, file: &FileReport) {
        self.files += 1;
        match file.verdict {
            Verdict::Pass => self.pass += 1,
            Verdict::Warn => self.warn += 1,
            Verdict::Fail => self.fail += 1,
            Verdict::Error => self.error += 1,
        }
        self.count_failures(&file.checks);
    }

    /// Count one applicant's report.
    pub fn add_applicant(&mut self, applicant: &ApplicantReport) {
        self.applicants += 1;
        self.count_failures(&applicant.checks);
    }

    fn count_failures(&mut self, findings: &[Finding]) {
        for finding in findings.iter().filter(|f| f.status == Status::Fail) {
            match self.failing_checks.iter_mut().find(|c| c.id == finding.id) {
                Some(count) => count.count += 1,
                None => self.failing_checks.push(CheckCount {
                    id: finding.id.clone(),
                    count: 1,
                }),
            }
        }
        // Kept sorted as it goes: a few dozen checks at most, so this is cheap.
        self.failing_checks
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    }
}

/// Name and version of the program that wrote a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn this() -> Self {
        Tool {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The whole run, as printed by `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Layout version of this document; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    pub tool: Tool,
    /// One entry per input file, in input order (folders walked in name order).
    pub files: Vec<FileReport>,
    /// One entry per applicant with something to say: each `--profile` or folder profile, and
    /// the photos without a profile when judging them together found something (an expired
    /// document, the same photo twice). In the order their last photo came.
    pub applicants: Vec<ApplicantReport>,
    /// The worst verdict among the files and the applicants.
    pub verdict: Verdict,
    pub summary: Summary,
}

impl Report {
    pub fn new(files: Vec<FileReport>, applicants: Vec<ApplicantReport>) -> Self {
        let mut summary = Summary::default();
        files.iter().for_each(|f| summary.add_file(f));
        applicants.iter().for_each(|a| summary.add_applicant(a));
        let verdict = files
            .iter()
            .map(|f| f.verdict)
            .chain(applicants.iter().map(|a| a.verdict))
            .max()
            .unwrap_or(Verdict::Pass);
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::this(),
            files,
            applicants,
            verdict,
            summary,
        }
    }
}

/// The process exit status, documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing failed (warnings allowed unless `--strict`).
    Clean = 0,
    /// Some check failed (or warned, with `--strict`).
    Failed = 1,
    /// A usage error, or some input could not be evaluated.
    Trouble = 2,
}

impl ExitStatus {
    pub fn of(verdict: Verdict, strict: bool) -> Self {
        match verdict {
            Verdict::Pass => ExitStatus::Clean,
            Verdict::Warn if strict => ExitStatus::Failed,
            Verdict::Warn => ExitStatus::Clean,
            Verdict::Fail => ExitStatus::Failed,
            Verdict::Error => ExitStatus::Trouble,
        }
    }

    pub fn code(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_is_the_worst_status_with_skip_as_pass() {
        assert_eq!(Verdict::of([]), Verdict::Pass);
        assert_eq!(Verdict::of([Status::Skip, Status::Skip]), Verdict::Pass);
        assert_eq!(Verdict::of([Status::Pass, Status::Warn]), Verdict::Warn);
        assert_eq!(
            Verdict::of([Status::Fail, Status::Warn, Status::Pass]),
            Verdict::Fail
        );
        assert_eq!(Verdict::of([Status::Error, Status::Fail]), Verdict::Error);
    }

    #[test]
    fn exit_status_follows_verdict_and_strict() {
        assert_eq!(ExitStatus::of(Verdict::Pass, true), ExitStatus::Clean);
        assert_eq!(ExitStatus::of(Verdict::Warn, false), ExitStatus::Clean);
        assert_eq!(ExitStatus::of(Verdict::Warn, true), ExitStatus::Failed);
        assert_eq!(ExitStatus::of(Verdict::Fail, false), ExitStatus::Failed);
        assert_eq!(ExitStatus::of(Verdict::Error, false), ExitStatus::Trouble);
        assert_eq!(ExitStatus::Trouble.code(), 2);
    }

    #[test]
    fn run_verdict_includes_the_applicants() {
        let applicant = ApplicantReport::invalid("p.toml".into(), None, vec![], "bad".into());
        let file = FileReport::from_findings("a.jpg".into(), vec![]);
        let report = Report::new(vec![file], vec![applicant]);
        assert_eq!(report.verdict, Verdict::Error);
        assert_eq!(report.summary.files, 1);
        assert_eq!(report.summary.pass, 1);
        assert_eq!(report.summary.applicants, 1);
    }

    fn finding(id: &str, status: Status) -> Finding {
        Finding {
            id: id.into(),
            category: Category::Photo,
            status,
            title: String::new(),
            message: String::new(),
            hint: None,
            measured: None,
            threshold: None,
            unit: None,
            regions: vec![],
        }
    }

    #[test]
    fn the_summary_ranks_the_checks_that_failed_most() {
        let files = [
            vec![
                finding("photo.blur", Status::Fail),
                finding("photo.glare", Status::Fail),
            ],
            vec![
                finding("photo.blur", Status::Fail),
                finding("photo.glare", Status::Warn),
            ],
            vec![finding("photo.color", Status::Fail)],
        ];
        let mut summary = Summary::default();
        for (i, checks) in files.into_iter().enumerate() {
            summary.add_file(&FileReport::from_findings(format!("{i}.jpg"), checks));
        }
        let ranked: Vec<(&str, usize)> = summary
            .failing_checks
            .iter()
            .map(|c| (c.id.as_str(), c.count))
            .collect();
        assert_eq!(
            ranked,
            [("photo.blur", 2), ("photo.color", 1), ("photo.glare", 1)]
        );
        assert_eq!((summary.files, summary.fail), (3, 3));
    }
}
