//! Reading untrusted files safely: open, bound, sniff, inspect, decode.
//!
//! Every input is hostile until proven otherwise (DESIGN.md, "Loading untrusted files"):
//! - only regular files are read, and they are opened non-blocking, so a FIFO named `x.jpg`
//!   cannot hang the run (a plain `open` of a FIFO blocks until a writer appears);
//! - the size is checked before reading, because the JPEG decoder reads a sparse 4 GiB file
//!   whole into memory;
//! - the format comes from the content, and only JPEG, PNG and WebP reach a decoder;
//! - decoders always run under [`image::Limits`] (width, height, allocation): without them a
//!   header claiming 60000×60000 pixels aborts the process on allocation;
//! - EXIF orientation is applied here, since `image` decodes pixels as stored.

pub mod budget;
mod format;
mod integrity;
pub mod jpeg;
pub(crate) mod metadata;
pub mod png;
pub mod spare;

use std::borrow::Cow;
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageReader, metadata::Orientation};

pub use format::{Format, has_image_extension};
pub use integrity::Integrity;
pub use metadata::Metadata;

/// Safety limits for reading one file. Not policy: a file over these is not judged at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadLimits {
    /// Files larger than this are not read (only their first bytes, to name the format).
    /// Default 64 MiB: six times the largest upload any service accepts.
    pub max_read_bytes: u64,
    /// Largest width or height a decoder may accept. Default 16384 px: above any phone camera
    /// (a 200-megapixel sensor is 16320 px wide).
    pub max_side_px: u32,
    /// Largest allocation a decoder may make. Default 384 MiB: a 100-megapixel RGB image
    /// (300 MB) fits, a decompression bomb does not.
    pub max_alloc_bytes: u64,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_read_bytes: 64 << 20,
            max_side_px: 16384,
            max_alloc_bytes: 384 << 20,
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("no such file")]
    NotFound,
    #[error("not a regular file (it is {0})")]
    NotARegularFile(&'static str),
    #[error("permission denied")]
    PermissionDenied,
    #[error("too many levels of symbolic links (a symlink loop?)")]
    SymlinkLoop,
    #[error("cannot read it ({0})")]
    Io(String),
}

impl OpenError {
    pub fn from_io(err: &std::io::Error) -> OpenError {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::NotFound => OpenError::NotFound,
            ErrorKind::PermissionDenied => OpenError::PermissionDenied,
            _ if err.raw_os_error() == Some(libc::ELOOP) => OpenError::SymlinkLoop,
            // The OS error text names no path and no file content, so it is safe to show.
            _ => OpenError::Io(err.kind().to_string()),
        }
    }
}

/// The bytes of a file, or only its head when it is over the reading limit.
#[derive(Debug)]
pub enum Contents {
    Whole(Vec<u8>),
    /// The file is larger than [`LoadLimits::max_read_bytes`]; only the first bytes were read.
    HeadOnly(Vec<u8>),
}

/// A file read from disk, with what can be told without decoding it.
#[derive(Debug)]
pub struct LoadedFile {
    /// Size in bytes according to the file system.
    pub size: u64,
    /// The format its content shows, `None` when not a format we know (text, zip, garbage).
    pub format: Option<Format>,
    /// The file-name extension, lower-cased, if any.
    pub extension: Option<String>,
    pub contents: Contents,
}

/// How many bytes of a file are enough to recognise its format.
const SNIFF_BYTES: usize = 64;

