//! Every committed fixture produces the outcome its name states, and the check it targets
//! reports the status the name implies. Fixture names end in `_pass`, `_warn`, `_fail` or
//! `_error`: the file's expected verdict.

mod common;

use common::{check_json, fixture, os};
use kyc_preflight::ExitStatus;
use kyc_preflight::report::{FileReport, Finding, Status, Verdict};

fn expected_verdict(name: &str) -> Verdict {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    match stem.rsplit('_').next() {
        Some("pass") => Verdict::Pass,
        Some("warn") => Verdict::Warn,
        Some("fail") => Verdict::Fail,
        Some("error") => Verdict::Error,
        _ => panic!("fixture {name} is not named for its outcome"),
    }
}

fn photo(name: &str) -> FileReport {
    let path = fixture(&format!("photos/{name}"));
    let (run, report) = check_json(&[os(&path)]);
    let file = report.files.into_iter().next().expect("one file");
    assert_eq!(run.code, exit_code(file.verdict), "{name}: {}", run.stderr);
    file
}

fn finding<'a>(checks: &'a [Finding], id: &str) -> &'a Finding {
    checks
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("{id} missing in {checks:?}"))
}

fn status(file: &FileReport, id: &str) -> Status {
    finding(&file.checks, id).status
}

/// The exit status a run with this verdict must have.
fn exit_code(verdict: Verdict) -> i32 {
    ExitStatus::of(verdict, false).code().into()
}

#[test]
fn every_photo_fixture_has_the_verdict_in_its_name() {
    let dir = fixture("photos");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let file = photo(&name);
        assert_eq!(file.verdict, expected_verdict(&name), "{name}: {file:#?}");
    }
}

#[test]
fn clean_photo_passes_every_check() {
    let file = photo("passport_clean_pass.jpg");
    assert!(file.checks.len() >= 6);
    for finding in &file.checks {
        assert_eq!(finding.status, Status::Pass, "{finding:?}");
        assert_eq!(finding.hint, None);
    }
}

#[test]
fn resolution_passes_warns_and_fails_on_the_shorter_side() {
    assert_eq!(
        status(&photo("passport_clean_pass.jpg"), "photo.resolution"),
        Status::Pass
    );
    let medium = photo("medium_resolution_warn.jpg");
    assert_eq!(status(&medium, "photo.resolution"), Status::Warn);
    let low = photo("low_resolution_fail.jpg");
    let finding = finding(&low.checks, "photo.resolution");
    assert_eq!(finding.status, Status::Fail);
    assert_eq!(finding.measured, Some(396.0));
    assert_eq!(finding.threshold, Some(600.0));
    assert_eq!(finding.unit.as_deref(), Some("px"));
    assert!(finding.hint.is_some());
}

#[test]
fn exif_orientation_is_applied_before_measuring() {
    let file = photo("exif_rotated_portrait_warn.jpg");
    let finding = finding(&file.checks, "photo.resolution");
    assert_eq!(finding.status, Status::Warn);
    assert!(
        finding.message.starts_with("700×1600 px"),
        "{}",
        finding.message
    );
}

#[test]
fn editor_in_metadata_warns() {
    let file = photo("photoshop_edited_warn.jpg");
    assert_eq!(status(&file, "photo.edited"), Status::Warn);
    assert_eq!(status(&file, "privacy.location"), Status::Pass);
}

#[test]
fn gps_position_warns_without_printing_it() {
    let file = photo("gps_location_warn.jpg");
    let finding = finding(&file.checks, "privacy.location");
    assert_eq!(finding.status, Status::Warn);
    assert!(!finding.message.contains("40"), "{}", finding.message);
    assert_eq!(status(&file, "photo.edited"), Status::Pass);
}

#[test]
fn truncated_files_fail_completeness_and_cannot_be_judged() {
    for name in [
        "truncated_incomplete_error.jpg",
        "truncated_incomplete_error.png",
    ] {
        let file = photo(name);
        let complete = finding(&file.checks, "file.complete");
        assert_eq!(complete.status, Status::Fail, "{name}");
        assert!(
            complete.message.contains("incomplete"),
            "{}",
            complete.message
        );
        assert_eq!(status(&file, "photo.resolution"), Status::Error, "{name}");
        // The header is intact, so metadata checks still judge.
        assert_eq!(status(&file, "privacy.location"), Status::Pass, "{name}");
    }
}

