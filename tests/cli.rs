//! The command line as a user meets it: subcommands, exit codes, colour, filters, help.

mod common;

use common::{check, fixture, kyc, os};
use kyc_preflight::checks::REGISTRY;

#[test]
fn clean_fixture_exits_0_and_failing_fixture_exits_1() {
    // The profile typed from the photographed passport: the details agree.
    let profile = fixture("profiles/td3_clean_matching_pass.toml");
    let clean = fixture("photos/td3_clean_pass.jpg");
    let run = check(&[os(&clean), os("--profile"), os(&profile)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Photo quality"));
    assert!(run.stdout.contains("Document validity"));
    assert!(run.stdout.contains("Also before you submit"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);

    let low = fixture("photos/td1_back_low_resolution_fail.jpg");
    let run = check(&[os(&low), os("--profile"), os(&profile)]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("✗ FAIL"), "{}", run.stdout);
    assert!(run.stdout.contains("→ "), "a hint under the failure");
}

#[test]
fn warnings_exit_0_unless_strict() {
    let warn = fixture("photos/td1_front_medium_resolution_warn.jpg");
    assert_eq!(check(&[os(&warn)]).code, 0);
    assert_eq!(check(&[os(&warn), os("--strict")]).code, 1);
}

#[test]
fn nothing_to_check_is_a_usage_error() {
    let run = check(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing to check"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn checks_lists_every_registered_check() {
    let output = kyc().arg("checks").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), REGISTRY.len());
    for check in REGISTRY {
        assert!(stdout.contains(check.id), "{}", check.id);
    }
}

#[test]
fn explain_prints_the_three_parts() {
    for check in REGISTRY {
        let output = kyc().args(["explain", check.id]).output().unwrap();
        assert!(output.status.success());
        let stdout = String::from_utf8(output.stdout).unwrap();
        for heading in ["What it checks", "Why uploads get rejected", "How to fix"] {
            assert!(stdout.contains(heading), "{}: {heading}", check.id);
        }
        assert!(
            stdout.lines().all(|l| l.chars().count() <= 80),
            "{}",
            check.id
        );
    }
}

#[test]
fn unknown_check_id_is_a_usage_error_with_suggestions() {
    let output = kyc().args(["explain", "file.fromat"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("did you mean file.format"), "{stderr}");

    let clean = fixture("photos/td3_clean_pass.jpg");
    let run = check(&[os(&clean), os("--only"), os("photo.resoluton")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("photo.resolution"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn only_and_skip_select_checks() {
    let clean = fixture("photos/td3_clean_pass.jpg");
    let (_, report) = common::check_json(&[os(&clean), os("--only"), os("file.size,file.format")]);
    let ids: Vec<&str> = report.files[0]
        .checks
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(ids, ["file.format", "file.size"]);
    let low = fixture("photos/td1_back_low_resolution_fail.jpg");
    let run = check(&[os(&low), os("--skip"), os("photo.resolution")]);
    assert_eq!(run.code, 0, "the only failing check was skipped");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let low = fixture("photos/td1_back_low_resolution_fail.jpg");
    let piped = kyc().arg("check").arg(&low).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&piped.stdout).contains('\u{1b}'),
        "not a terminal"
    );
    let forced = kyc()
        .arg("check")
        .arg(&low)
        .args(["--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\u{1b}["));
    let never = kyc()
        .arg("check")
        .arg(&low)
        .args(["--color", "never"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}

#[test]
fn today_must_be_a_real_date() {
    let profile = fixture("profiles/adult_valid_pass.toml");
    let output = kyc()
        .args(["check", "--today", "2026-02-30", "--profile"])
        .arg(&profile)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a real calendar date"));
}

#[test]
fn help_documents_exit_status_and_completions_generate() {
    let help = kyc().args(["check", "--help"]).output().unwrap();
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(
        text.contains("Exit status:") && text.contains("--today"),
        "{text}"
    );
    let bash = kyc().args(["completions", "bash"]).output().unwrap();
    assert!(bash.status.success());
    assert!(String::from_utf8_lossy(&bash.stdout).contains("kyc-preflight"));
}

#[test]
fn bad_config_is_a_usage_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "max_file_byte = 5\n").unwrap();
    let clean = fixture("photos/td3_clean_pass.jpg");
    let run = check(&[os(&clean), os("--config"), os(&config)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("max_file_byte"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

/// The README's check table is generated from the registry; this keeps them equal.
/// Regenerate with `UPDATE_README=1 cargo test --test cli readme`.
#[test]
fn readme_check_table_matches_the_registry() {
    let mut table = String::from("| id | section | what it checks |\n|---|---|---|\n");
    for check in REGISTRY {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            check.id,
            check.category.heading(),
            check.summary
        ));
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- checks:start -->\n", "<!-- checks:end -->");
    let from = readme.find(start).expect("start marker") + start.len();
    let to = readme.find(end).expect("end marker");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(
            &path,
            format!("{}{table}{}", &readme[..from], &readme[to..]),
        )
        .unwrap();
    } else {
        assert_eq!(
            readme[from..to],
            table,
            "run UPDATE_README=1 cargo test --test cli readme"
        );
    }
}

/// The example outputs in the README are real: rerunning their commands gives the same text.
#[test]
fn readme_examples_are_real_output() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let block_after = |heading: &str| -> (String, String) {
        let rest = &readme[readme.find(heading).expect(heading)..];
        let command = rest.split('`').nth(1).unwrap().to_owned();
        let body = rest.split("```").nth(1).unwrap();
        let body = body.split_once('\n').unwrap().1.to_owned();
        (command, body)
    };
    for heading in ["### Example: the checklist", "### Example: JSON"] {
        let (command, expected) = block_after(heading);
        let args: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(args[0], "kyc-preflight");
        let output = kyc()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args[1..])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            expected,
            "{heading}"
        );
    }
}

/// `mrz IMAGE`: fields masked by default and shown with --show-pii; exit 0 for a valid zone,
/// 1 for none, 2 for a file that cannot be read.
#[test]
fn mrz_prints_the_fields_masked_and_exits_by_what_it_read() {
    let run = |args: &[&std::ffi::OsStr]| {
        let output = kyc()
            .arg("mrz")
            .args(args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let passport = fixture("photos/td3_clean_pass.jpg");
    let (code, out, _) = run(&[os(&passport)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("format: TD3"), "{out}");
    assert!(out.contains("(check digit right)"), "{out}");
    assert!(out.contains("NA***"), "surname masked: {out}");
    assert!(!out.contains("NAVARRO"), "no name in the clear: {out}");

    let (code, out, _) = run(&[os(&passport), os("--show-pii"), os("--format"), os("json")]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["mrz"]["format"], "TD3");
    assert_eq!(json["mrz"]["valid"], true);
    assert_eq!(json["mrz"]["fields"]["surname"], "NAVARRO SANZ");
    assert!(
        json["mrz"]["lines"][0]
            .as_str()
            .unwrap()
            .starts_with("P<ESP")
    );

    // A card's front has no MRZ.
    let (code, out, _) = run(&[os(&fixture("photos/td1_front_clean_pass.jpg"))]);
    assert_eq!(code, 1);
    assert!(out.contains("No machine-readable zone"), "{out}");
    // A printed check digit that is wrong.
    let (code, out, _) = run(&[os(&fixture("photos/td3_wrong_check_digit_fail.jpg"))]);
    assert_eq!(code, 1, "{out}");

    let (code, _, err) = run(&[os(&fixture("photos/text_named_jpg_error.jpg"))]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("text_named_jpg_error.jpg"), "{err}");
}
