//! Development aid: read the MRZ of given photos and print what was read, with the weakest
//! character's score and margin: `mrz_read [--dump DIR] IMAGE…`.
use kyc_preflight::mrz;
use kyc_preflight::vision;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(img) = image::open(&path) else {
            println!("{path}: not decoded");
            continue;
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Some(view) = vision::view_photo(&img) else {
            println!("{name}: no document");
            continue;
        };
        if let Ok(dir) = std::env::var("MRZ_DUMP")
            && let Some((grey, _)) = mrz::straightened_zone(&img, &view)
        {
            grey.save(format!("{dir}/{name}.png")).unwrap();
        }
        let t = std::time::Instant::now();
        match mrz::read_document(&img, &view) {
            None => println!("{name}: no MRZ ({:?})", view.layout.mrz),
            Some(r) => println!(
                "{name}: {:?} valid {} uncertain {} weakest {:.2}/{:.3} pitch {:.1} px {:.1} ms\n  {}",
                r.format,
                r.is_valid(),
                r.uncertain.len(),
                r.weakest_score,
                r.weakest_margin,
                r.photo_pitch,
                t.elapsed().as_secs_f64() * 1e3,
                r.lines.join("\n  ")
            ),
        }
    }
}
