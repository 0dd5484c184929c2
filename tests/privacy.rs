//! Personal data never reaches the output unless asked for, and inputs are never modified.
//!
//! Canary values are planted where personal data lives: every field of a profile (typed to
//! differ from the document, so that the mismatch messages have something to quote), the
//! metadata of a photo (EXIF text and GPS position, XMP, a JPEG comment, PNG text), and the
//! document's own machine-readable zone (the fixture's invented holder). Every output format
//! and every command is searched for them: absent by default, present with `--show-pii` (which
//! proves the search could find them).

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::{TODAY, fixture, kyc, png_chunk};

/// Typed details, all different from the document's, each a recognisable canary.
const PROFILE: &str = r#"surname = "QXSURNAME"
given_names = "QXGIVEN"
native_name = "张秘密"
id_number = "QX7654321"
id_type = "passport"
birth_date = "1961-07-19"
sex = "F"
nationality = "Spain"
document_expiry = "2031-03-04"
"#;

/// What must not appear without `--show-pii`, in any spelling the tool might use.
const TYPED_CANARIES: &[&str] = &[
    "QXSURNAME",
    "QXGIVEN",
    "张秘密",
    "QX7654321",
    "7654321",
    "1961-07-19",
    "610719",
    "2031-03-04",
];
const METADATA_CANARIES: &[&str] = &[
    "QXARTIST",
    "QXDESCRIPTION",
    "QXCOPYRIGHT",
    "QXXMP",
    "QXCOMMENT",
    "QXPNGTEXT",
    "QXOWNER",
];

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

fn ascii(tag: exif::Tag, text: &str) -> exif::Field {
    exif::Field {
        tag,
        ifd_num: exif::In::PRIMARY,
        value: exif::Value::Ascii(vec![text.as_bytes().to_vec()]),
    }
}

/// The fixture photo with EXIF (owner, description, copyright, a GPS position), XMP and a
/// comment planted after its start marker.
fn photo_with_metadata(dir: &Path) -> PathBuf {
    let original = std::fs::read(fixture("photos/td3_clean_pass.jpg")).unwrap();
    let gps = |tag| exif::Field {
        tag,
        ifd_num: exif::In::PRIMARY,
        value: exif::Value::Rational(vec![(47, 1).into(), (37, 1).into(), (4242, 100).into()]),
    };
    let mut writer = exif::experimental::Writer::new();
    let fields = [
        ascii(exif::Tag::Artist, "QXARTIST"),
        ascii(exif::Tag::ImageDescription, "QXDESCRIPTION"),
        ascii(exif::Tag::Copyright, "QXCOPYRIGHT"),
        ascii(exif::Tag::CameraOwnerName, "QXOWNER"),
        ascii(exif::Tag::Make, "Apple"),
        ascii(exif::Tag::Model, "iPhone 15"),
        gps(exif::Tag::GPSLatitude),
        gps(exif::Tag::GPSLongitude),
    ];
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let mut jpeg = original[..2].to_vec();
    jpeg.extend(segment(
        0xE1,
        &[&b"Exif\0\0"[..], &tiff.into_inner()].concat(),
    ));
    jpeg.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>QXXMP</dc:creator></x:xmpmeta>",
    ));
    jpeg.extend(segment(0xFE, b"QXCOMMENT"));
    jpeg.extend_from_slice(&original[2..]);
    let path = dir.join("passport.jpg");
    std::fs::write(&path, jpeg).unwrap();
    path
}

/// A PNG screenshot fixture with a text chunk planted before its end.
fn png_with_text(dir: &Path) -> PathBuf {
    let mut png = std::fs::read(fixture("photos/td2_screenshot_fail.png")).unwrap();
    let chunk = png_chunk(b"tEXt", b"Author\0QXPNGTEXT");
    let iend = png.len() - 12;
    png.splice(iend..iend, chunk);
    let path = dir.join("screenshot.png");
    std::fs::write(&path, png).unwrap();
    path
}

/// The invented holder of the fixture passport, from its label: names, number, birth date.
fn document_canaries() -> Vec<String> {
    let label: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("photos/td3_clean_pass.label.json")).unwrap(),
    )
    .unwrap();
    let identity = &label["identity"];
    let text = |key: &str| identity[key].as_str().unwrap().to_owned();
    let birth = text("birth_date").replace('-', "");
    vec![
        text("surname"),
        text("given_names"),
        text("document_number"),
        text("birth_date"),
        birth[2..].to_owned(),
    ]
}

struct Output {
    code: i32,
    all: String,
}

fn run(args: &[&OsStr]) -> Output {
    let output = kyc()
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let all = format!(
        "{}\n{}",
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap()
    );
    assert!(!all.contains("panicked"), "{all}");
    Output {
        code: output.status.code().unwrap(),
        all,
    }
}

