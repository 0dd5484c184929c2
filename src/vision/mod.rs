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

pub mod beam;
pub mod blobs;
pub mod colour;
pub mod document;
pub mod fingerprint;
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

use image::{DynamicImage, GenericImageView};

use document::Outline;
use layout::Layout;
use rectify::{Detail, Rectified};

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
pub fn view_document(
    image: &DynamicImage,
    outline: &Outline,
    detail: rectify::Detail,
) -> Option<DocumentView> {
    let aspect = rectify::standard_aspect(outline.aspect);
    let rectified = rectify::rectify(image, &outline.corners, aspect, detail)?;
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
        if frame_view(&preview, Detail::Coarse).is_some_and(|view| elsewhere(&view))
            && let Some(view) = frame_view(image, Detail::Full)
        {
            return Some(view);
        }
        if best.is_none() {
            // A scan of documents on white, too pale to show edges against it: each block
            // of print between blank margins is a candidate, and one with a machine-readable
            // zone along its edge is the document.
            for block in scan_blocks(&proxy.grey) {
                let on_proxy = block_outline(block, proxy.rgb.dimensions(), proxy.rgb.dimensions());
                if view_document(&preview, &on_proxy, Detail::Coarse)
                    .is_some_and(|v| v.layout.mrz.is_some())
                {
                    let outline = block_outline(block, proxy.rgb.dimensions(), image.dimensions());
                    if let Some(view) = view_document(image, &outline, Detail::Full)
                        && view.layout.mrz.is_some()
                    {
                        return Some(view);
                    }
                }
            }
        }
    }
    view_document(image, best?, Detail::Full)
}

/// A row or column of a scan is blank (the scanner's white lid, or a gap between two
/// documents) when nearly all its pixels lie within this many grey levels of each other: the
/// 5th to 95th percentile. Print and the guilloche of even a pale card spread wider.
const BLANK_SPREAD: f32 = 10.0;

/// The least size of a block of print, as a share of the photo's side, to be a document.
const MIN_BLOCK: f64 = 0.15;

/// Blocks of print between blank rows, each trimmed of blank columns, as `[left, top, right,
/// bottom]` in pixels of `grey` (right and bottom exclusive). Empty unless blank margins or
/// gaps exist: a photo with none is the whole frame, which is tried on its own.
fn scan_blocks(grey: &proxy::GreyF32) -> Vec<[u32; 4]> {
    let (w, h) = grey.dimensions();
    let spread = |values: &mut Vec<f32>| -> f32 {
        let high = quantile(values, 0.95, f32::total_cmp).unwrap_or(0.0);
        let low = quantile(values, 0.05, f32::total_cmp).unwrap_or(0.0);
        high - low
    };
    let runs = |blank: &[bool], least: usize| -> Vec<(u32, u32)> {
        let mut found = Vec::new();
        let mut start = None;
        for (i, &b) in blank.iter().chain(std::iter::once(&true)).enumerate() {
            match (b, start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    if i - s >= least {
                        found.push((s as u32, i as u32));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        found
    };
    let mut buffer = Vec::new();
    let blank_rows: Vec<bool> = (0..h)
        .map(|y| {
            buffer.clear();
            buffer.extend((0..w).map(|x| grey.get_pixel(x, y).0[0]));
            spread(&mut buffer) < BLANK_SPREAD
        })
        .collect();
    if !blank_rows.iter().any(|&b| b) {
        return Vec::new();
    }
    let mut blocks = Vec::new();
    for (top, bottom) in runs(&blank_rows, (MIN_BLOCK * f64::from(h)) as usize) {
        let blank_columns: Vec<bool> = (0..w)
            .map(|x| {
                buffer.clear();
                buffer.extend((top..bottom).map(|y| grey.get_pixel(x, y).0[0]));
                spread(&mut buffer) < BLANK_SPREAD
            })
            .collect();
        for (left, right) in runs(&blank_columns, (MIN_BLOCK * f64::from(w)) as usize) {
            if (left, top, right, bottom) != (0, 0, w, h) {
                blocks.push([left, top, right, bottom]);
            }
        }
    }
    blocks
}

/// The outline of a block of a `from`-sized image, in the pixels of the same picture `to`
/// in size. No side counts as seen: a blank margin bounds the block, but its edge was not
/// measured (a square box says nothing of the angle it was photographed at).
fn block_outline(block: [u32; 4], from: (u32, u32), to: (u32, u32)) -> Outline {
    // Exact arithmetic (no scale factor's rounding) keeps a side on the frame's border there.
    let map = |v: u32, from: u32, to: u32| f64::from(v) * f64::from(to) / f64::from(from.max(1));
    let [l, t, r, b] = [
        map(block[0], from.0, to.0),
        map(block[1], from.1, to.1),
        map(block[2], from.0, to.0),
        map(block[3], from.1, to.1),
    ];
    Outline {
        corners: [[l, t], [r, t], [r, b], [l, b]],
        seen_sides: [false; 4],
        edge_support: 0.0,
        aspect: (r - l).max(b - t) / (r - l).min(b - t).max(1.0),
        content: 0.0,
    }
}

/// Find the document in a decoded photo and view it, as `check` does (one call for tools and
/// tests that want the view without a report).
pub fn view_photo(image: &DynamicImage) -> Option<DocumentView> {
    let proxy = proxy::proxy(image, document::SEARCH_LONG_SIDE);
    let search = document::find_document(&proxy.grey, proxy.scale);
    locate(image, &proxy, &search)
}

/// The whole photo as the document, if it reads as one.
fn frame_view(image: &DynamicImage, detail: Detail) -> Option<DocumentView> {
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
    let view = view_document(image, &outline, detail)?;
    view.layout.mrz.as_ref()?;
    Some(DocumentView {
        fills_frame: true,
        ..view
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page 200 × 300 with two textured blocks (rows 20–120 and 160–290, the first
    /// running the full width, the second from column 30 to 190).
    fn two_blocks_on_white() -> proxy::GreyF32 {
        proxy::GreyF32::from_fn(200, 300, |x, y| {
            let in_first = (20..120).contains(&y);
            let in_second = (160..290).contains(&y) && (30..190).contains(&x);
            let texture = ((x * 7 + y * 13) % 40) as f32;
            image::Luma([if in_first || in_second {
                180.0 + texture
            } else {
                250.0
            }])
        })
    }

    #[test]
    fn blocks_of_print_between_blank_margins_are_found() {
        let blocks = scan_blocks(&two_blocks_on_white());
        assert_eq!(blocks, vec![[0, 20, 200, 120], [30, 160, 190, 290]]);
    }

    #[test]
    fn a_photo_without_blank_margins_has_no_blocks() {
        let textured = proxy::GreyF32::from_fn(200, 300, |x, y| {
            image::Luma([((x * 7 + y * 13) % 40) as f32])
        });
        assert!(scan_blocks(&textured).is_empty());
    }

    #[test]
    fn a_block_outline_keeps_the_frame_border_exact() {
        let outline = block_outline([0, 20, 441, 120], (441, 640), (954, 1383));
        assert_eq!(outline.corners[1][0], 954.0);
        assert_eq!(outline.seen_sides, [false; 4]);
        assert!((outline.corners[0][1] - 20.0 * 1383.0 / 640.0).abs() < 1e-9);
    }
}
