//! Finding a machine-readable zone anywhere in a photo, without the document's outline.
//!
//! The usual way to the zone is through the document (`vision::layout` finds it along a long
//! edge of the straightened document). That fails when no outline is found, or the wrong one:
//! a passport page curving out of a booklet, a card in a hand against a busy background, a
//! crop that cuts the page. This search looks for the zone itself, on the grey proxy: dark
//! print is cut into connected patches (characters, at the proxy's scale); patches of one size
//! lying in a straight row at an even pitch are chained into lines, at whatever angle the
//! text runs; and two or three such lines, parallel, of the same length, one line pitch apart
//! and each the length of an MRZ line in characters, are a zone. A page of ordinary text has
//! lines too, but in a proportional font, of differing lengths, with spaces: they do not chain
//! at one pitch to the same length.
//!
//! Which way the text reads is not known from the shape (a zone upside down is the same
//! shape), so both directions are returned and the reader keeps the one it reads.

use image::{GrayImage, Luma};
use imageproc::region_labelling::{Connectivity, connected_components};

use crate::report::Point;
use crate::vision::layout::ink_map;
use crate::vision::proxy::GreyF32;

/// A zone found in the photo, ready to be straightened and read.
#[derive(Debug, Clone)]
pub struct ZoneCandidate {
    /// The zone with room around it, in photo pixels: top-left, top-right, bottom-right,
    /// bottom-left as the text reads.
    pub corners: [Point; 4],
    /// Lines and characters per line.
    pub lines: usize,
    pub length: usize,
    /// The character pitch, in photo pixels.
    pub pitch: f64,
}

/// A patch of ink: its centre and spread (the proxy's pixels).
#[derive(Debug, Clone, Copy)]
struct Patch {
    x: f64,
    y: f64,
    /// Radius of gyration: about a third of a character's height for a glyph.
    radius: f64,
}

/// Fewest characters chained for a row of patches to be taken for an MRZ line (TD1's lines
/// are 30; a few characters merge with their neighbours or break up at the proxy's scale).
const MIN_CHAIN: usize = 18;

/// Patches of `ink` (a proxy-sized mask of dark print) that could be characters: neither
/// specks nor blocks.
fn patches(ink: &GrayImage) -> Vec<Patch> {
    let (w, h) = ink.dimensions();
    let labels = connected_components(ink, Connectivity::Eight, Luma([0u8]));
    let count = labels.pixels().map(|l| l.0[0]).max().unwrap_or(0) as usize;
    // Sums of 1, x, y, x², y² per patch.
    let mut sums = vec![[0f64; 5]; count];
    for (x, y, label) in labels.enumerate_pixels() {
        let l = label.0[0] as usize;
        if l == 0 {
            continue;
        }
        let (x, y) = (f64::from(x), f64::from(y));
        let s = &mut sums[l - 1];
        s[0] += 1.0;
        s[1] += x;
        s[2] += y;
        s[3] += x * x;
        s[4] += y * y;
    }
    let largest = f64::from(w.min(h)) / 12.0;
    sums.iter()
        .filter(|s| s[0] >= 3.0)
        .map(|s| {
            let (cx, cy) = (s[1] / s[0], s[2] / s[0]);
            let spread = (s[3] / s[0] - cx * cx) + (s[4] / s[0] - cy * cy);
            Patch {
                x: cx,
                y: cy,
                radius: spread.max(0.0).sqrt(),
            }
        })
        .filter(|p| p.radius >= 0.7 && p.radius <= largest)
        .collect()
}

