//! The document seen straight on: its outline mapped to an upright rectangle of a fixed size.
//!
//! Sharpness, glare, light and colour are judged on the document, not the frame, and at one
//! scale whatever the photo's size: a blur of 2 pixels means one thing on a card 1000 pixels
//! wide and another on a card 3000 wide. Two rectangles are made, both with the proportions of
//! the standard document the outline is closest to:
//!
//! - a *fine* grey one, [`RECTIFIED_LONG_SIDE`] pixels along the long side, for sharpness;
//! - a *coarse* colour one at half that size, for layout, light, colour, glare and occlusion,
//!   which need no fine detail.
//!
//! Pixels come from the full-resolution photo: the document's bounding box is first
//! area-averaged to about the fine rectangle's resolution (so the bilinear step that follows
//! neither aliases fine print nor blurs it), then mapped through the outline's homography.
//! Parts of the rectangles that fall outside the photo (a cut-off corner) are marked invalid in
//! masks, and every measurement ignores them.

use image::{DynamicImage, GrayImage, RgbImage};

use super::geometry::{Homography, Quad, side_pairs};
use super::proxy::{GreyF32, area_average_region, grey_of};
use crate::report::Point;

/// Length of the fine rectified document's long side in pixels.
pub const RECTIFIED_LONG_SIDE: u32 = 1000;

/// Proportions (long side over short side) of the standard documents.
pub const ID1_ASPECT: f64 = 85.6 / 54.0;
/// TD2 cards (105 × 74 mm) and TD3 passport pages (125 × 88 mm) share their proportions.
pub const TD3_ASPECT: f64 = 125.0 / 88.0;

/// A document mapped to upright rectangles.
pub struct Rectified {
    /// Grey, [`RECTIFIED_LONG_SIDE`] wide, for sharpness; `None` when only the coarse
    /// rectangle was asked for ([`Detail::Coarse`]).
    pub fine: Option<Fine>,
    /// Colour, half as wide as the fine rectangle.
    pub rgb: RgbImage,
    /// Luma of `rgb`, unrounded.
    pub grey: GreyF32,
    /// 255 where a pixel of `rgb` comes from inside the photo.
    pub valid: GrayImage,
    /// The outline's corners in the order mapped to the rectangles' top-left, top-right,
    /// bottom-right and bottom-left.
    pub corners: Quad,
    /// Full-image pixels per pixel of the fine rectangle (mean of both directions).
    pub scale: f64,
    /// The fine rectangle's size, made or not.
    fine_size: (u32, u32),
    /// From fine-rectangle pixels to full-image pixels.
    projection: Homography,
}

/// The fine grey rectangle.
pub struct Fine {
    pub grey: GreyF32,
    /// 255 where a pixel of `grey` comes from inside the photo, 0 where it was cut off.
    pub valid: GrayImage,
}

/// Which rectangles to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Both: for judging the document.
    Full,
    /// Only the coarse one: enough to read the layout, at half the cost (used to test whether
    /// a whole photo reads as a document before committing to it).
    Coarse,
}

impl Rectified {
    /// Size of the coarse (colour) rectangle.
    pub fn width(&self) -> u32 {
        self.rgb.width()
    }

    pub fn height(&self) -> u32 {
        self.rgb.height()
    }

    /// Where a point given as fractions of the document's width and height lies in the photo.
    pub fn to_image(&self, fraction: Point) -> Point {
        self.projection.apply([
            fraction[0] * f64::from(self.fine_size.0),
            fraction[1] * f64::from(self.fine_size.1),
        ])
    }

    /// The share of the document that lies inside the photo.
    pub fn valid_fraction(&self) -> f64 {
        let n = self.valid.as_raw().iter().filter(|&&v| v > 0).count();
        n as f64 / f64::from(self.width() * self.height()).max(1.0)
    }
}

/// The standard proportions closest to `aspect` (≥ 1).
pub fn standard_aspect(aspect: f64) -> f64 {
    let midpoint = (ID1_ASPECT * TD3_ASPECT).sqrt();
    if aspect >= midpoint {
        ID1_ASPECT
    } else {
        TD3_ASPECT
    }
}

