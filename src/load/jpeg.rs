//! The segments of a JPEG file, walked the way a decoder does: marker by marker, with the
//! entropy-coded data of each scan skipped to the next real marker.
//!
//! Shared by the completeness check (is the end-of-image marker there?) and `scrub` (which
//! segments hold metadata?). A byte search for markers is wrong for both: an EXIF thumbnail
//! carries its own end marker, and entropy data is full of 0xFF bytes.

use std::ops::Range;

pub const SOI: u8 = 0xD8;
pub const EOI: u8 = 0xD9;
pub const SOS: u8 = 0xDA;
pub const COM: u8 = 0xFE;
pub const APP0: u8 = 0xE0;
pub const APP15: u8 = 0xEF;

/// One segment: its marker, and where it lies in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub marker: u8,
    /// The whole segment: marker, length, payload, and for a scan header the entropy-coded
    /// data that follows it. Copying these ranges in order rebuilds the file.
    pub bytes: Range<usize>,
    /// The payload after the length field (empty for markers without one).
    pub payload: Range<usize>,
}

/// The file ends inside a segment, or before the end-of-image marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncated;

/// The segments after the start-of-image marker, up to and including the end-of-image marker
/// (whose `bytes` end where the image ends: anything after it is not part of the image). An
/// `Err(Truncated)` ends the walk when the file stops early or does not start like a JPEG.
pub fn segments(bytes: &[u8]) -> impl Iterator<Item = Result<Segment, Truncated>> + '_ {
    let mut next = if bytes.starts_with(&[0xFF, SOI]) {
        Some(2)
    } else {
        None
    };
    let mut failed = !bytes.starts_with(&[0xFF, SOI]);
    std::iter::from_fn(move || {
        if failed {
            failed = false;
            return Some(Err(Truncated));
        }
        let start = next?;
        let segment = segment_at(bytes, start);
        next = match &segment {
            Ok(s) if s.marker != EOI => Some(s.bytes.end),
            _ => None,
        };
        Some(segment)
    })
}

fn segment_at(bytes: &[u8], mut i: usize) -> Result<Segment, Truncated> {
    // Markers may be preceded by any number of 0xFF fill bytes.
    while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
        i += 1;
    }
    let (Some(&0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
        return Err(Truncated);
    };
    match marker {
        // Markers without a length field.
        EOI | 0x01 | 0xD0..=0xD7 => Ok(Segment {
            marker,
            bytes: i..i + 2,
            payload: i + 2..i + 2,
        }),
        _ => {
            let len = bytes.get(i + 2..i + 4).ok_or(Truncated)?;
            let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
            let end = i + 2 + len;
            if len < 2 || end > bytes.len() {
                return Err(Truncated);
            }
            let whole_end = if marker == SOS {
                next_marker_after_scan(bytes, end).ok_or(Truncated)?
            } else {
                end
            };
            Ok(Segment {
                marker,
                bytes: i..whole_end,
                payload: i + 4..end,
            })
        }
    }
}

/// Entropy-coded data follows a scan header. Inside it 0xFF is always followed by 0x00
/// (stuffing), a restart marker or another 0xFF (fill), so the first other marker ends the scan.
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A structurally valid JPEG: SOI, an APP1 holding a thumbnail with its own end marker,
    /// a scan with stuffed 0xFF bytes and a restart marker, EOI, then trailing padding.
    pub fn jpeg_with_traps() -> Vec<u8> {
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
    fn walks_past_a_thumbnail_and_through_the_scan_to_the_end_marker() {
        let bytes = jpeg_with_traps();
        let found: Vec<Segment> = segments(&bytes).map(Result::unwrap).collect();
        let markers: Vec<u8> = found.iter().map(|s| s.marker).collect();
        assert_eq!(markers, [0xE1, SOS, EOI]);
        // The segments tile the file from after SOI to the end marker.
        assert_eq!(found[0].bytes.start, 2);
        for pair in found.windows(2) {
            assert_eq!(pair[0].bytes.end, pair[1].bytes.start);
        }
        assert_eq!(found[2].bytes.end, bytes.len() - 3);
        assert_eq!(&bytes[found[0].payload.clone()][..4], b"Exif");
    }

    #[test]
    fn a_file_that_is_not_a_jpeg_gives_one_error() {
        let walked: Vec<_> = segments(b"GIF89a").collect();
        assert_eq!(walked, [Err(Truncated)]);
    }
}
