//! The labelled defects: what goes wrong in real KYC photos, each drawn with its parameters
//! recorded so the truth is known exactly.
//!
//! Document-space effects (glare on the laminate, a photocopy) are applied to the flat page
//! before it is placed, where their extent can be measured exactly; frame-space effects (blur,
//! exposure, a finger, a screen) are applied to the composed photo.

use image::{GrayImage, Luma, Rgb, RgbImage, RgbaImage, imageops};
use serde::{Deserialize, Serialize};

use crate::document::{CheckDigitField, RectMm};
use crate::rng::Rng;

/// Which defect to draw into a sample (the plan); the drawn [`Defect`] records its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefectChoice {
    Defocus,
    MotionBlur,
    Glare,
    CutOff,
    Underexposed,
    Overexposed,
    UnevenLight,
    Photocopy,
    LowResolution,
    ScreenPhoto,
    Screenshot,
    Finger,
    FarAway,
    SteepAngle,
    WrongCheckDigit,
    Edited,
    Location,
    NoDocument,
}

impl DefectChoice {
    pub const ALL: [DefectChoice; 18] = [
        DefectChoice::Defocus,
        DefectChoice::MotionBlur,
        DefectChoice::Glare,
        DefectChoice::CutOff,
        DefectChoice::Underexposed,
        DefectChoice::Overexposed,
        DefectChoice::UnevenLight,
        DefectChoice::Photocopy,
        DefectChoice::LowResolution,
        DefectChoice::ScreenPhoto,
        DefectChoice::Screenshot,
        DefectChoice::Finger,
        DefectChoice::FarAway,
        DefectChoice::SteepAngle,
        DefectChoice::WrongCheckDigit,
        DefectChoice::Edited,
        DefectChoice::Location,
        DefectChoice::NoDocument,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            DefectChoice::Defocus => "defocus",
            DefectChoice::MotionBlur => "motion_blur",
            DefectChoice::Glare => "glare",
            DefectChoice::CutOff => "cut_off",
            DefectChoice::Underexposed => "underexposed",
            DefectChoice::Overexposed => "overexposed",
            DefectChoice::UnevenLight => "uneven_light",
            DefectChoice::Photocopy => "photocopy",
            DefectChoice::LowResolution => "low_resolution",
            DefectChoice::ScreenPhoto => "screen_photo",
            DefectChoice::Screenshot => "screenshot",
            DefectChoice::Finger => "finger",
            DefectChoice::FarAway => "far_away",
            DefectChoice::SteepAngle => "steep_angle",
            DefectChoice::WrongCheckDigit => "wrong_check_digit",
            DefectChoice::Edited => "edited",
            DefectChoice::Location => "location",
            DefectChoice::NoDocument => "no_document",
        }
    }
}

/// A defect as drawn, with the parameters that decide the expected outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Defect {
    /// Gaussian defocus; `sigma_at_1000` is the blur radius on the document rectified to
    /// 1000 px wide, the scale `photo.blur` is judged at.
    Defocus {
        sigma_px: f32,
        sigma_at_1000: f32,
    },
    MotionBlur {
        length_px: f32,
        angle_deg: f32,
        length_at_1000: f32,
    },
    /// Specular highlights on the laminate. `fraction` is the share of the document (less a 5%
    /// margin) that is blown out; `on_mrz` / `on_portrait` say whether any of it touches them.
    Glare {
        spots: u32,
        streak: bool,
        fraction: f32,
        on_mrz: bool,
        on_portrait: bool,
    },
    /// Corners (0 top-left, clockwise) outside the frame.
    CutOff {
        corners_outside: Vec<usize>,
    },
    Underexposed {
        gain: f32,
    },
    Overexposed {
        gain: f32,
    },
    /// Light on the document's brightest corner divided by light on its dimmest.
    UnevenLight {
        ratio: f32,
    },
    /// Black-and-white copy: grey, contrasty, toner specks.
    Photocopy,
    /// The whole photo scaled down by `scale`.
    LowResolution {
        scale: f32,
    },
    /// A photo of the document shown on a screen: pixel grid and moiré.
    ScreenPhoto {
        pixel_pitch: f32,
    },
    /// A screenshot of the document: exact screen size, UI bars, PNG, no camera EXIF.
    Screenshot {
        width: u32,
        height: u32,
    },
    /// A finger over the document edge; `fraction` of the document covered.
    Finger {
        fraction: f32,
        on_mrz: bool,
    },
    /// The document is small in the frame.
    FarAway,
    /// Photographed at a steep angle.
    SteepAngle,
    WrongCheckDigit {
        field: CheckDigitField,
    },
    /// An editor's name in the EXIF Software tag.
    Edited {
        software: String,
    },
    /// A GPS position in the EXIF.
    Location,
    /// No document in the photo at all.
    NoDocument,
}

