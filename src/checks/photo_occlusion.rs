//! `photo.occlusion`: nothing — a finger, a coin, a sleeve — covers part of the document.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::occlusion;

pub static CHECK: Check = Check {
    id: "photo.occlusion",
    category: Category::Photo,
    title: "Nothing covering",
    summary: "Nothing covers the document: no finger or object reaching in over its edge.",
    what: "Looks for smooth patches whose colour is unlike the document's paper, that reach in \
           over its edge and carry on beyond it in the photo, as a thumb holding a card does \
           (printed areas stop at the edge). Warns when they cover more than 2% of the document \
           (`max_occluded_fraction` in --config). A photo cropped to the document shows nothing \
           beyond its edges and is not judged.",
    why: "A finger over a card can hide a digit, the portrait's edge or a security feature, and \
          services refuse photos where part of the document is covered.",
    fix: "Lay the document on a table instead of holding it, or hold it by its very edge, and \
          keep fingers, coins and straps clear of it.",
    hint: "Lay the document flat on a table, with nothing over it, and retake.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let (view, proxy) = match (scene.document(), scene.proxy()) {
        (Ok(view), Ok(proxy)) => (view, proxy),
        (Err(why), _) | (_, Err(why)) => return why.outcome(),
    };
    if view.fills_frame {
        return Outcome::skip(
            "Not judged: the photo shows nothing beyond the document's edges, where an object \
             over it would be seen coming from.",
        );
    }
    let r = &view.rectified;
    let outside = |fraction: [f64; 2]| -> Option<[u8; 3]> {
        let p = r.to_image(fraction);
        let (x, y) = (p[0] / proxy.scale, p[1] / proxy.scale);
        let (w, h) = (f64::from(proxy.rgb.width()), f64::from(proxy.rgb.height()));
        (x >= 0.0 && y >= 0.0 && x < w && y < h).then(|| proxy.rgb.get_pixel(x as u32, y as u32).0)
    };
    let Some(found) = occlusion::measure(&r.rgb, &r.grey, &r.valid, &outside) else {
        return Outcome::skip("Not judged: too little of the document is inside the photo.");
    };
    let limit = options.thresholds.max_occluded_fraction;
    let percent = found.fraction * 100.0;
    let unit = "fraction of the document";
    let mut outcome = if found.fraction > limit {
        Outcome::warn(format!(
            "Something covers {percent:.0}% of the document, reaching in over its edge (a \
             finger or an object)."
        ))
    } else {
        Outcome::pass("Nothing covers the document.")
    };
    if found.fraction > limit {
        outcome.regions = found.boxes.iter().map(|b| view.box_in_photo(*b)).collect();
    }
    outcome.measured(found.fraction, limit, unit)
}
