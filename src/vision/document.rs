//! Finding the document's outline in a photo.
//!
//! The search runs on a grey proxy about 640 px across and returns corners in the full image:
//!
//! 1. **Edges.** Gradients of the lightly blurred proxy; an edge pixel is a local maximum of
//!    the gradient across the edge that stands out from the photo's own texture (a threshold
//!    relative to the median gradient, so a dark photo's faint edges still count).
//! 2. **Lines.** Each edge pixel votes in a Hough accumulator only for lines within a few
//!    degrees of its own orientation — fast, and texture spreads its votes thin while a
//!    document's straight sides pile theirs up. The strongest few dozen lines are kept, each
//!    with a *support profile*: which points along it lie on an edge of its orientation.
//! 3. **Candidates.** Two roughly parallel pairs of lines make a quadrilateral. A document
//!    pushed over the frame edge shows only three sides (or two): the missing side is placed
//!    outside the frame, at the distance a standard document's proportions give, and marked as
//!    not seen — which is how a cut-off corner is known to be cut off.
//! 4. **Scoring.** A candidate must be convex, about the shape of an ID document (its true
//!    aspect ratio, corrected for perspective, between 1.2 and 1.9), and have printed content
//!    inside. Its score is the share of its visible perimeter that runs along edges (read from
//!    the profiles in constant time per side), weighted towards larger outlines, so a card beats
//!    the portrait box printed on it. An outline with a strong straight edge running right
//!    across its middle is two documents side by side, not one.
//! 5. **Refinement.** The winner's sides are refitted to the edge pixels along them and
//!    intersected again, which puts its corners on the true corners of a card with rounded
//!    corners, to a fraction of a proxy pixel.
//!
//! Other outlines that do not overlap the winner are reported too, so a photo of two documents
//! says which one was judged.

use image::{GrayImage, Luma};

use super::geometry::{
    self, Line, Quad, distance, lerp, order_clockwise, polygon_area, round_pixel,
};
use super::proxy::GreyF32;
use crate::report::Point;

/// Long side of the grey image the search runs on.
pub const SEARCH_LONG_SIDE: u32 = 640;

/// Standard document proportions (long side over short side): ID-1 cards (TD1, bank cards,
/// driving licences) and TD2 cards and TD3 passport pages.
const STANDARD_ASPECTS: [f64; 2] = [1.42, 1.586];

/// The least edge support (share of the seen sides' length with an edge under it) an outline
/// needs to be taken for a document. A card's edges against a background are nearly
/// continuous (0.77 and up on the synthetic set); a rectangle made of print — a chip, a
/// portrait on a pale card scanned on white — is broken up.
const MIN_SUPPORT: f64 = 0.7;

/// A located document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Corners in full-image pixels, clockwise on screen from the one nearest the top-left.
    /// Corners may lie outside the image when the document is cut off.
    pub corners: Quad,
    /// Whether each side (corner `i` to corner `i + 1`) was seen; a side that was not lies
    /// outside the frame and its position follows from the document's proportions.
    pub seen_sides: [bool; 4],
    /// Share of the visible perimeter that runs along detected edges.
    pub edge_support: f64,
    /// The document's width-to-height ratio corrected for perspective (≥ 1).
    pub aspect: f64,
    /// How much printed detail it holds (share of its middle with edges across its sides).
    pub content: f64,
}

impl Outline {
    /// Whether every side was seen (nothing had to be inferred).
    pub fn is_complete(&self) -> bool {
        self.seen_sides.iter().all(|&s| s)
    }
}

/// What the search found: the document to judge and any others beside it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Search {
    /// The best outline, if any is convincing.
    pub best: Option<Outline>,
    /// Further convincing outlines that do not overlap the best one, best first.
    pub others: Vec<Outline>,
}

