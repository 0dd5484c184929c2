//! The few EXIF facts the checks need, pulled out of the raw EXIF block once.
//!
//! We keep a small struct instead of the whole parsed EXIF so checks cannot accidentally print
//! a field such as the owner's name or a serial number, and so no parser types leak into checks.

use exif::{Context, In, Tag, Value};

/// TIFF/EP `ProcessingSoftware` (0x000B), which kamadak-exif has no constant for; some
/// editors write their name here instead of in `Software`.
const PROCESSING_SOFTWARE: Tag = Tag(Context::Tiff, 0x000B);

/// EXIF facts of one photo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The `Software` tag (or `ProcessingSoftware` when that is absent): what last wrote the
    /// file. Phones write their firmware version here; editors write their own name.
    pub software: Option<String>,
    /// Whether a GPS position (latitude and longitude) is recorded. A GPS block with only a
    /// timestamp or version, which some phones write with location off, does not count.
    pub has_gps_position: bool,
    /// Camera maker and model, when recorded.
    pub camera: Option<String>,
}

impl Metadata {
    /// Parse a raw EXIF block (a TIFF structure, as found in a JPEG APP1 segment after
    /// `Exif\0\0`, or in a PNG `eXIf` chunk). `None` when it is not valid EXIF.
    pub fn from_exif(raw: Vec<u8>) -> Option<Metadata> {
        let exif = exif::Reader::new().read_raw(raw).ok()?;
        let text = |tag: Tag| -> Option<String> {
            match &exif.get_field(tag, In::PRIMARY)?.value {
                Value::Ascii(parts) => {
                    let joined: String = parts
                        .iter()
                        .map(|p| String::from_utf8_lossy(p).into_owned())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let trimmed = joined.trim_matches(|c: char| c == '\0' || c.is_whitespace());
                    (!trimmed.is_empty()).then(|| trimmed.to_owned())
                }
                _ => None,
            }
        };
        let camera = match (text(Tag::Make), text(Tag::Model)) {
            (Some(make), Some(model)) => Some(format!("{make} {model}")),
            (make, model) => make.or(model),
        };
        Some(Metadata {
            software: text(Tag::Software).or_else(|| text(PROCESSING_SOFTWARE)),
            has_gps_position: exif.get_field(Tag::GPSLatitude, In::PRIMARY).is_some()
                && exif.get_field(Tag::GPSLongitude, In::PRIMARY).is_some(),
            camera,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use exif::{Field, Rational};

    pub(crate) fn exif_block(fields: &[Field]) -> Vec<u8> {
        let mut writer = exif::experimental::Writer::new();
        for field in fields {
            writer.push_field(field);
        }
        let mut out = std::io::Cursor::new(Vec::new());
        writer.write(&mut out, false).unwrap();
        out.into_inner()
    }

    fn ascii(tag: Tag, text: &str) -> Field {
        Field {
            tag,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![text.as_bytes().to_vec()]),
        }
    }

    fn rational3(tag: Tag) -> Field {
        Field {
            tag,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![Rational::from((1, 1)); 3]),
        }
    }

    #[test]
    fn reads_software_camera_and_gps_position() {
        let raw = exif_block(&[
            ascii(Tag::Software, "Adobe Photoshop 25.0"),
            ascii(Tag::Make, "Apple"),
            ascii(Tag::Model, "iPhone 15"),
            rational3(Tag::GPSLatitude),
            rational3(Tag::GPSLongitude),
        ]);
        let meta = Metadata::from_exif(raw).unwrap();
        assert_eq!(meta.software.as_deref(), Some("Adobe Photoshop 25.0"));
        assert_eq!(meta.camera.as_deref(), Some("Apple iPhone 15"));
        assert!(meta.has_gps_position);
    }

    #[test]
    fn gps_block_without_a_position_is_not_a_location() {
        let raw = exif_block(&[Field {
            tag: Tag::GPSVersionID,
            ifd_num: In::PRIMARY,
            value: Value::Byte(vec![2, 2, 0, 0]),
        }]);
        let meta = Metadata::from_exif(raw).unwrap();
        assert!(!meta.has_gps_position);
        assert_eq!(meta.software, None);
    }

    #[test]
    fn garbage_is_not_exif() {
        assert_eq!(Metadata::from_exif(b"not a tiff header".to_vec()), None);
    }
}
