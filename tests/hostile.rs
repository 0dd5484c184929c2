//! The hostile corpus: every kind of file people point the tool at by mistake or on purpose,
//! generated here (deterministic, nothing large committed, sparse where large) and run through
//! the binary one case at a time, then all together.
//!
//! The contract for each case that cannot be evaluated: exit status 2, exactly one line on
//! stderr, naming the file (escaped) and saying why, no panic, finished within the time bound,
//! peak resident memory under 512 MB (measured with `wait4`). Valid images in disguise (a PNG
//! named .jpg, a PNG whose colour profile or text chunk is a decompression bomb) are judged
//! instead, within the same bounds. Run together, the bad cases do not stop the good photo.

mod common;

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TODAY, fixture, png_chunk};
use kyc_preflight::report::Verdict;

/// Every case must finish within this (the slowest, a decompression bomb refused by the
/// allocation limit, takes well under a second in a release build).
const TIME_BOUND: Duration = Duration::from_secs(30);
/// Peak resident memory allowed for one run.
const MEMORY_BOUND_KIB: i64 = 512 * 1024;

/// What a run of the binary did.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    peak_kib: i64,
}

/// Run the binary with a time bound, measuring its peak resident memory. `as_nobody`, a copy
/// of the binary that user can reach, is run as uid/gid 65534 (the tests run as root, whom
/// permissions do not stop).
// The child is reaped by `wait4`, which `Child::wait` cannot do: only `wait4` reports the
// child's peak memory.
#[allow(clippy::zombie_processes)]
fn run_bounded(args: &[&OsStr], as_nobody: Option<&Path>) -> Outcome {
    let program = as_nobody.unwrap_or(Path::new(env!("CARGO_BIN_EXE_kyc-preflight")));
    let mut command = Command::new(program);
    command
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if as_nobody.is_some() {
        command.uid(65534).gid(65534);
    }
    let mut child = command.spawn().expect("the binary starts");
    let pid = child.id() as libc::pid_t;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: wait4 writes only into the two out-parameters, both valid for writes.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            break (status, usage);
        }
        if started.elapsed() > TIME_BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within {TIME_BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("output is UTF-8");
    let outcome = Outcome {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: text(stdout.join().unwrap()),
        stderr: text(stderr.join().unwrap()),
        peak_kib: usage.ru_maxrss,
    };
    assert!(
        !outcome.stderr.contains("panicked"),
        "panic in {args:?}: {}",
        outcome.stderr
    );
    assert!(
        outcome.peak_kib < MEMORY_BOUND_KIB,
        "{args:?} peaked at {} MiB",
        outcome.peak_kib / 1024
    );
    outcome
}

/// `check ARGS… --format json --today TODAY`.
fn check(args: &[&OsStr], as_nobody: Option<&Path>) -> (Outcome, kyc_preflight::Report) {
    let mut all: Vec<&OsStr> = vec![OsStr::new("check")];
    all.extend_from_slice(args);
    all.extend(["--format", "json", "--today", TODAY].map(OsStr::new));
    let outcome = run_bounded(&all, as_nobody);
    let report = serde_json::from_str(&outcome.stdout)
        .unwrap_or_else(|e| panic!("JSON does not parse ({e}): {}", outcome.stdout));
    (outcome, report)
}

/// Deterministic noise (xorshift64), so every run builds the same corpus.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn png(width: u32, height: u32, colour_type: u8, chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, colour_type, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    for chunk in chunks {
        out.extend_from_slice(chunk);
    }
    out.extend(png_chunk(b"IEND", b""));
    out
}

/// `len` zero bytes, zlib-compressed: the payload of every decompression bomb here.
fn zlib_zeros(len: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let block = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let n = left.min(block.len());
        encoder.write_all(&block[..n]).unwrap();
        left -= n;
    }
    encoder.finish().unwrap()
}

/// A small valid grey PNG: rows of filter byte 0 and mid-grey pixels.
fn small_png_idat() -> Vec<u8> {
    let raw: Vec<u8> = (0..48)
        .flat_map(|_| [&[0u8][..], &[128; 64]].concat())
        .collect();
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&raw).unwrap();
    png_chunk(b"IDAT", &encoder.finish().unwrap())
}

