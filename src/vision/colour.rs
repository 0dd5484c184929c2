//! Whether the document shows colour, or is a black-and-white copy.
//!
//! Identity documents are printed in colour: a tinted background, coloured inks, a colour
//! portrait. A photocopy or a greyscale scan has none, whatever the light: a tinted lamp gives
//! every pixel the same cast, which is not colour. So the measure is the *spread* of the
//! pixels' chromaticities around their common cast — the chroma part of Hasler and
//! Süsstrunk's colourfulness ("Measuring colourfulness in natural images", 2003), on
//! chromaticities normalised by brightness so that shading does not count. Very dark and
//! blown-out pixels carry no colour and are left out.

use image::{GrayImage, RgbImage};

/// The document's colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Colour {
    /// Spread of chromaticity around the common cast, in percent of brightness
    /// (√(σ²rg + σ²yb)).
    pub spread: f64,
    /// Share of the pixels measured whose chromaticity is clearly not the common cast (more
    /// than 6% of their brightness away).
    pub coloured_share: f64,
    /// The largest difference between the typical chromaticities of two parts of the document
    /// (a grid of cells), in percent of brightness: security printing changes colour across a
    /// page (and a portrait is coloured), a copy is the same grey everywhere.
    pub across: f64,
}

/// Cells of the grid the chromaticity is compared across, per side.
const CELLS: usize = 5;

/// Measure the colour of `rgb`, counting only pixels marked in `valid`. `None` when too few
/// pixels carry colour information.
pub fn measure(rgb: &RgbImage, valid: &GrayImage) -> Option<Colour> {
    let w = rgb.width() as usize;
    let h = rgb.height() as usize;
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(rgb.as_raw().len() / 3);
    let mut cells: Vec<Vec<(f64, f64)>> = vec![Vec::new(); CELLS * CELLS];
    for (i, (p, v)) in rgb.as_raw().chunks_exact(3).zip(valid.as_raw()).enumerate() {
        if *v == 0 {
            continue;
        }
        let (r, g, b) = (f64::from(p[0]), f64::from(p[1]), f64::from(p[2]));
        let brightness = (r + g + b) / 3.0;
        if !(40.0..=245.0).contains(&brightness) {
            continue;
        }
        let rg = (r - g) / brightness * 100.0;
        let yb = ((r + g) / 2.0 - b) / brightness * 100.0;
        points.push((rg, yb));
        let (cx, cy) = ((i % w) * CELLS / w, (i / w) * CELLS / h.max(1));
        cells[cy * CELLS + cx].push((rg, yb));
    }
    if points.len() < 200 {
        return None;
    }
    // Medians by selection (up to 150,000 values here): the upper median, as sorting did.
    let median = |values: &mut Vec<f64>| -> f64 {
        super::quantile(values, 0.5, f64::total_cmp).unwrap_or(0.0)
    };
    let cast = (
        median(&mut points.iter().map(|p| p.0).collect()),
        median(&mut points.iter().map(|p| p.1).collect()),
    );
    let n = points.len() as f64;
    let (mut var_rg, mut var_yb, mut coloured) = (0.0, 0.0, 0usize);
    for &(rg, yb) in &points {
        let (d_rg, d_yb) = (rg - cast.0, yb - cast.1);
        var_rg += d_rg * d_rg;
        var_yb += d_yb * d_yb;
        // Farther than 6 from the cast, compared squared (no square root per pixel).
        coloured += usize::from(d_rg * d_rg + d_yb * d_yb > 36.0);
    }
    // Each cell's typical chromaticity (its median per axis), where a cell has enough pixels.
    let typical: Vec<(f64, f64)> = cells
        .into_iter()
        .filter(|c| c.len() >= 50)
        .map(|c| {
            (
                median(&mut c.iter().map(|p| p.0).collect()),
                median(&mut c.iter().map(|p| p.1).collect()),
            )
        })
        .collect();
    let mut across_squared: f64 = 0.0;
    for (i, a) in typical.iter().enumerate() {
        for b in &typical[i + 1..] {
            across_squared = across_squared.max((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2));
        }
    }
    let across = across_squared.sqrt();
    Some(Colour {
        spread: (var_rg / n + var_yb / n).sqrt(),
        coloured_share: coloured as f64 / n,
        across,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Luma, Rgb};

    fn valid(img: &RgbImage) -> GrayImage {
        GrayImage::from_pixel(img.width(), img.height(), Luma([255]))
    }

    #[test]
    fn a_grey_copy_under_warm_light_has_no_colour() {
        // Grey levels from dark to light, all with the same warm cast.
        let img = RgbImage::from_fn(200, 100, |x, _| {
            let v = 60.0 + 180.0 * x as f64 / 199.0;
            Rgb([(v * 1.08).min(255.0) as u8, v as u8, (v * 0.9) as u8])
        });
        let c = measure(&img, &valid(&img)).unwrap();
        assert!(c.spread < 1.5 && c.coloured_share < 0.01, "{c:?}");
    }

    #[test]
    fn a_document_with_a_colour_portrait_has_colour() {
        let img = RgbImage::from_fn(200, 100, |x, y| {
            if x < 60 && y > 20 {
                Rgb([200, 150, 110]) // skin
            } else if x < 60 {
                Rgb([40, 70, 140]) // a blue jacket
            } else {
                Rgb([226, 236, 230]) // tinted paper
            }
        });
        let c = measure(&img, &valid(&img)).unwrap();
        assert!(c.spread > 10.0 && c.coloured_share > 0.2, "{c:?}");
    }
}