/// Specular light on the laminate: Gaussian hot spots or a streak, in document pixels.
#[derive(Debug, Clone)]
pub struct GlareLight {
    /// Spots: centre, radii, angle, peak intensity (1 adds about full white).
    spots: Vec<([f32; 2], [f32; 2], f32, f32)>,
    streak: bool,
}

impl GlareLight {
    /// Hot spots (one to three) or a streak on a document `w × h` pixels.
    pub fn random(w: f32, h: f32, rng: &mut Rng) -> GlareLight {
        let streak = rng.chance(0.4);
        let count = if streak { 1 } else { rng.int(1, 3) };
        // Small glints as often as large hot spots: both outcomes must be represented.
        let size = if rng.chance(0.35) {
            rng.range(0.02, 0.05)
        } else {
            rng.range(0.06, 0.16)
        };
        let spots = (0..count)
            .map(|_| {
                let centre = [rng.range(0.1, 0.9) * w, rng.range(0.1, 0.9) * h];
                let rx = size
                    * w
                    * if streak {
                        rng.range(3.0, 6.0)
                    } else {
                        rng.range(0.8, 1.4)
                    };
                let ry = size
                    * w
                    * if streak {
                        rng.range(0.25, 0.45)
                    } else {
                        rng.range(0.6, 1.0)
                    };
                (centre, [rx, ry], rng.range(-0.8, 0.8), rng.range(1.2, 2.2))
            })
            .collect();
        GlareLight { spots, streak }
    }

    /// The light added at a point of the document (in its pixels).
    pub fn at(&self, u: f32, v: f32) -> f32 {
        self.spots
            .iter()
            .map(|&(c, r, angle, peak)| {
                let (s, co) = angle.sin_cos();
                let (dx, dy) = (u - c[0], v - c[1]);
                let (a, b) = ((dx * co + dy * s) / r[0], (-dx * s + dy * co) / r[1]);
                let d2 = a * a + b * b;
                if d2 < 9.0 { peak * (-d2).exp() } else { 0.0 }
            })
            .sum()
    }
}

