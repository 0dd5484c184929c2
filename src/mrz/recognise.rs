//! Recognising the characters of a straightened MRZ by matching OCR-B templates.
//!
//! The MRZ is printed in one typeface at one pitch, so reading it needs no trained model:
//! templates of its 37 characters are rendered from the vendored OCR-B font at run time, each
//! line's cells are cut at the measured pitch, and each cell takes the template it correlates
//! with best (zero-mean normalised cross-correlation, over a few pixels of shift); each line's
//! templates are drawn at the height and in the cut (regular or sharp) of its print, and as
//! soft as it (a Gaussian blur of up to a fifth of a pitch), whichever fits best. The layout
//! says which characters each position may hold (digits in a date, letters in a name), so the
//! confusable glyph pairs (0/O, 1/I, 8/B, 5/S, 2/Z, 6/G) are decided by position where the
//! layout decides them, and by the check digit where it does not (a document number). Lines
//! that still lean a little after straightening are read along their lean.
//!
//! Every character carries its score and its margin over the runner-up; the caller decides
//! what is too uncertain to report.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::GrayImage;

use super::parse::MrzFormat;

/// The vendored OCR-B (see assets/fonts/NOTICE).
pub static OCR_B: &[u8] = include_bytes!("../../assets/fonts/OCRB.otf");
/// Its "sharp" cut (thinner strokes, squarer joins): MRZs are printed in either.
static OCR_B_SHARP: &[u8] = include_bytes!("../../assets/fonts/OCRBS.otf");

/// The OCR-B cuts templates are rendered from.
const CUTS: [&[u8]; 2] = [OCR_B, OCR_B_SHARP];

/// The MRZ alphabet.
pub const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

/// Pixels per character pitch the templates are first rendered at (then area-averaged down
/// to each line's pitch).
const MASTER_PITCH: u32 = 48;

/// A character as read: the best template, its score and the runner-up's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadChar {
    pub char: char,
    /// Normalised cross-correlation with the best template (−1 to 1).
    pub score: f32,
    /// The best template among those the position does not allow is not counted; the best
    /// other allowed one and its score.
    pub runner_up: char,
    pub runner_up_score: f32,
}

impl ReadChar {
    pub fn margin(&self) -> f32 {
        self.score - self.runner_up_score
    }
}

/// The 37 glyphs rendered once at [`MASTER_PITCH`]: coverage (0–1, ink = 1), all the same
/// size, top at the tallest glyph's top, bottom at the baseline.
struct Masters {
    width: usize,
    height: usize,
    glyphs: Vec<(char, Vec<f32>)>,
}

fn masters(cut: usize) -> &'static Masters {
    static MASTERS: [OnceLock<Masters>; 2] = [OnceLock::new(), OnceLock::new()];
    MASTERS[cut].get_or_init(|| {
        let font = FontRef::try_from_slice(CUTS[cut]).expect("the vendored OCR-B fonts parse");
        // Scale so that one advance (OCR-B is monospaced) is MASTER_PITCH pixels.
        let probe = PxScale::from(100.0);
        let advance = font.as_scaled(probe).h_advance(font.glyph_id('0')).max(1.0);
        let scale = PxScale::from(100.0 * MASTER_PITCH as f32 / advance);
        let baseline = scale.y; // well below any glyph's top
        let canvas_h = (scale.y * 2.0) as usize;
        let width = MASTER_PITCH as usize;
        let mut drawn: Vec<(char, Vec<f32>)> = Vec::new();
        // The templates end at the baseline, where the line's ink ends: only Q's tail reaches
        // below it, and taking that as the bottom would lift every other glyph off the line.
        let bottom = baseline.round() as usize;
        let mut top = canvas_h;
        for c in ALPHABET.chars() {
            let mut cov = vec![0f32; width * canvas_h];
            let glyph = font
                .glyph_id(c)
                .with_scale_and_position(scale, point(0.0, baseline));
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|x, y, v| {
                    let (px, py) = (x as i32 + b.min.x as i32, y as i32 + b.min.y as i32);
                    if (0..width as i32).contains(&px) && (0..canvas_h as i32).contains(&py) {
                        cov[py as usize * width + px as usize] = v;
                        if v > 0.25 {
                            top = top.min(py as usize);
                        }
                    }
                });
            }
            drawn.push((c, cov));
        }
        let height = bottom.saturating_sub(top).max(1);
        let glyphs = drawn
            .into_iter()
            .map(|(c, cov)| (c, cov[top * width..(top + height) * width].to_vec()))
            .collect();
        Masters {
            width,
            height,
            glyphs,
        }
    })
}

/// Templates for one line: each glyph area-averaged to `width × height`, zero-mean and of
/// unit norm (ink positive).
struct Templates {
    width: usize,
    height: usize,
    glyphs: Vec<(char, Vec<f32>)>,
}

