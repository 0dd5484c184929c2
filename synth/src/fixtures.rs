//! The committed fixture set, generated: `cargo run -p kyc-synth --bin make-fixtures`.
//!
//! Every photo is a generated sample named for the verdict its label expects (the worst
//! expected status over every check, built or not), with its label beside it as
//! `<name>.label.json`. A few file-level fixtures (wrong formats, truncated files, an EXIF
//! rotation) are derived from generated samples and carry no label: their names alone state
//! the outcome. Profiles of the generated holders, matching and mismatching, go to
//! `fixtures/profiles`. Regenerating gives byte-identical files (tested), except the HEIC pair,
//! which needs Debian's `heif-enc` and is rewritten only when it is installed.

use std::path::Path;

use anyhow::{Context, Result, bail};
use image::{ImageFormat, RgbImage};

use crate::defects::{DefectChoice, LightBeam};
use crate::document::DocKind;
use crate::encode::{self, CameraExif};
use crate::{Label, Sample, Spec, generate};

/// A generated fixture: its name stem, what to generate, and what the sample must show (the
/// first seed from `seed` whose label satisfies `want` is taken, so the fixture really
/// exhibits its defect).
struct Planned {
    stem: &'static str,
    kind: DocKind,
    defect: Option<DefectChoice>,
    frame: (u32, u32),
    fill: f32,
    seed: u64,
    want: fn(&Label) -> bool,
}

fn expects(label: &Label, id: &str, status: &str) -> bool {
    label.expected.get(id).map(String::as_str) == Some(status)
}

fn clean(label: &Label) -> bool {
    label.expected.values().all(|s| s == "pass" || s == "skip")
}

