//! `photo.exposure`: the document is neither too dark nor blown out, and evenly lit.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::{Scene, Unavailable};
use crate::vision::lighting::{self, Lighting};

pub static CHECK: Check = Check {
    id: "photo.exposure",
    category: Category::Photo,
    title: "Exposure",
    summary: "The document is neither too dark nor blown out to white, and evenly lit.",
    what: "Measures the document's paper brightness (a high percentile of each part of it), how \
           much of it is blown out to white while its print is washed out, and the light's \
           ratio between its brightest and dimmest corners. Fails when the paper is darker \
           than 110 of 255 (and so is the rest of the photo: a dark card on a bright table is \
           not a dark photo) or more than 75% is blown out; warns when the light varies 2:1 or \
           more (`min_paper_level`, `max_blown_fraction`, `max_light_ratio` in --config). When \
           no document is found, the whole photo is judged.",
    why: "In a dark photo the print drowns in noise; in an over-exposed one it fades into the \
          paper; under a hard shadow half the document is unreadable. Reviewers and automatic \
          readers reject all three.",
    fix: "Photograph the document in bright, even, indirect light: near a window but out of \
          direct sun, with no lamp or shadow falling across it, and without the flash.",
    hint: "Retake in bright, even light, without shadows across the document.",
    run: Run::File(run),
};

/// Print at least this dark (luma) shows the photo kept its contrast.
const PRINT_STILL_DARK: f64 = 40.0;

fn run(scene: &Scene, options: &Options) -> Outcome {
    let proxy = match scene.proxy() {
        Ok(proxy) => proxy,
        Err(why) => return why.outcome(),
    };
    let Some(frame) = lighting::measure(&proxy.grey, None) else {
        return Unavailable::TooLittleDocument.outcome();
    };
    match scene.lighting() {
        Ok(document) => judge(Some(document), &frame, options),
        Err(Unavailable::NoDocument) => judge(None, &frame, options),
        Err(why) => why.outcome(),
    }
}

/// Judge the light on the document (or, when none was found, on the whole photo). The photo
/// as a whole tells a dark photo from a dark document: a navy bank card or a burgundy passport
/// cover on a bright table is dark, but the photo is not.
fn judge(document: Option<&Lighting>, frame: &Lighting, options: &Options) -> Outcome {
    let t = &options.thresholds;
    let (light, subject) = match document {
        Some(light) => (light, "The document"),
        None => (frame, "The photo"),
    };
    if light.paper < t.min_paper_level && frame.paper < t.min_paper_level {
        return Outcome::fail(format!(
            "{subject} is too dark: its brightest parts measure {:.0} of 255 (at least {:.0} \
             needed).",
            light.paper, t.min_paper_level
        ))
        .hint("Retake in brighter light (not with the flash, which causes glare).")
        .measured(light.paper, t.min_paper_level, "luma (0–255)");
    }
    if light.clipped > t.max_blown_fraction && light.darkest > PRINT_STILL_DARK {
        return Outcome::fail(format!(
            "{subject} is over-exposed: {:.0}% of it is blown out to white and its print is \
             washed out.",
            light.clipped * 100.0
        ))
        .hint("Retake in softer light, or tap the document on screen so the camera exposes for it.")
        .measured(light.clipped, t.max_blown_fraction, "fraction blown out");
    }
    if document.is_some() && light.light_ratio >= t.max_light_ratio {
        return Outcome::warn(format!(
            "The light is uneven: one side of the document gets {:.1} times the light of the \
             other (a shadow or a lamp from one side).",
            light.light_ratio
        ))
        .hint(
            "Move so that no shadow falls across the document, with light from above or a window.",
        )
        .measured(
            light.light_ratio,
            t.max_light_ratio,
            "brightest over dimmest light",
        );
    }
    if light.paper < t.min_paper_level {
        return Outcome::pass(format!(
            "The document itself is dark-coloured; the photo is well exposed (its brightest \
             parts measure {:.0} of 255).",
            frame.paper
        ))
        .measured(frame.paper, t.min_paper_level, "luma (0–255)");
    }
    Outcome::pass(format!(
        "{subject} is well exposed (brightest parts {:.0} of 255) and evenly lit ({:.1}:1).",
        light.paper, light.light_ratio
    ))
    .measured(light.paper, t.min_paper_level, "luma (0–255)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    fn light(paper: f64, clipped: f64, darkest: f64, ratio: f64) -> Lighting {
        Lighting {
            paper,
            clipped,
            darkest,
            light_ratio: ratio,
        }
    }

    #[test]
    fn dark_blown_uneven_and_good_light() {
        let options = Options::new(jiff::civil::date(2026, 1, 1));
        let bright_photo = light(240.0, 0.0, 10.0, 1.1);
        let status = |l: Lighting, frame: &Lighting| judge(Some(&l), frame, &options).status;
        let dark_photo = light(60.0, 0.0, 5.0, 1.1);
        assert_eq!(
            status(light(60.0, 0.0, 5.0, 1.1), &dark_photo),
            Status::Fail
        );
        // A dark card on a bright table: the photo is fine.
        assert_eq!(
            status(light(60.0, 0.0, 5.0, 1.1), &bright_photo),
            Status::Pass
        );
        assert_eq!(
            status(light(254.0, 0.9, 70.0, 1.0), &bright_photo),
            Status::Fail
        );
        // A white page with black print is not over-exposed.
        assert_eq!(
            status(light(254.0, 0.9, 10.0, 1.0), &bright_photo),
            Status::Pass
        );
        assert_eq!(
            status(light(180.0, 0.0, 20.0, 2.5), &bright_photo),
            Status::Warn
        );
        assert_eq!(
            status(light(225.0, 0.0, 20.0, 1.1), &bright_photo),
            Status::Pass
        );
        // No document: the photo alone.
        assert_eq!(judge(None, &dark_photo, &options).status, Status::Fail);
    }
}