/// Find the document in a grey proxy of the photo; `to_full` scales proxy pixels to the full
/// image's.
pub fn find_document(grey: &GreyF32, to_full: f64) -> Search {
    let edges = EdgeMap::of(grey);
    let lines = strongest_lines(&edges);
    let frame = [f64::from(grey.width()), f64::from(grey.height())];
    let mut scored: Vec<(f64, Candidate)> = candidates(&lines, frame)
        .into_iter()
        .filter_map(|mut c| {
            let judged = score(&c, &lines, &edges, frame).ok()?;
            if judged.support < MIN_SUPPORT {
                return None;
            }
            c.support = judged.support;
            c.aspect = judged.aspect;
            c.content = judged.content;
            Some((judged.score, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    // A side guessed just beyond the frame can score as well as the edge actually seen
    // there: among near-equals covering the same ground, what was seen wins.
    if let Some((top_score, top)) = scored.first() {
        let seen = |c: &Candidate| c.seen.iter().filter(|&&s| s).count();
        let better = scored.iter().position(|(s, c)| {
            *s >= 0.95 * top_score
                && seen(c) > seen(top)
                && overlap(&top.quad, &c.quad, frame) > 0.8
        });
        if let Some(k) = better {
            let preferred = scored.remove(k);
            scored.insert(0, preferred);
        }
    }
    let mut chosen: Vec<Outline> = Vec::new();
    let mut chosen_quads: Vec<Quad> = Vec::new();
    let best_score = scored.first().map_or(0.0, |s| s.0);
    let best_area = scored.first().map_or(0.0, |s| polygon_area(&s.1.quad));
    for (score, candidate) in scored {
        if chosen.len() >= 4 {
            break;
        }
        if chosen_quads
            .iter()
            .any(|q| overlap(q, &candidate.quad, frame) > 0.1)
        {
            continue;
        }
        // Another document beside the best is one of its kind: as well outlined and about
        // as large (a card's back beside its front), not a shape in the wood grain.
        if !chosen.is_empty()
            && (score < 0.6 * best_score
                || candidate.support < 0.85
                || polygon_area(&candidate.quad) < 0.4 * best_area)
        {
            continue;
        }
        let refined = refine(&candidate, &edges);
        chosen_quads.push(candidate.quad);
        chosen.push(Outline {
            corners: refined.map(|p| [p[0] * to_full, p[1] * to_full]),
            seen_sides: candidate.seen,
            edge_support: candidate.support,
            aspect: candidate.aspect,
            content: candidate.content,
        });
    }
    let mut chosen = chosen.into_iter();
    Search {
        best: chosen.next(),
        others: chosen.collect(),
    }
}

/// Gradient, orientation and thinned edges of the proxy.
struct EdgeMap {
    width: usize,
    height: usize,
    /// Gradient orientation in [0, π) (the direction across the edge, sign dropped).
    angle: Vec<f32>,
    /// Edge pixels (thinned, above threshold).
    edge: Vec<bool>,
    /// Gradient magnitude.
    magnitude: Vec<f32>,
}

/// Edge pixels closer than this to the image's border (proxy pixels) are ignored.
const BORDER_BAND: usize = 4;

/// How much of a side (proxy pixels) must run along an edge where it leaves the frame.
const EXIT_STRETCH: f64 = 10.0;

impl EdgeMap {
    fn of(grey: &GreyF32) -> EdgeMap {
        let blurred = imageproc::filter::gaussian_blur_f32(grey, 1.0);
        let (w, h) = (grey.width() as usize, grey.height() as usize);
        let data = blurred.as_raw();
        let mut gx = vec![0f32; w * h];
        let mut gy = vec![0f32; w * h];
        for y in 1..h.saturating_sub(1) {
            for x in 1..w.saturating_sub(1) {
                let i = y * w + x;
                gx[i] = (data[i + 1] - data[i - 1]) * 0.5;
                gy[i] = (data[i + w] - data[i - w]) * 0.5;
            }
        }
        let magnitude: Vec<f32> = gx
            .iter()
            .zip(&gy)
            .map(|(a, b)| (a * a + b * b).sqrt())
            .collect();
        // The threshold follows the photo's texture: several times its median gradient, but
        // never below a floor under which edges are sensor noise.
        let mut sorted: Vec<f32> = magnitude.iter().copied().step_by(7).collect();
        let median = super::quantile(&mut sorted, 0.5, f32::total_cmp).unwrap_or(0.0);
        let threshold = (3.0 * median).max(0.8);
        let mut edge = vec![false; w * h];
        let mut angle = vec![0f32; w * h];
        // Scans and crops often carry a thin dark line or a JPEG ringing along the image's
        // own border; a line there is the picture's edge, not a document's, and a document
        // edge that close to the border counts as cut off anyway.
        let border = BORDER_BAND;
        for y in border..h.saturating_sub(border) {
            for x in border..w.saturating_sub(border) {
                let i = y * w + x;
                let m = magnitude[i];
                if m < threshold {
                    continue;
                }
                let a = gy[i].atan2(gx[i]).rem_euclid(std::f32::consts::PI);
                angle[i] = a;
                // Neighbours across the edge, the gradient direction rounded to 45°.
                let step = (a / std::f32::consts::FRAC_PI_4).round() as usize % 4;
                let (o1, o2) = match step {
                    0 => (i - 1, i + 1),
                    1 => (i - w - 1, i + w + 1),
                    2 => (i - w, i + w),
                    _ => (i - w + 1, i + w - 1),
                };
                edge[i] = m >= magnitude[o1] && m > magnitude[o2];
            }
        }
        EdgeMap {
            width: w,
            height: h,
            angle,
            edge,
            magnitude,
        }
    }

    /// Whether an edge pixel of orientation close to `normal` lies within `reach` pixels of
    /// `p` along `normal_vec`.
    fn supports(&self, p: Point, normal: f32, normal_vec: Point, reach: i32) -> bool {
        for k in -reach..=reach {
            let x = round_pixel(p[0] + normal_vec[0] * f64::from(k));
            let y = round_pixel(p[1] + normal_vec[1] * f64::from(k));
            if x < 1.0 || y < 1.0 || x >= (self.width - 1) as f64 || y >= (self.height - 1) as f64 {
                continue;
            }
            let i = y as usize * self.width + x as usize;
            if self.edge[i] && angle_gap(self.angle[i], normal) < ORIENTATION_TOLERANCE {
                return true;
            }
        }
        false
    }
}

/// The least [`content`] an outline must hold to be a document and not a blank object.
const MIN_CONTENT: f64 = 0.01;

/// The least gradient (grey levels per pixel) of an edge that counts as printed content:
/// print is contrasty even in a dark photo, while sensor noise and compression specks on a
/// blank surface are not.
const CONTENT_CONTRAST: f32 = 3.0;

/// How far an edge pixel's orientation may be from a line's normal to count for it (radians).
const ORIENTATION_TOLERANCE: f32 = 0.21;

/// Difference of two orientations in [0, π), in [0, π/2].
fn angle_gap(a: f32, b: f32) -> f32 {
    let d = (a - b).abs() % std::f32::consts::PI;
    d.min(std::f32::consts::PI - d)
}

/// A straight line found in the proxy, with where along it there are edges.
struct FoundLine {
    /// Normal orientation in [0, π).
    theta: f64,
    line: Line,
    /// Parameter (distance along `line.direction` from `line.point`) of the first profile
    /// sample; samples are one pixel apart and cover the line's extent inside the frame.
    start: f64,
    /// Running count of supported samples: `prefix[k]` counts samples `0..k`.
    prefix: Vec<u32>,
}

impl FoundLine {
    fn parameter(&self, p: Point) -> f64 {
        (p[0] - self.line.point[0]) * self.line.direction[0]
            + (p[1] - self.line.point[1]) * self.line.direction[1]
    }

    /// Over the stretch from `a` to `b` (points on this line): the number of profile samples
    /// inside the frame, and how many of them lie on an edge.
    fn support_between(&self, a: Point, b: Point) -> (u32, u32) {
        let (mut t0, mut t1) = (self.parameter(a), self.parameter(b));
        if t0 > t1 {
            std::mem::swap(&mut t0, &mut t1);
        }
        let n = self.prefix.len() - 1;
        let k0 = ((t0 - self.start).ceil().max(0.0) as usize).min(n);
        let k1 = ((t1 - self.start).floor().max(-1.0) as isize + 1).clamp(0, n as isize) as usize;
        if k1 <= k0 {
            return (0, 0);
        }
        ((k1 - k0) as u32, self.prefix[k1] - self.prefix[k0])
    }
}

/// The strongest straight lines of the edge map, by orientation-restricted Hough voting.
fn strongest_lines(edges: &EdgeMap) -> Vec<FoundLine> {
    const ANGLE_BINS: usize = 180;
    const SPREAD: i32 = 4;
    const MAX_LINES: usize = 40;
    let (w, h) = (edges.width, edges.height);
    let diagonal = ((w * w + h * h) as f64).sqrt().ceil() as usize;
    let rho_bins = 2 * diagonal + 1;
    let (cos, sin): (Vec<f64>, Vec<f64>) = (0..ANGLE_BINS)
        .map(|a| {
            let t = a as f64 * std::f64::consts::PI / ANGLE_BINS as f64;
            (t.cos(), t.sin())
        })
        .unzip();
    let mut votes = vec![0u32; ANGLE_BINS * rho_bins];
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            if !edges.edge[i] {
                continue;
            }
            let centre =
                round_pixel(f64::from(edges.angle[i]) / std::f64::consts::PI * ANGLE_BINS as f64)
                    as i32;
            for da in -SPREAD..=SPREAD {
                let a = (centre + da).rem_euclid(ANGLE_BINS as i32) as usize;
                let rho = x as f64 * cos[a] + y as f64 * sin[a];
                let r = (round_pixel(rho) as isize + diagonal as isize) as usize;
                votes[a * rho_bins + r] += 1;
            }
        }
    }
    // Peaks: local maxima over a window of angles and distances, strongest first.
    let minimum = (0.06 * w.min(h) as f64).max(12.0) as u32;
    let mut peaks: Vec<(u32, usize, usize)> = Vec::new();
    for a in 0..ANGLE_BINS {
        for r in 0..rho_bins {
            let v = votes[a * rho_bins + r];
            if v < minimum {
                continue;
            }
            let mut is_peak = true;
            'window: for da in -4i32..=4 {
                // Angles wrap around: θ + π is the same line with ρ negated.
                let raw = a as i32 + da;
                let (aa, mirrored) = if raw < 0 {
                    (raw + ANGLE_BINS as i32, true)
                } else if raw >= ANGLE_BINS as i32 {
                    (raw - ANGLE_BINS as i32, true)
                } else {
                    (raw, false)
                };
                for dr in -6i32..=6 {
                    let rr = if mirrored {
                        rho_bins as i32 - 1 - r as i32 + dr
                    } else {
                        r as i32 + dr
                    };
                    if rr < 0 || rr >= rho_bins as i32 || (da == 0 && dr == 0) {
                        continue;
                    }
                    let other = votes[aa as usize * rho_bins + rr as usize];
                    // Ties go to the first in scan order.
                    let earlier = (aa as usize, rr as usize) < (a, r);
                    if other > v || (other == v && earlier) {
                        is_peak = false;
                        break 'window;
                    }
                }
            }
            if is_peak {
                peaks.push((v, a, r));
            }
        }
    }
    peaks.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    peaks.truncate(MAX_LINES);
    peaks
        .into_iter()
        .map(|(_, a, r)| {
            let theta = a as f64 * std::f64::consts::PI / ANGLE_BINS as f64;
            refit(edges, theta, r as f64 - diagonal as f64)
        })
        // Neighbouring peaks of one edge refit to the same line.
        .fold(Vec::<(f64, f64)>::new(), |mut kept, (theta, rho)| {
            let same = |&(t, r): &(f64, f64)| {
                let d = (t - theta).abs();
                (d < 0.02 && (r - rho).abs() < 2.0)
                    || (std::f64::consts::PI - d < 0.02 && (r + rho).abs() < 2.0)
            };
            if !kept.iter().any(same) {
                kept.push((theta, rho));
            }
            kept
        })
        .into_iter()
        .map(|(theta, rho)| profile(edges, theta, rho))
        .collect()
}

/// Fit a Hough line to the edge pixels of its orientation within a few pixels of it. The
/// accumulator's one-degree bins put the ends of a long line pixels away from the edge it
/// stands for; the fit puts it on the edge along its whole length.
fn refit(edges: &EdgeMap, theta: f64, rho: f64) -> (f64, f64) {
    let mut line = Line::polar(theta, rho);
    for band in [2.5, 1.5] {
        let Some((t0, t1)) = clip_to_frame(&line, edges.width as f64, edges.height as f64) else {
            break;
        };
        let at = |t: f64| {
            [
                line.point[0] + line.direction[0] * t,
                line.point[1] + line.direction[1] * t,
            ]
        };
        let points = edge_points_near(edges, &line, at(t0), at(t1), band, 0.0);
        if points.len() < 12 {
            break;
        }
        match Line::fit(&points) {
            Some(fit) => line = fit,
            None => break,
        }
    }
    let normal = [line.direction[1], -line.direction[0]];
    let mut theta = normal[1].atan2(normal[0]);
    let mut rho = line.point[0] * normal[0] + line.point[1] * normal[1];
    if theta < 0.0 {
        theta += std::f64::consts::PI;
        rho = -rho;
    }
    if theta >= std::f64::consts::PI {
        theta -= std::f64::consts::PI;
        rho = -rho;
    }
    (theta, rho)
}

/// The stretch of a line inside a `w × h` frame, as the range of its parameter.
fn clip_to_frame(line: &Line, w: f64, h: f64) -> Option<(f64, f64)> {
    let (mut t0, mut t1) = (f64::NEG_INFINITY, f64::INFINITY);
    for (p, d, limit) in [
        (line.point[0], line.direction[0], w - 1.0),
        (line.point[1], line.direction[1], h - 1.0),
    ] {
        if d.abs() < 1e-9 {
            if p < 0.0 || p > limit {
                return None;
            }
            continue;
        }
        let (a, b) = ((0.0 - p) / d, (limit - p) / d);
        t0 = t0.max(a.min(b));
        t1 = t1.min(a.max(b));
    }
    (t1 >= t0).then_some((t0, t1))
}

/// Sample a line every pixel across the frame and record which samples lie on an edge of the
/// line's orientation.
fn profile(edges: &EdgeMap, theta: f64, rho: f64) -> FoundLine {
    let line = Line::polar(theta, rho);
    let (t0, t1) =
        clip_to_frame(&line, edges.width as f64, edges.height as f64).unwrap_or((0.0, -1.0));
    let start = t0.ceil();
    let count = if t1 >= start {
        (t1 - start).floor() as usize + 1
    } else {
        0
    };
    let normal = [line.direction[1], -line.direction[0]];
    let mut prefix = Vec::with_capacity(count + 1);
    prefix.push(0u32);
    let mut total = 0;
    for k in 0..count {
        let t = start + k as f64;
        let p = [
            line.point[0] + line.direction[0] * t,
            line.point[1] + line.direction[1] * t,
        ];
        if edges.supports(p, theta as f32, normal, 1) {
            total += 1;
        }
        prefix.push(total);
    }
    FoundLine {
        theta,
        line,
        start,
        prefix,
    }
}

/// A possible document outline in proxy pixels.
#[derive(Debug, Clone)]
struct Candidate {
    quad: Quad,
    /// For each side of `quad` (after ordering), the index of the line it lies on, or `None`
    /// for a side placed outside the frame.
    lines: [Option<usize>; 4],
    seen: [bool; 4],
    support: f64,
    aspect: f64,
    content: f64,
}

/// Orientation difference of two lines, in [0, π/2].
fn line_gap(a: &FoundLine, b: &FoundLine) -> f64 {
    let d = (a.theta - b.theta).abs();
    d.min(std::f64::consts::PI - d)
}

fn inside(p: Point, frame: [f64; 2]) -> bool {
    p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= frame[0] - 1.0 && p[1] <= frame[1] - 1.0
}

/// Build candidate outlines from the lines: four-sided ones from two pairs of roughly
/// parallel lines, and three- and two-sided ones completed outside the frame.
fn candidates(lines: &[FoundLine], frame: [f64; 2]) -> Vec<Candidate> {
    const PARALLEL: f64 = 0.75; // radians; perspective makes opposite sides converge
    const CROSSING: f64 = 0.87; // at least ~50° between the two pairs
    let short = frame[0].min(frame[1]);
    let mut pairs = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            if line_gap(&lines[i], &lines[j]) > PARALLEL {
                continue;
            }
            // Opposite sides of a document are well apart (measured mid-frame).
            let near_centre = project(&lines[j].line, [frame[0] / 2.0, frame[1] / 2.0]);
            if lines[i].line.signed_distance(near_centre).abs() < 0.06 * short {
                continue;
            }
            pairs.push((i, j));
        }
    }
    let mut out = Vec::new();
    for (n, &(a, b)) in pairs.iter().enumerate() {
        for &(c, d) in &pairs[n + 1..] {
            if [c, d].contains(&a) || [c, d].contains(&b) {
                continue;
            }
            if line_gap(&lines[a], &lines[c]) < CROSSING {
                continue;
            }
            let corners = [
                lines[a].line.meet(&lines[c].line),
                lines[c].line.meet(&lines[b].line),
                lines[b].line.meet(&lines[d].line),
                lines[d].line.meet(&lines[a].line),
            ];
            if let [Some(p), Some(q), Some(r), Some(s)] = corners {
                out.extend(make_candidate(
                    [p, q, r, s],
                    [Some(c), Some(b), Some(d), Some(a)],
                ));
            }
        }
        // Three sides: the pair and one crossing line; the fourth side is outside the frame.
        for (c, line_c) in lines.iter().enumerate() {
            if c == a || c == b || line_gap(&lines[a], line_c) < CROSSING {
                continue;
            }
            out.extend(three_sided(a, b, c, lines, frame));
        }
    }
    // Two sides meeting at a corner inside the frame; the other two are outside.
    for a in 0..lines.len() {
        for c in a + 1..lines.len() {
            if line_gap(&lines[a], &lines[c]) < CROSSING {
                continue;
            }
            out.extend(two_sided(a, c, lines, frame));
        }
    }
    out
}

