//! The status each check should report on a sample, derived from the sample's truth.
//!
//! These rules define what "right" means for the accuracy harness, so they are written from
//! the published anchors (DESIGN.md), never from what a check happens to measure:
//!
//! | check | problem when | source |
//! |---|---|---|
//! | `photo.document` | no document in the photo, or its outline lost (under 2 grey levels of contrast with the background: below one just-noticeable difference, ~1% of white) | capture SDKs need the document's edges; "photograph it on a plain, contrasting surface" |
//! | `photo.corners` | a corner within 2% of the image side of an edge, or outside | BlinkID `inputImageMargin` 0.02 |
//! | `photo.framing` | fail below 40% of the frame; warn above 95% | Veridas: document 40–90% of the frame |
//! | `photo.perspective` | warn when a corner angle is more than 5° from square | Regula `angleThreshold` 5° |
//! | `photo.resolution` | fail below 150 dpi on the document, warn below 300 | Regula `dpiThreshold` 150; 300 dpi comfortable |
//! | `photo.blur` | defocus σ > 2.5 px (warn > 1.5) or motion > 10 px (warn > 5) on the document at 1000 px wide; warn when the document is 300 dpi or more but its blur in the photo's own pixels (added in quadrature to a sharp photo's 0.6 px; for motion, the median over four edge directions) exceeds 0.9 px and leaves under 300 dpi of detail | MRZ strokes are ~3 px there; a blur of their size merges characters; the resolution check's 300 dpi |
//! | `photo.glare` | blown-out glare over 1% of the document (5% margin ignored) or on the MRZ or portrait | Regula glare rule |
//! | `photo.exposure` | fail under- or over-exposed; warn uneven light (≥ 2:1) | — |
//! | `photo.color` | a black-and-white copy | — |
//! | `photo.screen` | a photo of a screen, or a screenshot | — |
//! | `photo.occlusion` | warn when a finger covers any of the document | — |
//! | `document.mrz` | a wrong check digit, or an MRZ no reader could read: cut off, covered, glared, blurred past the fail line, or under 120 dpi (a dark or washed-out page's print can still be read, and the reader says when it cannot) | ICAO 9303 |
//! | `file.*`, `photo.edited`, `privacy.location` | by construction of the file | issue 2 defaults |
//!
//! Checks that cannot apply expect `skip`: everything about the document when there is none,
//! `document.mrz` on a card front. When the document is there but its outline is lost, what
//! needs the outline expects `skip` too, while exposure (judged on the whole frame) and the MRZ
//! (read without an outline) keep their expectations.

use std::collections::BTreeMap;

use kyc_preflight::Thresholds;
use kyc_preflight::vision::sharpness::INTRINSIC_BLUR_PX;

use crate::Label;
use crate::defects::Defect;

/// Below this contrast (grey levels) across its outline a document cannot be told from its
/// background: less than one just-noticeable difference (about 1% of white).
pub const OUTLINE_LOST_CONTRAST: f32 = 2.0;

pub const DPI_FAIL: f32 = 150.0;
pub const DPI_WARN: f32 = 300.0;
/// Below this the MRZ's 2.54 mm character cells are under 12 px: no reliable read.
pub const DPI_MRZ_UNREADABLE: f32 = 120.0;

