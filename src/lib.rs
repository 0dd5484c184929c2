//! kyc-preflight: check identity-document photos and typed form details before a KYC upload.
//!
//! The library does the work and never prints; the `kyc-preflight` binary parses the command
//! line, calls [`examine_file`] for each photo and then [`check_applicant`] with the profile and
//! the documents read from the photos, renders the [`Report`] and maps its verdict to an exit
//! status. Data flows one way:
//!
//! ```text
//! path ─▶ load (safe) ─▶ Scene (lazy: header, pixels…) ─▶ checks (pure) ─▶ Finding ─▶ Report
//! ```
//!
//! - [`load`] reads untrusted files within limits and decodes them;
//! - [`scene`] caches what several checks need, computed on first use;
//! - [`checks`] holds the registry, one file per check, turning measurements into findings
//!   with the thresholds of [`options`];
//! - [`applicant`] joins the typed details with the documents read, for the checks of both;
//! - [`report`] is the result model and JSON schema; [`render`] prints it.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod applicant;
pub mod batch;
pub mod checks;
#[doc(hidden)]
pub mod fuzzing;
pub mod ids;
pub mod inputs;
pub mod load;
pub mod mrz;
pub mod names;
pub mod nationality;
pub mod options;
pub mod output;
pub mod pii;
pub mod profile;
pub mod render;
pub mod report;
pub mod scene;
pub mod scrub;
pub mod text;
pub mod vision;

use std::path::Path;

pub use applicant::{Applicant, Evidence, PhotoFacts, ReadDocument};
pub use checks::Selection;
pub use options::{Options, Thresholds};
pub use profile::{Profile, ProfileError};
pub use report::{
    ApplicantReport, Category, ExitStatus, FileReport, Finding, JudgedDocument, Report, Status,
    Verdict,
};

/// Run every selected photo and file check on one file. Never fails: a file that cannot be
/// read gives a report with verdict `error` and the reason.
pub fn check_file(path: &Path, options: &Options, selection: &Selection) -> FileReport {
    examine_file(path, options, selection, None).report
}

/// What checking one file gave.
pub struct Examined {
    pub report: FileReport,
    /// `None` without an `annotate_to`, else whether the picture was written.
    pub annotated: Option<Annotated>,
    /// The document read from the photo's MRZ, unmasked, when every check digit held: the
    /// evidence [`check_applicant`] compares the typed details with. Never printed as is.
    pub document: Option<ReadDocument>,
    /// What the checks across one applicant's photos need of this one; `None` when neither
    /// is selected, or the file could not be read whole, or is empty.
    pub photo: Option<PhotoFacts>,
}

impl Examined {
    /// What a path that yielded no file to check gives: its error report and nothing else.
    pub fn unreadable(path: String, reason: String) -> Self {
        Examined {
            report: FileReport::unreadable(path, reason),
            annotated: None,
            document: None,
            photo: None,
        }
    }

    /// Add what this file gave to its applicant's evidence.
    pub fn add_to(&mut self, evidence: &mut Evidence) {
        evidence.files.push(self.report.path.clone());
        evidence.photos.extend(self.photo.take());
        evidence.documents.extend(self.document.take());
    }
}

/// Like [`check_file`], also keeping the document read for [`check_applicant`], and drawing
/// what was found over the photo as a PNG at `annotate_to` (never an input: the caller chooses
/// a path in its own output folder). [`Annotated::NotDecoded`] for a file whose pixels could
/// not be decoded (its report says why), [`Annotated::Failed`] when the picture could not be
/// written.
pub fn examine_file(
    path: &Path,
    options: &Options,
    selection: &Selection,
    annotate_to: Option<&Path>,
) -> Examined {
    let shown = path.to_string_lossy().into_owned();
    match load::read_file(path, &options.limits) {
        Ok(file) => check_loaded(shown, file, options, selection, annotate_to),
        Err(err) => {
            let reason = err.to_string();
            Examined {
                report: FileReport::unreadable(shown, reason),
                annotated: annotate_to.map(|_| Annotated::NotDecoded),
                document: None,
                photo: None,
            }
        }
    }
}

