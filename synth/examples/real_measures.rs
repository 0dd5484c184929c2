//! Development aid: the raw measurements on arbitrary images (no labels).
//! `real_measures IMAGE…`
use kyc_preflight::vision::{
    self, colour, document, highlights, lighting, occlusion, proxy, screen, sharpness,
};
fn main() {
    for path in std::env::args().skip(1) {
        let img = image::open(&path).unwrap();
        let p = proxy::proxy(&img, document::SEARCH_LONG_SIDE);
        let search = document::find_document(&p.grey, p.scale);
        let name = std::path::Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Some(view) = vision::locate(&img, &p, &search) else {
            println!("{name}: no document");
            continue;
        };
        let r = &view.rectified;
        let s = sharpness::measure_document(r).expect("judged in full detail");
        let full = proxy::grey_of(&img.to_rgb8());
        let all = image::GrayImage::from_pixel(full.width(), full.height(), image::Luma([255]));
        let native = sharpness::measure(&full, &all, 0.0);
        println!(
            "  native blur (no intrinsic removed) {:?}",
            native
                .by_direction
                .map(|d| d.map(|b| (b * 100.0).round() / 100.0))
        );
        let l = lighting::measure(&r.grey, Some(&r.valid));
        let frame = lighting::measure(&p.grey, None);
        let c = colour::measure(&r.rgb, &r.valid);
        let g = screen::grid(&img, &view.outline.corners);
        let paper = l.as_ref().map_or(255.0, |l| l.paper);
        let h = highlights::measure(&r.rgb, &r.valid, paper);
        let o = occlusion::measure(&r.rgb, &r.grey, &r.valid, &|_: [f64; 2]| None);
        println!(
            "{name:50} scale {:.2} blur {:?} dirs {:?} edges {} | paper {:.0} frame_paper {:.0} | across {:.1} | grid {:.0} @{:?} | glare {:?} | occl {:?} | kind {:?} fills {}",
            r.scale,
            s.blur_px.map(|b| (b * 100.0).round() / 100.0),
            s.by_direction.map(|d| d.map(|b| (b * 10.0).round() / 10.0)),
            s.edges,
            paper,
            frame.as_ref().map_or(0.0, |f| f.paper),
            c.map_or(0.0, |c| c.across),
            g.strength,
            g.period_px.map(|p| (p * 10.0).round() / 10.0),
            h.map(|h| (h.fraction * 1000.0).round() / 1000.0),
            o.map(|o| (o.fraction * 1000.0).round() / 1000.0),
            view.layout.kind,
            view.fills_frame
        );
    }
}
