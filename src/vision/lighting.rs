//! How the document is lit: the brightness of its paper, how much of it is blown out, how dark
//! its print still is, and how evenly the light falls across it.
//!
//! Paper is the brightest common thing on a document — print and portrait are darker — so the
//! paper's brightness in each cell of a grid is a high percentile of the cell's luma. From the
//! grid: the paper level (the cells' median), and the light's unevenness (a plane fitted to the
//! cells, ignoring cells that hold a dark portrait or a coloured band, compared at the
//! document's corners). Over-exposure shows as blown-out paper *and* washed-out print: a white
//! document photographed well is all white paper but its print stays black.

use image::GrayImage;

use super::proxy::GreyF32;

/// Grid cells along each side.
const CELLS: usize = 8;

/// Luma at or above which a pixel is blown out.
pub const CLIPPED: f32 = 250.0;

/// The document's light.
#[derive(Debug, Clone, PartialEq)]
pub struct Lighting {
    /// Typical paper brightness (luma, 0–255).
    pub paper: f64,
    /// Share of the document's pixels that are blown out (luma ≥ [`CLIPPED`]).
    pub clipped: f64,
    /// Luma of the darkest print (the 1st percentile).
    pub darkest: f64,
    /// Brightest over dimmest light across the document (≥ 1).
    pub light_ratio: f64,
}

/// Measure the light on a grey image, counting only pixels marked in `valid` (all when
/// `None`). `None` when too few pixels are valid.
pub fn measure(grey: &GreyF32, valid: Option<&GrayImage>) -> Option<Lighting> {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let values = grey.as_raw();
    let is_valid = |i: usize| valid.is_none_or(|v| v.as_raw()[i] > 0);
    let mut all: Vec<f32> = Vec::with_capacity(w * h / 4);
    let mut cells: Vec<(f64, f64, f64)> = Vec::new();
    let mut clipped = 0usize;
    for cy in 0..CELLS {
        for cx in 0..CELLS {
            let (x0, x1) = (cx * w / CELLS, (cx + 1) * w / CELLS);
            let (y0, y1) = (cy * h / CELLS, (cy + 1) * h / CELLS);
            let mut cell: Vec<f32> = Vec::with_capacity((x1 - x0) * (y1 - y0));
            for y in y0..y1 {
                for x in x0..x1 {
                    let i = y * w + x;
                    if is_valid(i) {
                        let v = values[i];
                        cell.push(v);
                        clipped += usize::from(v >= CLIPPED);
                        if (x + y) % 2 == 0 {
                            all.push(v);
                        }
                    }
                }
            }
            // A cell mostly cut off says little about the light.
            if cell.len() * 2 < (x1 - x0) * (y1 - y0) {
                continue;
            }
            let paper = f64::from(super::quantile(&mut cell, 0.9, f32::total_cmp).unwrap_or(0.0));
            let centre = (
                (x0 + x1) as f64 / 2.0 / w as f64,
                (y0 + y1) as f64 / 2.0 / h as f64,
            );
            cells.push((centre.0, centre.1, paper));
        }
    }
    if cells.len() < CELLS * CELLS / 4 || all.len() < 100 {
        return None;
    }
    let darkest = super::quantile(&mut all, 0.01, f32::total_cmp).unwrap_or(0.0);
    let counted = all.len() * 2;
    let mut levels: Vec<f64> = cells.iter().map(|c| c.2).collect();
    levels.sort_by(f64::total_cmp);
    let paper = levels[levels.len() / 2];
    Some(Lighting {
        paper,
        clipped: clipped as f64 / counted.max(1) as f64,
        darkest: f64::from(darkest),
        light_ratio: light_ratio(&cells, paper),
    })
}

/// Fit `paper ≈ a + b·x + c·y` to the cells whose paper is within 35% of the typical level,
/// and compare the fitted light at the corners.
fn light_ratio(cells: &[(f64, f64, f64)], typical: f64) -> f64 {
    let kept: Vec<&(f64, f64, f64)> = cells
        .iter()
        .filter(|c| (c.2 - typical).abs() <= 0.35 * typical.max(1.0))
        .collect();
    if kept.len() < 6 {
        return 1.0;
    }
    // Normal equations for three unknowns.
    let mut m = [[0f64; 4]; 3];
    for &&(x, y, v) in &kept {
        let row = [1.0, x, y];
        for i in 0..3 {
            for j in 0..3 {
                m[i][j] += row[i] * row[j];
            }
            m[i][3] += row[i] * v;
        }
    }
    let Some([a, b, c]) = solve3(m) else {
        return 1.0;
    };
    let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| a + b * x + c * y);
    let high = corners.iter().cloned().fold(f64::MIN, f64::max);
    let low = corners.iter().cloned().fold(f64::MAX, f64::min).max(1.0);
    (high / low).max(1.0)
}

/// Solve a 3 × 3 linear system given as an augmented matrix (Cramer's rule).
fn solve3(m: [[f64; 4]; 3]) -> Option<[f64; 3]> {
    let det = |a: [[f64; 3]; 3]| {
        a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
    };
    let base = [
        [m[0][0], m[0][1], m[0][2]],
        [m[1][0], m[1][1], m[1][2]],
        [m[2][0], m[2][1], m[2][2]],
    ];
    let d = det(base);
    if d.abs() < 1e-12 {
        return None;
    }
    let mut out = [0.0; 3];
    for (k, value) in out.iter_mut().enumerate() {
        let mut a = base;
        for (row, line) in a.iter_mut().enumerate() {
            line[k] = m[row][3];
        }
        *value = det(a) / d;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// Paper at `paper` with rows of print at `ink`, lit by a left-to-right gradient from
    /// `left` to `right` (multipliers).
    fn page(paper: f32, ink: f32, left: f32, right: f32) -> GreyF32 {
        GreyF32::from_fn(400, 280, |x, y| {
            let light = left + (right - left) * x as f32 / 399.0;
            let printed = y % 20 < 4 && x % 9 < 5;
            Luma([((if printed { ink } else { paper }) * light).min(255.0)])
        })
    }

    #[test]
    fn an_evenly_lit_page() {
        let l = measure(&page(220.0, 30.0, 1.0, 1.0), None).unwrap();
        assert!((l.paper - 220.0).abs() < 1.0, "{l:?}");
        assert!(l.darkest < 35.0 && l.clipped == 0.0, "{l:?}");
        assert!((l.light_ratio - 1.0).abs() < 0.02, "{l:?}");
    }

    #[test]
    fn light_falling_off_across_the_page() {
        let l = measure(&page(220.0, 30.0, 0.4, 1.0), None).unwrap();
        assert!((l.light_ratio - 2.5).abs() < 0.25, "{l:?}");
    }

    #[test]
    fn an_overexposed_page_is_blown_out_with_grey_print() {
        let l = measure(&page(220.0, 30.0, 2.2, 2.2), None).unwrap();
        assert!(l.clipped > 0.7 && l.darkest > 60.0, "{l:?}");
    }

    #[test]
    fn cut_off_parts_are_not_measured() {
        let img = page(220.0, 30.0, 1.0, 1.0);
        let mut valid = GrayImage::from_pixel(400, 280, Luma([255]));
        for y in 0..280 {
            for x in 0..100 {
                valid.put_pixel(x, y, Luma([0]));
            }
        }
        let l = measure(&img, Some(&valid)).unwrap();
        assert!((l.paper - 220.0).abs() < 1.0);
        let nothing = GrayImage::new(400, 280);
        assert_eq!(measure(&img, Some(&nothing)), None);
    }
}
