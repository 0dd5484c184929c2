//! Batches: applicant folders and their checks across photos, output in input order whatever
//! the number of jobs, and a broken input or profile that stops nothing else.

mod common;

use common::{check, check_json, fixture, os};
use kyc_preflight::report::{ApplicantReport, Status, Verdict};

fn verdict_of_name(name: &str) -> Verdict {
    match name.rsplit('_').next().unwrap() {
        "pass" => Verdict::Pass,
        "warn" => Verdict::Warn,
        "fail" => Verdict::Fail,
        other => panic!("applicant folder not named for its verdict: {other}"),
    }
}

fn status(applicant: &ApplicantReport, id: &str) -> Status {
    applicant
        .checks
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
        .status
}

/// Each folder of `fixtures/applicants` is one applicant, whose report has the verdict its
/// name states, for the reason the name gives.
#[test]
fn every_applicant_folder_matches_its_name() {
    let (_, report) = check_json(&[os(&fixture("applicants"))]);
    let mut seen = Vec::new();
    for applicant in &report.applicants {
        let folder = applicant.folder.as_deref().expect("found in a folder");
        let name = folder.rsplit('/').next().unwrap();
        assert_eq!(
            applicant.verdict,
            verdict_of_name(name),
            "{name}: {applicant:#?}"
        );
        let photos_in_folder = std::fs::read_dir(folder)
            .unwrap()
            .filter(|e| {
                let path = e.as_ref().unwrap().path();
                path.extension().is_some_and(|x| x == "jpg")
            })
            .count();
        assert_eq!(applicant.photos.len(), photos_in_folder, "{name}");
        let expected = match name {
            "card_both_sides_pass" => Some(("document.sides", Status::Pass)),
            "card_front_only_warn" | "card_back_only_warn" => {
                Some(("document.sides", Status::Warn))
            }
            "same_file_twice_fail" | "resaved_copy_fail" => Some(("file.duplicate", Status::Fail)),
            "profile_typo_fail" => Some(("info.id_number", Status::Fail)),
            "profile_with_passport_and_card_pass" => Some(("info.name", Status::Pass)),
            _ => None,
        };
        if let Some((id, want)) = expected {
            assert_eq!(status(applicant, id), want, "{name}");
        }
        let has_profile = name.starts_with("profile_");
        assert_eq!(applicant.profile.is_some(), has_profile, "{name}");
        seen.push(name.to_owned());
    }
    assert_eq!(seen.len(), 7, "one report per folder: {seen:?}");
    // A re-saved copy is named as such; the same file twice as the same file.
    let message = |name: &str| {
        let applicant = report
            .applicants
            .iter()
            .find(|a| a.folder.as_deref().unwrap().ends_with(name))
            .unwrap();
        let finding = applicant.checks.iter().find(|f| f.id == "file.duplicate");
        finding.unwrap().message.clone()
    };
    assert!(message("resaved_copy_fail").contains("same picture"));
    assert!(message("same_file_twice_fail").contains("same file"));
}

/// NDJSON: files in walk order, each applicant's line right after their last photo, and the
/// same bytes out whether one job or two did the work.
#[test]
fn ndjson_streams_applicants_after_their_last_photo_whatever_the_jobs() {
    // Three applicants, five photos: enough to interleave, quick in a debug build.
    let folders = [
        fixture("applicants/card_both_sides_pass"),
        fixture("applicants/profile_typo_fail"),
        fixture("applicants/resaved_copy_fail"),
    ];
    let run_with = |jobs: &str| {
        let run = check(&[
            os(&folders[0]),
            os(&folders[1]),
            os(&folders[2]),
            os("--format"),
            os("ndjson"),
            os("--jobs"),
            os(jobs),
        ]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.stdout
    };
    let one = run_with("1");
    assert_eq!(one, run_with("2"), "the number of jobs changes nothing");
    let lines: Vec<serde_json::Value> = one
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut last_file: Option<String> = None;
    let mut paths = Vec::new();
    for line in &lines {
        match line["type"].as_str().unwrap() {
            "file" => {
                let path = line["path"].as_str().unwrap().to_owned();
                paths.push(path.clone());
                last_file = Some(path);
            }
            "applicant" => {
                let photos = line["photos"].as_array().unwrap();
                let last = photos.last().unwrap().as_str().unwrap();
                assert_eq!(
                    Some(last),
                    last_file.as_deref(),
                    "printed after its last photo"
                );
            }
            "summary" => assert!(std::ptr::eq(line, lines.last().unwrap())),
            other => panic!("unexpected line type {other}"),
        }
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "folders walked in name order");
    assert_eq!(paths.len(), 5);
}

/// A folder whose profile is broken is an error for that applicant alone: one line on stderr
/// naming the profile, exit 2, and every other applicant and photo still checked.
#[test]
fn a_broken_folder_profile_stops_only_its_applicant() {
    let dir = tempfile::tempdir().unwrap();
    let photo = fixture("photos/td3_clean_pass.jpg");
    for folder in ["a", "b"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::os::unix::fs::symlink(&photo, dir.path().join(folder).join("p.jpg")).unwrap();
    }
    std::fs::write(dir.path().join("a/profile.toml"), "surname = \"QXSECRET\n").unwrap();
    let (run, report) = check_json(&[os(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(report.files.len(), 2);
    let broken = &report.applicants[0];
    assert_eq!(broken.verdict, Verdict::Error);
    assert!(
        broken
            .profile
            .as_deref()
            .unwrap()
            .ends_with("a/profile.toml")
    );
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].contains("a/profile.toml") && errors[0].contains("line 1"));
    assert!(
        !run.stderr.contains("QXSECRET"),
        "typed values never quoted"
    );
    // b/ has no profile: its photo is judged on its own, and passes.
    assert_eq!(report.files[1].verdict, Verdict::Pass);
    assert_eq!(report.verdict, Verdict::Error);
}

/// Without a terminal there is no progress bar: a clean batch writes nothing to stderr.
#[test]
fn no_progress_bar_unless_stderr_is_a_terminal() {
    let run = check(&[os(&fixture("applicants/card_both_sides_pass"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("2 files: 2 pass"), "{}", run.stdout);
}

#[test]
fn jobs_must_be_at_least_one() {
    let run = check(&[
        os(&fixture("photos/td3_clean_pass.jpg")),
        os("--jobs"),
        os("0"),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--jobs"), "{}", run.stderr);
}
