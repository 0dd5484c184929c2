//! Where the document sits in the frame: how close its corners come to the edges, how much of
//! the frame it spans, how far from square it was photographed, and how many pixels it gets.

use super::document::Outline;
use super::geometry;
use crate::report::Point;

/// Corner names as seen in the photo, in the order of an outline's corners (clockwise from the
/// one nearest the top-left of the frame).
pub const CORNER_NAMES: [&str; 4] = ["top-left", "top-right", "bottom-right", "bottom-left"];

/// The document's placement in a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// For each corner, its distance inside the nearest edge of the frame as a fraction of the
    /// frame's shorter side; negative when the corner lies outside the frame.
    pub corner_margins: [f64; 4],
    /// The document's length along its long sides over the frame's length in that direction.
    pub span: f64,
    /// The largest difference between a corner's angle and a right angle, in degrees.
    pub corner_angle_deviation: f64,
    /// Mean length of the document's two long sides, in pixels.
    pub long_side_px: f64,
    /// For each corner, whether it was inferred (it ends an unseen side) and lies outside the
    /// frame by less than [`INFERRED_CORNER_TOLERANCE`] of the document's shorter side: the
    /// document runs up to the frame's edge there, and may end just inside it or just beyond.
    pub at_edge_uncertain: [bool; 4],
}

/// How far an inferred corner's position is uncertain, as a share of the document's shorter
/// side. An unseen side is placed from the document's standard proportions, taking a length
/// down to 5% shorter than the seen part would suggest (perspective shortens it), and always
/// a little beyond the frame's edge; so a corner inferred less than this far outside may as
/// well lie just inside. (Synthetic cut-off documents are pushed 4–20% over the edge.)
pub const INFERRED_CORNER_TOLERANCE: f64 = 0.05;

/// Measure an outline's placement in a `width × height` frame.
pub fn placement(outline: &Outline, (width, height): (u32, u32)) -> Placement {
    let (w, h) = (f64::from(width), f64::from(height));
    let short = w.min(h).max(1.0);
    let q = &outline.corners;
    let corner_margins = q.map(|p| p[0].min(p[1]).min(w - p[0]).min(h - p[1]) / short);
    let (first, second) = geometry::side_pairs(q);
    // The long sides: 0–1 and 2–3, or 1–2 and 3–0.
    let (long, a, b) = if first >= second {
        (first, q[0], q[1])
    } else {
        (second, q[1], q[2])
    };
    let along = if (b[0] - a[0]).abs() >= (b[1] - a[1]).abs() {
        w
    } else {
        h
    };
    let shorter = first.min(second).max(1.0);
    let at_edge_uncertain = std::array::from_fn(|i| {
        let p = q[i];
        let beyond = (-p[0]).max(-p[1]).max(p[0] - w).max(p[1] - h);
        let inferred = !outline.seen_sides[i] || !outline.seen_sides[(i + 3) % 4];
        inferred && beyond > 0.0 && beyond < INFERRED_CORNER_TOLERANCE * shorter
    });
    Placement {
        corner_margins,
        at_edge_uncertain,
        span: long / along.max(1.0),
        corner_angle_deviation: geometry::corner_angle_deviation(q),
        long_side_px: long,
    }
}

/// Where a point lies in the frame, in words: "on the left", "at the top right", "in the
/// middle".
pub fn describe_position(p: Point, (width, height): (u32, u32)) -> &'static str {
    let (u, v) = (p[0] / f64::from(width), p[1] / f64::from(height));
    let column = if u < 0.4 {
        0
    } else if u > 0.6 {
        2
    } else {
        1
    };
    let row = if v < 0.4 {
        0
    } else if v > 0.6 {
        2
    } else {
        1
    };
    [
        ["at the top left", "at the top", "at the top right"],
        ["on the left", "in the middle", "on the right"],
        ["at the bottom left", "at the bottom", "at the bottom right"],
    ][row][column]
}

/// The centre of an outline (mean of its corners).
pub fn centre(outline: &Outline) -> Point {
    let q = &outline.corners;
    [
        q.iter().map(|p| p[0]).sum::<f64>() / 4.0,
        q.iter().map(|p| p[1]).sum::<f64>() / 4.0,
    ]
}

/// A small square around a corner (a tenth of the document's shorter side), for marking it.
pub fn corner_marker(outline: &Outline, corner: usize) -> Vec<Point> {
    let q = &outline.corners;
    let (first, second) = geometry::side_pairs(q);
    let half = 0.05 * first.min(second).max(8.0);
    let p = q[corner];
    vec![
        [p[0] - half, p[1] - half],
        [p[0] + half, p[1] - half],
        [p[0] + half, p[1] + half],
        [p[0] - half, p[1] + half],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(corners: [Point; 4]) -> Outline {
        Outline {
            corners,
            seen_sides: [true; 4],
            edge_support: 1.0,
            aspect: 1.586,
            content: 0.2,
        }
    }

    #[test]
    fn a_centred_card_has_margins_span_and_square_corners() {
        let card = outline([
            [200.0, 150.0],
            [800.0, 150.0],
            [800.0, 528.0],
            [200.0, 528.0],
        ]);
        let p = placement(&card, (1000, 750));
        assert!((p.corner_margins[0] - 150.0 / 750.0).abs() < 1e-9);
        assert!((p.span - 0.6).abs() < 1e-9);
        assert!(p.corner_angle_deviation < 1e-9);
        assert!((p.long_side_px - 600.0).abs() < 1e-9);
    }

    #[test]
    fn a_corner_outside_has_a_negative_margin_and_a_portrait_card_spans_the_height() {
        let card = outline([
            [-50.0, 100.0],
            [300.0, 100.0],
            [300.0, 655.0],
            [-50.0, 655.0],
        ]);
        let p = placement(&card, (600, 800));
        assert!(p.corner_margins[0] < 0.0 && p.corner_margins[3] < 0.0);
        assert!(p.corner_margins[1] > 0.0);
        assert!((p.span - 555.0 / 800.0).abs() < 1e-9);
    }

    #[test]
    fn an_inferred_corner_just_past_the_edge_is_uncertain_and_one_far_past_is_cut_off() {
        // A card 600 × 378 whose right side was not seen, placed 10 px (2.6% of its height)
        // and then 60 px (16%) past the right edge of a 1000 px frame.
        for (overshoot, uncertain) in [(10.0, true), (60.0, false)] {
            let right = 1000.0 + overshoot;
            let mut card = outline([
                [right - 600.0, 100.0],
                [right, 100.0],
                [right, 478.0],
                [right - 600.0, 478.0],
            ]);
            card.seen_sides = [true, false, true, true];
            let p = placement(&card, (1000, 750));
            assert_eq!(
                p.at_edge_uncertain,
                [false, uncertain, uncertain, false],
                "{overshoot}"
            );
        }
        // A seen corner outside the frame (both its sides seen) is never merely uncertain.
        let seen = outline([
            [405.0, 100.0],
            [1005.0, 100.0],
            [1005.0, 478.0],
            [405.0, 478.0],
        ]);
        assert_eq!(placement(&seen, (1000, 750)).at_edge_uncertain, [false; 4]);
    }

    #[test]
    fn positions_in_words() {
        assert_eq!(
            describe_position([10.0, 10.0], (100, 100)),
            "at the top left"
        );
        assert_eq!(describe_position([50.0, 50.0], (100, 100)), "in the middle");
        assert_eq!(describe_position([90.0, 50.0], (100, 100)), "on the right");
    }
}