impl Templates {
    /// The templates of one cut and size, rendered once per process: a batch reads zones of
    /// a few sizes over and over, and rendering them took a tenth of the reading time.
    fn cached(cut: usize, width: usize, height: usize, blur: Blur) -> Arc<Templates> {
        /// More sizes than this and the cache starts again (a batch of every size imaginable
        /// must not grow it without bound).
        const MOST: usize = 256;
        type Cache = Mutex<HashMap<(usize, usize, usize, Blur), Arc<Templates>>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Cache::default);
        let key = (cut, width, height, blur);
        // A panic while holding the lock leaves a map of finished templates: still usable.
        let lock = || {
            cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(found) = lock().get(&key) {
            return Arc::clone(found);
        }
        let made = Arc::new(Templates::new(cut, width, height, blur));
        let mut map = lock();
        if map.len() >= MOST {
            map.clear();
        }
        map.insert(key, Arc::clone(&made));
        made
    }

    /// Glyphs `height` pixels tall (the master's full height), scaled alike across and centred
    /// in cells `width` wide: print varies in size at a fixed pitch, so a glyph's size is
    /// taken from the line's height, not from its pitch.
    fn new(cut: usize, width: usize, height: usize, blur: Blur) -> Templates {
        let m = masters(cut);
        let k = m.height as f32 / height as f32;
        let source_x = |x: usize| -> usize {
            ((x as f32 - width as f32 / 2.0) * k + m.width as f32 / 2.0)
                .round()
                .clamp(0.0, m.width as f32) as usize
        };
        let source_y = |y: usize| -> usize { ((y as f32 * k).round() as usize).min(m.height) };
        let resample = |cov: &[f32]| -> Vec<f32> {
            let mut out = vec![0f32; width * height];
            for (y, row) in out.chunks_exact_mut(width).enumerate() {
                let (y0, y1) = (source_y(y), source_y(y + 1));
                for (x, v) in row.iter_mut().enumerate() {
                    let (x0, x1) = (source_x(x), source_x(x + 1));
                    if x1 <= x0 || y1 <= y0 {
                        continue;
                    }
                    let sum: f32 = (y0..y1)
                        .map(|yy| {
                            cov[yy * m.width + x0..yy * m.width + x1]
                                .iter()
                                .sum::<f32>()
                        })
                        .sum();
                    *v = sum / ((y1 - y0) * (x1 - x0)) as f32;
                }
            }
            blur.apply(&mut out, width);
            normalise(&mut out);
            out
        };
        Templates {
            width,
            height,
            glyphs: m
                .glyphs
                .iter()
                .map(|(c, cov)| (*c, resample(cov)))
                .collect(),
        }
    }
}

/// How soft the templates are drawn: a Gaussian of `σ` in quarter-pixels (an integer, to key
/// the cache). Print seen out of focus, through a photocopier or moving matches its sharp
/// glyphs poorly, and worst where glyphs differ least (E and F, O and D): a template blurred
/// like the print is the matched filter for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Blur(u32);

impl Blur {
    const NONE: Blur = Blur(0);

    fn of_pixels(sigma: f32) -> Blur {
        Blur((sigma * 4.0).round().max(0.0) as u32)
    }

    /// Blur the `width`-wide `image` in place, as if paper (zero) lay all around it: the
    /// image is framed with zeros wider than the filter reaches, since the filter repeats
    /// edge pixels, which would smear a glyph touching its cell's edge along it.
    fn apply(self, image: &mut [f32], width: usize) {
        if self.0 == 0 || width == 0 {
            return;
        }
        let sigma = self.0 as f32 / 4.0;
        let pad = (3.0 * sigma).ceil() as u32 + 1;
        let height = (image.len() / width) as u32;
        let mut framed = image::ImageBuffer::<image::Luma<f32>, Vec<f32>>::new(
            width as u32 + 2 * pad,
            height + 2 * pad,
        );
        for (i, &v) in image.iter().enumerate() {
            framed.put_pixel(
                (i % width) as u32 + pad,
                (i / width) as u32 + pad,
                image::Luma([v]),
            );
        }
        let soft = imageproc::filter::gaussian_blur_f32(&framed, sigma);
        for (i, v) in image.iter_mut().enumerate() {
            *v = soft
                .get_pixel((i % width) as u32 + pad, (i / width) as u32 + pad)
                .0[0];
        }
    }
}

/// The dot product of two equally long slices, in eight independent lanes: a plain sum of
/// floats must be added in order and so is not vectorised, and this is the reader's inner loop.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for k in 0..8 {
            lanes[k] += x[k] * y[k];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// Make `values` zero-mean with unit norm (all zero when flat).
fn normalise(values: &mut [f32]) {
    let mean = values.iter().sum::<f32>() / values.len().max(1) as f32;
    values.iter_mut().for_each(|v| *v -= mean);
    let norm = values.iter().map(|v| v * v).sum::<f32>().sqrt();
    if norm > 1e-6 {
        values.iter_mut().for_each(|v| *v /= norm);
    }
}

