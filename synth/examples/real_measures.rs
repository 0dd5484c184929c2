//! Development aid: the raw measurements on arbitrary images (no labels); files that are not
//! images are passed over, so `real_measures DIR/*` runs over a folder of saved samples.
//! `native` is the print's spread in the photo's own pixels (`sharpness::measure_native`, behind
//! `photo.blur`'s "softer than its pixel count"), for calibrating `max_native_spread_px`.
//! `real_measures IMAGE…`; with `RECTIFIED=DIR` set, each rectified document (what the document
//! checks see) is also written as `DIR/<name>.png`.
//!
//! `veil` is a measure of veiling light that was tried for `photo.glare` and not built (see the
//! README): on a grid of 24 columns, the cells whose paper (90th percentile of luma) is 15 or
//! more levels above the median of the cells two and three steps around them and whose print
//! (5th percentile) is within 40 levels of their paper, and the largest such excess.
//!
//! `tint band` is a second such measure, tried and not built either: a coloured light laid
//! across the page shifts everything under it, print and paper, towards the light's colour. The
//! page is cut into 10 vertical strips; for each row, each strip's mean blue-minus-red is
//! compared with the mean of the rows 8% of the height above and below it, and the figure is
//! the largest excess that 80% of the strips reach on one row.
use kyc_preflight::vision::{
    self, beam, colour, document, highlights, lighting, occlusion, proxy, screen, sharpness,
};
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(img) = image::open(&path) else {
            continue;
        };
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
        if let Some(dir) = std::env::var_os("RECTIFIED") {
            std::fs::create_dir_all(&dir).unwrap();
            let stem = std::path::Path::new(&path).file_stem().unwrap().to_owned();
            let file = std::path::Path::new(&dir).join(stem).with_extension("png");
            r.rgb.save(file).unwrap();
        }
        let (cells, lifted, largest) = veil_cells(&r.grey);
        println!(
            "  veil: {lifted} of {cells} cells brighter with faded print, largest excess {largest:.0}"
        );
        println!("  tint band: {:.1}", tint_band(&r.rgb, &r.valid));
        println!("  beam: {}", beam::describe(&p, r));
        let s = sharpness::measure_document(r);
        let native = sharpness::measure_native(&img, r);
        println!(
            "  native spread {}",
            native.map_or("-".into(), |b| format!("{b:.2}"))
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
            s.as_ref()
                .and_then(|s| s.blur_px)
                .map(|b| (b * 100.0).round() / 100.0),
            s.as_ref()
                .map(|s| s.by_direction.map(|d| d.map(|b| (b * 10.0).round() / 10.0))),
            s.as_ref().map_or(0, |s| s.edges),
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

const COLUMNS: usize = 24;

fn percentile(values: &mut [f32], q: f64) -> f32 {
    values.sort_by(f32::total_cmp);
    values[((values.len() - 1) as f64 * q).round() as usize]
}

/// (cells, cells brighter than around them with faded print, largest excess).
fn veil_cells(grey: &proxy::GreyF32) -> (usize, usize, f32) {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let rows = ((COLUMNS * h) as f64 / w as f64).round().max(4.0) as usize;
    let mut paper = vec![0f32; rows * COLUMNS];
    let mut print = vec![0f32; rows * COLUMNS];
    for j in 0..rows {
        for i in 0..COLUMNS {
            let mut cell: Vec<f32> = (j * h / rows..(j + 1) * h / rows)
                .flat_map(|y| (i * w / COLUMNS..(i + 1) * w / COLUMNS).map(move |x| (x, y)))
                .map(|(x, y)| grey.get_pixel(x as u32, y as u32).0[0])
                .collect();
            paper[j * COLUMNS + i] = percentile(&mut cell, 0.9);
            print[j * COLUMNS + i] = percentile(&mut cell, 0.05);
        }
    }
    let (mut lifted, mut largest) = (0, f32::MIN);
    for j in 0..rows as isize {
        for i in 0..COLUMNS as isize {
            let mut ring: Vec<f32> = (j - 3..=j + 3)
                .flat_map(|y| (i - 3..=i + 3).map(move |x| (x, y)))
                .filter(|&(x, y)| (x - i).abs().max((y - j).abs()) >= 2)
                .filter(|&(x, y)| x >= 0 && y >= 0 && x < COLUMNS as isize && y < rows as isize)
                .map(|(x, y)| paper[y as usize * COLUMNS + x as usize])
                .collect();
            let k = j as usize * COLUMNS + i as usize;
            let excess = paper[k] - percentile(&mut ring, 0.5);
            largest = largest.max(excess);
            lifted += usize::from(excess >= 15.0 && print[k] >= paper[k] - 40.0);
        }
    }
    (rows * COLUMNS, lifted, largest)
}

const STRIPS: usize = 10;

/// The largest excess of blue over red on one row, over the rows 8% of the height above and
/// below, that 80% of the page's vertical strips reach (0 when the page is too small).
fn tint_band(rgb: &image::RgbImage, valid: &image::GrayImage) -> f32 {
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    let reach = ((0.08 * h as f64) as usize).max(3);
    if w < STRIPS || h <= 2 * reach {
        return 0.0;
    }
    // profile[s][y]: strip s's mean blue minus red on row y, over the pixels inside the photo.
    let profile: Vec<Vec<f32>> = (0..STRIPS)
        .map(|s| {
            (0..h)
                .map(|y| {
                    let (mut sum, mut n) = (0f32, 0f32);
                    for x in s * w / STRIPS..(s + 1) * w / STRIPS {
                        if valid.get_pixel(x as u32, y as u32).0[0] > 0 {
                            let p = rgb.get_pixel(x as u32, y as u32).0;
                            sum += f32::from(p[2]) - f32::from(p[0]);
                            n += 1.0;
                        }
                    }
                    if n > 0.0 { sum / n } else { 0.0 }
                })
                .collect()
        })
        .collect();
    (reach..h - reach)
        .map(|y| {
            let mut excess: Vec<f32> = profile
                .iter()
                .map(|p| p[y] - 0.5 * (p[y - reach] + p[y + reach]))
                .collect();
            percentile(&mut excess, 0.2)
        })
        .fold(0.0, f32::max)
}
