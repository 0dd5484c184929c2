//! Streaks of light across the document: a beam laid over the page that blows nothing out.
//!
//! A lamp's reflection clips the sensor and is found by [`super::highlights`]. A streak of
//! light — a beam from a window blind, a lens flare — adds light to paper and print alike
//! without reaching white: the print under it is washed out, but no pixel is blown. On the page
//! alone such a streak looks like printed design (pale bands, rainbow printing and the
//! machine-readable zone's plain band shift brightness along straight lines too; measured on the
//! real specimens, see the README). What no print can do is carry on past the document's edge.
//! So a beam is looked for where it leaves the document: a narrow glow on the background just
//! outside one of the document's sides (on the proxy); from there, a straight line across the
//! page (on the rectified document) along which both the print and the paper are lighter than
//! on the strips beside it, over most of the page; and that line's continuation past the edge,
//! brighter than the background on parallel lines beside it — the beam outside runs the way it
//! runs on the page. Each alone is common (a white sheet beside a passport glows from outside,
//! printed bands light lines on the page, a cluttered desk or a screen's moiré has bright
//! patches); all three, lined up, are a beam.
//!
//! A streak that stops at the document's edge, or leaves it only where the photo ends, is not
//! found: there is nothing outside to tell it from print.

use super::geometry::{self, Quad};
use super::proxy::{GreyF32, Proxy};
use super::rectify::Rectified;
use crate::report::Point;
use image::{GrayImage, RgbImage};

/// The background band looked at outside each side, as shares of the document's diagonal:
/// far enough out to miss the document's own soft edge and shadow, near enough to stay on the
/// beam.
const OUTSIDE_FROM: f64 = 0.01;
const OUTSIDE_TO: f64 = 0.06;

/// Background samples needed outside a place on a side (a document near the frame's edge
/// leaves only a few pixels of background beside it).
const MIN_OUTSIDE_SAMPLES: usize = 3;

/// Places along each side where the background is sampled.
const SIDE_STEPS: usize = 100;

/// A glow is compared with the background this share of the side's length either side of it.
const GLOW_APART: f64 = 0.08;

/// A place outside a side is followed up when its background stands this many grey levels
/// above the background along the side and either side of it: a cheap first look that lets
/// through anything bright lying beside the document.
pub const CANDIDATE_GLOW: f32 = 10.0;

/// A beam's continuation outside the document must be this many grey levels brighter than
/// the background on parallel lines either side of it. On the clean and defective synthetic
/// photos of seed 7 no line reaches 15; beams laid over synthetic photos reach 13–88, the real
/// Luxembourg streak 101 (README, "photo.glare").
pub const MIN_ALONG: f32 = 20.0;

/// The strips compared on the page: the beam's own strip and two beside it, as shares of the
/// document's height (its short side).
const STRIP_HALF_WIDTH: f64 = 0.0125;
const STRIP_APART: f64 = 0.06;

/// Stretches the line across the page is cut into, and the share of them where the light must
/// be added for the line to count as a beam.
const STRETCHES: usize = 16;
pub const MIN_LIT_SHARE: f64 = 0.75;

/// A stretch is lit when both its print (10th percentile of the brightest channel) and its
/// paper (90th) are at least this many levels above those of both strips beside it.
const LIT_BY: f32 = 6.0;

/// The line must cross at least this share of the page's height, so that a glancing line over
/// a corner (a few stretches of anything) cannot count.
const MIN_LENGTH: f64 = 1.0;

/// Lines are tried at this many degrees apart, up to this far from square to the side.
const ANGLE_STEP_DEGREES: f64 = 1.0;
const MAX_ANGLE_DEGREES: f64 = 75.0;

/// Where the line may leave the page either side of the glow (share of the side's length): the
/// band outside is looked at square to the side, and a beam crossing the side at a slant lights
/// it a little to one side of where it crosses; tried in steps of `EXIT_STEP`.
const EXIT_SLACK: f64 = 0.04;
const EXIT_STEP: f64 = 0.01;

