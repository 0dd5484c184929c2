//! Regenerate the committed fixtures: `cargo run --example make_fixtures`.
//!
//! Every photo is drawn here from a fixed seed: an invented passport-like page (pale guilloche
//! background, a drawn head-and-shoulders portrait, dark bars standing for printed fields and
//! the machine-readable zone) on a wood-like desk, with camera-like EXIF. No real document or
//! person appears. Each file is named for the outcome it must produce; `tests/fixtures.rs`
//! holds the fixtures to those names. The HEIC sample is encoded by `heif-enc` (Debian package
//! `libheif-examples`); the rest needs nothing outside this crate.
//!
//! This is a stand-in until the synthetic document generator (issue 3) replaces it.

use std::fs;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use exif::{Field, In, Rational, Tag, Value};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageFormat, Rgb, RgbImage, imageops};

const OUT: &str = "fixtures/photos";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    fs::create_dir_all(OUT)?;
    let camera = camera_exif(None, false, 1);

    let scene = desk_scene(1600, 1130, 7);
    write(
        "passport_clean_pass.jpg",
        &jpeg_with_exif(&scene, 90, &camera),
    )?;

    let medium = imageops::resize(&scene, 1250, 883, imageops::FilterType::Triangle);
    write(
        "medium_resolution_warn.jpg",
        &jpeg_with_exif(&medium, 90, &camera),
    )?;

    let small = imageops::resize(&scene, 560, 396, imageops::FilterType::Triangle);
    write(
        "low_resolution_fail.jpg",
        &jpeg_with_exif(&small, 92, &camera),
    )?;

    // Stored landscape 1600×700 with EXIF orientation 6 ("rotate 90° clockwise to view"):
    // upright it is 700×1600, whose 700 px shorter side warns.
    let sideways = desk_scene(1600, 700, 11);
    write(
        "exif_rotated_portrait_warn.jpg",
        &jpeg_with_exif(&sideways, 90, &camera_exif(None, false, 6)),
    )?;

    let edited = camera_exif(Some("Adobe Photoshop 25.0 (Windows)"), false, 1);
    write(
        "photoshop_edited_warn.jpg",
        &jpeg_with_exif(&scene, 90, &edited),
    )?;

    let located = camera_exif(None, true, 1);
    write(
        "gps_location_warn.jpg",
        &jpeg_with_exif(&scene, 90, &located),
    )?;

    let whole = jpeg_with_exif(&scene, 90, &camera);
    write(
        "truncated_incomplete_error.jpg",
        &whole[..whole.len() * 3 / 5],
    )?;

    let png = png_bytes(&small)?;
    write("truncated_incomplete_error.png", &png[..png.len() * 2 / 3])?;
    // Lossless formats cannot compress sensor noise; these samples are drawn without it.
    write(
        "png_named_jpg_warn.jpg",
        &png_bytes(&noisy_desk_scene(1450, 1024, 7, 0.0))?,
    )?;

    let mut webp = Vec::new();
    noisy_desk_scene(800, 565, 7, 0.0).write_to(&mut Cursor::new(&mut webp), ImageFormat::WebP)?;
    write("webp_format_fail.webp", &webp)?;

    write("scanned_pdf_format_fail.pdf", minimal_pdf().as_bytes())?;
    write(
        "text_named_jpg_error.jpg",
        b"This is a note, not a photo.\n",
    )?;

    heic(&small)?;
    Ok(())
}

fn write(name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = Path::new(OUT).join(name);
    fs::write(&path, bytes)?;
    println!("{:>9} bytes  {}", bytes.len(), path.display());
    Ok(())
}

/// SplitMix64: a tiny deterministic generator, so fixtures are identical on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    fn signed(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}

/// A passport-like data page on a wooden desk, filling ~75% of the frame.
fn desk_scene(width: u32, height: u32, seed: u64) -> RgbImage {
    noisy_desk_scene(width, height, seed, 6.0)
}

/// [`desk_scene`] with a chosen sensor-noise amplitude (0 for small lossless files).
fn noisy_desk_scene(width: u32, height: u32, seed: u64, noise: f32) -> RgbImage {
    let mut rng = Rng(seed);
    let mut img = RgbImage::from_fn(width, height, |x, y| {
        // Wood: warm brown with long grain stripes along x.
        let grain = ((y as f32 * 0.05 + (x as f32 * 0.004).sin() * 6.0).sin() * 0.5 + 0.5) * 30.0;
        Rgb([
            (120.0 + grain) as u8,
            (80.0 + grain * 0.7) as u8,
            (50.0 + grain * 0.4) as u8,
        ])
    });
    // The page, with the ID-3 aspect ratio of 125 × 88 mm.
    let page_w = (width as f32 * 0.75).min(height as f32 * 0.8 * 125.0 / 88.0);
    let page_h = page_w * 88.0 / 125.0;
    let x0 = (width as f32 - page_w) / 2.0;
    let y0 = (height as f32 - page_h) / 2.0;
    let scale = page_w / 125.0; // pixels per millimetre
    for y in 0..height {
        for x in 0..width {
            let (u, v) = ((x as f32 - x0) / scale, (y as f32 - y0) / scale);
            if !(0.0..125.0).contains(&u) || !(0.0..88.0).contains(&v) {
                continue;
            }
            // Guilloche-like background: two interfering sine families.
            let wave = ((u * 1.7 + (v * 0.9).sin() * 3.0).sin()
                * (v * 1.3 + (u * 0.7).cos() * 2.0).sin())
            .abs();
            let mut pixel = [
                (226.0 - wave * 14.0) as u8,
                (232.0 - wave * 10.0) as u8,
                (236.0 - wave * 4.0) as u8,
            ];
            if let Some(ink) = page_ink(u, v) {
                pixel = ink;
            }
            img.put_pixel(x, y, Rgb(pixel));
        }
    }
    // Sensor noise, so the JPEG is photo-like rather than flat.
    for pixel in img.pixels_mut() {
        let n = rng.signed() * noise;
        for c in pixel.0.iter_mut() {
            *c = (*c as f32 + n).clamp(0.0, 255.0) as u8;
        }
    }
    img
}

