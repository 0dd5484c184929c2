//! How the document finder does per sample — kind, defect, background, found or not, corner
//! error — to see where it goes wrong: `cargo run --release -p kyc-synth --example finder_debug [N]`.

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(16);
    for i in 0..n {
        let spec = kyc_synth::Spec::nth(7, i);
        let sample = kyc_synth::generate(&spec);
        let img = image::load_from_memory(&sample.bytes).expect("decodes");
        let found = kyc_preflight::vision::document::find_document(&img);
        let label = &sample.label;
        let error = match (&found, label.corners) {
            (Some(outline), Some(truth)) => {
                let diagonal = f64::from(truth[0][0] - truth[2][0])
                    .hypot(f64::from(truth[0][1] - truth[2][1]));
                let mean: f64 = truth
                    .iter()
                    .map(|t| {
                        outline
                            .corners
                            .iter()
                            .map(|f| (f[0] - f64::from(t[0])).hypot(f[1] - f64::from(t[1])))
                            .fold(f64::MAX, f64::min)
                    })
                    .sum::<f64>()
                    / 4.0;
                format!("{:.2}%", 100.0 * mean / diagonal)
            }
            (None, Some(_)) => "MISSED".into(),
            (Some(_), None) => "FALSE FIND".into(),
            (None, None) => "-".into(),
        };
        println!(
            "{i:3} {:28} {:>9} {:?} span={:.2}",
            spec.slug(),
            error,
            label.background,
            label.document_span.unwrap_or(0.0)
        );
    }
}