/// A streak of light found across the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Beam {
    /// Where the line enters and leaves the page, as fractions of the rectified document.
    pub ends: [Point; 2],
    /// How far the background along the beam's continuation past the document's edge stands
    /// above the background beside it.
    pub glow: f32,
    /// Share of the stretches across the page where light is added along the line.
    pub lit_share: f64,
}

impl Beam {
    /// The band the beam lights, as a polygon in fractions of the rectified document.
    pub fn band(&self, aspect: f64) -> [Point; 4] {
        let [a, b] = self.ends;
        // Perpendicular in the document's true proportions, then back to fractions.
        let (dx, dy) = ((b[0] - a[0]) * aspect, b[1] - a[1]);
        let length = dx.hypot(dy).max(1e-9);
        let half = STRIP_APART / 2.0;
        let (nx, ny) = (-dy / length * half / aspect, dx / length * half);
        [
            [a[0] + nx, a[1] + ny],
            [b[0] + nx, b[1] + ny],
            [b[0] - nx, b[1] - ny],
            [a[0] - nx, a[1] - ny],
        ]
    }
}

/// A glow outside one side of the document: which side (0 top, 1 right, 2 bottom, 3 left of
/// the rectified document), where along it (0–1, clockwise), and how bright.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glow {
    pub side: usize,
    pub at: f64,
    pub height: f32,
    /// The background's median brightness along the side.
    pub background: f32,
}

/// Look for a beam across the rectified document, whose outline in the photo the proxy shows
/// with its background.
pub fn find(proxy: &Proxy, rectified: &Rectified) -> Option<Beam> {
    let corners = rectified
        .corners
        .map(|c| [c[0] / proxy.scale, c[1] / proxy.scale]);
    let candidates: Vec<Glow> = glows(&proxy.grey, &corners)
        .into_iter()
        .filter(|g| g.height >= CANDIDATE_GLOW)
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let value = brightest_channel(&rectified.rgb);
    let glows_along = |ends: [Point; 2]| {
        continuation_glow(proxy, rectified, &corners, ends).filter(|&a| a >= MIN_ALONG)
    };
    candidates
        .into_iter()
        .filter_map(|g| line_from(&value, &rectified.valid, g, MIN_LIT_SHARE, &glows_along))
        .filter(|beam| beam.lit_share >= MIN_LIT_SHARE)
        .max_by(|a, b| a.lit_share.total_cmp(&b.lit_share))
}

/// [`glow_along`] for a line across the rectified document given by its ends (fractions),
/// the first where it leaves the page beside the glow.
fn continuation_glow(
    proxy: &Proxy,
    rectified: &Rectified,
    corners: &Quad,
    ends: [Point; 2],
) -> Option<f32> {
    let [from, to] = ends.map(|e| {
        let p = rectified.to_image(e);
        [p[0] / proxy.scale, p[1] / proxy.scale]
    });
    let towards = [2.0 * from[0] - to[0], 2.0 * from[1] - to[1]];
    // The document's height: the shorter pair of opposite sides.
    let (one_pair, other_pair) = geometry::side_pairs(corners);
    let height = one_pair.min(other_pair);
    glow_along(&proxy.grey, corners, from, towards, STRIP_APART * height)
}

