//! The shared analysis of one input file, computed once and lazily.
//!
//! Checks are pure functions of a [`Scene`] and the options. Anything two checks need (the
//! header, the decoded pixels, the proxy, the document outline and its rectified view) is
//! computed here on first use and cached, so adding a check never adds a second decode or a
//! second search. When an analysis cannot be made, the scene says why in an [`Unavailable`],
//! which a check turns into its `skip` or `error` finding without guessing.

use std::cell::OnceCell;

use image::DynamicImage;

use crate::checks::Outcome;
use crate::load::{
    self, Contents, DecodeError, Format, ImageHeader, Integrity, LoadLimits, LoadedFile,
};
use crate::mrz::{self, MrzReading};
use crate::vision::document::{self, Search};
use crate::vision::lighting::{self, Lighting};
use crate::vision::proxy::{self, Proxy};
use crate::vision::{self, DocumentView};

/// One input file and everything computed from it so far.
pub struct Scene {
    pub file: LoadedFile,
    limits: LoadLimits,
    integrity: OnceCell<Integrity>,
    header: OnceCell<Result<ImageHeader, Unavailable>>,
    pixels: OnceCell<Result<DynamicImage, Unavailable>>,
    proxy: OnceCell<Result<Proxy, Unavailable>>,
    search: OnceCell<Result<Search, Unavailable>>,
    document: OnceCell<Result<DocumentView, Unavailable>>,
    lighting: OnceCell<Result<Lighting, Unavailable>>,
    mrz: OnceCell<Result<Option<MrzReading>, Unavailable>>,
    /// This photo's share of the decoding memory budget, taken before decoding.
    reservation: OnceCell<load::budget::Reservation>,
}

/// Why part of the analysis of a file is not available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The file is empty.
    Empty,
    /// Over the reading limit; only its first bytes were read.
    NotRead {
        limit_bytes: u64,
    },
    /// The content is not a format we recognise.
    NotAnImage,
    /// A format we recognise but do not decode (HEIC, PDF…).
    NotDecoded(Format),
    /// The file ends early; the text says where.
    Incomplete(&'static str),
    Decode(DecodeError),
    /// No document was found in the photo (`photo.document` says so).
    NoDocument,
    /// So little of the document is inside the photo that it cannot be measured.
    TooLittleDocument,
}

impl Unavailable {
    /// The finding a check reports when it needs what is unavailable. Inputs we deliberately
    /// do not examine are a `skip` (another check already says what is wrong with them);
    /// inputs we tried and failed to examine are an `error`.
    pub fn outcome(&self) -> Outcome {
        match self {
            Unavailable::Empty => Outcome::skip("Not examined: the file is empty."),
            Unavailable::NotRead { limit_bytes } => Outcome::skip(format!(
                "Not examined: the file is over the {} MiB reading limit.",
                limit_bytes >> 20
            )),
            Unavailable::NotAnImage => Outcome::skip("Not examined: the file is not an image."),
            Unavailable::NotDecoded(format) => Outcome::skip(format!(
                "Not examined: {} files are not decoded; convert it to JPEG and check again.",
                format.name()
            )),
            Unavailable::Incomplete(reason) => Outcome::error(format!(
                "The image is incomplete ({reason}), so the photo could not be judged."
            ))
            .hint("Export or copy the photo again from the original, then check the new file."),
            Unavailable::Decode(err @ DecodeError::OverLimits(_)) => {
                Outcome::error(format!("The photo could not be judged: {err}."))
                    .hint("Resize it to at most 8000 px a side and export it as JPEG.")
            }
            Unavailable::Decode(err @ DecodeError::Corrupt(_)) => {
                Outcome::error(format!("The photo could not be judged: {err}."))
                    .hint("Export the photo again as JPEG from the original, then check it.")
            }
            Unavailable::NoDocument => Outcome::skip(
                "Not judged: no document was found in the photo (see the document check).",
            ),
            Unavailable::TooLittleDocument => {
                Outcome::skip("Not judged: too little of the document is inside the photo.")
            }
        }
    }

