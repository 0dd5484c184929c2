//! `file.format`: is the file really a format the upload form accepts?

use super::{Check, Outcome, Run};
use crate::load::Format;
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;

pub static CHECK: Check = Check {
    id: "file.format",
    category: Category::File,
    title: "File format",
    summary: "The file's real format (read from its content) is JPEG or PNG, and its name says so.",
    what: "Reads the first bytes of the file to find its real format, whatever its name says, and \
           compares it with the formats upload forms accept (JPEG and PNG by default; \
           `accepted_formats` in --config). HEIC/HEIF, AVIF, WebP, TIFF, BMP, GIF and PDF are \
           recognised and fail with a conversion hint. A name whose extension claims another \
           format than the content is a warning.",
    why: "Verification services take JPEG and PNG photos. HEIC, the iPhone camera default, is \
          refused by most of them or arrives unreadable; PDFs and screenshots in other formats \
          are refused as not being photos. Renaming a HEIC file to .jpg does not convert it, and \
          some forms reject a file whose content does not match its name.",
    fix: "Convert the photo to JPEG. On an iPhone, set Settings › Camera › Formats › Most \
          Compatible for future photos, or share the photo through Mail or Files, which converts \
          it; on a computer, open it and export or save it as JPEG. If only the name is wrong, \
          rename the file to the extension of its real format.",
    hint: "Export or convert the photo to JPEG.",
    run: Run::File(run),
};

fn run(scene: &Scene, options: &Options) -> Outcome {
    let file = &scene.file;
    if file.size == 0 {
        return Outcome::error("The file is empty, so it has no format.")
            .hint("Copy or export the photo again; the file holds no data.");
    }
    let Some(format) = file.format else {
        return Outcome::error(
            "The content is not an image format this tool recognises (a text file, an archive, \
             or corrupt data).",
        )
        .hint("Check that this is the photo you meant, and export it again as JPEG.");
    };
    let accepted = &options.thresholds.accepted_formats;
    if !accepted.contains(&format) {
        let hint = match format {
            Format::Heif => {
                "Convert it to JPEG: on iPhone choose Settings › Camera › Formats › Most \
                 Compatible, or share the photo through Mail or Files, which converts it."
            }
            Format::Pdf => {
                "Upload a photo of the document as JPEG, not a PDF; if you scanned it, export \
                 the scan as a JPEG image."
            }
            _ => "Open it in a photo app and export or save it as JPEG.",
        };
        let names: Vec<&str> = accepted.iter().map(|f| f.name()).collect();
        return Outcome::fail(format!(
            "The file is {} ({}); upload forms accept {}.",
            format.name(),
            extension_note(file.extension.as_deref(), format),
            names.join(" or ")
        ))
        .hint(hint);
    }
    match file.extension.as_deref() {
        None => Outcome::warn(format!(
            "The content is {} but the file name has no extension.",
            format.name()
        ))
        .hint(format!(
            "Rename the file to end in .{}; upload forms pick files by extension.",
            format.extensions()[0]
        )),
        Some(ext) if !format.extensions().contains(&ext) => Outcome::warn(format!(
            "The content is {} but the name ends in .{}.",
            format.name(),
            crate::text::escape(ext)
        ))
        .hint(format!(
            "Rename the file to end in .{} (its real format); some forms reject a mismatch.",
            format.extensions()[0]
        )),
        Some(_) => Outcome::pass(format!("{}, as its name says.", format.name())),
    }
}

fn extension_note(extension: Option<&str>, format: Format) -> String {
    match extension {
        Some(ext) if format.extensions().contains(&ext) => "by content and name".into(),
        Some(ext) => format!(
            "by content, although the name ends in .{}",
            crate::text::escape(ext)
        ),
        None => "by content".into(),
    }
}
