//! Every committed fixture produces the outcome its name and label state.
//!
//! Names end in `_pass`, `_warn`, `_fail` or `_error`. A generated fixture has a label beside
//! it (`<name>.label.json`) with the status every check should report — including checks not
//! built yet. For each check that exists, the report must equal the label; the name states the
//! verdict of the whole label, so fixtures start testing each new check as it lands. Fixtures
//! without a label (wrong formats, truncated files) are held to their name alone.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{check_json, fixture, os};
use kyc_preflight::ExitStatus;
use kyc_preflight::report::{FileReport, Finding, Status, Verdict};

fn verdict_word(word: &str) -> Verdict {
    match word {
        "pass" | "skip" => Verdict::Pass,
        "warn" => Verdict::Warn,
        "fail" => Verdict::Fail,
        "error" => Verdict::Error,
        other => panic!("not a status: {other}"),
    }
}

fn status_word(word: &str) -> Status {
    match word {
        "pass" => Status::Pass,
        "warn" => Status::Warn,
        "fail" => Status::Fail,
        "skip" => Status::Skip,
        "error" => Status::Error,
        other => panic!("not a status: {other}"),
    }
}

fn expected_verdict(name: &str) -> Verdict {
    let stem = name.split('.').next().unwrap_or(name);
    verdict_word(stem.rsplit('_').next().unwrap())
}

/// The `expected` map of the label beside a fixture, if it has one.
fn label(dir: &str, name: &str) -> Option<BTreeMap<String, String>> {
    let stem = name.split('.').next().unwrap();
    let path = fixture(&format!("{dir}/{stem}.label.json"));
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    Some(serde_json::from_value(value["expected"].clone()).unwrap())
}

/// Hold one report to its fixture's name and label.
fn judge(dir: &str, name: &str, findings: &[Finding], verdict: Verdict) {
    match label(dir, name) {
        Some(expected) => {
            // An expected `skip` means the check has nothing to judge (no document in the
            // photo), and a reported `skip` against an expected `pass` is a check saying it
            // cannot judge this photo (white paper hides glare): neither is compared, as the
            // accuracy harness counts them "n/a" and "undecided". Clean photos must pass every
            // check (below), so a check that always skips is still caught.
            let mut compared = Vec::new();
            for finding in findings {
                let want = expected
                    .get(&finding.id)
                    .unwrap_or_else(|| panic!("{name}: label lacks {}", finding.id));
                if want == "skip" || (want == "pass" && finding.status == Status::Skip) {
                    continue;
                }
                // A card's back whose machine-readable zone is covered looks like a card's
                // front, which has none: the reader says it found none (skip), not that it is
                // unreadable, and the harness counts that "undecided" too.
                if finding.id == "document.mrz" && want == "fail" && finding.status == Status::Skip
                {
                    continue;
                }
                assert_eq!(finding.status, status_word(want), "{name}: {finding:#?}");
                compared.push(finding.status);
            }
            if compared.len() == findings.len() {
                assert_eq!(verdict, Verdict::of(compared), "{name}");
            }
            let full = expected.values().map(|s| verdict_word(s)).max().unwrap();
            assert_eq!(
                full,
                expected_verdict(name),
                "{name} is named for its label's verdict"
            );
        }
        None => assert_eq!(verdict, expected_verdict(name), "{name}: {findings:#?}"),
    }
}

fn exit_code(verdict: Verdict) -> i32 {
    ExitStatus::of(verdict, false).code().into()
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

fn listing(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".label.json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_photo_fixture_matches_its_name_and_label() {
    let names = listing("photos");
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let file = photo(&name);
        judge("photos", &name, &file.checks, file.verdict);
    }
}

#[test]
fn every_label_has_its_photo() {
    for entry in std::fs::read_dir(fixture("photos")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".label.json") {
            let has_image = ["jpg", "png"]
                .iter()
                .any(|ext| Path::new(&fixture(&format!("photos/{stem}.{ext}"))).exists());
            assert!(has_image, "{name} labels nothing");
        }
    }
}