/// The strongest glow outside each side of `corners` (proxy pixels, in the rectified
/// document's order), for sides with enough background in the frame.
pub fn glows(grey: &GreyF32, corners: &Quad) -> Vec<Glow> {
    let centre = [
        corners.iter().map(|c| c[0]).sum::<f64>() / 4.0,
        corners.iter().map(|c| c[1]).sum::<f64>() / 4.0,
    ];
    let mut found = Vec::new();
    for side in 0..4 {
        let (a, b) = (corners[side], corners[(side + 1) % 4]);
        let length = geometry::distance(a, b);
        if length < 8.0 {
            continue;
        }
        let along = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
        let mut normal = [-along[1], along[0]];
        let middle = geometry::lerp(a, b, 0.5);
        if normal[0] * (middle[0] - centre[0]) + normal[1] * (middle[1] - centre[1]) < 0.0 {
            normal = [-normal[0], -normal[1]];
        }
        // The background's brightness just outside the side, at each step along it.
        let profile: Vec<Option<f32>> = (0..=SIDE_STEPS)
            .map(|i| {
                let base = geometry::lerp(a, b, i as f64 / SIDE_STEPS as f64);
                background_along(grey, corners, base, normal)
            })
            .collect();
        let mut seen: Vec<f32> = profile.iter().flatten().copied().collect();
        let Some(background) = super::quantile(&mut seen, 0.5, f32::total_cmp) else {
            continue;
        };
        let apart = (GLOW_APART * SIDE_STEPS as f64).round() as usize;
        let best = profile
            .iter()
            .enumerate()
            .filter_map(|(i, &g)| {
                let g = g?;
                let beside = [i.checked_sub(apart), Some(i + apart)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| profile.get(j).copied().flatten())
                    .fold(None, |m: Option<f32>, v| Some(m.map_or(v, |m| m.max(v))))?;
                let height = (g - background).min(g - beside);
                Some((i, height))
            })
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, height)) = best {
            found.push(Glow {
                side,
                at: i as f64 / SIDE_STEPS as f64,
                height,
                background,
            });
        }
    }
    found
}

/// Each pixel's brightest channel: light of any colour added to a pixel raises it, where luma
/// can fall (a blue light over pink paper shifts its colour more than its luma).
fn brightest_channel(rgb: &RgbImage) -> GrayImage {
    let pixels = rgb
        .as_raw()
        .chunks_exact(3)
        .map(|p| p[0].max(p[1]).max(p[2]));
    GrayImage::from_raw(rgb.width(), rgb.height(), pixels.collect()).expect("one value per pixel")
}

/// How much brighter the background is along the line's own continuation past the document's
/// edge than along two parallel lines either side of it (`apart` proxy pixels away): the beam
/// seen outside runs the way it runs on the page. `from` is where the line leaves the page,
/// `towards` a point further along it outside; both in proxy pixels. `None` when too little of
/// the continuation is in the frame.
fn glow_along(
    grey: &GreyF32,
    corners: &Quad,
    from: Point,
    towards: Point,
    apart: f64,
) -> Option<f32> {
    let length = geometry::distance(from, towards).max(1e-9);
    let along = [
        (towards[0] - from[0]) / length,
        (towards[1] - from[1]) / length,
    ];
    let across = [-along[1], along[0]];
    let [before, on, after] = [-apart, 0.0, apart].map(|offset| {
        let start = [from[0] + across[0] * offset, from[1] + across[1] * offset];
        background_along(grey, corners, start, along)
    });
    Some(on? - before?.max(after?))
}

/// The document's diagonal (mean of the two), the scale of the background band looked at.
fn diagonal(corners: &Quad) -> f64 {
    (geometry::distance(corners[0], corners[2]) + geometry::distance(corners[1], corners[3])) / 2.0
}

/// The mean brightness of the background along a ray from `start` in the unit `direction`,
/// from `OUTSIDE_FROM` to `OUTSIDE_TO` of the document's diagonal, at every pixel of the way
/// that is in the frame and outside the document. `None` when fewer than
/// `MIN_OUTSIDE_SAMPLES` are.
fn background_along(grey: &GreyF32, corners: &Quad, start: Point, direction: Point) -> Option<f32> {
    let (w, h) = (f64::from(grey.width()), f64::from(grey.height()));
    let diagonal = diagonal(corners);
    let (mut sum, mut n) = (0.0f32, 0usize);
    let mut t = OUTSIDE_FROM * diagonal;
    while t <= OUTSIDE_TO * diagonal {
        let p = [start[0] + direction[0] * t, start[1] + direction[1] * t];
        t += 1.0;
        if p[0] < 0.0
            || p[1] < 0.0
            || p[0] >= w
            || p[1] >= h
            || geometry::contains_either_way(corners, p)
        {
            continue;
        }
        sum += grey.get_pixel(p[0] as u32, p[1] as u32).0[0];
        n += 1;
    }
    (n >= MIN_OUTSIDE_SAMPLES).then(|| sum / n as f32)
}

