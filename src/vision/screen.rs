//! Signs that the photo shows a screen rather than the document itself.
//!
//! Two kinds of evidence, kept apart because they are judged differently:
//!
//! - **A photo of a screen.** The screen's pixels are a fine regular grid (sub-pixel stripes,
//!   the dark gaps between rows), and photographing it adds moiré. Either way the picture of
//!   the document carries one strong periodic pattern, everywhere the same. Patches of the
//!   full-resolution photo across the document are transformed to their spatial spectra; a
//!   grid shows as a sharp peak far above the spectrum around it, *at the same frequency in
//!   every patch*. Print has periodic patterns too (guilloche, line screens), but they change
//!   direction and pitch across a document.
//! - **A screenshot.** Exactly a screen's size in pixels, no camera in the metadata, saved as
//!   PNG, a phone's status bar along the top. Any one of these is common in honest uploads (a
//!   scan has no camera either); together they are not.

use image::{DynamicImage, GrayImage};
use rustfft::FftPlanner;
use rustfft::num_complex::Complex;

use super::geometry::{Quad, lerp};
use crate::report::Point;

/// Side of the square patches whose spectra are compared, in full-resolution pixels.
const PATCH: usize = 128;

/// Where in the document the patches are taken (fractions of its width and height): spread
/// out, so that no periodic print (a barcode, the MRZ's characters) covers them all.
const PATCH_CENTRES: [Point; 7] = [
    [0.15, 0.15],
    [0.85, 0.15],
    [0.3, 0.35],
    [0.7, 0.35],
    [0.5, 0.5],
    [0.3, 0.65],
    [0.7, 0.65],
];

/// Periods a screen's grid shows at in a photo, in pixels.
const SHORTEST_PERIOD: f64 = 2.2;
const LONGEST_PERIOD: f64 = 12.0;

/// One patch's spectrum: each frequency's power over the median power at frequencies of about
/// the same magnitude, over the grid frequencies (zero elsewhere), and its strongest peaks.
struct Spectrum {
    /// Row-major over signed frequencies shifted by half the patch: index
    /// `(fy + PATCH/2) · PATCH + (fx + PATCH/2)`.
    ratio: Vec<f64>,
    /// The strongest distinct peaks, as (frequency x, frequency y).
    peaks: Vec<(i32, i32)>,
}

impl Spectrum {
    /// The strongest ratio within two bins of a frequency or of its mirror.
    fn near(&self, (fx, fy): (i32, i32)) -> f64 {
        let half = (PATCH / 2) as i32;
        let mut best: f64 = 0.0;
        for (cx, cy) in [(fx, fy), (-fx, -fy)] {
            for dy in -2..=2 {
                for dx in -2..=2 {
                    let (x, y) = (cx + dx + half, cy + dy + half);
                    if (0..PATCH as i32).contains(&x) && (0..PATCH as i32).contains(&y) {
                        best = best.max(self.ratio[y as usize * PATCH + x as usize]);
                    }
                }
            }
        }
        best
    }
}

/// The evidence of a periodic grid over the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// How far the grid's peak stands above its surroundings in the spectrum, in the patch
    /// where it is second weakest: a screen's grid is strong everywhere. 0 when no patch could
    /// be taken.
    pub strength: f64,
    /// How many patches were compared.
    pub patches: usize,
    /// The grid's period in full-resolution pixels.
    pub period_px: Option<f64>,
}

