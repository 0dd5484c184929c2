//! Measuring photos: where the document is, and how sharp, lit and coloured it is.
//!
//! Everything here computes numbers and shapes and knows nothing of thresholds; the checks
//! turn them into findings. The order of work follows the data:
//!
//! ```text
//! decoded photo ─▶ proxy (≈640 px) ─▶ document outline ─▶ rectified document (1000 px)
//!                                                          ─▶ layout (MRZ, portrait, kind)
//!                                                          ─▶ sharpness, highlights, light, colour…
//! ```

pub mod blobs;
pub mod colour;
pub mod document;
pub mod geometry;
pub mod highlights;
pub mod layout;
pub mod lighting;
pub mod occlusion;
pub mod placement;
pub mod proxy;
pub mod rectify;
pub mod screen;
pub mod sharpness;

use image::DynamicImage;

use document::Outline;
use layout::Layout;
use rectify::Rectified;

/// A found document, seen straight on, with its layout.
pub struct DocumentView {
    pub outline: Outline,
    /// The document fills the whole photo (a scan or a crop): its outline is the photo's own
    /// border and none of its edges were seen.
    pub fills_frame: bool,
    pub rectified: Rectified,
    pub layout: Layout,
}

impl DocumentView {
    /// A box given as fractions of the rectified image (`[left, top, right, bottom]`), as a
    /// polygon in the photo's pixels.
    pub fn box_in_photo(&self, b: [f64; 4]) -> Vec<crate::report::Point> {
        [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]
            .iter()
            .map(|&p| self.rectified.to_image(p))
            .collect()
    }
}

/// Rectify the document outlined in `image` and read its layout. `None` when the outline is
/// degenerate.
pub fn view_document(image: &DynamicImage, outline: &Outline) -> Option<DocumentView> {
    let aspect = rectify::standard_aspect(outline.aspect);
    let rectified = rectify::rectify(image, &outline.corners, aspect)?;
    let layout = layout::analyse(&rectified.grey, &rectified.valid, aspect);
    Some(DocumentView {
        outline: outline.clone(),
        fills_frame: false,
        rectified,
        layout,
    })
}

/// Below this share of the frame, a found outline cannot be the document when the whole photo
/// reads as one: a machine-readable zone spanning three quarters of the photo's width belongs
/// to a document covering more than half of it (an ID-1 card that wide covers 54% of a 4:3
/// photo). Such an outline is a part of the document — its portrait, a box of text.
const SMALL_OUTLINE: f64 = 0.5;

/// The value at `fraction` (0–1) of the way up `values` in sorted order, found by selection
/// rather than a full sort (these lists run to a hundred thousand pixels). Reorders `values`;
/// `None` when empty.
pub(crate) fn quantile<T: Copy>(
    values: &mut [T],
    fraction: f64,
    order: impl FnMut(&T, &T) -> std::cmp::Ordering,
) -> Option<T> {
    if values.is_empty() {
        return None;
    }
    let k = ((values.len() as f64 * fraction) as usize).min(values.len() - 1);
    Some(*values.select_nth_unstable_by(k, order).1)
}

/// The document to judge: the search's best outline, or — when there is none, or it is small
/// and the whole photo reads as a document — the photo itself, as a scan or a crop cropped to
/// the document shows it. The photo counts as a document only when it has the proportions of
/// one and a machine-readable zone along one of its long edges; that is first tried on the
/// proxy, which is cheap, and only then at full resolution.
pub fn locate(
    image: &DynamicImage,
    proxy: &proxy::Proxy,
    search: &document::Search,
) -> Option<DocumentView> {
    let (w, h) = (f64::from(image.width()), f64::from(image.height()));
    let best = search.best.as_ref();
    let small = best.is_none_or(|o| geometry::polygon_area(&o.corners) < SMALL_OUTLINE * w * h);
    if small {
        let preview = DynamicImage::ImageRgb8(proxy.rgb.clone());
        // The whole photo reads as a document, and its machine-readable zone is not that of
        // the outline found (which would make the outline the document after all).
        let elsewhere = |view: &DocumentView| {
            let Some(mrz) = &view.layout.mrz else {
                return false;
            };
            let zone = view.layout.in_image(mrz.zone);
            let centre = view
                .rectified
                .to_image([(zone[0] + zone[2]) / 2.0, (zone[1] + zone[3]) / 2.0]);
            let centre = [centre[0] * proxy.scale, centre[1] * proxy.scale];
            best.is_none_or(|o| !geometry::contains(&o.corners, centre))
        };
        if frame_view(&preview).is_some_and(|view| elsewhere(&view))
            && let Some(view) = frame_view(image)
        {
            return Some(view);
        }
    }
    view_document(image, best?)
}

/// The whole photo as the document, if it reads as one.
fn frame_view(image: &DynamicImage) -> Option<DocumentView> {
    let (w, h) = (f64::from(image.width()), f64::from(image.height()));
    let aspect = w.max(h) / w.min(h).max(1.0);
    if !(1.2..=2.0).contains(&aspect) {
        return None;
    }
    let outline = Outline {
        corners: [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]],
        seen_sides: [false; 4],
        edge_support: 0.0,
        aspect,
        content: 0.0,
    };
    let view = view_document(image, &outline)?;
    view.layout.mrz.as_ref()?;
    Some(DocumentView {
        fills_frame: true,
        ..view
    })
}