/// Printed content at page coordinates (mm): portrait, field bars and the MRZ band.
fn page_ink(u: f32, v: f32) -> Option<[u8; 3]> {
    // Portrait area 35 × 45 mm with a head-and-shoulders silhouette.
    if (5.0..40.0).contains(&u) && (18.0..63.0).contains(&v) {
        let head = ((u - 22.5) / 8.0).powi(2) + ((v - 33.0) / 10.0).powi(2) < 1.0;
        let shoulders = v > 47.0 && ((u - 22.5) / 16.0).powi(2) + ((v - 63.0) / 15.0).powi(2) < 1.0;
        return Some(if head || shoulders {
            [70, 60, 58]
        } else {
            [200, 205, 210]
        });
    }
    // Field labels (thin) and values (bold) in four rows to the right of the portrait.
    for row in 0..5 {
        let top = 20.0 + row as f32 * 8.5;
        if (45.0..70.0 + (row * 7 % 30) as f32).contains(&u) && (top..top + 1.2).contains(&v) {
            return Some([90, 110, 150]);
        }
        let value_end = 80.0 + ((row * 13) % 35) as f32;
        if (45.0..value_end).contains(&u) && (top + 2.2..top + 5.0).contains(&v) {
            return Some([30, 30, 40]);
        }
    }
    // The MRZ: two lines of 44 character cells, 2.54 mm pitch, from 4 mm.
    for line in 0..2 {
        let top = 70.5 + line as f32 * 6.0;
        if (top..top + 3.2).contains(&v) && (4.0..4.0 + 44.0 * 2.54).contains(&u) {
            let cell = (u - 4.0) % 2.54;
            if cell < 1.9 {
                return Some([25, 25, 30]);
            }
        }
    }
    None
}

/// An EXIF block like a phone writes: make, model, firmware version, orientation, optional
/// editor name and GPS position (an invented spot in the North Atlantic).
fn camera_exif(editor: Option<&str>, gps: bool, orientation: u16) -> Vec<u8> {
    let ascii = |tag, text: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    };
    let mut fields = vec![
        ascii(Tag::Make, "Fixturecam"),
        ascii(Tag::Model, "FC-1"),
        ascii(Tag::Software, editor.unwrap_or("FC-1 firmware 3.2.1")),
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        },
    ];
    if gps {
        let dms = |d, m| {
            Value::Rational(vec![
                Rational::from((d, 1)),
                Rational::from((m, 1)),
                Rational::from((0, 1)),
            ])
        };
        fields.push(ascii(Tag::GPSLatitudeRef, "N"));
        fields.push(Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: dms(40, 12),
        });
        fields.push(ascii(Tag::GPSLongitudeRef, "W"));
        fields.push(Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: dms(35, 30),
        });
    }
    let mut writer = exif::experimental::Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut out = Cursor::new(Vec::new());
    writer.write(&mut out, false).expect("EXIF encodes");
    out.into_inner()
}

/// Encode as JPEG and insert the EXIF block as an APP1 segment right after the SOI marker.
fn jpeg_with_exif(img: &RgbImage, quality: u8, exif: &[u8]) -> Vec<u8> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode_image(img)
        .expect("JPEG encodes");
    let payload_len = 2 + 6 + exif.len();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&(payload_len as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn png_bytes(img: &RgbImage) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)?;
    Ok(out)
}

/// A one-page PDF with a single line of text: what a scanner app exports.
fn minimal_pdf() -> String {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 354 249] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 200 Td (SPECIMEN) Tj ET\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf
}

/// A real HEIC (what an iPhone saves), and the same bytes renamed `.jpg`, as people do.
fn heic(img: &RgbImage) -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("kyc-fixtures-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    let source = dir.join("source.png");
    let target = dir.join("out.heic");
    img.save(&source)?;
    let status = Command::new("heif-enc")
        .args(["--quality", "60", "-o"])
        .arg(&target)
        .arg(&source)
        .status()
        .map_err(|e| format!("heif-enc (Debian package libheif-examples) is needed: {e}"))?;
    if !status.success() {
        return Err("heif-enc failed".into());
    }
    let bytes = fs::read(&target)?;
    fs::remove_dir_all(&dir)?;
    write("iphone_heic_format_fail.heic", &bytes)?;
    write("heic_renamed_jpg_format_fail.jpg", &bytes)?;
    Ok(())
}
