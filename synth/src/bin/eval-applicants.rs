//! Measure the checks across one applicant's photos on generated photos:
//! `cargo run --release -p kyc-synth --bin eval-applicants -- --n 150`.
//!
//! `file.duplicate`: for each generated photo, the same picture saved again three ways (JPEG at
//! quality 60, half the size at quality 85, lossless PNG) are the duplicates; the other side of
//! the same card in the same scene (same seed, the other document kind: the hardest case, same
//! table, same pose, same light) and the next photo of the set are the different pictures.
//! Prints the distance distributions and precision and recall at the default threshold.
//!
//! `document.sides`: for each ID-card photo of the set, its front and back in the same scene are
//! checked as one applicant (expected: pass) and each alone (expected: warn, a side missing).

use std::io::Cursor;

use clap::Parser;
use image::{DynamicImage, ImageFormat, codecs::jpeg::JpegEncoder};
use kyc_preflight::vision::fingerprint::Fingerprint;
use kyc_preflight::vision::{document::SEARCH_LONG_SIDE, proxy};
use kyc_preflight::{Selection, Status};
use kyc_synth::document::DocKind;
use kyc_synth::{Spec, generate};
use rayon::prelude::*;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 100)]
    n: u64,
    #[arg(long, default_value_t = 11)]
    seed: u64,
}

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    let image = image::load_from_memory(bytes).expect("generated images decode");
    fingerprint_of(&image)
}

fn fingerprint_of(image: &DynamicImage) -> Fingerprint {
    let proxy = proxy::proxy(image, SEARCH_LONG_SIDE);
    Fingerprint::of(&proxy.grey).expect("photos are larger than the grid")
}

fn jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&image.to_rgb8())
        .expect("encodes");
    out
}

/// The other side of the card (or page) `kind` is.
fn other_side(kind: DocKind) -> DocKind {
    match kind {
        DocKind::Td1Front => DocKind::Td1Back,
        DocKind::Td1Back => DocKind::Td1Front,
        DocKind::Td2 => DocKind::Td3Page,
        DocKind::Td3Page => DocKind::Td2,
    }
}

struct Distances {
    same: Vec<u32>,
    different: Vec<u32>,
}

/// `document.sides` on the photos given, checked as one applicant.
fn sides(photos: &[(&str, &[u8])]) -> Status {
    let options = kyc_preflight::Options::new(kyc_synth::ANCHOR_DATE);
    let all = Selection::new(&[], &[]).expect("no selection");
    let mut evidence = kyc_preflight::Evidence::default();
    for (name, bytes) in photos {
        kyc_preflight::examine_bytes(name, bytes.to_vec(), &options, &all).add_to(&mut evidence);
    }
    let only = Selection::new(&["document.sides".to_owned()], &[]).expect("a registered check");
    let report = kyc_preflight::check_applicant(
        kyc_preflight::ApplicantOrigin::default(),
        &kyc_preflight::Profile::default(),
        &evidence,
        &options,
        &only,
    );
    report.checks[0].status
}

/// Measure `document.sides` on the ID-card photos among the first `n` of the set.
fn evaluate_sides(n: u64, seed: u64) {
    let outcomes: Vec<(Status, Status, Status, String)> = (0..n)
        .into_par_iter()
        .filter_map(|i| {
            let spec = Spec::nth(seed, i);
            let card = matches!(spec.kind, DocKind::Td1Front | DocKind::Td1Back);
            if !card || spec.defect == Some(kyc_synth::defects::DefectChoice::NoDocument) {
                return None;
            }
            let front = generate(&Spec {
                kind: DocKind::Td1Front,
                ..spec
            });
            let back = generate(&Spec {
                kind: DocKind::Td1Back,
                ..spec
            });
            let (f, b) = (
                ("front.jpg", front.bytes.as_slice()),
                ("back.jpg", back.bytes.as_slice()),
            );
            Some((sides(&[f, b]), sides(&[f]), sides(&[b]), spec.slug()))
        })
        .collect();
    let pairs_passed = outcomes.iter().filter(|o| o.0 == Status::Pass).count();
    let singles: Vec<Status> = outcomes.iter().flat_map(|o| [o.1, o.2]).collect();
    let warned = singles.iter().filter(|&&s| s == Status::Warn).count();
    let false_warnings = outcomes.iter().filter(|o| o.0 == Status::Warn).count();
    for (pair, front, back, slug) in &outcomes {
        if *pair != Status::Pass || *front != Status::Warn || *back != Status::Warn {
            println!(
                "document.sides on {slug}: both {}, front alone {}, back alone {}",
                pair.as_str(),
                front.as_str(),
                back.as_str()
            );
        }
    }
    println!(
        "document.sides: {} card scenes; front and back together pass on {pairs_passed} \
         ({false_warnings} warn); a side alone warns on {warned} of {} (recall {:.3}, precision \
         {:.3})",
        outcomes.len(),
        singles.len(),
        warned as f64 / singles.len().max(1) as f64,
        warned as f64 / (warned + false_warnings).max(1) as f64
    );
}