/// The point at `at` (0–1, clockwise) along side `side` of the unit square (rectified
/// fractions: 0 top, 1 right, 2 bottom, 3 left), and the inward normal there.
fn side_point(side: usize, at: f64) -> (Point, Point) {
    match side {
        0 => ([at, 0.0], [0.0, 1.0]),
        1 => ([1.0, at], [-1.0, 0.0]),
        2 => ([1.0 - at, 1.0], [0.0, -1.0]),
        _ => ([0.0, 1.0 - at], [1.0, 0.0]),
    }
}

/// The best line into the page from near a glow: where it enters and leaves (rectified
/// fractions) and the share of its stretches where light is added along it (lines that cannot
/// reach `wanted` are given up early, so below it the share is only a lower bound). Only lines
/// for which `glow_along` (given their ends) gives a glow are measured, and that glow is kept
/// in the result: the test outside the page is cheap beside the strips across it. `None` when
/// no line from there crosses enough of the page.
fn line_from(
    value: &GrayImage,
    valid: &GrayImage,
    glow: Glow,
    wanted: f64,
    glow_along: &dyn Fn([Point; 2]) -> Option<f32>,
) -> Option<Beam> {
    let (w, h) = (f64::from(value.width()), f64::from(value.height()));
    let half = (STRIP_HALF_WIDTH * h).max(1.0);
    let apart = STRIP_APART * h;
    // Top and bottom run along x, the left and right sides along y.
    let (side_length, along_side) = if glow.side.is_multiple_of(2) {
        (w, [1.0, 0.0])
    } else {
        (h, [0.0, 1.0])
    };
    let shifts = (EXIT_SLACK / EXIT_STEP).round() as i32;
    let mut best: Option<Beam> = None;
    let (start, inward) = side_point(glow.side, glow.at);
    for shift in (-shifts..=shifts).map(|k| f64::from(k) * EXIT_STEP * side_length) {
        let start = [
            start[0] * w + along_side[0] * shift,
            start[1] * h + along_side[1] * shift,
        ];
        let steps = (2.0 * MAX_ANGLE_DEGREES / ANGLE_STEP_DEGREES).round() as i32;
        for k in 0..=steps {
            let angle = (-MAX_ANGLE_DEGREES + f64::from(k) * ANGLE_STEP_DEGREES).to_radians();
            let (sin, cos) = angle.sin_cos();
            let direction = [
                inward[0] * cos - inward[1] * sin,
                inward[0] * sin + inward[1] * cos,
            ];
            let Some(length) = exit_distance(start, direction, w, h) else {
                continue;
            };
            if length < MIN_LENGTH * h {
                continue;
            }
            let end = [
                start[0] + direction[0] * length,
                start[1] + direction[1] * length,
            ];
            let ends = [[start[0] / w, start[1] / h], [end[0] / w, end[1] / h]];
            let Some(along) = glow_along(ends) else {
                continue;
            };
            let share = lit_share(value, valid, start, direction, length, half, apart, wanted);
            if best.as_ref().is_none_or(|b| share > b.lit_share) {
                best = Some(Beam {
                    ends,
                    glow: along,
                    lit_share: share,
                });
            }
        }
    }
    best
}

/// How far a ray from `start` (on or inside the `w × h` rectangle) runs before leaving it.
fn exit_distance(start: Point, direction: Point, w: f64, h: f64) -> Option<f64> {
    let limit = |p: f64, d: f64, size: f64| {
        if d > 1e-9 {
            (size - p) / d
        } else if d < -1e-9 {
            -p / d
        } else {
            f64::INFINITY
        }
    };
    let t = limit(start[0], direction[0], w).min(limit(start[1], direction[1], h));
    (t.is_finite() && t > 0.0).then_some(t)
}

