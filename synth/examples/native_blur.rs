//! Development aid: the print's spread in a photo's own pixels (`sharpness::measure_native`,
//! the measure behind `photo.blur`'s "softer than its pixel count") beside the fine
//! measurement, for calibrating `max_native_spread_px`. `native_blur IMAGE…`
use kyc_preflight::vision::{self, document, proxy, sharpness};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(img) = image::open(&path) else {
            continue;
        };
        let p = proxy::proxy(&img, document::SEARCH_LONG_SIDE);
        let search = document::find_document(&p.grey, p.scale);
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(view) = vision::locate(&img, &p, &search) else {
            println!("{name:50} no document");
            continue;
        };
        let r = &view.rectified;
        let fine = sharpness::measure_document(r).and_then(|s| s.blur_px);
        let native = sharpness::measure_native(&img, r);
        println!(
            "{name:50} scale {:.2} fine {} native {}",
            r.scale,
            fine.map_or("-".into(), |b| format!("{b:.2}")),
            native.map_or("-".into(), |b| format!("{b:.2}")),
        );
    }
}