    /// Why the photo in a file was not examined at all, for the file's own error: the file
    /// could not be evaluated, which is exit status 2 (the photo checks themselves `skip`, the
    /// file checks say what is wrong with it). `None` for what happens after decoding starts,
    /// which the checks report as their own errors or findings.
    pub fn not_examined(&self) -> Option<String> {
        match self {
            Unavailable::Empty => Some("the file is empty, so there is no photo to check".into()),
            Unavailable::NotRead { limit_bytes } => Some(format!(
                "the file is over the {} MiB reading limit, so the photo was not examined",
                limit_bytes >> 20
            )),
            Unavailable::NotAnImage => Some(
                "the content is not an image format this tool recognises, so there is no photo \
                 to check"
                    .into(),
            ),
            Unavailable::NotDecoded(format) => Some(format!(
                "{} files are not decoded, so the photo was not examined; convert it to JPEG \
                 and check again",
                format.name()
            )),
            _ => None,
        }
    }
}

impl Drop for Scene {
    /// The decoded pixels' buffer goes to the next photo this thread decodes
    /// ([`load::spare`]); everything else made from them is freed as usual.
    fn drop(&mut self) {
        if let Some(Ok(DynamicImage::ImageRgb8(pixels))) = self.pixels.take() {
            load::spare::give_back(pixels.into_raw());
        }
    }
}

impl Scene {
    pub fn new(file: LoadedFile, limits: LoadLimits) -> Self {
        Scene {
            file,
            limits,
            integrity: OnceCell::new(),
            header: OnceCell::new(),
            pixels: OnceCell::new(),
            proxy: OnceCell::new(),
            search: OnceCell::new(),
            document: OnceCell::new(),
            lighting: OnceCell::new(),
            mrz: OnceCell::new(),
            reservation: OnceCell::new(),
        }
    }

    /// The whole file content, or why it is not examined at all.
    fn decodable_bytes(&self) -> Result<(&[u8], Format), Unavailable> {
        let bytes = match &self.file.contents {
            Contents::HeadOnly(_) => {
                return Err(Unavailable::NotRead {
                    limit_bytes: self.limits.max_read_bytes,
                });
            }
            Contents::Whole(bytes) if bytes.is_empty() => return Err(Unavailable::Empty),
            Contents::Whole(bytes) => bytes.as_slice(),
        };
        match self.file.format {
            None => Err(Unavailable::NotAnImage),
            Some(format) if !format.is_decodable() => Err(Unavailable::NotDecoded(format)),
            Some(format) => Ok((bytes, format)),
        }
    }

    /// `Ok` when a decoder can try this file, otherwise why its photo is not examined.
    pub fn examinable(&self) -> Result<(), Unavailable> {
        self.decodable_bytes().map(|_| ())
    }

    /// Structural completeness (end markers) of a decodable file.
    pub fn integrity(&self) -> Result<Integrity, Unavailable> {
        let (bytes, format) = self.decodable_bytes()?;
        Ok(*self
            .integrity
            .get_or_init(|| load::inspect_integrity(format, bytes)))
    }

