//! Small copies of a photo for the measurements that do not need every pixel.
//!
//! Finding the document, and judging its light and colour, work on a copy a few hundred pixels
//! across. Making it is the one pass over the full-resolution pixels that every photo pays for,
//! so it is an area average (each output pixel the mean of the input pixels it covers, every
//! input pixel read once) written as plain loops over the decoded bytes: no generic resampler,
//! no whole-image colour conversion first. A box average is also the right filter here — it
//! cannot ring, and it averages sensor noise away instead of aliasing it.

use image::{DynamicImage, GrayImage, ImageBuffer, Luma, RgbImage};

/// A grey image with floating-point levels (0–255), for measurements that must not lose the
/// sub-level precision an average gives (edges of a document in a dark photo).
pub type GreyF32 = ImageBuffer<Luma<f32>, Vec<f32>>;

/// An area-averaged copy of a photo.
pub struct Proxy {
    pub rgb: RgbImage,
    /// Luma (Rec. 601 weights) of the same pixels, unrounded.
    pub grey: GreyF32,
    /// Full-resolution pixels per proxy pixel (≥ 1).
    pub scale: f64,
}

impl Proxy {
    /// Map a proxy point to full-resolution pixel coordinates.
    pub fn to_full(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.scale, p[1] * self.scale]
    }
}

/// Rec. 601 luma of an RGB triple.
pub fn luma(r: f32, g: f32, b: f32) -> f32 {
    0.299 * r + 0.587 * g + 0.114 * b
}

/// The size of a copy whose longer side is at most `long_side`, keeping the aspect ratio.
fn fitted_size(width: u32, height: u32, long_side: u32) -> (u32, u32, f64) {
    let long = width.max(height).max(1);
    if long <= long_side {
        return (width.max(1), height.max(1), 1.0);
    }
    let factor = f64::from(long_side) / f64::from(long);
    let w = ((f64::from(width) * factor).round() as u32).max(1);
    let h = ((f64::from(height) * factor).round() as u32).max(1);
    (w, h, f64::from(width) / f64::from(w))
}

/// For each output index, the half-open range of input indices it averages.
fn spans(input: u32, output: u32) -> Vec<(usize, usize)> {
    (0..output)
        .map(|i| {
            let start = (u64::from(i) * u64::from(input) / u64::from(output)) as usize;
            let end = (u64::from(i + 1) * u64::from(input) / u64::from(output)) as usize;
            (start, end.max(start + 1))
        })
        .collect()
}

/// Area-average a region of an image's interleaved 8-bit pixels (`C` channels per pixel, the
/// first three read as RGB, or one read as grey; rows `stride` bytes apart) down to
/// `out_w × out_h` RGB. The channel count is a constant so that the inner loop is unrolled for
/// each layout.
///
/// The input rows of each output row are first added up sample by sample (a straight loop the
/// compiler vectorises, and the only one that touches every input byte), and only their sums
/// are then added across the columns: this is most of the cost of checking a large photo
/// after decoding it.
fn area_average<const C: usize>(
    samples: &[u8],
    stride: usize,
    region: (u32, u32, u32, u32),
    size: (u32, u32),
) -> RgbImage {
    if (region.2, region.3) == size {
        return copy_region::<C>(samples, stride, region);
    }
    // 16-bit sums hold up to 257 rows of 255 and add twice as many samples per instruction.
    if region.3.div_ceil(size.1.max(1)) <= 257 {
        area_average_with::<C, u16>(samples, stride, region, size)
    } else {
        area_average_with::<C, u32>(samples, stride, region, size)
    }
}

/// [`area_average`] with the column sums held in `A`, which must hold the sum of one output
/// row's input rows.
fn area_average_with<const C: usize, A>(
    samples: &[u8],
    stride: usize,
    (x0, y0, width, height): (u32, u32, u32, u32),
    (out_w, out_h): (u32, u32),
) -> RgbImage
where
    A: Copy + Default + std::ops::AddAssign + From<u8> + Into<u32>,
{
    let columns = spans(width, out_w);
    let rows = spans(height, out_h);
    let first = x0 as usize * C;
    let region_bytes = width as usize * C;
    let mut out = RgbImage::new(out_w, out_h);
    let mut column_sums = vec![A::default(); region_bytes];
    // Each output pixel divides its sums by its pixel count; an integer division per channel
    // cost about a millisecond of the coarse rectified view of a 12-megapixel photo (7.8–8.3 →
    // 6.9–7.3 ms), so the count's reciprocal is multiplied instead (see `divide`).
    let column_reciprocals: Vec<f64> = columns
        .iter()
        .map(|&(c0, c1)| 1.0 / (c1 - c0) as f64)
        .collect();
    for (row_out, &(r0, r1)) in out.chunks_exact_mut(out_w as usize * 3).zip(&rows) {
        column_sums.fill(A::default());
        let row_reciprocal = 1.0 / (r1 - r0) as f64;
        for y in r0 + y0 as usize..r1 + y0 as usize {
            let row = &samples[y * stride + first..y * stride + first + region_bytes];
            for (sum, &v) in column_sums.iter_mut().zip(row) {
                *sum += A::from(v);
            }
        }
        for ((px, &(c0, c1)), &column_reciprocal) in row_out
            .chunks_exact_mut(3)
            .zip(&columns)
            .zip(&column_reciprocals)
        {
            let mut sum = [0u32; 3];
            for p in column_sums[c0 * C..c1 * C].chunks_exact(C) {
                if C >= 3 {
                    sum[0] += p[0].into();
                    sum[1] += p[1].into();
                    sum[2] += p[2].into();
                } else {
                    sum[0] += p[0].into();
                }
            }
            if C < 3 {
                sum = [sum[0]; 3];
            }
            let n = ((c1 - c0) * (r1 - r0)) as u32;
            let reciprocal = column_reciprocal * row_reciprocal;
            for c in 0..3 {
                px[c] = divide(sum[c] + n / 2, n, reciprocal) as u8;
            }
        }
    }
    out
}

