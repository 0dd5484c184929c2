//! JSON and NDJSON are an API: real output must parse back into the documented structs with
//! unknown fields denied, and NDJSON must be one object per line in input order.

mod common;

use common::{check, check_json, fixture, os};
use kyc_preflight::report::{
    ApplicantReport, CheckCount, FileReport, SCHEMA_VERSION, Summary, Verdict,
};
use serde::Deserialize;

#[test]
fn json_document_parses_strictly_and_counts_add_up() {
    let photos = [
        fixture("photos/td3_clean_pass.jpg"),
        fixture("photos/td1_front_medium_resolution_warn.jpg"),
        fixture("photos/td1_back_low_resolution_fail.jpg"),
    ];
    let profile = fixture("profiles/td3_clean_matching_pass.toml");
    let mut args: Vec<&std::ffi::OsStr> = photos.iter().map(os).collect();
    args.extend([os("--profile"), os(&profile)]);
    let (run, report) = check_json(&args);
    assert_eq!(run.code, 1);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.tool.name, "kyc-preflight");
    assert_eq!(report.verdict, Verdict::Fail);
    assert_eq!(
        report.summary,
        Summary {
            files: 3,
            pass: 1,
            warn: 1,
            fail: 1,
            error: 0,
            applicants: 1,
            failing_checks: vec![CheckCount {
                id: "photo.resolution".into(),
                count: 1
            }],
        }
    );
    let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths[0].ends_with("td3_clean_pass.jpg"), "input order kept");
    assert!(paths[2].ends_with("td1_back_low_resolution_fail.jpg"));
    assert_eq!(
        report.applicants.into_iter().next().unwrap().verdict,
        Verdict::Pass
    );
    // The document must also be valid JSON to a non-Rust reader.
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let resolution = value["files"][2]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "photo.resolution")
        .unwrap();
    assert_eq!(resolution["status"], "fail");
    assert!(value["files"][0]["checks"][0]["regions"].is_array());
}

/// Split an NDJSON line into its envelope (`type`, `schema_version`) and its body, then parse
/// the body strictly. (`deny_unknown_fields` does not work through `#[serde(flatten)]`, so the
/// envelope is removed by hand.)
fn parse_line<T: serde::de::DeserializeOwned>(line: &str) -> (String, T) {
    let mut object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(line).unwrap();
    let kind = object.remove("type").unwrap().as_str().unwrap().to_owned();
    assert_eq!(object.remove("schema_version"), Some(SCHEMA_VERSION.into()));
    let body = serde_json::from_value(object.into())
        .unwrap_or_else(|e| panic!("{kind} line does not parse strictly: {e}\n{line}"));
    (kind, body)
}

/// The body of the summary line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryBody {
    tool: kyc_preflight::report::Tool,
    verdict: Verdict,
    files: usize,
    pass: usize,
    warn: usize,
    fail: usize,
    error: usize,
    applicants: usize,
    failing_checks: Vec<CheckCount>,
}

#[test]
fn ndjson_is_one_object_per_line_then_applicant_then_summary() {
    let clean = fixture("photos/td3_clean_pass.jpg");
    let text = fixture("photos/text_named_jpg_error.jpg");
    let profile = fixture("profiles/expired_document_fail.toml");
    let run = check(&[
        os(&clean),
        os(&text),
        os("--profile"),
        os(&profile),
        os("--format"),
        os("ndjson"),
    ]);
    assert_eq!(run.code, 2, "one file could not be evaluated");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    for (i, line) in lines[..2].iter().enumerate() {
        let (kind, file): (String, FileReport) = parse_line(line);
        assert_eq!(kind, "file");
        let name = [&clean, &text][i].file_name().unwrap().to_str().unwrap();
        assert!(file.path.ends_with(name), "input order kept");
    }
    let (kind, applicant): (String, ApplicantReport) = parse_line(lines[2]);
    assert_eq!(kind, "applicant");
    assert_eq!(applicant.verdict, Verdict::Fail);
    assert_eq!(applicant.photos.len(), 2, "both files are the applicant's");
    let (kind, summary): (String, SummaryBody) = parse_line(lines[3]);
    assert_eq!(kind, "summary");
    assert_eq!(summary.tool.name, "kyc-preflight");
    assert_eq!(summary.verdict, Verdict::Error);
    assert_eq!(
        (
            summary.files,
            summary.pass,
            summary.warn,
            summary.fail,
            summary.error
        ),
        (2, 1, 0, 0, 1)
    );
    assert_eq!(summary.applicants, 1);
    assert_eq!(
        summary.failing_checks.first().map(|c| c.id.as_str()),
        Some("document.expiry")
    );
}

#[test]
fn personal_data_is_masked_unless_show_pii() {
    let profile = fixture("profiles/expired_document_fail.toml");
    let (_, masked) = check_json(&[os("--profile"), os(&profile)]);
    let (_, shown) = check_json(&[os("--profile"), os(&profile), os("--show-pii")]);
    let message = |r: &kyc_preflight::Report| {
        let checks = &r.applicants[0].checks;
        let expiry = checks.iter().find(|c| c.id == "document.expiry").unwrap();
        expiry.message.clone()
    };
    assert!(
        !message(&masked).contains("2024-03-01"),
        "{}",
        message(&masked)
    );
    assert!(
        message(&shown).contains("2024-03-01"),
        "{}",
        message(&shown)
    );
}

/// Comparing the typed details with the document prints neither's names, numbers or dates
/// unless asked: the holder's surname, document number and birth date appear nowhere in the
/// text or JSON output of a mismatching profile, and do with --show-pii.
#[test]
fn comparisons_with_the_document_mask_both_sides() {
    let photo = fixture("photos/td3_clean_pass.jpg");
    let secrets = [
        "NAVARRO",
        "YCMRTSER",
        "YCMR7SER",
        "1991-12-18",
        "911218",
        "MARIA",
    ];
    for profile in [
        "td3_clean_swapped_names_fail.toml",
        "td3_clean_number_typo_fail.toml",
    ] {
        let profile = fixture(&format!("profiles/{profile}"));
        for format in ["text", "json"] {
            let run = common::check(&[
                os(&photo),
                os("--profile"),
                os(&profile),
                os("--format"),
                os(format),
            ]);
            for secret in secrets {
                assert!(!run.stdout.contains(secret), "{secret} in {format} output");
                assert!(!run.stderr.contains(secret), "{secret} on stderr");
            }
        }
        let shown = common::check(&[os(&photo), os("--profile"), os(&profile), os("--show-pii")]);
        assert!(
            secrets.iter().any(|secret| shown.stdout.contains(secret)),
            "{}",
            shown.stdout
        );
    }
}
