//! Plane geometry for document outlines: lines, quadrilaterals, their areas, angles and
//! proportions, and the true aspect ratio of a rectangle seen in perspective.
//!
//! Points are `[x, y]` in pixels, y down, as in [`crate::report::Point`]. A [`Quad`] lists its
//! corners clockwise on screen.

use crate::report::Point;

/// Four corners, clockwise on screen.
pub type Quad = [Point; 4];

/// A straight line through `point` along the unit vector `direction`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub point: Point,
    pub direction: Point,
}

impl Line {
    /// The line through two points; `None` when they coincide.
    pub fn through(a: Point, b: Point) -> Option<Line> {
        let length = distance(a, b);
        (length > 1e-9).then(|| Line {
            point: a,
            direction: [(b[0] - a[0]) / length, (b[1] - a[1]) / length],
        })
    }

    /// The line `x cos θ + y sin θ = ρ`.
    pub fn polar(theta: f64, rho: f64) -> Line {
        let (sin, cos) = theta.sin_cos();
        Line {
            point: [rho * cos, rho * sin],
            direction: [-sin, cos],
        }
    }

    /// Where two lines cross; `None` when they are (nearly) parallel.
    pub fn meet(&self, other: &Line) -> Option<Point> {
        let (d, e) = (self.direction, other.direction);
        let denominator = d[0] * e[1] - d[1] * e[0];
        if denominator.abs() < 1e-6 {
            return None;
        }
        let (p, q) = (self.point, other.point);
        let t = ((q[0] - p[0]) * e[1] - (q[1] - p[1]) * e[0]) / denominator;
        Some([p[0] + t * d[0], p[1] + t * d[1]])
    }

    /// Signed distance of a point from the line (positive to the left of its direction on
    /// screen, i.e. counter-clockwise).
    pub fn signed_distance(&self, p: Point) -> f64 {
        (p[0] - self.point[0]) * self.direction[1] - (p[1] - self.point[1]) * self.direction[0]
    }

    /// The least-squares line through points: their centroid and principal direction.
    /// `None` for fewer than two points.
    pub fn fit(points: &[Point]) -> Option<Line> {
        if points.len() < 2 {
            return None;
        }
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
        Some(Line {
            point: mean,
            direction: [angle.cos(), angle.sin()],
        })
    }
}

/// The distance between two points. A plain square root, not `hypot`: `hypot` guards against
/// overflow that pixel coordinates never reach and is a slow library call, and the document
/// search measures distances for every candidate outline it considers.
pub fn distance(a: Point, b: Point) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    (dx * dx + dy * dy).sqrt()
}

/// `v.round()` (halves away from zero), for the coordinates of pixels (|v| < 2⁵²), without
/// the library call `f64::round` compiles to on the baseline x86-64 target (it has no rounding
/// instruction before SSE4.1): the document search rounds millions of them per photo.
#[inline]
pub fn round_pixel(v: f64) -> f64 {
    // Truncation toward zero is one instruction, and `v - whole` is exact.
    let whole = v as i64 as f64;
    let fraction = v - whole;
    if fraction >= 0.5 {
        whole + 1.0
    } else if fraction <= -0.5 {
        whole - 1.0
    } else {
        whole
    }
}

/// Linear interpolation from `a` (t = 0) to `b` (t = 1).
pub fn lerp(a: Point, b: Point, t: f64) -> Point {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// Area of a polygon (shoelace), whatever its orientation.
pub fn polygon_area(points: &[Point]) -> f64 {
    let n = points.len();
    let mut sum = 0.0;
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        sum += a[0] * b[1] - b[0] * a[1];
    }
    sum.abs() / 2.0
}