/// Order a quad's corners clockwise and carry its side-to-line assignment along. `sides[i]`
/// is the line of the side from `corners[i]` to `corners[i + 1]` as given.
fn make_candidate(corners: Quad, sides: [Option<usize>; 4]) -> Option<Candidate> {
    if !geometry::is_convex(&corners) {
        return None;
    }
    let ordered = order_clockwise(corners);
    let mut lines_of = [None; 4];
    for (i, side) in sides.iter().enumerate() {
        // Side i joins given corners i and i+1.
        let (p, q) = (corners[i], corners[(i + 1) % 4]);
        let pi = ordered.iter().position(|x| *x == p)?;
        let qi = ordered.iter().position(|x| *x == q)?;
        let k = if (pi + 1) % 4 == qi { pi } else { qi };
        lines_of[k] = *side;
    }
    Some(Candidate {
        quad: ordered,
        seen: lines_of.map(|l| l.is_some()),
        lines: lines_of,
        support: 0.0,
        aspect: 0.0,
        content: 0.0,
    })
}

/// The length, as a multiple of `known`, of a document side perpendicular to a side `known`
/// long, at least `visible` long: the smallest standard proportion that fits, or `None` when
/// none does.
fn completed_length(known: f64, visible: f64) -> Option<f64> {
    let mut options: Vec<f64> = STANDARD_ASPECTS
        .iter()
        .flat_map(|a| [known * a, known / a])
        .collect();
    options.sort_by(f64::total_cmp);
    // The hidden side lies beyond the frame, so at least a little further than it; but
    // perspective shortens the proportions a little, so a standard length just short of the
    // frame's edge is taken (pushed past the edge) rather than one half again as long.
    let beyond = visible * 1.02 + 2.0;
    options
        .into_iter()
        .find(|&len| len >= visible * 0.95)
        .map(|len| len.max(beyond))
}