/// Map the document outlined by `corners` (full-image pixels, clockwise) to upright
/// rectangles with the given proportions, long side horizontal. `None` when the outline is
/// degenerate.
pub fn rectify(
    image: &DynamicImage,
    corners: &Quad,
    aspect: f64,
    detail: Detail,
) -> Option<Rectified> {
    // Start at a corner whose first side is a long side, so the rectangles come out landscape.
    let (first, second) = side_pairs(corners);
    let corners = if first >= second {
        *corners
    } else {
        [corners[1], corners[2], corners[3], corners[0]]
    };
    let (long, short) = (first.max(second), first.min(second));
    let width = RECTIFIED_LONG_SIDE;
    let height = ((f64::from(width) / aspect).round() as u32).max(2);
    let scale = (long / f64::from(width) + short / f64::from(height)) / 2.0;
    let projection = Homography::from_points(
        &[
            [0.0, 0.0],
            [f64::from(width), 0.0],
            [f64::from(width), f64::from(height)],
            [0.0, f64::from(height)],
        ],
        &corners,
    )?;

    // The document's bounding box inside the photo, area-averaged to about the fine
    // rectangle's resolution (never enlarged).
    let (level, mapping) = level_of(image, &corners, scale, projection)?;
    let fine = match detail {
        Detail::Full => {
            let (raw, valid) = warp::<1>(luma_u8(&level).as_raw(), &mapping, (width, height), 1.0);
            let grey = GreyF32::from_raw(width, height, raw.into_iter().map(f32::from).collect())?;
            Some(Fine { grey, valid })
        }
        Detail::Coarse => None,
    };
    let (coarse_w, coarse_h) = (width / 2, height / 2);
    let (rgb_raw, valid) = warp::<3>(level.as_raw(), &mapping, (coarse_w, coarse_h), 2.0);
    let rgb = RgbImage::from_raw(coarse_w, coarse_h, rgb_raw)?;
    let grey = grey_of(&rgb);
    Some(Rectified {
        fine,
        fine_size: (width, height),
        rgb,
        grey,
        valid,
        corners,
        scale,
        projection,
    })
}

/// The region of `image` inside `quad` (full-image pixels; its corners go to the output's
/// top-left, top-right, bottom-right and bottom-left), straightened to a grey image of
/// `size`, sampled the same way as the document (area-averaged to about the output's
/// resolution, then bilinear). Parts outside the photo come out black. `None` when degenerate.
pub fn straighten_grey(image: &DynamicImage, quad: &Quad, size: (u32, u32)) -> Option<GrayImage> {
    let (w, h) = (f64::from(size.0.max(2)), f64::from(size.1.max(2)));
    let projection = Homography::from_points(&[[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]], quad)?;
    let (first, second) = side_pairs(quad);
    let shrink = (first / w).max(second / h);
    let (level, mapping) = level_of(image, quad, shrink, projection)?;
    let level = luma_u8(&level);
    let (raw, _) = warp::<1>(level.as_raw(), &mapping, (w as u32, h as u32), 1.0);
    GrayImage::from_raw(w as u32, h as u32, raw)
}

/// The bounding box of `corners` inside the photo, area-averaged by `shrink` photo pixels per
/// level pixel (never enlarged), and how output pixels map into it through `projection`.
fn level_of(
    image: &DynamicImage,
    corners: &Quad,
    shrink: f64,
    projection: Homography,
) -> Option<(RgbImage, LevelMapping)> {
    let (iw, ih) = (image.width(), image.height());
    let bound = |values: [f64; 4], limit: u32| -> (u32, u32) {
        let low = values.iter().cloned().fold(f64::MAX, f64::min).floor() - 2.0;
        let high = values.iter().cloned().fold(f64::MIN, f64::max).ceil() + 2.0;
        let clamp = |v: f64| v.clamp(0.0, f64::from(limit)) as u32;
        (clamp(low), clamp(high))
    };
    let (x0, x1) = bound(corners.map(|p| p[0]), iw);
    let (y0, y1) = bound(corners.map(|p| p[1]), ih);
    if x1 <= x0 + 1 || y1 <= y0 + 1 {
        return None;
    }
    let shrink = shrink.max(1.0);
    let level_size = (
        ((f64::from(x1 - x0) / shrink).round() as u32).max(2),
        ((f64::from(y1 - y0) / shrink).round() as u32).max(2),
    );
    let level = area_average_region(image, (x0, y0, x1 - x0, y1 - y0), level_size);
    let mapping = LevelMapping {
        projection,
        origin: [f64::from(x0), f64::from(y0)],
        step: [
            f64::from(x1 - x0) / f64::from(level_size.0),
            f64::from(y1 - y0) / f64::from(level_size.1),
        ],
        image: [f64::from(iw), f64::from(ih)],
        level: level_size,
    };
    Some((level, mapping))
}