/// Whether a quadrilateral is convex (and not self-crossing).
pub fn is_convex(q: &Quad) -> bool {
    let cross = |i: usize| {
        let (a, b, c) = (q[i], q[(i + 1) % 4], q[(i + 2) % 4]);
        (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
    };
    let signs: Vec<f64> = (0..4).map(cross).collect();
    signs.iter().all(|&s| s > 0.0) || signs.iter().all(|&s| s < 0.0)
}

/// Which side of each of `q`'s sides `p` lies on: the cross product of side `i` (corner `i` to
/// corner `i + 1`) with the way from its start to `p`, positive to its right on screen.
fn sides_of(q: &Quad, p: Point) -> [f64; 4] {
    std::array::from_fn(|i| {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    })
}

/// Whether `p` lies inside the convex quadrilateral `q` (clockwise on screen).
pub fn contains(q: &Quad, p: Point) -> bool {
    sides_of(q, p).iter().all(|&s| s >= 0.0)
}

/// Whether `p` lies inside the convex quadrilateral `q`, whichever way round its corners run
/// (those of a rectified document run clockwise or, when it was mirrored, anticlockwise).
pub fn contains_either_way(q: &Quad, p: Point) -> bool {
    let sides = sides_of(q, p);
    sides.iter().all(|&s| s >= 0.0) || sides.iter().all(|&s| s < 0.0)
}

/// Mean length of each pair of opposite sides: (sides 0–1 and 2–3, sides 1–2 and 3–0).
pub fn side_pairs(q: &Quad) -> (f64, f64) {
    (
        (distance(q[0], q[1]) + distance(q[2], q[3])) / 2.0,
        (distance(q[1], q[2]) + distance(q[3], q[0])) / 2.0,
    )
}

/// The difference between the angle at corner `i` and a right angle, in degrees.
pub fn corner_angle(q: &Quad, i: usize) -> f64 {
    let p = q[i];
    let (a, b) = (q[(i + 3) % 4], q[(i + 1) % 4]);
    let (u, v) = ([a[0] - p[0], a[1] - p[1]], [b[0] - p[0], b[1] - p[1]]);
    let cos = (u[0] * v[0] + u[1] * v[1]) / (u[0].hypot(u[1]) * v[0].hypot(v[1])).max(1e-9);
    (cos.clamp(-1.0, 1.0).acos().to_degrees() - 90.0).abs()
}

/// The largest difference between a corner's angle and a right angle, in degrees: how far
/// from a straight-on view a rectangle was photographed.
pub fn corner_angle_deviation(q: &Quad) -> f64 {
    (0..4).map(|i| corner_angle(q, i)).fold(0.0, f64::max)
}

/// Clockwise order on screen, starting from the corner nearest the top-left of the frame.
pub fn order_clockwise(mut corners: Quad) -> Quad {
    let cx = corners.iter().map(|c| c[0]).sum::<f64>() / 4.0;
    let cy = corners.iter().map(|c| c[1]).sum::<f64>() / 4.0;
    // Each corner's angle is computed once, not per comparison: the document search orders
    // every candidate quadrilateral it considers, thousands per photo.
    let mut keyed = corners.map(|p| ((p[1] - cy).atan2(p[0] - cx), p));
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    corners = keyed.map(|(_, p)| p);
    let start = (0..4)
        .min_by(|&i, &j| {
            (corners[i][0] + corners[i][1]).total_cmp(&(corners[j][0] + corners[j][1]))
        })
        .unwrap_or(0);
    corners.rotate_left(start);
    corners
}

/// The width-to-height ratio (side 0–1 over side 1–2) of the rectangle that `q` is a
/// perspective image of.
///
/// With the principal point at `centre` and square pixels, the camera's focal length follows
/// from the quadrilateral's two vanishing points, and with it the rectangle's true proportions
/// (Zhang and He, "Whiteboard scanning and image enhancement", 2007). When one pair of sides is
/// parallel on screen that estimate is undefined and `focal_guess` (pixels) is used instead;
/// when both pairs are, there is no perspective and the ratio of the mean side lengths is the
/// answer.
pub fn true_aspect(q: &Quad, centre: Point, focal_guess: f64) -> f64 {
    let (first, second) = side_pairs(q);
    let affine = first / second.max(1e-9);
    // The paper's corners m1..m4 are top-left, top-right, bottom-left, bottom-right, relative
    // to the principal point, in homogeneous coordinates.
    let m = |p: Point| [p[0] - centre[0], p[1] - centre[1], 1.0];
    let (m1, m2, m3, m4) = (m(q[0]), m(q[1]), m(q[3]), m(q[2]));
    let cross = |a: [f64; 3], b: [f64; 3]| {
        [
            a[1] * b[2] - a[2] * b[1],
            a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0],
        ]
    };
    let dot = |a: [f64; 3], b: [f64; 3]| a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    let k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
    let k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
    if !(k2.is_finite() && k3.is_finite()) {
        return affine;
    }
    let n2 = [k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 - 1.0];
    let n3 = [k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 - 1.0];
    let parallel = |k: f64| (k - 1.0).abs() < 1e-3;
    if parallel(k2) && parallel(k3) {
        return affine;
    }
    let measured = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2]);
    let f2 = if !parallel(k2) && !parallel(k3) && measured.is_finite() && measured > 0.0 {
        measured
    } else {
        focal_guess * focal_guess
    };
    let weighted = |n: [f64; 3]| (n[0] * n[0] + n[1] * n[1]) / f2 + n[2] * n[2];
    let ratio = (weighted(n2) / weighted(n3)).sqrt();
    if ratio.is_finite() && ratio > 0.0 {
        ratio
    } else {
        affine
    }
}