/// Whether any part of the segment from `a` to `b` lies inside the frame.
fn crosses_frame(a: Point, b: Point, frame: [f64; 2]) -> bool {
    let Some(line) = Line::through(a, b) else {
        return inside(a, frame);
    };
    let Some((t0, t1)) = clip_to_frame(&line, frame[0], frame[1]) else {
        return false;
    };
    // The segment runs from t = 0 (a) to t = |ab| (b) along the line.
    t1 >= 0.0 && t0 <= distance(a, b)
}

/// Where a ray from `p` along `d` leaves the frame (distance), if `p` is inside.
fn exit_distance(p: Point, d: Point, frame: [f64; 2]) -> f64 {
    let mut t = f64::INFINITY;
    for axis in 0..2 {
        if d[axis] > 1e-9 {
            t = t.min((frame[axis] - 1.0 - p[axis]) / d[axis]);
        } else if d[axis] < -1e-9 {
            t = t.min(-p[axis] / d[axis]);
        }
    }
    t.max(0.0)
}

/// Three seen sides: parallel lines `a` and `b` joined by `c`; the side opposite `c` lies
/// outside the frame, in whichever direction along `a` the document runs off it.
fn three_sided(
    a: usize,
    b: usize,
    c: usize,
    lines: &[FoundLine],
    frame: [f64; 2],
) -> Vec<Candidate> {
    let (Some(pa), Some(pb)) = (
        lines[a].line.meet(&lines[c].line),
        lines[b].line.meet(&lines[c].line),
    ) else {
        return Vec::new();
    };
    if !inside(pa, frame) || !inside(pb, frame) {
        return Vec::new();
    }
    let known = distance(pa, pb);
    let mut out = Vec::new();
    for sign in [1.0, -1.0] {
        let da = lines[a].line.direction.map(|v| v * sign);
        // Run along b the same way as along a (the two are nearly parallel).
        let db0 = lines[b].line.direction;
        let db = if db0[0] * da[0] + db0[1] * da[1] >= 0.0 {
            db0
        } else {
            db0.map(|v| -v)
        };
        let visible = exit_distance(pa, da, frame).max(exit_distance(pb, db, frame));
        if visible < 0.1 * known {
            continue;
        }
        let Some(length) = completed_length(known, visible) else {
            continue;
        };
        let qa = [pa[0] + da[0] * length, pa[1] + da[1] * length];
        let qb = [pb[0] + db[0] * length, pb[1] + db[1] * length];
        // The unseen side must really be unseen: wholly outside the frame.
        if crosses_frame(qa, qb, frame) {
            continue;
        }
        out.extend(make_candidate(
            [pa, pb, qb, qa],
            [Some(c), Some(b), None, Some(a)],
        ));
    }
    out
}

