//! Print the true and the found document corners for the first samples of a run, to see how
//! the document finder goes wrong: `cargo run --release -p kyc-synth --example finder_debug`.

fn main() {
    for i in 0..16u64 {
        let spec = kyc_synth::Spec::nth(7, i);
        let s = kyc_synth::generate(&spec);
        let img = image::load_from_memory(&s.bytes).unwrap();
        let found = kyc_preflight::vision::document::find_document(&img);
        println!(
            "{i} {} {}x{} truth={:?}\n   found={:?}",
            spec.slug(),
            s.label.width,
            s.label.height,
            s.label
                .corners
                .map(|c| c.map(|p| [p[0] as i32, p[1] as i32])),
            found.map(|o| (
                o.corners.map(|p| [p[0] as i32, p[1] as i32]),
                (o.frame_fraction * 100.0) as i32
            ))
        );
    }
}
