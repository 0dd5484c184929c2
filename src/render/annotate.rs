//! `--annotate`: the photo with what the checks found drawn over it, and a legend.
//!
//! People would rather look than read: the picture shows the document outline that was
//! judged (green when its placement is fine, red when not), every region a failing or warning
//! finding points at (a cut-off corner, a glare patch, a finger), the machine-readable zone,
//! and below the photo one legend line per failing or warning check, numbered like its
//! regions. Everything drawn comes from the report, so the picture never says more than the
//! checklist (and masks personal data the same way). The photo is shrunk to at most
//! [`LONG_SIDE`] pixels so a folder of annotations stays small.

use std::path::Path;

use ab_glyph::{FontRef, PxScale};
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage};
use imageproc::drawing::{draw_filled_rect_mut, draw_line_segment_mut, draw_text_mut};
use imageproc::rect::Rect;

use crate::report::{FileReport, Point, Status};
use crate::vision::proxy::downscale_rgb;

/// The annotated photo's longer side, at most.
pub const LONG_SIDE: u32 = 1200;

/// The vendored OCR-B, shipped for the MRZ reader: clear at small sizes too.
static FONT: &[u8] = crate::mrz::recognise::OCR_B;

const OUTLINE_OK: Rgb<u8> = Rgb([40, 200, 80]);
const FAILED: Rgb<u8> = Rgb([230, 30, 30]);
const WARNED: Rgb<u8> = Rgb([245, 160, 0]);
const MRZ: Rgb<u8> = Rgb([40, 120, 255]);
const INK: Rgb<u8> = Rgb([20, 20, 20]);
const PAPER: Rgb<u8> = Rgb([250, 250, 250]);

/// Draw the report's findings over `image` (the upright photo the report is about).
pub fn annotate(image: &DynamicImage, report: &FileReport) -> RgbImage {
    let (photo, to_full) = downscale_rgb(image, LONG_SIDE);
    let scale = 1.0 / to_full;
    let (w, h) = (photo.width(), photo.height());
    let thickness = (w.max(h) / 400).max(2) as i32;
    let text_px = (w.max(480) as f32 / 55.0).clamp(14.0, 30.0);
    let line_height = (text_px * 1.35).ceil() as u32;
    let font = FontRef::try_from_slice(FONT).expect("the vendored OCR-B font parses");

    let noted: Vec<_> = report
        .checks
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Warn | Status::Error))
        .collect();
    let legend = legend_lines(report, &noted, w, text_px);
    let mut canvas = RgbImage::from_pixel(w, h + line_height * (legend.len() as u32 + 1), PAPER);
    image::imageops::replace(&mut canvas, &photo, 0, 0);

    let shrink = |p: &Point| [p[0] * scale, p[1] * scale];
    if let Some(document) = &report.document {
        let placement_ok = !noted.iter().any(|f| {
            matches!(
                f.id.as_str(),
                "photo.corners" | "photo.framing" | "photo.perspective"
            )
        });
        let colour = if placement_ok { OUTLINE_OK } else { FAILED };
        if let Some(corners) = &document.corners {
            polygon(&mut canvas, &corners.map(|p| shrink(&p)), colour, thickness);
        }
        if let Some(mrz) = &document.mrz_zone {
            let zone: Vec<Point> = mrz.iter().map(shrink).collect();
            polygon(&mut canvas, &zone, MRZ, thickness);
        }
    }
    for (number, finding) in noted.iter().enumerate() {
        let colour = status_colour(finding.status);
        for region in &finding.regions {
            let points: Vec<Point> = region.iter().map(shrink).collect();
            polygon(&mut canvas, &points, colour, thickness);
            // The legend number beside the region, inside the photo.
            if let Some(anchor) = points.first() {
                let x = (anchor[0] as i32).clamp(0, w as i32 - text_px as i32 * 2);
                let y =
                    (anchor[1] as i32 - line_height as i32).clamp(0, h as i32 - line_height as i32);
                let label = format!("{}", number + 1);
                draw_filled_rect_mut(
                    &mut canvas,
                    Rect::at(x, y).of_size((text_px as u32) * label.len() as u32, line_height),
                    colour,
                );
                draw_text_mut(
                    &mut canvas,
                    PAPER,
                    x + 2,
                    y + 2,
                    PxScale::from(text_px),
                    &font,
                    &label,
                );
            }
        }
    }
    for (i, (colour, text)) in legend.iter().enumerate() {
        let y = (h + line_height / 2 + i as u32 * line_height) as i32;
        draw_filled_rect_mut(
            &mut canvas,
            Rect::at(6, y + 3).of_size(text_px as u32 - 6, text_px as u32 - 6),
            *colour,
        );
        draw_text_mut(
            &mut canvas,
            INK,
            6 + text_px as i32,
            y,
            PxScale::from(text_px),
            &font,
            text,
        );
    }
    canvas
}

/// Save `picture` as a PNG at `path`, replacing an earlier annotation there. It is written
/// beside the target under a temporary name and renamed, so an interrupted run never leaves
/// half a picture. (Callers make sure `path` is not one of their inputs.)
pub fn save_png(picture: &RgbImage, path: &Path) -> Result<(), String> {
    crate::output::write_atomically(path, true, |out| {
        image::codecs::png::PngEncoder::new(out)
            .write_image(
                picture.as_raw(),
                picture.width(),
                picture.height(),
                image::ExtendedColorType::Rgb8,
            )
            .map_err(std::io::Error::other)
    })
    .map_err(|e| format!("cannot write the annotated picture: {e}"))
}

