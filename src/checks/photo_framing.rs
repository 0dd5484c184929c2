//! `photo.framing`: the document fills a good part of the photo, neither far away nor
//! filling it edge to edge.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::placement::placement;

pub static CHECK: Check = Check {
    id: "photo.framing",
    category: Category::Photo,
    title: "Document framing",
    summary: "The document spans 40–95% of the photo: not too far away, not cropped edge to edge.",
    what: "Measures the document's length along its long side as a share of the photo's length \
           in that direction. Below 40% fails (the document is too far away); above 95% warns \
           (no margin is left around it). `min_document_span`, `max_document_span` in --config.",
    why: "A small document in a large photo is imaged with too few pixels for its small print, \
          and reviewers cannot tell it from a copy; a document touching the photo's edges may \
          have been cropped or cut off. Capture guidelines ask for the document to fill most of \
          the frame with a margin.",
    fix: "Move the phone closer until the document fills most of the frame, leaving a thin \
          margin of the surface around it.",
    hint: "Hold the phone closer, so the document fills most of the frame with a small margin.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let (view, frame) = match (scene.document(), scene.frame()) {
        (Ok(view), Ok(frame)) => (view, frame),
        (Err(why), _) | (_, Err(why)) => return why.outcome(),
    };
    let span = placement(&view.outline, frame).span;
    let t = &options.thresholds;
    let percent = span * 100.0;
    let unit = "fraction of the photo";
    if span < t.min_document_span {
        Outcome::fail(format!(
            "The document spans only {percent:.0}% of the photo: it is too far away."
        ))
        .measured(span, t.min_document_span, unit)
    } else if span > t.max_document_span {
        Outcome::warn(format!(
            "The document spans {percent:.0}% of the photo, leaving no margin around it."
        ))
        .hint("Step back a little so that a thin margin of the surface shows around the document.")
        .measured(span, t.max_document_span, unit)
    } else {
        Outcome::pass(format!("The document spans {percent:.0}% of the photo.")).measured(
            span,
            t.min_document_span,
            unit,
        )
    }
}