#[test]
fn clean_photos_pass_every_check() {
    for name in [
        "td3_clean_pass.jpg",
        "td1_front_clean_pass.jpg",
        "td1_back_clean_pass.jpg",
        "td2_clean_pass.jpg",
    ] {
        let file = photo(name);
        assert!(file.checks.len() >= 6);
        let expected = label("photos", name).expect("clean fixtures are labelled");
        for finding in &file.checks {
            // Only what the label says has nothing to judge may skip (a card's front has no
            // machine-readable zone).
            let want = if expected[&finding.id] == "skip" {
                Status::Skip
            } else {
                Status::Pass
            };
            assert_eq!(finding.status, want, "{name}: {finding:?}");
            assert_eq!(finding.hint, None);
        }
    }
}

#[test]
fn resolution_is_judged_from_the_documents_physical_size() {
    assert_eq!(
        status(&photo("td3_clean_pass.jpg"), "photo.resolution"),
        Status::Pass
    );
    let medium = photo("td1_front_medium_resolution_warn.jpg");
    let finding_medium = finding(&medium.checks, "photo.resolution");
    assert_eq!(finding_medium.status, Status::Warn);
    assert!(
        (150.0..300.0).contains(&finding_medium.measured.unwrap()),
        "{finding_medium:?}"
    );
    let low = photo("td1_back_low_resolution_fail.jpg");
    let finding = finding(&low.checks, "photo.resolution");
    assert_eq!(finding.status, Status::Fail);
    assert!(finding.measured.unwrap() < 150.0, "{finding:?}");
    assert_eq!(finding.threshold, Some(150.0));
    assert_eq!(finding.unit.as_deref(), Some("dots per inch"));
    assert!(
        finding.message.contains("ID-1 card 85.6 mm"),
        "{}",
        finding.message
    );
    assert!(finding.hint.is_some());
}

#[test]
fn exif_orientation_is_applied_before_measuring() {
    // Stored 1600 × 700 with orientation 6: upright it is a portrait photo, 700 × 1600.
    let file = photo("exif_rotated_portrait_warn.jpg");
    let complete = finding(&file.checks, "file.complete");
    assert!(
        complete.message.contains("700×1600"),
        "{}",
        complete.message
    );
    assert_eq!(status(&file, "photo.document"), Status::Pass);
    assert_eq!(status(&file, "photo.resolution"), Status::Warn);
}

#[test]
fn a_zone_read_without_an_outline_is_reported() {
    // The page's edges are lost in the over-exposure, its zone is not: what was read is in
    // the report, with no corners, and masked.
    let file = photo("td3_overexposed_outline_lost_fail.jpg");
    assert_eq!(status(&file, "photo.document"), Status::Fail);
    assert_eq!(status(&file, "document.mrz"), Status::Pass);
    let document = file.document.as_ref().expect("the zone read is reported");
    assert_eq!(document.kind, "mrz-only");
    assert!(document.corners.is_none());
    assert!(document.mrz_zone.is_some());
    let mrz = document.mrz.as_ref().expect("the reading");
    assert!(mrz.valid);
    assert!(
        mrz.lines.iter().all(|l| l.starts_with('*')),
        "{:?}",
        mrz.lines
    );
}

#[test]
fn editor_in_metadata_warns() {
    let file = photo("td3_edited_warn.jpg");
    assert_eq!(status(&file, "photo.edited"), Status::Warn);
    assert_eq!(status(&file, "privacy.location"), Status::Pass);
}