/// Open and read a file within the limits. Never blocks on special files, never reads more
/// than `max_read_bytes + 1` bytes.
pub fn read_file(path: &Path, limits: &LoadLimits) -> Result<LoadedFile, OpenError> {
    let file = open_nonblocking(path).map_err(|e| OpenError::from_io(&e))?;
    // Judge the opened handle, not the path, so a swap between a check and the open cannot
    // slip a FIFO or device past us.
    let meta = file.metadata().map_err(|e| OpenError::from_io(&e))?;
    let file_type = meta.file_type();
    if !file_type.is_file() {
        return Err(OpenError::NotARegularFile(describe_file_type(&file_type)));
    }
    let size = meta.len();
    let cap = if size > limits.max_read_bytes {
        SNIFF_BYTES as u64
    } else {
        // One byte more than allowed, to notice a file that grew after the stat.
        limits.max_read_bytes + 1
    };
    let mut bytes = Vec::with_capacity(size.min(cap) as usize);
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| OpenError::from_io(&e))?;
    let format = Format::sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    let contents = if bytes.len() as u64 > limits.max_read_bytes || size > limits.max_read_bytes {
        bytes.truncate(SNIFF_BYTES);
        Contents::HeadOnly(bytes)
    } else {
        Contents::Whole(bytes)
    };
    Ok(LoadedFile {
        size,
        format,
        extension: path.extension().map(|e| e.to_string_lossy().to_lowercase()),
        contents,
    })
}

/// Treat bytes already in memory as a file named with `extension` (lower case, no dot),
/// applying the same reading limit as [`read_file`].
pub fn from_bytes(mut bytes: Vec<u8>, extension: Option<&str>, limits: &LoadLimits) -> LoadedFile {
    let size = bytes.len() as u64;
    let format = Format::sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    let contents = if size > limits.max_read_bytes {
        bytes.truncate(SNIFF_BYTES);
        Contents::HeadOnly(bytes)
    } else {
        Contents::Whole(bytes)
    };
    LoadedFile {
        size,
        format,
        extension: extension.map(str::to_lowercase),
        contents,
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn describe_file_type(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Why pixels or header could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the image is larger than this tool decodes ({0})")]
    OverLimits(String),
    // The decoder's own text is not shown: it can quote bytes of the file.
    #[error("the {0} data is corrupt and could not be decoded")]
    Corrupt(&'static str),
}

/// What the image header says, read without decoding the pixels.
#[derive(Debug, Clone)]
pub struct ImageHeader {
    /// Width and height as displayed, i.e. after EXIF orientation.
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
    /// EXIF facts, `None` when the file carries no (valid) EXIF block.
    pub metadata: Option<Metadata>,
}

fn decoder_for<'a>(
    bytes: &'a [u8],
    format: Format,
    limits: &LoadLimits,
) -> Result<impl ImageDecoder + 'a, DecodeError> {
    let image_format = format
        .image_format()
        .expect("only decodable formats reach the decoder");
    let bytes = if format == Format::Png {
        png_without_colour_profile(bytes)
    } else {
        Cow::Borrowed(bytes)
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut image_limits = image::Limits::default();
    image_limits.max_image_width = Some(limits.max_side_px);
    image_limits.max_image_height = Some(limits.max_side_px);
    image_limits.max_alloc = Some(limits.max_alloc_bytes);
    reader.limits(image_limits);
    reader
        .into_decoder()
        .map_err(|e| classify(e, format, limits))
}

/// The PNG without its `iCCP` chunks. The png decoder inflates a colour profile as soon as it
/// reads the header, up to the allocation limit: a 400 KB file whose profile is 400 MB of zeros
/// cost 400 MB before a pixel was read. No check uses colour profiles (colours are judged as
/// stored), so the chunk is dropped before decoding; other chunks are copied as they are.
fn png_without_colour_profile(bytes: &[u8]) -> Cow<'_, [u8]> {
    let chunks: Vec<png::Chunk> = png::chunks(bytes).collect();
    if !chunks.iter().any(|c| &c.kind == b"iCCP") {
        return Cow::Borrowed(bytes);
    }
    let signature = png::SIGNATURE.len().min(bytes.len());
    let mut out = bytes[..signature].to_vec();
    for chunk in chunks.iter().filter(|c| &c.kind != b"iCCP") {
        out.extend_from_slice(&bytes[chunk.bytes.clone()]);
    }
    // Anything after the last whole chunk header (a cut-off file) stays, for the decoder to
    // report as it would.
    let walked = chunks.last().map_or(signature, |c| c.bytes.end);
    out.extend_from_slice(&bytes[walked..]);
    Cow::Owned(out)
}

fn classify(err: image::ImageError, format: Format, limits: &LoadLimits) -> DecodeError {
    match err {
        image::ImageError::Limits(_) => DecodeError::OverLimits(format!(
            "at most {} px a side and {} MiB of memory",
            limits.max_side_px,
            limits.max_alloc_bytes >> 20
        )),
        _ => DecodeError::Corrupt(format.name()),
    }
}

/// Read dimensions, orientation and EXIF from the header of a decodable image.
pub fn read_header(
    bytes: &[u8],
    format: Format,
    limits: &LoadLimits,
) -> Result<ImageHeader, DecodeError> {
    let mut decoder = decoder_for(bytes, format, limits)?;
    let (stored_width, stored_height) = decoder.dimensions();
    // A broken EXIF block is common (editors mangle it) and must not stop the photo checks.
    let metadata = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .and_then(Metadata::from_exif);
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = if swaps_axes(orientation) {
        (stored_height, stored_width)
    } else {
        (stored_width, stored_height)
    };
    Ok(ImageHeader {
        width,
        height,
        orientation,
        metadata,
    })
}

/// Which metadata blocks a decoder finds in the file: `EXIF`, `XMP`, `IPTC`. Used to verify
/// that a scrubbed copy holds none; a block the decoder cannot parse counts as present.
pub fn metadata_blocks(
    bytes: &[u8],
    format: Format,
    limits: &LoadLimits,
) -> Result<Vec<&'static str>, DecodeError> {
    let mut decoder = decoder_for(bytes, format, limits)?;
    let mut found = Vec::new();
    let present = |block: image::ImageResult<Option<Vec<u8>>>| !matches!(block, Ok(None));
    if present(decoder.exif_metadata()) {
        found.push("EXIF");
    }
    if present(decoder.xmp_metadata()) {
        found.push("XMP");
    }
    if present(decoder.iptc_metadata()) {
        found.push("IPTC");
    }
    Ok(found)
}

