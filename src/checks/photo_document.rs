//! `photo.document`: there is an identity document in the photo, and which one was judged.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::{Scene, Unavailable};
use crate::vision::placement::{centre, describe_position};

pub static CHECK: Check = Check {
    id: "photo.document",
    category: Category::Photo,
    title: "Document in the photo",
    summary: "An ID document can be found in the photo: its four edges against the background.",
    what: "Looks for the document's outline: straight edges of a card or passport page with \
           the proportions of an ID document and printed content inside. Fails when none is \
           found. When the photo shows several documents (a card's front and back side by \
           side), says which one the other photo checks judged and warns: most services want \
           one side per photo.",
    why: "Verification starts by finding the document in the photo. A photo of something else, \
          a document lost against a background of the same colour, or a photo so bright that \
          the document's edges vanish is rejected before anyone reads it.",
    fix: "Lay the document flat on a plain surface darker than the document, and photograph it \
          from above so that it fills most of the frame with all four edges visible. Upload \
          each side of a card in its own photo.",
    hint: "Photograph the whole document on a plain, darker surface, filling most of the frame, \
           with all four edges visible.",
    run: Run::File(run),
};

fn run(scene: &Scene, _options: &Options) -> Outcome {
    let (search, frame) = match (scene.search(), scene.frame()) {
        (Ok(search), Ok(frame)) => (search, frame),
        (Err(why), _) | (_, Err(why)) => return why.outcome(),
    };
    let view = match scene.document() {
        Ok(view) => view,
        Err(Unavailable::NoDocument) => {
            return Outcome::fail("We could not find an ID document in this photo.");
        }
        Err(why) => return why.outcome(),
    };
    let kind = view.layout.kind.describe();
    if view.fills_frame {
        return Outcome::pass(format!(
            "Found {kind} filling the whole photo (a scan or a crop): its edges are not visible."
        ));
    }
    let where_ = describe_position(centre(&view.outline), frame);
    let mut outcome = if search.others.is_empty() {
        Outcome::pass(format!("Found {kind} {where_} of the photo."))
    } else {
        let count = search.others.len() + 1;
        Outcome::warn(format!(
            "{count} documents are in the photo; the other checks judged {kind} {where_}."
        ))
        .hint("Upload one document, one side, per photo.")
    };
    outcome.regions.push(view.outline.corners.to_vec());
    outcome
}