/// Which characters a position may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharSet {
    Digit,
    /// A–Z and `<`.
    Letter,
    /// Digits, letters and `<`.
    Any,
    /// A check digit that may be `<` for an empty field.
    DigitOrFiller,
    /// `M`, `F`, `X`, `<`.
    Sex,
    /// `P`: the first character of a passport's MRZ (ICAO 9303-4).
    Passport,
    /// `A`, `C` or `I`, the first character of an identity card's (TD1, TD2) MRZ (ICAO
    /// 9303-5, -6), or `P`: a passport's zone cut short reads as a card's, and its `P` is what
    /// lets the parser refuse it.
    CardCode,
    /// A nationality: letters and `<` by the standard, but a digit where the print plainly
    /// shows one (Romania's identity card prints a numeric code, `132`, there).
    Nationality,
}

/// How far a digit must out-score every letter to be read in a [`CharSet::Nationality`]
/// position: twice the margin a character needs to be confident, so a letter that merely
/// looks like a digit (O and 0, I and 1) stays a letter.
const NATIONALITY_DIGIT_LEAD: f32 = 0.06;

impl CharSet {
    pub fn allows(self, c: char) -> bool {
        match self {
            CharSet::Digit => c.is_ascii_digit(),
            CharSet::Letter => c.is_ascii_uppercase() || c == '<',
            CharSet::Any => true,
            CharSet::DigitOrFiller => c.is_ascii_digit() || c == '<',
            CharSet::Sex => matches!(c, 'M' | 'F' | 'X' | '<'),
            CharSet::Passport => c == 'P',
            CharSet::CardCode => matches!(c, 'A' | 'C' | 'I' | 'P'),
            CharSet::Nationality => c.is_ascii_uppercase() || c == '<' || c.is_ascii_digit(),
        }
    }
}

/// The character set of every position of a format's lines.
pub fn char_sets(format: MrzFormat) -> Vec<Vec<CharSet>> {
    use CharSet::*;
    let build = |parts: &[(usize, CharSet)]| -> Vec<CharSet> {
        parts
            .iter()
            .flat_map(|&(n, set)| std::iter::repeat_n(set, n))
            .collect()
    };
    // Line 2 of TD2, TD3 and the visas opens alike (ICAO 9303-4 to -7): document number and
    // its check digit, nationality, birth date and its check digit, sex, expiry date and its
    // check digit; only what follows differs.
    let numbers_then = |tail: &[(usize, CharSet)]| -> Vec<CharSet> {
        let opening = [
            (9, Any),
            (1, Digit),
            (3, Nationality),
            (7, Digit),
            (1, Sex),
            (7, Digit),
        ];
        build(&[&opening[..], tail].concat())
    };
    match format {
        MrzFormat::Td3 => vec![
            build(&[(1, Passport), (43, Letter)]),
            numbers_then(&[(14, Any), (1, DigitOrFiller), (1, Digit)]),
        ],
        MrzFormat::MrvA => vec![build(&[(44, Letter)]), numbers_then(&[(16, Any)])],
        MrzFormat::Td2 => vec![
            build(&[(1, CardCode), (35, Letter)]),
            numbers_then(&[(7, Any), (1, Digit)]),
        ],
        MrzFormat::MrvB => vec![build(&[(36, Letter)]), numbers_then(&[(8, Any)])],
        MrzFormat::FrenchId => vec![
            build(&[(30, Letter), (6, Any)]),
            build(&[
                (12, Any),
                (1, Digit),
                (14, Letter),
                (7, Digit),
                (1, Sex),
                (1, Digit),
            ]),
        ],
        MrzFormat::Td1 => vec![
            build(&[
                (1, CardCode),
                (4, Letter),
                (9, Any),
                (1, DigitOrFiller),
                (15, Any),
            ]),
            build(&[
                (7, Digit),
                (1, Sex),
                (7, Digit),
                (3, Nationality),
                (11, Any),
                (1, Digit),
            ]),
            build(&[(30, Letter)]),
        ],
    }
}

/// The size of the tiles the paper level is measured in: two characters wide, two lines tall
/// at the reader's scale (a tile then always holds the paper between lines; one a line tall,
/// inside blurred print, takes the print's halo for paper).
const PAPER_TILE: (usize, usize) = (32, 40);

/// Darkness of a straightened MRZ image: 0 on paper, 1 on the darkest ink.
pub struct Ink {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f32>,
    /// The lines' remaining lean, in rows per column (positive: lower to the right; measured
    /// by [`lean_of`], 0 until then): rows are measured along it, and each cell is placed on
    /// its line's baseline where the cell lies. A zone straightened from an outline found at
    /// the proxy's scale can lean by a few tenths of a degree: on a real Australian page,
    /// nearly three rows over a 44-character line, so the band found for the line was taller
    /// than its glyphs and the last cells' glyphs stood above where the cells looked, beyond
    /// their search up and down; a `P` missing the lower right of its bowl read as `F`, with
    /// every check digit holding (P and F are ten apart, which no check digit sees).
    pub lean: f32,
}

