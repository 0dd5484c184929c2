//! Replays what the fuzzers found and started from, through the same entry points as the
//! targets in `fuzz/fuzz_targets/`: every crash the fuzzers ever found is kept in
//! `fuzz/regressions/<target>/` and must stay fixed; the seeds in `fuzz/seeds/<target>/` must
//! run cleanly too. (The fuzzers themselves need nightly: `scripts/fuzz.sh`.)

use std::path::{Path, PathBuf};

use kyc_preflight::profile::IdType;
use kyc_preflight::{Options, Profile, Selection, ids};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 22)
}

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut found = Vec::new();
    for kind in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            found.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no inputs for {target}");
    found
}

#[test]
fn mrz_parse() {
    for (_, bytes) in inputs("mrz_parse") {
        if let Ok(text) = std::str::from_utf8(&bytes)
            && let Ok(parsed) = kyc_preflight::mrz::parse_mrz(text)
        {
            let _ = parsed.all_checks_valid();
            let _ = parsed.birth_date.as_birth_date(today());
            let _ = parsed.expiry_date.map(|d| d.as_expiry_date(today()));
        }
    }
}

#[test]
fn profile_parse() {
    for (path, bytes) in inputs("profile_parse") {
        for extension in [Some("toml"), Some("json"), None] {
            if let Ok(profile) = Profile::parse(&bytes, extension) {
                let _ = profile.validate_against(today());
            }
        }
        // The seeds are valid profiles.
        if path.to_string_lossy().contains("/seeds/") {
            let extension = path.extension().and_then(|e| e.to_str());
            assert!(
                Profile::parse(&bytes, extension).is_ok(),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn id_numbers() {
    for (_, bytes) in inputs("id_numbers") {
        let Ok(typed) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let normalised = ids::normalise(typed);
        for kind in [
            IdType::CnResidentId,
            IdType::HkId,
            IdType::TwId,
            IdType::Passport,
        ] {
            let _ = ids::validate(kind, &normalised, today());
            let _ = ids::validate(kind, typed, today());
        }
    }
}

#[test]
fn image_load() {
    let options = Options::new(today());
    for (path, bytes) in inputs("image_load") {
        let examined =
            kyc_preflight::examine_bytes("fuzz.jpg", bytes, &options, &Selection::default());
        // The seeds are small valid images: decoded and judged, not errors.
        if path.to_string_lossy().contains("/seeds/") {
            let complete = examined
                .report
                .checks
                .iter()
                .find(|f| f.id == "file.complete")
                .unwrap();
            assert_eq!(
                complete.status,
                kyc_preflight::Status::Pass,
                "{}",
                path.display()
            );
        }
    }
}