/// Two seen sides along `a` and `c`, meeting at a corner inside the frame; the document
/// extends from that corner past the frame in both directions.
fn two_sided(a: usize, c: usize, lines: &[FoundLine], frame: [f64; 2]) -> Vec<Candidate> {
    let Some(corner) = lines[a].line.meet(&lines[c].line) else {
        return Vec::new();
    };
    if !inside(corner, frame) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for sa in [1.0, -1.0] {
        for sc in [1.0, -1.0] {
            let da = lines[a].line.direction.map(|v| v * sa);
            let dc = lines[c].line.direction.map(|v| v * sc);
            let (ea, ec) = (
                exit_distance(corner, da, frame),
                exit_distance(corner, dc, frame),
            );
            if ea < 0.1 * frame[0].min(frame[1]) || ec < 0.1 * frame[0].min(frame[1]) {
                continue;
            }
            // The smallest standard document that reaches past the frame both ways.
            let Some((la, lc)) = STANDARD_ASPECTS
                .iter()
                .flat_map(|&r| [(r, 1.0), (1.0, r)])
                .map(|(ra, rc)| {
                    // Reaching a little past the frame, where the hidden sides are.
                    let k = ((ea + 2.0) / ra).max((ec + 2.0) / rc) * 1.02;
                    (ra * k, rc * k)
                })
                .min_by(|x, y| (x.0 * x.1).total_cmp(&(y.0 * y.1)))
            else {
                continue;
            };
            let pa = [corner[0] + da[0] * la, corner[1] + da[1] * la];
            let pc = [corner[0] + dc[0] * lc, corner[1] + dc[1] * lc];
            let far = [pa[0] + dc[0] * lc, pa[1] + dc[1] * lc];
            if crosses_frame(pa, far, frame) || crosses_frame(far, pc, frame) {
                continue;
            }
            out.extend(make_candidate(
                [corner, pa, far, pc],
                [Some(a), None, None, Some(c)],
            ));
        }
    }
    out
}

/// What scoring a candidate found out.
struct Judged {
    score: f64,
    support: f64,
    aspect: f64,
    content: f64,
}

/// Judge a candidate: why it cannot be a document, or what it scores.
fn score(
    candidate: &Candidate,
    lines: &[FoundLine],
    edges: &EdgeMap,
    frame: [f64; 2],
) -> Result<Judged, &'static str> {
    let q = &candidate.quad;
    let frame_area = frame[0] * frame[1];
    let area = polygon_area(q);
    if area < 0.015 * frame_area || area > 4.0 * frame_area {
        return Err("size");
    }
    let (first, second) = geometry::side_pairs(q);
    let short = first.min(second);
    if short < 0.05 * frame[0].min(frame[1]) {
        return Err("narrow");
    }
    let centre = [frame[0] / 2.0, frame[1] / 2.0];
    let focal = frame[0].max(frame[1]) * 0.9;
    let aspect = geometry::true_aspect(q, centre, focal);
    let aspect = aspect.max(1.0 / aspect);
    if !(1.2..=1.9).contains(&aspect) {
        return Err("aspect");
    }
    let (mut inside_total, mut hits_total, mut seen) = (0u32, 0u32, 0);
    let mut weakest: f64 = 1.0;
    for i in 0..4 {
        let Some(line) = candidate.lines[i] else {
            continue;
        };
        seen += 1;
        let (p, r) = (q[i], q[(i + 1) % 4]);
        // Leave out the ends, where a card's corner is rounded.
        let (a, b) = (lerp(p, r, 0.06), lerp(p, r, 0.94));
        let (in_frame, hits) = lines[line].support_between(a, b);
        let length = distance(a, b);
        // A seen side must be seen: a good part of it inside the frame.
        if f64::from(in_frame) < 0.15 * length || in_frame < 8 {
            return Err("side outside the frame");
        }
        let support = f64::from(hits) / f64::from(in_frame);
        weakest = weakest.min(support);
        inside_total += in_frame;
        hits_total += hits;
        // A side that runs off the frame must be seen right up to the frame's edge, or the
        // document ends before it and this outline overshoots.
        if let Some(exit) = frame_exit(p, r, frame) {
            let inward = if inside(p, frame) { p } else { r };
            // Edges within the border band are not detected, so a side that leaves the frame
            // at a grazing angle, running inside the band for longer than the stretch looked
            // at, is looked at from where it leaves the band. A side that runs along the
            // border for most of its way is the frame's edge, not seen.
            let Some(clear) = out_of_border_band(exit, inward, frame) else {
                return Err("no edge where it leaves the frame");
            };
            let start = if distance(exit, clear) > EXIT_STRETCH {
                clear
            } else {
                exit
            };
            let reach = distance(start, inward);
            let back = lerp(start, inward, (EXIT_STRETCH / reach).clamp(0.15, 1.0));
            let (n, h) = lines[line].support_between(start, back);
            if n >= 4 && f64::from(h) < 0.5 * f64::from(n) {
                return Err("no edge where it leaves the frame");
            }
        }
    }
    if weakest < 0.35 {
        return Err("weak side");
    }
    let support = f64::from(hits_total) / f64::from(inside_total.max(1));
    if support < 0.5 {
        return Err("weak outline");
    }
    let content = content(q, edges, frame);
    if content < MIN_CONTENT {
        return Err("blank");
    }
    if is_split(candidate, lines) {
        return Err("split");
    }
    let visible = visible_area_fraction(q, frame);
    // Inferred sides are a guess: prefer a complete outline of similar quality.
    let completeness = [1.0, 1.0, 0.85, 0.7][4 - seen];
    let standard = if aspect_is_standard(aspect) { 1.0 } else { 0.9 };
    let score = support * support * weakest.sqrt() * visible.sqrt() * completeness * standard;
    Ok(Judged {
        score,
        support,
        aspect,
        content,
    })
}

