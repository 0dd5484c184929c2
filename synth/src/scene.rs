//! Placing a flat document into a photograph: background, pose, shadow, light, camera.
//!
//! The document is mapped onto the frame by a homography from its four corners, sampled
//! bilinearly (its alpha channel gives anti-aliased, rounded edges), over a procedural
//! background (wood, fabric, a cluttered desk, smooth noise), under a soft drop shadow and a
//! lighting gradient. Camera noise and JPEG come last, in `lib.rs`.

use image::{GrayImage, Luma, Rgb, RgbImage, RgbaImage, imageops};
use imageproc::geometric_transformations::Projection;
use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// Procedural backgrounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Background {
    Wood,
    Fabric,
    Desk,
    Noise,
}

impl Background {
    pub const ALL: [Background; 4] = [
        Background::Wood,
        Background::Fabric,
        Background::Desk,
        Background::Noise,
    ];
}

/// Smooth value noise in [0, 1], `scale` pixels per cell.
fn value_noise(seed: u64, x: f32, y: f32, scale: f32) -> f32 {
    let hash = |ix: i64, iy: i64| -> f32 {
        let mut h = (ix as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (iy as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ seed;
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 32;
        (h >> 40) as f32 / (1u64 << 24) as f32
    };
    let (fx, fy) = (x / scale, y / scale);
    let (ix, iy) = (fx.floor() as i64, fy.floor() as i64);
    let (tx, ty) = (fx - fx.floor(), fy - fy.floor());
    let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (smooth(tx), smooth(ty));
    let top = hash(ix, iy) * (1.0 - sx) + hash(ix + 1, iy) * sx;
    let bottom = hash(ix, iy + 1) * (1.0 - sx) + hash(ix + 1, iy + 1) * sx;
    top * (1.0 - sy) + bottom * sy
}

/// Paint a background of the given kind. Textures are drawn at most 1200 px wide and scaled
/// up: they are smooth at that scale, and per-pixel noise at 12 megapixels costs a second.
pub fn background(kind: Background, width: u32, height: u32, rng: &mut Rng) -> RgbImage {
    let factor = (1200.0 / width.max(height) as f32).min(1.0);
    let (w, h) = (
        ((width as f32 * factor).round() as u32).max(2),
        ((height as f32 * factor).round() as u32).max(2),
    );
    let small = paint_background(kind, w, h, rng);
    if (w, h) == (width, height) {
        small
    } else {
        upsample(&small, width, height)
    }
}

/// Bilinear upsampling of a smooth field. (`imageops::resize` is a general resampler and
/// several times slower for this one job.)
pub fn upsample<P: image::Pixel<Subpixel = u8>>(
    small: &image::ImageBuffer<P, Vec<u8>>,
    width: u32,
    height: u32,
) -> image::ImageBuffer<P, Vec<u8>> {
    let (sw, sh) = (small.width() as f32, small.height() as f32);
    let (fx, fy) = (sw / width as f32, sh / height as f32);
    let channels = P::CHANNEL_COUNT as usize;
    let src = small.as_raw();
    let stride = small.width() as usize * channels;
    let mut out = image::ImageBuffer::<P, Vec<u8>>::new(width, height);
    let columns: Vec<(usize, usize, f32)> = (0..width)
        .map(|x| {
            let u = ((x as f32 + 0.5) * fx - 0.5).clamp(0.0, sw - 1.0);
            let x0 = u.floor() as usize;
            (x0, (x0 + 1).min(small.width() as usize - 1), u - x0 as f32)
        })
        .collect();
    for (y, row) in out
        .as_mut()
        .chunks_exact_mut(width as usize * channels)
        .enumerate()
    {
        let v = ((y as f32 + 0.5) * fy - 0.5).clamp(0.0, sh - 1.0);
        let y0 = v.floor() as usize;
        let y1 = (y0 + 1).min(small.height() as usize - 1);
        let ty = v - y0 as f32;
        for (x, &(x0, x1, tx)) in columns.iter().enumerate() {
            for c in 0..channels {
                let p = |xx: usize, yy: usize| src[yy * stride + xx * channels + c] as f32;
                let top = p(x0, y0) + (p(x1, y0) - p(x0, y0)) * tx;
                let bottom = p(x0, y1) + (p(x1, y1) - p(x0, y1)) * tx;
                row[x * channels + c] = (top + (bottom - top) * ty) as u8;
            }
        }
    }
    out
}

fn paint_background(kind: Background, width: u32, height: u32, rng: &mut Rng) -> RgbImage {
    let seed = rng.next_u64();
    let unit = width.max(height) as f32 / 1000.0; // keep textures the same at any size
    match kind {
        Background::Wood => {
            let base = [
                rng.range(100.0, 170.0),
                rng.range(65.0, 110.0),
                rng.range(35.0, 70.0),
            ];
            let angle = rng.range(-0.3, 0.3);
            let (s, c) = angle.sin_cos();
            RgbImage::from_fn(width, height, |x, y| {
                let (u, v) = (x as f32 / unit, y as f32 / unit);
                let along = u * c + v * s;
                let across = -u * s + v * c;
                let warp = value_noise(seed, along, across * 4.0, 60.0) * 14.0;
                let grain = ((across * 0.35 + warp).sin() * 0.5 + 0.5) * 0.6
                    + value_noise(seed ^ 1, along * 0.2, across * 6.0, 8.0) * 0.4;
                let k = 0.75 + 0.35 * grain;
                Rgb(base.map(|b| (b * k).min(255.0) as u8))
            })
        }
        Background::Fabric => {
            let base = [
                rng.range(60.0, 200.0),
                rng.range(60.0, 200.0),
                rng.range(60.0, 200.0),
            ];
            let period = rng.range(2.5, 5.0);
            RgbImage::from_fn(width, height, |x, y| {
                let (u, v) = (x as f32 / unit, y as f32 / unit);
                let weave = ((u / period).sin() * (v / period).cos()).abs();
                let fold = value_noise(seed, u, v, 180.0);
                let k = 0.7 + 0.2 * weave + 0.25 * fold;
                Rgb(base.map(|b| (b * k).min(255.0) as u8))
            })
        }
        Background::Desk => {
            let base = [
                rng.range(150.0, 235.0),
                rng.range(150.0, 230.0),
                rng.range(140.0, 225.0),
            ];
            let mut img = RgbImage::from_fn(width, height, |x, y| {
                let k = 0.9 + 0.1 * value_noise(seed, x as f32 / unit, y as f32 / unit, 250.0);
                Rgb(base.map(|b| (b * k) as u8))
            });
            // Clutter: pens, papers, a phone, coins.
            for _ in 0..rng.int(3, 9) {
                let colour = Rgb([
                    rng.int(0, 255) as u8,
                    rng.int(0, 255) as u8,
                    rng.int(0, 255) as u8,
                ]);
                let (cx, cy) = (rng.range(0.0, width as f32), rng.range(0.0, height as f32));
                if rng.chance(0.5) {
                    let (w, h) = (rng.range(20.0, 260.0) * unit, rng.range(8.0, 200.0) * unit);
                    let rect =
                        imageproc::rect::Rect::at((cx - w / 2.0) as i32, (cy - h / 2.0) as i32)
                            .of_size(w.max(1.0) as u32, h.max(1.0) as u32);
                    imageproc::drawing::draw_filled_rect_mut(&mut img, rect, colour);
                } else {
                    let r = (rng.range(8.0, 45.0) * unit) as i32;
                    imageproc::drawing::draw_filled_circle_mut(
                        &mut img,
                        (cx as i32, cy as i32),
                        r,
                        colour,
                    );
                }
            }
            img
        }
        Background::Noise => {
            let a = [
                rng.range(30.0, 220.0),
                rng.range(30.0, 220.0),
                rng.range(30.0, 220.0),
            ];
            let b = [
                rng.range(30.0, 220.0),
                rng.range(30.0, 220.0),
                rng.range(30.0, 220.0),
            ];
            RgbImage::from_fn(width, height, |x, y| {
                let (u, v) = (x as f32 / unit, y as f32 / unit);
                let t =
                    0.6 * value_noise(seed, u, v, 120.0) + 0.4 * value_noise(seed ^ 7, u, v, 25.0);
                Rgb([0, 1, 2].map(|i| (a[i] * (1.0 - t) + b[i] * t) as u8))
            })
        }
    }
}

/// Darken the frame under the document, offset and softened: the document lifts off the table
/// a little, or the light comes from the side.
///
/// The shadow is soft, so it is computed at a quarter of the resolution and upsampled.
pub fn drop_shadow(
    img: &mut RgbImage,
    corners: &[(f32, f32); 4],
    offset: (f32, f32),
    softness: f32,
    strength: f32,
) {
    const SHRINK: f32 = 4.0;
    let (w, h) = (
        (img.width() as f32 / SHRINK).ceil() as u32,
        (img.height() as f32 / SHRINK).ceil() as u32,
    );
    let mut mask = GrayImage::new(w.max(2), h.max(2));
    let poly: Vec<imageproc::point::Point<i32>> = corners
        .iter()
        .map(|&(x, y)| {
            imageproc::point::Point::new(
                ((x + offset.0) / SHRINK) as i32,
                ((y + offset.1) / SHRINK) as i32,
            )
        })
        .collect();
    if poly.windows(2).all(|w| w[0] != w[1]) && poly[0] != poly[3] {
        imageproc::drawing::draw_polygon_mut(&mut mask, &poly, Luma([255]));
    }
    let mask = upsample(
        &imageops::fast_blur(&mask, (softness / SHRINK).max(0.5)),
        img.width(),
        img.height(),
    );
    for (pixel, m) in img.pixels_mut().zip(mask.pixels()) {
        let k = 1.0 - strength * m.0[0] as f32 / 255.0;
        pixel.0 = pixel.0.map(|c| (c as f32 * k) as u8);
    }
}

/// Map the document onto the frame so that its corners land on `corners` (top-left, top-right,
/// bottom-right, bottom-left). Returns `false` if the corners do not form a valid projection.
pub fn place(img: &mut RgbImage, doc: &RgbaImage, corners: &[(f32, f32); 4]) -> bool {
    let (w, h) = (doc.width() as f32, doc.height() as f32);
    let from = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let Some(to_image) = Projection::from_control_points(from, *corners) else {
        return false;
    };
    let to_doc = to_image.invert();
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    let min_x = xs.iter().cloned().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let max_x = xs
        .iter()
        .cloned()
        .fold(f32::MIN, f32::max)
        .ceil()
        .min(img.width() as f32) as u32;
    let min_y = ys.iter().cloned().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let max_y = ys
        .iter()
        .cloned()
        .fold(f32::MIN, f32::max)
        .ceil()
        .min(img.height() as f32) as u32;
    for y in min_y..max_y {
        for x in min_x..max_x {
            let (u, v) = to_doc * (x as f32 + 0.5, y as f32 + 0.5);
            if let Some(sample) = bilinear(doc, u - 0.5, v - 0.5) {
                let a = sample[3] / 255.0;
                if a > 0.0 {
                    let pixel = img.get_pixel_mut(x, y);
                    for (channel, value) in pixel.0.iter_mut().zip(sample) {
                        *channel = (*channel as f32 * (1.0 - a) + value * a) as u8;
                    }
                }
            }
        }
    }
    true
}

/// Bilinear sample with transparent outside, so edges fade over one pixel.
fn bilinear(img: &RgbaImage, x: f32, y: f32) -> Option<[f32; 4]> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x0, y0) = (x.floor() as i64, y.floor() as i64);
    if x0 < -1 || y0 < -1 || x0 >= w || y0 >= h {
        return None;
    }
    let (tx, ty) = (x - x0 as f32, y - y0 as f32);
    let get = |xx: i64, yy: i64| -> [f32; 4] {
        if xx < 0 || yy < 0 || xx >= w || yy >= h {
            [0.0; 4]
        } else {
            img.get_pixel(xx as u32, yy as u32).0.map(f32::from)
        }
    };
    let (a, b, c, d) = (
        get(x0, y0),
        get(x0 + 1, y0),
        get(x0, y0 + 1),
        get(x0 + 1, y0 + 1),
    );
    let mut out = [0.0; 4];
    for i in 0..4 {
        // Premultiply colour by alpha so transparent neighbours do not darken the edge.
        let pa = |p: [f32; 4]| if i == 3 { p[3] } else { p[i] * p[3] / 255.0 };
        let top = pa(a) * (1.0 - tx) + pa(b) * tx;
        let bottom = pa(c) * (1.0 - tx) + pa(d) * tx;
        out[i] = top * (1.0 - ty) + bottom * ty;
    }
    let alpha = out[3];
    if alpha > 0.0 {
        for channel in out.iter_mut().take(3) {
            *channel = *channel * 255.0 / alpha;
        }
    }
    Some(out)
}

