//! A fingerprint of a photo that survives re-saving: the same picture exported again, at
//! another JPEG quality or size, or converted to PNG, keeps nearly the same fingerprint, while
//! another photo (even of the other side of the same card on the same table) does not.
//!
//! It is the photo's luma area-averaged to a 32 × 32 grid of cells, normalised to a fixed mean
//! and contrast (so a brightness or contrast change is no difference). Two fingerprints are
//! compared by how many cells differ clearly (by more than [`CELL_TOLERANCE`] levels): saving
//! again moves each cell by a level or two (the average of thousands of pixels washes out
//! JPEG noise), while a different picture changes whole regions. Counting cells rather than
//! summing differences keeps a small region that changed (the other side of a card far from
//! the camera) from drowning in the many cells that did not.

use super::proxy::GreyF32;

const SIDE: usize = 32;
const CELLS: usize = SIDE * SIDE;

/// A cell differs when its normalised level moves by more than this. Normalised levels have a
/// standard deviation of 40 across the photo; re-saved copies move cells by 2 or less.
pub const CELL_TOLERANCE: u8 = 12;

/// The photo's 32 × 32 normalised thumbnail, row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; CELLS]);

impl Fingerprint {
    /// The fingerprint of a grey image (the photo's proxy). `None` for an image too small to
    /// have a pixel per cell.
    pub fn of(grey: &GreyF32) -> Option<Fingerprint> {
        let (width, height) = (grey.width() as usize, grey.height() as usize);
        if width < SIDE || height < SIDE {
            return None;
        }
        let mut sums = [0f64; CELLS];
        let mut counts = [0u32; CELLS];
        // Each column's cell, worked out once rather than divided out per pixel.
        let cell_columns: Vec<usize> = (0..width).map(|x| x * SIDE / width).collect();
        for (y, row) in grey.as_raw().chunks_exact(width).enumerate() {
            let cell_row = y * SIDE / height;
            for (&cell_column, &level) in cell_columns.iter().zip(row) {
                let cell = cell_row * SIDE + cell_column;
                sums[cell] += f64::from(level);
                counts[cell] += 1;
            }
        }
        let means: Vec<f64> = sums
            .iter()
            .zip(&counts)
            .map(|(&sum, &n)| sum / f64::from(n))
            .collect();
        let mean = means.iter().sum::<f64>() / CELLS as f64;
        let spread = (means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / CELLS as f64)
            .sqrt()
            // A flat picture has no contrast to normalise; keep its levels as they are.
            .max(1.0);
        let mut cells = [0u8; CELLS];
        for (cell, m) in cells.iter_mut().zip(&means) {
            *cell = (128.0 + (m - mean) / spread * 40.0)
                .round()
                .clamp(0.0, 255.0) as u8;
        }
        Some(Fingerprint(cells))
    }

    /// How many of the 1024 cells differ clearly: 0 for the same picture, hundreds for
    /// unrelated ones.
    pub fn distance(&self, other: &Fingerprint) -> u32 {
        self.0
            .iter()
            .zip(&other.0)
            .filter(|(a, b)| a.abs_diff(**b) > CELL_TOLERANCE)
            .count() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(width: u32, height: u32, phase: f32) -> GreyF32 {
        GreyF32::from_fn(width, height, |x, y| {
            let v = ((x as f32 * 0.05 + phase).sin() + (y as f32 * 0.03).cos()) * 60.0 + 128.0;
            image::Luma([v])
        })
    }

    #[test]
    fn brightness_and_size_changes_keep_the_fingerprint_and_another_picture_does_not() {
        let photo = gradient(640, 480, 0.0);
        let brighter = GreyF32::from_fn(640, 480, |x, y| {
            image::Luma([photo.get_pixel(x, y)[0] * 0.8 + 30.0])
        });
        let smaller = GreyF32::from_fn(320, 240, |x, y| *photo.get_pixel(x * 2, y * 2));
        let other = gradient(640, 480, 1.5);
        let fp = Fingerprint::of(&photo).unwrap();
        assert_eq!(fp.distance(&Fingerprint::of(&brighter).unwrap()), 0);
        assert!(fp.distance(&Fingerprint::of(&smaller).unwrap()) <= 8);
        assert!(fp.distance(&Fingerprint::of(&other).unwrap()) > 100);
        assert!(Fingerprint::of(&gradient(10, 10, 0.0)).is_none());
    }
}