/// The directions print runs in, strongest first (radians in `[0, π)`): each patch votes for
/// the direction to its nearest neighbour of a similar size.
fn text_directions(patches: &[Patch]) -> Vec<f64> {
    const BINS: usize = 180;
    let mut votes = vec![0f64; BINS];
    let grid = Grid::new(patches);
    for (i, p) in patches.iter().enumerate() {
        let nearest = grid
            .near(p, 6.0 * p.radius)
            .filter(|&j| j != i)
            .map(|j| (j, &patches[j]))
            .filter(|(_, q)| similar(p, q))
            .map(|(j, q)| (j, (q.x - p.x).hypot(q.y - p.y)))
            .filter(|&(_, d)| d >= 1.5 * p.radius)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = nearest {
            let q = &patches[j];
            let angle = (q.y - p.y)
                .atan2(q.x - p.x)
                .rem_euclid(std::f64::consts::PI);
            votes[(angle / std::f64::consts::PI * BINS as f64) as usize % BINS] += 1.0;
        }
    }
    // Smooth over ±2° (circularly), then take peaks at least 8° apart.
    let smoothed: Vec<f64> = (0..BINS)
        .map(|i| (0..5).map(|k| votes[(i + BINS + k - 2) % BINS]).sum())
        .collect();
    let mut order: Vec<usize> = (0..BINS).collect();
    order.sort_by(|&a, &b| smoothed[b].total_cmp(&smoothed[a]));
    let mut peaks: Vec<usize> = Vec::new();
    for i in order {
        if smoothed[i] < 6.0 || peaks.len() == 3 {
            break;
        }
        if peaks.iter().all(|&p| {
            (i as i64 - p as i64)
                .rem_euclid(BINS as i64)
                .min((p as i64 - i as i64).rem_euclid(BINS as i64))
                >= 8
        }) {
            peaks.push(i);
        }
    }
    peaks
        .into_iter()
        .map(|i| (i as f64 + 0.5) / BINS as f64 * std::f64::consts::PI)
        .collect()
}

/// Two patches of about one size (a `<` is smaller than a letter; two touching characters
/// are larger).
fn similar(a: &Patch, b: &Patch) -> bool {
    let ratio = a.radius.max(b.radius) / a.radius.min(b.radius);
    ratio <= 2.5
}

/// A bucket grid over patch centres, for neighbour queries.
struct Grid {
    cell: f64,
    columns: usize,
    rows: usize,
    buckets: Vec<Vec<usize>>,
    centres: Vec<(f64, f64)>,
}

impl Grid {
    fn new(patches: &[Patch]) -> Grid {
        let mut radii: Vec<f64> = patches.iter().map(|p| p.radius).collect();
        let typical = if radii.is_empty() {
            1.0
        } else {
            let n = radii.len();
            *radii.select_nth_unstable_by(n / 2, f64::total_cmp).1
        };
        let cell = (6.0 * typical).max(4.0);
        let max_x = patches.iter().map(|p| p.x).fold(0.0, f64::max);
        let max_y = patches.iter().map(|p| p.y).fold(0.0, f64::max);
        let columns = (max_x / cell) as usize + 1;
        let rows = (max_y / cell) as usize + 1;
        let mut buckets = vec![Vec::new(); columns * rows];
        for (i, p) in patches.iter().enumerate() {
            buckets[(p.y / cell) as usize * columns + (p.x / cell) as usize].push(i);
        }
        Grid {
            cell,
            columns,
            rows,
            buckets,
            centres: patches.iter().map(|p| (p.x, p.y)).collect(),
        }
    }

    /// Indices of the patches within `reach` of `p` (roughly: whole buckets, then filtered).
    fn near<'a>(&'a self, p: &Patch, reach: f64) -> impl Iterator<Item = usize> + 'a {
        let span = (reach / self.cell).ceil() as i64;
        let (cx, cy) = ((p.x / self.cell) as i64, (p.y / self.cell) as i64);
        let (px, py) = (p.x, p.y);
        (cy - span..=cy + span)
            .filter(move |&r| r >= 0 && (r as usize) < self.rows)
            .flat_map(move |r| {
                (cx - span..=cx + span)
                    .filter(move |&c| c >= 0 && (c as usize) < self.columns)
                    .map(move |c| r as usize * self.columns + c as usize)
            })
            .flat_map(move |b| self.buckets[b].iter().copied())
            .filter(move |&j| {
                let (x, y) = self.centres[j];
                (x - px).hypot(y - py) <= reach
            })
    }
}