const PLANNED: &[Planned] = &[
    Planned {
        stem: "td3_clean",
        kind: DocKind::Td3Page,
        defect: None,
        frame: (1900, 1425),
        fill: 0.84,
        seed: 100,
        want: clean,
    },
    Planned {
        stem: "td1_front_clean",
        kind: DocKind::Td1Front,
        defect: None,
        frame: (1400, 1050),
        fill: 0.8,
        seed: 200,
        want: clean,
    },
    Planned {
        stem: "td1_back_clean",
        kind: DocKind::Td1Back,
        defect: None,
        frame: (1400, 1050),
        fill: 0.8,
        seed: 300,
        want: clean,
    },
    Planned {
        stem: "td2_clean",
        kind: DocKind::Td2,
        defect: None,
        frame: (1600, 1200),
        fill: 0.82,
        seed: 400,
        want: clean,
    },
    Planned {
        stem: "td1_front_medium_resolution",
        kind: DocKind::Td1Front,
        defect: None,
        frame: (1250, 883),
        fill: 0.8,
        seed: 500,
        want: |l| expects(l, "photo.resolution", "warn"),
    },
    Planned {
        stem: "td1_back_low_resolution",
        kind: DocKind::Td1Back,
        defect: Some(DefectChoice::LowResolution),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 600,
        want: |l| expects(l, "photo.resolution", "fail"),
    },
    Planned {
        stem: "td1_back_glare",
        kind: DocKind::Td1Back,
        defect: Some(DefectChoice::Glare),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 700,
        want: |l| expects(l, "photo.glare", "fail"),
    },
    Planned {
        stem: "td3_small_glint",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Glare),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 3000,
        // Well below the 1% limit, so that the fixture tests the rule, not its rounding.
        want: |l| {
            clean(l)
                && l.defects.iter().any(
                    |d| matches!(d, crate::defects::Defect::Glare { fraction, .. } if *fraction < 0.005),
                )
        },
    },
    // A slight shake in a large photo: sharp enough at 1000 px, but its pixels hold under
    // 300 dpi of detail, the "softer than its pixel count" warning of `photo.blur`.
    Planned {
        stem: "td2_slight_shake_soft_for_its_size",
        kind: DocKind::Td2,
        defect: Some(DefectChoice::MotionBlur),
        frame: (2400, 1800),
        fill: 0.8,
        seed: 850,
        want: |l| {
            expects(l, "photo.blur", "warn")
                && l.defects.iter().all(|d| {
                    matches!(d, crate::defects::Defect::MotionBlur { length_at_1000, .. }
                        if *length_at_1000 <= 4.0)
                })
        },
    },
    Planned {
        stem: "td3_defocus",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Defocus),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 800,
        want: |l| expects(l, "photo.blur", "fail"),
    },
    Planned {
        stem: "td1_front_cut_off",
        kind: DocKind::Td1Front,
        defect: Some(DefectChoice::CutOff),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 900,
        want: |l| expects(l, "photo.corners", "fail"),
    },
    Planned {
        stem: "td3_underexposed",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Underexposed),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 1000,
        want: |l| expects(l, "photo.exposure", "fail"),
    },
    Planned {
        stem: "td2_photocopy",
        kind: DocKind::Td2,
        defect: Some(DefectChoice::Photocopy),
        frame: (1600, 1200),
        fill: 0.82,
        seed: 1100,
        want: |l| expects(l, "photo.color", "fail"),
    },
    Planned {
        stem: "td3_screen_photo",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::ScreenPhoto),
        frame: (1280, 960),
        fill: 0.84,
        seed: 1200,
        want: |l| expects(l, "photo.screen", "fail"),
    },
    Planned {
        stem: "td1_back_finger",
        kind: DocKind::Td1Back,
        defect: Some(DefectChoice::Finger),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 1300,
        want: |l| expects(l, "photo.occlusion", "warn"),
    },
    Planned {
        stem: "td3_wrong_check_digit",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::WrongCheckDigit),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 1400,
        want: |l| expects(l, "document.mrz", "fail"),
    },
    Planned {
        stem: "td3_edited",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Edited),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 1500,
        want: |l| expects(l, "photo.edited", "warn") && l.expected.values().all(|s| s != "fail"),
    },
    Planned {
        stem: "td3_location",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Location),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 1600,
        want: |l| {
            expects(l, "privacy.location", "warn") && l.expected.values().all(|s| s != "fail")
        },
    },
    Planned {
        stem: "td1_front_no_document",
        kind: DocKind::Td1Front,
        defect: Some(DefectChoice::NoDocument),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 1700,
        want: |l| expects(l, "photo.document", "fail"),
    },
    Planned {
        stem: "td1_front_motion_blur",
        kind: DocKind::Td1Front,
        defect: Some(DefectChoice::MotionBlur),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 1900,
        want: |l| expects(l, "photo.blur", "fail"),
    },
    Planned {
        stem: "td3_overexposed",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Overexposed),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 2000,
        want: |l| expects(l, "photo.exposure", "fail"),
    },
    // So over-exposed that the page's edges vanish into the white desk: no outline, yet the
    // zone's print still reads, found by the search of the whole photo.
    Planned {
        stem: "td3_overexposed_outline_lost",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::Overexposed),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 2100,
        want: |l| expects(l, "photo.document", "fail") && expects(l, "document.mrz", "pass"),
    },
    Planned {
        stem: "td1_back_uneven_light",
        kind: DocKind::Td1Back,
        defect: Some(DefectChoice::UnevenLight),
        frame: (1400, 1050),
        fill: 0.8,
        seed: 2100,
        want: |l| expects(l, "photo.exposure", "warn"),
    },
    Planned {
        stem: "td2_screenshot",
        kind: DocKind::Td2,
        defect: Some(DefectChoice::Screenshot),
        // Screenshots take the size of a phone's screen whatever the frame says.
        frame: (1170, 2532),
        fill: 0.92,
        seed: 2200,
        want: |l| expects(l, "photo.screen", "fail") || expects(l, "photo.screen", "warn"),
    },
    Planned {
        stem: "td1_front_far_away",
        kind: DocKind::Td1Front,
        defect: Some(DefectChoice::FarAway),
        frame: (1600, 1200),
        fill: 0.25,
        seed: 2300,
        want: |l| expects(l, "photo.framing", "fail"),
    },
    Planned {
        stem: "td3_steep_angle",
        kind: DocKind::Td3Page,
        defect: Some(DefectChoice::SteepAngle),
        frame: (1900, 1425),
        fill: 0.84,
        seed: 2400,
        want: |l| expects(l, "photo.perspective", "warn"),
    },
];

/// The verdict word a label's expectations add up to.
pub fn expected_verdict(label: &Label) -> &'static str {
    let rank = |s: &str| match s {
        "error" => 3,
        "fail" => 2,
        "warn" => 1,
        _ => 0,
    };
    match label.expected.values().map(|s| rank(s)).max().unwrap_or(0) {
        3 => "error",
        2 => "fail",
        1 => "warn",
        _ => "pass",
    }
}

