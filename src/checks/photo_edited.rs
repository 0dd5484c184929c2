//! `photo.edited`: does the photo's metadata say an image editor saved it?

use super::{Check, Outcome, Run};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;

pub static CHECK: Check = Check {
    id: "photo.edited",
    category: Category::Photo,
    title: "Unedited original",
    summary: "The photo's metadata does not name an image editor (Photoshop, GIMP, Snapseed, Meitu…).",
    what: "Reads the EXIF Software tag, which the last program to save the file fills in. Phones \
           write their firmware version there; editors write their own name. A known editor's \
           name (Photoshop, Lightroom, GIMP, Snapseed, PicsArt, Meitu, Facetune and others) \
           warns. Editing leaves no trace when the metadata was removed, so a pass means only \
           that no editor is named.",
    why: "Verification services look for signs of tampering. A document photo that went through \
          an editor, even only to crop or brighten it, is flagged as possibly manipulated and \
          often rejected or sent to slower manual review.",
    fix: "Upload the photo exactly as the camera took it. If it needs cropping or is too dark, \
          take a new photo instead of editing the old one.",
    hint: "Edited images are often rejected; upload the original photo from the camera.",
    run: Run::File(run),
};

/// Editors, matched case-insensitively as whole words in the Software tag. Camera firmware
/// strings ("17.1.2", "G998BXXU5CVDD", "HDR+ 1.0") match none of them.
const EDITORS: &[&str] = &[
    "photoshop",
    "lightroom",
    "gimp",
    "snapseed",
    "picsart",
    "meitu",
    "美图",
    "facetune",
    "pixlr",
    "paint.net",
    "paintshop",
    "affinity photo",
    "pixelmator",
    "photopea",
    "canva",
    "vsco",
    "airbrush",
    "beautyplus",
    "faceapp",
    "fotor",
    "polarr",
    "photoscape",
    "luminar",
    "capture one",
    "darktable",
    "rawtherapee",
    "krita",
    "acdsee",
    "corel",
    "picasa",
    "醒图",
    "b612",
    "snow",
    "ulike",
];

fn run(scene: &Scene, _options: &Options) -> Outcome {
    let header = match scene.header() {
        Ok(header) => header,
        Err(why) => return why.outcome(),
    };
    let Some(metadata) = &header.metadata else {
        return Outcome::pass(
            "The photo carries no EXIF metadata, so no editor is named (editing cannot be ruled \
             out).",
        );
    };
    match metadata.software.as_deref() {
        Some(software) => match editor_named_in(software) {
            Some(editor) => Outcome::warn(format!(
                "The metadata says the file was last saved by an image editor ({editor})."
            )),
            None => Outcome::pass("The software named in the metadata is not an image editor."),
        },
        None => Outcome::pass("No software is named in the metadata."),
    }
}

/// The editor a Software tag names, as listed in [`EDITORS`].
fn editor_named_in(software: &str) -> Option<&'static str> {
    let lower = software.to_lowercase();
    EDITORS.iter().copied().find(|editor| {
        lower.match_indices(editor).any(|(start, matched)| {
            let before = lower[..start].chars().next_back();
            let after = lower[start + matched.len()..].chars().next();
            // CJK names stand without spaces around them; Latin names must be whole words
            // ("snow" must not match "Snowdon").
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            !editor.is_ascii() || (boundary(before) && boundary(after))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::editor_named_in;

    #[test]
    fn editors_are_named_and_firmware_is_not() {
        assert_eq!(
            editor_named_in("Adobe Photoshop 25.1 (Macintosh)"),
            Some("photoshop")
        );
        assert_eq!(editor_named_in("GIMP 2.10.34"), Some("gimp"));
        assert_eq!(editor_named_in("美图秀秀"), Some("美图"));
        assert_eq!(editor_named_in("Snapseed 2.0"), Some("snapseed"));
        for firmware in [
            "17.1.2",
            "G998BXXU5CVDD",
            "HDR+ 1.0.540104767zd",
            "Snowdon v2",
            "Canvas 3",
        ] {
            assert_eq!(editor_named_in(firmware), None, "{firmware}");
        }
    }
}