/// The first point from `exit` towards `inward` that lies outside the border band, where
/// edges are detected; `None` when the segment runs within the band for more than half its
/// length.
fn out_of_border_band(exit: Point, inward: Point, frame: [f64; 2]) -> Option<Point> {
    let length = distance(exit, inward);
    let band = BORDER_BAND as f64 + 1.0;
    let clear = |p: Point| p[0].min(p[1]).min(frame[0] - p[0]).min(frame[1] - p[1]) >= band;
    (0..=(length * 0.5) as usize)
        .map(|step| lerp(exit, inward, step as f64 / length.max(1.0)))
        .find(|&p| clear(p))
}

/// Where the segment from `p` to `r` crosses the frame's border, when exactly one of its ends
/// is inside the frame.
fn frame_exit(p: Point, r: Point, frame: [f64; 2]) -> Option<Point> {
    let (from, to) = match (inside(p, frame), inside(r, frame)) {
        (true, false) => (p, r),
        (false, true) => (r, p),
        _ => return None,
    };
    let length = distance(from, to);
    let direction = [(to[0] - from[0]) / length, (to[1] - from[1]) / length];
    let t = exit_distance(from, direction, frame);
    Some([from[0] + direction[0] * t, from[1] + direction[1] * t])
}

fn aspect_is_standard(aspect: f64) -> bool {
    STANDARD_ASPECTS
        .iter()
        .any(|a| (aspect / a - 1.0).abs() < 0.08)
}

/// The share of the frame a quad covers (the part inside the frame, estimated on a grid).
fn visible_area_fraction(q: &Quad, frame: [f64; 2]) -> f64 {
    const N: usize = 24;
    let mut hits = 0;
    for j in 0..N {
        for i in 0..N {
            let p = [
                (i as f64 + 0.5) / N as f64 * frame[0],
                (j as f64 + 0.5) / N as f64 * frame[1],
            ];
            if geometry::contains(q, p) {
                hits += 1;
            }
        }
    }
    hits as f64 / (N * N) as f64
}

/// Share of the smaller quad's frame area that the two quads have in common (grid estimate).
fn overlap(a: &Quad, b: &Quad, frame: [f64; 2]) -> f64 {
    const N: usize = 32;
    let (mut both, mut in_a, mut in_b) = (0, 0, 0);
    for j in 0..N {
        for i in 0..N {
            let p = [
                (i as f64 + 0.5) / N as f64 * frame[0],
                (j as f64 + 0.5) / N as f64 * frame[1],
            ];
            let (x, y) = (geometry::contains(a, p), geometry::contains(b, p));
            in_a += usize::from(x);
            in_b += usize::from(y);
            both += usize::from(x && y);
        }
    }
    both as f64 / in_a.min(in_b).max(1) as f64
}

/// How much printed detail a quadrilateral holds: the share of points on a grid over its
/// middle that have an edge nearby running *across* its sides' directions. Text, portraits
/// and seals have edges in every direction; a blank sheet, a phone or a box has none inside,
/// and a straight line crossing it runs along one of its own directions.
fn content(q: &Quad, edges: &EdgeMap, frame: [f64; 2]) -> f64 {
    const N: usize = 28;
    const AXIS_TOLERANCE: f32 = 0.35;
    let axis = |a: Point, b: Point| -> f32 {
        let d = [b[0] - a[0], b[1] - a[1]];
        // The normal's orientation in [0, π), like the edge map's angles.
        (d[0].atan2(-d[1]) as f32).rem_euclid(std::f32::consts::PI)
    };
    let axes = [
        axis(q[0], q[1]),
        axis(q[1], q[2]),
        axis(q[2], q[3]),
        axis(q[3], q[0]),
    ];
    let (mut samples, mut hits) = (0, 0);
    for j in 0..N {
        for i in 0..N {
            let (u, v) = (
                0.1 + 0.8 * (i as f64 + 0.5) / N as f64,
                0.1 + 0.8 * (j as f64 + 0.5) / N as f64,
            );
            let p = lerp(lerp(q[0], q[1], u), lerp(q[3], q[2], u), v);
            if !inside(p, frame) {
                continue;
            }
            samples += 1;
            let (cx, cy) = (p[0] as isize, p[1] as isize);
            let mut found = false;
            'near: for dy in -2..=2 {
                for dx in -2..=2 {
                    let (x, y) = (cx + dx, cy + dy);
                    if x < 0 || y < 0 || x as usize >= edges.width || y as usize >= edges.height {
                        continue;
                    }
                    let k = y as usize * edges.width + x as usize;
                    if edges.edge[k]
                        && edges.magnitude[k] >= CONTENT_CONTRAST
                        && axes
                            .iter()
                            .all(|&a| angle_gap(edges.angle[k], a) > AXIS_TOLERANCE)
                    {
                        found = true;
                        break 'near;
                    }
                }
            }
            hits += usize::from(found);
        }
    }
    if samples < 16 {
        0.0
    } else {
        hits as f64 / samples as f64
    }
}

