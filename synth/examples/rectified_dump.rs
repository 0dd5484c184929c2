//! Development aid: write the rectified document of each image as `OUT/<name>.png` (what the
//! document checks see) and print a measure of veiling light on it: on a grid of 24 columns,
//! the cells whose paper (90th percentile of luma) is 15 or more levels above the median of
//! the cells two and three steps around them and whose print (5th percentile) is within 40
//! levels of their paper, and the largest such excess. `rectified_dump OUT IMAGE…`
use kyc_preflight::vision::{self, document, proxy};

const COLUMNS: usize = 24;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("an output folder"));
    std::fs::create_dir_all(&out).unwrap();
    for path in args {
        let img = image::open(&path).unwrap();
        let p = proxy::proxy(&img, document::SEARCH_LONG_SIDE);
        let search = document::find_document(&p.grey, p.scale);
        let name = std::path::Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Some(view) = vision::locate(&img, &p, &search) else {
            println!("{name}: no document");
            continue;
        };
        view.rectified
            .rgb
            .save(out.join(format!("{name}.png")))
            .unwrap();
        let (cells, lifted, largest) = veil_cells(&view.rectified.grey);
        println!(
            "{name:50} cells {cells:4} brighter with faded print {lifted:3} largest excess {largest:4.0}"
        );
    }
}

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
