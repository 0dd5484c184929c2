//! How blurred the document is, in pixels of Gaussian spread at a fixed scale.
//!
//! Measured on the fine rectified document (1000 px along its long side), so the number means
//! the same whatever the photo's size. The method is the gradient ratio of re-blurred edges
//! (Zhuo and Sim, "Defocus map estimation from a single image", 2011): an ideal step edge
//! blurred by σ and then smoothed by σa has a peak gradient proportional to
//! 1/√(σ² + σa²), so the ratio R of the peaks after smoothing by σa and by σb gives
//! σ² = (σb² − R²σa²) / (R² − 1), whatever the edge's contrast. Taken at the strong edges of the
//! print (local maxima of the gradient across the edge), per edge direction:
//! defocus blurs every direction alike, while a hand moving during the exposure blurs the edges
//! across its motion and spares those along it, so the worst direction is reported.
//!
//! A photo's own pixels blur a little (the sensor's pixel footprint, demosaicing, compression):
//! that part, [`INTRINSIC_BLUR_PX`] of the photo's pixels, is taken out in quadrature, so a small
//! but sharp document is not called blurred for having few pixels (that is the resolution
//! check's business).
//!
//! The fine rectangle cannot see how sharp a document larger than it is: a 1900 px page that
//! was enlarged from a 900 px one looks crisp at 1000 px. So the print's spread is also
//! measured at the photo's own resolution, on patches of the full-resolution pixels spread
//! over the document ([`measure_native`]). A sharp photo spreads an edge over about
//! [`INTRINSIC_BLUR_PX`]; more means the photo holds less detail than its pixel count, in the
//! ratio of the two.

use image::{DynamicImage, GrayImage, Luma};

use super::proxy::{GreyF32, area_average_region, grey_of};
use super::rectify::Rectified;

/// Smoothing of the two measurements, in pixels.
const SIGMA_A: f32 = 1.0;
const SIGMA_B: f32 = 2.0;

/// The blur a sharp photo shows in its own pixels (Gaussian spread), taken out of every
/// measurement. Calibrated on the clean synthetic samples.
pub const INTRINSIC_BLUR_PX: f64 = 0.6;

/// Edge directions the blur is estimated in: edges whose normal lies within 22.5° of 0°, 45°,
/// 90° and 135°.
const DIRECTIONS: usize = 4;

/// Fewest edge points a direction needs for its estimate to count.
const MIN_EDGES: usize = 40;

/// The least gradient (grey levels per pixel, after smoothing) that can be an edge of print.
const MIN_GRADIENT: f32 = 2.0;

/// How far either side of an edge its step height is read, in pixels: past the spread of a
/// blur that fails the check.
const STEP_REACH: f32 = 8.0;

/// The document's measured blur.
#[derive(Debug, Clone, PartialEq)]
pub struct Sharpness {
    /// Blur (Gaussian σ, px on the document 1000 px wide) in the worst direction, with the
    /// photo's own blur taken out; `None` when too few edges were found to judge.
    pub blur_px: Option<f64>,
    /// The same per edge direction (0°, 45°, 90°, 135° of the edge's normal).
    pub by_direction: [Option<f64>; DIRECTIONS],
    /// Number of edge points measured.
    pub edges: usize,
}

/// The photo's own blur in pixels of an image that has `scale` photo pixels per pixel: the
/// photo's [`INTRINSIC_BLUR_PX`], enlarged when the image enlarges the photo.
pub fn intrinsic_blur(scale: f64) -> f64 {
    INTRINSIC_BLUR_PX / scale.min(1.0)
}

/// Measure the blur of a rectified document on its fine rectangle; `None` when it was
/// straightened without one ([`Detail::Coarse`](super::rectify::Detail)).
pub fn measure_document(document: &Rectified) -> Option<Sharpness> {
    let fine = document.fine.as_ref()?;
    Some(measure(
        &fine.grey,
        &fine.valid,
        intrinsic_blur(document.scale),
    ))
}