/// Rec. 601 luma in 8-bit integer arithmetic.
fn luma_u8(rgb: &RgbImage) -> GrayImage {
    let data = rgb
        .as_raw()
        .chunks_exact(3)
        .map(|p| {
            ((77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]) + 128) >> 8) as u8
        })
        .collect();
    GrayImage::from_raw(rgb.width(), rgb.height(), data).expect("one value per pixel")
}

/// How rectangle pixels map into the area-averaged level image.
struct LevelMapping {
    /// Fine-rectangle pixels to full-image pixels.
    projection: Homography,
    /// Full-image position of the level's top-left corner.
    origin: Point,
    /// Full-image pixels per level pixel.
    step: Point,
    /// Full-image size.
    image: Point,
    level: (u32, u32),
}

/// Sample a `C`-channel level image at every pixel of a `size` rectangle whose pixels are
/// `factor` fine pixels wide, bilinearly. Returns the pixels and the validity mask.
///
/// The projection is evaluated exactly every [`SPAN`] pixels along a row and interpolated
/// linearly in between (the error is a tiny fraction of a pixel for any outline a photo of a
/// document gives), and the sampling runs in fixed point with 16 fractional bits: this loop
/// touches every rectified pixel, and a division and float conversions per pixel would make it
/// the slowest step of the whole check.
fn warp<const C: usize>(
    raw: &[u8],
    mapping: &LevelMapping,
    (width, height): (u32, u32),
    factor: f64,
) -> (Vec<u8>, GrayImage) {
    const SPAN: usize = 16;
    const ONE: f64 = 65536.0;
    let m = mapping.projection.m;
    // Compose: fine = factor·(u + ½); image = H·fine; level = (image − origin)/step − ½.
    let (sx, sy) = (mapping.step[0], mapping.step[1]);
    let to_level = |u: f64, v: f64| -> (f64, f64) {
        let (fu, fv) = ((u + 0.5) * factor, (v + 0.5) * factor);
        let w = m[6] * fu + m[7] * fv + m[8];
        let x = (m[0] * fu + m[1] * fv + m[2]) / w;
        let y = (m[3] * fu + m[4] * fv + m[5]) / w;
        (
            (x - mapping.origin[0]) / sx - 0.5,
            (y - mapping.origin[1]) / sy - 0.5,
        )
    };
    let (lw, lh) = (mapping.level.0 as usize, mapping.level.1 as usize);
    // The photo's extent, in fixed-point level coordinates: outside it a pixel is invalid.
    let x_low = ((-mapping.origin[0] / sx - 0.5) * ONE) as i64;
    let x_high = (((mapping.image[0] - mapping.origin[0]) / sx - 0.5) * ONE) as i64;
    let y_low = ((-mapping.origin[1] / sy - 0.5) * ONE) as i64;
    let y_high = (((mapping.image[1] - mapping.origin[1]) / sy - 0.5) * ONE) as i64;
    let (max_x, max_y) = (((lw - 1) as i64) << 16, ((lh - 1) as i64) << 16);
    let (width, height) = (width as usize, height as usize);
    let mut out = vec![0u8; width * height * C];
    let mut valid = GrayImage::new(width as u32, height as u32);
    let mask: &mut [u8] = valid.as_mut();
    for v in 0..height {
        let mut u0 = 0;
        while u0 < width {
            let u1 = (u0 + SPAN).min(width);
            let (ax, ay) = to_level(u0 as f64, v as f64);
            let (bx, by) = to_level(u1 as f64, v as f64);
            let n = (u1 - u0) as f64;
            let (mut x, mut y) = ((ax * ONE) as i64, (ay * ONE) as i64);
            let (dx, dy) = (((bx - ax) / n * ONE) as i64, ((by - ay) / n * ONE) as i64);
            for u in u0..u1 {
                if x >= x_low && x < x_high && y >= y_low && y < y_high {
                    let (cx, cy) = (x.clamp(0, max_x), y.clamp(0, max_y));
                    let (ix, iy) = ((cx >> 16) as usize, (cy >> 16) as usize);
                    // Weights in 8 bits.
                    let tx = ((cx >> 8) & 0xFF) as u32;
                    let ty = ((cy >> 8) & 0xFF) as u32;
                    let (ix1, iy1) = ((ix + 1).min(lw - 1), (iy + 1).min(lh - 1));
                    let (a, b) = ((iy * lw + ix) * C, (iy * lw + ix1) * C);
                    let (c, d) = ((iy1 * lw + ix) * C, (iy1 * lw + ix1) * C);
                    let i = v * width + u;
                    for ch in 0..C {
                        let top = u32::from(raw[a + ch]) * (256 - tx) + u32::from(raw[b + ch]) * tx;
                        let bottom =
                            u32::from(raw[c + ch]) * (256 - tx) + u32::from(raw[d + ch]) * tx;
                        out[i * C + ch] =
                            ((top * (256 - ty) + bottom * ty + (1 << 15)) >> 16) as u8;
                    }
                    mask[i] = 255;
                }
                x += dx;
                y += dy;
            }
            u0 = u1;
        }
    }
    (out, valid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn a_tilted_card_comes_out_upright_and_the_right_size() {
        // A 2000 × 1500 photo of a card whose left half is red and right half blue, drawn as
        // a parallelogram.
        let corners: Quad = [
            [400.0, 300.0],
            [1600.0, 400.0],
            [1550.0, 1150.0],
            [350.0, 1050.0],
        ];
        let img = RgbImage::from_fn(2000, 1500, |x, y| {
            let p = [f64::from(x) + 0.5, f64::from(y) + 0.5];
            if crate::vision::geometry::contains(&corners, p) {
                // Which half: compare with the line through the middles of top and bottom.
                let top_mid = [1000.0, 350.0];
                let bottom_mid = [950.0, 1100.0];
                let side = (bottom_mid[0] - top_mid[0]) * (p[1] - top_mid[1])
                    - (bottom_mid[1] - top_mid[1]) * (p[0] - top_mid[0]);
                if side > 0.0 {
                    Rgb([200, 30, 30])
                } else {
                    Rgb([30, 30, 200])
                }
            } else {
                Rgb([0, 0, 0])
            }
        });
        let r = rectify(
            &DynamicImage::ImageRgb8(img),
            &corners,
            ID1_ASPECT,
            Detail::Full,
        )
        .unwrap();
        let fine = r.fine.as_ref().unwrap();
        assert_eq!((fine.grey.width(), fine.grey.height()), (1000, 631));
        assert_eq!((r.width(), r.height()), (500, 315));
        assert!(r.valid_fraction() > 0.999);
        assert_eq!(r.rgb.get_pixel(50, 150).0, [200, 30, 30]);
        assert_eq!(r.rgb.get_pixel(450, 150).0, [30, 30, 200]);
        let red_luma = crate::vision::proxy::luma(200.0, 30.0, 30.0);
        assert!((fine.grey.get_pixel(100, 300).0[0] - red_luma).abs() < 1.5);
        // Corners of the rectangle map back onto the photo.
        let p = r.to_image([1.0, 1.0]);
        assert!(
            crate::vision::geometry::distance(p, [1550.0, 1150.0]) < 1e-3,
            "{p:?}"
        );
        assert!((r.scale - 1.2).abs() < 0.05, "{}", r.scale);
    }

    #[test]
    fn a_portrait_outline_is_turned_landscape_and_cut_off_parts_are_invalid() {
        // An upright (portrait) card whose bottom runs off the photo.
        let corners: Quad = [
            [100.0, 100.0],
            [400.0, 100.0],
            [400.0, 600.0],
            [100.0, 600.0],
        ];
        let img = RgbImage::from_pixel(500, 450, Rgb([120, 120, 120]));
        let r = rectify(
            &DynamicImage::ImageRgb8(img),
            &corners,
            ID1_ASPECT,
            Detail::Coarse,
        )
        .unwrap();
        assert!(r.fine.is_none());
        assert!(r.width() > r.height());
        let fraction = r.valid_fraction();
        assert!((fraction - 0.7).abs() < 0.02, "{fraction}");
    }

    #[test]
    fn the_nearest_standard_proportions() {
        assert_eq!(standard_aspect(1.6), ID1_ASPECT);
        assert_eq!(standard_aspect(1.45), TD3_ASPECT);
        assert_eq!(standard_aspect(1.2), TD3_ASPECT);
    }
}