/// Read the machine-readable zone of one photo: the `document.mrz` finding and what was read
/// (masked unless `options.show_pii`). `Err` with the reason when the file cannot be read or
/// decoded.
pub fn read_mrz(
    path: &Path,
    options: &Options,
) -> Result<(Finding, Option<report::MrzReport>), String> {
    let file = load::read_file(path, &options.limits).map_err(|err| err.to_string())?;
    let scene = scene::Scene::new(file, options.limits.clone());
    scene.pixels().map_err(|why| {
        let message = why.outcome().message;
        message
            .strip_prefix("Not examined: ")
            .unwrap_or(&message)
            .trim_end_matches('.')
            .to_owned()
    })?;
    let selection = Selection::new(&["document.mrz".to_owned()], &[])
        .expect("document.mrz is a registered check");
    let finding = checks::run_file_checks(&scene, options, &selection)
        .pop()
        .expect("the one selected check ran");
    let masker = pii::Masker::new(options.show_pii);
    Ok((finding, scene.mrz_read().map(|r| r.report(masker))))
}

/// Like [`check_file`] for an image already in memory; `name` is reported as its path and
/// its extension is compared with the content as a file name's would be.
pub fn check_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
    selection: &Selection,
) -> FileReport {
    examine_bytes(name, bytes, options, selection).report
}

/// Like [`examine_file`] for an image already in memory (no annotation).
pub fn examine_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
    selection: &Selection,
) -> Examined {
    let extension = Path::new(name).extension().map(|e| e.to_string_lossy());
    let file = load::from_bytes(bytes, extension.as_deref(), &options.limits);
    check_loaded(name.to_owned(), file, options, selection, None)
}

fn check_loaded(
    name: String,
    file: load::LoadedFile,
    options: &Options,
    selection: &Selection,
    annotate_to: Option<&Path>,
) -> Examined {
    let scene = scene::Scene::new(file, options.limits.clone());
    let mut report =
        FileReport::from_findings(name, checks::run_file_checks(&scene, options, selection));
    // A photo the photo checks could not look at at all (HEIC, over the reading limit…) was
    // not evaluated, whatever the file checks found: an error of the file, exit status 2.
    if report.checks.iter().any(|f| f.category == Category::Photo)
        && let Err(why) = scene.examinable()
        && let Some(reason) = why.not_examined()
    {
        report.not_evaluated(reason);
    }
    let reading = scene.mrz_read();
    let mrz = reading.map(|r| r.report(pii::Masker::new(options.show_pii)));
    let zone_read = reading.map(|r| r.zone.clone());
    report.document = match scene.judged_document() {
        Some(view) => Some(JudgedDocument {
            kind: view.layout.kind.id().to_owned(),
            corners: Some(view.rectified.corners),
            fills_frame: view.fills_frame,
            // The zone read (found through the layout or anywhere in the photo), else the
            // zone the layout saw.
            mrz_zone: zone_read.or_else(|| {
                view.layout
                    .mrz
                    .as_ref()
                    .map(|m| view.box_in_photo(view.layout.in_image(m.zone)))
            }),
            mrz,
            others: scene.other_documents(),
        }),
        // No outline, yet the search of the whole photo read a zone: what was read is
        // reported all the same (`document.mrz` judged it).
        None => mrz.map(|mrz| JudgedDocument {
            kind: "mrz-only".to_owned(),
            corners: None,
            fills_frame: false,
            mrz_zone: zone_read,
            mrz: Some(mrz),
            others: scene.other_documents(),
        }),
    };
    let annotated = annotate_to.map(|out| match scene.pixels() {
        Err(_) => Annotated::NotDecoded,
        Ok(pixels) => {
            let picture = render::annotate::annotate(pixels, &report);
            match render::annotate::save_png(&picture, out) {
                Ok(()) => Annotated::Written,
                Err(why) => Annotated::Failed(why),
            }
        }
    });
    // The checks of the typed details need the document even when `document.mrz` is not
    // selected; otherwise only a reading already made is kept.
    let reading = if checks::any_profile_check(selection) {
        scene.mrz().ok().flatten()
    } else {
        scene.mrz_read()
    };
    let document = reading
        .filter(|reading| reading.is_valid())
        .and_then(|reading| reading.parsed.clone())
        .map(|mrz| ReadDocument {
            source: report.path.clone(),
            mrz,
        });
    let photo = photo_facts(&scene, &report.path, selection);
    Examined {
        report,
        annotated,
        document,
        photo,
    }
}

