//! Reading the MRZ of a found document: straighten its zone from the full-resolution photo,
//! recognise it, settle confusable characters by check digits, and parse it.
//!
//! The zone comes from the document's layout (`vision::layout`: rows of evenly pitched ink
//! along a long edge, which also says which way up the document is), so it is found at any
//! rotation the document finder handles, and on scans and close crops where the photo itself
//! is the document. Where the layout shows none, or none that reads, [`read_anywhere`] takes
//! the zones `locate` finds in the whole photo.

use image::DynamicImage;
use serde::Serialize;

use super::locate;
use super::parse::{MrzFormat, ParsedMrz, parse_mrz};
use super::recognise::{self, CharSet, Ink, ReadChar, ScoredCell, Scores};
use crate::pii::Masker;
use crate::report::{MrzCheck, MrzFields, MrzReport, Point};
use crate::vision::DocumentView;
use crate::vision::proxy::Proxy;
use crate::vision::rectify::straighten_grey;

/// Pixels per character pitch the zone is straightened to: characters about 20 px tall,
/// where OCR-B templates are told apart reliably.
const PITCH_PX: f64 = 20.0;

/// Below this correlation with its best template a character is not recognised.
pub const MIN_SCORE: f32 = 0.55;
/// Below this lead over the runner-up template (among the characters its position allows) a
/// character could be either.
pub const MIN_MARGIN: f32 = 0.03;
/// Fewest photo pixels per character for a reading to be trusted. Below it the strokes that
/// tell E from F or O from D are a pixel or less, and names carry no check digit to catch a
/// slip: on the real specimen set a French passport at 7.6 px per character was read with
/// every character confident and one letter of the given name wrong, while a Chinese one at
/// 9.5 px was read exactly, as are synthetic clean photos down to 9.8 px.
pub const MIN_PHOTO_PITCH_PX: f32 = 9.0;

/// Pairs of glyphs OCR-B draws alike, settled by a check digit where the position allows both
/// (7 and Z: a Z's bottom bar is lost to blur or thin print more often than not).
const CONFUSABLE: [(char, char); 7] = [
    ('0', 'O'),
    ('1', 'I'),
    ('8', 'B'),
    ('5', 'S'),
    ('2', 'Z'),
    ('6', 'G'),
    ('7', 'Z'),
];

/// What reading a document's MRZ gave.
#[derive(Debug, Clone, Serialize)]
pub struct MrzReading {
    pub format: MrzFormat,
    /// The lines as read (uncertain characters included, as best guesses).
    pub lines: Vec<String>,
    /// Positions (line, character; 1-based) read with too little confidence.
    pub uncertain: Vec<(usize, usize)>,
    /// The fields, when every character was read confidently.
    #[serde(skip)]
    pub parsed: Option<ParsedMrz>,
    /// The zone read, in photo pixels (top-left, top-right, bottom-right, bottom-left as read).
    pub zone: Vec<Point>,
    /// The character pitch in the photo's own pixels. Below [`MIN_PHOTO_PITCH_PX`] the
    /// reading is not trusted, however confident each character looks.
    pub photo_pitch: f32,
    /// Each character's lead over its runner-up (calibration and development).
    #[serde(skip)]
    pub margins: Vec<Vec<f32>>,
    /// The lowest character score and margin, for calibration.
    pub weakest_score: f32,
    pub weakest_margin: f32,
    #[serde(skip)]
    /// The mean score of the characters as read: how well the zone's print fits the
    /// templates at all (the straightening's shape judged by it).
    pub mean_score: f32,
    #[serde(skip)]
    /// The text lines' mean height in character pitches (about 1.05 seen straight on).
    pub line_height: f32,
}

impl MrzReading {
    /// The share of the characters read with confidence.
    fn confident_share(&self) -> f64 {
        let total = self.lines.iter().map(String::len).sum::<usize>().max(1);
        1.0 - self.uncertain.len() as f64 / total as f64
    }

    /// Of two readings (of one zone, or of zones that may be one), the one read more
    /// confidently; between readings alike, the one whose print fits the templates best.
    pub fn more_confident(a: &MrzReading, b: &MrzReading) -> std::cmp::Ordering {
        a.confident_share()
            .total_cmp(&b.confident_share())
            .then(a.mean_score.total_cmp(&b.mean_score))
    }

    /// Mark unclear each character that `other` (the same zone, read another way) read
    /// otherwise, both with confidence; a reading with an unclear character is not parsed.
    fn doubt_where_contradicted(&mut self, other: &MrzReading) {
        if other
            .lines
            .iter()
            .map(String::len)
            .ne(self.lines.iter().map(String::len))
        {
            return;
        }
        for (i, (mine, theirs)) in self.lines.iter().zip(&other.lines).enumerate() {
            for (j, (a, b)) in mine.chars().zip(theirs.chars()).enumerate() {
                let at = (i + 1, j + 1);
                if a != b && !self.uncertain.contains(&at) && !other.uncertain.contains(&at) {
                    self.uncertain.push(at);
                }
            }
        }
        self.uncertain.sort_unstable();
        if !self.uncertain.is_empty() {
            self.parsed = None;
        }
    }