fn find_sample(plan: &Planned) -> Result<Sample> {
    for seed in plan.seed..plan.seed + 200 {
        let spec = Spec {
            seed,
            kind: plan.kind,
            defect: plan.defect,
            frame: Some(plan.frame),
            fill: Some(plan.fill),
            // Fixtures are committed: a moderate quality keeps the set to a few MB.
            quality: Some(80),
        };
        let sample = generate(&spec);
        if (plan.want)(&sample.label) {
            return Ok(sample);
        }
    }
    bail!("no seed in 200 gives a sample for {}", plan.stem)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    std::fs::write(dir.join(name), bytes).with_context(|| format!("writing {name}"))
}

/// Write every fixture into `root` (`photos/` and `profiles/` below it). With `heic`, also
/// encode the HEIC pair with `heif-enc`.
pub fn write_all(root: &Path, heic: bool) -> Result<Vec<String>> {
    let photos = root.join("photos");
    let profiles = root.join("profiles");
    std::fs::create_dir_all(&photos)?;
    std::fs::create_dir_all(&profiles)?;
    let mut written = Vec::new();
    let mut samples = Vec::new();
    for plan in PLANNED {
        let sample = find_sample(plan)?;
        let stem = format!("{}_{}", plan.stem, expected_verdict(&sample.label));
        let name = format!("{stem}.{}", sample.extension());
        write(&photos, &name, &sample.bytes)?;
        write(
            &photos,
            &format!("{stem}.label.json"),
            &label_json(&sample.label)?,
        )?;
        written.push(name);
        samples.push((plan.stem, sample));
    }
    let sample =
        |stem: &str| -> &Sample { &samples.iter().find(|(s, _)| *s == stem).expect("planned").1 };

    // File-level fixtures derived from generated samples.
    let td3 = sample("td3_clean");
    let cut = &td3.bytes[..td3.bytes.len() * 3 / 5];
    write(&photos, "td3_truncated_incomplete_error.jpg", cut)?;
    let small = decode(&sample("td1_back_low_resolution").bytes)?;
    let png = encode::png(&small);
    write(
        &photos,
        "td1_back_truncated_incomplete_error.png",
        &png[..png.len() * 2 / 3],
    )?;
    let card = decode(&sample("td1_front_clean").bytes)?;
    // Lossless formats cannot compress sensor noise; smooth it away first.
    let card_small = image::imageops::fast_blur(&image::imageops::thumbnail(&card, 1060, 795), 1.0);
    write(&photos, "png_named_jpg_warn.jpg", &encode::png(&card_small))?;
    let mut webp = Vec::new();
    image::imageops::thumbnail(&card, 640, 480)
        .write_to(&mut std::io::Cursor::new(&mut webp), ImageFormat::WebP)?;
    write(&photos, "webp_format_fail.webp", &webp)?;
    write(
        &photos,
        "scanned_pdf_not_decoded_error.pdf",
        minimal_pdf().as_bytes(),
    )?;
    write(
        &photos,
        "text_named_jpg_error.jpg",
        b"This is a note, not a photo.\n",
    )?;
    // A portrait photo stored sideways with EXIF orientation 6 ("rotate 90° clockwise to
    // view"), as phones save them: upright it is 700 × 1600, whose shorter side warns.
    let portrait = find_sample(&Planned {
        stem: "exif_rotated_portrait",
        kind: DocKind::Td1Front,
        defect: None,
        frame: (700, 1600),
        fill: 0.8,
        seed: 1800,
        want: |l| expects(l, "photo.resolution", "warn"),
    })?;
    let stored = image::imageops::rotate270(&decode(&portrait.bytes)?);
    let exif = CameraExif {
        orientation: 6,
        ..portrait
            .label
            .exif
            .clone()
            .expect("camera samples have EXIF")
    };
    write(
        &photos,
        "exif_rotated_portrait_warn.jpg",
        &encode::jpeg(&stored, 88, Some(&exif)),
    )?;
    // A streak of bluish light across the clean passport photo and the desk either side of
    // it, like the real Luxembourg specimen's: it blows nothing out, and `photo.glare` must
    // fail it all the same.
    let corners = td3.label.corners.expect("the clean page is in the photo");
    let middle = |a: [f32; 2], b: [f32; 2]| [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    let (left, right) = (
        middle(corners[0], corners[3]),
        middle(corners[1], corners[2]),
    );
    let mut streaked = decode(&td3.bytes)?;
    LightBeam {
        point: middle(left, right),
        angle: (right[1] - left[1]).atan2(right[0] - left[0]) + 0.06,
        width: 0.04 * streaked.height() as f32,
        tint: [0.55, 0.85, 1.0],
        strength: 0.5,
    }
    .lay(&mut streaked);
    write(
        &photos,
        "td3_light_streak_fail.jpg",
        &encode::jpeg(&streaked, 90, td3.label.exif.as_ref()),
    )?;
    written.extend(
        [
            "td3_light_streak_fail.jpg",
            "td3_truncated_incomplete_error.jpg",
            "td1_back_truncated_incomplete_error.png",
            "png_named_jpg_warn.jpg",
            "webp_format_fail.webp",
            "scanned_pdf_not_decoded_error.pdf",
            "text_named_jpg_error.jpg",
            "exif_rotated_portrait_warn.jpg",
        ]
        .map(String::from),
    );
    if heic {
        heic_pair(&photos, &small)?;
        written.push("iphone_heic_not_decoded_error.heic".into());
        written.push("heic_renamed_jpg_not_decoded_error.jpg".into());
    }

    // Profiles of the td3_clean holder: one matching the document, three with the commonest
    // typing mistakes (names swapped; one digit of the number wrong; the expiry's year wrong).
    let id = &td3.label.identity;
    let profile = |surname: &str, given: &str, number: &str, expiry: &str| {
        format!(
            "# The holder of td3_clean_pass.jpg (invented), as typed into the form.\n\
             surname = \"{surname}\"\ngiven_names = \"{given}\"\nid_number = \"{number}\"\n\
             id_type = \"passport\"\nbirth_date = \"{}\"\nsex = \"{}\"\nnationality = \"{}\"\n\
             document_type = \"passport\"\ndocument_expiry = \"{}\"\n",
            id.birth_date,
            id.sex,
            id.nationality.trim_end_matches('<'),
            expiry
        )
    };
    let expiry = id.expiry_date.to_string();
    // Typed with a given name left out (or one added, for a holder with one given name).
    let one_name_less = match id.given_names.rsplit_once(' ') {
        Some((first, _)) => first.to_owned(),
        None => format!("{} ANNA", id.given_names),
    };
    let expiry_typo = (id.expiry_date + jiff::Span::new().years(1)).to_string();
    let typo: String = {
        let mut chars: Vec<char> = id.document_number.chars().collect();
        let i = chars.len() / 2;
        chars[i] = if chars[i] == '7' { '1' } else { '7' };
        chars.into_iter().collect()
    };
    let profile_label = |extra: &[(&str, &str)]| -> Result<Vec<u8>> {
        let mut expected = serde_json::Map::new();
        for id in [
            "document.age",
            "document.expiry",
            "info.name",
            "info.id_number",
            "info.birth_date",
            "info.sex",
            "info.nationality",
        ] {
            expected.insert(id.into(), "pass".into());
        }
        // One passport photo: nothing to compare it with, and no card to have two sides.
        for id in ["file.duplicate", "document.sides"] {
            expected.insert(id.into(), "skip".into());
        }
        for (id, status) in extra {
            expected.insert((*id).into(), (*status).into());
        }
        let mut out = serde_json::to_vec_pretty(&serde_json::json!({
            "document": "td3_clean_pass.jpg",
            "expected": expected,
        }))?;
        out.push(b'\n');
        Ok(out)
    };
    for (stem, text, label) in [
        (
            "td3_clean_matching_pass",
            profile(&id.surname, &id.given_names, &id.document_number, &expiry),
            profile_label(&[("info.name", "pass"), ("info.id_number", "pass")])?,
        ),
        (
            "td3_clean_swapped_names_fail",
            profile(&id.given_names, &id.surname, &id.document_number, &expiry),
            profile_label(&[("info.name", "fail")])?,
        ),
        (
            "td3_clean_number_typo_fail",
            profile(&id.surname, &id.given_names, &typo, &expiry),
            profile_label(&[("info.id_number", "fail")])?,
        ),
        (
            "td3_clean_expiry_typo_fail",
            profile(
                &id.surname,
                &id.given_names,
                &id.document_number,
                &expiry_typo,
            ),
            profile_label(&[("document.expiry", "fail")])?,
        ),
        (
            "td3_clean_name_case_warn",
            profile(
                &title_case(&id.surname),
                &title_case(&id.given_names),
                &id.document_number,
                &expiry,
            ),
            profile_label(&[("info.name", "warn")])?,
        ),
        (
            "td3_clean_middle_name_fail",
            profile(&id.surname, &one_name_less, &id.document_number, &expiry),
            profile_label(&[("info.name", "fail")])?,
        ),
    ] {
        write(&profiles, &format!("{stem}.toml"), text.as_bytes())?;
        write(&profiles, &format!("{stem}.label.json"), &label)?;
        written.push(format!("{stem}.toml"));
    }
    written.extend(applicant_folders(root, &decode(&td3.bytes)?)?);
    Ok(written)
}

/// "NAVARRO SANZ" → "Navarro Sanz": how people type names the document prints in capitals.
fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn label_json(label: &Label) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(label)?;
    out.push(b'\n');
    Ok(out)
}