impl Ink {
    /// Darkness relative to the paper around each point: the paper level is taken per tile
    /// of [`PAPER_TILE`] (its 80th percentile: most of an MRZ is paper) and interpolated
    /// between tiles, so light falling off across the zone, or along it (a reflection beside
    /// the zone, a shadow), is not read as ink.
    pub fn of(grey: &GrayImage) -> Ink {
        let (w, h) = (grey.width() as usize, grey.height() as usize);
        let raw = grey.as_raw();
        let (tile_w, tile_h) = PAPER_TILE;
        let (columns, rows) = (w.div_ceil(tile_w).max(1), h.div_ceil(tile_h).max(1));
        let mut buffer = Vec::new();
        let mut paper_of_tile = vec![0f32; columns * rows];
        for (t, level) in paper_of_tile.iter_mut().enumerate() {
            let (tx, ty) = (t % columns, t / columns);
            let (x0, x1) = (tx * tile_w, ((tx + 1) * tile_w).min(w));
            let (y0, y1) = (ty * tile_h, ((ty + 1) * tile_h).min(h));
            buffer.clear();
            for y in y0..y1 {
                buffer.extend_from_slice(&raw[y * w + x0..y * w + x1]);
            }
            let n = buffer.len();
            if n > 0 {
                *level = f32::from(*buffer.select_nth_unstable(n * 4 / 5).1);
            }
        }
        // Where a point lies between tile centres: the lower tile and the weight of the next.
        let between = |at: usize, tile: usize, count: usize| -> (usize, usize, f32) {
            let t = (at as f32 + 0.5) / tile as f32 - 0.5;
            let i = t.floor().clamp(0.0, (count - 1) as f32) as usize;
            (i, (i + 1).min(count - 1), (t - i as f32).clamp(0.0, 1.0))
        };
        let across: Vec<(usize, usize, f32)> =
            (0..w).map(|x| between(x, tile_w, columns)).collect();
        let mut paper = vec![0f32; w * h];
        for y in 0..h {
            let (r0, r1, v) = between(y, tile_h, rows);
            for (x, &(c0, c1, u)) in across.iter().enumerate() {
                let at = |r: usize, c: usize| paper_of_tile[r * columns + c];
                let top = at(r0, c0) * (1.0 - u) + at(r0, c1) * u;
                let bottom = at(r1, c0) * (1.0 - u) + at(r1, c1) * u;
                paper[y * w + x] = top * (1.0 - v) + bottom * v;
            }
        }
        let mut depth: Vec<f32> = raw
            .iter()
            .zip(&paper)
            .map(|(&v, &p)| p - f32::from(v))
            .collect();
        let n = depth.len();
        let darkest = *depth
            .select_nth_unstable_by(n - 1 - n / 50, f32::total_cmp)
            .1;
        let range = darkest.max(8.0);
        Ink {
            width: w,
            height: h,
            values: raw
                .iter()
                .zip(&paper)
                .map(|(&v, &p)| ((p - f32::from(v)) / range).clamp(0.0, 1.0))
                .collect(),
            lean: 0.0,
        }
    }

    /// How many rows the lines stand lower at column `x` than at the zone's middle column, in
    /// whole rows (a glyph is read as printed, not resampled; the cells' own search up and
    /// down takes up the fraction).
    fn lift(&self, x: f32) -> isize {
        (self.lean * (x - self.width as f32 / 2.0)).round() as isize
    }

    /// The ink at column `x`, `dy` rows below row `y` (paper outside the image).
    fn at(&self, x: usize, y: usize, dy: isize) -> f32 {
        let y = y as isize + dy;
        if (0..self.height as isize).contains(&y) && x < self.width {
            self.values[y as usize * self.width + x]
        } else {
            0.0
        }
    }

    /// The mean ink of each row along the lines' lean, top to bottom.
    fn row_means(&self) -> Vec<f32> {
        let lifts: Vec<isize> = (0..self.width).map(|x| self.lift(x as f32)).collect();
        let width = self.width.max(1) as f32;
        (0..self.height)
            .map(|y| {
                lifts
                    .iter()
                    .enumerate()
                    .map(|(x, &lift)| self.at(x, y, lift))
                    .sum::<f32>()
                    / width
            })
            .collect()
    }

    /// The mean ink of column `x` over rows `y0..y1` as they lie at the zone's middle.
    fn column_mean(&self, x: usize, y0: usize, y1: usize) -> f32 {
        let lift = self.lift(x as f32);
        (y0..y1).map(|y| self.at(x, y, lift)).sum::<f32>() / (y1 - y0).max(1) as f32
    }
}