/// `x / n` rounded down, exactly, given `reciprocal` ≈ 1/n (within a few units in the last
/// place) and `x < 2³²`: adding ½ before multiplying lifts an exact quotient clear of the
/// product's rounding error (½/n is far larger than it), and keeps a quotient just under an
/// integer under it (the next multiple of n is at least ½ further on).
#[inline]
fn divide(x: u32, n: u32, reciprocal: f64) -> u32 {
    debug_assert!(n > 0);
    ((f64::from(x) + 0.5) * reciprocal) as u32
}

/// A region copied out at full size: what the area average of a region onto itself comes to
/// (the full-resolution patches of the blur and screen measures, and the rectified views of
/// the proxy itself), without its sums and divisions.
fn copy_region<const C: usize>(
    samples: &[u8],
    stride: usize,
    (x0, y0, width, height): (u32, u32, u32, u32),
) -> RgbImage {
    let (x0, width) = (x0 as usize, width as usize);
    let mut out = RgbImage::new(width as u32, height);
    for (y, row_out) in (y0 as usize..).zip(out.chunks_exact_mut(width * 3)) {
        let row = &samples[y * stride + x0 * C..y * stride + (x0 + width) * C];
        if C == 3 {
            row_out.copy_from_slice(row);
        } else {
            // RGBA keeps its colour; grey (with or without alpha) is repeated.
            for (px, p) in row_out.chunks_exact_mut(3).zip(row.chunks_exact(C)) {
                px.copy_from_slice(&if C >= 3 {
                    [p[0], p[1], p[2]]
                } else {
                    [p[0]; 3]
                });
            }
        }
    }
    out
}

/// Area-average the `(x, y, width, height)` region of `image` to `size` RGB.
pub fn area_average_region(
    image: &DynamicImage,
    region: (u32, u32, u32, u32),
    size: (u32, u32),
) -> RgbImage {
    let stride = |c: usize| image.width() as usize * c;
    match image {
        DynamicImage::ImageRgb8(img) => area_average::<3>(img.as_raw(), stride(3), region, size),
        DynamicImage::ImageRgba8(img) => area_average::<4>(img.as_raw(), stride(4), region, size),
        DynamicImage::ImageLuma8(img) => area_average::<1>(img.as_raw(), stride(1), region, size),
        DynamicImage::ImageLumaA8(img) => area_average::<2>(img.as_raw(), stride(2), region, size),
        // 16-bit and float images are rare uploads (a 16-bit PNG); convert them once.
        other => area_average::<3>(other.to_rgb8().as_raw(), stride(3), region, size),
    }
}

/// An area-averaged RGB copy of `image` whose longer side is at most `long_side`, and the
/// factor from its pixels to the full image's.
pub fn downscale_rgb(image: &DynamicImage, long_side: u32) -> (RgbImage, f64) {
    let (width, height) = (image.width(), image.height());
    let (out_w, out_h, scale) = fitted_size(width, height, long_side);
    let rgb = area_average_region(image, (0, 0, width, height), (out_w, out_h));
    (rgb, scale)
}

/// The luma of an RGB image, unrounded.
pub fn grey_of(rgb: &RgbImage) -> GreyF32 {
    let data = rgb
        .as_raw()
        .chunks_exact(3)
        .map(|p| luma(f32::from(p[0]), f32::from(p[1]), f32::from(p[2])))
        .collect();
    GreyF32::from_raw(rgb.width(), rgb.height(), data).expect("one value per pixel")
}

/// Round a floating-point grey image to 8 bits.
pub fn grey_to_u8(grey: &GreyF32) -> GrayImage {
    let data = grey
        .as_raw()
        .iter()
        .map(|&v| v.round().clamp(0.0, 255.0) as u8)
        .collect();
    GrayImage::from_raw(grey.width(), grey.height(), data).expect("one value per pixel")
}