#[test]
fn canaries_never_reach_any_output_without_show_pii() {
    let dir = tempfile::tempdir().unwrap();
    let photo = photo_with_metadata(dir.path());
    let png = png_with_text(dir.path());
    let profile = dir.path().join("me.toml");
    std::fs::write(&profile, PROFILE).unwrap();
    let document = document_canaries();
    let secrets: Vec<&str> = TYPED_CANARIES
        .iter()
        .chain(METADATA_CANARIES)
        .copied()
        .chain(document.iter().map(String::as_str))
        .collect();
    let o = OsStr::new;
    let mut runs: Vec<Vec<&OsStr>> = Vec::new();
    for format in ["text", "json", "ndjson"] {
        let options = [
            o("--profile"),
            profile.as_os_str(),
            o("--format"),
            o(format),
        ];
        let dated = [o("--today"), o(TODAY)];
        // With photos, and the profile alone.
        runs.push(
            [
                &[o("check"), photo.as_os_str(), png.as_os_str()][..],
                &options,
                &dated,
            ]
            .concat(),
        );
        runs.push([&[o("check")][..], &options, &dated].concat());
    }
    for format in ["text", "json"] {
        runs.push(vec![o("mrz"), photo.as_os_str(), o("--format"), o(format)]);
    }
    let copy = dir.path().join("copy.jpg");
    runs.push(vec![
        o("scrub"),
        photo.as_os_str(),
        o("-o"),
        copy.as_os_str(),
    ]);
    for args in &runs {
        let output = run(args);
        for secret in &secrets {
            assert!(
                !output.all.contains(secret),
                "{args:?} printed {secret}:\n{}",
                output.all
            );
        }
    }
    // With --show-pii the same runs do print what was typed and read: the search above was
    // able to find them.
    for args in runs.iter().filter(|a| a[0] != "scrub") {
        let mut revealed = args.clone();
        revealed.push(o("--show-pii"));
        let output = run(&revealed);
        let expected = if args[0] == "mrz" {
            "NAVARRO"
        } else {
            "QXSURNAME"
        };
        assert!(
            output.all.contains(expected),
            "{revealed:?} did not show {expected}:\n{}",
            output.all
        );
    }
}

/// Every input, byte for byte and with its modification time, before and after.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    walk(root)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            (path, (bytes, modified))
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Full runs of every command that writes something (`--annotate`, `scrub`, including the
/// attempts to make them write over an input) leave every input exactly as it was.
#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let photo = photo_with_metadata(&inputs);
    let png = png_with_text(&inputs);
    std::fs::write(inputs.join("profile.toml"), PROFILE).unwrap();
    // An input named like the annotation of another: annotating into the inputs' own folder
    // must not write over it.
    std::fs::copy(
        fixture("photos/td2_clean_pass.jpg"),
        inputs.join("passport.jpg.annotated.png"),
    )
    .unwrap();
    let before = snapshot(&inputs);
    assert_eq!(before.len(), 4);

    let annotations = dir.path().join("annotations");
    let o = OsStr::new;
    let copy = dir.path().join("copy.jpg");
    let runs: Vec<(Vec<&OsStr>, i32)> = vec![
        (
            vec![
                o("check"),
                inputs.as_os_str(),
                o("--annotate"),
                annotations.as_os_str(),
                o("--format"),
                o("json"),
                o("--today"),
                o(TODAY),
            ],
            1,
        ),
        (
            vec![
                o("check"),
                inputs.as_os_str(),
                o("--annotate"),
                inputs.as_os_str(),
                o("--format"),
                o("ndjson"),
                o("--today"),
                o(TODAY),
            ],
            2,
        ),
        (vec![o("mrz"), photo.as_os_str()], 0),
        (
            vec![o("scrub"), photo.as_os_str(), o("-o"), copy.as_os_str()],
            0,
        ),
        (
            vec![o("scrub"), png.as_os_str(), o("-o"), png.as_os_str()],
            2,
        ),
        (
            vec![
                o("scrub"),
                png.as_os_str(),
                o("-o"),
                png.as_os_str(),
                o("--force"),
            ],
            2,
        ),
        (
            vec![o("scrub"), png.as_os_str(), o("-o"), photo.as_os_str()],
            2,
        ),
    ];
    for (args, code) in &runs {
        let output = run(args);
        assert_eq!(output.code, *code, "{args:?}:\n{}", output.all);
    }
    let after = snapshot(&inputs);
    // The annotations written into the inputs' folder are new files, not inputs.
    for (path, state) in &before {
        assert!(
            after.get(path) == Some(state),
            "{} was modified",
            path.display()
        );
    }
    // The scrubbed copy, read back: no metadata left, the same pixels.
    let copy_bytes = std::fs::read(&copy).unwrap();
    for canary in METADATA_CANARIES {
        assert!(
            !copy_bytes
                .windows(canary.len())
                .any(|w| w == canary.as_bytes()),
            "{canary} left in the copy"
        );
    }
    let limits = kyc_preflight::load::LoadLimits::default();
    let format = kyc_preflight::load::Format::Jpeg;
    let blocks = kyc_preflight::load::metadata_blocks(&copy_bytes, format, &limits).unwrap();
    assert!(blocks.is_empty(), "{blocks:?}");
    let original = kyc_preflight::load::decode_pixels(&before[&photo].0, format, &limits).unwrap();
    let copied = kyc_preflight::load::decode_pixels(&copy_bytes, format, &limits).unwrap();
    assert_eq!(original.as_bytes(), copied.as_bytes(), "pixels changed");
}
