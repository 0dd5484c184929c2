//! Which file format a file really is, judged from its first bytes, never from its name.
//!
//! People rename `IMG_0001.HEIC` to `.jpg` and upload forms then reject it, so the content
//! decides. The magic-byte tables come from the `infer` crate; this module maps them onto the
//! short list of formats a KYC photo plausibly arrives in and says which of them we decode.

use serde::Deserialize;

/// A file format we recognise. Only JPEG, PNG and WebP are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    /// HEIC/HEIF, the default camera format of iPhones.
    Heif,
    Avif,
    Tiff,
    Bmp,
    Gif,
    Pdf,
}

impl Format {
    /// The formats this build can decode, and so the only ones `accepted_formats` may list.
    pub const DECODABLE: [Format; 3] = [Format::Jpeg, Format::Png, Format::Webp];

    /// Recognise a format from the first bytes of a file (a few dozen suffice).
    pub fn sniff(head: &[u8]) -> Option<Format> {
        use infer::MatcherType;
        let kind = infer::get(head)?;
        if !matches!(
            kind.matcher_type(),
            MatcherType::Image | MatcherType::Archive
        ) && kind.mime_type() != "application/pdf"
        {
            return None;
        }
        Some(match kind.mime_type() {
            "image/jpeg" => Format::Jpeg,
            "image/png" => Format::Png,
            "image/webp" => Format::Webp,
            "image/heif" | "image/heic" | "image/heif-sequence" | "image/heic-sequence" => {
                Format::Heif
            }
            "image/avif" => Format::Avif,
            "image/tiff" => Format::Tiff,
            "image/bmp" => Format::Bmp,
            "image/gif" => Format::Gif,
            "application/pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// Human name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
            Format::Heif => "HEIC/HEIF",
            Format::Avif => "AVIF",
            Format::Tiff => "TIFF",
            Format::Bmp => "BMP",
            Format::Gif => "GIF",
            Format::Pdf => "PDF",
        }
    }

    /// The spelling used in `--config` (`accepted_formats = ["jpeg", "png"]`).
    pub fn config_name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Heif => "heif",
            Format::Avif => "avif",
            Format::Tiff => "tiff",
            Format::Bmp => "bmp",
            Format::Gif => "gif",
            Format::Pdf => "pdf",
        }
    }

    /// File-name extensions this format is normally saved with (lower case, no dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            Format::Png => &["png"],
            Format::Webp => &["webp"],
            Format::Heif => &["heic", "heif", "hif"],
            Format::Avif => &["avif"],
            Format::Tiff => &["tif", "tiff"],
            Format::Bmp => &["bmp", "dib"],
            Format::Gif => &["gif"],
            Format::Pdf => &["pdf"],
        }
    }

    /// The format a file-name extension claims, if it is one of ours.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    pub fn is_decodable(self) -> bool {
        Format::DECODABLE.contains(&self)
    }

    pub(crate) fn image_format(self) -> Option<image::ImageFormat> {
        match self {
            Format::Jpeg => Some(image::ImageFormat::Jpeg),
            Format::Png => Some(image::ImageFormat::Png),
            Format::Webp => Some(image::ImageFormat::WebP),
            _ => None,
        }
    }

    const ALL: [Format; 9] = [
        Format::Jpeg,
        Format::Png,
        Format::Webp,
        Format::Heif,
        Format::Avif,
        Format::Tiff,
        Format::Bmp,
        Format::Gif,
        Format::Pdf,
    ];
}

/// Whether a file name has one of the extensions a folder walk picks up: every format we
/// recognise, so that a HEIC or PDF in a submissions folder is reported rather than ignored.
pub fn has_image_extension(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| Format::from_extension(e).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ISO-BMFF `ftyp` box with the given major and compatible brands.
    fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let len = 16 + 4 * compatible.len();
        let mut out = (len as u32).to_be_bytes().to_vec();
        out.extend_from_slice(b"ftyp");
        out.extend_from_slice(major);
        out.extend_from_slice(&[0, 0, 0, 0]);
        for brand in compatible {
            out.extend_from_slice(*brand);
        }
        out.extend_from_slice(&[0; 16]);
        out
    }

    #[test]
    fn sniffs_each_format_from_its_magic_bytes() {
        let cases: Vec<(Vec<u8>, Format)> = vec![
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec(), Format::Jpeg),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), Format::Png),
            (b"RIFF\x24\0\0\0WEBPVP8 ".to_vec(), Format::Webp),
            (ftyp(b"heic", &[b"mif1", b"heic"]), Format::Heif),
            (ftyp(b"mif1", &[b"mif1", b"heic"]), Format::Heif),
            (ftyp(b"avif", &[b"mif1", b"avif"]), Format::Avif),
            (b"II*\0\x08\0\0\0\x0e\0\0\x01".to_vec(), Format::Tiff),
            (b"MM\0*\0\0\0\x08\0\x0e\x01\0".to_vec(), Format::Tiff),
            (b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0".to_vec(), Format::Bmp),
            (b"GIF89a\x01\0\x01\0".to_vec(), Format::Gif),
            (b"%PDF-1.4\n%\xE2\xE3".to_vec(), Format::Pdf),
        ];
        for (bytes, expected) in cases {
            assert_eq!(Format::sniff(&bytes), Some(expected), "{expected:?}");
        }
    }

    #[test]
    fn text_and_other_files_are_not_images() {
        assert_eq!(Format::sniff(b""), None);
        assert_eq!(Format::sniff(b"surname = \"ZHANG\"\n"), None);
        assert_eq!(Format::sniff(b"PK\x03\x04\x14\0\0\0"), None, "zip");
        assert_eq!(Format::sniff(b"\x7fELF\x02\x01\x01"), None, "executable");
    }

    #[test]
    fn extensions_are_case_insensitive() {
        assert_eq!(Format::from_extension("JPG"), Some(Format::Jpeg));
        assert_eq!(Format::from_extension("Heic"), Some(Format::Heif));
        assert_eq!(Format::from_extension("txt"), None);
        assert!(has_image_extension(std::path::Path::new("a/B.JPEG")));
        assert!(!has_image_extension(std::path::Path::new("a/profile.toml")));
        assert!(!has_image_extension(std::path::Path::new("a/jpg")));
    }
}
