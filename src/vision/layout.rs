//! What kind of document this is, which way up it lies, and where its machine-readable zone
//! and portrait are — read from the rectified document's print.
//!
//! The MRZ is the most recognisable thing on an identity document: two or three lines of
//! evenly spaced OCR-B characters running almost from edge to edge along the bottom of the
//! page (ICAO 9303). Looking for it along both long edges of the rectified document tells
//! which way up the document lies; its line count and character pitch tell the layout (TD1
//! 3 × 30, TD2 2 × 36, TD3 2 × 44 characters at 2.54 mm), and with it the document's real
//! width. A document with no MRZ (a card's front) is placed by its proportions, and turned so
//! that its portrait — the large part with no lines of text — is on the left, where ICAO 9303
//! puts it.
//!
//! Zones are given as fractions of the rectified document's width and height, upright.

use image::GrayImage;

use super::proxy::GreyF32;
use super::rectify::ID1_ASPECT;

/// A rectangle as fractions of the document's width and height: `[left, top, right, bottom]`.
pub type Zone = [f64; 4];

/// The documents the layout tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// TD1 card (ID-1 size) showing its MRZ: the back of most identity cards.
    Td1Back,
    /// An ID-1 card without an MRZ in view: the front of an identity card, a driving licence.
    Id1Front,
    /// TD2 card (105 × 74 mm) with its MRZ.
    Td2,
    /// TD3 passport data page (125 × 88 mm) with its MRZ.
    Td3,
    /// Passport-page proportions, no MRZ found: a TD3 page or a TD2 card.
    PassportSized,
}

impl DocumentKind {
    /// Physical width in millimetres, when known.
    pub fn width_mm(self) -> Option<f64> {
        match self {
            DocumentKind::Td1Back | DocumentKind::Id1Front => Some(85.6),
            DocumentKind::Td2 => Some(105.0),
            DocumentKind::Td3 => Some(125.0),
            DocumentKind::PassportSized => None,
        }
    }

    /// A short description for messages.
    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::Td1Back => "an ID card (back, with its machine-readable zone)",
            DocumentKind::Id1Front => "a card of ID-1 size (an ID card's front, a driving licence)",
            DocumentKind::Td2 => "a TD2-size ID card",
            DocumentKind::Td3 => "a passport data page",
            DocumentKind::PassportSized => "a passport page or TD2 card",
        }
    }

    /// A stable identifier, for JSON.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Td1Back => "td1-back",
            DocumentKind::Id1Front => "id1-front",
            DocumentKind::Td2 => "td2",
            DocumentKind::Td3 => "td3",
            DocumentKind::PassportSized => "passport-sized",
        }
    }

    /// The kind in two or three words, for sentences that also give its size.
    pub fn short_name(self) -> &'static str {
        match self {
            DocumentKind::Td1Back | DocumentKind::Id1Front => "an ID-1 card",
            DocumentKind::Td2 => "a TD2 card",
            DocumentKind::Td3 => "a passport page",
            DocumentKind::PassportSized => "a passport page or TD2 card",
        }
    }
}

/// The machine-readable zone as found in the rectified document.
#[derive(Debug, Clone, PartialEq)]
pub struct MrzBand {
    /// Where it lies, upright.
    pub zone: Zone,
    /// Number of text lines (2 or 3).
    pub lines: usize,
    /// Distance between character centres, as a fraction of the document's width.
    pub pitch: f64,
}

impl MrzBand {
    /// Characters per line the pitch and extent suggest.
    pub fn characters_per_line(&self) -> f64 {
        (self.zone[2] - self.zone[0]) / self.pitch
    }
}

/// The layout of a rectified document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub kind: DocumentKind,
    /// Whether the rectified image shows the document upside down (turned 180°).
    pub upside_down: bool,
    pub mrz: Option<MrzBand>,
    /// Where the portrait is (upright), when the layout has one.
    pub portrait: Option<Zone>,
}

impl Layout {
    /// A zone given upright, in the rectified image's own frame (turned if the image is upside
    /// down).
    pub fn in_image(&self, zone: Zone) -> Zone {
        if self.upside_down {
            [1.0 - zone[2], 1.0 - zone[3], 1.0 - zone[0], 1.0 - zone[1]]
        } else {
            zone
        }
    }
}

