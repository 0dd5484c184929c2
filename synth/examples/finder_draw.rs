//! Development aid: draw what the document finder found (red), the truth (green) and the edge
//! map for given samples: `cargo run --release -p kyc-synth --example finder_draw -- OUT IMAGE…`

use image::Rgb;
use kyc_preflight::vision::{document, proxy};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("an output folder"));
    std::fs::create_dir_all(&out).unwrap();
    for path in args {
        let path = std::path::PathBuf::from(path);
        let img = image::open(&path).unwrap();
        let p = proxy::proxy(&img, document::SEARCH_LONG_SIDE);
        let search = document::find_document(&p.grey, p.scale);
        let mut canvas = p.rgb.clone();
        let edges = document::edge_image(&p.grey);
        for (px, e) in canvas.pixels_mut().zip(edges.pixels()) {
            if e.0[0] > 0 {
                px.0 = [255, 255, 0];
            }
        }
        let draw = |canvas: &mut image::RgbImage, q: &[[f64; 2]; 4], colour: Rgb<u8>| {
            for i in 0..4 {
                let (a, b) = (q[i], q[(i + 1) % 4]);
                imageproc::drawing::draw_line_segment_mut(
                    canvas,
                    ((a[0] / p.scale) as f32, (a[1] / p.scale) as f32),
                    ((b[0] / p.scale) as f32, (b[1] / p.scale) as f32),
                    colour,
                );
            }
        };
        // The truth: the sample's label (`<stem>.json`), or corners given by hand in TRUTH
        // ("x,y,x,y,x,y,x,y" in image pixels) for a real photo without one.
        let label_path = path.with_extension("json");
        let by_hand = std::env::var("TRUTH").ok().map(|text| {
            let v: Vec<f32> = text.split(',').map(|n| n.trim().parse().unwrap()).collect();
            [[v[0], v[1]], [v[2], v[3]], [v[4], v[5]], [v[6], v[7]]]
        });
        let labelled = std::fs::read(&label_path).ok().and_then(|bytes| {
            serde_json::from_slice::<kyc_synth::Label>(&bytes)
                .unwrap()
                .corners
        });
        {
            if let Some(c) = labelled.or(by_hand) {
                let truth = c.map(|p| [p[0] as f64, p[1] as f64]);
                draw(&mut canvas, &truth, Rgb([0, 255, 0]));
                if std::env::var_os("DIAGNOSE").is_some() {
                    let near = truth.map(|q| [q[0] / p.scale, q[1] / p.scale]);
                    if std::env::var_os("LINES").is_some() {
                        for l in document::found_lines(&p.grey) {
                            println!("  line θ {:.1} ρ {:.1} support {}", l.0, l.1, l.2);
                        }
                    }
                    for line in document::diagnose(
                        &p.grey,
                        &near,
                        std::env::var("DIAGNOSE").unwrap().parse().unwrap_or(25.0),
                    ) {
                        println!("  {line}");
                    }
                }
            }
        }
        for o in &search.others {
            draw(&mut canvas, &o.corners, Rgb([0, 0, 255]));
        }
        if let Some(best) = &search.best {
            draw(&mut canvas, &best.corners, Rgb([255, 0, 0]));
            println!(
                "{}: support {:.2} aspect {:.2} content {:.3} seen {:?}",
                path.display(),
                best.edge_support,
                best.aspect,
                best.content,
                best.seen_sides
            );
        }
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        canvas.save(out.join(format!("{name}.png"))).unwrap();
    }
}
