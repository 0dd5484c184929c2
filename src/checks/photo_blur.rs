//! `photo.blur`: the document is in focus and was not moved during the shot.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::DocumentView;
use crate::vision::sharpness::{self, INTRINSIC_BLUR_PX};

use super::photo_resolution::{DocumentDpi, document_dpi};

pub static CHECK: Check = Check {
    id: "photo.blur",
    category: Category::Photo,
    title: "Sharpness",
    summary: "The document's print is sharp: neither out of focus nor smeared by movement.",
    what: "Measures how far the edges of the document's print are spread, in pixels of Gaussian \
           blur on the document straightened to 1000 px wide, in the worst direction (a moving \
           hand smears one direction only). The photo's own pixel blur is taken out, so a small \
           but sharp document is not called blurred. Above 1.5 px warns, above 2.5 px fails \
           (`max_blur_warn_px`, `max_blur_fail_px` in --config): the machine-readable zone's \
           strokes are about 3 px wide at that size. The print is also measured at the photo's \
           own resolution, where a sharp photo spreads an edge over about 0.6 of its pixels: \
           when the document's pixel count gives the 300 dots per inch the resolution check asks \
           for (`min_document_dpi_warn`) but its print spreads over more than 0.9 pixels \
           (`max_native_spread_px`), leaving less detail than that, the photo is softer than \
           its pixel count (enlarged from a smaller copy, or slightly out of focus) and this \
           warns.",
    why: "Blur is the most common reason an ID photo is rejected: reviewers cannot read the \
          numbers, and automatic readers misread the machine-readable zone. Phones focus on the \
          nearest contrast, which is often not the document, and shake in dim light.",
    fix: "Lay the document flat in good light, hold the phone steady (rest your elbows), tap the \
          document on the screen to focus, and wait a moment before taking the photo. Upload \
          the original photo, not an enlarged or edited copy.",
    hint: "Retake in good light with the phone steady: tap the document on screen to focus first.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let view = match scene.document() {
        Ok(view) => view,
        Err(why) => return why.outcome(),
    };
    let Some(measured) = sharpness::measure_document(&view.rectified) else {
        return Outcome::error("The document was straightened without its fine detail.");
    };
    let Some(blur) = measured.blur_px else {
        return Outcome::skip(
            "Not judged: the document shows too little print with sharp edges to measure.",
        );
    };
    let t = &options.thresholds;
    let unit = "px of blur on the document 1000 px wide";
    // Below half a pixel the estimate only says "no measurable blur".
    let amount = if blur < 0.5 {
        "Edges are spread over less than 0.5 px".to_owned()
    } else {
        format!("Edges are spread over about {blur:.1} px")
    };
    if blur > t.max_blur_fail_px {
        return Outcome::fail(format!(
            "{amount}: the document is blurred (limit {:.1} px).",
            t.max_blur_fail_px
        ))
        .measured(blur, t.max_blur_fail_px, unit);
    }
    if blur > t.max_blur_warn_px {
        return Outcome::warn(format!(
            "{amount}: the document is slightly blurred (comfortable below {:.1} px).",
            t.max_blur_warn_px
        ))
        .measured(blur, t.max_blur_warn_px, unit);
    }
    if let Some(soft) = softer_than_its_pixels(scene, view, options) {
        return soft;
    }
    Outcome::pass(format!("{amount}: the document is sharp.")).measured(
        blur,
        t.max_blur_warn_px,
        unit,
    )
}

/// A warning when the document's pixel count passes the resolution check but its pixels do
/// not hold that much detail: the print spreads over so many of the photo's own pixels that
/// the detail left is below the comfortable resolution. An enlarged copy, or a large photo
/// slightly out of focus, is sharp at 1000 px and would otherwise pass both checks.
fn softer_than_its_pixels(
    scene: &Scene,
    view: &DocumentView,
    options: &Options,
) -> Option<Outcome> {
    let t = &options.thresholds;
    let DocumentDpi { dpi, .. } = document_dpi(view, scene.frame().ok()?);
    // Below it, the resolution check already warns.
    if dpi < t.min_document_dpi_warn {
        return None;
    }
    let spread = sharpness::measure_native(scene.pixels().ok()?, &view.rectified)?;
    if spread <= t.max_native_spread_px {
        return None;
    }
    // A photo enlarged k times spreads its edges k times as far as a sharp one.
    let detail_dpi = dpi * INTRINSIC_BLUR_PX / spread;
    if detail_dpi >= t.min_document_dpi_warn {
        return None;
    }
    Some(
        Outcome::warn(format!(
            "Sharp at 1000 px, but softer than its pixel count: edges spread over {spread:.1} \
             of the photo's pixels (a sharp photo: {INTRINSIC_BLUR_PX}), so the document holds \
             about {detail_dpi:.0} dpi of detail, not the {dpi:.0} its size gives: an enlarged \
             copy, or slightly out of focus or moved."
        ))
        .measured(
            spread,
            t.max_native_spread_px,
            "px of spread in the photo's own pixels",
        ),
    )
}
