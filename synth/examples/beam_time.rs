//! Development aid: time `vision::beam::find` alone on saved photos (one thread).
//! `beam_time IMAGE…`: prints the median and largest time per photo.
use kyc_preflight::vision::{self, beam, document, proxy};
fn main() {
    let mut times = Vec::new();
    for path in std::env::args().skip(1) {
        let Ok(img) = image::open(&path) else {
            continue;
        };
        let p = proxy::proxy(&img, document::SEARCH_LONG_SIDE);
        let search = document::find_document(&p.grey, p.scale);
        let Some(view) = vision::locate(&img, &p, &search) else {
            continue;
        };
        let start = std::time::Instant::now();
        let _ = std::hint::black_box(beam::find(&p, &view.rectified));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let n = times.len();
    println!(
        "{n} photos: median {:.2} ms, 90th {:.2} ms, largest {:.2} ms",
        times[n / 2],
        times[n * 9 / 10],
        times[n - 1]
    );
}
