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
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return JPEG_TRUNCATED;
    }
    let mut i = 2;
    loop {
        // Markers may be preceded by any number of 0xFF fill bytes.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
            return JPEG_TRUNCATED;
        };
        match marker {
            0xD9 => return Integrity::Complete,
            // Markers without a length field.
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let Some(len) = bytes.get(i + 2..i + 4) else {
                    return JPEG_TRUNCATED;
                };
                let segment_end = i + 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
                if segment_end > bytes.len() {
                    return JPEG_TRUNCATED;
                }
                i = segment_end;
                if marker == 0xDA {
                    // Entropy-coded data follows the scan header. Inside it 0xFF is always
                    // followed by 0x00 (stuffing) or a restart marker, so the first other
                    // marker ends the scan.
                    match next_marker_after_scan(bytes, i) {
                        Some(pos) => i = pos,
                        None => return JPEG_TRUNCATED,
                    }
                }
            }
        }
    }
}

fn next_marker_after_scan(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == 0xFF {
            match bytes[i + 1] {
                0x00 | 0xD0..=0xD7 | 0xFF => i += 1,
                _ => return Some(i),
            }
        } else {
            i += 1;
        }
    }
    None
}

fn png(bytes: &[u8]) -> Integrity {
    const TRUNCATED: Integrity = Integrity::Truncated("it ends before the PNG IEND chunk");
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return TRUNCATED;
    }
    let mut i = SIGNATURE.len();
    while let Some(header) = bytes.get(i..i + 8) {
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let chunk_end = i.saturating_add(12).saturating_add(len);
        if chunk_end > bytes.len() {
            return TRUNCATED;
        }
        if &header[4..8] == b"IEND" {
            return Integrity::Complete;
        }
        i = chunk_end;
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

    /// A structurally valid JPEG: SOI, an APP1 holding a thumbnail with its own end marker,
    /// a scan with stuffed 0xFF bytes and a restart marker, EOI, then trailing padding.
    fn jpeg_with_traps() -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        let app1_payload = [b'E', b'x', b'i', b'f', 0, 0, 0xFF, 0xD8, 0xFF, 0xD9];
        out.extend_from_slice(&[0xFF, 0xE1, 0, (app1_payload.len() + 2) as u8]);
        out.extend_from_slice(&app1_payload);
        out.extend_from_slice(&[0xFF, 0xDA, 0, 4, 1, 2]);
        out.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0x00]);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out.extend_from_slice(&[0, 0, 0]);
        out
    }

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