/// A RIFF WebP container around `chunks`, with the right length.
fn riff_webp(chunks: &[u8]) -> Vec<u8> {
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(4 + chunks.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(chunks);
    out
}

/// A copy of a JPEG whose frame header claims other dimensions.
fn with_dimensions(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
    let mut out = jpeg.to_vec();
    let frame = kyc_preflight::load::jpeg::segments(jpeg)
        .map(Result::unwrap)
        .find(|s| matches!(s.marker, 0xC0..=0xC2))
        .expect("a frame header");
    // Payload: precision (1 byte), height (2), width (2).
    let at = frame.payload.start + 1;
    out[at..at + 2].copy_from_slice(&height.to_be_bytes());
    out[at + 2..at + 4].copy_from_slice(&width.to_be_bytes());
    out
}

/// How a case must come out.
enum Expect {
    /// Not evaluated: exit 2, one stderr line naming the file with this reason.
    Refused(&'static str),
    /// A valid image in disguise: judged (exit 0 or 1), nothing on stderr.
    Judged,
}

struct Case {
    path: PathBuf,
    expect: Expect,
    /// Needs a reader who is not root, for permissions to deny anything.
    as_nobody: bool,
}

struct Corpus {
    _dir: tempfile::TempDir,
    cases: Vec<Case>,
    /// The binary, linked or copied where uid 65534 can run it (the build folder may be
    /// closed to other users); `None` unless the tests run as root.
    nobody_binary: Option<PathBuf>,
}

impl Corpus {
    fn build() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        // Readable by the unprivileged user the permission cases run as.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let root = dir.path().to_path_buf();
        let mut cases = Vec::new();
        let mut add = |name: &OsStr, bytes: &[u8], expect: Expect| {
            let path = root.join(name);
            std::fs::write(&path, bytes).unwrap();
            cases.push(Case {
                path,
                expect,
                as_nobody: false,
            });
        };
        let name = OsStr::new;
        let good_jpeg = std::fs::read(fixture("photos/td3_clean_pass.jpg")).unwrap();

        // Empty, cut off, garbage, text.
        add(name("empty.jpg"), b"", Expect::Refused("the file is empty"));
        add(
            name("half.jpg"),
            &good_jpeg[..good_jpeg.len() / 2],
            Expect::Refused("incomplete"),
        );
        add(
            name("garbage.jpg"),
            &noise(4096, 1),
            Expect::Refused("not an image format"),
        );
        add(
            name("notes.png"),
            b"surname = \"not a photo\"\n",
            Expect::Refused("not an image format"),
        );

        // Every decoded format's magic, then noise.
        let with_magic = |magic: &[u8], seed| [magic, &noise(4096, seed)].concat();
        add(
            name("jpeg_noise.jpg"),
            &with_magic(b"\xFF\xD8\xFF\xE0", 2),
            Expect::Refused("incomplete"),
        );
        add(
            name("png_noise.png"),
            &with_magic(b"\x89PNG\r\n\x1a\n", 3),
            Expect::Refused("incomplete"),
        );
        add(
            name("webp_noise.webp"),
            &riff_webp(&with_magic(b"VP8 ", 4)),
            Expect::Refused("could not be judged"),
        );
        // Every recognised but not decoded format's magic, then noise, some with the wrong
        // extension.
        for (file, magic) in [
            ("heic_noise.jpg", &b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"[..]),
            ("avif_noise.avif", b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"),
            ("tiff_noise.tif", b"II*\0\x08\0\0\0"),
            ("bmp_noise.bmp", b"BM\x36\0\x0c\0\0\0\0\0\x36\0\0\0"),
            ("gif_noise.gif", b"GIF89a\x10\0\x10\0"),
            ("pdf_noise.jpg", b"%PDF-1.7\n"),
        ] {
            add(
                name(file),
                &with_magic(magic, 5),
                Expect::Refused("files are not decoded"),
            );
        }

        // Headers claiming huge dimensions, for each decoded format.
        add(
            name("huge.png"),
            &png(60_000, 60_000, 2, &[small_png_idat()]),
            Expect::Refused("larger than this tool decodes"),
        );
        add(
            name("huge.jpg"),
            &with_dimensions(&good_jpeg, 65_000, 65_000),
            Expect::Refused("larger than this tool decodes"),
        );
        // VP8X: a 2^24 × 2^24 canvas. VP8L: 16384 × 16384 RGBA is 1 GiB, over the allocation
        // limit though within the side limit.
        let mut vp8x = b"VP8X\x0a\0\0\0\0\0\0\0".to_vec();
        vp8x.extend_from_slice(&[0xFF; 6]);
        let mut vp8l = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut vp8l)
            .encode(&[128; 64 * 48 * 3], 64, 48, image::ExtendedColorType::Rgb8)
            .unwrap();
        assert_eq!(&vp8l[12..16], b"VP8L");
        // After the chunk header and the 0x2f signature: 14 bits width - 1, 14 bits height - 1.
        let size: u32 = 16383 | (16383 << 14) | (u32::from(vp8l[24]) & 0xF0) << 24;
        vp8l[21..25].copy_from_slice(&size.to_le_bytes());
        let vp8l = vp8l[12..].to_vec();
        // The WebP decoder checks the image data against the header before allocating, so
        // both are refused as corrupt, cheaply.
        for (file, chunks) in [("huge_vp8x.webp", vp8x), ("huge_vp8l.webp", vp8l)] {
            add(
                name(file),
                &riff_webp(&chunks),
                Expect::Refused("could not be judged"),
            );
        }

        // Decompression bombs: a PNG whose pixels inflate past the allocation limit (12000 ×
        // 12000 RGB, 432 MB from under 1 MB), and valid small PNGs carrying a 400 MB colour
        // profile or text chunk, which must cost nothing.
        let rows = zlib_zeros(12_000 * (1 + 3 * 12_000));
        add(
            name("bomb_pixels.png"),
            &png(12_000, 12_000, 2, &[png_chunk(b"IDAT", &rows)]),
            Expect::Refused("larger than this tool decodes"),
        );
        let blob = zlib_zeros(400 << 20);
        let iccp = png_chunk(b"iCCP", &[&b"icc\0\0"[..], &blob].concat());
        add(
            name("bomb_iccp.png"),
            &png(64, 48, 0, &[iccp, small_png_idat()]),
            Expect::Judged,
        );
        let ztxt = png_chunk(b"zTXt", &[&b"Comment\0\0"[..], &blob].concat());
        add(
            name("bomb_ztxt.png"),
            &png(64, 48, 0, &[ztxt, small_png_idat()]),
            Expect::Judged,
        );
        // A valid PNG under a JPEG name.
        add(
            name("png_named.jpg"),
            &png(64, 48, 0, &[small_png_idat()]),
            Expect::Judged,
        );

        // Names that try to break a terminal or a log line.
        for file in [
            OsString::from_vec(b"not-utf8-\xff\xfe.jpg".to_vec()),
            OsString::from("new\nline.jpg"),
            OsString::from("\u{1b}[31mred\u{1b}[0m.jpg"),
            OsString::from("bidi-\u{202E}gpj.exe.jpg"),
            OsString::from("zero\u{200B}width.jpg"),
        ] {
            add(&file, b"", Expect::Refused("the file is empty"));
        }

        // Things that are not regular files.
        let special = |path: PathBuf, reason| Case {
            path,
            expect: Expect::Refused(reason),
            as_nobody: false,
        };
        let fifo = root.join("pipe.jpg");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        cases.push(special(fifo, "FIFO"));
        let sparse = root.join("sparse.jpg");
        let file = std::fs::File::create(&sparse).unwrap();
        (&file).write_all(b"\xFF\xD8\xFF\xE0").unwrap();
        file.set_len(4 << 30).unwrap();
        cases.push(special(sparse, "reading limit"));
        let looped = root.join("loop.jpg");
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        cases.push(special(looped, "symbolic links"));
        let dangling = root.join("dangling.jpg");
        std::os::unix::fs::symlink(root.join("gone.jpg"), &dangling).unwrap();
        cases.push(special(dangling, "no such file"));
        let folder = root.join("x.jpg");
        std::fs::create_dir(&folder).unwrap();
        cases.push(special(folder, "no images found"));

        // Permissions: a file and a folder nobody may read.
        let locked_file = root.join("locked.jpg");
        std::fs::write(&locked_file, &good_jpeg).unwrap();
        std::fs::set_permissions(&locked_file, std::fs::Permissions::from_mode(0o000)).unwrap();
        let locked_folder = root.join("locked-folder");
        std::fs::create_dir(&locked_folder).unwrap();
        std::fs::write(locked_folder.join("a.jpg"), &good_jpeg).unwrap();
        std::fs::set_permissions(&locked_folder, std::fs::Permissions::from_mode(0o000)).unwrap();
        for path in [locked_file, locked_folder] {
            cases.push(Case {
                path,
                expect: Expect::Refused("permission denied"),
                as_nobody: true,
            });
        }
        let nobody_binary = can_drop_to_nobody().then(|| {
            let bin = root.join("bin");
            std::fs::create_dir(&bin).unwrap();
            let target = bin.join("kyc-preflight");
            let binary = Path::new(env!("CARGO_BIN_EXE_kyc-preflight"));
            if std::fs::hard_link(binary, &target).is_err() {
                std::fs::copy(binary, &target).unwrap();
            }
            target
        });
        // The temporary folder may itself sit where that user cannot go (a private TMPDIR).
        let nobody_binary = nobody_binary.filter(|binary| {
            let reachable = Command::new(binary)
                .arg("--version")
                .uid(65534)
                .gid(65534)
                .output()
                .is_ok_and(|o| o.status.success());
            if !reachable {
                eprintln!("uid 65534 cannot run the binary here; the permission cases are skipped");
            }
            reachable
        });
        Corpus {
            _dir: dir,
            cases,
            nobody_binary,
        }
    }
}

/// Whether this process may switch to another user (it runs as root), and whether it needs to
/// (as root, permissions deny nothing).
fn can_drop_to_nobody() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn readable(path: &Path) -> bool {
    if path.is_dir() {
        std::fs::read_dir(path).is_ok()
    } else {
        std::fs::read(path).is_ok()
    }
}

fn assert_one_line_naming(outcome: &Outcome, path: &Path, reason: &str) {
    let lines: Vec<&str> = outcome.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}: {lines:?}", path.display());
    let shown = kyc_preflight::text::display_path(path);
    assert!(
        lines[0].starts_with("kyc-preflight: error: ") && lines[0].contains(&shown),
        "names {shown}: {}",
        lines[0]
    );
    assert!(lines[0].contains(reason), "says {reason}: {}", lines[0]);
    assert_no_raw_control(&outcome.stderr);
    assert_no_raw_control(&outcome.stdout);
}

fn assert_no_raw_control(text: &str) {
    let raw = text
        .chars()
        .find(|&c| c != '\n' && kyc_preflight::text::is_unsafe_char(c));
    assert!(raw.is_none(), "raw {raw:?} printed in {text:?}");
}

#[test]
fn every_hostile_file_is_refused_or_judged_within_bounds() {
    let corpus = Corpus::build();
    let mut peak = 0;
    for case in &corpus.cases {
        // Permissions deny nothing to root: without another user to run as, skip.
        if case.as_nobody && corpus.nobody_binary.is_none() && readable(&case.path) {
            continue;
        }
        let as_nobody = corpus.nobody_binary.as_deref().filter(|_| case.as_nobody);
        let (outcome, report) = check(&[case.path.as_os_str()], as_nobody);
        peak = peak.max(outcome.peak_kib);
        let file = &report.files[0];
        match case.expect {
            Expect::Refused(reason) => {
                assert_eq!(outcome.code, Some(2), "{}", case.path.display());
                assert_one_line_naming(&outcome, &case.path, reason);
                assert_eq!(file.verdict, Verdict::Error, "{}", case.path.display());
            }
            Expect::Judged => {
                assert!(
                    matches!(outcome.code, Some(0 | 1)),
                    "{}: {:?} {}",
                    case.path.display(),
                    outcome.code,
                    outcome.stderr
                );
                assert_eq!(outcome.stderr, "", "{}", case.path.display());
                assert_ne!(file.verdict, Verdict::Error);
            }
        }
    }
    eprintln!(
        "hostile corpus: {} cases, peak resident memory {} MiB",
        corpus.cases.len(),
        peak / 1024
    );
}

/// All the bad files in one batch, on two jobs, between two good photos: each bad one gets its
/// line, the good ones still pass, and memory stays bounded.
#[test]
fn a_batch_of_hostile_files_still_checks_the_good_photos() {
    let corpus = Corpus::build();
    let good = fixture("photos/td3_clean_pass.jpg");
    let mut args: Vec<&OsStr> = vec![good.as_os_str()];
    let refused: Vec<&Case> = corpus
        .cases
        .iter()
        .filter(|c| matches!(c.expect, Expect::Refused(_)) && !c.as_nobody)
        .collect();
    args.extend(refused.iter().map(|c| c.path.as_os_str()));
    args.push(good.as_os_str());
    args.extend(["--jobs", "2"].map(OsStr::new));
    let (outcome, report) = check(&args, None);
    assert_eq!(outcome.code, Some(2));
    assert_eq!(
        outcome.stderr.lines().count(),
        refused.len(),
        "{}",
        outcome.stderr
    );
    for case in &refused {
        let shown = kyc_preflight::text::display_path(&case.path);
        assert!(outcome.stderr.contains(&shown), "{shown} not named");
    }
    assert_no_raw_control(&outcome.stderr);
    assert_eq!(report.files.len(), refused.len() + 2);
    assert_eq!(report.files[0].verdict, Verdict::Pass);
    assert_eq!(report.files.last().unwrap().verdict, Verdict::Pass);
}

/// A value planted in hostile profiles: it must never be printed.
const CANARY: &str = "QXCANARY";

/// Profiles that cannot be used: each gives one line naming the file with the line and column
/// or the field at fault, never the typed text; the photo beside it is still checked.
#[test]
fn every_hostile_profile_is_refused_without_quoting_it() {
    let dir = tempfile::tempdir().unwrap();
    let huge = format!("surname = \"{}\"\n", CANARY.repeat(10 << 20 >> 3));
    let deep_toml = format!("surname = {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let deep_json = format!(
        "{{\"surname\": {}\"{CANARY}\"{}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "syntax.toml",
            format!("surname = \"{CANARY}\ngiven_names = \"A\"\n").into(),
            "TOML syntax error at line 1",
        ),
        (
            "syntax.json",
            format!("{{\"surname\": \"{CANARY}\",, }}").into(),
            "JSON syntax error at line 1",
        ),
        (
            "wrong_type.toml",
            b"id_number = 987654321\n".to_vec(),
            "field 'id_number': expected text, found a number",
        ),
        ("ten_megabytes.toml", huge.into(), "larger than 64 KiB"),
        (
            "windows_1252.toml",
            [&b"surname = \"M\xfcLLER"[..], CANARY.as_bytes(), b"\"\n"].concat(),
            "not UTF-8 or UTF-16",
        ),
        (
            "nul_bytes.toml",
            format!("surname = \"{CANARY}\0\"\n").into(),
            "not UTF-8 or UTF-16",
        ),
        (
            "control_character.toml",
            format!("surname = \"{CANARY}\\u0007\"\n").into(),
            "field 'surname'",
        ),
        (
            "zero_width.toml",
            format!("surname = \"{CANARY}\u{200B}X\"\n").into(),
            "field 'surname'",
        ),
        (
            "impossible_date.toml",
            b"birth_date = \"2023-02-30\"\n".to_vec(),
            "field 'birth_date': is not a real calendar date",
        ),
        (
            "impossible_date_literal.toml",
            b"birth_date = 2023-02-30\n".to_vec(),
            "TOML syntax error at line 1, column 14",
        ),
        (
            "duplicate.toml",
            format!("surname = \"{CANARY}\"\nsurname = \"B\"\n").into(),
            "TOML syntax error at line 2",
        ),
        (
            "duplicate.json",
            format!("{{\"surname\": \"{CANARY}\", \"surname\": \"B\"}}").into(),
            "field 'surname' is given twice",
        ),
        ("deep.toml", deep_toml.into(), "TOML syntax error at line 1"),
        ("deep.json", deep_json.into(), "JSON syntax error at line 1"),
        (
            "not_a_table.json",
            format!("[\"{CANARY}\"]").into(),
            "must be a table of fields",
        ),
        (
            "escape_in_key.toml",
            b"\"\\u001b[31msurname\" = \"A\"\n".to_vec(),
            "unknown field '\\u{001b}[31msurname'",
        ),
    ];
    let good = fixture("photos/td3_clean_pass.jpg");
    for (name, bytes, reason) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (outcome, report) = check(
            &[good.as_os_str(), OsStr::new("--profile"), path.as_os_str()],
            None,
        );
        assert_eq!(outcome.code, Some(2), "{name}: {}", outcome.stderr);
        assert_one_line_naming(&outcome, &path, reason);
        for text in [&outcome.stdout, &outcome.stderr] {
            assert!(!text.contains(CANARY), "{name} leaked the canary: {text}");
            assert!(!text.contains("987654321"), "{name} leaked the value");
        }
        assert_eq!(report.files[0].verdict, Verdict::Pass, "{name}");
        assert_eq!(report.applicants[0].verdict, Verdict::Error, "{name}");
    }
}