/// A row of patches at one pitch, in coordinates along (`a`) and across (`b`) the direction.
#[derive(Debug, Clone)]
struct Chain {
    /// Along-line position of the first and last patch.
    start: f64,
    end: f64,
    /// Across-line position (mean) and the line's slope in that frame.
    offset: f64,
    slope: f64,
    pitch: f64,
    members: usize,
}

impl Chain {
    fn across_at(&self, a: f64) -> f64 {
        self.offset + self.slope * (a - (self.start + self.end) / 2.0)
    }
}

/// Rows of patches running along `angle`, each at an even pitch.
fn chains(patches: &[Patch], angle: f64) -> Vec<Chain> {
    let (c, s) = (angle.cos(), angle.sin());
    let along: Vec<f64> = patches.iter().map(|p| p.x * c + p.y * s).collect();
    let across: Vec<f64> = patches.iter().map(|p| -p.x * s + p.y * c).collect();
    let mut order: Vec<usize> = (0..patches.len()).collect();
    order.sort_by(|&i, &j| along[i].total_cmp(&along[j]));
    // Each patch links to the nearest patch ahead of it in its row.
    let mut next: Vec<Option<usize>> = vec![None; patches.len()];
    for (k, &i) in order.iter().enumerate() {
        let p = &patches[i];
        let mut best: Option<(usize, f64)> = None;
        for &j in &order[k + 1..] {
            let da = along[j] - along[i];
            let reach = 9.0 * p.radius.max(patches[j].radius);
            if da > reach {
                break;
            }
            let db = (across[j] - across[i]).abs();
            if da < 0.8 * p.radius
                || db > 0.9 * p.radius.max(patches[j].radius) + 0.06 * da
                || !similar(p, &patches[j])
            {
                continue;
            }
            if best.is_none_or(|(_, d)| da < d) {
                best = Some((j, da));
            }
        }
        next[i] = best.map(|(j, _)| j);
    }
    // A patch with two patches behind it keeps the nearer.
    let mut previous: Vec<Option<usize>> = vec![None; patches.len()];
    for &i in &order {
        if let Some(j) = next[i] {
            match previous[j] {
                Some(other) if along[j] - along[other] <= along[j] - along[i] => next[i] = None,
                Some(other) => {
                    next[other] = None;
                    previous[j] = Some(i);
                }
                None => previous[j] = Some(i),
            }
        }
    }
    let mut found = Vec::new();
    for &head in &order {
        if previous[head].is_some() {
            continue;
        }
        let mut members = vec![head];
        while let Some(j) = next[*members.last().unwrap_or(&head)] {
            members.push(j);
        }
        if members.len() < MIN_CHAIN {
            continue;
        }
        if let Some(chain) = fit_chain(&members, &along, &across) {
            found.push(chain);
        }
    }
    found
}

