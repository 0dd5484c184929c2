//! `scrub`: a copy of a photo with its metadata removed and its pixels kept.
//!
//! A photo of an ID document taken at home records where home is (GPS), the phone that took
//! it, and often an editor's history (XMP) or a comment. Upload forms need none of it. The copy
//! keeps the pixels exactly wherever it can:
//! - a JPEG that needs no turning is rebuilt from its own segments, minus every metadata
//!   segment (EXIF, XMP, IPTC, comments, extra images, anything after the end of the image);
//!   the compressed image data is copied untouched, so it decodes to the same pixels;
//! - a JPEG whose EXIF orientation says "turn me" has to be re-encoded to bake the turn in
//!   (dropping the EXIF would otherwise show it sideways): quality 95, said in the summary;
//! - PNG and WebP are decoded and written again losslessly, which keeps every pixel and
//!   carries over no metadata at all.
//!
//! Every copy is checked before it is handed back: decoded again, it must hold no EXIF, XMP or
//! IPTC, and the same pixels (to within JPEG rounding when it had to be re-encoded).

use image::{DynamicImage, ImageEncoder, metadata::Orientation};
use std::collections::BTreeSet;

use crate::load::{self, DecodeError, Format, LoadLimits, jpeg};

/// JPEG quality for a copy that had to be re-encoded to bake in its orientation: visually
/// lossless, and well above what upload forms recompress to.
const REENCODE_QUALITY: u8 = 95;

/// The largest mean difference per channel (0–255) a re-encoded JPEG may show against the
/// original pixels; quality 95 measures well under 1.
const REENCODE_TOLERANCE: f64 = 2.0;