/// The text lines' vertical extents: the `count` strongest runs of inky rows, top to bottom.
pub fn find_lines(ink: &Ink, count: usize) -> Option<Vec<(usize, usize)>> {
    let profile = ink.row_means();
    let peak = profile.iter().cloned().fold(0.0, f32::max);
    if peak <= 0.02 {
        return None;
    }
    let mut runs: Vec<(usize, usize, f32)> = Vec::new();
    let mut start = None;
    for (y, &v) in profile.iter().chain(std::iter::once(&0.0)).enumerate() {
        let on = v > peak * 0.3;
        match (on, start) {
            (true, None) => start = Some(y),
            (false, Some(s)) => {
                let mass: f32 = profile[s..y].iter().sum();
                runs.push((s, y, mass));
                start = None;
            }
            _ => {}
        }
    }
    if runs.len() < count {
        return None;
    }
    runs.sort_by(|a, b| b.2.total_cmp(&a.2));
    runs.truncate(count);
    runs.sort_by_key(|r| r.0);
    // The threshold cuts a line's thin tops and bottoms (a bar of E): widen each run to where
    // its ink fades out.
    // The threshold cuts a line's thin tops and bottoms (a bar of E) and shading beside the
    // zone can raise it: each edge is where the ink falls off steeply, within a quarter of the
    // line's height of the run's (the middle of a blurred edge is the glyphs' edge). Of the
    // steep edges, the outermost: fillers (`<`) end above the baseline and capitals below the
    // digits' tops, and the glyphs' cell spans both.
    for run in &mut runs {
        let reach = ((run.1 - run.0) / 4).max(1);
        let outermost = |range: std::ops::Range<usize>, rising: bool| -> Option<usize> {
            let step = |y: usize| {
                let d = profile[y] - profile[y - 1];
                if rising { d } else { -d }
            };
            let rows: Vec<usize> = range.filter(|&y| y >= 1 && y < profile.len()).collect();
            let steepest = rows.iter().map(|&y| step(y)).fold(0.0, f32::max);
            let steep = rows.into_iter().filter(|&y| step(y) >= 0.85 * steepest);
            if rising { steep.min() } else { steep.max() }
        };
        // Top: the row after a steep rise; bottom: the row of a steep fall.
        if let Some(y) = outermost(run.0.saturating_sub(reach)..run.0 + reach, true) {
            run.0 = y;
        }
        if let Some(y) = outermost(run.1.saturating_sub(reach)..run.1 + reach, false) {
            run.1 = y;
        }
    }
    // Lines of an MRZ are alike in height; a run far shorter than the others is not one.
    let tallest = runs.iter().map(|r| r.1 - r.0).max()?;
    if runs.iter().any(|r| (r.1 - r.0) * 2 < tallest) {
        return None;
    }
    Some(runs.into_iter().map(|(a, b, _)| (a, b)).collect())
}

/// The columns a line's text spans: runs of inky columns joined across gaps narrower than
/// most of a pitch (between glyphs), the one with the most ink. Print beside the MRZ, or the
/// document's edge, lies beyond a wider gap.
fn text_extent(columns: &[f32], nominal_pitch: f32) -> Option<(usize, usize)> {
    let max_gap = (nominal_pitch * 0.8) as usize;
    let mut best: Option<(usize, usize, f32)> = None;
    let mut current: Option<(usize, usize, f32)> = None;
    for (x, &v) in columns.iter().enumerate() {
        if v <= 0.08 {
            continue;
        }
        current = match current {
            Some((a, b, mass)) if x - b <= max_gap => Some((a, x + 1, mass + v)),
            other => {
                if let Some(run) = other
                    && best.is_none_or(|b| run.2 > b.2)
                {
                    best = Some(run);
                }
                Some((x, x + 1, v))
            }
        };
    }
    if let Some(run) = current
        && best.is_none_or(|b| run.2 > b.2)
    {
        best = Some(run);
    }
    best.map(|(a, b, _)| (a, b))
}

/// Where a line's character cells lie: the first cell's left edge and the pitch. OCR-B is
/// monospaced and its glyphs keep clear of their cells' edges, so the cells are the comb of
/// `length + 1` equally spaced boundaries, starting just left of the first ink, that crosses
/// the least ink. The first glyph's left edge to the last one's right edge spans about
/// `length − 0.3` pitches, which is where the search starts; a pitch off by 1% would put the
/// last cells of a 44-character line half a character out.
fn fit_cells(columns: &[f32], left: usize, right: usize, length: usize) -> (f32, f32) {
    let guess = (right - left) as f32 / (length as f32 - 0.3);
    let ink_at = |x: f32| -> f32 {
        let i = x.floor();
        if i < 0.0 || i as usize + 1 >= columns.len() {
            return 0.0;
        }
        let t = x - i;
        let i = i as usize;
        columns[i] * (1.0 - t) + columns[i + 1] * t
    };
    let mut best = (f32::MAX, left as f32 - 0.15 * guess, guess);
    for step in -60..=60 {
        let pitch = guess * (1.0 + step as f32 * 0.0025);
        let mut offset = 0.0;
        while offset < pitch * 0.5 {
            let start = left as f32 - offset;
            let cost: f32 = (0..=length).map(|k| ink_at(start + k as f32 * pitch)).sum();
            if cost < best.0 {
                best = (cost, start, pitch);
            }
            offset += 0.25;
        }
    }
    (best.1, best.2)
}