/// The line through a chain's patches and its pitch: the median step between neighbours.
/// `None` when the steps are too uneven for monospaced print.
fn fit_chain(members: &[usize], along: &[f64], across: &[f64]) -> Option<Chain> {
    let n = members.len() as f64;
    let steps: Vec<f64> = members
        .windows(2)
        .map(|w| along[w[1]] - along[w[0]])
        .collect();
    let median = |values: &[f64]| -> f64 {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    };
    let pitch = median(&steps);
    // A monospaced line steps by one pitch (two where a character merged with a neighbour or
    // broke up); proportional print with spaces does not. The pitch is the local one (the
    // median of the steps around), as it grows along a line seen at an angle.
    let regular = (0..steps.len())
        .filter(|&i| {
            let local = median(&steps[i.saturating_sub(3)..(i + 4).min(steps.len())]);
            let d = steps[i];
            let multiple = (d / local).round().clamp(1.0, 2.0);
            (d - multiple * local).abs() <= 0.25 * local
        })
        .count() as f64;
    if regular < 0.85 * (n - 1.0) {
        return None;
    }
    let (mean_a, mean_b) = (
        members.iter().map(|&i| along[i]).sum::<f64>() / n,
        members.iter().map(|&i| across[i]).sum::<f64>() / n,
    );
    let (mut saa, mut sab) = (0.0, 0.0);
    for &i in members {
        saa += (along[i] - mean_a).powi(2);
        sab += (along[i] - mean_a) * (across[i] - mean_b);
    }
    let slope = if saa > 0.0 { sab / saa } else { 0.0 };
    let start = along[members[0]];
    let end = along[members[members.len() - 1]];
    Some(Chain {
        start,
        end,
        offset: mean_b + slope * ((start + end) / 2.0 - mean_a),
        slope,
        pitch,
        members: members.len(),
    })
}

/// The MRZ line lengths: TD1's 30, TD2's and the French card's 36, TD3's 44.
fn nearest_length(characters: f64, lines: usize) -> Option<usize> {
    let candidates: &[usize] = if lines == 3 { &[30] } else { &[36, 44] };
    candidates
        .iter()
        .copied()
        .find(|&l| (characters - l as f64).abs() <= 0.08 * l as f64 + 1.0)
}

/// Zones of two or three MRZ lines in `grey` (a proxy `to_full` times smaller than the photo),
/// best first; each in both reading directions. Dark print is found by the adaptive threshold
/// the layout uses.
pub fn find_zones(grey: &GreyF32, to_full: f64) -> Vec<ZoneCandidate> {
    let (w, h) = grey.dimensions();
    let ink = ink_map(grey, &GrayImage::from_pixel(w, h, Luma([255])));
    zones_in(&patches(&ink), to_full)
}

/// Zones made of the character-like `patches`.
fn zones_in(patches: &[Patch], to_full: f64) -> Vec<ZoneCandidate> {
    let mut zones: Vec<(f64, ZoneCandidate)> = Vec::new();
    for angle in text_directions(patches) {
        let mut lines = chains(patches, angle);
        lines.sort_by(|a, b| a.offset.total_cmp(&b.offset));
        for (i, first) in lines.iter().enumerate() {
            // The lines after `first` that continue a zone with it: same pitch, the same start
            // or end (up to 4 characters at the other end may not chain), one line pitch
            // (1.3–2.6 characters) further across. A line two pitches on is a TD1 zone's
            // third line with its second not chained (blur merges dense digits).
            let mut group = vec![first];
            let mut skipped = 0;
            for other in &lines[i + 1..] {
                let last = group[group.len() - 1];
                let pitch = (first.pitch + other.pitch) / 2.0;
                let gap = other.offset - last.offset;
                if gap > 5.2 * pitch {
                    break;
                }
                let (starts, ends) = (
                    (other.start - first.start).abs(),
                    (other.end - first.end).abs(),
                );
                let aligned = starts.max(ends) <= 4.5 * pitch && starts.min(ends) <= 1.6 * pitch;
                if (other.pitch - first.pitch).abs() > 0.12 * pitch || !aligned {
                    continue;
                }
                if (1.3 * pitch..=2.6 * pitch).contains(&gap) {
                    group.push(other);
                } else if group.len() == 1 && (2.7 * pitch..=5.2 * pitch).contains(&gap) {
                    group.push(other);
                    skipped = 1;
                } else {
                    continue;
                }
                if group.len() + skipped == 3 {
                    break;
                }
            }
            if group.len() < 2 {
                continue;
            }
            let count = group.len() + skipped;
            let pitch = group.iter().map(|c| c.pitch).sum::<f64>() / group.len() as f64;
            let start = group.iter().map(|c| c.start).fold(f64::MAX, f64::min);
            let end = group.iter().map(|c| c.end).fold(f64::MIN, f64::max);
            let Some(length) = nearest_length((end - start) / pitch + 1.0, count) else {
                continue;
            };
            let strength = group.iter().map(|c| c.members as f64).sum::<f64>();
            zones.push((
                strength,
                ZoneCandidate {
                    corners: zone_corners(&group, pitch, angle, to_full),
                    lines: count,
                    length,
                    pitch: pitch * to_full,
                },
            ));
        }
    }
    zones.sort_by(|a, b| b.0.total_cmp(&a.0));
    zones
        .into_iter()
        .flat_map(|(_, zone)| {
            let mut turned = zone.clone();
            turned.corners.rotate_left(2);
            [zone, turned]
        })
        .collect()
}