/// A linear light gradient across a `width × height` frame: `low` at one side, `high` at the
/// other, along `angle`.
#[derive(Debug, Clone, Copy)]
pub struct LightGradient {
    pub width: f32,
    pub height: f32,
    pub angle: f32,
    pub low: f32,
    pub high: f32,
}

impl LightGradient {
    /// The light's multiplier at a point of the frame.
    pub fn at(&self, x: f32, y: f32) -> f32 {
        let (s, c) = self.angle.sin_cos();
        let half = (self.width * c.abs() + self.height * s.abs()) / 2.0;
        let t = ((x - self.width / 2.0) * c + (y - self.height / 2.0) * s) / half.max(1.0);
        self.low + (self.high - self.low) * (t * 0.5 + 0.5)
    }

    /// Brightest over dimmest light across a quadrilateral (a linear gradient peaks at
    /// corners).
    pub fn ratio_over(&self, corners: &[(f32, f32); 4]) -> f32 {
        let k = corners.map(|(x, y)| self.at(x, y));
        let high = k.iter().cloned().fold(f32::MIN, f32::max);
        let low = k.iter().cloned().fold(f32::MAX, f32::min);
        high / low.max(1e-6)
    }

    /// Multiply the image by the light.
    pub fn apply(&self, img: &mut RgbImage) {
        for (x, y, pixel) in img.enumerate_pixels_mut() {
            let k = self.at(x as f32, y as f32);
            pixel.0 = pixel.0.map(|v| (v as f32 * k).clamp(0.0, 255.0) as u8);
        }
    }
}

