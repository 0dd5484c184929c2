//! Contact sheets: a grid of thumbnails with captions, to look at what the generator makes.

use image::{Rgb, RgbImage, imageops};

use crate::document::caption;

/// Lay out `(image, caption)` pairs in a grid of `columns`, each thumbnail `cell` pixels wide.
pub fn contact_sheet(items: &[(RgbImage, String)], columns: u32, cell: u32) -> RgbImage {
    let cell_h = cell * 3 / 4;
    let caption_h = 22;
    let rows = (items.len() as u32).div_ceil(columns).max(1);
    let mut sheet = RgbImage::from_pixel(
        columns * (cell + 8) + 8,
        rows * (cell_h + caption_h + 8) + 8,
        Rgb([250, 250, 250]),
    );
    for (i, (img, text)) in items.iter().enumerate() {
        let (col, row) = (i as u32 % columns, i as u32 / columns);
        let scale = (cell as f32 / img.width() as f32).min(cell_h as f32 / img.height() as f32);
        let (tw, th) = (
            ((img.width() as f32 * scale) as u32).max(1),
            ((img.height() as f32 * scale) as u32).max(1),
        );
        let thumb = imageops::thumbnail(img, tw, th);
        let x = 8 + col * (cell + 8);
        let y = 8 + row * (cell_h + caption_h + 8);
        imageops::overlay(&mut sheet, &thumb, i64::from(x), i64::from(y));
        caption(
            &mut sheet,
            text,
            x as f32,
            (y + cell_h + 16) as f32,
            10.0,
            [20, 20, 20],
        );
    }
    sheet
}
