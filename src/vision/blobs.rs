//! Connected patches of a mask — highlights, things over the document — with their sizes and
//! bounding boxes, the shape both the glare and the occlusion measures start from.

use image::{GrayImage, ImageBuffer, Luma};
use imageproc::region_labelling::{Connectivity, connected_components};

/// The 8-connected patches of a mask's non-zero pixels.
pub struct Blobs {
    /// Each pixel's patch number, 1-based (0 outside every patch).
    pub labels: ImageBuffer<Luma<u32>, Vec<u32>>,
    /// Pixels in each patch; patch `n` is at index `n - 1`.
    pub areas: Vec<usize>,
    /// Each patch's bounding box, `[left, top, right, bottom)` in pixels.
    pub bounds: Vec<[usize; 4]>,
}

impl Blobs {
    pub fn of(mask: &GrayImage) -> Blobs {
        let labels = connected_components(mask, Connectivity::Eight, Luma([0]));
        let count = labels.pixels().map(|l| l.0[0]).max().unwrap_or(0) as usize;
        let mut areas = vec![0usize; count];
        let mut bounds = vec![[usize::MAX, usize::MAX, 0, 0]; count];
        for (x, y, label) in labels.enumerate_pixels() {
            let l = label.0[0] as usize;
            if l == 0 {
                continue;
            }
            areas[l - 1] += 1;
            let b = &mut bounds[l - 1];
            let (x, y) = (x as usize, y as usize);
            *b = [b[0].min(x), b[1].min(y), b[2].max(x + 1), b[3].max(y + 1)];
        }
        Blobs {
            labels,
            areas,
            bounds,
        }
    }

    /// The patch number at a pixel (0 for none).
    pub fn at(&self, x: usize, y: usize) -> u32 {
        self.labels.get_pixel(x as u32, y as u32).0[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_patches_with_their_areas_and_boxes() {
        let mut mask = GrayImage::new(10, 6);
        for (x, y) in [(1, 1), (2, 1), (2, 2), (7, 4)] {
            mask.put_pixel(x, y, Luma([255]));
        }
        let blobs = Blobs::of(&mask);
        assert_eq!(blobs.areas, [3, 1]);
        assert_eq!(blobs.bounds, [[1, 1, 3, 3], [7, 4, 8, 5]]);
        assert_eq!((blobs.at(2, 2), blobs.at(7, 4), blobs.at(0, 0)), (1, 2, 0));
    }
}