/// Whether a strong line runs right across the candidate's middle, parallel to one pair of its
/// sides: two documents side by side (a card's front and back on one scan), not one.
fn is_split(candidate: &Candidate, lines: &[FoundLine]) -> bool {
    let q = &candidate.quad;
    for i in 0..2 {
        // Sides i and i+2 are opposite; a splitting line runs between them, parallel to the
        // other pair (sides i+1 and i+3), crossing from side i to side i+2.
        let (s1, s2) = ((i + 1) % 4, (i + 3) % 4);
        let edge1 = Line::through(q[s1], q[(s1 + 1) % 4]);
        let edge2 = Line::through(q[s2], q[(s2 + 1) % 4]);
        let (Some(edge1), Some(edge2)) = (edge1, edge2) else {
            continue;
        };
        let side_a = Line::through(q[i], q[(i + 1) % 4]);
        let side_b = Line::through(q[(i + 2) % 4], q[(i + 3) % 4]);
        let (Some(side_a), Some(side_b)) = (side_a, side_b) else {
            continue;
        };
        for (k, found) in lines.iter().enumerate() {
            if candidate.lines.contains(&Some(k)) {
                continue;
            }
            let direction_gap = {
                let d = found.line.direction;
                let e = edge1.direction;
                (d[0] * e[1] - d[1] * e[0]).abs()
            };
            if direction_gap > 0.2 {
                continue;
            }
            let (Some(p), Some(r)) = (found.line.meet(&side_a), found.line.meet(&side_b)) else {
                continue;
            };
            // Well inside: between 20% and 80% of the way from one parallel side to the other.
            let mid = lerp(p, r, 0.5);
            let (d1, d2) = (
                edge1.signed_distance(mid).abs(),
                edge2.signed_distance(mid).abs(),
            );
            if !geometry::contains(q, mid) || d1.min(d2) < 0.2 * (d1 + d2) {
                continue;
            }
            // Nearly all the way across: a portrait's edge on a card cut off by the frame can
            // cover three quarters of what is seen of the card, a boundary between two
            // documents covers it all.
            let (inside, hits) = found.support_between(lerp(p, r, 0.05), lerp(p, r, 0.95));
            if inside > 10 && f64::from(hits) >= 0.85 * f64::from(inside) {
                return true;
            }
        }
    }
    false
}

/// Refit each seen side to the edge pixels along it and intersect neighbouring sides again.
/// Keeps the candidate's corners when a side has too few edge pixels or a corner would move
/// implausibly far.
fn refine(candidate: &Candidate, edges: &EdgeMap) -> Quad {
    let q = candidate.quad;
    let mut fitted: [Option<Line>; 4] = [None; 4];
    let mut shortest = f64::MAX;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        shortest = shortest.min(distance(a, b));
        if candidate.lines[i].is_none() {
            continue;
        }
        let Some(mut line) = Line::through(a, b) else {
            return q;
        };
        for band in [3.0, 2.0, 1.5] {
            let points = edge_points_near(edges, &line, a, b, band, 0.1);
            if points.len() < 10 {
                break;
            }
            match Line::fit(&points) {
                Some(fit) => line = fit,
                None => break,
            }
        }
        fitted[i] = Some(line);
    }
    let mut corners = q;
    for i in 0..4 {
        // Corner i is where side i-1 meets side i.
        let (Some(before), Some(after)) = (fitted[(i + 3) % 4], fitted[i]) else {
            continue;
        };
        let Some(corner) = before.meet(&after) else {
            return q;
        };
        if distance(corner, q[i]) > 0.1 * shortest {
            return q;
        }
        corners[i] = corner;
    }
    // A corner on an unseen side moves with the seen side it belongs to.
    for i in 0..4 {
        let before = (i + 3) % 4;
        match (
            candidate.lines[before].is_some(),
            candidate.lines[i].is_some(),
        ) {
            (true, true) => {}
            (true, false) => {
                // Corner i ends seen side `before`: slide it along the refitted line.
                if let Some(line) = fitted[before] {
                    corners[i] = project(&line, q[i]);
                }
            }
            (false, true) => {
                if let Some(line) = fitted[i] {
                    corners[i] = project(&line, q[i]);
                }
            }
            (false, false) => {}
        }
    }
    corners
}

fn project(line: &Line, p: Point) -> Point {
    let t = (p[0] - line.point[0]) * line.direction[0] + (p[1] - line.point[1]) * line.direction[1];
    [
        line.point[0] + line.direction[0] * t,
        line.point[1] + line.direction[1] * t,
    ]
}

/// Edge pixels within `band` of `line` whose orientation matches the line's, beside the
/// stretch from `a` to `b` less a share `trim` at either end.
fn edge_points_near(
    edges: &EdgeMap,
    line: &Line,
    a: Point,
    b: Point,
    band: f64,
    trim: f64,
) -> Vec<Point> {
    let normal = [line.direction[1], -line.direction[0]];
    let theta = normal[1].atan2(normal[0]).rem_euclid(std::f64::consts::PI) as f32;
    let length = distance(a, b);
    let mut points = Vec::new();
    let steps = length.ceil() as usize;
    let reach = band.ceil() as i32;
    for k in 0..=steps {
        let t = k as f64 / steps.max(1) as f64;
        if t < trim || t > 1.0 - trim {
            continue;
        }
        let foot = project(line, lerp(a, b, t));
        for j in -reach..=reach {
            let x = round_pixel(foot[0] + normal[0] * f64::from(j));
            let y = round_pixel(foot[1] + normal[1] * f64::from(j));
            if x < 1.0 || y < 1.0 || x >= (edges.width - 1) as f64 || y >= (edges.height - 1) as f64
            {
                continue;
            }
            if line.signed_distance([x, y]).abs() > band {
                continue;
            }
            let i = y as usize * edges.width + x as usize;
            if edges.edge[i] && angle_gap(edges.angle[i], theta) < ORIENTATION_TOLERANCE {
                // The sub-pixel position of the edge across the line: the peak of a parabola
                // through the gradient magnitudes either side.
                let m = |dx: f64, dy: f64| {
                    let (xx, yy) = ((x + dx) as usize, (y + dy) as usize);
                    f64::from(edges.magnitude[yy * edges.width + xx])
                };
                let (nx, ny) = (normal[0].round(), normal[1].round());
                let (m0, m1, m2) = (m(-nx, -ny), m(0.0, 0.0), m(nx, ny));
                let curvature = m0 - 2.0 * m1 + m2;
                let offset = if curvature.abs() > 1e-6 {
                    (0.5 * (m0 - m2) / curvature).clamp(-0.5, 0.5)
                } else {
                    0.0
                };
                points.push([x + nx * offset, y + ny * offset]);
            }
        }
    }
    points.sort_by(|p, q| p[0].total_cmp(&q[0]).then(p[1].total_cmp(&q[1])));
    points.dedup();
    points
}

/// The edge map as an image, for looking at what the search saw.
pub fn edge_image(grey: &GreyF32) -> GrayImage {
    let edges = EdgeMap::of(grey);
    GrayImage::from_fn(grey.width(), grey.height(), |x, y| {
        Luma([if edges.edge[y as usize * edges.width + x as usize] {
            255
        } else {
            0
        }])
    })
}