    /// Read confidently and every check digit holds.
    pub fn is_valid(&self) -> bool {
        self.parsed
            .as_ref()
            .is_some_and(ParsedMrz::all_checks_valid)
    }

    /// The reading as reported, personal data masked by `masker`.
    pub fn report(&self, masker: Masker) -> MrzReport {
        let hidden = |line: &str| -> String {
            line.chars()
                .map(|c| if c == '<' { c } else { '*' })
                .collect()
        };
        let lines = self
            .lines
            .iter()
            .map(|l| if masker.shows() { l.clone() } else { hidden(l) })
            .collect();
        let fields = self.parsed.as_ref().map(|p| {
            let name = |n: &str| {
                if n.is_empty() {
                    String::new()
                } else {
                    masker.name(n)
                }
            };
            MrzFields {
                document_code: p.document_code.clone(),
                issuing_state: p.issuing_state.clone(),
                surname: name(&p.surname),
                given_names: name(&p.given_names),
                name_truncated: p.name_truncated,
                document_number: masker.id(&p.document_number),
                nationality: p.nationality.clone(),
                birth_date: if masker.shows() {
                    p.birth_date.text.clone()
                } else {
                    "******".to_owned()
                },
                sex: p.sex.to_string(),
                expiry_date: p.expiry_date.as_ref().map(|d| d.text.clone()),
                optional_data: if p.optional_data.is_empty() {
                    String::new()
                } else {
                    masker.id(&p.optional_data)
                },
                checks: p
                    .checks
                    .iter()
                    .map(|c| MrzCheck {
                        field: c.field.to_owned(),
                        valid: c.valid,
                    })
                    .collect(),
            }
        });
        MrzReport {
            format: serde_json::to_value(self.format)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            valid: self.is_valid(),
            lines,
            uncertain: self.uncertain.iter().map(|&(l, c)| [l, c]).collect(),
            fields,
        }
    }
}

/// Read the MRZ of `view`, a document found in `image`. `None` when its layout shows no MRZ
/// or no lines could be placed in it.
pub fn read_document(image: &DynamicImage, view: &DocumentView) -> Option<MrzReading> {
    let band = view.layout.mrz.as_ref()?;
    let (grey, corners) = straightened_zone(image, view)?;
    let line_count = band.lines.clamp(2, 3);
    let length = if line_count == 3 {
        30
    } else if band.characters_per_line() >= 40.0 {
        44
    } else {
        36
    };
    let first = read_zone(&grey, corners, line_count, length);
    if first.as_ref().is_some_and(|r| r.uncertain.is_empty()) {
        return first;
    }
    // The band's lines and length are estimates from the layout (a faint third line missed,
    // a washed-out end shortening the lines): when the zone does not read as estimated, it
    // is read as each other shape too, and the shape read most confidently kept.
    let others = SHAPES
        .iter()
        .filter(|&&shape| shape != (line_count, length))
        .filter_map(|&(lines, length)| read_zone(&grey, corners, lines, length));
    first
        .into_iter()
        .chain(others)
        .max_by(MrzReading::more_confident)
}

/// The shapes of a machine-readable zone: lines and characters per line.
const SHAPES: [(usize, usize); 3] = [(3, 30), (2, 36), (2, 44)];