    /// Dimensions, orientation and EXIF, read from the header alone. Available for truncated
    /// files too, since their header is intact.
    pub fn header(&self) -> Result<&ImageHeader, Unavailable> {
        self.header
            .get_or_init(|| {
                let (bytes, format) = self.decodable_bytes()?;
                load::read_header(bytes, format, &self.limits).map_err(Unavailable::Decode)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The decoded, upright pixels of a complete image. An incomplete file has no pixels to
    /// judge: its missing rows would decode as flat grey.
    pub fn pixels(&self) -> Result<&DynamicImage, Unavailable> {
        self.pixels
            .get_or_init(|| {
                if let Integrity::Truncated(reason) = self.integrity()? {
                    return Err(Unavailable::Incomplete(reason));
                }
                let (bytes, format) = self.decodable_bytes()?;
                let header = self.header()?;
                // Held until the scene is dropped: the pixels and all made from them.
                let _ = self
                    .reservation
                    .set(load::budget::reserve(load::budget::estimate(
                        header.width,
                        header.height,
                    )));
                load::decode_pixels(bytes, format, &self.limits).map_err(Unavailable::Decode)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A small area-averaged copy of the pixels, for the document search and frame-wide
    /// measurements.
    pub fn proxy(&self) -> Result<&Proxy, Unavailable> {
        self.proxy
            .get_or_init(|| {
                let pixels = self.pixels()?;
                Ok(proxy::proxy(pixels, document::SEARCH_LONG_SIDE))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The document search: the outline judged and any other documents beside it.
    pub fn search(&self) -> Result<&Search, Unavailable> {
        self.search
            .get_or_init(|| {
                let proxy = self.proxy()?;
                Ok(document::find_document(&proxy.grey, proxy.scale))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The document judged, seen straight on, with its layout; [`Unavailable::NoDocument`]
    /// when none was found.
    pub fn document(&self) -> Result<&DocumentView, Unavailable> {
        self.document
            .get_or_init(|| {
                vision::locate(self.pixels()?, self.proxy()?, self.search()?)
                    .ok_or(Unavailable::NoDocument)
            })
            .as_ref()
            .map_err(|e| e.clone())
    }

    /// The document judged, if a check has already looked for it (never starts the search).
    pub fn judged_document(&self) -> Option<&DocumentView> {
        self.document.get().and_then(|d| d.as_ref().ok())
    }

    /// How many other documents the search saw, if it ran.
    pub fn other_documents(&self) -> usize {
        self.search
            .get()
            .and_then(|s| s.as_ref().ok())
            .map_or(0, |s| s.others.len())
    }

    /// Width and height of the upright image, from the header (no decode needed).
    pub fn frame(&self) -> Result<(u32, u32), Unavailable> {
        self.header().map(|h| (h.width, h.height))
    }

    /// The light on the document (several checks judge against its paper level).
    pub fn lighting(&self) -> Result<&Lighting, Unavailable> {
        self.lighting
            .get_or_init(|| {
                let r = &self.document()?.rectified;
                lighting::measure(&r.grey, Some(&r.valid)).ok_or(Unavailable::TooLittleDocument)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The judged document's machine-readable zone as read: `None` when its layout shows none
    /// or no text lines could be placed in it.
    pub fn mrz(&self) -> Result<Option<&MrzReading>, Unavailable> {
        self.mrz
            .get_or_init(|| {
                let pixels = self.pixels()?;
                // Through the document's layout first; failing that, anywhere in the photo
                // (no outline found, or the wrong one).
                let from_layout = match self.document() {
                    Ok(view) => mrz::read_document(pixels, view),
                    Err(Unavailable::NoDocument) => None,
                    Err(why) => return Err(why),
                };
                if from_layout.as_ref().is_some_and(|r| r.parsed.is_some()) {
                    return Ok(from_layout);
                }
                // The search's reading replaces the layout's (which did not parse) when it
                // parses or is the more confident: a zone the layout read with one unclear
                // character is not traded for the search's cut of it read worse.
                let proxy = self.proxy()?;
                let anywhere = mrz::read_anywhere(pixels, proxy);
                Ok(match (anywhere, from_layout) {
                    (Some(a), Some(_)) if a.parsed.is_some() => Some(a),
                    (Some(a), Some(l)) => Some(std::cmp::max_by(l, a, MrzReading::more_confident)),
                    (a, l) => a.or(l),
                })
            })
            .as_ref()
            .map(Option::as_ref)
            .map_err(Clone::clone)
    }

    /// The MRZ reading, if a check has already made it (never starts it).
    pub fn mrz_read(&self) -> Option<&MrzReading> {
        self.mrz
            .get()
            .and_then(|m| m.as_ref().ok())
            .and_then(Option::as_ref)
    }
}
