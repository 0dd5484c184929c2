//! Specular highlights on the document: glare from a lamp or a window on the laminate.
//!
//! Glare is the light source's own reflection, added on top of the print: it blows the
//! camera's pixels out to white and washes the print under it away. White paper is not glare:
//! a blown-out patch only counts when the paper around it is clearly darker than white. A document
//! that is white all over (or a photo blown out all over, which the exposure check reports)
//! cannot be judged for glare, and says so. Blobs too small to matter (a speck of JPEG noise)
//! are dropped.
//!
//! Regula's rule counts the share of the document covered, ignoring a 5% margin along its
//! edges (where the background and the card's rounded corners are); whether any highlight
//! touches the machine-readable zone or the portrait is decided by the check with the zones
//! the layout found.

use image::{GrayImage, Luma, RgbImage};

use super::blobs::Blobs;

/// Share of the document's edges left out of the coverage (Regula).
pub const MARGIN: f64 = 0.05;

/// Smallest highlight that counts, as a share of the document.
const MIN_BLOB: f64 = 0.0001;

/// A pixel is blown out when its luma reaches this and its weakest channel is near the top
/// too (white, not a saturated colour).
const BLOWN_LUMA: f32 = 250.0;
const BLOWN_CHANNEL: u8 = 244;

/// Radius of the opening that removes scattered clipped specks, in pixels.
const OPENING: u8 = 2;

/// The paper around a highlight must be at most this bright (luma) for the highlight to stand
/// out from it.
const SURROUND_BELOW: f32 = 242.0;

/// Print right beside a reflection is washed out to at least this luma; print beside a white
/// printed area stays darker.
const FADED_PRINT: f32 = 45.0;

/// A channel value that only a clipped sensor gives, and the share of a highlight's pixels
/// that must reach it in every channel.
const SATURATED: u8 = 254;
const SATURATED_SHARE: f64 = 0.05;

/// How far beside a highlight (rectified pixels) its print is looked at.
const BESIDE: usize = 5;

/// Paper brighter than this is too close to white for glare to be told from it.
pub const WHITE_PAPER: f64 = 246.0;

/// The document's highlights.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlights {
    /// Share of the document (less its margin) covered by highlights.
    pub fraction: f64,
    /// Highlight pixels (255) over the rectified document, blobs too small to matter removed.
    pub mask: GrayImage,
    /// Bounding boxes of the highlights as fractions of the document: `[left, top, right,
    /// bottom]`.
    pub boxes: Vec<[f64; 4]>,
}

impl Highlights {
    /// Whether any highlight pixel lies in `zone` (fractions of the document).
    pub fn touches(&self, zone: [f64; 4]) -> bool {
        let (w, h) = (f64::from(self.mask.width()), f64::from(self.mask.height()));
        let x0 = (zone[0] * w).floor().max(0.0) as u32;
        let x1 = ((zone[2] * w).ceil() as u32).min(self.mask.width());
        let y0 = (zone[1] * h).floor().max(0.0) as u32;
        let y1 = ((zone[3] * h).ceil() as u32).min(self.mask.height());
        (y0..y1).any(|y| (x0..x1).any(|x| self.mask.get_pixel(x, y).0[0] > 0))
    }
}

