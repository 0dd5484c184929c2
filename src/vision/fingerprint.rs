//! A fingerprint of a photo that survives re-saving: the same picture exported again, at
//! another JPEG quality or size, or converted to PNG, keeps nearly the same fingerprint, while
//! another photo (even of the same card on the same table) does not.
//!
//! It is a difference hash: the photo's luma area-averaged to 17 × 16 cells, and one bit per
//! pair of horizontal neighbours saying whether brightness rises. Brightness and contrast
//! changes leave the signs alone, and averaging a 640-pixel proxy into cells washes out JPEG
//! artefacts and resampling differences. 256 bits, compared by the number that differ.

use super::proxy::GreyF32;

const COLUMNS: usize = 17;
const ROWS: usize = 16;

/// 256 bits of brightness gradient signs, row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u64; 4]);

impl Fingerprint {
    /// The fingerprint of a grey image (the photo's proxy). `None` for an image too small to
    /// have a cell per pixel.
    pub fn of(grey: &GreyF32) -> Option<Fingerprint> {
        let (width, height) = (grey.width() as usize, grey.height() as usize);
        if width < COLUMNS || height < ROWS {
            return None;
        }
        let mut cells = [[0f64; COLUMNS]; ROWS];
        let mut counts = [[0u32; COLUMNS]; ROWS];
        for (y, row) in grey.as_raw().chunks_exact(width).enumerate() {
            let cell_row = y * ROWS / height;
            for (x, &level) in row.iter().enumerate() {
                let cell = x * COLUMNS / width;
                cells[cell_row][cell] += f64::from(level);
                counts[cell_row][cell] += 1;
            }
        }
        let mut bits = [0u64; 4];
        for (r, (row, count)) in cells.iter().zip(&counts).enumerate() {
            for c in 0..COLUMNS - 1 {
                let left = row[c] / f64::from(count[c]);
                let right = row[c + 1] / f64::from(count[c + 1]);
                if right > left {
                    let bit = r * (COLUMNS - 1) + c;
                    bits[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        Some(Fingerprint(bits))
    }

    /// How many of the 256 bits differ: 0 for the same picture, about 128 for unrelated ones.
    pub fn distance(&self, other: &Fingerprint) -> u32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a ^ b).count_ones())
            .sum()
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
        assert!(fp.distance(&Fingerprint::of(&other).unwrap()) > 40);
        assert!(Fingerprint::of(&gradient(10, 10, 0.0)).is_none());
    }
}