/// ICAO 9303's portrait zone for each layout (upright), with room for where issuers put it.
fn portrait_zone(kind: DocumentKind) -> Option<Zone> {
    match kind {
        DocumentKind::Td3 | DocumentKind::PassportSized => Some([0.03, 0.2, 0.34, 0.74]),
        DocumentKind::Td2 => Some([0.03, 0.17, 0.35, 0.72]),
        DocumentKind::Id1Front => Some([0.03, 0.2, 0.35, 0.84]),
        DocumentKind::Td1Back => None,
    }
}

/// Work out the layout of a rectified document whose proportions are `aspect`.
pub fn analyse(grey: &GreyF32, valid: &GrayImage, aspect: f64) -> Layout {
    let ink = ink_map(grey, valid);
    let id1 = (aspect - ID1_ASPECT).abs() < 0.08;
    let bottom = find_mrz(&ink, false);
    let top = find_mrz(&ink, true);
    let (mrz, upside_down) = match (bottom, top) {
        (Some(b), Some(t)) => {
            if b.1 >= t.1 {
                (Some(b.0), false)
            } else {
                (Some(t.0), true)
            }
        }
        (Some(b), None) => (Some(b.0), false),
        (None, Some(t)) => (Some(t.0), true),
        (None, None) => (None, false),
    };
    match mrz {
        Some(band) => {
            // The line count and length say which layout; ID-1 proportions only break a tie.
            let kind = if band.lines == 3 {
                DocumentKind::Td1Back
            } else if band.characters_per_line() >= 40.0 {
                DocumentKind::Td3
            } else if band.characters_per_line() >= 33.0 || !id1 {
                DocumentKind::Td2
            } else {
                DocumentKind::Td1Back
            };
            Layout {
                kind,
                upside_down,
                portrait: portrait_zone(kind),
                mrz: Some(band),
            }
        }
        None => {
            let kind = if id1 {
                DocumentKind::Id1Front
            } else {
                DocumentKind::PassportSized
            };
            // With no MRZ to go by, the portrait is on the side whose print comes in broader
            // strokes: a photo's hair and clothes rather than lines of text.
            let upside_down = stroke_width(&ink, 0.0, 0.38) < stroke_width(&ink, 0.62, 1.0);
            Layout {
                kind,
                upside_down,
                portrait: portrait_zone(kind),
                mrz: None,
            }
        }
    }
}

/// Dark print, by Sauvola's adaptive threshold (Sauvola and Pietikäinen, "Adaptive document
/// image binarization", 2000): a pixel is ink when darker than its neighbourhood's mean by a
/// margin that shrinks where the neighbourhood is contrasty (print) and grows where it is
/// flat (paper, light guilloche). The window is about two text lines tall. Invalid (cut-off)
/// pixels are never ink.
pub fn ink_map(grey: &GreyF32, valid: &GrayImage) -> GrayImage {
    const K: f64 = 0.2;
    const R: f64 = 128.0;
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let radius = (h / 40).max(4);
    // Integral images of values and squares, one row and column of zeros in front.
    let stride = w + 1;
    let mut sum = vec![0f64; stride * (h + 1)];
    let mut squares = vec![0f64; stride * (h + 1)];
    let values = grey.as_raw();
    for y in 0..h {
        let (mut row_sum, mut row_squares) = (0.0, 0.0);
        for x in 0..w {
            let v = f64::from(values[y * w + x]);
            row_sum += v;
            row_squares += v * v;
            sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + row_sum;
            squares[(y + 1) * stride + x + 1] = squares[y * stride + x + 1] + row_squares;
        }
    }
    let mask = valid.as_raw();
    let mut ink = GrayImage::new(w as u32, h as u32);
    let out: &mut [u8] = &mut ink;
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(h));
        for x in 0..w {
            if mask[y * w + x] == 0 {
                continue;
            }
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let n = ((y1 - y0) * (x1 - x0)) as f64;
            let box_sum = |t: &[f64]| {
                t[y1 * stride + x1] - t[y0 * stride + x1] - t[y1 * stride + x0]
                    + t[y0 * stride + x0]
            };
            let mean = box_sum(&sum) / n;
            let deviation = (box_sum(&squares) / n - mean * mean).max(0.0).sqrt();
            let threshold = mean * (1.0 + K * (deviation / R - 1.0));
            if f64::from(values[y * w + x]) < threshold {
                out[y * w + x] = 255;
            }
        }
    }
    ink
}

