//! `file.complete`: does the file hold the whole image, or was it cut off in transfer?

use super::{Check, Outcome, Run};
use crate::load::{DecodeError, Integrity};
use crate::options::Options;
use crate::report::Category;
use crate::scene::{Scene, Unavailable};

pub static CHECK: Check = Check {
    id: "file.complete",
    category: Category::File,
    title: "Complete file",
    summary: "The image file is whole (not cut off by an interrupted transfer) and decodes.",
    what: "Walks the file's structure to its end marker (the JPEG end-of-image marker, the PNG \
           IEND chunk, the WebP length) and then decodes every pixel. A missing end or undecodable \
           data fails.",
    why: "An interrupted download, upload or copy leaves a file whose lower part is missing. \
          Many viewers show it without complaint (the missing rows come out grey), but the \
          verification service sees a damaged image and rejects it, or the reviewer cannot read \
          the bottom of the document, where the machine-readable zone is.",
    fix: "Copy or export the photo again from the original (the phone's gallery or the camera), \
          wait for the transfer to finish, and check the new file.",
    hint: "The file is incomplete — an interrupted transfer; export it again.",
    run: Run::File(run),
};

fn run(scene: &Scene, _options: &Options) -> Outcome {
    match scene.integrity() {
        Err(why) => return why.outcome(),
        Ok(Integrity::Truncated(reason)) => {
            return Outcome::fail(format!(
                "The file is incomplete: {reason}, as after an interrupted transfer."
            ));
        }
        Ok(Integrity::Complete | Integrity::NotChecked) => {}
    }
    match scene.pixels() {
        Ok(image) => Outcome::pass(format!(
            "The file is complete and all {}×{} pixels decode.",
            image.width(),
            image.height()
        )),
        Err(Unavailable::Decode(err @ DecodeError::Corrupt(_))) => {
            Outcome::fail(format!("The file is damaged: {err}."))
                .hint("Export the photo again from the original; this copy is damaged.")
        }
        Err(why) => why.outcome(),
    }
}