/// Area of a quadrilateral (shoelace).
pub fn quad_area(q: &[(f32, f32); 4]) -> f32 {
    let mut sum = 0.0;
    for i in 0..4 {
        let (x1, y1) = q[i];
        let (x2, y2) = q[(i + 1) % 4];
        sum += x1 * y2 - x2 * y1;
    }
    sum.abs() / 2.0
}

/// The largest deviation of a corner angle from 90°, in degrees: how far from a straight-on
/// view the document was photographed.
pub fn corner_angle_deviation(q: &[(f32, f32); 4]) -> f32 {
    (0..4)
        .map(|i| {
            let p = q[i];
            let a = q[(i + 3) % 4];
            let b = q[(i + 1) % 4];
            let (ux, uy) = (a.0 - p.0, a.1 - p.1);
            let (vx, vy) = (b.0 - p.0, b.1 - p.1);
            let cos = (ux * vx + uy * vy) / (ux.hypot(uy) * vx.hypot(vy)).max(1e-6);
            (cos.clamp(-1.0, 1.0).acos().to_degrees() - 90.0).abs()
        })
        .fold(0.0, f32::max)
}

/// Median luma difference between points just inside and just outside a document's outline
/// (1.5% of its diagonal either side), over 40 points along each side that fall inside the
/// frame. `0` when no such point does.
pub fn outline_contrast(img: &RgbImage, corners: &[(f32, f32); 4]) -> f32 {
    let luma = |x: f32, y: f32| -> Option<f32> {
        if x < 0.0 || y < 0.0 || x >= img.width() as f32 || y >= img.height() as f32 {
            return None;
        }
        let p = img.get_pixel(x as u32, y as u32).0;
        Some(0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32)
    };
    let centre = (
        corners.iter().map(|p| p.0).sum::<f32>() / 4.0,
        corners.iter().map(|p| p.1).sum::<f32>() / 4.0,
    );
    let diagonal = (corners[0].0 - corners[2].0).hypot(corners[0].1 - corners[2].1);
    let reach = 0.015 * diagonal;
    let mut differences = Vec::new();
    for i in 0..4 {
        let (p, q) = (corners[i], corners[(i + 1) % 4]);
        let length = (q.0 - p.0).hypot(q.1 - p.1).max(1e-3);
        let (tx, ty) = ((q.0 - p.0) / length, (q.1 - p.1) / length);
        // The normal pointing into the document.
        let (mut nx, mut ny) = (-ty, tx);
        if (centre.0 - p.0) * nx + (centre.1 - p.1) * ny < 0.0 {
            (nx, ny) = (-nx, -ny);
        }
        for k in 0..40 {
            let s = 0.1 + 0.8 * k as f32 / 39.0;
            let (x, y) = (p.0 + (q.0 - p.0) * s, p.1 + (q.1 - p.1) * s);
            if let (Some(inner), Some(outer)) = (
                luma(x + nx * reach, y + ny * reach),
                luma(x - nx * reach, y - ny * reach),
            ) {
                differences.push((inner - outer).abs());
            }
        }
    }
    if differences.is_empty() {
        return 0.0;
    }
    differences.sort_by(f32::total_cmp);
    differences[differences.len() / 2]
}
