//! `photo.perspective`: the document was photographed from straight above, not at an angle.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;

pub static CHECK: Check = Check {
    id: "photo.perspective",
    category: Category::Photo,
    title: "Straight-on view",
    summary: "The document was photographed from straight above: its corners are square.",
    what: "Measures each corner angle of the document's outline in the photo. Warns when one \
           is more than 5° from a right angle (`max_corner_angle_deg` in --config): the phone \
           was tilted against the document.",
    why: "A document photographed at an angle is foreshortened: its far side's print is smaller \
          and blurrier, holograms change colour, and automatic readers may fail. Services ask \
          for a straight-on view.",
    fix: "Hold the phone parallel to the document, directly above its centre.",
    hint: "Hold the phone flat, parallel to the document and directly above it.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let view = match scene.document() {
        Ok(view) => view,
        Err(why) => return why.outcome(),
    };
    let outline = &view.outline;
    // Only corners whose two sides were both seen have a measured angle; the others were
    // completed beyond the frame.
    let measured: Vec<f64> = (0..4)
        .filter(|&i| outline.seen_sides[i] && outline.seen_sides[(i + 3) % 4])
        .map(|i| crate::vision::geometry::corner_angle(&outline.corners, i))
        .collect();
    let Some(deviation) = measured.into_iter().reduce(f64::max) else {
        return Outcome::skip(
            "Not judged: no corner of the document is in the photo with both its edges.",
        );
    };
    let limit = options.thresholds.max_corner_angle_deg;
    let unit = "degrees";
    if deviation > limit {
        Outcome::warn(format!(
            "The document was photographed at an angle: a corner is {deviation:.0}° from square."
        ))
        .measured(deviation, limit, unit)
    } else {
        Outcome::pass(format!(
            "The document was photographed straight on (corners within {deviation:.0}° of \
             square)."
        ))
        .measured(deviation, limit, unit)
    }
}