/// Room left around the text when the zone is straightened, in character pitches: across the
/// lines (skew, the band found a little inside) and along them (a character missed at an end).
const MARGIN_ACROSS: f64 = 1.0;
const MARGIN_ALONG: f64 = 2.5;

/// The corners (in photo pixels) of the zone spanned by `group`, with room around it.
///
/// An MRZ's lines start and end in the same columns, so the step from the first line's ends
/// to the last line's is the page's own vertical: seen at an angle it is not square to the
/// lines, and a zone cut square would shear every character. When the two ends disagree (a
/// character at one end not chained), the zone is cut square.
fn zone_corners(group: &[&Chain], pitch: f64, angle: f64, to_full: f64) -> [Point; 4] {
    let (c, s) = (angle.cos(), angle.sin());
    let first = group[0];
    let last = group[group.len() - 1];
    let across = last.offset - first.offset;
    let (slant_start, slant_end) = (
        (last.start - first.start) / across,
        (last.end - first.end) / across,
    );
    let slant = if ((slant_start - slant_end) * across).abs() <= 0.5 * pitch {
        (slant_start + slant_end) / 2.0
    } else {
        0.0
    };
    // Characters reach about 0.7 pitch either side of their centres' line.
    let top = |a: f64| first.across_at(a) - (0.7 + MARGIN_ACROSS) * pitch;
    let bottom = |a: f64| last.across_at(a) + (0.7 + MARGIN_ACROSS) * pitch;
    // Where an edge along the page's vertical through `a` (on the first line) meets `edge`.
    let meet = |a: f64, edge: &dyn Fn(f64) -> f64| -> (f64, f64) {
        let mut point = (a, edge(a));
        for _ in 0..3 {
            let along = a + slant * (point.1 - first.offset);
            point = (along, edge(along));
        }
        point
    };
    // Along the first line; but where another line reaches over a pitch further (the first
    // did not chain its first or last characters), to that line's end, carried back to the
    // first line along the slant.
    let on_first = |c: &Chain, a: f64| a - slant * (c.offset - first.offset);
    let start = group
        .iter()
        .map(|c| on_first(c, c.start))
        .filter(|&a| a < first.start - pitch)
        .fold(first.start, f64::min);
    let end = group
        .iter()
        .map(|c| on_first(c, c.end))
        .filter(|&a| a > first.end + pitch)
        .fold(first.end, f64::max);
    let (left, right) = (start - MARGIN_ALONG * pitch, end + MARGIN_ALONG * pitch);
    let to_photo =
        |(a, b): (f64, f64)| -> Point { [(a * c - b * s) * to_full, (a * s + b * c) * to_full] };
    [
        to_photo(meet(left, &top)),
        to_photo(meet(right, &top)),
        to_photo(meet(right, &bottom)),
        to_photo(meet(left, &bottom)),
    ]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use ab_glyph::{FontRef, PxScale};
    use image::{DynamicImage, RgbImage};
    use imageproc::drawing::draw_text_mut;
    use imageproc::geometric_transformations::{
        Border, Interpolation, rotate_about_center_no_crop,
    };

    use crate::vision::proxy::proxy;

    /// The ICAO 9303 specimen passport's zone (Utopia).
    pub const UTOPIA: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];

    /// `lines` printed in OCR-B at `pitch` pixels per character on pale paper in the middle of
    /// a darker table, turned by `degrees` (anticlockwise).
    pub fn printed(lines: &[&str], pitch: f32, degrees: f32) -> DynamicImage {
        let font = FontRef::try_from_slice(crate::mrz::recognise::OCR_B).expect("OCR-B parses");
        let longest = lines.iter().map(|l| l.len()).max().unwrap_or(0) as f32;
        let (w, h) = (
            (longest * pitch + 8.0 * pitch) as u32,
            (lines.len() as f32 * 2.5 * pitch + 10.0 * pitch) as u32,
        );
        let mut paper = RgbImage::from_pixel(w, h, image::Rgb([228, 226, 220]));
        for (n, line) in lines.iter().enumerate() {
            let y = (5.0 + 2.5 * n as f32) * pitch;
            for (i, c) in line.chars().enumerate() {
                let x = (4.0 + i as f32) * pitch;
                draw_text_mut(
                    &mut paper,
                    image::Rgb([30, 30, 35]),
                    x as i32,
                    y as i32,
                    PxScale::from(pitch * 1.6),
                    &font,
                    &c.to_string(),
                );
            }
        }
        let turned = rotate_about_center_no_crop(
            &paper,
            degrees.to_radians(),
            Interpolation::Bilinear,
            Border::Constant(image::Rgb([90, 70, 60])),
        );
        DynamicImage::ImageRgb8(turned)
    }

    fn zones_of(image: &DynamicImage) -> Vec<ZoneCandidate> {
        let small = proxy(image, 640);
        find_zones(&small.grey, small.scale)
    }

    #[test]
    fn a_zone_is_found_at_any_angle_with_its_shape() {
        for degrees in [0.0, 6.0, -9.0, 90.0, 184.0, 273.0] {
            let zones = zones_of(&printed(&UTOPIA, 18.0, degrees));
            let zone = zones
                .first()
                .unwrap_or_else(|| panic!("no zone found at {degrees}°"));
            assert_eq!((zone.lines, zone.length), (2, 44), "at {degrees}°");
            assert!(
                (zone.pitch - 18.0).abs() < 1.5,
                "pitch {} at {degrees}°",
                zone.pitch
            );
            // Both reading directions are offered: the shape cannot tell them apart.
            assert_eq!(zones.len() % 2, 0);
        }
    }

    #[test]
    fn three_lines_of_thirty_are_a_td1_zone_even_when_the_middle_one_does_not_chain() {
        let td1 = [
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ];
        // Blur can merge a line of dense digits into one blot; its neighbours still chain.
        let middle_lost = [td1[0], "", td1[2]];
        for lines in [td1, middle_lost] {
            let zones = zones_of(&printed(&lines, 20.0, 3.0));
            let zone = zones.first().expect("a zone");
            assert_eq!((zone.lines, zone.length), (3, 30), "{lines:?}");
        }
    }

    #[test]
    fn text_with_spaces_or_one_line_is_not_a_zone() {
        let prose = [
            "SURNAME  ERIKSSON   GIVEN NAMES  ANNA MARIA",
            "DATE OF BIRTH  12 AUG 1974    SEX  F   UTOPIA",
        ];
        assert!(zones_of(&printed(&prose, 18.0, 0.0)).is_empty());
        assert!(zones_of(&printed(&UTOPIA[..1], 18.0, 0.0)).is_empty());
        // Two full lines of different lengths are not one zone either.
        let uneven = [UTOPIA[0], &UTOPIA[1][..30]];
        assert!(zones_of(&printed(&uneven, 18.0, 0.0)).is_empty());
    }
}