#[test]
fn unaccepted_formats_fail_with_a_conversion_hint() {
    for (name, format) in [
        ("iphone_heic_format_fail.heic", "HEIC"),
        ("heic_renamed_jpg_format_fail.jpg", "HEIC"),
        ("scanned_pdf_format_fail.pdf", "PDF"),
        ("webp_format_fail.webp", "WebP"),
    ] {
        let file = photo(name);
        let finding = finding(&file.checks, "file.format");
        assert_eq!(finding.status, Status::Fail, "{name}");
        assert!(
            finding.message.contains(format),
            "{name}: {}",
            finding.message
        );
        assert!(finding.hint.as_deref().unwrap().contains("JPEG"), "{name}");
    }
    let renamed = photo("heic_renamed_jpg_format_fail.jpg");
    let finding = finding(&renamed.checks, "file.format");
    assert!(
        finding.message.contains("name ends in .jpg"),
        "{}",
        finding.message
    );
    // HEIC is not decoded: the photo checks say so instead of guessing.
    assert_eq!(status(&renamed, "photo.resolution"), Status::Skip);
    // WebP is decoded, so its photo checks still run.
    assert_eq!(
        status(&photo("webp_format_fail.webp"), "photo.resolution"),
        Status::Fail
    );
}

#[test]
fn content_name_mismatch_warns() {
    let file = photo("png_named_jpg_warn.jpg");
    let finding = finding(&file.checks, "file.format");
    assert_eq!(finding.status, Status::Warn);
    assert!(finding.hint.as_deref().unwrap().contains(".png"));
}

#[test]
fn text_named_jpg_cannot_be_evaluated() {
    let file = photo("text_named_jpg_error.jpg");
    assert_eq!(status(&file, "file.format"), Status::Error);
    assert_eq!(status(&file, "photo.resolution"), Status::Skip);
}

fn profile(name: &str) -> kyc_preflight::ProfileReport {
    let path = fixture(&format!("profiles/{name}"));
    let (run, report) = check_json(&[os("--profile"), os(&path)]);
    assert!(report.files.is_empty());
    let profile = report.profile.expect("profile section");
    assert_eq!(
        profile.verdict,
        expected_verdict(name),
        "{name}: {profile:?}"
    );
    assert_eq!(run.code, exit_code(profile.verdict), "{name}");
    profile
}

#[test]
fn every_profile_fixture_has_the_verdict_in_its_name() {
    let mut names: Vec<String> = std::fs::read_dir(fixture("profiles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        profile(&name);
    }
}

#[test]
fn expiry_and_age_fixtures_fail_on_the_right_check() {
    let expired = profile("expired_document_fail.toml");
    assert_eq!(expired.checks[0].id, "document.expiry");
    assert_eq!(expired.checks[0].status, Status::Fail);
    assert_eq!(expired.checks[0].measured, Some(-996.0));
    let soon = profile("expiring_soon_warn.toml");
    assert_eq!(soon.checks[0].status, Status::Warn);
    let minor = profile("minor_age_fail.toml");
    let age = finding(&minor.checks, "document.age");
    assert_eq!(age.status, Status::Fail);
    let long_term = profile("long_term_id_pass.toml");
    assert!(long_term.checks[0].message.contains("long-term"));
}

#[test]
fn config_thresholds_change_the_outcome() {
    let config = fixture("config/strict_upload.toml");
    let path = fixture("profiles/expiring_soon_warn.toml");
    let (_, report) = check_json(&[os("--profile"), os(&path), os("--config"), os(&config)]);
    let expiry = &report.profile.unwrap().checks[0];
    assert_eq!(expiry.threshold, Some(60.0));
}

#[test]
fn file_size_fails_above_the_limit_and_warns_below() {
    let dir = tempfile::tempdir().unwrap();
    // The clean fixture padded with comment segments to 10.5 MB: still a complete, valid JPEG.
    let clean = std::fs::read(fixture("photos/passport_clean_pass.jpg")).unwrap();
    let mut big = clean[..2].to_vec();
    let comment = [vec![0xFF, 0xFE, 0xFF, 0xFF], vec![b' '; 0xFFFD]].concat();
    while big.len() < 10_500_000 {
        big.extend_from_slice(&comment);
    }
    big.extend_from_slice(&clean[2..]);
    let big_path = dir.path().join("big.jpg");
    std::fs::write(&big_path, &big).unwrap();

    let small_path = dir.path().join("small.jpg");
    image::RgbImage::from_pixel(640, 480, image::Rgb([200, 200, 200]))
        .save(&small_path)
        .unwrap();

    let (_, report) = check_json(&[os(&big_path), os(&small_path)]);
    let size = |i: usize| -> (Status, Option<f64>) {
        let f = report.files[i]
            .checks
            .iter()
            .find(|f| f.id == "file.size")
            .unwrap();
        (f.status, f.measured)
    };
    assert_eq!(size(0).0, Status::Fail);
    assert_eq!(size(0).1, Some(big.len() as f64));
    assert_eq!(status(&report.files[0], "file.complete"), Status::Pass);
    assert_eq!(size(1).0, Status::Warn, "a flat 640×480 JPEG is tiny");
    assert!(size(1).1.unwrap() < 30_000.0);
}
