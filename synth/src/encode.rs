//! Encoding a generated photo the way a phone would: JPEG with an EXIF block naming the
//! camera (and, for the labelled defects, an editor or a GPS position), or PNG for screenshots.

use std::io::Cursor;

use exif::{Field, In, Rational, Tag, Value};
use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;
use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// The EXIF written into a generated JPEG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CameraExif {
    pub make: String,
    pub model: String,
    /// Firmware version, or an editor's name for the `edited` defect.
    pub software: String,
    /// EXIF orientation (1 = upright as stored).
    pub orientation: u16,
    /// Whether a GPS position is recorded (an invented point at sea).
    pub gps: bool,
}

impl CameraExif {
    pub fn random(rng: &mut Rng) -> CameraExif {
        let (make, model, software) = *rng.pick(&[
            ("Synthphone", "SP-12 Pro", "SP12.4.1"),
            ("Fixturecam", "FC-1", "FC-1 firmware 3.2.1"),
            ("Pixelmark", "PM 8a", "PM8A.240105.003"),
        ]);
        CameraExif {
            make: make.into(),
            model: model.into(),
            software: software.into(),
            orientation: 1,
            gps: false,
        }
    }

    /// The raw EXIF (TIFF) block.
    pub fn to_bytes(&self) -> Vec<u8> {
        let ascii = |tag, text: &str| Field {
            tag,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![text.as_bytes().to_vec()]),
        };
        let mut fields = vec![
            ascii(Tag::Make, &self.make),
            ascii(Tag::Model, &self.model),
            ascii(Tag::Software, &self.software),
            Field {
                tag: Tag::Orientation,
                ifd_num: In::PRIMARY,
                value: Value::Short(vec![self.orientation]),
            },
        ];
        if self.gps {
            let dms = |d: u32, m: u32| {
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
}

/// JPEG at `quality`, with the EXIF block as an APP1 segment right after the SOI marker.
pub fn jpeg(img: &RgbImage, quality: u8, exif: Option<&CameraExif>) -> Vec<u8> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode_image(img)
        .expect("JPEG encodes");
    let Some(exif) = exif else {
        return jpeg;
    };
    let block = exif.to_bytes();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((2 + 6 + block.len()) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&block);
    out.extend_from_slice(&jpeg[2..]);
    out
}

pub fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("PNG encodes");
    out
}
