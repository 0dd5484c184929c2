//! Whether a file holds the whole image or was cut off in transfer.
//!
//! Decoders are lenient: a JPEG truncated half way decodes "successfully" with the missing rows
//! filled grey. So completeness is judged from the file's structure: a JPEG's segments are walked
//! to the end-of-image marker, a PNG's chunks to `IEND`, a WebP's RIFF length is compared with the
//! file length. Walking segments (rather than looking at the last two bytes) is what makes this
//! right for files with trailing padding or an embedded EXIF thumbnail, whose own end marker
//! would fool a byte search.

use super::Format;

/// The structural completeness of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Integrity {
    Complete,
    /// The file ends before its format's end; the text says where, for the message.
    Truncated(&'static str),
    /// The format is one we do not inspect structurally.
    NotChecked,
}

pub fn inspect(format: Format, bytes: &[u8]) -> Integrity {
    match format {
        Format::Jpeg => jpeg(bytes),
        Format::Png => png(bytes),
        Format::Webp => webp(bytes),
        _ => Integrity::NotChecked,
    }
}

const JPEG_TRUNCATED: Integrity =
    Integrity::Truncated("it ends before the JPEG end-of-image marker");

fn jpeg(bytes: &[u8]) -> Integrity {
    for segment in super::jpeg::segments(bytes) {
        match segment {
            Err(_) => return JPEG_TRUNCATED,
            Ok(segment) if segment.marker == super::jpeg::EOI => return Integrity::Complete,
            Ok(_) => {}
        }
    }
    JPEG_TRUNCATED
}

fn png(bytes: &[u8]) -> Integrity {
    const TRUNCATED: Integrity = Integrity::Truncated("it ends before the PNG IEND chunk");
    if !bytes.starts_with(super::png::SIGNATURE) {
        return TRUNCATED;
    }
    for chunk in super::png::chunks(bytes) {
        if !chunk.complete {
            return TRUNCATED;
        }
        if &chunk.kind == b"IEND" {
            return Integrity::Complete;
        }
    }
    TRUNCATED
}

fn webp(bytes: &[u8]) -> Integrity {
    let Some(len) = bytes.get(4..8) else {
        return Integrity::Truncated("it is shorter than a WebP header");
    };
    let riff_len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
    if bytes.len() < riff_len.saturating_add(8) {
        Integrity::Truncated("it is shorter than its WebP header says")
    } else {
        Integrity::Complete
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::jpeg::tests::jpeg_with_traps;

    #[test]
    fn complete_jpeg_with_thumbnail_and_padding_is_complete() {
        assert_eq!(jpeg(&jpeg_with_traps()), Integrity::Complete);
    }

    #[test]
    fn jpeg_cut_anywhere_before_its_end_marker_is_truncated() {
        let full = jpeg_with_traps();
        let eoi = full.len() - 5;
        for cut in 0..eoi {
            assert!(
                matches!(jpeg(&full[..cut]), Integrity::Truncated(_)),
                "cut at {cut} of {}",
                full.len()
            );
        }
    }

    #[test]
    fn png_cut_before_iend_is_truncated() {
        let mut png_bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        png_bytes.extend_from_slice(&[0, 0, 0, 1, b'I', b'D', b'A', b'T', 7, 0, 0, 0, 0]);
        png_bytes.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0, 0, 0, 0]);
        assert_eq!(png(&png_bytes), Integrity::Complete);
        for cut in 0..png_bytes.len() {
            assert!(matches!(png(&png_bytes[..cut]), Integrity::Truncated(_)));
        }
    }

    #[test]
    fn webp_shorter_than_its_riff_length_is_truncated() {
        let mut bytes = b"RIFF\x08\0\0\0WEBPVP8 ".to_vec();
        assert_eq!(webp(&bytes), Integrity::Complete);
        bytes.pop();
        assert!(matches!(webp(&bytes), Integrity::Truncated(_)));
    }
}
