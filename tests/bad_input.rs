//! Bad input never stops a batch: each bad path gives one line on stderr naming it (escaped),
//! the other inputs are still checked, the exit status is 2, and nothing panics or hangs.

mod common;

use std::path::{Path, PathBuf};

use common::{check, check_json, fixture, os, png_chunk};
use kyc_preflight::report::Verdict;

/// Run one bad input beside a good photo and check the batch contract.
fn assert_bad_input(bad: &Path, expected_reason: &str) {
    let good = fixture("photos/td3_clean_pass.jpg");
    let (run, report) = check_json(&[os(bad), os(&good)]);
    assert_eq!(run.code, 2, "{}: {}", bad.display(), run.stderr);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "exactly one line: {errors:?}");
    let name = bad.file_name().unwrap().to_string_lossy();
    assert!(errors[0].contains(&*name), "names the file: {}", errors[0]);
    assert!(
        errors[0].contains(expected_reason),
        "says why ({expected_reason}): {}",
        errors[0]
    );
    let last = report.files.last().unwrap();
    assert!(
        last.path.ends_with("td3_clean_pass.jpg"),
        "the batch went on"
    );
    assert_eq!(last.verdict, Verdict::Pass);
    assert_eq!(report.files[0].verdict, Verdict::Error);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    assert_bad_input(&dir.path().join("missing.jpg"), "no such file");
}

#[test]
fn folder_with_no_images() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", b"hello");
    assert_bad_input(dir.path(), "no images found");
}

#[test]
fn zero_byte_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_bad_input(&write(dir.path(), "empty.jpg", b""), "empty");
}

#[test]
fn text_file_named_jpg() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "note.jpg", b"surname = SECRET\n");
    assert_bad_input(&path, "not an image format");
}

#[test]
fn truncated_jpeg() {
    assert_bad_input(
        &fixture("photos/td3_truncated_incomplete_error.jpg"),
        "incomplete",
    );
}

#[test]
fn fifo_named_jpg_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.jpg");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // `check` has a 30 s timeout; a blocking open would hit it and fail the test.
    assert_bad_input(&fifo, "FIFO");
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "secret.jpg", b"\xFF\xD8\xFF");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!(
            "unreadable_file: running as root, permissions cannot deny reading; not exercised"
        );
        return;
    }
    assert_bad_input(&path, "permission denied");
}

#[test]
fn directory_named_jpg() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("x.jpg");
    std::fs::create_dir(&folder).unwrap();
    assert_bad_input(&folder, "no images found");
}

#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("loop.jpg");
    std::os::unix::fs::symlink(&link, &link).unwrap();
    assert_bad_input(&link, "symbolic links");
}

#[test]
fn symlink_loop_inside_a_walked_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("back")).unwrap();
    std::fs::copy(fixture("photos/td3_clean_pass.jpg"), sub.join("a.jpg")).unwrap();
    let (run, report) = check_json(&[os(dir.path())]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("symlink loop"), "{}", run.stderr);
    assert!(
        report
            .files
            .iter()
            .any(|f| f.path.ends_with("a.jpg") && f.verdict == Verdict::Pass)
    );
}

#[test]
fn control_characters_in_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "evil\u{1b}[31m\u{202E}gpj.jpg", b"");
    let good = fixture("photos/td3_clean_pass.jpg");
    let run = check(&[os(&path), os(&good)]);
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202E}'));
    assert!(
        run.stderr.contains("\\u{001b}[31m\\u{202e}gpj.jpg"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202E}'));
}

/// Profiles: each bad one gives a field-level line naming the file, never the typed value,
/// and the photos are still checked.
fn assert_bad_profile(profile: &Path, expected_reason: &str, secret: &str) {
    let good = fixture("photos/td3_clean_pass.jpg");
    let (run, report) = check_json(&[os(&good), os("--profile"), os(profile)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let name = profile.file_name().unwrap().to_string_lossy();
    assert!(errors[0].contains(&*name), "{}", errors[0]);
    assert!(errors[0].contains(expected_reason), "{}", errors[0]);
    assert!(
        !run.stderr.contains(secret) && !run.stdout.contains(secret),
        "leaked {secret}"
    );
    assert_eq!(
        report.files[0].verdict,
        Verdict::Pass,
        "photos still checked"
    );
    assert_eq!(
        report.applicants.into_iter().next().unwrap().verdict,
        Verdict::Error
    );
}

#[test]
fn bad_toml() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "me.toml",
        b"surname = \"QXSECRET\"\ngiven_names = \"QXNAME",
    );
    assert_bad_profile(&path, "TOML syntax error at line 2", "QXNAME");
}

#[test]
fn bad_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "me.json", b"{\"surname\": \"QXSECRET\",, }");
    assert_bad_profile(&path, "JSON syntax error at line 1", "QXSECRET");
}

#[test]
fn wrong_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "me.json", b"{\"id_number\": 987654321}");
    assert_bad_profile(
        &path,
        "field 'id_number': expected text, found a number",
        "987654321",
    );
}

#[test]
fn impossible_date() {
    let path = fixture("profiles/impossible_date_error.toml");
    assert_bad_profile(
        &path,
        "field 'birth_date': is not a real calendar date",
        "2023-02-30",
    );
}

#[test]
fn missing_profile() {
    let dir = tempfile::tempdir().unwrap();
    assert_bad_profile(&dir.path().join("nope.toml"), "no such file", "nope-secret");
}

#[test]
fn huge_dimension_png_is_refused_by_the_decoder_limits() {
    let dir = tempfile::tempdir().unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let png = [
        b"\x89PNG\r\n\x1a\n".to_vec(),
        png_chunk(b"IHDR", &ihdr),
        png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
        png_chunk(b"IEND", b""),
    ]
    .concat();
    let path = write(dir.path(), "bomb.png", &png);
    assert_bad_input(&path, "larger than this tool decodes");
}

#[test]
fn sparse_4_gib_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sparse.jpg");
    let file = std::fs::File::create(&path).unwrap();
    std::io::Write::write_all(&mut &file, b"\xFF\xD8\xFF\xE0").unwrap();
    file.set_len(4 << 30).unwrap();
    let (run, report) = check_json(&[os(&path)]);
    assert_eq!(run.code, 2, "the photo was not evaluated: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("reading limit"), "{}", run.stderr);
    assert_eq!(report.files[0].verdict, Verdict::Error);
    // The file checks still say what is wrong with it.
    let checks = &report.files[0].checks;
    let size = checks.iter().find(|f| f.id == "file.size").unwrap();
    assert_eq!(size.status, kyc_preflight::Status::Fail);
    let resolution = checks.iter().find(|f| f.id == "photo.resolution").unwrap();
    assert_eq!(resolution.status, kyc_preflight::Status::Skip);
    assert!(resolution.message.contains("reading limit"));
}
