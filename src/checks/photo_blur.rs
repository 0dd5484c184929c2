//! `photo.blur`: the document is in focus and was not moved during the shot.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::sharpness;

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
           strokes are about 3 px wide at that size.",
    why: "Blur is the most common reason an ID photo is rejected: reviewers cannot read the \
          numbers, and automatic readers misread the machine-readable zone. Phones focus on the \
          nearest contrast, which is often not the document, and shake in dim light.",
    fix: "Lay the document flat in good light, hold the phone steady (rest your elbows), tap the \
          document on the screen to focus, and wait a moment before taking the photo.",
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
        Outcome::fail(format!(
            "{amount}: the document is blurred (limit {:.1} px).",
            t.max_blur_fail_px
        ))
        .measured(blur, t.max_blur_fail_px, unit)
    } else if blur > t.max_blur_warn_px {
        Outcome::warn(format!(
            "{amount}: the document is slightly blurred (comfortable below {:.1} px).",
            t.max_blur_warn_px
        ))
        .measured(blur, t.max_blur_warn_px, unit)
    } else {
        Outcome::pass(format!("{amount}: the document is sharp.")).measured(
            blur,
            t.max_blur_warn_px,
            unit,
        )
    }
}
