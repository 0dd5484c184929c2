//! Development aid: how steady the MRZ reader is on the real specimens when the same photo
//! comes in slightly differently. Each image with an ICAO layout and a transcribed zone is
//! turned to each of the four right angles, then either cropped by 0–3 pixels at its top-left
//! (which moves the JPEG block grid and every pixel's phase against the print) or turned by a
//! fraction of a degree, re-encoded as JPEG q92, and checked: 24 variants of each image. Every
//! variant's reading is compared with the transcription:
//! `real_variants MANIFEST.csv` (the images are in `images/` beside the manifest).
//!
//! Outcomes: `exact` (confident, every character right), `unclear` (reported unreadable: some
//! character too close to call, or too small to trust), `caught` (confident but wrong, and a
//! check digit fails, so the zone is reported invalid, never accepted), `wrong` (confident,
//! wrong, every check digit holding: the failure that must not happen), `none` (no zone).
//! With `SHOW=1`, each `wrong` variant's wrong characters are listed on stderr.
use std::io::Cursor;
use std::path::PathBuf;

use image::DynamicImage;
use kyc_preflight::{Options, Selection};
use rayon::prelude::*;

const CROPS: [(u32, u32); 4] = [(0, 0), (1, 0), (0, 1), (2, 3)];
/// Small turns (degrees, anticlockwise) tried at each right angle, uncropped: the document
/// finder straightens a page to within a fraction of a degree, and the reader must read what
/// is left.
const TILTS: [f32; 2] = [0.4, -0.6];

/// How one variant is made from the image: a quarter turn, then a crop or a small turn.
#[derive(Clone, Copy)]
enum Change {
    Crop((u32, u32)),
    Tilt(f32),
}
const OUTCOMES: [&str; 5] = ["exact", "unclear", "caught", "wrong", "none"];

fn variant(image: &DynamicImage, quarter_turns: u32, change: Change) -> Vec<u8> {
    let cropped = match change {
        Change::Crop((dx, dy)) => image.crop_imm(dx, dy, image.width() - dx, image.height() - dy),
        Change::Tilt(degrees) => {
            // The corners uncovered take the colour of the image's own corner.
            let rgb = image.to_rgb8();
            let corner = *rgb.get_pixel(0, 0);
            DynamicImage::ImageRgb8(imageproc::geometric_transformations::rotate_about_center(
                &rgb,
                -degrees.to_radians(),
                imageproc::geometric_transformations::Interpolation::Bilinear,
                imageproc::geometric_transformations::Border::Constant(corner),
            ))
        }
    };
    let turned = match quarter_turns {
        1 => cropped.rotate90(),
        2 => cropped.rotate180(),
        3 => cropped.rotate270(),
        _ => cropped,
    };
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut bytes), 92);
    turned
        .to_rgb8()
        .write_with_encoder(encoder)
        .expect("encoded");
    bytes
}

/// Print each wrong character of a variant's reading with its margin over the runner-up.
fn show_wrong(name: &str, bytes: &[u8], truth: &[String]) {
    let limits = kyc_preflight::load::LoadLimits::default();
    let file = kyc_preflight::load::from_bytes(bytes.to_vec(), Some("jpg"), &limits);
    let scene = kyc_preflight::scene::Scene::new(file, limits);
    let Ok(Some(reading)) = scene.mrz() else {
        return;
    };
    for (i, (read, want)) in reading.lines.iter().zip(truth).enumerate() {
        for (j, (a, b)) in read.chars().zip(want.chars()).enumerate() {
            if a != b {
                eprintln!(
                    "{name}: {}:{} read {a} for {b}, margin {:.3}, {:.1} px per character",
                    i + 1,
                    j + 1,
                    reading.margins[i][j],
                    reading.photo_pitch
                );
            }
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::args().nth(1).expect("a manifest CSV"));
    let dir = manifest.parent().expect("a folder").join("images");
    let mut reader = csv::Reader::from_path(&manifest).expect("a readable manifest");
    let headers = reader.headers().expect("a header row").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (file, kind) = (column("file"), column("doc_type"));
    let truth_columns = ["mrz_line1", "mrz_line2", "mrz_line3"].map(column);
    let mut options = Options::new(kyc_synth::ANCHOR_DATE);
    options.show_pii = true;
    let selection = Selection::new(&["document.mrz".to_owned()], &[]).expect("a known check");
    let show = std::env::var_os("SHOW").is_some();
    let mut totals = [0u32; OUTCOMES.len()];
    println!("| image | {} |", OUTCOMES.join(" | "));
    println!("|---|{}", "---:|".repeat(OUTCOMES.len()));
    for row in reader.records().map(|r| r.expect("a manifest row")) {
        let truth: Vec<String> = truth_columns
            .iter()
            .map(|&c| row[c].trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        if truth.is_empty() || !["td1", "td2", "td3"].contains(&&row[kind]) {
            continue;
        }
        let name = &row[file];
        let image = image::open(dir.join(name)).expect("a decodable image");
        let changes: Vec<Change> = CROPS
            .map(Change::Crop)
            .into_iter()
            .chain(TILTS.map(Change::Tilt))
            .collect();
        let outcomes: Vec<usize> = (0..4)
            .flat_map(|turns| changes.iter().map(move |&change| (turns, change)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(turns, change)| {
                let bytes = variant(&image, turns, change);
                // Kept for SHOW=1 rather than encoded a second time.
                let kept = show.then(|| bytes.clone());
                let report = kyc_preflight::check_bytes(name, bytes, &options, &selection);
                let reading = report.document.as_ref().and_then(|d| d.mrz.as_ref());
                match reading {
                    None => 4,
                    Some(r) if !r.uncertain.is_empty() || r.fields.is_none() => 1,
                    Some(r) if r.lines == truth => 0,
                    Some(r) if !r.valid => 2,
                    Some(_) => {
                        if let Some(bytes) = &kept {
                            show_wrong(name, bytes, &truth);
                        }
                        3
                    }
                }
            })
            .collect();
        let mut counts = [0u32; OUTCOMES.len()];
        for outcome in outcomes {
            counts[outcome] += 1;
            totals[outcome] += 1;
        }
        let cells: Vec<String> = counts.iter().map(u32::to_string).collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
    let cells: Vec<String> = totals.iter().map(u32::to_string).collect();
    println!("| **all** | {} |", cells.join(" | "));
}