/// Decode the pixels and turn them upright according to EXIF.
pub fn decode_pixels(
    bytes: &[u8],
    format: Format,
    limits: &LoadLimits,
) -> Result<DynamicImage, DecodeError> {
    let mut decoder = decoder_for(bytes, format, limits)?;
    // `ImageReader::decode` reserves the pixel buffer against the allocation limit; going
    // through the decoder directly (to read the orientation) skips that, so it is done here.
    // Without it a 1 MB PNG of 12000×12000 pixels decoded to 432 MB.
    let mut allocation = image::Limits::default();
    allocation.max_alloc = Some(limits.max_alloc_bytes);
    allocation
        .reserve(decoder.total_bytes())
        .map_err(|e| classify(e, format, limits))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = if decoder.color_type() == image::ColorType::Rgb8 {
        // Nearly every photo: decoded into this thread's spare buffer ([`spare`]).
        let (width, height) = decoder.dimensions();
        let mut pixels = spare::take(decoder.total_bytes() as usize);
        decoder
            .read_image(&mut pixels)
            .map_err(|e| classify(e, format, limits))?;
        // (The buffer is the size the decoder advertised, so this cannot fail.)
        let pixels = image::RgbImage::from_raw(width, height, pixels)
            .ok_or(DecodeError::Corrupt(format.name()))?;
        DynamicImage::ImageRgb8(pixels)
    } else {
        DynamicImage::from_decoder(decoder).map_err(|e| classify(e, format, limits))?
    };
    image.apply_orientation(orientation);
    Ok(image)
}

fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Structural completeness; see [`integrity`].
pub fn inspect_integrity(format: Format, bytes: &[u8]) -> Integrity {
    integrity::inspect(format, bytes)
}