/// Look for a periodic grid in patches of `image` across the document outlined by `corners`
/// (full-image pixels).
pub fn grid(image: &DynamicImage, corners: &Quad) -> Grid {
    let mut planner = FftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(PATCH);
    let spectra: Vec<Spectrum> = PATCH_CENTRES
        .iter()
        .filter_map(|&[u, v]| {
            let centre = lerp(
                lerp(corners[0], corners[1], u),
                lerp(corners[3], corners[2], u),
                v,
            );
            patch(image, centre).map(|p| spectrum(&p, fft.as_ref()))
        })
        .collect();
    // The candidate frequency whose showing over the patches is strongest, counting its
    // second-weakest patch: one patch may be hidden (by glare, a finger, a blank area).
    let mut best = (0.0f64, None);
    for candidate in spectra.iter().flat_map(|s| s.peaks.iter()) {
        let mut showings: Vec<f64> = spectra.iter().map(|s| s.near(*candidate)).collect();
        showings.sort_by(f64::total_cmp);
        let weakest = showings.get(1).or(showings.first()).copied().unwrap_or(0.0);
        if weakest > best.0 {
            let radius = f64::from(candidate.0).hypot(f64::from(candidate.1));
            best = (weakest, Some(PATCH as f64 / radius));
        }
    }
    Grid {
        strength: best.0,
        patches: spectra.len(),
        period_px: best.1,
    }
}

fn same_frequency(a: (i32, i32), b: (i32, i32)) -> bool {
    let close = |p: (i32, i32), q: (i32, i32)| (p.0 - q.0).abs() <= 2 && (p.1 - q.1).abs() <= 2;
    close(a, b) || close(a, (-b.0, -b.1))
}

/// Whether a frequency lies on the harmonics of JPEG's 8-pixel blocks (within a bin): the
/// block edges of a compressed photo are a periodic grid too, and not a screen's.
fn on_block_grid(fx: i32, fy: i32) -> bool {
    let step = (PATCH / 8) as i32;
    let near = |f: i32| {
        let r = f.rem_euclid(step);
        r <= 1 || r >= step - 1
    };
    near(fx) && near(fy)
}

/// A `PATCH`-pixel square of luma centred on `centre`, with its mean removed and a Hann window
/// applied (so the patch's borders do not show as frequencies). `None` when it does not fit in
/// the image.
fn patch(image: &DynamicImage, centre: Point) -> Option<Vec<f32>> {
    let half = (PATCH / 2) as f64;
    let (x0, y0) = (centre[0] - half, centre[1] - half);
    if x0 < 0.0
        || y0 < 0.0
        || x0 + PATCH as f64 > f64::from(image.width())
        || y0 + PATCH as f64 > f64::from(image.height())
    {
        return None;
    }
    let (x0, y0) = (x0 as u32, y0 as u32);
    let crop = image.crop_imm(x0, y0, PATCH as u32, PATCH as u32).to_rgb8();
    let mut values: Vec<f32> = crop
        .pixels()
        .map(|p| super::proxy::luma(f32::from(p.0[0]), f32::from(p.0[1]), f32::from(p.0[2])))
        .collect();
    let mean = values.iter().sum::<f32>() / values.len() as f32;
    let window: Vec<f32> = (0..PATCH)
        .map(|i| {
            let t = i as f32 / (PATCH - 1) as f32;
            0.5 - 0.5 * (std::f32::consts::TAU * t).cos()
        })
        .collect();
    for (i, v) in values.iter_mut().enumerate() {
        *v = (*v - mean) * window[i % PATCH] * window[i / PATCH];
    }
    Some(values)
}