/// Mean length of the runs of ink along rows between the fractions `from` and `to` of the
/// width, over the middle of the height: a few pixels for text, tens for a photo's shapes.
fn stroke_width(ink: &GrayImage, from: f64, to: f64) -> f64 {
    let (w, h) = (ink.width() as usize, ink.height() as usize);
    let (x0, x1) = (
        (from * w as f64) as usize,
        ((to * w as f64) as usize).min(w),
    );
    let raw = ink.as_raw();
    let (mut pixels, mut runs) = (0usize, 0usize);
    for y in h * 15 / 100..h * 90 / 100 {
        let mut previous = false;
        for &v in &raw[y * w + x0..y * w + x1] {
            let now = v > 0;
            pixels += usize::from(now);
            runs += usize::from(now && !previous);
            previous = now;
        }
    }
    pixels as f64 / runs.max(1) as f64
}

/// Look for an MRZ along the bottom edge (or the top edge, `flipped`). Returns the band
/// (upright coordinates, as if the image were turned when `flipped`) and a strength.
fn find_mrz(ink: &GrayImage, flipped: bool) -> Option<(MrzBand, f64)> {
    let (w, h) = (ink.width() as usize, ink.height() as usize);
    let row = |y: usize| if flipped { h - 1 - y } else { y };
    let column = |x: usize| if flipped { w - 1 - x } else { x };
    // Per row of the bottom 45%: the longest chain of ink whose gaps are under two
    // characters at the largest pitch (TD1's, 3% of the width). An MRZ line is one such chain
    // almost from edge to edge (it has no spaces: fillers are printed); the visual zone's text
    // starts beside the portrait, and a barcode stops short.
    // A row counts ink within a few rows either way, so that a row through the top of the
    // characters still sees the short ones ('<').
    let gap = (0.06 * w as f64) as usize;
    let reach = (h / 150).max(2);
    let start = h * 55 / 100;
    let raw = ink.as_raw();
    let line_row: Vec<bool> = (start..h)
        .map(|y| {
            let rows: Vec<usize> = (y.saturating_sub(reach)..(y + reach + 1).min(h))
                .map(|yy| row(yy) * w)
                .collect();
            let (mut best, mut chain_start, mut last, mut count, mut best_count) =
                (0usize, None::<usize>, 0usize, 0usize, 0usize);
            for x in 0..w {
                let xx = column(x);
                if !rows.iter().any(|&r| raw[r + xx] > 0) {
                    continue;
                }
                match chain_start {
                    Some(_) if x - last <= gap => count += 1,
                    _ => {
                        chain_start = Some(x);
                        count = 1;
                    }
                }
                last = x;
                let length = x - chain_start.unwrap_or(x) + 1;
                if length > best {
                    best = length;
                    best_count = count;
                }
            }
            let density = best_count as f64 / best.max(1) as f64;
            best as f64 >= 0.7 * w as f64 && (0.08..=0.97).contains(&density)
        })
        .collect();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut run_start = None;
    for (i, &on) in line_row.iter().chain(std::iter::once(&false)).enumerate() {
        match (on, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                lines.push((start + s, start + i));
                run_start = None;
            }
            _ => {}
        }
    }
    // MRZ characters are 2.0–3.2 mm tall: 2.3–6% of a document's height (plus the rows
    // either side each row looks at).
    let min_height = (0.015 * h as f64).max(3.0) as usize + 2 * reach;
    let max_height = (0.075 * h as f64) as usize + 2 * reach;
    lines.retain(|&(a, b)| (min_height..=max_height).contains(&(b - a)));
    // Undo the rows either side: the lines' own extent.
    let lines: Vec<(usize, usize)> = lines
        .into_iter()
        .map(|(a, b)| (a + reach, b - reach))
        .collect();
    // The MRZ: the last two or three lines, evenly spaced, the last near the edge.
    let best = [3usize, 2]
        .into_iter()
        .filter(|&n| lines.len() >= n)
        .find_map(|n| {
            let group = &lines[lines.len() - n..];
            let heights: Vec<f64> = group.iter().map(|&(a, b)| (b - a) as f64).collect();
            let mean_height = heights.iter().sum::<f64>() / n as f64;
            if heights
                .iter()
                .any(|&x| (x - mean_height).abs() > 0.45 * mean_height)
            {
                return None;
            }
            let pitches: Vec<f64> = group
                .windows(2)
                .map(|p| ((p[1].0 + p[1].1) as f64 - (p[0].0 + p[0].1) as f64) / 2.0)
                .collect();
            let mean_pitch = pitches.iter().sum::<f64>() / pitches.len() as f64;
            // ICAO line pitch is 4.23 mm for characters 2–2.5 mm tall: 1.7–2.1 heights, more
            // where the print is light and only the characters' cores show.
            if !(1.2..=3.6).contains(&(mean_pitch / mean_height))
                || pitches
                    .iter()
                    .any(|&p| (p - mean_pitch).abs() > 0.2 * mean_pitch)
            {
                return None;
            }
            let last_bottom = group[n - 1].1;
            if (h - last_bottom) as f64 > 0.22 * h as f64 {
                return None;
            }
            Some((group.to_vec(), mean_height))
        })?;
    let (group, mean_height) = best;
    let (y0, y1) = (group[0].0, group[group.len() - 1].1);
    // Horizontal extent and pitch from the column profile of ink over the band.
    let mut profile = vec![0f64; w];
    for y in y0..y1 {
        for (x, p) in profile.iter_mut().enumerate() {
            if ink.get_pixel(column(x) as u32, row(y) as u32).0[0] > 0 {
                *p += 1.0;
            }
        }
    }
    let columns: Vec<usize> = (0..w).filter(|&x| profile[x] > 0.0).collect();
    let (first, last) = (
        columns[columns.len() / 100],
        columns[columns.len() - 1 - columns.len() / 100],
    );
    let pitch = character_pitch(&profile[first..=last], w)?;
    let margin = 0.3 * mean_height;
    let zone = [
        (first as f64 - pitch * 0.3) / w as f64,
        (y0 as f64 - margin) / h as f64,
        (last as f64 + pitch * 0.3) / w as f64,
        (y1 as f64 + margin) / h as f64,
    ]
    .map(|v| v.clamp(0.0, 1.0));
    let strength = group.len() as f64 * (last - first) as f64 / w as f64;
    Some((
        MrzBand {
            zone,
            lines: group.len(),
            pitch: pitch / w as f64,
        },
        strength,
    ))
}