/// The clean passport photo with a streak of light laid across it (`make-fixtures`): nothing
/// blown out, so only the beam's continuation past the page's edges gives it away. Every other
/// photo check still passes, and the streak is the region reported.
#[test]
fn a_light_streak_fails_glare_and_nothing_else() {
    let file = photo("td3_light_streak_fail.jpg");
    let glare = finding(&file.checks, "photo.glare");
    assert_eq!(glare.status, Status::Fail);
    assert!(glare.message.contains("streak"), "{}", glare.message);
    assert_eq!(glare.regions.len(), 1);
    let failing: Vec<&str> = file
        .checks
        .iter()
        .filter(|f| f.status == Status::Fail || f.status == Status::Warn)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(failing, ["photo.glare"]);
    // The same photo without the streak passes glare.
    assert_eq!(
        status(&photo("td3_clean_pass.jpg"), "photo.glare"),
        Status::Pass
    );
}

#[test]
fn gps_position_warns_without_printing_it() {
    let file = photo("td3_location_warn.jpg");
    let finding = finding(&file.checks, "privacy.location");
    assert_eq!(finding.status, Status::Warn);
    assert!(!finding.message.contains("40"), "{}", finding.message);
    assert_eq!(status(&file, "photo.edited"), Status::Pass);
}