/// Add glare to the photo, over the document placed at `to_doc` (frame pixel → document pixel,
/// for a document `doc_size` pixels drawn at `ppm` pixels per mm), after the scene's own light:
/// specular light is the lamp's, not dimmed by the scene's shading, and it clips in the camera.
/// Measures the blown-out share of the document (a 5% margin ignored) and whether any of it
/// touches the MRZ or portrait zones.
pub fn glare(
    img: &mut RgbImage,
    light: &GlareLight,
    to_doc: &imageproc::geometric_transformations::Projection,
    doc_size: (f32, f32),
    ppm: f32,
    zones: (Option<RectMm>, Option<RectMm>),
) -> Defect {
    let (w, h) = doc_size;
    let inside = |zone: Option<RectMm>, u: f32, v: f32| {
        zone.is_some_and(|z| {
            let (x, y) = (u / ppm, v / ppm);
            x >= z.x && x <= z.x + z.w && y >= z.y && y <= z.y + z.h
        })
    };
    let (margin_x, margin_y) = (0.05 * w, 0.05 * h);
    let (mut blown, mut counted) = (0u64, 0u64);
    let (mut on_mrz, mut on_portrait) = (false, false);
    for (x, y, pixel) in img.enumerate_pixels_mut() {
        let (u, v) = *to_doc * (x as f32 + 0.5, y as f32 + 0.5);
        if u < 0.0 || v < 0.0 || u >= w || v >= h {
            continue;
        }
        let l = light.at(u, v);
        if l > 0.0 {
            // A slight blue-white cast, as from a daylight window or an LED.
            let add = [l * 245.0, l * 250.0, l * 255.0];
            for (channel, add) in pixel.0.iter_mut().zip(add) {
                *channel = (*channel as f32 + add).min(255.0) as u8;
            }
        }
        let blown_out = l > 0.3 && pixel.0.iter().all(|&c| c >= 250);
        let interior = u >= margin_x && u < w - margin_x && v >= margin_y && v < h - margin_y;
        if interior {
            counted += 1;
            blown += u64::from(blown_out);
        }
        if blown_out {
            on_mrz |= inside(zones.0, u, v);
            on_portrait |= inside(zones.1, u, v);
        }
    }
    Defect::Glare {
        spots: light.spots.len() as u32,
        streak: light.streak,
        fraction: blown as f32 / counted.max(1) as f32,
        on_mrz,
        on_portrait,
    }
}

/// A black-and-white photocopy of the document: grey, harder contrast, toner specks and
/// paper grain.
pub fn photocopy(doc: &mut RgbaImage, rng: &mut Rng) {
    let contrast = rng.range(1.3, 1.8);
    let seed = rng.next_u64();
    let mut speck = Rng::new(seed);
    for pixel in doc.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        let grey = 0.299 * r as f32 + 0.587 * g as f32 + 0.114 * b as f32;
        let mut v = ((grey - 128.0) * contrast + 150.0).clamp(0.0, 255.0);
        if speck.chance(0.004) {
            v *= 0.3; // toner speck
        }
        v += speck.normal() * 4.0; // paper grain
        let v = v.clamp(0.0, 255.0) as u8;
        pixel.0 = [v, v, v, a];
    }
}

/// Blur the whole photo as a lens out of focus would.
pub fn defocus(img: &mut RgbImage, sigma: f32) {
    *img = imageops::fast_blur(img, sigma);
}

/// Smear the photo along a direction, as a hand moving during the exposure does.
pub fn motion_blur(img: &mut RgbImage, length: f32, angle: f32) {
    let steps = (length.ceil() as i32).max(2);
    let (dx, dy) = (angle.cos(), angle.sin());
    let source = img.clone();
    let (w, h) = (img.width() as i32, img.height() as i32);
    for (x, y, pixel) in img.enumerate_pixels_mut() {
        let mut acc = [0u32; 3];
        for s in 0..steps {
            let t = s as f32 / (steps - 1) as f32 - 0.5;
            let sx = (x as f32 + t * length * dx).round() as i32;
            let sy = (y as f32 + t * length * dy).round() as i32;
            let p = source.get_pixel(sx.clamp(0, w - 1) as u32, sy.clamp(0, h - 1) as u32);
            for (sum, channel) in acc.iter_mut().zip(p.0) {
                *sum += u32::from(channel);
            }
        }
        pixel.0 = acc.map(|a| (a / steps as u32) as u8);
    }
}

/// Multiply every channel by `gain` (exposure), clamping.
pub fn exposure(img: &mut RgbImage, gain: f32) {
    for pixel in img.pixels_mut() {
        pixel.0 = pixel.0.map(|c| (c as f32 * gain).min(255.0) as u8);
    }
}

