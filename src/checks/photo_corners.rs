//! `photo.corners`: all four corners of the document are inside the photo, with a margin.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::placement::{CORNER_NAMES, corner_marker, placement};

pub static CHECK: Check = Check {
    id: "photo.corners",
    category: Category::Photo,
    title: "Corners in the photo",
    summary: "All four corners of the document are inside the photo, away from its edges.",
    what: "Locates the document's four corners, inferring a corner outside the photo by \
           extending the document's edges. Fails when a corner lies outside the photo or closer \
           to its edge than 2% of the photo's shorter side (`corner_margin` in --config), and \
           names the corners. A corner inferred to lie less than 5% of the document's shorter side \
           outside is only at the edge: the document may end on either side of it. Warns when \
           every corner is that close or at the edge (a scan or a tight crop), or when the \
           document fills the photo so that its corners cannot be seen.",
    why: "Verification services check that the whole document is shown, untouched: a cut-off \
          corner can hide a number, a hologram or an edited edge, so the photo is refused.",
    fix: "Step back or zoom out a little so that the whole document, with a thin margin of the \
          surface around it, is inside the frame.",
    hint: "Re-frame so that all four corners are inside the photo with a small margin around \
           the document.",
    run: Run::File(run),
};

/// "the top-left corner", "the top-left and bottom-left corners", …
fn corner_list(corners: &[usize]) -> String {
    let names: Vec<&str> = corners.iter().map(|&i| CORNER_NAMES[i]).collect();
    match names.as_slice() {
        [one] => format!("the {one} corner"),
        [first @ .., last] => format!("the {} and {last} corners", first.join(", ")),
        [] => String::new(),
    }
}

fn run(scene: &Scene, options: &Options) -> Outcome {
    let (view, frame) = match (scene.document(), scene.frame()) {
        (Ok(view), Ok(frame)) => (view, frame),
        (Err(why), _) | (_, Err(why)) => return why.outcome(),
    };
    let outline = &view.outline;
    if view.fills_frame {
        // Nothing to measure: the photo's border is all there is.
        return Outcome::warn(
            "The document fills the photo edge to edge: its corners and edges cannot be seen, \
             so whether any is cut off cannot be told.",
        );
    }
    let placed = placement(outline, frame);
    let margins = placed.corner_margins;
    let margin = options.thresholds.corner_margin;
    // Outside the frame: cut off, unless only just outside and inferred, when the document
    // merely runs up to the edge and may end on either side of it.
    let uncertain: Vec<usize> = (0..4).filter(|&i| placed.at_edge_uncertain[i]).collect();
    let outside: Vec<usize> = (0..4)
        .filter(|&i| margins[i] < 0.0 && !placed.at_edge_uncertain[i])
        .collect();
    let close: Vec<usize> = (0..4)
        .filter(|&i| (0.0..margin).contains(&margins[i]))
        .collect();
    let worst = margins.iter().cloned().fold(f64::MAX, f64::min);
    let percent = margin * 100.0;
    let is_are = |corners: &[usize]| if corners.len() == 1 { "is" } else { "are" };
    let mut outcome = if !outside.is_empty() {
        let mut message = format!(
            "{} {} cut off (outside the photo)",
            corner_list(&outside),
            is_are(&outside)
        );
        if !uncertain.is_empty() {
            message.push_str(&format!(
                "; {} {} at its edge",
                corner_list(&uncertain),
                is_are(&uncertain)
            ));
        }
        if !close.is_empty() {
            message.push_str(&format!(
                "; {} {} within {percent:.0}% of its edge",
                corner_list(&close),
                is_are(&close)
            ));
        }
        message.push('.');
        Outcome::fail(capitalise(&message))
    } else if close.len() + uncertain.len() == 4 {
        // Every corner at the border, none clearly outside: a scan or a tight crop of a whole
        // document. Nothing is shown cut off, but nothing shows that it is not either.
        let message = if uncertain.is_empty() {
            format!(
                "All four corners are inside the photo but within {percent:.0}% of its edges (a \
                 scan or a tight crop)."
            )
        } else {
            format!(
                "The document runs up to the photo's edges: {} {} at the edge, where it may end \
                 just inside the photo or just beyond it, so whether it is cut off cannot be told.",
                corner_list(&uncertain),
                is_are(&uncertain)
            )
        };
        Outcome::warn(capitalise(&message))
            .hint("Leave a thin margin of background around the document, so it is plain that nothing is cut off.")
    } else if !close.is_empty() || !uncertain.is_empty() {
        let mut parts = Vec::new();
        if !uncertain.is_empty() {
            parts.push(format!(
                "{} {} at the photo's edge and may be cut off",
                corner_list(&uncertain),
                is_are(&uncertain)
            ));
        }
        if !close.is_empty() {
            parts.push(format!(
                "{} {} within {percent:.0}% of the photo's edge",
                corner_list(&close),
                is_are(&close)
            ));
        }
        Outcome::fail(capitalise(&format!("{}.", parts.join("; "))))
    } else {
        Outcome::pass(format!(
            "All four corners are inside the photo, at least {:.0}% from its edges.",
            worst * 100.0
        ))
    };
    for &i in outside.iter().chain(&uncertain).chain(&close) {
        outcome.regions.push(corner_marker(outline, i));
    }
    outcome.measured(worst, margin, "fraction of the photo's shorter side")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_are_listed_in_words() {
        assert_eq!(corner_list(&[0]), "the top-left corner");
        assert_eq!(corner_list(&[0, 3]), "the top-left and bottom-left corners");
        assert_eq!(
            corner_list(&[0, 1, 2]),
            "the top-left, top-right and bottom-right corners"
        );
        assert_eq!(capitalise("the top"), "The top");
    }
}
