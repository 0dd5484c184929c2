//! `photo.resolution`: the document itself is imaged with enough pixels for its small print.

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::DocumentView;
use crate::vision::placement::placement;

pub static CHECK: Check = Check {
    id: "photo.resolution",
    category: Category::Photo,
    title: "Resolution",
    summary: "The document is imaged at 300 dots per inch or more (150 at the very least).",
    what: "Measures the document's resolution: its length in pixels over its real length. The \
           real length follows from the document's layout — the machine-readable zone's line \
           count and length tell a TD1 card (85.6 mm) from a TD2 card (105 mm) and a passport \
           page (125 mm); without one, ID-1 proportions mean 85.6 mm, and passport proportions \
           are taken as the larger 125 mm. Below 150 dots per inch fails, below 300 warns \
           (`min_document_dpi_fail`, `min_document_dpi_warn` in --config).",
    why: "Reviewers and their software must read small print: the document number, dates and the \
          machine-readable zone. Below about 150 dots per inch these blur into each other and \
          the upload is rejected as unreadable. Low resolution comes from a document far away in \
          the frame, a screenshot, a thumbnail or a photo sent through a messaging app.",
    fix: "Take the photo with the phone's main camera at full resolution, with the document \
          filling most of the frame, and upload the original file rather than a copy from a chat \
          app or a screenshot.",
    hint: "Upload the original full-resolution photo, with the document filling most of the frame.",
    run: Run::File(run),
};

/// Millimetres in an inch.
const MM_PER_INCH: f64 = 25.4;

/// The document's resolution in the photo.
pub(crate) struct DocumentDpi {
    /// Dots per inch along the document's long side.
    pub dpi: f64,
    /// Its length in the photo's pixels.
    pub long_side_px: f64,
    /// What real length was assumed, for the message ("for a passport page 125 mm wide").
    pub basis: String,
}

/// The resolution of the document `view` in a photo `frame` pixels wide and high.
pub(crate) fn document_dpi(view: &DocumentView, frame: (u32, u32)) -> DocumentDpi {
    let long_side_px = placement(&view.outline, frame).long_side_px;
    let kind = view.layout.kind;
    let (dpi, basis) = match kind.width_mm() {
        Some(width_mm) => (
            long_side_px / width_mm * MM_PER_INCH,
            format!("for {} {width_mm} mm wide", kind.short_name()),
        ),
        // Passport-page proportions with no MRZ in view: a TD3 page or a TD2 card. Assume the
        // larger, which gives the lower (stricter) resolution.
        None => (
            long_side_px / 125.0 * MM_PER_INCH,
            "assuming a passport page 125 mm wide".to_owned(),
        ),
    };
    DocumentDpi {
        dpi,
        long_side_px,
        basis,
    }
}

fn run(scene: &Scene, options: &Options) -> Outcome {
    let (view, frame) = match (scene.document(), scene.frame()) {
        (Ok(view), Ok(frame)) => (view, frame),
        (Err(why), _) | (_, Err(why)) => return why.outcome(),
    };
    let DocumentDpi {
        dpi,
        long_side_px,
        basis,
    } = document_dpi(view, frame);
    let t = &options.thresholds;
    let unit = "dots per inch";
    let size = format!(
        "The document is {long_side_px:.0} px long: about {dpi:.0} dots per inch ({basis})"
    );
    if dpi < t.min_document_dpi_fail {
        Outcome::fail(format!(
            "{size}, below the {:.0} minimum.",
            t.min_document_dpi_fail
        ))
        .measured(dpi, t.min_document_dpi_fail, unit)
    } else if dpi < t.min_document_dpi_warn {
        Outcome::warn(format!(
            "{size}; {:.0} or more keeps small print legible.",
            t.min_document_dpi_warn
        ))
        .measured(dpi, t.min_document_dpi_warn, unit)
    } else {
        Outcome::pass(format!("{size}.")).measured(dpi, t.min_document_dpi_warn, unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vision::layout::DocumentKind;

    #[test]
    fn a_card_of_1011_pixels_is_300_dpi() {
        let dpi = 1011.0 / DocumentKind::Id1Front.width_mm().unwrap() * MM_PER_INCH;
        assert!((dpi - 300.0).abs() < 0.5, "{dpi}");
    }
}