fn decode(bytes: &[u8]) -> Result<RgbImage> {
    Ok(image::load_from_memory(bytes)?.to_rgb8())
}

/// A one-page PDF with a line of text: what a scanner app exports.
fn minimal_pdf() -> String {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 354 249] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 200 Td (SPECIMEN) Tj ET\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf
}

/// A real HEIC, as an iPhone saves, and the same bytes renamed `.jpg`, as people do.
fn heic_pair(photos: &Path, img: &RgbImage) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("kyc-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (source, target) = (dir.join("source.png"), dir.join("out.heic"));
    img.save(&source)?;
    let status = std::process::Command::new("heif-enc")
        .args(["--quality", "60", "-o"])
        .arg(&target)
        .arg(&source)
        .status()
        .context("heif-enc (Debian package libheif-examples) is needed for the HEIC fixtures; pass --no-heic to keep the committed ones")?;
    if !status.success() {
        bail!("heif-enc failed");
    }
    let bytes = std::fs::read(&target)?;
    std::fs::remove_dir_all(&dir)?;
    write(photos, "iphone_heic_not_decoded_error.heic", &bytes)?;
    write(photos, "heic_renamed_jpg_not_decoded_error.jpg", &bytes)
}

/// One applicant folder of `fixtures/applicants`: its name (named for the applicant's expected
/// verdict) and its files, each a link to a photo or profile fixture (`../../photos/x.jpg`),
/// so no photo is stored twice.
const APPLICANT_FOLDERS: &[(&str, &[(&str, &str)])] = &[
    (
        "card_both_sides_pass",
        &[
            ("front.jpg", "photos/td1_front_clean_pass.jpg"),
            ("back.jpg", "photos/td1_back_clean_pass.jpg"),
        ],
    ),
    (
        "card_front_only_warn",
        &[("front.jpg", "photos/td1_front_clean_pass.jpg")],
    ),
    (
        "card_back_only_warn",
        &[("back.jpg", "photos/td1_back_clean_pass.jpg")],
    ),
    (
        "same_file_twice_fail",
        &[
            ("passport.jpg", "photos/td3_clean_pass.jpg"),
            ("passport-again.jpg", "photos/td3_clean_pass.jpg"),
        ],
    ),
    (
        "resaved_copy_fail",
        &[("passport.jpg", "photos/td3_clean_pass.jpg")],
    ),
    (
        "profile_with_passport_and_card_pass",
        &[
            ("profile.toml", "profiles/td3_clean_matching_pass.toml"),
            ("passport.jpg", "photos/td3_clean_pass.jpg"),
            ("card.jpg", "photos/td1_front_clean_pass.jpg"),
        ],
    ),
    (
        "profile_typo_fail",
        &[
            ("profile.toml", "profiles/td3_clean_number_typo_fail.toml"),
            ("passport.jpg", "photos/td3_clean_pass.jpg"),
        ],
    ),
];

