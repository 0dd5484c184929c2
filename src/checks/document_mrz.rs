//! `document.mrz`: the machine-readable zone reads, and every check digit in it holds.

use super::{Check, Outcome, Run};
use crate::mrz::{MIN_PHOTO_PITCH_PX, ParseError, parse_mrz};
use crate::options::Options;
use crate::report::Category;
use crate::scene::Scene;
use crate::vision::layout::DocumentKind;

pub static CHECK: Check = Check {
    id: "document.mrz",
    category: Category::Document,
    title: "Machine-readable zone",
    summary: "The machine-readable zone can be read, and every check digit in it is right.",
    what: "Finds the machine-readable zone (the two or three lines of `<<<` text) on the \
           document, reads it by matching each character with the OCR-B typeface it is printed \
           in, and verifies its check digits (ICAO 9303). Fails when a check digit is wrong, \
           or when any character cannot be read with confidence (never guessing), or when the \
           characters are under 9 px apart in the photo (too small to tell E from F); skips \
           documents without one, such as an ID card's front.",
    why: "Verification services read the machine-readable zone automatically and compare it \
          with the printed details and the form. When it cannot be read (glare on the bottom \
          lines, blur, a finger, a cut-off edge) the submission goes to manual review or is \
          refused; a wrong check digit marks a damaged, altered or fake document.",
    fix: "Photograph the page flat, in even light with no glare on the bottom lines, in focus, \
          with the whole zone inside the photo. If it still fails with a sharp photo, the \
          document itself may be damaged: contact its issuer.",
    hint: "Retake the photo flat, in focus, with no glare on the bottom lines of text.",
    run: Run::File(run),
};

/// Field names as the person knows them.
fn field_name(field: &str) -> &'static str {
    match field {
        "document_number" => "document number",
        "birth_date" => "birth date",
        "expiry_date" => "expiry date",
        "optional_data" => "personal number",
        _ => "whole zone (composite)",
    }
}

fn run(scene: &Scene, _options: &Options) -> Outcome {
    let reading = match scene.mrz() {
        Ok(reading) => reading,
        Err(why) => return why.outcome(),
    };
    let unreadable = "The machine-readable zone could not be read with confidence";
    let Some(reading) = reading else {
        // No zone read, through the document's layout or anywhere in the photo.
        let view = match scene.document() {
            Ok(view) => view,
            Err(why) => return why.outcome(),
        };
        let Some(band) = &view.layout.mrz else {
            // A card's front has none; a back whose zone is covered or washed out looks the
            // same.
            let what = match view.layout.kind {
                DocumentKind::Id1Front => "No machine-readable zone on this side of the card",
                _ => "No machine-readable zone was found on the document",
            };
            return Outcome::skip(format!(
                "{what}: nothing to read. If it has one (the <<< lines), it is hidden or too \
                 faint: photograph that side, uncovered, to check it."
            ));
        };
        return Outcome::fail(format!(
            "{unreadable}: its {} lines of text could not be told apart.",
            band.lines
        ))
        .with_region(view.box_in_photo(view.layout.in_image(band.zone)));
    };
    let region = reading.zone.clone();
    if reading.photo_pitch < MIN_PHOTO_PITCH_PX {
        return Outcome::fail(format!(
            "{unreadable}: its characters are only {:.1} px apart in the photo, and at least \
             {MIN_PHOTO_PITCH_PX} are needed to tell similar letters apart.",
            reading.photo_pitch
        ))
        .hint(
            "Retake the photo closer, so that the document fills most of the frame, at full \
             resolution.",
        )
        .measured(
            reading.photo_pitch.into(),
            MIN_PHOTO_PITCH_PX.into(),
            "px per character",
        )
        .with_region(region);
    }
    if !reading.uncertain.is_empty() {
        let n = reading.uncertain.len();
        let lines: std::collections::BTreeSet<usize> =
            reading.uncertain.iter().map(|p| p.0).collect();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        return Outcome::fail(format!(
            "{unreadable}: {n} character{} on line {} {} unclear — retake the photo.",
            if n == 1 { "" } else { "s" },
            lines.join(" and "),
            if n == 1 { "is" } else { "are" }
        ))
        .measured(n as f64, 0.0, "unclear characters")
        .with_region(region);
    }
    let Some(parsed) = &reading.parsed else {
        // Read with confidence, yet not parsed: the parser says why.
        if parse_mrz(&reading.lines.join("\n")) == Err(ParseError::PassportShort) {
            return Outcome::fail(format!(
                "{unreadable}: it reads as a passport's zone with lines 8 characters short — \
                 part of it is cut off or covered."
            ))
            .hint("Retake the photo with the whole page inside it, nothing covering the lines.")
            .with_region(region);
        }
        return Outcome::fail(format!(
            "{unreadable}: the text read does not have the layout of a {} zone.",
            reading.format.name()
        ))
        .with_region(region);
    };
    let failing: Vec<&str> = parsed
        .checks
        .iter()
        .filter(|c| !c.valid)
        .map(|c| field_name(c.field))
        .collect();
    if failing.is_empty() {
        Outcome::pass(format!(
            "Read the {} machine-readable zone: all {} check digits are right.",
            reading.format.name(),
            parsed.checks.len()
        ))
        .with_region(region)
    } else {
        Outcome::fail(format!(
            "The machine-readable zone ({}) was read, but the check digit of the {} does not \
             match.",
            reading.format.name(),
            failing.join(", the ")
        ))
        .hint(
            "Retake the photo sharp and without glare; if the same digit fails again, the \
             document may be damaged or altered: contact its issuer.",
        )
        .measured(failing.len() as f64, 0.0, "failing check digits")
        .with_region(region)
    }
}