/// A scrubbed copy, ready to write.
#[derive(Debug)]
pub struct Scrubbed {
    pub format: Format,
    pub bytes: Vec<u8>,
    /// What was taken out, in words (`EXIF (camera, time, GPS position)`, `XMP`, `comment`…),
    /// never the content.
    pub removed: BTreeSet<&'static str>,
    /// How the pixels were carried over.
    pub pixels: PixelsKept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PixelsKept {
    /// The compressed data was copied as it was.
    Untouched,
    /// Decoded and written again losslessly (PNG, WebP): the same pixels.
    Lossless,
    /// Turned upright and re-encoded as JPEG at [`REENCODE_QUALITY`].
    Reencoded,
}

/// Why no copy was made. Never quotes the file's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScrubError {
    #[error("the content is not an image format this tool recognises")]
    NotAnImage,
    #[error("{0} files are not supported by scrub; convert it to JPEG first")]
    Unsupported(&'static str),
    #[error("the JPEG is incomplete (it ends before its end-of-image marker)")]
    Incomplete,
    #[error("{0}")]
    Decode(#[from] DecodeError),
    #[error("the copy could not be encoded")]
    Encode,
    /// The copy failed its own verification; nothing is written.
    #[error("the copy failed verification ({0}); nothing was written")]
    Unverified(String),
}

/// Make a copy of `bytes` without metadata, verified.
pub fn scrub(bytes: &[u8], limits: &LoadLimits) -> Result<Scrubbed, ScrubError> {
    let format = Format::sniff(&bytes[..bytes.len().min(64)]).ok_or(ScrubError::NotAnImage)?;
    if !format.is_decodable() {
        return Err(ScrubError::Unsupported(format.name()));
    }
    let header = load::read_header(bytes, format, limits)?;
    // Decoded once: the pixels a re-encode writes, and what every copy is verified against.
    let upright = load::decode_pixels(bytes, format, limits)?;
    let scrubbed = match format {
        Format::Jpeg if header.orientation == Orientation::NoTransforms => {
            let (copy, removed) = strip_jpeg(bytes)?;
            Scrubbed {
                format,
                bytes: copy,
                removed,
                pixels: PixelsKept::Untouched,
            }
        }
        _ => {
            let (copy, pixels) = encode(&upright, format)?;
            // What the re-encode leaves behind: for a JPEG, every segment the strip would drop.
            let removed = match format {
                Format::Jpeg => strip_jpeg(bytes)?.1,
                _ => {
                    let mut removed = load::metadata_blocks(bytes, format, limits)?
                        .into_iter()
                        .map(describe_block)
                        .collect::<BTreeSet<_>>();
                    if format == Format::Png {
                        removed.extend(png_text_chunks(bytes));
                    }
                    removed
                }
            };
            Scrubbed {
                format,
                bytes: copy,
                removed,
                pixels,
            }
        }
    };
    verify(&upright, &scrubbed, limits)?;
    Ok(scrubbed)
}

fn describe_block(block: &'static str) -> &'static str {
    match block {
        "EXIF" => EXIF,
        other => other,
    }
}

const EXIF: &str = "EXIF (camera, time, GPS position)";

/// Rebuild a JPEG from the segments that make up the picture, dropping every metadata
/// segment and anything after the end-of-image marker.
fn strip_jpeg(bytes: &[u8]) -> Result<(Vec<u8>, BTreeSet<&'static str>), ScrubError> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, jpeg::SOI]);
    let mut removed = BTreeSet::new();
    for segment in jpeg::segments(bytes) {
        let segment = segment.map_err(|_| ScrubError::Incomplete)?;
        let payload = &bytes[segment.payload.clone()];
        match metadata_kind(segment.marker, payload) {
            Keep::Yes => out.extend_from_slice(&bytes[segment.bytes.clone()]),
            Keep::No(kind) => {
                removed.insert(kind);
            }
            Keep::JfifWithoutThumbnail => {
                // The JFIF header without its thumbnail: identifier, version, density, and a
                // thumbnail size of 0×0. A thumbnail can show what the photo was cropped from.
                out.extend_from_slice(&[0xFF, jpeg::APP0, 0, 16]);
                out.extend_from_slice(&payload[..12]);
                out.extend_from_slice(&[0, 0]);
                removed.insert("thumbnail");
            }
        }
        if segment.marker == jpeg::EOI {
            if segment.bytes.end < bytes.len() {
                removed.insert("data after the end of the image (extra images, trailers)");
            }
            return Ok((out, removed));
        }
    }
    Err(ScrubError::Incomplete)
}

enum Keep {
    Yes,
    No(&'static str),
    JfifWithoutThumbnail,
}

/// Which segments are metadata. Only what decoding needs is kept: the JFIF header, the ICC
/// colour profile and Adobe's colour-transform flag among the application segments; every
/// other application segment and comment goes.
fn metadata_kind(marker: u8, payload: &[u8]) -> Keep {
    match marker {
        jpeg::COM => Keep::No("comment"),
        jpeg::APP0 if payload.starts_with(b"JFIF\0") && payload.len() >= 14 => {
            if payload.len() > 14 || payload[12] != 0 || payload[13] != 0 {
                Keep::JfifWithoutThumbnail
            } else {
                Keep::Yes
            }
        }
        jpeg::APP0 if payload.starts_with(b"JFXX\0") => Keep::No("thumbnail"),
        0xE1 if payload.starts_with(b"Exif\0") => Keep::No(EXIF),
        0xE1 if payload.starts_with(b"http://ns.adobe.com/") => Keep::No("XMP"),
        0xE2 if payload.starts_with(b"ICC_PROFILE\0") => Keep::Yes,
        0xE2 if payload.starts_with(b"MPF\0") => Keep::No("extra images (MPF)"),
        0xED => Keep::No("IPTC / Photoshop data"),
        0xEE if payload.starts_with(b"Adobe") => Keep::Yes,
        jpeg::APP0..=jpeg::APP15 => Keep::No("other application data"),
        _ => Keep::Yes,
    }
}

/// PNG text chunks (`tEXt`, `zTXt`, `iTXt`: comments, authors, editor histories) and the
/// modification time, which a lossless re-encode drops along with EXIF.
fn png_text_chunks(bytes: &[u8]) -> BTreeSet<&'static str> {
    load::png::chunks(bytes)
        .take_while(|chunk| &chunk.kind != b"IEND")
        .filter_map(|chunk| match &chunk.kind {
            b"tEXt" | b"zTXt" | b"iTXt" => Some("text (comments, author, software)"),
            b"tIME" => Some("modification time"),
            _ => None,
        })
        .collect()
}

/// Write decoded, upright pixels in the input's format: losslessly for PNG and WebP, as a
/// quality-95 JPEG for a JPEG that had to be turned.
fn encode(image: &DynamicImage, format: Format) -> Result<(Vec<u8>, PixelsKept), ScrubError> {
    let mut out = Vec::new();
    let written = match format {
        Format::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, REENCODE_QUALITY);
            // The JPEG encoder takes grey or RGB; an alpha channel cannot exist in a JPEG.
            let pixels = match image {
                DynamicImage::ImageLuma8(_) => image.clone(),
                _ => DynamicImage::ImageRgb8(image.to_rgb8()),
            };
            pixels.write_with_encoder(encoder)
        }
        Format::Png => image.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)),
        Format::Webp => {
            // The lossless WebP encoder takes 8-bit grey, grey-alpha, RGB or RGBA.
            let pixels = match image {
                DynamicImage::ImageLuma8(_)
                | DynamicImage::ImageLumaA8(_)
                | DynamicImage::ImageRgb8(_)
                | DynamicImage::ImageRgba8(_) => image.clone(),
                _ => DynamicImage::ImageRgba8(image.to_rgba8()),
            };
            let encoder = image::codecs::webp::WebPEncoder::new_lossless(&mut out);
            encoder
                .write_image(
                    pixels.as_bytes(),
                    pixels.width(),
                    pixels.height(),
                    pixels.color().into(),
                )
                .map_err(|_| ScrubError::Encode)?;
            Ok(())
        }
        _ => return Err(ScrubError::Unsupported(format.name())),
    };
    written.map_err(|_| ScrubError::Encode)?;
    let kept = if format == Format::Jpeg {
        PixelsKept::Reencoded
    } else {
        PixelsKept::Lossless
    };
    Ok((out, kept))
}