/// What the checks across photos need of this one. `None` when neither is selected; for an
/// empty file, which is no photo (its own report says so) and would otherwise repeat every
/// other empty file; and for one over the reading limit, of which only the first bytes were
/// read (too few to tell two files apart). The fingerprint and the document are computed here
/// only when a check that uses them is selected; otherwise only what the photo checks already
/// computed is kept.
fn photo_facts(scene: &scene::Scene, source: &str, selection: &Selection) -> Option<PhotoFacts> {
    let wants = |id: &str| checks::find(id).is_some_and(|check| selection.includes(check));
    // Neither check across photos is selected: nothing to hash or measure for them.
    if !wants("file.duplicate") && !wants("document.sides") {
        return None;
    }
    let bytes = match &scene.file.contents {
        load::Contents::Whole(bytes) if !bytes.is_empty() => bytes.as_slice(),
        _ => return None,
    };
    let content = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        (hasher.finish(), scene.file.size)
    };
    let fingerprint = if wants("file.duplicate") {
        scene
            .proxy()
            .ok()
            .and_then(|proxy| vision::fingerprint::Fingerprint::of(&proxy.grey))
    } else {
        None
    };
    let document = if wants("document.sides") {
        scene.document().ok()
    } else {
        scene.judged_document()
    };
    Some(PhotoFacts {
        source: source.to_owned(),
        content,
        fingerprint,
        document: document.map(|view| view.layout.kind),
    })
}

/// What became of a requested `--annotate` picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Annotated {
    Written,
    /// The file's pixels could not be decoded, so there is nothing to draw on.
    NotDecoded,
    /// Writing the picture failed; the text says why.
    Failed(String),
}

/// Load a profile and validate it against `today` (a birth date in the future is an error).
/// The error never quotes the typed values.
pub fn load_profile(path: &Path, today: jiff::civil::Date) -> Result<Profile, ProfileError> {
    let profile = Profile::load(path)?;
    profile.validate_against(today)?;
    Ok(profile)
}

/// Where an applicant's typed details come from, for their report.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApplicantOrigin<'a> {
    /// The profile file; `None` when none was given: the checks then judge the photos alone.
    pub profile: Option<&'a Path>,
    /// The folder their photos were found in, if any.
    pub folder: Option<&'a Path>,
}

/// Run the selected checks of one applicant: the typed details (`profile`, empty when none
/// was given) against the documents read from their photos by [`examine_file`], and the
/// photos against each other.
pub fn check_applicant(
    origin: ApplicantOrigin,
    profile: &Profile,
    evidence: &Evidence,
    options: &Options,
    selection: &Selection,
) -> ApplicantReport {
    let shown = |p: Option<&Path>| p.map(|p| p.to_string_lossy().into_owned());
    let applicant = Applicant::new(profile, &evidence.documents, &evidence.photos);
    ApplicantReport::from_findings(
        shown(origin.profile),
        shown(origin.folder),
        evidence.files.clone(),
        checks::run_applicant_checks(&applicant, options, selection),
    )
}

/// Load a profile and run the selected checks of the typed details on it alone (no photos).
/// An invalid profile gives a report with verdict `error` and a field-level reason that never
/// quotes the typed values.
pub fn check_profile(path: &Path, options: &Options, selection: &Selection) -> ApplicantReport {
    match load_profile(path, options.today) {
        Ok(profile) => check_applicant(
            ApplicantOrigin {
                profile: Some(path),
                folder: None,
            },
            &profile,
            &Evidence::default(),
            options,
            selection,
        ),
        Err(err) => ApplicantReport::invalid(
            path.to_string_lossy().into_owned(),
            None,
            Vec::new(),
            err.to_string(),
        ),
    }
}
