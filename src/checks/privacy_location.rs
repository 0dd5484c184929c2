//! `privacy.location`: does the photo record where it was taken?

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;

pub static CHECK: Check = Check {
    id: "privacy.location",
    category: Category::Privacy,
    title: "Location in metadata",
    summary: "The photo's metadata does not record a GPS position (where you live, most likely).",
    what: "Looks for a GPS latitude and longitude in the photo's EXIF metadata. A GPS block with \
           only a timestamp, which some phones write with location off, does not count. The \
           position itself is never printed.",
    why: "A photo of an ID document is usually taken at home, so its GPS position is the \
          holder's address, sent along with the document to the service and anyone it shares \
          files with. It does not get the upload rejected, but it shares more than the form asks \
          for.",
    fix: "Upload a copy without metadata: `kyc-preflight scrub PHOTO -o COPY` writes one with the \
          same pixels and no EXIF, XMP or comments, and never touches PHOTO. On a phone, tap \
          Options on the iPhone share sheet and turn off Location, or turn off location tags in \
          the Android camera settings before taking the photo.",
    hint: "Upload a copy without metadata: kyc-preflight scrub PHOTO -o COPY.jpg",
    run: Run::File(run),
};

fn run(scene: &Scene, _options: &Options) -> Outcome {
    let header = match scene.header() {
        Ok(header) => header,
        Err(why) => return why.outcome(),
    };
    match &header.metadata {
        Some(metadata) if metadata.has_gps_position => {
            Outcome::warn("The photo's metadata records where it was taken (a GPS position).")
        }
        Some(_) => Outcome::pass("The metadata holds no GPS position."),
        None => Outcome::pass("The photo carries no EXIF metadata, so no GPS position."),
    }
}
