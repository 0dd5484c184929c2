//! kyc-preflight: check identity-document photos and typed form details before a KYC upload.
//!
//! The library does the work and never prints; the `kyc-preflight` binary parses the command
//! line, calls [`check_file`] and [`check_profile`], renders the [`Report`] and maps its verdict
//! to an exit status. Data flows one way:
//!
//! ```text
//! path ─▶ load (safe) ─▶ Scene (lazy: header, pixels…) ─▶ checks (pure) ─▶ Finding ─▶ Report
//! ```
//!
//! - [`load`] reads untrusted files within limits and decodes them;
//! - [`scene`] caches what several checks need, computed on first use;
//! - [`checks`] holds the registry, one file per check, turning measurements into findings
//!   with the thresholds of [`options`];
//! - [`report`] is the result model and JSON schema; [`render`] prints it.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod checks;
pub mod inputs;
pub mod load;
pub mod mrz;
pub mod options;
pub mod pii;
pub mod profile;
pub mod render;
pub mod report;
pub mod scene;
pub mod text;
pub mod vision;

use std::path::Path;

pub use checks::Selection;
pub use options::{Options, Thresholds};
pub use profile::{Profile, ProfileError};
pub use report::{ExitStatus, FileReport, Finding, ProfileReport, Report, Status, Verdict};

/// Run every selected photo and file check on one file. Never fails: a file that cannot be
/// read gives a report with verdict `error` and the reason.
pub fn check_file(path: &Path, options: &Options, selection: &Selection) -> FileReport {
    let shown = path.to_string_lossy().into_owned();
    match load::read_file(path, &options.limits) {
        Ok(file) => check_loaded(shown, file, options, selection),
        Err(err) => FileReport::unreadable(shown, err.to_string()),
    }
}

/// Like [`check_file`] for an image already in memory; `name` is reported as its path and
/// its extension is compared with the content as a file name's would be.
pub fn check_bytes(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
    selection: &Selection,
) -> FileReport {
    let extension = Path::new(name).extension().map(|e| e.to_string_lossy());
    let file = load::from_bytes(bytes, extension.as_deref(), &options.limits);
    check_loaded(name.to_owned(), file, options, selection)
}

fn check_loaded(
    name: String,
    file: load::LoadedFile,
    options: &Options,
    selection: &Selection,
) -> FileReport {
    let scene = scene::Scene::new(file, options.limits.clone());
    FileReport::from_findings(name, checks::run_file_checks(&scene, options, selection))
}

/// Load a profile and run the selected profile checks on it. An invalid profile gives a report
/// with verdict `error` and a field-level reason that never quotes the typed values.
pub fn check_profile(path: &Path, options: &Options, selection: &Selection) -> ProfileReport {
    let shown = path.to_string_lossy().into_owned();
    let loaded = Profile::load(path).and_then(|profile| {
        profile.validate_against(options.today)?;
        Ok(profile)
    });
    match loaded {
        Ok(profile) => ProfileReport::from_findings(
            shown,
            checks::run_profile_checks(&profile, options, selection),
        ),
        Err(err) => ProfileReport::invalid(shown, err.to_string()),
    }
}