/// Read a zone of `line_count` lines of `length` characters, straightened into `grey` at
/// about [`PITCH_PX`] pixels per character (with room around it) from the photo's quadrilateral
/// `corners`. `None` when no lines could be placed in it.
pub fn read_zone(
    grey: &image::GrayImage,
    corners: [Point; 4],
    line_count: usize,
    length: usize,
) -> Option<MrzReading> {
    let mut ink = Ink::of(grey);
    let mut lines = read_lines(&ink, line_count, length)?;
    // Where the lines still lean, they are read again along their lean; the glyphs' search up
    // and down reaches two rows, so a steeper lean shows only in part and is measured again
    // on the lines read along the part found.
    for _ in 0..MAX_LEAN_PASSES {
        let Some(residual) = recognise::lean_of(&lines.cells) else {
            break;
        };
        if (residual * length as f32 * lines.placement.1).abs() < MIN_LEAN_PX {
            break;
        }
        ink.lean += residual;
        let Some(again) = read_lines(&ink, line_count, length) else {
            break;
        };
        lines = again;
    }
    let Lines {
        rows,
        placement: reference,
        cells,
    } = lines;
    let scores: Vec<Vec<Scores>> = cells
        .into_iter()
        .map(|line| line.into_iter().map(|c| c.scores).collect())
        .collect();
    let format = format_of(line_count, length, &scores[0]);
    let mut chars = decided(format, &scores);
    settle_by_check_digits(format, &scores, &mut chars);
    settle_by_state_codes(format, &mut chars);
    let lines: Vec<String> = chars
        .iter()
        .map(|l| l.iter().map(|c| c.char).collect())
        .collect();
    let mut uncertain = Vec::new();
    let (mut weakest_score, mut weakest_margin) = (f32::MAX, f32::MAX);
    for (i, line) in chars.iter().enumerate() {
        for (j, c) in line.iter().enumerate() {
            weakest_score = weakest_score.min(c.score);
            weakest_margin = weakest_margin.min(c.margin());
            if c.score < MIN_SCORE || c.margin() < MIN_MARGIN {
                uncertain.push((i + 1, j + 1));
            }
        }
    }
    // The character pitch in the photo's own pixels, from the zone's top and bottom edges
    // and the pitch the cells were placed at.
    let pitches = f64::from(grey.width()) / f64::from(reference.1);
    let edge = |a: Point, b: Point| ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
    let photo_pitch =
        ((edge(corners[0], corners[1]) + edge(corners[3], corners[2])) / 2.0 / pitches) as f32;
    let parsed = if uncertain.is_empty() && photo_pitch >= MIN_PHOTO_PITCH_PX {
        parse_mrz(&lines.join("\n")).ok()
    } else {
        None
    };
    Some(MrzReading {
        format,
        lines,
        uncertain,
        parsed,
        zone: corners.to_vec(),
        photo_pitch,
        margins: chars
            .iter()
            .map(|l| l.iter().map(ReadChar::margin).collect())
            .collect(),
        weakest_score,
        weakest_margin,
        mean_score: chars.iter().flatten().map(|c| c.score).sum::<f32>()
            / chars.iter().map(Vec::len).sum::<usize>().max(1) as f32,
        line_height: rows.iter().map(|r| (r.1 - r.0) as f32).sum::<f32>()
            / rows.len() as f32
            / reference.1,
    })
}

/// Each position's character as its scores and the layout's character set there decide it.
fn decided(format: MrzFormat, scores: &[Vec<Scores>]) -> Vec<Vec<ReadChar>> {
    scores
        .iter()
        .zip(recognise::char_sets(format))
        .map(|(line, sets)| {
            line.iter()
                .zip(sets)
                .map(|(s, set)| recognise::decide(s, set))
                .collect()
        })
        .collect()
}

/// A zone's text lines as read by [`read_lines`].
struct Lines {
    /// Each line's rows (top, bottom) at the zone's middle.
    rows: Vec<(usize, usize)>,
    /// The first cell's left edge and the pitch the lines agree on.
    placement: (f32, f32),
    /// Each line's scored cells.
    cells: Vec<Vec<ScoredCell>>,
}

/// The text lines of `ink`, placed and scored. `None` when no lines could be placed.
fn read_lines(ink: &Ink, line_count: usize, length: usize) -> Option<Lines> {
    let rows = recognise::find_lines(ink, line_count)?;
    // The lines of an MRZ share their left margin and pitch. Each line's own fit is kept
    // unless it disagrees with the line fitted closest to the expected pitch (by over 3% of
    // pitch, or half a character at the start): then the ink that misled it (shading, print
    // beside the zone) is overruled.
    let cells: Vec<Option<(f32, f32)>> = rows
        .iter()
        .map(|&r| recognise::line_cells(ink, r, length, PITCH_PX as f32))
        .collect();
    let reference = cells
        .iter()
        .flatten()
        .min_by(|a, b| {
            (a.1 - PITCH_PX as f32)
                .abs()
                .total_cmp(&(b.1 - PITCH_PX as f32).abs())
        })
        .copied()?;
    let scored = rows
        .iter()
        .zip(&cells)
        .map(|(&r, own)| {
            let agrees = own.is_some_and(|(start, pitch)| {
                (pitch - reference.1).abs() <= 0.03 * reference.1
                    && (start - reference.0).abs() <= 0.5 * reference.1
            });
            let placement = if agrees {
                own.unwrap_or(reference)
            } else {
                reference
            };
            recognise::read_line(ink, r, length, placement)
        })
        .collect::<Option<_>>()?;
    Some(Lines {
        rows,
        placement: reference,
        cells: scored,
    })
}

/// Least lean, in rows from one end of a line to the other, for which a zone is read again
/// along its lean: less is well within the cells' own search up and down (two rows), and
/// reading again would only cost time. A real page straightened from its outline leaned by
/// nearly three.
const MIN_LEAN_PX: f32 = 1.0;
/// Most times a zone is read again along its lean.
const MAX_LEAN_PASSES: usize = 6;

