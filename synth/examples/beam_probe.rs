//! Development aid: how often `photo.glare` catches a streak of light laid across a photo — a
//! beam like the one over the real Luxembourg specimen, which adds light to print and paper
//! alike and blows nothing out. Clean synthetic samples are taken (`Spec::nth` with the defect
//! removed); across each, a straight beam is laid through a random point of the document at a
//! random angle, running the whole frame, with a Gaussian cross-section 2–6% of the frame's
//! short side across (full width at half maximum), a random tint (white, blue, warm), blended
//! as light is (screen blend) at several peak strengths, and re-encoded as JPEG q90. Each
//! photo is checked for `photo.glare` only; the table gives how many fail at each strength,
//! and the photos without a beam give the false alarms.
//! `beam_probe [--seed N] [--n SAMPLES]` (defaults 7 and 60).
//!
//! Strength is the share of the way to white the beam takes a pixel at its centre line: the
//! Luxembourg streak takes black background to about 0.6 of white and its paper about 0.3.
use kyc_preflight::{Options, Selection, report::Status};
use kyc_synth::{Spec, defects::LightBeam, rng::Rng};
use rayon::prelude::*;

const STRENGTHS: [f32; 6] = [0.0, 0.15, 0.25, 0.35, 0.5, 0.65];

/// Tints of the light, as the share of each channel it adds.
const TINTS: [[f32; 3]; 3] = [[1.0, 1.0, 1.0], [0.55, 0.85, 1.0], [1.0, 0.85, 0.6]];

fn random_beam(corners: &[[f32; 2]; 4], width: u32, height: u32, rng: &mut Rng) -> LightBeam {
    // A point inside the document: a random mix of its corners, kept away from the edges.
    let (u, v) = (rng.range(0.15, 0.85), rng.range(0.15, 0.85));
    let top = lerp(corners[0], corners[1], u);
    let bottom = lerp(corners[3], corners[2], u);
    LightBeam {
        point: lerp(top, bottom, v),
        angle: rng.range(0.0, std::f32::consts::PI),
        width: rng.range(0.02, 0.06) * width.min(height) as f32,
        tint: *rng.pick(&TINTS),
        strength: 0.0,
    }
}

fn lerp(a: [f32; 2], b: [f32; 2], t: f32) -> [f32; 2] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// What the beam detector saw on a photo (`SHOW=1`): each side's glow and best line.
fn describe(name: &str, bytes: &[u8]) {
    let limits = kyc_preflight::load::LoadLimits::default();
    let file = kyc_preflight::load::from_bytes(bytes.to_vec(), Some("jpg"), &limits);
    let scene = kyc_preflight::scene::Scene::new(file, limits);
    if let (Ok(proxy), Ok(view)) = (scene.proxy(), scene.document()) {
        eprintln!(
            "{name}: {}",
            kyc_preflight::vision::beam::describe(proxy, &view.rectified)
        );
    } else {
        eprintln!("{name}: no document");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| v.parse().expect("a number"))
    };
    let (seed, n) = (value("--seed", 7), value("--n", 60));
    let show = std::env::var_os("SHOW").is_some();
    let options = Options::new(kyc_synth::ANCHOR_DATE);
    let selection = Selection::new(&["photo.glare".to_owned()], &[]).expect("a known check");
    // For each sample, whether each strength's photo fails `photo.glare`.
    let results: Vec<Vec<bool>> = (0..n)
        .into_par_iter()
        .map(|index| {
            let mut spec = Spec::nth(seed, index);
            spec.defect = None;
            let sample = kyc_synth::generate(&spec);
            let corners = sample
                .label
                .corners
                .expect("a clean sample shows its document");
            let image = image::load_from_memory(&sample.bytes)
                .expect("a generated photo decodes")
                .to_rgb8();
            let mut rng = Rng::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let beam = random_beam(&corners, image.width(), image.height(), &mut rng);
            STRENGTHS
                .iter()
                .map(|&strength| {
                    let mut lit = image.clone();
                    LightBeam { strength, ..beam }.lay(&mut lit);
                    let bytes = kyc_synth::encode::jpeg(&lit, 90, None);
                    if show && strength == 0.5 {
                        describe(&format!("{seed}-{index}"), &bytes);
                    }
                    let report = kyc_preflight::check_bytes(
                        &format!("{seed}-{index}"),
                        bytes,
                        &options,
                        &selection,
                    );
                    report
                        .checks
                        .iter()
                        .any(|c| c.id == "photo.glare" && c.status == Status::Fail)
                })
                .collect()
        })
        .collect();
    println!("| beam strength | photos | photo.glare fails |");
    println!("|---:|---:|---:|");
    for (k, strength) in STRENGTHS.iter().enumerate() {
        let failed = results.iter().filter(|r| r[k]).count();
        let label = if *strength == 0.0 {
            "none".to_owned()
        } else {
            format!("{strength:.2}")
        };
        println!("| {label} | {} | {failed} |", results.len());
    }
}