pub fn expected_statuses(label: &Label) -> BTreeMap<String, String> {
    let thresholds = Thresholds::default();
    let mut out = BTreeMap::new();
    let mut set = |id: &str, status: &str| {
        out.insert(id.to_owned(), status.to_owned());
    };
    let has = |f: &dyn Fn(&Defect) -> bool| label.defects.iter().any(f);

    // File and metadata: by construction.
    set("file.format", "pass");
    set("file.complete", "pass");
    set(
        "file.size",
        if label.bytes > thresholds.max_file_bytes {
            "fail"
        } else if label.bytes < thresholds.min_file_bytes {
            "warn"
        } else {
            "pass"
        },
    );
    set(
        "photo.edited",
        if has(&|d| matches!(d, Defect::Edited { .. })) {
            "warn"
        } else {
            "pass"
        },
    );
    set(
        "privacy.location",
        if has(&|d| matches!(d, Defect::Location)) {
            "warn"
        } else {
            "pass"
        },
    );

    let Some(corners) = label.corners else {
        set("photo.document", "fail");
        for id in [
            "photo.corners",
            "photo.framing",
            "photo.perspective",
            "photo.resolution",
            "photo.blur",
            "photo.glare",
            "photo.exposure",
            "photo.color",
            "photo.screen",
            "photo.occlusion",
            "document.mrz",
        ] {
            set(id, "skip");
        }
        return out;
    };
    let outline_lost = label
        .outline_contrast
        .is_some_and(|c| c < OUTLINE_LOST_CONTRAST);
    set("photo.document", if outline_lost { "fail" } else { "pass" });

    let (w, h) = (label.width as f32, label.height as f32);
    let margin = 0.02 * w.min(h);
    let outside =
        |p: [f32; 2]| p[0] < margin || p[1] < margin || p[0] > w - margin || p[1] > h - margin;
    // All four within the margin and none beyond the photo: a tight crop, warned about.
    let beyond = |p: [f32; 2]| p[0] < 0.0 || p[1] < 0.0 || p[0] > w || p[1] > h;
    set(
        "photo.corners",
        if corners.iter().all(|&p| outside(p)) && !corners.iter().any(|&p| beyond(p)) {
            "warn"
        } else if corners.iter().any(|&p| outside(p)) {
            "fail"
        } else {
            "pass"
        },
    );

    let span = label.document_span.unwrap_or(0.0);
    set(
        "photo.framing",
        if span < 0.4 {
            "fail"
        } else if span > 0.95 {
            "warn"
        } else {
            "pass"
        },
    );
    set(
        "photo.perspective",
        if label.corner_angle_deviation_deg.unwrap_or(0.0) > 5.0 {
            "warn"
        } else {
            "pass"
        },
    );

    let dpi = label.document_dpi.unwrap_or(0.0);
    set(
        "photo.resolution",
        if dpi < DPI_FAIL {
            "fail"
        } else if dpi < DPI_WARN {
            "warn"
        } else {
            "pass"
        },
    );

    let blur = label.defects.iter().fold("pass", |worst, d| {
        let status = match d {
            Defect::Defocus { sigma_at_1000, .. } if *sigma_at_1000 > 2.5 => "fail",
            Defect::Defocus { sigma_at_1000, .. } if *sigma_at_1000 > 1.5 => "warn",
            Defect::MotionBlur { length_at_1000, .. } if *length_at_1000 > 10.0 => "fail",
            Defect::MotionBlur { length_at_1000, .. } if *length_at_1000 > 5.0 => "warn",
            _ => "pass",
        };
        worse(worst, status)
    });
    let blur = if blur == "pass" && soft_for_its_size(&label.defects, dpi) {
        "warn"
    } else {
        blur
    };
    set("photo.blur", blur);

    let glare_fail = has(&|d| {
        matches!(d, Defect::Glare { fraction, on_mrz, on_portrait, .. }
            if *fraction > 0.01 || *on_mrz || *on_portrait)
    });
    set("photo.glare", if glare_fail { "fail" } else { "pass" });

    let exposure =
        if has(&|d| matches!(d, Defect::Underexposed { .. } | Defect::Overexposed { .. })) {
            "fail"
        } else if has(&|d| matches!(d, Defect::UnevenLight { ratio } if *ratio >= 2.0)) {
            "warn"
        } else {
            "pass"
        };
    set("photo.exposure", exposure);
    set(
        "photo.color",
        if has(&|d| matches!(d, Defect::Photocopy)) {
            "fail"
        } else {
            "pass"
        },
    );
    set(
        "photo.screen",
        if has(&|d| matches!(d, Defect::ScreenPhoto { .. } | Defect::Screenshot { .. })) {
            "fail"
        } else {
            "pass"
        },
    );
    set(
        "photo.occlusion",
        if has(&|d| matches!(d, Defect::Finger { fraction, .. } if *fraction > 0.0)) {
            "warn"
        } else {
            "pass"
        },
    );

    let mrz = match &label.mrz {
        None => "skip",
        Some(truth) => {
            let mrz_cut = label.mrz_quad.is_some_and(|q| {
                q.iter()
                    .any(|&p| p[0] < 0.0 || p[1] < 0.0 || p[0] > w || p[1] > h)
            });
            let unreadable = mrz_cut
                || blur == "fail"
                || dpi < DPI_MRZ_UNREADABLE
                || has(&|d| {
                    matches!(
                        d,
                        Defect::Glare { on_mrz: true, .. } | Defect::Finger { on_mrz: true, .. }
                    )
                });
            if !truth.valid || unreadable {
                "fail"
            } else {
                "pass"
            }
        }
    };
    set("document.mrz", mrz);
    if outline_lost {
        for id in [
            "photo.corners",
            "photo.framing",
            "photo.perspective",
            "photo.resolution",
            "photo.blur",
            "photo.glare",
            "photo.color",
            "photo.occlusion",
        ] {
            out.insert(id.to_owned(), "skip".to_owned());
        }
    }
    out
}

/// Whether a document of `dpi` by its pixel count holds under 300 dpi of detail because of
/// its blur in the photo's own pixels: `photo.blur`'s "softer than its pixel count" warning.
/// The spread comes from the defects as applied, on top of a sharp photo's
/// (`INTRINSIC_BLUR_PX`); the limit is the default `max_native_spread_px`.
fn soft_for_its_size(defects: &[Defect], dpi: f32) -> bool {
    if dpi < DPI_WARN {
        return false;
    }
    let sharp_spread = INTRINSIC_BLUR_PX as f32;
    let limit = Thresholds::default().max_native_spread_px as f32;
    // Variance added along each edge direction (the normal at 0°, 45°, 90°, 135°).
    let mut variance = [sharp_spread.powi(2); 4];
    for d in defects {
        match d {
            Defect::Defocus { sigma_px, .. } => {
                variance.iter_mut().for_each(|v| *v += sigma_px.powi(2));
            }
            Defect::MotionBlur {
                length_px,
                angle_deg,
                ..
            } => {
                // A uniform smear of length L has σ = L/√12 along its direction.
                for (i, v) in variance.iter_mut().enumerate() {
                    let off = (angle_deg - 45.0 * i as f32).to_radians().cos();
                    *v += (length_px * off).powi(2) / 12.0;
                }
            }
            _ => {}
        }
    }
    variance.sort_by(f32::total_cmp);
    // The upper median, as the tool takes it.
    let spread = variance[2].sqrt();
    let detail_dpi = dpi * sharp_spread / spread;
    spread > limit && detail_dpi < DPI_WARN
}

fn worse<'a>(a: &'a str, b: &'a str) -> &'a str {
    let rank = |s: &str| match s {
        "fail" => 2,
        "warn" => 1,
        _ => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}
