//! Development aid: write one generated 4000 × 3000 photo for profiling:
//! `make_12mp OUT.jpg [SEED]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("an output path");
    let seed = args.next().map_or(9001, |s| s.parse().expect("a seed"));
    let sample = kyc_synth::generate(&kyc_synth::Spec {
        seed,
        kind: kyc_synth::document::DocKind::Td1Back,
        defect: Some(kyc_synth::defects::DefectChoice::Glare),
        frame: Some((4000, 3000)),
        fill: None,
        quality: Some(90),
    });
    std::fs::write(out, sample.bytes).expect("written");
}