fn status_colour(status: Status) -> Rgb<u8> {
    if status == Status::Warn {
        WARNED
    } else {
        FAILED
    }
}

/// One legend line per noted finding ("1 FAIL Corners in the photo: …"), cut to the width
/// of the picture, or a single line saying that nothing failed.
fn legend_lines(
    report: &FileReport,
    noted: &[&crate::report::Finding],
    width: u32,
    text_px: f32,
) -> Vec<(Rgb<u8>, String)> {
    // OCR-B is monospaced, about 0.6 em wide.
    let columns = ((width as f32 - 2.0 * text_px) / (text_px * 0.62)).max(20.0) as usize;
    let mut lines: Vec<(Rgb<u8>, String)> = noted
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let word = match f.status {
                Status::Warn => "WARN",
                Status::Error => "ERROR",
                _ => "FAIL",
            };
            let text = format!("{} {word} {}: {}", i + 1, f.title, f.message);
            (status_colour(f.status), fit(&plain(&text), columns))
        })
        .collect();
    if lines.is_empty() {
        lines.push((OUTLINE_OK, "Every check passed.".to_owned()));
    }
    if let Some(document) = &report.document
        && document.others > 0
    {
        let text = format!(
            "Outline: the document judged ({} other{} seen).",
            document.others,
            if document.others == 1 { "" } else { "s" }
        );
        lines.push((OUTLINE_OK, fit(&text, columns)));
    }
    lines
}

/// The text with the typography OCR-B lacks replaced by plain ASCII.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '—' | '–' => out.push('-'),
            '’' | '‘' => out.push('\''),
            '“' | '”' => out.push('"'),
            '×' => out.push('x'),
            '…' => out.push_str("..."),
            '°' => out.push_str(" deg"),
            c if c.is_ascii() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}

/// Cut `text` to `columns` characters, ending in "..." when cut.
fn fit(text: &str, columns: usize) -> String {
    if text.chars().count() <= columns {
        return text.to_owned();
    }
    let kept: String = text.chars().take(columns.saturating_sub(3)).collect();
    format!("{}...", kept.trim_end())
}

/// A closed polygon `thickness` pixels wide (lines drawn side by side).
fn polygon(canvas: &mut RgbImage, points: &[Point], colour: Rgb<u8>, thickness: i32) {
    for i in 0..points.len() {
        let (a, b) = (points[i], points[(i + 1) % points.len()]);
        for dx in 0..thickness {
            for dy in 0..thickness {
                let (ox, oy) = ((dx - thickness / 2) as f32, (dy - thickness / 2) as f32);
                draw_line_segment_mut(
                    canvas,
                    (a[0] as f32 + ox, a[1] as f32 + oy),
                    (b[0] as f32 + ox, b[1] as f32 + oy),
                    colour,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Finding;

    fn finding(status: Status, regions: Vec<Vec<Point>>) -> Finding {
        Finding {
            id: "photo.glare".into(),
            category: crate::report::Category::Photo,
            status,
            title: "No glare".into(),
            message: "Glare blows out 3% of the document — over the MRZ.".into(),
            hint: None,
            measured: None,
            threshold: None,
            unit: None,
            regions,
        }
    }

    #[test]
    fn regions_are_drawn_and_a_legend_is_added_below() {
        let photo = DynamicImage::ImageRgb8(RgbImage::from_pixel(800, 600, Rgb([90, 90, 90])));
        let square = vec![
            [100.0, 100.0],
            [300.0, 100.0],
            [300.0, 300.0],
            [100.0, 300.0],
        ];
        let mut report =
            FileReport::from_findings("x.jpg".into(), vec![finding(Status::Fail, vec![square])]);
        report.document = Some(crate::report::JudgedDocument {
            kind: "td3".into(),
            corners: Some([[50.0, 50.0], [750.0, 50.0], [750.0, 550.0], [50.0, 550.0]]),
            fills_frame: false,
            mrz_zone: None,
            mrz: None,
            others: 0,
        });
        let out = annotate(&photo, &report);
        assert_eq!(out.width(), 800);
        assert!(out.height() > 600, "a legend band below the photo");
        // The glare region's edge is red, the outline red (a check failed, but not a
        // placement check, so the outline is green), the photo elsewhere untouched.
        assert_eq!(*out.get_pixel(200, 100), FAILED);
        assert_eq!(*out.get_pixel(400, 50), OUTLINE_OK);
        assert_eq!(*out.get_pixel(400, 400), Rgb([90, 90, 90]));
        // Some legend text was drawn (dark pixels in the band).
        let inked = (600..out.height())
            .flat_map(|y| (0..800).map(move |x| (x, y)))
            .filter(|&(x, y)| out.get_pixel(x, y).0[0] < 100)
            .count();
        assert!(inked > 50, "{inked}");
    }

    #[test]
    fn legend_text_is_plain_and_fits() {
        assert_eq!(plain("a — b × c… 7°"), "a - b x c... 7 deg");
        assert_eq!(fit("abcdefghij", 8), "abcde...");
        assert_eq!(fit("short", 8), "short");
    }

    #[test]
    fn a_picture_is_written_whole_and_replaces_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.annotated.png");
        std::fs::write(&path, b"an earlier run").unwrap();
        save_png(&RgbImage::from_pixel(4, 3, PAPER), &path).unwrap();
        let back = image::open(&path).unwrap();
        assert_eq!((back.width(), back.height()), (4, 3));
        // Nothing else is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no-such-folder").join("y.png");
        assert!(save_png(&RgbImage::new(2, 2), &missing).is_err());
    }
}