/// Look for a machine-readable zone anywhere in the photo, without the document's outline
/// (see [`locate`](super::locate)), and read the zones found; the best reading among those
/// that read as a zone at all (most of their characters confident) is kept. The search runs on
/// the photo's proxy.
pub fn read_anywhere(image: &DynamicImage, proxy: &Proxy) -> Option<MrzReading> {
    read_zones(image, locate::find_zones(&proxy.grey, proxy.scale))
}

/// The best reading among the first zones of `zones` that reads as a zone at all; the first
/// that parses (every character confident, a layout the parser accepts) ends the search.
fn read_zones(image: &DynamicImage, zones: Vec<locate::ZoneCandidate>) -> Option<MrzReading> {
    let mut best: Option<MrzReading> = None;
    for zone in zones.into_iter().take(MAX_ZONES_TRIED) {
        // A zone whose characters are too small to trust can never parse; once some zone
        // has been read, another such cut could only report "unreadable" in other words
        // (each costs 10–45 ms on the real set's small scans).
        if best.is_some() && (zone.pitch as f32) < MIN_PHOTO_PITCH_PX {
            continue;
        }
        let Some(reading) = read_candidate(image, &zone) else {
            continue;
        };
        // The first zone that parses: it can be bettered only by another cut of itself,
        // which reads the same, so the zones after it are not read (each costs 5–50 ms).
        // Failing that, the zone read most confidently; between zones read alike (the same
        // zone found twice, cut a little differently), the one whose print fits the
        // templates best.
        if reading.parsed.is_some() {
            return Some(reading);
        }
        best = Some(match best {
            Some(b) => std::cmp::max_by(b, reading, MrzReading::more_confident),
            None => reading,
        });
    }
    best
}

/// One zone found by the search, read; `None` when it does not read as a zone at all (too
/// few of its characters confident).
fn read_candidate(image: &DynamicImage, zone: &locate::ZoneCandidate) -> Option<MrzReading> {
    let side = |a: Point, b: Point| (b[0] - a[0]).hypot(b[1] - a[1]);
    let c = zone.corners;
    let per_pitch = PITCH_PX / zone.pitch;
    let width = (side(c[0], c[1]) + side(c[3], c[2])) / 2.0 * per_pitch;
    let height = (side(c[0], c[3]) + side(c[1], c[2])) / 2.0 * per_pitch;
    let read_at = |squash: f64| {
        let size = (width.round() as u32, (height / squash).round() as u32);
        let grey = straighten_grey(image, &c, size)?;
        read_zone(&grey, c, zone.lines, zone.length)
    };
    let mut reading = read_at(1.0)?;
    if reading.confident_share() < MIN_CONFIDENT_SHARE {
        return None;
    }
    // A page tilted away from the camera shows its lines shorter than their pitch
    // says; the zone is then stretched back, to the height whose print fits the
    // templates best.
    if !reading.uncertain.is_empty() && reading.line_height < SHORT_LINES {
        // Every height read (the first unstretched), the best kept; a character the
        // heights next to it read otherwise, each with confidence, is a close call
        // the height decided, and so unclear.
        let mut tried: Vec<Option<MrzReading>> = vec![Some(reading)];
        tried.extend(SQUASHES.iter().map(|&squash| read_at(squash)));
        let score = |r: &Option<MrzReading>| r.as_ref().map_or(f32::MIN, |r| r.mean_score);
        let best = (0..tried.len())
            .max_by(|&a, &b| score(&tried[a]).total_cmp(&score(&tried[b])))
            .unwrap_or(0);
        let neighbours: Vec<MrzReading> = [best.wrapping_sub(1), best + 1]
            .iter()
            .filter_map(|&i| tried.get(i).cloned().flatten())
            .collect();
        reading = tried.swap_remove(best)?;
        for other in &neighbours {
            reading.doubt_where_contradicted(other);
        }
    }
    (reading.confident_share() >= MIN_CONFIDENT_SHARE).then_some(reading)
}

/// Lines this many pitches tall or less are short for an MRZ seen straight on (1.0–1.15).
const SHORT_LINES: f32 = 0.9;
/// How much shorter than straight on a zone's lines are tried to be.
const SQUASHES: [f64; 6] = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7];

/// Zones (each in both reading directions) tried by [`read_anywhere`].
const MAX_ZONES_TRIED: usize = 6;
/// Share of a zone's characters that must be read confidently for [`read_anywhere`] to take
/// it for a machine-readable zone at all: print that merely looks like one (a table, a row of
/// digits) reads as a jumble of unclear characters.
const MIN_CONFIDENT_SHARE: f64 = 0.85;

