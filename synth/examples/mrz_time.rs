//! Development aid: how long reading the MRZ takes after decoding, per photo (the photo's
//! decode, proxy and document view made first, so only the zone's reading, through the
//! layout and, when that does not parse, the search of the whole photo, is timed):
//! `mrz_time IMAGE…`. Times one run on whatever else the machine is doing; for the README,
//! run it twice and take the second. Each line says whether the zone was read with
//! confidence, reported unreadable, or not found.
use kyc_preflight::{load, scene::Scene};
fn main() {
    let limits = load::LoadLimits::default();
    let mut times = Vec::new();
    for path in std::env::args().skip(1) {
        let file = load::read_file(std::path::Path::new(&path), &limits).unwrap();
        let scene = Scene::new(file, limits.clone());
        let _ = scene.pixels();
        let _ = scene.document();
        let _ = scene.proxy();
        let t = std::time::Instant::now();
        let reading = scene.mrz().ok().flatten();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        // Confident: every character clear and the fields parsed; otherwise unreadable or
        // no zone at all.
        let outcome = match reading {
            Some(r) if r.parsed.is_some() => "read",
            Some(_) => "unreadable",
            None => "no zone",
        };
        println!(
            "{ms:8.1} ms  {outcome:10} {}",
            std::path::Path::new(&path)
                .file_name()
                .unwrap()
                .to_string_lossy()
        );
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median {:.1} max {:.1}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