/// Read the copy back as a stranger would: the same format, no metadata block, no metadata
/// segment left, and the original's upright pixels (`before`).
fn verify(before: &DynamicImage, copy: &Scrubbed, limits: &LoadLimits) -> Result<(), ScrubError> {
    let fail = |why: &str| Err(ScrubError::Unverified(why.to_owned()));
    if Format::sniff(&copy.bytes[..copy.bytes.len().min(64)]) != Some(copy.format) {
        return fail("it is not the same format");
    }
    let left = load::metadata_blocks(&copy.bytes, copy.format, limits)?;
    if !left.is_empty() {
        return fail(&format!("{} still present", left.join(", ")));
    }
    if copy.format == Format::Jpeg && !strip_jpeg(&copy.bytes)?.1.is_empty() {
        return fail("a metadata segment is still present");
    }
    let header = load::read_header(&copy.bytes, copy.format, limits)?;
    if header.orientation != Orientation::NoTransforms {
        return fail("it still asks to be turned");
    }
    let after = load::decode_pixels(&copy.bytes, copy.format, limits)?;
    if (before.width(), before.height()) != (after.width(), after.height()) {
        return fail("its size differs");
    }
    let difference = mean_difference(before, &after);
    let allowed = if copy.pixels == PixelsKept::Reencoded {
        REENCODE_TOLERANCE
    } else {
        0.0
    };
    if difference > allowed {
        return fail(&format!("its pixels differ by {difference:.2} on average"));
    }
    Ok(())
}