/// The power spectrum of a patch among the grid frequencies, each frequency's power over the
/// median power at frequencies of about the same magnitude.
fn spectrum(values: &[f32], fft: &dyn rustfft::Fft<f32>) -> Spectrum {
    let n = PATCH;
    let mut data: Vec<Complex<f32>> = values.iter().map(|&v| Complex::new(v, 0.0)).collect();
    // Rows, then columns.
    for row in data.chunks_exact_mut(n) {
        fft.process(row);
    }
    let mut column = vec![Complex::new(0.0, 0.0); n];
    for x in 0..n {
        for y in 0..n {
            column[y] = data[y * n + x];
        }
        fft.process(&mut column);
        for y in 0..n {
            data[y * n + x] = column[y];
        }
    }
    let signed = |k: usize| {
        if k < n / 2 {
            k as i32
        } else {
            k as i32 - n as i32
        }
    };
    let (low, high) = (n as f64 / LONGEST_PERIOD, n as f64 / SHORTEST_PERIOD);
    // Power by radius ring, for the background level at each frequency magnitude.
    let mut rings: Vec<Vec<f32>> = vec![Vec::new(); n];
    let mut candidates: Vec<(i32, i32, f32)> = Vec::new();
    for y in 0..n {
        for x in 0..n {
            let (fx, fy) = (signed(x), signed(y));
            // Half the plane: the spectrum of a real patch is symmetric.
            if fy < 0 || (fy == 0 && fx < 0) {
                continue;
            }
            let radius = f64::from(fx).hypot(f64::from(fy));
            if radius < low || radius > high || on_block_grid(fx, fy) {
                continue;
            }
            let power = data[y * n + x].norm_sqr();
            rings[radius.round() as usize].push(power);
            candidates.push((fx, fy, power));
        }
    }
    let background: Vec<f32> = rings
        .iter_mut()
        .map(|ring| {
            if ring.is_empty() {
                return f32::MAX;
            }
            super::quantile(ring, 0.5, f32::total_cmp)
                .unwrap_or(f32::MAX)
                .max(1e-6)
        })
        .collect();
    let half = (n / 2) as i32;
    let mut ratio = vec![0.0; n * n];
    let mut scored: Vec<(i32, i32, f64)> = Vec::with_capacity(candidates.len());
    for (fx, fy, power) in candidates {
        let radius = f64::from(fx).hypot(f64::from(fy)).round() as usize;
        let r = f64::from(power / background[radius]);
        ratio[((fy + half) as usize) * n + (fx + half) as usize] = r;
        scored.push((fx, fy, r));
    }
    scored.sort_by(|a, b| b.2.total_cmp(&a.2));
    // Keep distinct peaks only.
    let mut peaks: Vec<(i32, i32)> = Vec::new();
    for s in scored {
        if peaks.len() >= 4 {
            break;
        }
        if peaks.iter().all(|&k| !same_frequency(k, (s.0, s.1))) {
            peaks.push((s.0, s.1));
        }
    }
    Spectrum { ratio, peaks }
}

/// Screen resolutions of common phones, tablets and monitors (portrait and landscape are
/// both checked). A screenshot is exactly one of these unless it was cropped.
const SCREEN_SIZES: [(u32, u32); 24] = [
    (750, 1334),
    (828, 1792),
    (1080, 1920),
    (1080, 2340),
    (1080, 2400),
    (1125, 2436),
    (1170, 2532),
    (1179, 2556),
    (1242, 2208),
    (1242, 2688),
    (1284, 2778),
    (1290, 2796),
    (1440, 2560),
    (1440, 3040),
    (1440, 3200),
    (1536, 2048),
    (1620, 2160),
    (1668, 2388),
    (2048, 2732),
    (1366, 768),
    (1920, 1080),
    (2560, 1440),
    (2880, 1800),
    (3840, 2160),
];

/// Whether an image is exactly a common screen's size.
pub fn is_screen_size(width: u32, height: u32) -> bool {
    SCREEN_SIZES
        .iter()
        .any(|&(w, h)| (width, height) == (w, h) || (width, height) == (h, w))
}