#[test]
fn truncated_files_fail_completeness_and_cannot_be_judged() {
    for name in [
        "td3_truncated_incomplete_error.jpg",
        "td1_back_truncated_incomplete_error.png",
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
        ("iphone_heic_not_decoded_error.heic", "HEIC"),
        ("heic_renamed_jpg_not_decoded_error.jpg", "HEIC"),
        ("scanned_pdf_not_decoded_error.pdf", "PDF"),
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
    let renamed = photo("heic_renamed_jpg_not_decoded_error.jpg");
    let finding = finding(&renamed.checks, "file.format");
    assert!(
        finding.message.contains("name ends in .jpg"),
        "{}",
        finding.message
    );
    // HEIC is not decoded: the photo checks say so instead of guessing, and the file was not
    // evaluated (exit status 2).
    assert_eq!(status(&renamed, "photo.resolution"), Status::Skip);
    assert_eq!(renamed.verdict, Verdict::Error);
    assert!(renamed.error.as_deref().unwrap().contains("not decoded"));
    // WebP is decoded, so its photo checks still run.
    assert_eq!(
        status(&photo("webp_format_fail.webp"), "photo.document"),
        Status::Pass
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

/// The document photo a profile fixture's label says it was typed from, if any.
fn profile_document(name: &str) -> Option<String> {
    let stem = name.split('.').next().unwrap();
    let text = std::fs::read_to_string(fixture(&format!("profiles/{stem}.label.json"))).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["document"].as_str().map(str::to_owned)
}

/// Check a profile fixture, with the photo of its document when its label names one (the
/// photo is a clean fixture, so the run's verdict is the profile's).
fn profile(name: &str) -> kyc_preflight::ApplicantReport {
    let path = fixture(&format!("profiles/{name}"));
    let mut args = vec![os("--profile"), os(&path)];
    let document = profile_document(name).map(|photo| fixture(&format!("photos/{photo}")));
    args.extend(document.as_ref().map(os));
    let (run, report) = check_json(&args);
    assert_eq!(report.files.len(), usize::from(document.is_some()));
    let profile = report
        .applicants
        .into_iter()
        .next()
        .expect("profile section");
    assert_eq!(run.code, exit_code(profile.verdict), "{name}");
    profile
}

#[test]
fn every_profile_fixture_matches_its_name_and_label() {
    for name in listing("profiles") {
        let report = profile(&name);
        judge("profiles", &name, &report.checks, report.verdict);
    }
}

#[test]
fn expiry_and_age_fixtures_fail_on_the_right_check() {
    let expired = profile("expired_document_fail.toml");
    let expiry = finding(&expired.checks, "document.expiry");
    assert_eq!(expiry.status, Status::Fail);
    assert_eq!(expiry.measured, Some(-996.0));
    let soon = profile("expiring_soon_warn.toml");
    assert_eq!(
        finding(&soon.checks, "document.expiry").status,
        Status::Warn
    );
    let minor = profile("minor_age_fail.toml");
    let age = finding(&minor.checks, "document.age");
    assert_eq!(age.status, Status::Fail);
    let long_term = profile("long_term_id_pass.toml");
    assert!(
        finding(&long_term.checks, "document.expiry")
            .message
            .contains("long-term")
    );
}

#[test]
fn config_thresholds_change_the_outcome() {
    let config = fixture("config/strict_upload.toml");
    let path = fixture("profiles/expiring_soon_warn.toml");
    let (_, report) = check_json(&[os("--profile"), os(&path), os("--config"), os(&config)]);
    let checks = report.applicants.into_iter().next().unwrap().checks;
    assert_eq!(finding(&checks, "document.expiry").threshold, Some(60.0));
}

#[test]
fn file_size_fails_above_the_limit_and_warns_below() {
    let dir = tempfile::tempdir().unwrap();
    // The clean fixture padded with comment segments to 10.5 MB: still a complete, valid JPEG.
    let clean = std::fs::read(fixture("photos/td3_clean_pass.jpg")).unwrap();
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

/// Without a profile, the dates read from a photo's machine-readable zone are still judged, in
/// a section with no profile path; the dates stay masked.
#[test]
fn a_photo_alone_has_its_read_dates_judged() {
    let photo = fixture("photos/td3_clean_pass.jpg");
    let (run, report) = check_json(&[os(&photo)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = report
        .applicants
        .into_iter()
        .next()
        .expect("a section for the documents read");
    assert_eq!(read.profile, None);
    let expiry = finding(&read.checks, "document.expiry");
    assert_eq!(expiry.status, Status::Pass);
    assert!(expiry.message.contains("read from td3_clean_pass.jpg"));
    assert!(expiry.message.contains("****-**-**"), "{}", expiry.message);
    // Judged on a day after the document's expiry, the same photo fails.
    let run = common::kyc()
        .args(["check", "--format", "json", "--today", "2040-01-01"])
        .arg(&photo)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let report: kyc_preflight::Report = serde_json::from_slice(&run.stdout).unwrap();
    let checks = report.applicants.into_iter().next().unwrap().checks;
    let expiry = finding(&checks, "document.expiry");
    assert_eq!(expiry.status, Status::Fail, "{}", expiry.message);
}

/// Each kind of mismatch with the document gets its own message.
#[test]
fn each_mismatch_says_what_is_wrong() {
    let cases = [
        (
            "td3_clean_number_typo_fail.toml",
            "info.id_number",
            Status::Fail,
            "at character 5",
        ),
        (
            "td3_clean_swapped_names_fail.toml",
            "info.name",
            Status::Fail,
            "swapped",
        ),
        (
            "td3_clean_middle_name_fail.toml",
            "info.name",
            Status::Fail,
            "missing",
        ),
        (
            "td3_clean_name_case_warn.toml",
            "info.name",
            Status::Warn,
            "case",
        ),
        (
            "td3_clean_expiry_typo_fail.toml",
            "document.expiry",
            Status::Fail,
            "differs",
        ),
        (
            "cn_resident_id_typo_fail.toml",
            "info.id_number",
            Status::Fail,
            "most likely a typo",
        ),
        (
            "cn_resident_id_wrong_sex_fail.toml",
            "info.sex",
            Status::Fail,
            "ID number encodes",
        ),
        (
            "cn_pinyin_surname_misread_fail.toml",
            "info.name",
            Status::Fail,
            "as a surname",
        ),
        (
            "cn_pinyin_spacing_warn.toml",
            "info.name",
            Status::Warn,
            "as a mainland passport",
        ),
    ];
    for (name, id, status, words) in cases {
        let report = profile(name);
        let found = finding(&report.checks, id);
        assert_eq!(found.status, status, "{name}");
        assert!(found.message.contains(words), "{name}: {}", found.message);
    }
}
