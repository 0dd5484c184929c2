//! Something over the document: a finger holding it, a coin, a fold of a sleeve.
//!
//! What covers a document reaches in from beyond its edge (a thumb holding the card) and
//! looks like nothing printed: a smooth patch whose colour is far from the paper's. Printed
//! areas can be large, smooth and coloured too, and reach the document's edge (a coloured band,
//! a rosette), but they stop there; an object carries on over the edge. So a patch counts when
//! it touches the document's edge, goes well into it, and the photo just outside the edge,
//! alongside it, has the patch's colour.
//!
//! Colour here is chromaticity — each channel's share of the brightness — so that a shadow or
//! uneven light over the paper, which dims all channels alike, is not taken for an object, and
//! neither is glare, which is brighter than the paper and no more coloured.

use image::{GrayImage, Luma, RgbImage};

use super::blobs::Blobs;
use super::proxy::GreyF32;

/// How far from the paper's chromaticity (percentage points of the channels' shares) a pixel
/// must be to be foreign.
const FOREIGN_DISTANCE: f32 = 4.0;

/// Pixels darker than this (mean of the channels) carry no reliable colour.
const DARKEST: f32 = 40.0;

/// The most texture (mean gradient over a small window, grey levels per pixel) a foreign
/// patch may have: skin and cloth are smooth at this scale, print is not.
const SMOOTH: f32 = 7.0;

/// A patch must reach this close to the document's edge (share of its size) to be reaching
/// in from outside.
const EDGE_BAND: f64 = 0.015;

/// How far into the document a patch must reach from the edge it touches (share of the
/// document's size across that edge), and the most of that edge's length it may run along.
const MIN_REACH: f64 = 0.06;
const MAX_ALONG: f64 = 0.6;

/// How far beyond the document's edge its surroundings are sampled (share of its size).
const BEYOND: f64 = 0.03;

/// The smallest patch that counts, as a share of the document.
const MIN_PATCH: f64 = 0.004;

/// What covers the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Occlusion {
    /// Share of the document covered.
    pub fraction: f64,
    /// Bounding boxes of the covering patches, as fractions of the document.
    pub boxes: Vec<[f64; 4]>,
}

/// Find patches over the rectified document (`rgb`, its luma `grey`, `valid` marking pixels
/// inside the photo). `outside` gives the photo's colour at a point given as fractions of the
/// rectified document (beyond 0–1 when outside it), or `None` beyond the photo. `None` when
/// too little of the document is visible to tell its paper.
pub fn measure(
    rgb: &RgbImage,
    grey: &GreyF32,
    valid: &GrayImage,
    outside: &dyn Fn([f64; 2]) -> Option<[u8; 3]>,
) -> Option<Occlusion> {
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    let ok = valid.as_raw();
    let values = grey.as_raw();
    // The paper's colour: the median of the brighter half of the document.
    let mut lumas: Vec<f32> = (0..w * h)
        .filter(|&i| ok[i] > 0)
        .map(|i| values[i])
        .collect();
    if lumas.len() < 1000 {
        return None;
    }
    let bright = super::quantile(&mut lumas, 0.5, f32::total_cmp).unwrap_or(0.0);
    let mut channels: [Vec<u8>; 3] = Default::default();
    for (i, p) in rgb.as_raw().chunks_exact(3).enumerate() {
        if ok[i] > 0 && values[i] >= bright {
            for c in 0..3 {
                channels[c].push(p[c]);
            }
        }
    }
    let paper =
        chromaticity(&channels.map(|mut c| super::quantile(&mut c, 0.5, u8::cmp).unwrap_or(0)));
    // Texture: gradient magnitude averaged over a 7 × 7 window.
    let mut gradient = GrayImage::new(w as u32, h as u32);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let i = y * w + x;
            let gx = values[i + 1] - values[i - 1];
            let gy = values[i + w] - values[i - w];
            let m = (gx * gx + gy * gy).sqrt() * 0.5;
            gradient.put_pixel(x as u32, y as u32, Luma([m.min(255.0) as u8]));
        }
    }
    let texture = imageproc::filter::box_filter(&gradient, 3, 3);
    let mut mask = GrayImage::new(w as u32, h as u32);
    for (i, p) in rgb.as_raw().chunks_exact(3).enumerate() {
        if ok[i] == 0 {
            continue;
        }
        if (p.iter().map(|&c| f32::from(c)).sum::<f32>() / 3.0) < DARKEST {
            continue;
        }
        let colour = chromaticity(&[p[0], p[1], p[2]]);
        let distance = (0..3)
            .map(|c| (colour[c] - paper[c]).powi(2))
            .sum::<f32>()
            .sqrt();
        let (x, y) = ((i % w) as u32, (i / w) as u32);
        if distance >= FOREIGN_DISTANCE && f32::from(texture.get_pixel(x, y).0[0]) <= SMOOTH {
            mask.put_pixel(x, y, Luma([255]));
        }
    }
    let blobs = Blobs::of(&mask);
    let mut colour_sum = vec![[0u64; 3]; blobs.areas.len()];
    for (x, y, label) in blobs.labels.enumerate_pixels() {
        if label.0[0] > 0 {
            let p = rgb.get_pixel(x, y).0;
            for (sum, c) in colour_sum[label.0[0] as usize - 1].iter_mut().zip(p) {
                *sum += u64::from(c);
            }
        }
    }
    let (band_x, band_y) = (
        (EDGE_BAND * w as f64).ceil() as usize,
        (EDGE_BAND * h as f64).ceil() as usize,
    );
    let valid_area = ok.iter().filter(|&&v| v > 0).count();
    let mut covered = 0;
    let mut boxes = Vec::new();
    for ((a, b), sum) in blobs.areas.iter().zip(&blobs.bounds).zip(&colour_sum) {
        // Reaching in from an edge: touching it, and going well into the document — not a
        // sliver of background along an edge that the outline did not quite follow, which
        // runs along most of that edge.
        let edges = [
            (b[0] <= band_x, b[2], w, b[3] - b[1], h),
            (b[2] + band_x >= w, w - b[0], w, b[3] - b[1], h),
            (b[1] <= band_y, b[3], h, b[2] - b[0], w),
            (b[3] + band_y >= h, h - b[1], h, b[2] - b[0], w),
        ];
        let touched = || edges.iter().filter(|e| e.0);
        let sliver =
            touched().any(|&(_, _, _, along, length)| along as f64 > MAX_ALONG * length as f64);
        let deep = touched().any(|&(_, depth, size, _, _)| depth as f64 >= MIN_REACH * size as f64);
        let reaches_in = !sliver && deep;
        if !reaches_in || (*a as f64) < MIN_PATCH * valid_area as f64 {
            continue;
        }
        let colour = chromaticity(&sum.map(|c| (c / (*a).max(1) as u64) as u8));
        let frac = |x: usize, size: usize| x as f64 / size as f64;
        // Points just outside each touched edge, alongside the patch.
        let mut beyond: Vec<[f64; 2]> = Vec::new();
        for k in 0..8 {
            let t = (k as f64 + 0.5) / 8.0;
            let (xa, ya) = (
                frac(b[0], w) + t * frac(b[2] - b[0], w),
                frac(b[1], h) + t * frac(b[3] - b[1], h),
            );
            let out = BEYOND;
            if edges[0].0 {
                beyond.push([-out, ya]);
            }
            if edges[1].0 {
                beyond.push([1.0 + out, ya]);
            }
            if edges[2].0 {
                beyond.push([xa, -out]);
            }
            if edges[3].0 {
                beyond.push([xa, 1.0 + out]);
            }
        }
        let seen: Vec<[u8; 3]> = beyond.iter().filter_map(|&p| outside(p)).collect();
        let alike = seen
            .iter()
            .filter(|p| {
                let c = chromaticity(p);
                (0..3)
                    .map(|i| (c[i] - colour[i]).powi(2))
                    .sum::<f32>()
                    .sqrt()
                    < FOREIGN_DISTANCE
            })
            .count();
        if seen.len() >= 3 && alike * 2 >= seen.len() {
            covered += a;
            boxes.push([
                b[0] as f64 / w as f64,
                b[1] as f64 / h as f64,
                b[2] as f64 / w as f64,
                b[3] as f64 / h as f64,
            ]);
        }
    }
    Some(Occlusion {
        fraction: covered as f64 / valid_area.max(1) as f64,
        boxes,
    })
}