/// Side of the square patches of full-resolution pixels [`measure_native`] reads, at most.
const NATIVE_PATCH: u32 = 160;

/// Where those patches are centred, as fractions of the document's width and height: a grid
/// over its inner part, where the print is, clear of its edges and of the background.
const NATIVE_COLUMNS: [f64; 4] = [0.2, 0.4, 0.6, 0.8];
const NATIVE_ROWS: [f64; 2] = [0.35, 0.75];

/// How far the print's edges spread at the photo's own resolution (Gaussian σ in photo pixels,
/// nothing taken out): the median over the edge directions of patches of the full-resolution
/// `image` spread over the document. `None` when the patches show too little print to judge.
///
/// About [`INTRINSIC_BLUR_PX`] for a sharp photo; a photo enlarged by a factor k spreads its
/// edges k times as far, and so does one slightly out of focus. Eight patches cost about 4 ms
/// on a 12-megapixel photo, where straightening the whole document at full resolution would
/// cost more than decoding it.
pub fn measure_native(image: &DynamicImage, document: &Rectified) -> Option<f64> {
    // Patches no larger than a fifth of the document, so that they stay on it.
    let document_px = document.scale * f64::from(super::rectify::RECTIFIED_LONG_SIDE);
    let side = f64::from(NATIVE_PATCH).min(document_px / 5.0);
    let mut found: [Vec<(f32, f64)>; DIRECTIONS] = Default::default();
    for &row in &NATIVE_ROWS {
        for &column in &NATIVE_COLUMNS {
            let [cx, cy] = document.to_image([column, row]);
            let clip = |v: f64, limit: u32| v.round().clamp(0.0, f64::from(limit)) as u32;
            let (x0, x1) = (
                clip(cx - side / 2.0, image.width()),
                clip(cx + side / 2.0, image.width()),
            );
            let (y0, y1) = (
                clip(cy - side / 2.0, image.height()),
                clip(cy + side / 2.0, image.height()),
            );
            let (w, h) = (x1 - x0, y1 - y0);
            // Cut off by the photo's edge, or too small to hold an edge and its surround.
            if w.min(h) < 32 {
                continue;
            }
            let patch = grey_of(&area_average_region(image, (x0, y0, w, h), (w, h)));
            let valid = GrayImage::from_pixel(w, h, Luma([255]));
            for (all, mut more) in found.iter_mut().zip(edges(&patch, &valid)) {
                all.append(&mut more);
            }
        }
    }
    let mut spreads: Vec<f64> = summarise(found, 0.0)
        .by_direction
        .into_iter()
        .flatten()
        .collect();
    super::quantile(&mut spreads, 0.5, f64::total_cmp)
}

/// Measure the blur of a grey image (the fine rectified document), taking `intrinsic` pixels
/// of blur out in quadrature. `valid` marks the pixels that lie inside the photo.
pub fn measure(fine: &GreyF32, valid: &GrayImage, intrinsic: f64) -> Sharpness {
    summarise(edges(fine, valid), intrinsic)
}

