//! Helpers shared by the integration tests: running the binary and reading its JSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kyc_preflight::Report;

/// The date every test judges expiry and age on, so results never change with the calendar.
pub const TODAY: &str = "2026-11-22";

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// The binary.
pub fn kyc() -> Command {
    Command::cargo_bin("kyc-preflight").expect("binary builds")
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `kyc-preflight check ARGS… --today TODAY`, never hanging for more than 30 s.
pub fn check(args: &[&std::ffi::OsStr]) -> Run {
    let output = kyc()
        .arg("check")
        .args(args)
        .args(["--today", TODAY])
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    let run = Run {
        code: output
            .status
            .code()
            .expect("exited, not killed by a signal or timeout"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "panic in {args:?}: {}",
        run.stderr
    );
    run
}

/// `check … --format json`, parsed strictly into the library's report types.
pub fn check_json(args: &[&std::ffi::OsStr]) -> (Run, Report) {
    let mut all: Vec<&std::ffi::OsStr> = args.to_vec();
    all.extend([os("--format"), os("json")]);
    let run = check(&all);
    let report: Report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("JSON does not parse: {e}\n{}", run.stdout));
    (run, report)
}

pub fn os<P: AsRef<std::ffi::OsStr> + ?Sized>(p: &P) -> &std::ffi::OsStr {
    p.as_ref()
}

/// A PNG chunk: length, type, data and the CRC the decoder checks.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32fast::hash(&[&kind[..], data].concat()).to_be_bytes());
    out
}
