//! `photo.glare`: no reflection of a light source blows out part of the document.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::{beam, highlights};

pub static CHECK: Check = Check {
    id: "photo.glare",
    category: Category::Photo,
    title: "No glare",
    summary: "No glare: reflections cover under 1% of the document and none of the MRZ or portrait.",
    what: "Finds blown-out reflections on the document — patches brighter than its paper, up \
           to the camera's white, with the print under them washed away — and measures the \
           share of the document they cover, leaving out a 5% margin along its edges. Fails \
           above 1% (`max_glare_fraction` in --config), or when any reflection touches the \
           machine-readable zone or the portrait, where even a small one hides what must be \
           read. A document whose paper is itself white cannot be judged and says so. Also \
           fails on a streak of light laid across the document (a beam through a blind, a \
           lens flare) that blows nothing out but washes out the print under it: found where \
           it carries on past the document's edge onto the background and lights a straight \
           line across most of the page; a streak that stops at the edge cannot be told from \
           printed design and is not found.",
    why: "Laminated cards and passport pages reflect lamps and windows. A reflection hides the \
          characters or the face under it, and verification services refuse photos with glare \
          over more than a sliver of the document (Regula fails above 1%).",
    fix: "Tilt the document slightly or move away from the light until no bright reflection \
          shows on the screen; use daylight from a window rather than a lamp above, and turn the \
          flash off.",
    hint: "Tilt the document or move away from the lamp until no reflection shows; turn off the flash.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let (view, light) = match (scene.document(), scene.lighting()) {
        (Ok(view), Ok(light)) => (view, light),
        (Err(why), _) | (_, Err(why)) => return why.outcome(),
    };
    let r = &view.rectified;
    // A beam is told from print by carrying on past the document's edge, so it is only looked
    // for when the photo shows background around the document.
    let beam = match scene.proxy() {
        Ok(proxy) if !view.fills_frame => beam::find(proxy, r),
        _ => None,
    };
    if let Some(beam) = beam {
        let aspect = f64::from(r.width()) / f64::from(r.height());
        let mut outcome = Outcome::fail(
            "A streak of light crosses the document and carries on past its edge, washing out \
             the print under it.",
        );
        outcome.regions = vec![beam.band(aspect).iter().map(|&p| r.to_image(p)).collect()];
        return outcome;
    }
    let Some(found) = highlights::measure(&r.rgb, &r.valid, light.paper) else {
        return Outcome::skip(format!(
            "Not judged: the document's paper is almost white ({:.0} of 255), so reflections \
             cannot be told from it.",
            light.paper
        ));
    };
    let layout = &view.layout;
    let on_mrz = layout
        .mrz
        .as_ref()
        .is_some_and(|m| found.touches(layout.in_image(m.zone)));
    let on_portrait = layout
        .portrait
        .is_some_and(|z| found.touches(layout.in_image(z)));
    let limit = options.thresholds.max_glare_fraction;
    let percent = found.fraction * 100.0;
    let unit = "fraction of the document";
    let mut outcome = if found.fraction > limit || on_mrz || on_portrait {
        let mut places = Vec::new();
        if on_mrz {
            places.push("the machine-readable zone");
        }
        if on_portrait {
            places.push("the portrait");
        }
        let over = if places.is_empty() {
            String::new()
        } else {
            format!(", over {}", places.join(" and "))
        };
        Outcome::fail(format!(
            "Glare blows out {percent:.1}% of the document{over}."
        ))
    } else if found.boxes.is_empty() {
        Outcome::pass("No glare on the document.")
    } else {
        Outcome::pass(format!(
            "Only a small reflection ({percent:.1}% of the document), away from the \
             machine-readable zone and portrait."
        ))
    };
    outcome.regions = found.boxes.iter().map(|b| view.box_in_photo(*b)).collect();
    outcome.measured(found.fraction, limit, unit)
}