/// Find the blown-out highlights of a rectified document (`rgb`, with `valid` marking the
/// pixels inside the photo) whose paper is at `paper` (luma). `None` when the paper is too
/// white for glare to be told from it.
pub fn measure(rgb: &RgbImage, valid: &GrayImage, paper: f64) -> Option<Highlights> {
    if paper > WHITE_PAPER {
        return None;
    }
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    let ok = valid.as_raw();
    let mut clipped = GrayImage::new(w as u32, h as u32);
    for (i, p) in rgb.as_raw().chunks_exact(3).enumerate() {
        if ok[i] == 0 {
            continue;
        }
        let luma = super::proxy::luma(f32::from(p[0]), f32::from(p[1]), f32::from(p[2]));
        if luma >= BLOWN_LUMA && p.iter().all(|&c| c >= BLOWN_CHANNEL) {
            clipped.put_pixel((i % w) as u32, (i / w) as u32, Luma([255]));
        }
    }
    // Glare is a solid patch: the print under it is washed out. Paper that merely touches the
    // clipping point (a bright photocopy, grainy white card) clips in scattered specks, which
    // an opening removes.
    let mut mask =
        imageproc::morphology::open(&clipped, imageproc::distance_transform::Norm::LInf, OPENING);
    // Drop specks; measure the rest.
    let blobs = Blobs::of(&mask);
    let (labels, areas, bounds) = (&blobs.labels, &blobs.areas, &blobs.bounds);
    let smallest = (MIN_BLOB * (w * h) as f64).ceil() as usize;
    // A highlight stands above the paper around it: the paper in a ring beyond the blob (past
    // the soft edge of a reflection) must be clearly below white.
    let luma_at = |x: usize, y: usize| {
        let p = &rgb.as_raw()[(y * w + x) * 3..(y * w + x) * 3 + 3];
        super::proxy::luma(f32::from(p[0]), f32::from(p[1]), f32::from(p[2]))
    };
    let stands_out: Vec<bool> = bounds
        .iter()
        .zip(areas)
        .enumerate()
        .map(|(index, (b, &area))| {
            if area < smallest {
                return false;
            }
            // A reflection washes out the print beside its white core too; a white area
            // printed on the document keeps black print right up to its edge (the MRZ's
            // characters on a white band).
            let label = index as u32 + 1;
            let mut beside: Vec<f32> = Vec::new();
            let reach = BESIDE;
            let (x0, y0) = (b[0].saturating_sub(reach), b[1].saturating_sub(reach));
            let (x1, y1) = ((b[2] + reach).min(w), (b[3] + reach).min(h));
            for y in y0..y1 {
                for x in x0..x1 {
                    if blobs.at(x, y) == label || ok[y * w + x] == 0 {
                        continue;
                    }
                    let near_blob = (y.saturating_sub(reach)..(y + reach + 1).min(h)).any(|yy| {
                        (x.saturating_sub(reach)..(x + reach + 1).min(w))
                            .any(|xx| blobs.at(xx, yy) == label)
                    });
                    if near_blob {
                        beside.push(luma_at(x, y));
                    }
                }
            }
            beside.sort_by(f32::total_cmp);
            // A reflection clips the camera's sensor: some of its core is pure white in every
            // channel. Bright white paper in a scan, even when it passes the blown-out test,
            // is not.
            let saturated = (b[1]..b[3])
                .flat_map(|y| (b[0]..b[2]).map(move |x| (x, y)))
                .filter(|&(x, y)| blobs.at(x, y) == label)
                .filter(|&(x, y)| {
                    rgb.as_raw()[(y * w + x) * 3..(y * w + x) * 3 + 3]
                        .iter()
                        .all(|&c| c >= SATURATED)
                })
                .count();
            if (saturated as f64) < SATURATED_SHARE * area as f64 {
                return false;
            }
            if beside
                .get(beside.len() / 10)
                .is_some_and(|&dark| dark < FADED_PRINT)
            {
                return false;
            }
            let grow = |k: f64| {
                let (bw, bh) = ((b[2] - b[0]) as f64, (b[3] - b[1]) as f64);
                let pad = (k * bw.max(bh)).max(3.0);
                [
                    (b[0] as f64 - pad).max(0.0) as usize,
                    (b[1] as f64 - pad).max(0.0) as usize,
                    ((b[2] as f64 + pad) as usize).min(w),
                    ((b[3] as f64 + pad) as usize).min(h),
                ]
            };
            let (inner, outer) = (grow(0.25), grow(0.75));
            let mut ring: Vec<f32> = Vec::new();
            for y in outer[1]..outer[3] {
                for x in outer[0]..outer[2] {
                    let in_inner =
                        (inner[0]..inner[2]).contains(&x) && (inner[1]..inner[3]).contains(&y);
                    if !in_inner
                        && ok[y * w + x] > 0
                        && clipped.get_pixel(x as u32, y as u32).0[0] == 0
                    {
                        ring.push(luma_at(x, y));
                    }
                }
            }
            if ring.len() < 8 {
                return false;
            }
            ring.sort_by(f32::total_cmp);
            // The paper around, not the print: a high percentile.
            let paper_around = ring[ring.len() * 3 / 4];
            paper_around <= SURROUND_BELOW
        })
        .collect();
    let (mx0, mx1) = (
        (MARGIN * w as f64) as usize,
        ((1.0 - MARGIN) * w as f64) as usize,
    );
    let (my0, my1) = (
        (MARGIN * h as f64) as usize,
        ((1.0 - MARGIN) * h as f64) as usize,
    );
    let (mut covered, mut counted) = (0usize, 0usize);
    for (x, y, label) in labels.enumerate_pixels() {
        let (xu, yu) = (x as usize, y as usize);
        let l = label.0[0] as usize;
        let keep = l > 0 && stands_out[l - 1];
        if !keep {
            mask.put_pixel(x, y, Luma([0]));
        }
        if (mx0..mx1).contains(&xu) && (my0..my1).contains(&yu) && ok[yu * w + xu] > 0 {
            counted += 1;
            covered += usize::from(keep);
        }
    }
    let boxes = stands_out
        .iter()
        .zip(bounds)
        .filter(|(keep, _)| **keep)
        .map(|(_, b)| {
            [
                b[0] as f64 / w as f64,
                b[1] as f64 / h as f64,
                b[2] as f64 / w as f64,
                b[3] as f64 / h as f64,
            ]
        })
        .collect();
    Some(Highlights {
        fraction: covered as f64 / counted.max(1) as f64,
        mask,
        boxes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// Tinted paper with rows of print, and optionally a glare spot that blows paper and print
    /// out to white at its middle.
    fn page(glare: bool) -> RgbImage {
        RgbImage::from_fn(400, 280, |x, y| {
            let printed = y % 20 < 4 && x % 9 < 5;
            let base = if printed {
                [40.0, 40.0, 50.0]
            } else {
                [226.0, 236.0, 230.0]
            };
            let light = if glare {
                let d2 = ((x as f32 - 120.0).powi(2) + (y as f32 - 100.0).powi(2)) / 900.0;
                400.0 * (-d2).exp()
            } else {
                0.0
            };
            Rgb(base.map(|c: f32| (c + light).min(255.0) as u8))
        })
    }

    fn valid() -> GrayImage {
        GrayImage::from_pixel(400, 280, Luma([255]))
    }

    #[test]
    fn a_glare_spot_is_found_where_it_is() {
        let h = measure(&page(true), &valid(), 230.0).unwrap();
        assert!(h.fraction > 0.01, "{}", h.fraction);
        assert!(h.touches([0.25, 0.3, 0.35, 0.42]));
        assert!(!h.touches([0.8, 0.1, 0.95, 0.2]));
        // The spot's centre (0.3, 0.36) is inside one of the boxes reported.
        assert!(
            h.boxes
                .iter()
                .any(|b| b[0] < 0.3 && b[2] > 0.3 && b[1] < 0.36 && b[3] > 0.36),
            "{:?}",
            h.boxes
        );
    }

    #[test]
    fn print_and_paper_are_not_glare() {
        let h = measure(&page(false), &valid(), 230.0).unwrap();
        assert_eq!(h.fraction, 0.0);
        assert!(h.boxes.is_empty());
    }

    #[test]
    fn white_paper_cannot_be_judged() {
        let white = RgbImage::from_pixel(100, 70, Rgb([254, 254, 254]));
        let valid = GrayImage::from_pixel(100, 70, Luma([255]));
        assert_eq!(measure(&white, &valid, 254.0), None);
    }
}