/// Whether the top of the picture is a phone's status bar: a band of flat black or white
/// 1.5–7% of the height, with a few small marks (the clock, the battery) in its left and right
/// thirds and nothing in between, above content of another colour. Measured on a grey proxy
/// of the whole frame.
pub fn has_status_bar(grey: &GrayImage) -> bool {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    if w < 20 || h < 40 {
        return false;
    }
    let raw = grey.as_raw();
    let background = {
        let mut top: Vec<u8> = raw[..w].to_vec();
        top.sort_unstable();
        top[w / 2]
    };
    // Status bars are black or white (or nearly), not a table's colour.
    if (45..=225).contains(&background) {
        return false;
    }
    let differs = |v: u8| (i32::from(v) - i32::from(background)).abs() > 40;
    // The band: rows from the top whose pixels are mostly the background colour.
    let mut band = 0;
    for y in 0..h / 8 {
        let row = &raw[y * w..(y + 1) * w];
        let flat = row.iter().filter(|&&v| !differs(v)).count();
        // The clock and icons take a share of the rows they are on.
        if flat * 100 < w * 60 {
            break;
        }
        band = y + 1;
    }
    if band * 1000 < h * 15 || band * 100 > h * 7 || band + 2 >= h {
        return false;
    }
    // The content below starts with a different colour.
    let below = &raw[(band + 1) * w..(band + 2) * w];
    if below.iter().filter(|&&v| differs(v)).count() * 2 < w {
        return false;
    }
    // Marks: columns holding pixels that differ from the background, by third of the width.
    let mut columns = vec![false; w];
    for y in 0..band {
        for (x, marked) in columns.iter_mut().enumerate() {
            *marked |= differs(raw[y * w + x]);
        }
    }
    let share = |from: usize, to: usize| {
        columns[from..to].iter().filter(|&&m| m).count() as f64 / (to - from) as f64
    };
    let (left, middle, right) = (
        share(0, w / 3),
        share(w / 3, 2 * w / 3),
        share(2 * w / 3, w),
    );
    left > 0.02 && right > 0.02 && left < 0.5 && right < 0.5 && middle < 0.3
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Luma, Rgb, RgbImage};

    fn card() -> Quad {
        [
            [100.0, 100.0],
            [900.0, 100.0],
            [900.0, 600.0],
            [100.0, 600.0],
        ]
    }

    /// Smooth "print": a few large soft shapes, no fine regular pattern.
    fn print(x: u32, y: u32) -> f32 {
        let (u, v) = (x as f32, y as f32);
        150.0 + 40.0 * ((u / 37.0).sin() * (v / 53.0).cos()) + 30.0 * ((u + v) / 91.0).sin()
    }

    #[test]
    fn a_screen_grid_is_the_same_peak_everywhere() {
        // Sub-pixel stripes every 4 px and a darker row every 4 px, over the print.
        let img = RgbImage::from_fn(1000, 700, |x, y| {
            let stripe = if x % 4 == 0 { 1.0 } else { 0.75 };
            let row = if y % 4 == 0 { 0.7 } else { 1.0 };
            let v = (print(x, y) * stripe * row).min(255.0) as u8;
            Rgb([v, v, v])
        });
        let g = grid(&DynamicImage::ImageRgb8(img), &card());
        assert_eq!(g.patches, PATCH_CENTRES.len());
        assert!(g.strength > 50.0, "{g:?}");
        assert!((g.period_px.unwrap() - 4.0).abs() < 0.3, "{g:?}");
    }

    #[test]
    fn plain_print_has_no_grid() {
        let img = RgbImage::from_fn(1000, 700, |x, y| {
            let v = print(x, y) as u8;
            Rgb([v, v, v])
        });
        let g = grid(&DynamicImage::ImageRgb8(img), &card());
        assert!(g.strength < 20.0, "{g:?}");
    }

    #[test]
    fn screen_sizes_either_way_round() {
        assert!(is_screen_size(1170, 2532) && is_screen_size(2532, 1170));
        assert!(!is_screen_size(4000, 3000) && !is_screen_size(800, 600));
    }

    #[test]
    fn a_status_bar_has_marks_at_both_ends() {
        let mut img = GrayImage::from_pixel(400, 800, Luma([200]));
        for y in 0..36 {
            for x in 0..400 {
                img.put_pixel(x, y, Luma([20]));
            }
        }
        // Clock on the left, battery on the right.
        for y in 12..24 {
            for x in (20..60).chain(340..376) {
                img.put_pixel(x, y, Luma([235]));
            }
        }
        assert!(has_status_bar(&img));
        // A white scanner margin has no marks.
        let margin = GrayImage::from_pixel(400, 800, Luma([250]));
        assert!(!has_status_bar(&margin));
    }
}
