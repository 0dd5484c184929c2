//! `photo.color`: a colour photo of the original, not a black-and-white copy.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::colour;

pub static CHECK: Check = Check {
    id: "photo.color",
    category: Category::Photo,
    title: "Colour original",
    summary: "The photo shows the document in colour: not a black-and-white copy or scan.",
    what: "Compares the typical colour of each part of the document (its chromaticity, so that \
           the light's own tint does not count). Security printing changes colour across a page \
           and portraits are in colour; a photocopy or a greyscale scan is the same grey \
           everywhere. Fails when the colour varies by less than 1.5% of brightness across \
           the document (`min_colour_variation` in --config). Very dark and blown-out pixels \
           carry no colour and are left out.",
    why: "Services ask for the original document: a black-and-white copy hides the security \
          printing that shows a document is genuine, so copies are refused.",
    fix: "Photograph the original document itself, in colour, not a photocopy or a printout; \
          check the camera is not set to a black-and-white filter.",
    hint: "Upload a colour photo of the original document, not a copy.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let view = match scene.document() {
        Ok(view) => view,
        Err(why) => return why.outcome(),
    };
    let t = &options.thresholds;
    let r = &view.rectified;
    let Some(measured) = colour::measure(&r.rgb, &r.valid) else {
        return Outcome::skip(
            "Not judged: too little of the document is neither dark nor white to show colour.",
        );
    };
    let variation = measured.across;
    let unit = "percent of brightness";
    if variation < t.min_colour_variation {
        Outcome::fail(format!(
            "The document shows no colour (it varies by {variation:.1}% across): this looks like \
             a black-and-white copy."
        ))
        .measured(variation, t.min_colour_variation, unit)
    } else {
        Outcome::pass(format!(
            "The document is in colour (it varies by {variation:.1}% across)."
        ))
        .measured(variation, t.min_colour_variation, unit)
    }
}
