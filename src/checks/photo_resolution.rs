//! `photo.resolution`: enough pixels for the document's small print to be legible.
//!
//! For now this judges the whole image's shorter side. Once the document outline is found it
//! will judge the document's own resolution from its known physical size.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;

pub static CHECK: Check = Check {
    id: "photo.resolution",
    category: Category::Photo,
    title: "Resolution",
    summary: "The photo has enough pixels: shorter side at least 1000 px (600 px at the very least).",
    what: "Measures the shorter side of the upright image in pixels. Below 600 px fails, below \
           1000 px warns (`min_short_side_fail_px`, `min_short_side_warn_px` in --config). A card \
           filling such a frame is imaged at about 150 and 300 dots per inch, the resolutions \
           verification vendors require and recommend.",
    why: "Reviewers and their software must read small print: the document number, dates and the \
          machine-readable zone. Below about 150 dots per inch across the document these blur \
          into each other and the upload is rejected as unreadable. Low resolution usually comes \
          from a screenshot, a thumbnail or a photo sent through a messaging app.",
    fix: "Take the photo with the phone's main camera at full resolution, with the document \
          filling most of the frame, and upload the original file rather than a copy from a chat \
          app or a screenshot.",
    hint: "Upload the original full-resolution photo, with the document filling most of the frame.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let image = match scene.pixels() {
        Ok(image) => image,
        Err(why) => return why.outcome(),
    };
    let (width, height) = (image.width(), image.height());
    let short = width.min(height);
    let t = &options.thresholds;
    let size = format!("{width}×{height} px");
    if short < t.min_short_side_fail_px {
        Outcome::fail(format!(
            "{size}: the shorter side is {short} px, below the {} px minimum.",
            t.min_short_side_fail_px
        ))
        .measured(short.into(), t.min_short_side_fail_px.into(), "px")
    } else if short < t.min_short_side_warn_px {
        Outcome::warn(format!(
            "{size}: the shorter side is {short} px; {} px or more keeps small print legible.",
            t.min_short_side_warn_px
        ))
        .measured(short.into(), t.min_short_side_warn_px.into(), "px")
    } else {
        Outcome::pass(format!(
            "{size}: the shorter side is {short} px (at least {} px).",
            t.min_short_side_warn_px
        ))
        .measured(short.into(), t.min_short_side_warn_px.into(), "px")
    }
}