/// Where `c` is in [`ALPHABET`] (and so in a position's [`Scores`]).
pub fn index_of(c: char) -> usize {
    ALPHABET.find(c).unwrap_or(ALPHABET.len() - 1)
}

/// Each glyph's best score (in [`ALPHABET`] order) at one position of a line.
pub type Scores = Vec<f32>;

/// The best character `set` allows among a position's scores, with its runner-up.
pub fn decide(scores: &Scores, set: CharSet) -> ReadChar {
    let mut ranked: Vec<(char, f32)> = ALPHABET
        .chars()
        .zip(scores)
        .filter(|(c, _)| set.allows(*c))
        .map(|(c, &s)| (c, s))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    if set == CharSet::Nationality {
        // A letter unless a digit leads every letter clearly; the runner-up then is the
        // best of the other kind, so a close call stays unclear.
        let letter = ranked.iter().position(|(c, _)| !c.is_ascii_digit());
        let digit = ranked.iter().position(|(c, _)| c.is_ascii_digit());
        if let (Some(l), Some(d)) = (letter, digit) {
            let (first, second) = if ranked[d].1 >= ranked[l].1 + NATIONALITY_DIGIT_LEAD {
                (ranked[d], ranked[l])
            } else {
                // The digit, handicapped by the lead it needs, competes with the next letter:
                // a digit that nearly leads leaves the letter unclear.
                let next_letter = ranked
                    .iter()
                    .skip(l + 1)
                    .find(|(c, _)| !c.is_ascii_digit())
                    .copied();
                let handicapped = (ranked[d].0, ranked[d].1 - NATIONALITY_DIGIT_LEAD);
                let second = match next_letter {
                    Some(n) if n.1 >= handicapped.1 => n,
                    _ => handicapped,
                };
                (ranked[l], second)
            };
            return ReadChar {
                char: first.0,
                score: first.1,
                runner_up: second.0,
                runner_up_score: second.1,
            };
        }
    }
    let (char, score) = ranked[0];
    let (runner_up, runner_up_score) = ranked.get(1).copied().unwrap_or((char, -1.0));
    ReadChar {
        char,
        score,
        runner_up,
        runner_up_score,
    }
}

/// Score every glyph at each of the `length` character cells of the line lying in rows
/// `rows` of `ink`. `None` when the line shows no ink to place the cells by.
/// Where a line's cells lie: the first cell's left edge and the pitch, from the line's own
/// ink (see [`fit_cells`]). `None` when it shows too little ink to place them.
pub fn line_cells(
    ink: &Ink,
    rows: (usize, usize),
    length: usize,
    nominal_pitch: f32,
) -> Option<(f32, f32)> {
    let (y0, y1) = rows;
    let columns: Vec<f32> = (0..ink.width).map(|x| ink.column_mean(x, y0, y1)).collect();
    let (left, right) = text_extent(&columns, nominal_pitch)?;
    if right <= left + length {
        return None;
    }
    Some(fit_cells(&columns, left, right, length))
}

/// One character cell of a line as scored.
#[derive(Debug, Clone)]
pub struct ScoredCell {
    /// Each glyph's best score, in [`ALPHABET`] order.
    pub scores: Scores,
    /// The column of the cell's middle.
    pub x: f32,
    /// How many rows below where the cell looked first its best-scoring glyph fits best.
    pub dy: i32,
}

impl ScoredCell {
    fn top(&self) -> (char, f32) {
        ALPHABET
            .chars()
            .zip(self.scores.iter().copied())
            .fold((' ', f32::MIN), |a, b| if b.1 > a.1 { b } else { a })
    }
}

/// Glyphs scoring at least this well place their line's baseline for [`lean_of`]: clear
/// print, not a smudge or a blank.
const LEAN_MIN_SCORE: f32 = 0.7;
/// Fewest such glyphs for a lean to be measured.
const LEAN_MIN_GLYPHS: usize = 8;