/// Each direction's edge points in `image`: (step contrast, blur σ in pixels) at the local
/// maxima of the gradient across the edge, clear of the image's border and of invalid pixels.
fn edges(image: &GreyF32, valid: &GrayImage) -> [Vec<(f32, f64)>; DIRECTIONS] {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let mut found: [Vec<(f32, f64)>; DIRECTIONS] = Default::default();
    // Stay clear of the document's border (it meets the background there) and of cut-off
    // parts.
    let margin = (w.min(h) / 30).max(4);
    if w <= 2 * margin || h <= 2 * margin {
        return found;
    }
    let a = gaussian_blur(image, SIGMA_A);
    // Smoothing by σa then by √(σb² − σa²) is smoothing by σb.
    let b = gaussian_blur(&a, (SIGMA_B.powi(2) - SIGMA_A.powi(2)).sqrt());
    let (a, b) = (a.as_raw(), b.as_raw());
    let mask = valid.as_raw();
    let gradient = |img: &[f32], i: usize| -> (f32, f32) {
        (
            (img[i + 1] - img[i - 1]) * 0.5,
            (img[i + w] - img[i - w]) * 0.5,
        )
    };
    let near_invalid = |x: usize, y: usize| -> bool {
        let r = 4;
        [(x - r, y), (x + r, y), (x, y - r), (x, y + r)]
            .iter()
            .any(|&(xx, yy)| mask[yy * w + xx] == 0)
    };
    let mut magnitude = vec![0f32; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let (gx, gy) = gradient(a, y * w + x);
            magnitude[y * w + x] = (gx * gx + gy * gy).sqrt();
        }
    }
    // Each direction's edges: local maxima across the edge, with their strength and blur.
    for y in margin..h - margin {
        for x in margin..w - margin {
            let i = y * w + x;
            let m = magnitude[i];
            if m < MIN_GRADIENT || mask[i] == 0 || near_invalid(x, y) {
                continue;
            }
            let (gx, gy) = gradient(a, i);
            let bin = direction_bin(gx, gy);
            let (o1, o2) = match bin {
                0 => (i - 1, i + 1),
                1 => (i - w - 1, i + w + 1),
                2 => (i - w, i + w),
                _ => (i - w + 1, i + w - 1),
            };
            if m < magnitude[o1] || m <= magnitude[o2] {
                continue;
            }
            let (bx, by) = gradient(b, i);
            let mb = (bx * bx + by * by).sqrt();
            if mb <= 0.0 {
                continue;
            }
            let (sa, sb) = (f64::from(SIGMA_A), f64::from(SIGMA_B));
            // Ratios at or above σb/σa are perfectly sharp; at or below 1, hopelessly blurred
            // (or not an edge); clamp into the meaningful range.
            let r2 = f64::from(m / mb).clamp(1.02, sb / sa - 1e-6).powi(2);
            let sigma = ((sb * sb - r2 * sa * sa) / (r2 - 1.0)).max(0.0).sqrt();
            // The step's height, read well clear of the edge either side: it does not depend
            // on the blur, so choosing edges by it does not favour the sharpest ones.
            let (ux, uy) = (gx / m, gy / m);
            let at = |t: f32| -> f32 {
                let xx = (x as f32 + ux * t).round().clamp(0.0, (w - 1) as f32) as usize;
                let yy = (y as f32 + uy * t).round().clamp(0.0, (h - 1) as f32) as usize;
                a[yy * w + xx]
            };
            let contrast = (at(STEP_REACH) - at(-STEP_REACH)).abs();
            found[bin].push((contrast, sigma));
        }
    }
    found
}

/// The direction bin (0°, 45°, 90°, 135°, each ±22.5°) of a gradient `(gx, gy)`: the bin of
/// its angle modulo 180°, found by comparing the components (an arctangent for every pixel of
/// a noisy photo was a tenth of this measure's time).
fn direction_bin(gx: f32, gy: f32) -> usize {
    // tan 22.5°
    const TAN_HALF_STEP: f32 = 0.414_213_56;
    let (ax, ay) = (gx.abs(), gy.abs());
    if ay <= TAN_HALF_STEP * ax {
        0
    } else if ax <= TAN_HALF_STEP * ay {
        2
    } else if (gx > 0.0) == (gy > 0.0) {
        1
    } else {
        3
    }
}