/// The document's MRZ zone (with room around it) straightened from the full-resolution photo
/// at [`PITCH_PX`] pixels per character, and its corners in the photo.
pub fn straightened_zone(
    image: &DynamicImage,
    view: &DocumentView,
) -> Option<(image::GrayImage, [Point; 4])> {
    let band = view.layout.mrz.as_ref()?;
    let zone = band.zone;
    // Room around the zone for skew and for the band's edges being found a little inside.
    let (dx, dy) = (band.pitch * 2.5, (zone[3] - zone[1]) * 0.25);
    let upright = [
        (zone[0] - dx).max(0.0),
        (zone[1] - dy).max(0.0),
        (zone[2] + dx).min(1.0),
        (zone[3] + dy).min(1.0),
    ];
    let in_image = view.layout.in_image(upright);
    let mut quad = view.box_in_photo(in_image);
    if view.layout.upside_down {
        quad.rotate_left(2);
    }
    let corners = [quad[0], quad[1], quad[2], quad[3]];
    // Size: PITCH_PX per character, the zone's proportions kept (in the document's own
    // proportions: the rectified image is the document's width by its height).
    let r = &view.rectified;
    let doc_w = f64::from(r.width());
    let doc_h = f64::from(r.height());
    let per_pitch = PITCH_PX / (band.pitch * doc_w);
    let width = ((upright[2] - upright[0]) * doc_w * per_pitch).round() as u32;
    let height = ((upright[3] - upright[1]) * doc_h * per_pitch).round() as u32;
    let grey = straighten_grey(image, &corners, (width.max(8), height.max(8)))?;
    Some((grey, corners))
}

/// The format, from the shape and (for 2 × 36 and 2 × 44) the first characters as read.
fn format_of(lines: usize, length: usize, first_line: &[Scores]) -> MrzFormat {
    let start: String = first_line
        .iter()
        .take(5)
        .map(|s| recognise::decide(s, CharSet::Letter).char)
        .collect();
    match (lines, length) {
        (3, _) => MrzFormat::Td1,
        (_, 44) if start.starts_with('V') => MrzFormat::MrvA,
        (_, 44) => MrzFormat::Td3,
        (_, _) if start.starts_with('V') => MrzFormat::MrvB,
        (_, _) if start == "IDFRA" => MrzFormat::FrenchId,
        _ => MrzFormat::Td2,
    }
}

/// The glyphs OCR-B draws like `c`.
fn twins_of(c: char) -> impl Iterator<Item = char> {
    CONFUSABLE
        .iter()
        .filter_map(move |&(a, b)| (a == c).then_some(b).or((b == c).then_some(a)))
}

/// A character a check digit or the layout decided between it and its `twin`: confident by
/// construction.
fn settled(char: char, score: f32, twin: char) -> ReadChar {
    ReadChar {
        char,
        score,
        runner_up: twin,
        runner_up_score: score - 2.0 * MIN_MARGIN,
    }
}

/// Most confusable characters of a field tried against its check digit (the closest calls):
/// each one doubles the readings tried, and each reading tried passes by luck one time in ten.
const MAX_FLIPS: usize = 3;
/// Most close calls between twins in one field weighed against its check digit when it holds
/// (every combination is tried); more, and they stay unclear.
const MAX_CLOSE_CALLS: usize = 8;

