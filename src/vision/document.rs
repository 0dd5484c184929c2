//! Finding the document's outline in a photo.
//!
//! A downscaled grey proxy (at most 640 px on its long side) is blurred lightly, its edges
//! found with Canny and closed with a one-pixel dilation, and every outer contour is reduced to
//! its convex hull and then to a polygon (Douglas–Peucker). A candidate is a convex
//! quadrilateral covering 3–98% of the frame, nearly rectangular (its area at least 85% of its
//! minimum-area bounding rectangle) with an aspect ratio in the range of ID documents; the
//! largest candidate wins. A document whose outline does not close inside the frame (cut off)
//! or is broken by clutter is not found by this first version.

use image::{DynamicImage, GrayImage, imageops};
use imageproc::contours::{BorderType, find_contours};
use imageproc::geometry::{
    approximate_polygon_dp, arc_length, contour_area, convex_hull, min_area_rect,
};
use imageproc::point::Point;

/// Long side of the grey proxy the search runs on.
const PROXY_LONG_SIDE: u32 = 640;

/// A located document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Corners in full-image pixels, clockwise from the one nearest the top-left.
    pub corners: [[f64; 2]; 4],
    /// Area over the area of the minimum bounding rectangle (1 = a perfect rectangle).
    pub rectangularity: f64,
    /// Fraction of the frame the outline covers.
    pub frame_fraction: f64,
}

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
    let mut best: Option<Outline> = None;
    // Low thresholds keep faint outlines (a pale card on a pale desk) but let texture merge
    // into them; high thresholds separate texture but can break an outline. Try both ways
    // and keep the best candidate.
    for (low, high) in [(15.0, 40.0), (30.0, 80.0), (60.0, 140.0)] {
        let edges = imageproc::edges::canny(&blurred, low, high);
        let edges =
            imageproc::morphology::dilate(&edges, imageproc::distance_transform::Norm::LInf, 1);
        best = candidates(&edges, frame_area, to_full, best);
    }
    best
}

/// The best of `best` and the quadrilateral outlines among the contours of an edge map.
fn candidates(
    edges: &GrayImage,
    frame_area: f64,
    to_full: f64,
    mut best: Option<Outline>,
) -> Option<Outline> {
    for contour in find_contours::<i32>(edges) {
        if contour.border_type != BorderType::Outer || contour.points.len() < 40 {
            continue;
        }
        let hull = convex_hull(contour.points.clone());
        let area = contour_area(&hull).abs();
        let fraction = area / frame_area;
        if !(0.03..=0.98).contains(&fraction) {
            continue;
        }
        let Some(quad) = four_corners(&hull) else {
            continue;
        };
        let rect = min_area_rect(&hull);
        let rect_area = contour_area(&rect).abs().max(1.0);
        let rectangularity = contour_area(&quad).abs() / rect_area;
        let (a, b) = (distance(rect[0], rect[1]), distance(rect[1], rect[2]));
        let aspect = a.max(b) / a.min(b).max(1.0);
        if rectangularity < 0.85 || !(1.2..=1.9).contains(&aspect) {
            continue;
        }
        if best.as_ref().is_some_and(|b| b.frame_fraction >= fraction) {
            continue;
        }
        let refined = refine_corners(&quad, &contour.points);
        let corners = order_clockwise(refined.map(|p| [p[0] * to_full, p[1] * to_full]));
        best = Some(Outline {
            corners,
            rectangularity,
            frame_fraction: fraction,
        });
    }
    best
}

/// Fit a line to the contour points along each side and intersect neighbouring sides: the
/// corners of a card are rounded, so the polygon's vertices sit inside the true corners.
fn refine_corners(quad: &[Point<i32>; 4], points: &[Point<i32>]) -> [[f64; 2]; 4] {
    let to_f = |p: Point<i32>| [f64::from(p.x), f64::from(p.y)];
    let fallback = quad.map(to_f);
    let points: Vec<[f64; 2]> = points.iter().map(|&p| to_f(p)).collect();
    let mut lines = Vec::with_capacity(4);
    let mut shortest = f64::MAX;
    for i in 0..4 {
        let (a, b) = (fallback[i], fallback[(i + 1) % 4]);
        let length = (b[0] - a[0]).hypot(b[1] - a[1]).max(1.0);
        shortest = shortest.min(length);
        let side = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
        let mut line = (a, side);
        // Re-fit to the points around the current line, narrowing the band: a first estimate
        // through the rounded corners converges onto the straight edge.
        for band in [6.0, 4.0, 2.5] {
            let (origin, d) = line;
            let near: Vec<[f64; 2]> = points
                .iter()
                .copied()
                .filter(|p| {
                    let along = ((p[0] - a[0]) * side[0] + (p[1] - a[1]) * side[1]) / length;
                    let across = ((p[0] - origin[0]) * -d[1] + (p[1] - origin[1]) * d[0]).abs();
                    (0.12..=0.88).contains(&along) && across < band
                })
                .collect();
            if near.len() < 8 {
                return fallback;
            }
            line = fit_line(&near);
        }
        lines.push(line);
    }
    let mut corners = fallback;
    for i in 0..4 {
        let (p, d) = lines[(i + 3) % 4];
        let (q, e) = lines[i];
        let denominator = d[0] * e[1] - d[1] * e[0];
        if denominator.abs() < 1e-6 {
            return fallback;
        }
        let t = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / denominator;
        let corner = [p[0] + t * d[0], p[1] + t * d[1]];
        // The rounding of a card's corner is under 4% of its width; a corner that moved
        // further than a tenth of the shortest side means a bad fit.
        if (corner[0] - fallback[i][0]).hypot(corner[1] - fallback[i][1]) > 0.1 * shortest {
            return fallback;
        }
        corners[i] = corner;
    }
    corners
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

fn distance(a: Point<i32>, b: Point<i32>) -> f64 {
    f64::from(a.x - b.x).hypot(f64::from(a.y - b.y))
}

/// Clockwise order (in image coordinates, y down) starting from the corner nearest the
/// top-left of the frame.
fn order_clockwise(mut corners: [[f64; 2]; 4]) -> [[f64; 2]; 4] {
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