/// What text editors really save is read: a UTF-8 byte-order mark, UTF-16 in either byte
/// order, with its mark or without.
#[test]
fn profiles_saved_with_a_byte_order_mark_or_in_utf16_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "surname = \"ZHANG\"\nbirth_date = \"1949-12-31\"\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("bom.toml", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
        ("utf16le.toml", [&b"\xFF\xFE"[..], &le].concat()),
        ("utf16be.toml", [&b"\xFE\xFF"[..], &be].concat()),
        ("utf16le_no_bom.toml", le.clone()),
        ("utf16be_no_bom.toml", be.clone()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (outcome, report) = check(&[OsStr::new("--profile"), path.as_os_str()], None);
        assert_eq!(outcome.stderr, "", "{name}");
        let applicant = &report.applicants[0];
        assert_ne!(applicant.verdict, Verdict::Error, "{name}");
        let age = applicant
            .checks
            .iter()
            .find(|f| f.id == "document.age")
            .unwrap();
        assert_eq!(
            age.status,
            kyc_preflight::Status::Pass,
            "{name}: birth date read"
        );
    }
}

/// Two valid photos of 90 megapixels on two jobs: each alone peaks near 300 MB, so both at once
/// would pass the bound; the decoding budget makes the second wait for the first.
#[test]
fn two_huge_photos_on_two_jobs_stay_within_the_memory_bound() {
    let dir = tempfile::tempdir().unwrap();
    let (width, height) = (11_000u32, 8_200u32);
    let rows = zlib_zeros(height as usize * (1 + 3 * width as usize));
    let photo = png(width, height, 2, &[png_chunk(b"IDAT", &rows)]);
    let paths: Vec<PathBuf> = ["a.png", "b.png"]
        .iter()
        .map(|name| {
            let path = dir.path().join(name);
            std::fs::write(&path, &photo).unwrap();
            path
        })
        .collect();
    let mut args: Vec<&OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    args.extend(["--jobs", "2"].map(OsStr::new));
    // `check` asserts the bound on the run's peak resident memory.
    let (outcome, report) = check(&args, None);
    assert_eq!(outcome.stderr, "");
    assert_eq!(report.files.len(), 2);
    eprintln!(
        "two 90-megapixel photos on two jobs: peak {} MiB",
        outcome.peak_kib / 1024
    );
}
