//! `photo.screen`: a photo of the document itself, not of a screen, and not a screenshot.

use super::{Check, Outcome, Run};
use crate::load::Format;
use crate::options::Options;
use crate::report::Category;
use crate::scene::{Scene, Unavailable};
use crate::vision::screen;

pub static CHECK: Check = Check {
    id: "photo.screen",
    category: Category::Photo,
    title: "Photo of the original",
    summary: "Not a photo of a screen (pixel grid, moiré) and not a screenshot.",
    what: "Two kinds of evidence. A photo of a screen carries the screen's pixel grid: one sharp \
           peak in the spatial spectrum, the same in every part of the document; fails when it \
           stands 2000 times above its surroundings everywhere, warns at three quarters of that \
           (`screen_grid_fail` in --config). A screenshot is told by the sum of its signs: \
           exactly a phone's or monitor's size in pixels (2 points), a phone's status bar along \
           the top (2), no camera in the metadata (1), saved as PNG (1); 4 points fail, 3 warn. \
           One sign alone proves nothing: scans carry no camera either.",
    why: "Services want the physical document: a photo of a screen or a screenshot could show an \
          edited image, and the screen hides the security printing. Such uploads are refused.",
    fix: "Photograph the physical document with the phone's camera; do not photograph a picture \
          of it on another screen, and do not upload a screenshot.",
    hint: "Photograph the physical document itself, not a screen or a screenshot.",
    run: Run::File(run),
};

/// The screenshot signs, with their weights.
fn screenshot_signs(scene: &Scene) -> Result<(u32, Vec<&'static str>), Unavailable> {
    let header = scene.header()?;
    let mut points = 0;
    let mut signs = Vec::new();
    if screen::is_screen_size(header.width, header.height) {
        points += 2;
        signs.push("exactly a screen's size");
    }
    let proxy = scene.proxy()?;
    if screen::has_status_bar(&crate::vision::proxy::grey_to_u8(&proxy.grey)) {
        points += 2;
        signs.push("a phone's status bar along the top");
    }
    if header.metadata.as_ref().is_none_or(|m| m.camera.is_none()) {
        points += 1;
        signs.push("no camera in its metadata");
    }
    if scene.file.format == Some(Format::Png) {
        points += 1;
        signs.push("saved as PNG");
    }
    Ok((points, signs))
}

fn run(scene: &Scene, options: &Options) -> Outcome {
    let (points, signs) = match screenshot_signs(scene) {
        Ok(found) => found,
        Err(why) => return why.outcome(),
    };
    let pixels = match scene.pixels() {
        Ok(pixels) => pixels,
        Err(why) => return why.outcome(),
    };
    // The grid is looked for over the document, or over the whole photo when none was found.
    let corners = match scene.document() {
        Ok(view) => view.outline.corners,
        Err(_) => {
            let (w, h) = (f64::from(pixels.width()), f64::from(pixels.height()));
            [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]]
        }
    };
    let grid = screen::grid(pixels, &corners);
    let limit = options.thresholds.screen_grid_fail;
    let unit = "peak over its surroundings in the spectrum";
    let period = grid
        .period_px
        .map_or(String::new(), |p| format!(" every {p:.1} px"));
    if grid.strength >= limit {
        return Outcome::fail(format!(
            "This is a photo of a screen: a regular pixel grid{period} runs over the whole \
             document."
        ))
        .measured(grid.strength, limit, unit);
    }
    let list = signs.join(", ");
    if points >= 4 {
        return Outcome::fail(format!("This looks like a screenshot: {list}.")).measured(
            grid.strength,
            limit,
            unit,
        );
    }
    if grid.strength >= 0.75 * limit {
        return Outcome::warn(format!(
            "This may be a photo of a screen: a regular pattern{period} runs over the document."
        ))
        .measured(grid.strength, 0.75 * limit, unit);
    }
    if points == 3 {
        return Outcome::warn(format!("This may be a screenshot: {list}.")).measured(
            grid.strength,
            limit,
            unit,
        );
    }
    Outcome::pass("A photo of the document itself: no screen grid, not a screenshot.").measured(
        grid.strength,
        limit,
        unit,
    )
}
