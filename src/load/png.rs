//! The chunks of a PNG file, walked by their length fields.
//!
//! Shared by the completeness check (is `IEND` there?), the decoder's guard (drop the colour
//! profile before the png crate inflates it) and `scrub` (which text chunks are there?).

use std::ops::Range;

pub const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// One chunk: its type and where it lies in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub kind: [u8; 4],
    /// Length field, type, data and CRC; cut at the end of the file when it is cut short.
    pub bytes: Range<usize>,
    /// The file holds the whole chunk.
    pub complete: bool,
}

/// The chunks after the signature, as long as a whole chunk header is left; the walk ends with
/// the first chunk the file cuts short. The signature itself is not checked.
pub fn chunks(bytes: &[u8]) -> impl Iterator<Item = Chunk> + '_ {
    let mut next = Some(SIGNATURE.len());
    std::iter::from_fn(move || {
        let start = next?;
        let header = bytes.get(start..start + 8)?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let end = start.saturating_add(12).saturating_add(len);
        let complete = end <= bytes.len();
        next = complete.then_some(end);
        Some(Chunk {
            kind: [header[4], header[5], header[6], header[7]],
            bytes: start..end.min(bytes.len()),
            complete,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_whole_chunks_and_marks_the_one_cut_short() {
        let mut png = SIGNATURE.to_vec();
        png.extend_from_slice(&[0, 0, 0, 1, b'I', b'D', b'A', b'T', 7, 0, 0, 0, 0]);
        png.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0, 0, 0, 0]);
        let whole: Vec<Chunk> = chunks(&png).collect();
        assert_eq!(whole.len(), 2);
        assert!(whole.iter().all(|c| c.complete));
        assert_eq!(&whole[1].kind, b"IEND");
        assert_eq!(whole[1].bytes.end, png.len());
        let cut: Vec<Chunk> = chunks(&png[..png.len() - 2]).collect();
        assert!(!cut[1].complete);
    }
}