/// The share of the line's stretches where light is added along it: both the print and the
/// paper of the strip on the line are lighter than those of the strips either side. Gives up
/// (with the share so far) once `wanted` can no longer be reached: most lines tried are not
/// beams, and show it within a few stretches.
#[allow(clippy::too_many_arguments)]
fn lit_share(
    value: &GrayImage,
    valid: &GrayImage,
    start: Point,
    direction: Point,
    length: f64,
    half: f64,
    apart: f64,
    wanted: f64,
) -> f64 {
    let (w, h) = (value.width(), value.height());
    let normal = [-direction[1], direction[0]];
    let stretch = length / STRETCHES as f64;
    let mut lit = 0usize;
    let mut strips: [Vec<u8>; 3] = Default::default();
    let needed = (wanted * STRETCHES as f64).ceil() as usize;
    for s in 0..STRETCHES {
        if lit + (STRETCHES - s) < needed {
            break;
        }
        for strip in &mut strips {
            strip.clear();
        }
        let mut t = s as f64 * stretch;
        while t < (s + 1) as f64 * stretch {
            for (index, offset) in [-apart, 0.0, apart].into_iter().enumerate() {
                let mut d = -half;
                while d <= half {
                    let x = start[0] + direction[0] * t + normal[0] * (offset + d);
                    let y = start[1] + direction[1] * t + normal[1] * (offset + d);
                    if x >= 0.0 && y >= 0.0 && (x as u32) < w && (y as u32) < h {
                        let (x, y) = (x as u32, y as u32);
                        if valid.get_pixel(x, y).0[0] > 0 {
                            strips[index].push(value.get_pixel(x, y).0[0]);
                        }
                    }
                    d += 1.0;
                }
            }
            t += 1.0;
        }
        let enough = (stretch * half).max(4.0) as usize;
        if strips.iter().any(|strip| strip.len() < enough) {
            continue;
        }
        let levels: Vec<(f32, f32)> = strips
            .iter_mut()
            .map(|strip| {
                let print = super::quantile(strip, 0.1, u8::cmp).unwrap_or(0);
                let paper = super::quantile(strip, 0.9, u8::cmp).unwrap_or(0);
                (f32::from(print), f32::from(paper))
            })
            .collect();
        let (above, on, below) = (levels[0], levels[1], levels[2]);
        if on.0 >= above.0.max(below.0) + LIT_BY && on.1 >= above.1.max(below.1) + LIT_BY {
            lit += 1;
        }
    }
    lit as f64 / STRETCHES as f64
}