/// Each channel's share of the sum, in percent.
fn chromaticity(p: &[u8; 3]) -> [f32; 3] {
    let sum = p.iter().map(|&c| f32::from(c)).sum::<f32>().max(1.0);
    p.map(|c| f32::from(c) / sum * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// Tinted paper with rows of print and a portrait inside the margin; optionally a
    /// skin-coloured "thumb" reaching in from the bottom edge.
    fn card(thumb: bool) -> RgbImage {
        RgbImage::from_fn(500, 315, |x, y| {
            if thumb && (200..260).contains(&x) && y > 240 {
                return Rgb([205, 150, 115]);
            }
            if (20..160).contains(&x) && (60..260).contains(&y) {
                return Rgb([110, 80, 70]); // the portrait: large, smooth, but inside
            }
            if y % 18 < 3 && x % 7 < 4 && x > 180 {
                return Rgb([30, 30, 40]);
            }
            Rgb([226, 236, 230])
        })
    }

    /// The table around the card, with the thumb carrying on beyond the bottom edge when
    /// `thumb`.
    fn measure_card(thumb: bool, thumb_outside: bool) -> Occlusion {
        let rgb = card(thumb);
        let grey = super::super::proxy::grey_of(&rgb);
        let valid = GrayImage::from_pixel(500, 315, Luma([255]));
        let outside = |p: [f64; 2]| -> Option<[u8; 3]> {
            if thumb_outside && p[1] > 1.0 && (0.4..0.52).contains(&p[0]) {
                Some([205, 150, 115])
            } else {
                Some([70, 80, 95])
            }
        };
        measure(&rgb, &grey, &valid, &outside).unwrap()
    }

    #[test]
    fn a_thumb_over_the_edge_is_found() {
        let o = measure_card(true, true);
        assert!(o.fraction > 0.02, "{o:?}");
        assert_eq!(o.boxes.len(), 1, "{o:?}");
    }

    #[test]
    fn print_and_a_portrait_are_not_occlusion() {
        let o = measure_card(false, false);
        assert_eq!(o.fraction, 0.0, "{o:?}");
    }

    #[test]
    fn a_coloured_area_printed_to_the_edge_is_not_occlusion() {
        // The same patch, but the table shows beyond the edge: it is print, not an object.
        let o = measure_card(true, false);
        assert_eq!(o.fraction, 0.0, "{o:?}");
    }
}