/// A screen's pixel grid (sub-pixel stripes) and the moiré its sampling makes.
pub fn screen_photo(img: &mut RgbImage, pitch: f32, rng: &mut Rng) {
    let angle = rng.range(-0.2, 0.2);
    let (s, c) = angle.sin_cos();
    let beat = rng.range(0.015, 0.04);
    for (x, y, pixel) in img.enumerate_pixels_mut() {
        let (u, v) = (x as f32 * c + y as f32 * s, -(x as f32) * s + y as f32 * c);
        let sub = ((u / pitch).fract() * 3.0) as usize; // which sub-pixel column
        let row_gap = if (v / pitch).fract() < 0.2 { 0.7 } else { 1.0 };
        let moire = 0.85 + 0.15 * ((u * beat).sin() * (v * beat * 0.8).cos());
        for (i, channel) in pixel.0.iter_mut().enumerate() {
            let stripe = if i == sub { 1.0 } else { 0.72 };
            let screen_tint = [0.95, 1.0, 1.08][i];
            *channel =
                (*channel as f32 * stripe * row_gap * moire * screen_tint * 1.15).min(255.0) as u8;
        }
    }
}

/// Draw a finger reaching over the document from one of its edges; returns the fraction of
/// the document it covers and whether it covers part of the MRZ.
pub fn finger(
    img: &mut RgbImage,
    doc_quad: &[(f32, f32); 4],
    mrz_quad: Option<&[(f32, f32); 4]>,
    doc_width_px: f32,
    rng: &mut Rng,
) -> Defect {
    let edge = rng.int(0, 4) as usize;
    let (a, b) = (doc_quad[edge], doc_quad[(edge + 1) % 4]);
    let t = rng.range(0.2, 0.8);
    let base = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
    // Inward normal: towards the quad's centre.
    let centre = (
        doc_quad.iter().map(|p| p.0).sum::<f32>() / 4.0,
        doc_quad.iter().map(|p| p.1).sum::<f32>() / 4.0,
    );
    let (nx, ny) = (centre.0 - base.0, centre.1 - base.1);
    let norm = nx.hypot(ny).max(1.0);
    let (nx, ny) = (nx / norm, ny / norm);
    let width = doc_width_px * rng.range(0.12, 0.18);
    let reach = doc_width_px * rng.range(0.12, 0.3);
    let start = (base.0 - nx * reach * 1.5, base.1 - ny * reach * 1.5);
    let tip = (base.0 + nx * reach, base.1 + ny * reach);
    // Skin, pale to dark: red above green above blue, in the proportions of real skin tones.
    let red = rng.range(120.0, 235.0);
    let green = red * rng.range(0.62, 0.85);
    let skin = [red, green, green * rng.range(0.7, 0.92)];
    let mut covered = GrayImage::new(img.width(), img.height());
    let (sx, sy) = (tip.0 - start.0, tip.1 - start.1);
    let len2 = sx * sx + sy * sy;
    let r = width / 2.0;
    let min_x = (start.0.min(tip.0) - r).max(0.0) as u32;
    let max_x = (start.0.max(tip.0) + r).min(img.width() as f32) as u32;
    let min_y = (start.1.min(tip.1) - r).max(0.0) as u32;
    let max_y = (start.1.max(tip.1) + r).min(img.height() as f32) as u32;
    for y in min_y..max_y {
        for x in min_x..max_x {
            let (px, py) = (x as f32 - start.0, y as f32 - start.1);
            let t = ((px * sx + py * sy) / len2).clamp(0.0, 1.0);
            let d = (px - t * sx).hypot(py - t * sy);
            if d < r {
                // Rounded shading across the finger, a paler nail near the tip.
                let shade = 0.75 + 0.3 * (1.0 - (d / r).powi(2)).sqrt();
                let nail = t > 0.85 && d < r * 0.6;
                let pixel = img.get_pixel_mut(x, y);
                for (channel, tone) in pixel.0.iter_mut().zip(skin) {
                    let c = if nail { tone * 1.1 + 20.0 } else { tone };
                    *channel = (c * shade).min(255.0) as u8;
                }
                covered.put_pixel(x, y, Luma([255]));
            }
        }
    }
    let fraction_in = |quad: &[(f32, f32); 4]| -> (u64, u64) {
        let mut mask = GrayImage::new(img.width(), img.height());
        let poly: Vec<_> = quad
            .iter()
            .map(|&(x, y)| imageproc::point::Point::new(x as i32, y as i32))
            .collect();
        imageproc::drawing::draw_polygon_mut(&mut mask, &poly, Luma([255]));
        let total = mask.pixels().filter(|p| p.0[0] > 0).count() as u64;
        let hit = mask
            .pixels()
            .zip(covered.pixels())
            .filter(|(m, c)| m.0[0] > 0 && c.0[0] > 0)
            .count() as u64;
        (hit, total)
    };
    let (hit, total) = fraction_in(doc_quad);
    let on_mrz = mrz_quad.is_some_and(|q| fraction_in(q).0 > 0);
    Defect::Finger {
        fraction: hit as f32 / total.max(1) as f32,
        on_mrz,
    }
}