/// Write `fixtures/applicants`: folders of one applicant each, for the checks across photos
/// and folder profiles. `resaved_copy_fail` also holds the td3_clean photo saved again at half
/// size and JPEG quality 80: another file, the same picture.
fn applicant_folders(root: &Path, td3: &RgbImage) -> Result<Vec<String>> {
    let applicants = root.join("applicants");
    let mut written = Vec::new();
    for (folder, links) in APPLICANT_FOLDERS {
        let dir = applicants.join(folder);
        std::fs::create_dir_all(&dir)?;
        for (name, target) in *links {
            let link = dir.join(name);
            if link.symlink_metadata().is_ok() {
                std::fs::remove_file(&link)?;
            }
            std::os::unix::fs::symlink(Path::new("../..").join(target), &link)
                .with_context(|| format!("linking {folder}/{name}"))?;
            written.push(format!("applicants/{folder}/{name}"));
        }
    }
    let half = image::imageops::resize(
        td3,
        td3.width() / 2,
        td3.height() / 2,
        image::imageops::FilterType::Triangle,
    );
    write(
        &applicants.join("resaved_copy_fail"),
        "passport-resaved.jpg",
        &encode::jpeg(&half, 80, None),
    )?;
    written.push("applicants/resaved_copy_fail/passport-resaved.jpg".into());
    Ok(written)
}