/// The lean of the lines whose cells are `lines`, in rows per column: the slope of where
/// their glyphs fit best, up and down, along each line (one slope for all the lines, each
/// line its own height). The glyphs themselves say where the baseline runs; the fillers
/// (`<`), which stand clear of the baseline, and cells matching no glyph well are left out.
/// `None` when too few glyphs are clear to tell.
pub fn lean_of(lines: &[Vec<ScoredCell>]) -> Option<f32> {
    let (mut covariance, mut spread, mut glyphs) = (0f32, 0f32, 0);
    for line in lines {
        let clear: Vec<&ScoredCell> = line
            .iter()
            .filter(|c| {
                let (char, score) = c.top();
                char != '<' && score >= LEAN_MIN_SCORE
            })
            .collect();
        if clear.len() < 2 {
            continue;
        }
        let n = clear.len() as f32;
        let mean_x = clear.iter().map(|c| c.x).sum::<f32>() / n;
        let mean_dy = clear.iter().map(|c| c.dy as f32).sum::<f32>() / n;
        for c in clear {
            covariance += (c.x - mean_x) * (c.dy as f32 - mean_dy);
            spread += (c.x - mean_x).powi(2);
            glyphs += 1;
        }
    }
    (glyphs >= LEAN_MIN_GLYPHS && spread > 0.0).then(|| covariance / spread)
}

/// Score every glyph at each of the `length` cells, `pitch` apart from `start`, of the line
/// lying in rows `rows` of `ink`.
pub fn read_line(
    ink: &Ink,
    rows: (usize, usize),
    length: usize,
    (start, pitch): (f32, f32),
) -> Option<Vec<ScoredCell>> {
    let (y0, y1) = rows;
    let cell_w = pitch.round().max(4.0) as usize;
    // The templates stand on the line's baseline, where every MRZ glyph sits, and reach up to
    // the top of its tallest glyph. A line with digits is as tall as they are; a line of names
    // has none and is only as tall as the capitals, so its templates must be taller than the
    // line. Which it is shows in how well a sample of cells matches either way.
    let band = (y1 - y0).max(4);
    let sample: Vec<usize> = (0..7).map(|k| k * (length - 1) / 6).collect();
    let fit = |templates: &Templates| -> f32 {
        sample
            .iter()
            .map(|&i| {
                let cell = score_cell(ink, templates, start + i as f32 * pitch, y1, pitch);
                cell.top().1
            })
            .sum()
    };
    // Which cut, and how tall: the pair that matches a sample of the line's cells best. The
    // line's ink is a little taller than its glyphs where the print is blurred or bleeds, and
    // shorter (by the capitals' share) where it has no digits.
    // The height first, in the regular cut; then the cut at that height; then how soft.
    let best = |candidates: Vec<Arc<Templates>>| -> Option<(f32, Arc<Templates>)> {
        candidates
            .into_iter()
            .map(|t| (fit(&t), t))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    };
    let (score, regular) = best(
        [0.9, 1.0, 1.1, 1.2]
            .iter()
            .map(|f| Templates::cached(0, cell_w, (band as f32 * f).round() as usize, Blur::NONE))
            .collect(),
    )?;
    let height = regular.height;
    let sharp = Templates::cached(1, cell_w, height, Blur::NONE);
    let sharp_score = fit(&sharp);
    let (cut, sharpest) = if sharp_score > score {
        (1, (sharp_score, sharp))
    } else {
        (0, (score, regular))
    };
    // Softer templates while they fit better (the fit rises to the print's own blur, then
    // falls): sharp print tries one.
    let mut templates = sharpest;
    for blur in BLURS {
        let softer = Templates::cached(cut, cell_w, height, Blur::of_pixels(blur * pitch));
        let softer_score = fit(&softer);
        if softer_score <= templates.0 {
            break;
        }
        templates = (softer_score, softer);
    }
    let templates = templates.1;
    let cell = |i: isize| score_cell(ink, &templates, start + i as f32 * pitch, y1, pitch);
    let mut cells: Vec<ScoredCell> = (0..length as isize).map(cell).collect();
    // A mark beside the line (a shadow, the document's edge, a speck) can extend the ink the
    // cells were placed by, putting them one pitch off: the line then starts (or ends) with a
    // cell matching no glyph while a glyph lies just beyond its other end. A blank cell
    // matches nothing (its ink is flat), so shift only when the cell beyond clearly matches a
    // glyph and better than the end cell it would replace.
    // A wide mark can be more than one pitch wide, so the shift is repeated, up to 3 cells.
    let top = |cell: &ScoredCell| cell.top().1;
    let mut offset = 0isize;
    for _ in 0..MAX_SHIFT {
        let (first, last) = (top(&cells[0]), top(&cells[length - 1]));
        let (after, before) = (cell(offset + length as isize), cell(offset - 1));
        if offset >= 0 && top(&after) >= SHIFT_MIN_SCORE && top(&after) > first + SHIFT_LEAD {
            cells.remove(0);
            cells.push(after);
            offset += 1;
        } else if offset <= 0 && top(&before) >= SHIFT_MIN_SCORE && top(&before) > last + SHIFT_LEAD
        {
            cells.pop();
            cells.insert(0, before);
            offset -= 1;
        } else {
            break;
        }
    }
    Some(cells)
}

/// The blurs tried on the templates, in pitches (σ): print at 20 px per character blurred
/// by up to about 4 px (beyond that its characters run into each other and the zone is not
/// found anyway).
const BLURS: [f32; 5] = [0.04, 0.08, 0.12, 0.16, 0.22];