fn main() {
    let args = Args::parse();
    evaluate_sides(args.n, args.seed);
    let default = kyc_preflight::Thresholds::default().max_duplicate_distance;
    let per_sample: Vec<Distances> = (0..args.n)
        .into_par_iter()
        .filter_map(|i| {
            let spec = Spec::nth(args.seed, i);
            // A photo with no document is the same empty scene whatever the document kind.
            if spec.defect == Some(kyc_synth::defects::DefectChoice::NoDocument) {
                return None;
            }
            let sample = generate(&spec);
            let image = image::load_from_memory(&sample.bytes).expect("decodes");
            let original = fingerprint_of(&image);
            let half = image.resize(
                image.width() / 2,
                image.height() / 2,
                image::imageops::FilterType::Triangle,
            );
            let mut png = Vec::new();
            image
                .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
                .expect("encodes");
            let same: Vec<u32> = [jpeg(&image, 60), jpeg(&half, 85), png]
                .iter()
                .map(|copy| original.distance(&fingerprint(copy)))
                .collect();
            // The copies furthest from their original, to see what they are.
            if let Some(&worst) = same.iter().max().filter(|&&d| d > default / 2) {
                println!("far: {} and a copy, {worst} cells", spec.slug());
            }
            let flipped = generate(&Spec {
                kind: other_side(spec.kind),
                ..spec
            });
            let next = generate(&Spec::nth(args.seed, i + args.n));
            let different: Vec<u32> = [flipped.bytes, next.bytes]
                .iter()
                .map(|other| original.distance(&fingerprint(other)))
                .collect();
            // The different pairs closest to the threshold, to see what they are.
            if different[0] <= 2 * default {
                println!(
                    "near: {} and its other side, {} cells",
                    spec.slug(),
                    different[0]
                );
            }
            Some(Distances { same, different })
        })
        .collect();
    let same: Vec<u32> = per_sample.iter().flat_map(|d| d.same.clone()).collect();
    let different: Vec<u32> = per_sample
        .iter()
        .flat_map(|d| d.different.clone())
        .collect();
    let sides: Vec<u32> = per_sample.iter().map(|d| d.different[0]).collect();
    let describe = |name: &str, values: &[u32]| {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        println!(
            "{name}: {} pairs, min {}, median {}, max {}",
            sorted.len(),
            sorted[0],
            sorted[sorted.len() / 2],
            sorted[sorted.len() - 1]
        );
    };
    describe("same picture saved again", &same);
    describe("different pictures (all)", &different);
    describe("  of which the other side, same scene", &sides);
    let found = same.iter().filter(|&&d| d <= default).count();
    let false_alarms = different.iter().filter(|&&d| d <= default).count();
    let precision = found as f64 / (found + false_alarms).max(1) as f64;
    let recall = found as f64 / same.len() as f64;
    println!(
        "threshold {default} cells: {found}/{} duplicates found (recall {recall:.3}), {false_alarms}/{} \
         different pairs taken for duplicates (precision {precision:.3})",
        same.len(),
        different.len()
    );
}