/// For calibration: each side's strongest glow and the best share of lit stretches on a line
/// from it, whatever the thresholds.
pub fn describe(proxy: &Proxy, rectified: &Rectified) -> String {
    let corners = rectified
        .corners
        .map(|c| [c[0] / proxy.scale, c[1] / proxy.scale]);
    let value = brightest_channel(&rectified.rgb);
    glows(&proxy.grey, &corners)
        .into_iter()
        .map(|g| {
            // Every line is measured, and a continuation too short to judge shows as NaN.
            let line = line_from(&value, &rectified.valid, g, 0.0, &|ends| {
                Some(continuation_glow(proxy, rectified, &corners, ends).unwrap_or(f32::NAN))
            });
            format!(
                "side {} at {:.2} glow {:.0} over {:.0} lit {:.2} along {:.0}",
                g.side,
                g.at,
                g.height,
                g.background,
                line.as_ref().map_or(0.0, |l| l.lit_share),
                line.as_ref().map_or(f32::NAN, |l| l.glow)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vision::{proxy, rectify};
    use image::{DynamicImage, Rgb};

    /// The page of the photos below: 800 × 560 from (200, 170), tinted paper with print.
    const PAGE: Quad = [
        [200.0, 170.0],
        [1000.0, 170.0],
        [1000.0, 730.0],
        [200.0, 730.0],
    ];

    /// A 1200 × 900 photo of a page on a dark desk. `band` prints a pale band across the page,
    /// print and paper paler in it (design, not light); `sheet` lays a strip of white paper
    /// beside the page's left edge, below the band's line; `beam`
    /// lays a streak of bluish light through the middle of the page, slightly slanted, running
    /// the whole frame and blended as light is.
    fn photo(band: bool, sheet: bool, beam: bool) -> DynamicImage {
        let image = RgbImage::from_fn(1200, 900, |x, y| {
            let (xf, yf) = (f64::from(x), f64::from(y));
            let on_page = geometry::contains(&PAGE, [xf + 0.5, yf + 0.5]);
            let base: [f32; 3] = if on_page {
                // Print scattered all over: blocks of a 9 × 6 grid, about a third of them inked.
                let cell = (x / 9) * 7919 + (y / 6) * 104_729;
                let printed = x % 9 < 6 && cell % 3 == 0;
                let pale = band && (300..340).contains(&y);
                match (printed, pale) {
                    (true, false) => [60.0, 50.0, 70.0],
                    (true, true) => [120.0, 110.0, 130.0],
                    (false, true) => [235.0, 232.0, 236.0],
                    (false, false) => [200.0, 185.0, 195.0],
                }
            } else if sheet && (100..200).contains(&x) && (400..430).contains(&y) {
                [245.0, 245.0, 245.0]
            } else {
                [25.0, 22.0, 20.0]
            };
            let light = if beam {
                let across = (yf - 450.0 - 0.08 * (xf - 600.0)) / 20.0;
                0.5 * (-0.5 * across * across).exp() as f32
            } else {
                0.0
            };
            let tint = [0.6, 0.85, 1.0];
            Rgb(std::array::from_fn(|c| {
                (255.0 - (255.0 - base[c]) * (1.0 - light * tint[c])).round() as u8
            }))
        });
        DynamicImage::ImageRgb8(image)
    }

    fn rectified(image: &DynamicImage) -> Rectified {
        rectify::rectify(image, &PAGE, 800.0 / 560.0, rectify::Detail::Coarse).expect("a page")
    }

    fn found(image: &DynamicImage) -> Option<Beam> {
        find(&proxy::proxy(image, 640), &rectified(image))
    }

    #[test]
    fn a_streak_across_the_page_and_past_its_edges_is_a_beam() {
        let beam = found(&photo(false, false, true)).expect("the streak is found");
        // It runs across the page at about its middle height.
        let middle_height = (beam.ends[0][1] + beam.ends[1][1]) / 2.0;
        assert!((middle_height - 0.5).abs() < 0.06, "{beam:?}");
        assert!((beam.ends[0][0] - beam.ends[1][0]).abs() > 0.9, "{beam:?}");
    }

    #[test]
    fn a_plain_page_a_printed_band_or_a_bright_sheet_beside_it_is_not() {
        // The printed band alone does light a line across the page, as a beam would: what
        // keeps it from being one is that nothing glows outside the page where it ends.
        let banded = rectified(&photo(true, false, false));
        let band_end = Glow {
            side: 3,
            at: 1.0 - (320.0 - 170.0) / 560.0,
            height: 100.0,
            background: 25.0,
        };
        let value = brightest_channel(&banded.rgb);
        let share = line_from(&value, &banded.valid, band_end, 0.0, &|_| Some(0.0))
            .expect("a line")
            .lit_share;
        assert!(share >= MIN_LIT_SHARE, "{share}");

        assert_eq!(found(&photo(false, false, false)), None);
        assert_eq!(found(&photo(true, false, false)), None);
        assert_eq!(found(&photo(false, true, false)), None);
        // Both together: the band is lit along a line, the sheet glows outside, but they do not
        // line up.
        assert_eq!(found(&photo(true, true, false)), None);
    }

    #[test]
    fn the_band_polygon_surrounds_the_line() {
        let beam = Beam {
            ends: [[0.0, 0.5], [1.0, 0.5]],
            glow: 50.0,
            lit_share: 1.0,
        };
        let band = beam.band(1.5);
        assert!(band.iter().all(|p| (p[1] - 0.5).abs() > 0.01));
        assert!(band[0][1] < 0.5 && band[2][1] > 0.5 || band[0][1] > 0.5 && band[2][1] < 0.5);
    }
}