/// How well a cell beyond a line's end must match a glyph, and by how much better than the
/// end cell it would replace, for the line's cells to be shifted one pitch towards it. A
/// glyph at 20 px pitch scores 0.75–0.95, a blank or smudged cell under 0.4 (measured on the
/// synthetic set; `examples/mrz_confusions.rs`).
const SHIFT_MIN_SCORE: f32 = 0.6;
const SHIFT_LEAD: f32 = 0.2;
const MAX_SHIFT: usize = 3;

/// Every template's best score at the cell starting at column `start` whose glyphs stand on
/// row `baseline` (where the lines lean, lower or higher by the lean there), over a few
/// pixels of shift.
fn score_cell(
    ink: &Ink,
    templates: &Templates,
    start: f32,
    baseline: usize,
    pitch: f32,
) -> ScoredCell {
    let cell_w = templates.width;
    let cell_h = templates.height;
    let lift = ink.lift(start + pitch / 2.0) as i32;
    let top = baseline as i32 + lift - cell_h as i32;
    let shift_x = (pitch * 0.15).ceil() as i32;
    let mut patch = vec![0f32; cell_w * cell_h];
    {
        let mut best: Vec<f32> = vec![f32::MIN; templates.glyphs.len()];
        let mut score_at = |dx: i32, dy: i32, best: &mut Vec<f32>| -> f32 {
            let x0 = start.round() as i32 + dx;
            let yy0 = top + dy;
            for (py, row) in patch.chunks_exact_mut(cell_w).enumerate() {
                let y = yy0 + py as i32;
                for (px, v) in row.iter_mut().enumerate() {
                    let x = x0 + px as i32;
                    *v = if x >= 0
                        && y >= 0
                        && (x as usize) < ink.width
                        && (y as usize) < ink.height
                    {
                        ink.values[y as usize * ink.width + x as usize]
                    } else {
                        0.0
                    };
                }
            }
            normalise(&mut patch);
            let mut top = f32::MIN;
            for (score, (_, t)) in best.iter_mut().zip(&templates.glyphs) {
                let s = dot(&patch, t);
                *score = score.max(s);
                top = top.max(s);
            }
            top
        };
        // Along the line first (the pitch fit leaves the most doubt there), then up and down
        // at the best of those (blur moves the baseline found): 11 placements rather than 35.
        let mut best_dx = 0;
        let mut best_top = f32::MIN;
        for dx in -shift_x..=shift_x {
            let top = score_at(dx, 0, &mut best);
            if top > best_top {
                (best_top, best_dx) = (top, dx);
            }
        }
        let mut best_dy = 0;
        for dy in [-2, -1, 1, 2] {
            let top = score_at(best_dx, dy, &mut best);
            if top > best_top {
                (best_top, best_dy) = (top, dy);
            }
        }
        ScoredCell {
            scores: best,
            x: start + pitch / 2.0,
            dy: best_dy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_of_the_alphabet_is_rendered_and_distinct() {
        for cut in 0..CUTS.len() {
            let m = masters(cut);
            assert_eq!(m.glyphs.len(), 37);
            assert!(m.height > m.width / 2, "{}×{}", m.width, m.height);
        }
        let t = Templates::new(0, 16, 22, Blur::NONE);
        for (i, (a, ta)) in t.glyphs.iter().enumerate() {
            let self_score: f32 = ta.iter().map(|v| v * v).sum();
            assert!((self_score - 1.0).abs() < 1e-3, "{a}");
            for (b, tb) in &t.glyphs[i + 1..] {
                let s: f32 = ta.iter().zip(tb).map(|(x, y)| x * y).sum();
                assert!(s < 0.97, "{a} and {b} look the same ({s})");
            }
        }
    }

    #[test]
    fn a_cards_first_character_is_one_of_its_codes() {
        // A J printed where only A, C, I (or a passport's P) may stand reads as the closest
        // of them.
        let mut scores = vec![0.0; ALPHABET.len()];
        scores[index_of('J')] = 0.9;
        scores[index_of('I')] = 0.8;
        scores[index_of('P')] = 0.3;
        assert_eq!(decide(&scores, CharSet::CardCode).char, 'I');
        assert_eq!(decide(&scores, CharSet::Letter).char, 'J');
        assert_eq!(char_sets(MrzFormat::Td1)[0][0], CharSet::CardCode);
        assert_eq!(char_sets(MrzFormat::Td2)[0][0], CharSet::CardCode);
    }

    #[test]
    fn character_sets_cover_each_line_exactly() {
        for format in MrzFormat::ALL {
            let (lines, length) = format.shape();
            let sets = char_sets(format);
            assert_eq!(sets.len(), lines, "{format:?}");
            assert!(sets.iter().all(|l| l.len() == length), "{format:?}");
        }
    }
}