/// Where a position may hold a letter or a digit (a document number, optional data) and its
/// check digit fails, try the confusable alternatives among the characters whose alternative
/// scored close to them; keep a change only when exactly one combination makes the check
/// digit hold.
fn settle_by_check_digits(format: MrzFormat, scores: &[Vec<Scores>], chars: &mut [Vec<ReadChar>]) {
    for field in super::fields::fields(format).mixed_checked() {
        let (line_index, range, check) = (field.field.line, field.field.range, field.check);
        let line = &mut chars[line_index];
        let printed = line[check].char;
        let field: Vec<char> = line[range.clone()].iter().map(|c| c.char).collect();
        let holds =
            |field: &[char]| super::check_digit(&field.iter().collect::<String>()) == Some(printed);
        if printed == '<' {
            continue;
        }
        if holds(&field) {
            // A close call between confusable twins is settled when the twin would break the
            // check digit: the reading that holds is the only one the zone allows. The close
            // calls are weighed together: O and 0 are 24 apart, so two of them flipped at
            // weights 7 and 3 leave the check digit as it was (a real page read `O` for `0`
            // three times over, every check digit holding, when each call was tried alone).
            let close: Vec<usize> = range
                .clone()
                .filter(|&i| {
                    let c = line[i];
                    c.margin() < MIN_MARGIN && twins_of(c.char).any(|t| t == c.runner_up)
                })
                .collect();
            if close.len() > MAX_CLOSE_CALLS {
                continue;
            }
            let mut doubtful = vec![false; close.len()];
            for mask in 1u32..(1 << close.len()) {
                let mut tried = field.clone();
                for (k, &i) in close.iter().enumerate() {
                    if mask & (1 << k) != 0 {
                        tried[i - range.start] = line[i].runner_up;
                    }
                }
                if holds(&tried) {
                    (0..close.len())
                        .filter(|k| mask & (1 << k) != 0)
                        .for_each(|k| doubtful[k] = true);
                }
            }
            for (&i, doubtful) in close.iter().zip(doubtful) {
                if !doubtful {
                    let c = line[i];
                    line[i] = settled(c.char, c.score, c.runner_up);
                }
            }
            continue;
        }
        // Confusable twins that scored within reach of the character read, closest first
        // (Z has two: 2 and 7).
        let mut candidates: Vec<(usize, char, f32)> = range
            .clone()
            .flat_map(|i| {
                let c = line[i];
                twins_of(c.char)
                    .map(move |t| (i, t, scores[line_index][i][recognise::index_of(t)]))
                    .filter(move |&(_, _, twin_score)| c.score - twin_score < 0.15)
            })
            .collect();
        candidates.sort_by(|a, b| (line[a.0].score - a.2).total_cmp(&(line[b.0].score - b.2)));
        candidates.truncate(MAX_FLIPS);
        let mut passing = Vec::new();
        for mask in 1u32..(1 << candidates.len()) {
            // At most one twin per position.
            let positions: Vec<usize> = (0..candidates.len())
                .filter(|k| mask & (1 << k) != 0)
                .map(|k| candidates[k].0)
                .collect();
            if (1..positions.len()).any(|k| positions[k..].contains(&positions[k - 1])) {
                continue;
            }
            let mut tried = field.clone();
            for (k, &(i, twin, _)) in candidates.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    tried[i - range.start] = twin;
                }
            }
            if holds(&tried) {
                passing.push(mask);
            }
        }
        match passing[..] {
            [mask] => {
                for (k, &(i, twin, twin_score)) in candidates.iter().enumerate() {
                    if mask & (1 << k) != 0 {
                        let c = &mut line[i];
                        // The twin becomes the reading, settled by the check digit.
                        *c = settled(twin, twin_score, c.char);
                    }
                }
            }
            [] => {}
            // More than one reading makes the check digit hold: the zone cannot tell which,
            // so the characters in question are unclear (not a wrong check digit).
            _ => {
                for mask in passing {
                    for (k, &(i, twin, twin_score)) in candidates.iter().enumerate() {
                        if mask & (1 << k) != 0 {
                            line[i].runner_up = twin;
                            line[i].runner_up_score = line[i].score.max(twin_score);
                        }
                    }
                }
            }
        }
    }
}