/// Each direction's blur from its edge points: the median σ of its most contrasty quarter,
/// with `intrinsic` pixels taken out in quadrature.
fn summarise(found: [Vec<(f32, f64)>; DIRECTIONS], intrinsic: f64) -> Sharpness {
    // The most contrasty quarter of each direction's edges: print, not texture. Chosen per
    // direction, and by contrast rather than gradient, because blur weakens the gradients of
    // the edges it blurs.
    let sigmas: [Vec<f64>; DIRECTIONS] = found.map(|mut edges| {
        let keep = edges.len().div_ceil(4);
        if keep > 0 && keep < edges.len() {
            edges.select_nth_unstable_by(keep - 1, |p, q| q.0.total_cmp(&p.0));
        }
        edges.truncate(keep);
        edges.into_iter().map(|(_, sigma)| sigma).collect()
    });
    let edges = sigmas.iter().map(Vec::len).sum();
    let by_direction = sigmas.map(|mut s| {
        if s.len() < MIN_EDGES {
            return None;
        }
        let median = super::quantile(&mut s, 0.5, f64::total_cmp)?;
        Some((median * median - intrinsic * intrinsic).max(0.0).sqrt())
    });
    let blur_px = by_direction.iter().flatten().cloned().reduce(f64::max);
    Sharpness {
        blur_px,
        by_direction,
        edges,
    }
}