/// Mean absolute difference per channel of the two images as 8-bit RGBA.
fn mean_difference(a: &DynamicImage, b: &DynamicImage) -> f64 {
    let (a, b) = (a.to_rgba8(), b.to_rgba8());
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn encode_jpeg(image: &DynamicImage, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(image)
            .unwrap();
        out
    }

    fn photo() -> DynamicImage {
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(40, 24, |x, y| {
            image::Rgb([(x * 6) as u8, (y * 10) as u8, 128])
        }))
    }

    /// A JPEG with every kind of metadata segment a phone or editor writes, an extra image
    /// after the end marker, and a JFIF thumbnail.
    fn jpeg_with_metadata() -> Vec<u8> {
        let plain = encode_jpeg(&photo(), 90);
        let segment = |marker: u8, payload: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(payload);
            s
        };
        let mut jfif = b"JFIF\0\x01\x02\0\0\x01\0\x01\x01\x01".to_vec();
        jfif.extend_from_slice(&[200, 10, 10]);
        // An EXIF block with a byte order mark and nothing else: enough to be found.
        let exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0".to_vec();
        let mut out = plain[..2].to_vec();
        out.extend(segment(0xE0, &jfif));
        out.extend(segment(0xE1, &exif));
        out.extend(segment(
            0xE1,
            b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>CANARY</x:xmpmeta>",
        ));
        out.extend(segment(0xED, b"Photoshop 3.0\0CANARY"));
        out.extend(segment(0xFE, b"CANARY comment"));
        // Skip the encoder's own JFIF header, keep the rest.
        let rest = &plain[2..];
        let skip = if rest[1] == 0xE0 {
            2 + usize::from(u16::from_be_bytes([rest[2], rest[3]]))
        } else {
            0
        };
        out.extend_from_slice(&rest[skip..]);
        out.extend_from_slice(b"\xFF\xD8CANARY trailer");
        out
    }

    #[test]
    fn a_jpeg_loses_every_metadata_segment_and_keeps_its_pixels_exactly() {
        let input = jpeg_with_metadata();
        let scrubbed = scrub(&input, &LoadLimits::default()).unwrap();
        assert_eq!(scrubbed.pixels, PixelsKept::Untouched);
        assert!(!scrubbed.bytes.windows(6).any(|w| w == b"CANARY"));
        for kind in [EXIF, "XMP", "comment", "IPTC / Photoshop data", "thumbnail"] {
            assert!(
                scrubbed.removed.contains(kind),
                "{kind}: {:?}",
                scrubbed.removed
            );
        }
        assert!(scrubbed.removed.iter().any(|k| k.starts_with("data after")));
        let before = load::decode_pixels(&input, Format::Jpeg, &LoadLimits::default()).unwrap();
        let after =
            load::decode_pixels(&scrubbed.bytes, Format::Jpeg, &LoadLimits::default()).unwrap();
        assert_eq!(before.as_bytes(), after.as_bytes());
    }

    #[test]
    fn a_jpeg_that_asks_to_be_turned_is_turned_and_re_encoded() {
        let field = exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![6]),
        };
        let exif = crate::load::metadata::tests::exif_block(&[field]);
        let plain = encode_jpeg(&photo(), 95);
        let mut input = plain[..2].to_vec();
        input.extend_from_slice(&[0xFF, 0xE1]);
        input.extend_from_slice(&((exif.len() + 8) as u16).to_be_bytes());
        input.extend_from_slice(b"Exif\0\0");
        input.extend_from_slice(&exif);
        input.extend_from_slice(&plain[2..]);
        let scrubbed = scrub(&input, &LoadLimits::default()).unwrap();
        assert_eq!(scrubbed.pixels, PixelsKept::Reencoded);
        assert!(scrubbed.removed.contains(EXIF));
        let header =
            load::read_header(&scrubbed.bytes, Format::Jpeg, &LoadLimits::default()).unwrap();
        // 40 × 24 stored, shown turned: 24 × 40, with nothing left to turn.
        assert_eq!((header.width, header.height), (24, 40));
        assert_eq!(header.orientation, Orientation::NoTransforms);
        assert!(header.metadata.is_none());
    }

    #[test]
    fn a_png_is_rewritten_losslessly_without_text_chunks() {
        let mut png = Vec::new();
        photo()
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        // A tEXt chunk before IEND.
        let iend = png.len() - 12;
        let data = b"tEXtComment\0CANARY";
        let mut chunk = ((data.len() - 4) as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(data);
        chunk.extend_from_slice(&crc32fast::hash(data).to_be_bytes());
        png.splice(iend..iend, chunk);
        let scrubbed = scrub(&png, &LoadLimits::default()).unwrap();
        assert_eq!(scrubbed.pixels, PixelsKept::Lossless);
        assert!(scrubbed.removed.iter().any(|k| k.starts_with("text")));
        assert!(!scrubbed.bytes.windows(6).any(|w| w == b"CANARY"));
    }

    #[test]
    fn what_is_not_a_decodable_image_is_refused() {
        let limits = LoadLimits::default();
        assert_eq!(
            scrub(b"hello", &limits).unwrap_err(),
            ScrubError::NotAnImage
        );
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert!(matches!(
            scrub(heic, &limits),
            Err(ScrubError::Unsupported(_))
        ));
        let jpeg = jpeg_with_metadata();
        let cut = &jpeg[..jpeg.len() / 2];
        assert!(scrub(cut, &limits).is_err());
    }
}
