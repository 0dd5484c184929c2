//! Finding the document's outline in a photo.
//!
//! A downscaled grey proxy (at most 640 px on its long side) is blurred lightly and its edges
//! found with Canny at three threshold pairs. Candidates come from two sources:
//! - contours: every outer contour of the (one-pixel dilated) edges, reduced to its convex
//!   hull and then to a quadrilateral (Douglas–Peucker);
//! - lines: straight edges from a Hough transform, paired into two roughly parallel pairs about
//!   perpendicular to each other, whose intersections may lie outside the frame — which is how
//!   a cut-off corner is inferred.
//!
//! A candidate must be convex, cover 3–98% of the frame and have the proportions of an ID
//! document (1.2–1.9). It is scored by edge support — the share of its perimeter inside the
//! frame that runs along detected edges — times the square root of its area, so a well-outlined
//! large quadrilateral beats both texture and the portrait box inside the card. The winner's
//! corners are refined by fitting lines to the edge pixels along each side, which puts them on
//! the true corners of a card with rounded corners.

use image::{DynamicImage, GrayImage, imageops};
use imageproc::contours::{BorderType, find_contours};
use imageproc::distance_transform::Norm;
use imageproc::geometry::{approximate_polygon_dp, arc_length, convex_hull};
use imageproc::hough::{LineDetectionOptions, PolarLine, detect_lines};
use imageproc::point::Point;

/// Long side of the grey proxy the search runs on.
const PROXY_LONG_SIDE: u32 = 640;

/// A located document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Corners in full-image pixels, clockwise from the one nearest the top-left. Corners may
    /// lie outside the image when the document is cut off.
    pub corners: [[f64; 2]; 4],
    /// Share of the outline's perimeter (inside the frame) that runs along detected edges.
    pub edge_support: f64,
    /// Fraction of the frame the outline covers.
    pub frame_fraction: f64,
}

type Quad = [[f64; 2]; 4];

/// The grey proxy of an image and the factor from proxy to full-resolution pixels.
pub fn grey_proxy(image: &DynamicImage) -> (GrayImage, f64) {
    let long = image.width().max(image.height());
    let factor = (f64::from(PROXY_LONG_SIDE) / f64::from(long)).min(1.0);
    let (w, h) = (
        ((f64::from(image.width()) * factor).round() as u32).max(1),
        ((f64::from(image.height()) * factor).round() as u32).max(1),
    );
    let grey = image.to_luma8();
    let proxy = if factor < 1.0 {
        imageops::thumbnail(&grey, w, h)
    } else {
        grey
    };
    (proxy, 1.0 / factor)
}

/// Find the document's outline, or `None` when no convincing quadrilateral is found.
pub fn find_document(image: &DynamicImage) -> Option<Outline> {
    let (proxy, to_full) = grey_proxy(image);
    let blurred = imageproc::filter::gaussian_blur_f32(&proxy, 1.2);
    let frame_area = f64::from(proxy.width()) * f64::from(proxy.height());
    // Low thresholds keep faint outlines (a pale card on a pale desk) but let texture merge
    // into them; high thresholds separate texture but can break an outline. Gather candidates
    // both ways; edge support on the middle map decides.
    let support_map = imageproc::morphology::dilate(
        &imageproc::edges::canny(&blurred, 20.0, 50.0),
        Norm::LInf,
        2,
    );
    let mut quads: Vec<Quad> = Vec::new();
    for (low, high) in [(15.0, 40.0), (30.0, 80.0), (60.0, 140.0)] {
        let edges = imageproc::edges::canny(&blurred, low, high);
        quads.extend(line_candidates(&edges));
        quads.extend(contour_candidates(&imageproc::morphology::dilate(
            &edges,
            Norm::LInf,
            1,
        )));
    }
    let mut best: Option<(f64, f64, Quad)> = None;
    for quad in quads {
        let quad = order_clockwise(quad);
        if let Some((score, support)) = score(&quad, &support_map, frame_area)
            && best.as_ref().is_none_or(|(s, ..)| score > *s)
        {
            best = Some((score, support, quad));
        }
    }
    let (_, edge_support, quad) = best?;
    let refined = refine_with_edges(&quad, &support_map);
    Some(Outline {
        corners: refined.map(|p| [p[0] * to_full, p[1] * to_full]),
        edge_support,
        frame_fraction: polygon_area(&refined) / frame_area,
    })
}