/// For development: the lines the search found, as (θ, ρ, supported samples).
#[doc(hidden)]
pub fn found_lines(grey: &GreyF32) -> Vec<(f64, f64, u32)> {
    let edges = EdgeMap::of(grey);
    strongest_lines(&edges)
        .iter()
        .map(|l| {
            let rho = l.line.point[0] * l.theta.cos() + l.line.point[1] * l.theta.sin();
            (l.theta.to_degrees(), rho, *l.prefix.last().unwrap_or(&0))
        })
        .collect()
}

/// For development: every candidate with each corner within `tolerance` (proxy pixels) of
/// `near`'s, and why it was kept or refused.
#[doc(hidden)]
pub fn diagnose(grey: &GreyF32, near: &Quad, tolerance: f64) -> Vec<String> {
    let edges = EdgeMap::of(grey);
    let lines = strongest_lines(&edges);
    let frame = [f64::from(grey.width()), f64::from(grey.height())];
    candidates(&lines, frame)
        .into_iter()
        .filter(|c| {
            near.iter()
                .all(|p| c.quad.iter().any(|q| distance(*p, *q) <= tolerance))
        })
        .map(|c| {
            let verdict = match score(&c, &lines, &edges, frame) {
                Ok(j) => format!(
                    "score {:.3} support {:.2} aspect {:.2} content {:.3}",
                    j.score, j.support, j.aspect, j.content
                ),
                Err(why) => why.to_owned(),
            };
            format!(
                "{:?} seen {:?}: {verdict}",
                c.quad.map(|p| p.map(|v| v.round())),
                c.seen
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vision::proxy::grey_of;
    use image::{Rgb, RgbImage};
    use imageproc::point::Point as IPoint;

    /// A pale card with some "print" (rows of ring-shaped letters) on a dark table.
    fn card_photo(corners: [(f64, f64); 4], size: (u32, u32)) -> RgbImage {
        let mut img = RgbImage::from_pixel(size.0, size.1, Rgb([60, 40, 30]));
        let poly: Vec<IPoint<i32>> = corners
            .iter()
            .map(|&(x, y)| IPoint::new(x as i32, y as i32))
            .collect();
        imageproc::drawing::draw_polygon_mut(&mut img, &poly, Rgb([230, 232, 236]));
        let at = |u: f64, v: f64| {
            let top = (
                corners[0].0 + (corners[1].0 - corners[0].0) * u,
                corners[0].1 + (corners[1].1 - corners[0].1) * u,
            );
            let bottom = (
                corners[3].0 + (corners[2].0 - corners[3].0) * u,
                corners[3].1 + (corners[2].1 - corners[3].1) * u,
            );
            (
                top.0 + (bottom.0 - top.0) * v,
                top.1 + (bottom.1 - top.1) * v,
            )
        };
        for row in 1..8 {
            for letter in 0..14 {
                let (x, y) = at(0.3 + 0.04 * f64::from(letter), f64::from(row) / 8.0);
                imageproc::drawing::draw_hollow_circle_mut(
                    &mut img,
                    (x as i32, y as i32),
                    4,
                    Rgb([30, 30, 40]),
                );
            }
        }
        img
    }

    fn search(img: &RgbImage) -> Search {
        find_document(&grey_of(img), 1.0)
    }

    #[test]
    fn finds_a_light_card_on_a_dark_table() {
        let corners = [
            (150.0, 120.0),
            (560.0, 150.0),
            (540.0, 420.0),
            (130.0, 390.0),
        ];
        let found = search(&card_photo(corners, (640, 480)))
            .best
            .expect("found");
        assert!(found.is_complete());
        for (got, want) in found.corners.iter().zip(corners) {
            let error = (got[0] - want.0).hypot(got[1] - want.1);
            assert!(error < 3.0, "{got:?} vs {want:?}");
        }
    }

    #[test]
    fn a_card_over_the_frame_edge_has_its_hidden_corners_outside() {
        // The card's left part lies beyond the left edge of the frame.
        let corners = [
            (-60.0, 100.0),
            (400.0, 110.0),
            (395.0, 400.0),
            (-65.0, 390.0),
        ];
        let found = search(&card_photo(corners, (640, 480)))
            .best
            .expect("found");
        let outside = found.corners.iter().filter(|p| p[0] < 0.0).count();
        assert_eq!(outside, 2, "{found:?}");
        assert_eq!(found.seen_sides.iter().filter(|&&s| !s).count(), 1);
    }

    #[test]
    fn a_side_leaving_the_frame_at_a_grazing_angle_is_still_a_side() {
        // The right side runs within a few pixels of the frame's edge for its last third,
        // where edges are not detected; the outline along it is no less a document (a page
        // tilted away, the Luxembourg specimen).
        let corners = [
            [180.0, 100.0],
            [628.0, 100.0],
            [646.0, 382.0],
            [198.0, 382.0],
        ];
        let img = card_photo(corners.map(|p| (p[0], p[1])), (640, 480));
        let verdicts = diagnose(&grey_of(&img), &corners, 3.0);
        assert!(!verdicts.is_empty());
        assert!(verdicts.iter().all(|v| v.contains("score")), "{verdicts:?}");
    }

    #[test]
    fn an_empty_table_has_no_document() {
        let img = RgbImage::from_pixel(640, 480, Rgb([60, 40, 30]));
        assert_eq!(search(&img), Search::default());
    }

    #[test]
    fn a_plain_rectangle_is_not_a_document() {
        // A blank sheet of card-like proportions: no printed content.
        let mut img = RgbImage::from_pixel(640, 480, Rgb([60, 40, 30]));
        imageproc::drawing::draw_filled_rect_mut(
            &mut img,
            imageproc::rect::Rect::at(100, 100).of_size(320, 200),
            Rgb([230, 230, 230]),
        );
        assert_eq!(search(&img).best, None);
    }

    #[test]
    fn two_cards_side_by_side_are_two_documents() {
        let mut img = card_photo(
            [(40.0, 140.0), (300.0, 140.0), (300.0, 305.0), (40.0, 305.0)],
            (640, 480),
        );
        let right = card_photo(
            [
                (340.0, 140.0),
                (600.0, 140.0),
                (600.0, 305.0),
                (340.0, 305.0),
            ],
            (640, 480),
        );
        for (x, y, p) in right.enumerate_pixels() {
            if x >= 320 {
                img.put_pixel(x, y, *p);
            }
        }
        let found = search(&img);
        assert!(found.best.is_some());
        assert_eq!(found.others.len(), 1, "{found:?}");
    }
}
