//! Replays what the fuzzers found and started from, through the library's fuzzing entry points
//! (`kyc_preflight::fuzzing`, which the targets in `fuzz/fuzz_targets/` call): every crash the
//! fuzzers ever found is kept in `fuzz/regressions/<target>/` and must stay fixed; the seeds in
//! `fuzz/seeds/<target>/` run too, and must give what a valid input gives. (The fuzzers
//! themselves need nightly: `scripts/fuzz.sh`.)

use std::path::{Path, PathBuf};

use kyc_preflight::fuzzing;

/// The saved inputs of one target: `(is_seed, path, bytes)`.
fn inputs(target: &str) -> Vec<(bool, PathBuf, Vec<u8>)> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut found = Vec::new();
    for kind in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            found.push((kind == "seeds", path, bytes));
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no inputs for {target}");
    found
}

#[test]
fn mrz_parse() {
    for (_, _, bytes) in inputs("mrz_parse") {
        fuzzing::mrz_parse(&bytes);
    }
}

#[test]
fn profile_parse() {
    for (seed, path, bytes) in inputs("profile_parse") {
        let parsed = fuzzing::profile_parse(&bytes);
        // A seed is a valid profile: read as its own format, and sniffed.
        assert!(!seed || parsed >= 2, "{}", path.display());
    }
}

#[test]
fn id_numbers() {
    for (_, _, bytes) in inputs("id_numbers") {
        fuzzing::id_numbers(&bytes);
    }
}

#[test]
fn image_load() {
    for (seed, path, bytes) in inputs("image_load") {
        let report = fuzzing::image_load(&bytes);
        // A seed is a small valid image: decoded whole and judged.
        let complete = report.checks.iter().find(|f| f.id == "file.complete");
        assert!(
            !seed || complete.is_some_and(|f| f.status == kyc_preflight::Status::Pass),
            "{}",
            path.display()
        );
    }
}

#[test]
fn image_decode() {
    for (_, _, bytes) in inputs("image_decode") {
        fuzzing::image_decode(&bytes);
    }
}