fn polygon_area(q: &Quad) -> f64 {
    let mut sum = 0.0;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        sum += a[0] * b[1] - b[0] * a[1];
    }
    sum.abs() / 2.0
}

fn is_convex(q: &Quad) -> bool {
    let cross = |i: usize| {
        let (a, b, c) = (q[i], q[(i + 1) % 4], q[(i + 2) % 4]);
        (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
    };
    let signs: Vec<bool> = (0..4).map(|i| cross(i) > 0.0).collect();
    signs.iter().all(|&s| s) || signs.iter().all(|&s| !s)
}

/// Score and edge support of a candidate, or `None` when it cannot be a document.
fn score(quad: &Quad, support: &GrayImage, frame_area: f64) -> Option<(f64, f64)> {
    const SAMPLES: u32 = 64;
    let fraction = polygon_area(quad) / frame_area;
    if !(0.03..=0.98).contains(&fraction) || !is_convex(quad) {
        return None;
    }
    let side = |i: usize| {
        let (a, b) = (quad[i], quad[(i + 1) % 4]);
        (a[0] - b[0]).hypot(a[1] - b[1])
    };
    let (one, other) = ((side(0) + side(2)) / 2.0, (side(1) + side(3)) / 2.0);
    let aspect = one.max(other) / one.min(other).max(1.0);
    if !(1.2..=1.9).contains(&aspect) {
        return None;
    }
    let (w, h) = (f64::from(support.width()), f64::from(support.height()));
    let mut total = 0.0;
    for i in 0..4 {
        let (a, b) = (quad[i], quad[(i + 1) % 4]);
        let (mut inside, mut hits) = (0u32, 0u32);
        for k in 0..SAMPLES {
            // Skip the ends, where a card's corner is rounded.
            let t = 0.08 + 0.84 * f64::from(k) / f64::from(SAMPLES - 1);
            let (x, y) = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
            if x < 0.0 || y < 0.0 || x >= w || y >= h {
                continue;
            }
            inside += 1;
            if support.get_pixel(x as u32, y as u32).0[0] > 0 {
                hits += 1;
            }
        }
        // Every side must be partly visible and mostly on an edge.
        if inside < SAMPLES / 3 {
            return None;
        }
        let side_support = f64::from(hits) / f64::from(inside);
        if side_support < 0.6 {
            return None;
        }
        total += side_support;
    }
    let mean = total / 4.0;
    Some((mean * mean * fraction.sqrt(), mean))
}

/// Quadrilaterals from pairs of roughly parallel straight edges.
fn line_candidates(edges: &GrayImage) -> Vec<Quad> {
    let short_side = f64::from(edges.width().min(edges.height()));
    // Raise the vote threshold until only the strongest few lines remain.
    let mut lines = Vec::new();
    for share in [0.15, 0.22, 0.3, 0.4] {
        lines = detect_lines(
            edges,
            LineDetectionOptions {
                vote_threshold: (short_side * share) as u32,
                suppression_radius: 8,
            },
        );
        if lines.len() <= 24 {
            break;
        }
    }
    if lines.len() > 24 {
        return Vec::new();
    }
    let angle_diff = |a: u32, b: u32| {
        let d = (i64::from(a) - i64::from(b)).rem_euclid(180);
        d.min(180 - d)
    };
    let mut pairs = Vec::new();
    for (i, &a) in lines.iter().enumerate() {
        for &b in &lines[i + 1..] {
            if angle_diff(a.angle_in_degrees, b.angle_in_degrees) <= 12 {
                pairs.push((a, b));
            }
        }
    }
    let mut quads = Vec::new();
    for (i, &(a1, a2)) in pairs.iter().enumerate() {
        for &(b1, b2) in &pairs[i + 1..] {
            if angle_diff(a1.angle_in_degrees, b1.angle_in_degrees) < 60 {
                continue;
            }
            if let (Some(p), Some(q), Some(r), Some(s)) =
                (meet(a1, b1), meet(a1, b2), meet(a2, b2), meet(a2, b1))
            {
                quads.push([p, q, r, s]);
            }
        }
    }
    quads
}

/// Where two Hough lines (`x cos θ + y sin θ = r`) cross.
fn meet(p: PolarLine, q: PolarLine) -> Option<[f64; 2]> {
    let (tp, tq) = (
        f64::from(p.angle_in_degrees).to_radians(),
        f64::from(q.angle_in_degrees).to_radians(),
    );
    let det = tp.cos() * tq.sin() - tp.sin() * tq.cos();
    if det.abs() < 1e-3 {
        return None;
    }
    let (rp, rq) = (f64::from(p.r), f64::from(q.r));
    Some([
        (rp * tq.sin() - rq * tp.sin()) / det,
        (rq * tp.cos() - rp * tq.cos()) / det,
    ])
}

/// Quadrilaterals from the outer contours of an edge map.
fn contour_candidates(edges: &GrayImage) -> Vec<Quad> {
    let mut quads = Vec::new();
    for contour in find_contours::<i32>(edges) {
        if contour.border_type != BorderType::Outer || contour.points.len() < 40 {
            continue;
        }
        let hull = convex_hull(contour.points);
        if let Some(quad) = four_corners(&hull) {
            quads.push(quad.map(|p| [f64::from(p.x), f64::from(p.y)]));
        }
    }
    quads
}

/// Reduce a convex hull to four vertices, loosening the tolerance until it gives four.
fn four_corners(hull: &[Point<i32>]) -> Option<[Point<i32>; 4]> {
    let perimeter = arc_length(hull, true);
    for tolerance in [0.01, 0.02, 0.03, 0.045, 0.06] {
        let polygon = approximate_polygon_dp(hull, perimeter * tolerance, true);
        match polygon.len() {
            4 => return Some([polygon[0], polygon[1], polygon[2], polygon[3]]),
            n if n < 4 => return None,
            _ => {}
        }
    }
    None
}

/// Fit a line to the edge pixels along each side and intersect neighbouring sides: a card's
/// corners are rounded, so a first estimate sits inside the true corners. Keeps the estimate
/// when a side has too few edge pixels or a corner would move implausibly far.
fn refine_with_edges(quad: &Quad, edges: &GrayImage) -> Quad {
    let mut lines = Vec::with_capacity(4);
    let mut shortest = f64::MAX;
    for i in 0..4 {
        let (a, b) = (quad[i], quad[(i + 1) % 4]);
        let length = (b[0] - a[0]).hypot(b[1] - a[1]).max(1.0);
        shortest = shortest.min(length);
        let side = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
        let mut line = (a, side);
        // Re-fit to the edge pixels around the current line, narrowing the band.
        for band in [5.0, 3.5, 2.5] {
            let near = pixels_near(edges, a, side, length, line, band);
            if near.len() < 8 {
                return *quad;
            }
            line = fit_line(&near);
        }
        lines.push(line);
    }
    let mut corners = *quad;
    for i in 0..4 {
        let (p, d) = lines[(i + 3) % 4];
        let (q, e) = lines[i];
        let denominator = d[0] * e[1] - d[1] * e[0];
        if denominator.abs() < 1e-6 {
            return *quad;
        }
        let t = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / denominator;
        let corner = [p[0] + t * d[0], p[1] + t * d[1]];
        // A card's rounding is under 4% of its width; further means a bad fit.
        if (corner[0] - quad[i][0]).hypot(corner[1] - quad[i][1]) > 0.1 * shortest {
            return *quad;
        }
        corners[i] = corner;
    }
    corners
}

/// Edge pixels within `band` of `line`, over the middle of the side from `a` along `side`.
fn pixels_near(
    edges: &GrayImage,
    a: [f64; 2],
    side: [f64; 2],
    length: f64,
    line: ([f64; 2], [f64; 2]),
    band: f64,
) -> Vec<[f64; 2]> {
    let (origin, d) = line;
    let mut near = Vec::new();
    for k in 0..=(length as u32) {
        let along = f64::from(k) / length;
        if !(0.12..=0.88).contains(&along) {
            continue;
        }
        // Walk across the line at this point of the side.
        let foot = [a[0] + side[0] * f64::from(k), a[1] + side[1] * f64::from(k)];
        let offset = (foot[0] - origin[0]) * -d[1] + (foot[1] - origin[1]) * d[0];
        let centre = [foot[0] + d[1] * offset, foot[1] - d[0] * offset];
        let steps = band.ceil() as i32;
        for j in -steps..=steps {
            let x = centre[0] - d[1] * f64::from(j);
            let y = centre[1] + d[0] * f64::from(j);
            if x >= 0.0
                && y >= 0.0
                && (x as u32) < edges.width()
                && (y as u32) < edges.height()
                && edges.get_pixel(x as u32, y as u32).0[0] > 0
            {
                near.push([x.floor() + 0.5, y.floor() + 0.5]);
            }
        }
    }
    near
}

/// The least-squares line through points: their mean and principal direction.
fn fit_line(points: &[[f64; 2]]) -> ([f64; 2], [f64; 2]) {
    let n = points.len() as f64;
    let mean = [
        points.iter().map(|p| p[0]).sum::<f64>() / n,
        points.iter().map(|p| p[1]).sum::<f64>() / n,
    ];
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for p in points {
        let (x, y) = (p[0] - mean[0], p[1] - mean[1]);
        sxx += x * x;
        sxy += x * y;
        syy += y * y;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    (mean, [angle.cos(), angle.sin()])
}

/// Clockwise order (in image coordinates, y down) starting from the corner nearest the
/// top-left of the frame.
fn order_clockwise(mut corners: Quad) -> Quad {
    let cx = corners.iter().map(|c| c[0]).sum::<f64>() / 4.0;
    let cy = corners.iter().map(|c| c[1]).sum::<f64>() / 4.0;
    corners.sort_by(|a, b| {
        let angle = |p: &[f64; 2]| (p[1] - cy).atan2(p[0] - cx);
        angle(a).total_cmp(&angle(b))
    });
    let start = (0..4)
        .min_by(|&i, &j| {
            (corners[i][0] + corners[i][1]).total_cmp(&(corners[j][0] + corners[j][1]))
        })
        .unwrap_or(0);
    corners.rotate_left(start);
    corners
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Luma, RgbImage};

    #[test]
    fn finds_a_light_card_on_a_dark_table() {
        let mut img = RgbImage::from_pixel(800, 600, image::Rgb([60, 40, 30]));
        let corners = [
            (150.0, 120.0),
            (640.0, 150.0),
            (620.0, 460.0),
            (130.0, 430.0),
        ];
        let poly: Vec<Point<i32>> = corners
            .iter()
            .map(|&(x, y)| Point::new(x as i32, y as i32))
            .collect();
        let mut mask = GrayImage::new(800, 600);
        imageproc::drawing::draw_polygon_mut(&mut mask, &poly, Luma([255]));
        for (pixel, m) in img.pixels_mut().zip(mask.pixels()) {
            if m.0[0] > 0 {
                pixel.0 = [230, 232, 236];
            }
        }
        let found = find_document(&DynamicImage::ImageRgb8(img)).expect("found");
        for (got, want) in found.corners.iter().zip(corners) {
            let error = (got[0] - want.0).hypot(got[1] - want.1);
            assert!(error < 6.0, "{got:?} vs {want:?}");
        }
    }

    #[test]
    fn an_empty_table_has_no_document() {
        let img = RgbImage::from_pixel(800, 600, image::Rgb([60, 40, 30]));
        assert_eq!(find_document(&DynamicImage::ImageRgb8(img)), None);
    }
}