/// The period of a column profile across a line of fixed-pitch characters: the lag of the
/// highest autocorrelation between the pitches of the three MRZ layouts (TD1's 2.54 mm on
/// 85.6 mm is 2.97% of the width, TD3's on 125 mm 2.03%).
fn character_pitch(profile: &[f64], width: usize) -> Option<f64> {
    let n = profile.len();
    let mean = profile.iter().sum::<f64>() / n as f64;
    let centred: Vec<f64> = profile.iter().map(|p| p - mean).collect();
    let energy: f64 = centred.iter().map(|v| v * v).sum();
    if energy <= 0.0 {
        return None;
    }
    let (low, high) = (
        (0.017 * width as f64).floor() as usize,
        (0.034 * width as f64).ceil() as usize,
    );
    let correlation = |lag: usize| -> f64 {
        centred
            .iter()
            .zip(&centred[lag.min(n)..])
            .map(|(a, b)| a * b)
            .sum::<f64>()
            / energy
    };
    let (lag, value) = (low..=high.min(n / 2))
        .map(|lag| (lag, correlation(lag)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if value < 0.1 {
        return None;
    }
    // Refine to a fraction of a pixel with a parabola through the neighbours.
    let (a, b, c) = (
        correlation(lag.saturating_sub(1)),
        value,
        correlation(lag + 1),
    );
    let curvature = a - 2.0 * b + c;
    let offset = if curvature < 0.0 {
        (0.5 * (a - c) / curvature).clamp(-0.5, 0.5)
    } else {
        0.0
    };
    Some(lag as f64 + offset)
}