/// Status and navigation bars of a phone screenshot.
pub fn screenshot_bars(img: &mut RgbImage, rng: &mut Rng) {
    let (w, h) = (img.width(), img.height());
    let dark = rng.chance(0.5);
    let bar = if dark {
        Rgb([18, 18, 20])
    } else {
        Rgb([248, 248, 250])
    };
    let ink = if dark {
        Rgb([235, 235, 235])
    } else {
        Rgb([20, 20, 20])
    };
    let status = (h as f32 * 0.045) as u32;
    let nav = (h as f32 * 0.06) as u32;
    for y in (0..status).chain(h - nav..h) {
        for x in 0..w {
            img.put_pixel(x, y, bar);
        }
    }
    // Clock, battery and signal glyphs as blocks; a home indicator.
    let block = |img: &mut RgbImage, x: u32, y: u32, bw: u32, bh: u32| {
        for yy in y..(y + bh).min(h) {
            for xx in x..(x + bw).min(w) {
                img.put_pixel(xx, yy, ink);
            }
        }
    };
    let u = (w / 100).max(1);
    block(img, 5 * u, status / 3, 10 * u, status / 3);
    block(img, w - 16 * u, status / 3, 9 * u, status / 3);
    block(img, w - 28 * u, status / 3, 7 * u, status / 3);
    block(img, w / 2 - 17 * u, h - nav / 2, 34 * u, (nav / 10).max(2));
}

/// A straight beam of light across a whole photo — a streak through a blind, a lens flare —
/// as the real Luxembourg specimen shows one: it adds light to everything under it (print,
/// paper and background alike) without blowing anything out.
#[derive(Debug, Clone, Copy)]
pub struct LightBeam {
    /// A point on the beam's centre line, in photo pixels.
    pub point: [f32; 2],
    /// The beam's direction, in radians from the x axis.
    pub angle: f32,
    /// Full width at half maximum of its Gaussian cross-section, in photo pixels.
    pub width: f32,
    /// The share of each channel it adds (the brightest 1): its colour.
    pub tint: [f32; 3],
    /// The share of the way to white it takes a pixel on its centre line.
    pub strength: f32,
}

impl LightBeam {
    /// Lay the beam over `img`, blended as light is (screen blend): dark pixels gain more
    /// than bright ones, and none passes white.
    pub fn lay(&self, img: &mut RgbImage) {
        let (sin, cos) = self.angle.sin_cos();
        let sigma = self.width / 2.355;
        for (x, y, pixel) in img.enumerate_pixels_mut() {
            let (dx, dy) = (x as f32 - self.point[0], y as f32 - self.point[1]);
            let across = dx * sin - dy * cos;
            let light = self.strength * (-0.5 * (across / sigma).powi(2)).exp();
            if light < 0.002 {
                continue;
            }
            let p = pixel.0;
            pixel.0 = std::array::from_fn(|c| {
                let added = light * self.tint[c];
                (255.0 - (255.0 - f32::from(p[c])) * (1.0 - added)).round() as u8
            });
        }
    }
}
