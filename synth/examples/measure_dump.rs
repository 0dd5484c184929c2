//! Development aid: run the document measurements on saved samples and print one JSON line per
//! sample with the label's truth beside them, for calibration.
//! `cargo run --release -p kyc-synth --example measure_dump -- DIR > measures.jsonl`

use kyc_preflight::vision::{
    self, colour, document, highlights, lighting, occlusion, proxy, screen, sharpness,
};
use kyc_synth::Label;
use rayon::prelude::*;

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of samples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let lines: Vec<String> = names
        .par_iter()
        .map(|label_path| {
            let label: Label = serde_json::from_slice(&std::fs::read(label_path).unwrap()).unwrap();
            let image_path = ["jpg", "png"]
                .iter()
                .map(|e| label_path.with_extension(e))
                .find(|p| p.exists())
                .unwrap();
            let img = image::open(&image_path).unwrap();
            let p = proxy::proxy(&img, document::SEARCH_LONG_SIDE);
            let search = document::find_document(&p.grey, p.scale);
            let view = vision::locate(&img, &p, &search);
            let grey_proxy = proxy::grey_to_u8(&p.grey);
            let mut out = serde_json::json!({
                "status_bar": screen::has_status_bar(&grey_proxy),
                "screen_size": screen::is_screen_size(img.width(), img.height()),
                "name": label_path.file_stem().unwrap().to_string_lossy(),
                "defects": label.defects,
                "expected": label.expected,
                "dpi": label.document_dpi,
            });
            if let Some(view) = view {
                let r = &view.rectified;
                let t = std::time::Instant::now();
                let s = sharpness::measure_document(r).expect("judged in full detail");
                out["sharpness_ms"] = serde_json::json!(t.elapsed().as_secs_f64() * 1e3);
                out["blur"] = serde_json::json!(s.blur_px);
                out["blur_dirs"] = serde_json::json!(s.by_direction);
                out["edges"] = serde_json::json!(s.edges);
                out["scale"] = serde_json::json!(r.scale);
                if let Some(l) = lighting::measure(&r.grey, Some(&r.valid)) {
                    out["paper"] = serde_json::json!(l.paper);
                    out["clipped"] = serde_json::json!(l.clipped);
                    out["darkest"] = serde_json::json!(l.darkest);
                    out["light_ratio"] = serde_json::json!(l.light_ratio);
                }
                if let Some(c) = colour::measure(&r.rgb, &r.valid) {
                    out["colour_spread"] = serde_json::json!(c.spread);
                    out["coloured_share"] = serde_json::json!(c.coloured_share);
                    out["colour_across"] = serde_json::json!(c.across);
                }
                let layout = &view.layout;
                let paper = lighting::measure(&r.grey, Some(&r.valid)).map_or(255.0, |l| l.paper);
                if let Some(g) = highlights::measure(&r.rgb, &r.valid, paper) {
                    out["glare_fraction"] = serde_json::json!(g.fraction);
                    out["glare_on_mrz"] = serde_json::json!(
                        layout
                            .mrz
                            .as_ref()
                            .map(|m| g.touches(layout.in_image(m.zone)))
                    );
                    out["glare_on_portrait"] =
                        serde_json::json!(layout.portrait.map(|z| g.touches(layout.in_image(z))));
                }
                out["glare_paper"] = serde_json::json!(paper);
                out["kind"] = serde_json::json!(format!("{:?}", layout.kind));
                let t = std::time::Instant::now();
                let g = screen::grid(&img, &view.outline.corners);
                out["grid_ms"] = serde_json::json!(t.elapsed().as_secs_f64() * 1e3);
                out["grid_strength"] = serde_json::json!(g.strength);
                out["grid_patches"] = serde_json::json!(g.patches);
                out["grid_period"] = serde_json::json!(g.period_px);
                if let Some(o) = occlusion::measure(&r.rgb, &r.grey, &r.valid, &|_: [f64; 2]| None)
                {
                    out["occlusion"] = serde_json::json!(o.fraction);
                }
                out["fills_frame"] = serde_json::json!(view.fills_frame);
            }
            out.to_string()
        })
        .collect();
    for line in lines {
        println!("{line}");
    }
}