/// A plane projective transformation (3 × 3 matrix, row-major, `m[8]` normalised to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography {
    pub m: [f64; 9],
}

impl Homography {
    /// The transformation taking each of `from` to the matching point of `to`; `None` when
    /// three of the points are collinear.
    pub fn from_points(from: &Quad, to: &Quad) -> Option<Homography> {
        // Eight equations in the eight unknowns h0..h7 (h8 = 1).
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let ([x, y], [u, v]) = (from[i], to[i]);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..8 {
            let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
            if a[pivot][col].abs() < 1e-12 {
                return None;
            }
            a.swap(col, pivot);
            let pivot_row = a[col];
            for (r, row) in a.iter_mut().enumerate() {
                if r != col {
                    let factor = row[col] / pivot_row[col];
                    for (x, p) in row.iter_mut().zip(pivot_row).skip(col) {
                        *x -= factor * p;
                    }
                }
            }
        }
        let mut m = [1.0; 9];
        for (i, row) in a.iter().enumerate() {
            m[i] = row[8] / row[i];
        }
        Some(Homography { m })
    }

    pub fn apply(&self, p: Point) -> Point {
        let m = &self.m;
        let w = m[6] * p[0] + m[7] * p[1] + m[8];
        [
            (m[0] * p[0] + m[1] * p[1] + m[2]) / w,
            (m[3] * p[0] + m[4] * p[1] + m[5]) / w,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containment_needs_clockwise_corners_unless_either_way_is_asked() {
        let clockwise: Quad = [[0.0, 0.0], [10.0, 0.0], [10.0, 5.0], [0.0, 5.0]];
        let mirrored: Quad = [clockwise[1], clockwise[0], clockwise[3], clockwise[2]];
        let (centre, outside) = ([5.0, 2.5], [12.0, 2.5]);
        assert!(contains(&clockwise, centre) && !contains(&mirrored, centre));
        for q in [clockwise, mirrored] {
            assert!(contains_either_way(&q, centre));
            assert!(!contains_either_way(&q, outside));
        }
    }

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn rounding_a_pixel_coordinate_agrees_with_the_standard_round() {
        // Halves, values just either side of them, negatives and zeros, across a photo's range.
        let mut values = vec![0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 4095.5, -4095.5];
        for k in -5000..5000 {
            let v = f64::from(k) * 0.37 + 0.5;
            values.extend([v, v.next_down(), v.next_up(), -v]);
        }
        for v in values {
            assert_eq!(round_pixel(v), v.round(), "{v}");
        }
    }

    #[test]
    fn lines_meet_where_expected() {
        let horizontal = Line::through([0.0, 10.0], [5.0, 10.0]).unwrap();
        let vertical = Line::polar(0.0, 7.0);
        let p = horizontal.meet(&vertical).unwrap();
        assert!(close(p[0], 7.0, 1e-9) && close(p[1], 10.0, 1e-9), "{p:?}");
        assert!(
            horizontal
                .meet(&Line::polar(std::f64::consts::FRAC_PI_2, 3.0))
                .is_none()
        );
    }

    #[test]
    fn a_fitted_line_follows_the_points() {
        let points: Vec<Point> = (0..20)
            .map(|i| [f64::from(i), 2.0 * f64::from(i) + 1.0])
            .collect();
        let line = Line::fit(&points).unwrap();
        assert!(line.signed_distance([3.0, 7.0]).abs() < 1e-9);
        assert!(close(line.direction[1] / line.direction[0], 2.0, 1e-9));
    }

    #[test]
    fn a_homography_maps_the_four_points_and_keeps_lines_straight() {
        let from = [[0.0, 0.0], [100.0, 0.0], [100.0, 60.0], [0.0, 60.0]];
        let to = [[10.0, 20.0], [210.0, 40.0], [190.0, 170.0], [30.0, 150.0]];
        let h = Homography::from_points(&from, &to).unwrap();
        for (f, t) in from.iter().zip(&to) {
            assert!(distance(h.apply(*f), *t) < 1e-9);
        }
        // The middle of the top side lies on the image of the top side.
        let mid = h.apply([50.0, 0.0]);
        let top = Line::through(to[0], to[1]).unwrap();
        assert!(top.signed_distance(mid).abs() < 1e-9);
        let collinear = [[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [0.0, 5.0]];
        assert!(Homography::from_points(&collinear, &to).is_none());
    }

    #[test]
    fn areas_angles_and_order_of_a_rectangle() {
        let q = order_clockwise([[100.0, 50.0], [0.0, 0.0], [0.0, 50.0], [100.0, 0.0]]);
        assert_eq!(q, [[0.0, 0.0], [100.0, 0.0], [100.0, 50.0], [0.0, 50.0]]);
        assert!(close(polygon_area(&q), 5000.0, 1e-9));
        assert!(is_convex(&q));
        assert!(contains(&q, [50.0, 25.0]) && !contains(&q, [150.0, 25.0]));
        assert!(corner_angle_deviation(&q) < 1e-9);
        assert_eq!(side_pairs(&q), (100.0, 50.0));
    }

    /// Project the corners of a `w × h` mm rectangle turned `turn` about the optical axis and
    /// tilted `tilt` about its horizontal axis, `distance` mm from a camera of focal length
    /// `focal` px whose principal point is (960, 540).
    fn photograph(w: f64, h: f64, turn: f64, tilt: f64, distance: f64, focal: f64) -> Quad {
        let project = |x: f64, y: f64| {
            let (x, y) = (
                x * turn.cos() - y * turn.sin(),
                x * turn.sin() + y * turn.cos(),
            );
            let (yy, z) = (y * tilt.cos(), distance + y * tilt.sin());
            [960.0 + focal * x / z, 540.0 + focal * yy / z]
        };
        [
            project(-w / 2.0, -h / 2.0),
            project(w / 2.0, -h / 2.0),
            project(w / 2.0, h / 2.0),
            project(-w / 2.0, h / 2.0),
        ]
    }

    #[test]
    fn the_true_aspect_of_a_card_seen_in_perspective() {
        let card = 85.6 / 54.0;
        // Turned and tilted: both vanishing points are finite, the focal length is measured
        // (the guess is deliberately wrong).
        let q = photograph(85.6, 54.0, 0.3, 40f64.to_radians(), 400.0, 1000.0);
        let (w, h) = side_pairs(&q);
        assert!((w / h - card).abs() > 0.1, "foreshortened: {}", w / h);
        let aspect = true_aspect(&q, [960.0, 540.0], 3000.0);
        assert!(close(aspect, card, 0.02), "{aspect}");
        // Only tilted: one pair of sides stays parallel and the focal guess is used.
        let q = photograph(85.6, 54.0, 0.0, 35f64.to_radians(), 400.0, 1000.0);
        let aspect = true_aspect(&q, [960.0, 540.0], 1000.0);
        assert!(close(aspect, card, 0.02), "{aspect}");
        // Without perspective the side ratio is the answer.
        let flat = [[0.0, 0.0], [856.0, 0.0], [856.0, 540.0], [0.0, 540.0]];
        assert!(close(
            true_aspect(&flat, [500.0, 300.0], 1000.0),
            card,
            1e-9
        ));
    }
}