/// The proxy of a photo: an area-averaged RGB copy at most `long_side` pixels across, and its
/// luma.
pub fn proxy(image: &DynamicImage, long_side: u32) -> Proxy {
    let (rgb, scale) = downscale_rgb(image, long_side);
    let grey = grey_of(&rgb);
    Proxy { rgb, grey, scale }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn an_area_average_keeps_the_mean_and_the_aspect_ratio() {
        // Left half black, right half white, 400 × 200: the copy is half and half too.
        let img = RgbImage::from_fn(400, 200, |x, _| {
            if x < 200 {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        let (small, scale) = downscale_rgb(&DynamicImage::ImageRgb8(img), 100);
        assert_eq!((small.width(), small.height()), (100, 50));
        assert!((scale - 4.0).abs() < 1e-9);
        assert_eq!(small.get_pixel(10, 10).0, [0, 0, 0]);
        assert_eq!(small.get_pixel(90, 40).0, [255, 255, 255]);
        let mean: f64 = small.pixels().map(|p| f64::from(p.0[0])).sum::<f64>() / 5000.0;
        assert!((mean - 127.5).abs() < 0.5, "{mean}");
    }

    /// The area average written the obvious way: every output pixel's input pixels summed
    /// one by one, rounded by integer division.
    fn reference<const C: usize>(
        samples: &[u8],
        stride: usize,
        (x0, y0, width, height): (u32, u32, u32, u32),
        (out_w, out_h): (u32, u32),
    ) -> RgbImage {
        let (columns, rows) = (spans(width, out_w), spans(height, out_h));
        RgbImage::from_fn(out_w, out_h, |ox, oy| {
            let ((c0, c1), (r0, r1)) = (columns[ox as usize], rows[oy as usize]);
            let mut sum = [0u32; 3];
            for y in r0..r1 {
                for x in c0..c1 {
                    let at = (y + y0 as usize) * stride + (x + x0 as usize) * C;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += u32::from(samples[at + if C >= 3 { c } else { 0 }]);
                    }
                }
            }
            let n = ((c1 - c0) * (r1 - r0)) as u32;
            Rgb(sum.map(|s| ((s + n / 2) / n) as u8))
        })
    }

    #[test]
    fn the_area_average_equals_the_obvious_one_for_every_layout_and_ratio() {
        // Noise, so that every sum and rounding is exercised.
        let mut state = 12345u32;
        let samples: Vec<u8> = (0..300 * 200 * 4)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        // Regions and sizes: copied as is, spans of one to three columns, of four, of four
        // or five, of about seven and nine, and a large shrink.
        let cases = [
            ((7, 5, 160, 120), (160, 120)),
            ((0, 0, 300, 200), (137, 91)),
            ((0, 0, 300, 200), (75, 50)),
            ((1, 1, 299, 199), (70, 47)),
            ((13, 9, 250, 170), (36, 30)),
            ((0, 0, 300, 200), (33, 25)),
            ((2, 3, 290, 190), (11, 9)),
        ];
        for (region, size) in cases {
            assert_eq!(
                area_average::<3>(&samples, 300 * 3, region, size),
                reference::<3>(&samples, 300 * 3, region, size),
                "RGB {region:?} → {size:?}"
            );
            assert_eq!(
                area_average::<4>(&samples, 300 * 4, region, size),
                reference::<4>(&samples, 300 * 4, region, size),
                "RGBA {region:?} → {size:?}"
            );
            assert_eq!(
                area_average::<1>(&samples, 300, region, size),
                reference::<1>(&samples, 300, region, size),
                "grey {region:?} → {size:?}"
            );
            assert_eq!(
                area_average::<2>(&samples, 300 * 2, region, size),
                reference::<2>(&samples, 300 * 2, region, size),
                "grey and alpha {region:?} → {size:?}"
            );
        }
    }

    #[test]
    fn dividing_by_a_reciprocal_gives_the_integer_quotient() {
        // Counts as the area average makes them (a column span times a row span), every sum
        // an average can have (at most 255 per pixel, plus half the count for rounding).
        for columns in 1..=24u32 {
            for rows in 1..=24u32 {
                let n = columns * rows;
                let reciprocal = (1.0 / f64::from(columns)) * (1.0 / f64::from(rows));
                for x in 0..=256 * n {
                    assert_eq!(divide(x, n, reciprocal), x / n, "{x} / {n}");
                }
            }
        }
    }

    #[test]
    fn a_small_image_is_copied_as_is() {
        let img = RgbImage::from_pixel(30, 20, Rgb([10, 20, 30]));
        let p = proxy(&DynamicImage::ImageRgb8(img), 640);
        assert_eq!((p.rgb.width(), p.rgb.height(), p.scale), (30, 20, 1.0));
        let expected = luma(10.0, 20.0, 30.0);
        assert!((p.grey.get_pixel(3, 3).0[0] - expected).abs() < 1e-4);
    }

    #[test]
    fn grey_and_alpha_images_are_read_without_conversion() {
        let grey = DynamicImage::ImageLuma8(GrayImage::from_pixel(64, 64, Luma([200])));
        let (small, _) = downscale_rgb(&grey, 16);
        assert_eq!(small.get_pixel(5, 5).0, [200, 200, 200]);
        let rgba = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            64,
            32,
            image::Rgba([1, 2, 3, 0]),
        ));
        let (small, _) = downscale_rgb(&rgba, 16);
        assert_eq!((small.width(), small.height()), (16, 8));
        assert_eq!(small.get_pixel(5, 5).0, [1, 2, 3]);
    }
}