/// Gaussian smoothing by `sigma`, with the kernel and edge handling of
/// `imageproc::filter::gaussian_blur_f32` (radius ⌈2σ⌉, edge pixels repeated) and the same
/// result, but written as whole-row passes the compiler vectorises: the generic filter walks
/// the image a column at a time in its vertical pass, and was a tenth of a 12-megapixel check.
fn gaussian_blur(image: &GreyF32, sigma: f32) -> GreyF32 {
    let radius = (2.0 * sigma).ceil() as usize;
    let mut kernel: Vec<f32> = (0..=2 * radius)
        .map(|i| {
            let d = i as f32 - radius as f32;
            (-d * d / (2.0 * sigma * sigma)).exp()
        })
        .collect();
    let total: f32 = kernel.iter().sum();
    kernel.iter_mut().for_each(|k| *k /= total);
    let (w, h) = (image.width() as usize, image.height() as usize);
    let input = image.as_raw();
    // Horizontal: each row padded by its edge pixels, then a sliding dot product.
    let mut across = vec![0f32; w * h];
    let mut padded = vec![0f32; w + 2 * radius];
    for (row, out) in input.chunks_exact(w).zip(across.chunks_exact_mut(w)) {
        padded[..radius].fill(row[0]);
        padded[radius..radius + w].copy_from_slice(row);
        padded[radius + w..].fill(row[w - 1]);
        for (j, &k) in kernel.iter().enumerate() {
            for (o, &v) in out.iter_mut().zip(&padded[j..j + w]) {
                *o += k * v;
            }
        }
    }
    // Vertical: each output row a weighted sum of whole input rows (clamped at the edges).
    let mut out = vec![0f32; w * h];
    for (y, out_row) in out.chunks_exact_mut(w).enumerate() {
        for (j, &k) in kernel.iter().enumerate() {
            let source = (y + j).saturating_sub(radius).min(h - 1);
            for (o, &v) in out_row
                .iter_mut()
                .zip(&across[source * w..(source + 1) * w])
            {
                *o += k * v;
            }
        }
    }
    GreyF32::from_raw(w as u32, h as u32, out).expect("one value per pixel")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of "print": dark bars of several widths and orientations on pale paper.
    fn print() -> GreyF32 {
        GreyF32::from_fn(600, 400, |x, y| {
            let horizontal = (y / 12) % 3 == 0 && (x / 40) % 2 == 0;
            let vertical = (x / 15) % 3 == 0 && (y / 50) % 2 == 1;
            Luma([if horizontal || vertical { 40.0 } else { 220.0 }])
        })
    }

    #[test]
    fn the_row_wise_gaussian_matches_imageproc() {
        let img = print();
        for sigma in [1.0f32, 3f32.sqrt(), 2.5] {
            let ours = gaussian_blur(&img, sigma);
            let theirs = imageproc::filter::gaussian_blur_f32(&img, sigma);
            let worst = ours
                .as_raw()
                .iter()
                .zip(theirs.as_raw())
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f32::max);
            assert!(worst < 1e-3, "σ {sigma}: {worst}");
        }
    }

    fn all_valid(img: &GreyF32) -> GrayImage {
        GrayImage::from_pixel(img.width(), img.height(), Luma([255]))
    }

    #[test]
    fn blur_grows_with_the_blur_applied() {
        let sharp = print();
        let valid = all_valid(&sharp);
        let measured = |sigma: f32| {
            let img = if sigma > 0.0 {
                imageproc::filter::gaussian_blur_f32(&sharp, sigma)
            } else {
                sharp.clone()
            };
            measure(&img, &valid, intrinsic_blur(1.0))
                .blur_px
                .expect("enough edges")
        };
        let (none, two, four) = (measured(0.0), measured(2.0), measured(4.0));
        assert!(none < 1.0, "{none}");
        assert!((two - 2.0).abs() < 0.6, "{two}");
        assert!(four > 3.0, "{four}");
    }

    #[test]
    fn motion_blurs_one_direction() {
        // Smear along x only: vertical edges (normal at 0°) blur, horizontal ones do not.
        let sharp = print();
        let valid = all_valid(&sharp);
        let smeared = GreyF32::from_fn(600, 400, |x, y| {
            let mut sum = 0.0;
            for k in -5i32..=5 {
                let xx = (x as i32 + k).clamp(0, 599) as u32;
                sum += sharp.get_pixel(xx, y).0[0];
            }
            Luma([sum / 11.0])
        });
        let s = measure(&smeared, &valid, intrinsic_blur(1.0));
        let (across, along) = (s.by_direction[0].unwrap(), s.by_direction[2].unwrap());
        assert!(across > 2.0 && along < 1.0, "{s:?}");
        assert_eq!(s.blur_px, Some(across));
    }

    #[test]
    fn an_enlarged_copy_spreads_its_edges_over_more_of_its_pixels() {
        use crate::vision::rectify::{Detail, TD3_ASPECT, rectify};
        use image::imageops::{FilterType, resize};
        let sharp = super::super::proxy::grey_to_u8(&print());
        // The same page, saved at 40% of the size and enlarged back.
        let small = resize(&sharp, 240, 160, FilterType::Triangle);
        let enlarged = resize(&small, 600, 400, FilterType::CatmullRom);
        let corners = [[0.0, 0.0], [599.0, 0.0], [599.0, 399.0], [0.0, 399.0]];
        let spread = |page: image::GrayImage| {
            let photo = DynamicImage::ImageLuma8(page);
            let document = rectify(&photo, &corners, TD3_ASPECT, Detail::Full).expect("a quad");
            measure_native(&photo, &document).expect("print to measure")
        };
        let (sharp, enlarged) = (spread(sharp), spread(enlarged));
        // Perfect steps spread over most of a pixel once sampled; enlarged 2.5 times, they
        // spread over well more.
        let limit = crate::Thresholds::default().max_native_spread_px;
        assert!(sharp < limit, "{sharp}");
        assert!(
            enlarged > limit && enlarged > 1.5 * sharp,
            "{enlarged} vs {sharp}"
        );
    }

    #[test]
    fn direction_bins_match_the_angle() {
        for degrees in (0..360).map(|d| d as f32 + 0.3) {
            let (gy, gx) = degrees.to_radians().sin_cos();
            let angle = gy.atan2(gx).rem_euclid(std::f32::consts::PI);
            let expected = ((angle / std::f32::consts::FRAC_PI_4).round() as usize) % DIRECTIONS;
            assert_eq!(direction_bin(gx, gy), expected, "{degrees}°");
        }
    }

    #[test]
    fn a_blank_page_cannot_be_judged() {
        let blank = GreyF32::from_pixel(300, 200, Luma([200.0]));
        assert_eq!(measure(&blank, &all_valid(&blank), 0.0).blur_px, None);
    }
}