/// Where a close call lies in a state code (issuing state, nationality), settle it when the
/// code as read is one ISO 3166 or ICAO 9303 defines and the runner-up's is not (ARE, not
/// ARF): the layout allows only codes. Never the other way round: specimens print codes of
/// their own (UTO, BDR), so a code unknown as read is left as it is.
fn settle_by_state_codes(format: MrzFormat, chars: &mut [Vec<ReadChar>]) {
    for span in super::fields::fields(format).state_codes() {
        let line = &mut chars[span.line];
        let range = span.range;
        let code: String = line[range.clone()].iter().map(|c| c.char).collect();
        if !crate::nationality::is_mrz_code(&code) {
            continue;
        }
        for i in range.clone() {
            let c = line[i];
            if c.margin() >= MIN_MARGIN {
                continue;
            }
            let mut other: Vec<char> = code.chars().collect();
            other[i - range.start] = c.runner_up;
            if !crate::nationality::is_mrz_code(&other.iter().collect::<String>()) {
                line[i] = settled(c.char, c.score, c.runner_up);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::locate::tests::{UTOPIA, printed};
    use super::*;
    use crate::vision::proxy::proxy;

    /// The zone read anywhere in `image`.
    fn read_in(image: &DynamicImage) -> Option<MrzReading> {
        read_anywhere(image, &proxy(image, 640))
    }

    #[test]
    fn a_zone_is_read_anywhere_in_the_photo_whichever_way_up() {
        for degrees in [0.0, 7.0, 90.0, 183.0] {
            let image = printed(&UTOPIA, 20.0, degrees);
            let reading = read_in(&image).unwrap_or_else(|| panic!("nothing read at {degrees}°"));
            assert_eq!(reading.lines, UTOPIA, "at {degrees}°");
            assert!(reading.is_valid(), "at {degrees}°");
        }
    }

    #[test]
    fn a_zone_seen_at_an_angle_is_unsheared_and_stretched_back() {
        use imageproc::geometric_transformations::{Border, Interpolation, Projection, warp};
        let flat = printed(&UTOPIA, 20.0, 0.0).to_rgb8();
        // The page tilted away: its lines a quarter shorter, its verticals leaning by 0.3.
        let tilted = Projection::from_matrix([1.0, 0.3, 0.0, 0.0, 0.72, 40.0, 0.0, 0.0, 1.0])
            .expect("an invertible projection");
        let photo = warp(
            &flat,
            tilted,
            Interpolation::Bilinear,
            Border::Constant(image::Rgb([90, 70, 60])),
        );
        let image = DynamicImage::ImageRgb8(photo);
        let reading = read_in(&image).expect("a zone read");
        assert_eq!(reading.lines, UTOPIA);
        assert!(reading.uncertain.is_empty());
    }

    #[test]
    fn lines_left_leaning_by_the_straightening_are_read_along_their_lean() {
        // A zone straightened from an outline found at the proxy's scale can still lean by a
        // fraction of a degree: the right end of a 44-character line rows above or below its
        // left end. Read along rows of the image, this zone is a jumble from 0.5° on (9 to 42
        // characters unclear, measured); read along its lean, it reads exactly to 1.2°.
        use imageproc::geometric_transformations::{Border, Interpolation, rotate_about_center};
        let flat = printed(&UTOPIA, 20.0, 0.0).to_luma8();
        let leaning = |degrees: f32| {
            let paper = Border::Constant(image::Luma([226]));
            rotate_about_center(&flat, degrees.to_radians(), Interpolation::Bilinear, paper)
        };
        for degrees in [0.2f32, 0.5, -0.6, 0.8, -1.0, 1.2] {
            let corners = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
            let reading = read_zone(&leaning(degrees), corners, 2, 44).expect("a zone read");
            assert_eq!(reading.lines, UTOPIA, "at {degrees}°");
            assert!(reading.uncertain.is_empty(), "at {degrees}°");
        }
        // The glyphs measure a small lean in one pass: 0.2° is 3 rows over the line.
        let lines = read_lines(&Ink::of(&leaning(0.2)), 2, 44).expect("lines read");
        let lean = recognise::lean_of(&lines.cells).expect("a lean measured");
        let expected = 0.2f32.to_radians().tan();
        assert!(
            (lean - expected).abs() < 0.3 * expected,
            "{lean} for {expected}"
        );
    }

    #[test]
    fn print_out_of_focus_is_read_with_templates_as_soft_as_it() {
        // Zones at 16 and 18 px per character blurred by a tenth of a character or more:
        // with sharp templates 27 of their characters are too close to call (measured), with
        // templates as soft as the print 7.
        let mut unclear = 0;
        for (pitch, sigma) in [(16.0, 1.5), (16.0, 1.8), (18.0, 1.8), (18.0, 2.1)] {
            let sharp = printed(&UTOPIA, pitch, 2.0).to_rgb8();
            let image =
                DynamicImage::ImageRgb8(imageproc::filter::gaussian_blur_f32(&sharp, sigma));
            let reading = read_in(&image).expect("a zone read");
            unclear += reading.uncertain.len();
        }
        assert!(unclear <= 10, "{unclear} characters unclear");
    }

    #[test]
    fn light_falling_off_across_the_zone_is_not_read_as_ink() {
        // A reflection above the zone, shade below it: the paper under the second line is
        // darker than the paper above the first.
        let mut photo = printed(&UTOPIA, 20.0, 0.0).to_rgb8();
        let height = photo.height() as f32;
        for (_, y, pixel) in photo.enumerate_pixels_mut() {
            let light = 1.0 - 0.45 * (y as f32 / height);
            pixel
                .0
                .iter_mut()
                .for_each(|c| *c = (f32::from(*c) * light) as u8);
        }
        let image = DynamicImage::ImageRgb8(photo);
        let reading = read_in(&image).expect("a zone read");
        assert_eq!(reading.lines, UTOPIA);
        assert!(reading.uncertain.is_empty());
    }

    #[test]
    fn a_character_two_readings_of_one_zone_disagree_on_is_unclear() {
        let image = printed(&UTOPIA, 20.0, 0.0);
        let mut reading = read_in(&image).expect("a zone read");
        assert!(reading.is_valid());
        let mut other = reading.clone();
        other.lines[0] = other.lines[0].replacen("ERIKSSON", "FRIKSSON", 1);
        reading.doubt_where_contradicted(&other);
        assert_eq!(reading.uncertain, vec![(1, 6)]);
        assert!(reading.parsed.is_none());
        // Where the other reading was itself unsure, it does not count.
        let mut again = read_in(&image).expect("a zone read");
        other.uncertain.push((1, 6));
        again.doubt_where_contradicted(&other);
        assert!(again.uncertain.is_empty() && again.is_valid());
    }

    #[test]
    fn a_close_call_in_a_state_code_is_settled_only_towards_a_known_code() {
        let read = |c: char, runner_up: char, margin: f32| ReadChar {
            char: c,
            score: 0.9,
            runner_up,
            runner_up_score: 0.9 - margin,
        };
        let line = |text: &str| text.chars().map(|c| read(c, c, 1.0)).collect::<Vec<_>>();
        let zone = |issuing: &str| {
            vec![
                line(&format!("I<{issuing}ERIKSSON<<ANNA<MARIA<<<<<<<<<<<")),
                line("D231458907UTO7408122F1204159<<<<<<<6"),
            ]
        };
        let close = MIN_MARGIN / 3.0;
        // Nationality UTO, its O nearly a D: UTD is no code, so O it is.
        let mut chars = zone("UTO");
        chars[1][12] = read('O', 'D', close);
        // Issuing state AUS, its S nearly a T: AUT is a code too, so it stays unclear.
        chars[0][4] = read('S', 'T', close);
        chars[0][2] = read('A', 'A', 1.0);
        chars[0][3] = read('U', 'U', 1.0);
        settle_by_state_codes(MrzFormat::Td2, &mut chars);
        assert!(chars[1][12].margin() >= MIN_MARGIN);
        assert_eq!(chars[1][12].char, 'O');
        assert!(chars[0][4].margin() < MIN_MARGIN);
        // A code unknown as read (ARF) is never settled towards the runner-up's (ARE).
        let mut chars = zone("ARF");
        chars[0][4] = read('F', 'E', close);
        settle_by_state_codes(MrzFormat::Td2, &mut chars);
        assert!(chars[0][4].margin() < MIN_MARGIN);
        assert_eq!(chars[0][4].char, 'F');
    }

    #[test]
    fn twins_that_would_hold_the_check_digit_together_stay_unclear() {
        // A passport's optional data 03060021041 (check digit 9) read with its first and
        // fifth 0 as O, each a close call: O and 0 are 24 apart and the two positions weigh
        // 7 and 3, so the check digit holds as read. Flipping either alone breaks it, but
        // flipping both does not: neither may be settled.
        let truth = [
            "P<LUXMAUS<<KETTY<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            "S998527<<4LUX7806201F110808403060021041<<<96",
        ];
        let read = |close: &[(usize, char, char)]| {
            let mut scores: Vec<Vec<Scores>> = truth
                .iter()
                .map(|line| {
                    line.chars()
                        .map(|c| {
                            let mut s = vec![0.2f32; 37];
                            s[recognise::index_of(c)] = 0.9;
                            s
                        })
                        .collect()
                })
                .collect();
            for &(at, read, runner_up) in close {
                scores[1][at][recognise::index_of(read)] = 0.9;
                scores[1][at][recognise::index_of(runner_up)] = 0.89;
            }
            let mut chars = decided(MrzFormat::Td3, &scores);
            settle_by_check_digits(MrzFormat::Td3, &scores, &mut chars);
            chars
        };
        let chars = read(&[(28, 'O', '0'), (32, 'O', '0')]);
        assert_eq!((chars[1][28].char, chars[1][32].char), ('O', 'O'));
        assert!(chars[1][28].margin() < MIN_MARGIN && chars[1][32].margin() < MIN_MARGIN);
        // One close call that only the reading as printed satisfies is settled.
        let chars = read(&[(28, '0', 'O')]);
        assert_eq!(chars[1][28].char, '0');
        assert!(chars[1][28].margin() >= MIN_MARGIN);
    }

    #[test]
    fn print_that_is_no_zone_reads_as_nothing() {
        let image = printed(
            &["SPECIMEN SPECIMEN SPECIMEN", "PASSPORT  PASSEPORT"],
            20.0,
            0.0,
        );
        assert!(read_in(&image).is_none());
    }

    #[test]
    fn a_nationality_printed_in_digits_is_read_as_digits_only_when_plain() {
        use super::recognise::{CharSet, decide, index_of};
        let mut scores = vec![0.2f32; 37];
        // A clear digit leads every letter by more than the lead it needs.
        scores[index_of('1')] = 0.9;
        scores[index_of('I')] = 0.7;
        let read = decide(&scores, CharSet::Nationality);
        assert_eq!(read.char, '1');
        // A digit leading by less than that goes to the letter, unclear.
        scores[index_of('I')] = 0.86;
        let read = decide(&scores, CharSet::Nationality);
        assert_eq!(read.char, 'I');
        assert!(read.margin() < MIN_MARGIN);
        // A letter well ahead is a confident letter.
        scores[index_of('I')] = 0.95;
        let read = decide(&scores, CharSet::Nationality);
        assert_eq!(read.char, 'I');
        assert!(read.margin() >= MIN_MARGIN);
    }
}
