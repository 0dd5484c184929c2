//! kyc-synth: photos of invented identity documents with labelled defects, for measuring
//! kyc-preflight's checks.
//!
//! One [`Spec`] (a seed, a document kind, at most one defect, optionally a frame size) always
//! gives the same [`Sample`]: the encoded image bytes and a [`Label`] holding the truth — the
//! document's corners, its MRZ, the holder, the defect with its parameters, and the status each
//! check is expected to report. `expect.rs` holds the rules from truth to expected status.
//!
//! Pipeline: identity → flat document (`document`) → document-space defects (glare,
//! photocopy) → scene (`scene`: background, pose, shadow, light) → frame-space defects (blur,
//! exposure, finger, screen) → camera noise → JPEG with EXIF (PNG for screenshots).

pub mod defects;
pub mod document;
pub mod encode;
pub mod expect;
pub mod fixtures;
pub mod identity;
pub mod rng;
pub mod scene;
pub mod sheet;

use std::collections::BTreeMap;

use imageproc::geometric_transformations::Projection;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use defects::{Defect, DefectChoice};
use document::{CheckDigitField, DocKind, PrintStyle, RectMm};
use identity::Identity;
use rng::Rng;
use scene::Background;

/// The date identities are generated around (holders' ages, expiry dates), fixed so that a
/// seed always gives the same documents.
pub const ANCHOR_DATE: Date = jiff::civil::date(2026, 11, 22);

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    pub seed: u64,
    pub kind: DocKind,
    pub defect: Option<DefectChoice>,
    /// Output size before any low-resolution scaling; random when `None`.
    pub frame: Option<(u32, u32)>,
    /// Fraction of the frame the document spans; random when `None`.
    pub fill: Option<f32>,
    /// JPEG quality; random (72–95) when `None`.
    #[serde(default)]
    pub quality: Option<u8>,
}

impl Spec {
    /// The `index`-th sample of a run: document kinds in turn, a quarter of the samples clean,
    /// the rest spread over every defect.
    pub fn nth(seed: u64, index: u64) -> Spec {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        let kind = DocKind::ALL[(index % 4) as usize];
        let defect = if rng.chance(0.25) {
            None
        } else {
            Some(*rng.pick(&DefectChoice::ALL))
        };
        Spec {
            seed: rng.next_u64(),
            kind,
            defect,
            frame: None,
            fill: None,
            quality: None,
        }
    }

    /// `td3_clean`, `td1_back_glare`…
    pub fn slug(&self) -> String {
        match self.defect {
            None => format!("{}_clean", self.kind.slug()),
            Some(d) => format!("{}_{}", self.kind.slug(), d.slug()),
        }
    }
}

/// The MRZ as printed on the sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MrzTruth {
    pub format: kyc_preflight::mrz::Layout,
    pub lines: Vec<String>,
    /// All check digits right.
    pub valid: bool,
    pub name_truncated: bool,
}

/// Everything known about a sample. Written as JSON beside each image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub spec: Spec,
    /// `jpeg` or `png`.
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub background: Option<Background>,
    /// Document corners in image pixels: top-left, top-right, bottom-right, bottom-left of the
    /// document as printed (may lie outside the image). `None` when there is no document.
    pub corners: Option<[[f32; 2]; 4]>,
    /// The MRZ and portrait areas in image pixels, same corner order.
    pub mrz_quad: Option<[[f32; 2]; 4]>,
    pub portrait_quad: Option<[[f32; 2]; 4]>,
    /// Effective resolution of the document: pixels across it per inch of its real width.
    pub document_dpi: Option<f32>,
    /// Document width (mean of top and bottom edges) over the frame's width or height,
    /// whichever the document's long side runs along.
    pub document_span: Option<f32>,
    /// Median difference in luma (grey levels) between the document and the background just
    /// across its outline, over the parts of the outline inside the frame: how visible its
    /// edges are. Near zero when both are blown out to white.
    #[serde(default)]
    pub outline_contrast: Option<f32>,
    /// Largest deviation of a document corner angle from 90°, in degrees.
    pub corner_angle_deviation_deg: Option<f32>,
    /// In-plane rotation of the document's top edge, in degrees.
    pub rotation_deg: Option<f32>,
    pub mrz: Option<MrzTruth>,
    pub identity: Identity,
    pub print_style: PrintStyle,
    pub defects: Vec<Defect>,
    pub jpeg_quality: Option<u8>,
    pub exif: Option<encode::CameraExif>,
    /// Size of the encoded file in bytes.
    pub bytes: u64,
    /// The status each check should report, by check id.
    pub expected: BTreeMap<String, String>,
}

/// A generated image and its truth.
pub struct Sample {
    pub bytes: Vec<u8>,
    pub label: Label,
}

impl Sample {
    pub fn extension(&self) -> &'static str {
        if self.label.format == "png" {
            "png"
        } else {
            "jpg"
        }
    }
}

const FRAMES: [(u32, u32); 6] = [
    (800, 600),
    (1280, 960),
    (1600, 1200),
    (2048, 1536),
    (3000, 2250),
    (4000, 3000),
];

const SCREENS: [(u32, u32); 3] = [(1170, 2532), (1080, 2400), (1920, 1080)];

/// Where a document's image should lie along one axis of the frame.
enum Anchor {
    Centre(f32),
    Min(f32),
    Max(f32),
}

impl Anchor {
    /// How far the coordinates must move to satisfy the anchor.
    fn error(&self, values: &[f32; 4]) -> f32 {
        let min = values.iter().cloned().fold(f32::MAX, f32::min);
        let max = values.iter().cloned().fold(f32::MIN, f32::max);
        match *self {
            Anchor::Centre(c) => c - (min + max) / 2.0,
            Anchor::Min(m) => m - min,
            Anchor::Max(m) => m - max,
        }
    }
}

/// A pinhole camera: focal length in pixels, principal point in frame pixels.
struct Camera {
    focal: f32,
    centre: (f32, f32),
}

/// Where a flat document is in front of the camera.
struct DocumentPose {
    size_mm: (f32, f32),
    /// Turn in the image plane, radians.
    rotation: f32,
    /// Tilt away from facing the camera, radians, about an axis in the document's plane at
    /// `tilt_axis` radians from its width.
    tilt: f32,
    tilt_axis: f32,
    /// Distance of the document's centre from the camera, in millimetres.
    depth: f32,
}

impl Camera {
    /// The image of the document's corners (top-left, top-right, bottom-right, bottom-left)
    /// with its centre moved `offset` pixels (at its depth) from the principal point.
    fn project(&self, pose: &DocumentPose, offset: (f32, f32)) -> [(f32, f32); 4] {
        let (hw, hh) = (pose.size_mm.0 / 2.0, pose.size_mm.1 / 2.0);
        let (rs, rc) = pose.rotation.sin_cos();
        let (ax, ay) = (pose.tilt_axis.cos(), pose.tilt_axis.sin());
        let (ts, tc) = pose.tilt.sin_cos();
        let to_mm = pose.depth / self.focal;
        [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)].map(|(u, v)| {
            // Tilt about the axis (Rodrigues), then turn in the image plane.
            let along = ax * u + ay * v;
            let x = u * tc + ax * along * (1.0 - tc);
            let y = v * tc + ay * along * (1.0 - tc);
            let z = (ax * v - ay * u) * ts;
            let (x, y) = (x * rc - y * rs, x * rs + y * rc);
            let (x, y, z) = (x + offset.0 * to_mm, y + offset.1 * to_mm, z + pose.depth);
            (
                self.centre.0 + self.focal * x / z,
                self.centre.1 + self.focal * y / z,
            )
        })
    }
}

fn to_points(q: &[(f32, f32); 4]) -> [[f32; 2]; 4] {
    q.map(|(x, y)| [x, y])
}

/// Decode a generated JPEG as the check does (into this thread's spare buffer, which is then
/// given back): the floor the benchmarks compare the whole check with.
pub fn decode_only(bytes: &[u8]) {
    use kyc_preflight::load::{self, Format, LoadLimits};
    match load::decode_pixels(bytes, Format::Jpeg, &LoadLimits::default()) {
        Ok(image::DynamicImage::ImageRgb8(pixels)) => load::spare::give_back(pixels.into_raw()),
        _ => panic!("a generated photo decodes to RGB"),
    }
}

/// Generate one sample. Deterministic: the same spec gives the same bytes.
pub fn generate(spec: &Spec) -> Sample {
    let mut rng = Rng::new(spec.seed);
    let identity = Identity::random(&mut rng.fork(1), ANCHOR_DATE);
    let style = PrintStyle::random(&mut rng.fork(2));
    let mut pose = rng.fork(3);
    let mut effects = rng.fork(4);
    let defect_choice = spec.defect;
    let mut defects = Vec::new();

    let screenshot = defect_choice == Some(DefectChoice::Screenshot);
    let (width, height) = match (spec.frame, screenshot) {
        (_, true) => *pose.pick(&SCREENS),
        (Some(frame), false) => frame,
        (None, false) => {
            let (w, h) = *pose.pick(&FRAMES);
            if pose.chance(0.3) { (h, w) } else { (w, h) }
        }
    };

    // Pose: scale, rotation, perspective, position.
    let (w_mm, h_mm) = spec.kind.size_mm();
    let fill = spec.fill.unwrap_or(match defect_choice {
        Some(DefectChoice::FarAway) => pose.range(0.18, 0.3),
        Some(DefectChoice::Screenshot) => 0.92,
        _ => pose.range(0.5, 0.82),
    });
    // Documents are photographed along the frame's long side, mostly.
    // Screenshots show the document upright whatever the screen's shape.
    let long_is_x = width >= height || screenshot;
    let scale = if long_is_x {
        fill * (width as f32 / w_mm).min(height as f32 / h_mm / 1.05)
    } else {
        fill * (height as f32 / w_mm).min(width as f32 / h_mm / 1.05)
    };
    let rotation = match defect_choice {
        Some(DefectChoice::Screenshot) => 0.0,
        _ => {
            pose.normal() * 4.0_f32.to_radians() + if long_is_x { 0.0 } else { 90f32.to_radians() }
        }
    };
    let steep = defect_choice == Some(DefectChoice::SteepAngle);
    // A pinhole camera whose principal point is the frame's centre: a phone's main camera
    // has a focal length of about 0.7–1.1 times the image's long side. The document is tilted
    // about an axis in its own plane (a little when held flat and square, a lot at a steep
    // angle) and placed at the depth where it shows `scale` pixels per millimetre.
    let camera = Camera {
        focal: pose.range(0.7, 1.1) * width.max(height) as f32,
        centre: (width as f32 / 2.0, height as f32 / 2.0),
    };
    let (tilt, tilt_axis) = if screenshot {
        (0.0, 0.0)
    } else if steep {
        (
            pose.range(20.0, 40.0).to_radians(),
            pose.range(0.0, std::f32::consts::PI),
        )
    } else {
        (
            pose.range(0.0, 10.0).to_radians(),
            pose.range(0.0, std::f32::consts::PI),
        )
    };
    let pose_3d = DocumentPose {
        size_mm: (w_mm, h_mm),
        rotation,
        tilt,
        tilt_axis,
        depth: camera.focal / scale,
    };
    let rotated = camera
        .project(&pose_3d, (0.0, 0.0))
        .map(|(x, y)| (x - camera.centre.0, y - camera.centre.1));
    let xs = rotated.map(|p| p.0);
    let ys = rotated.map(|p| p.1);
    let (min_x, max_x) = (
        xs.iter().cloned().fold(f32::MAX, f32::min),
        xs.iter().cloned().fold(f32::MIN, f32::max),
    );
    let (min_y, max_y) = (
        ys.iter().cloned().fold(f32::MAX, f32::min),
        ys.iter().cloned().fold(f32::MIN, f32::max),
    );
    let margin = 0.045 * width.min(height) as f32;
    let free_x = (width as f32 - 2.0 * margin - (max_x - min_x)).max(0.0);
    let free_y = (height as f32 - 2.0 * margin - (max_y - min_y)).max(0.0);
    // A screenshot of a photo viewer shows it centred.
    let place_at = if screenshot {
        0.5
    } else {
        pose.range(0.0, 1.0)
    };
    // Where the image of the document should land, per axis: its bounding box's centre, or
    // (pushed over a frame edge) one of its sides.
    let (bw, bh) = (max_x - min_x, max_y - min_y);
    let mut anchor_x = Anchor::Centre(margin + bw / 2.0 + place_at * free_x);
    let mut anchor_y = Anchor::Centre(
        margin
            + bh / 2.0
            + if screenshot {
                0.5
            } else {
                pose.range(0.0, 1.0)
            } * free_y,
    );
    if defect_choice == Some(DefectChoice::CutOff) {
        // Push the document over one or two frame edges by 4–20% of its size.
        let push = pose.range(0.04, 0.2);
        match pose.int(0, 4) {
            0 => anchor_x = Anchor::Min(-push * bw),
            1 => anchor_x = Anchor::Max(width as f32 + push * bw),
            2 => anchor_y = Anchor::Min(-push * bh),
            _ => anchor_y = Anchor::Max(height as f32 + push * bh),
        }
        if pose.chance(0.3) {
            anchor_y = Anchor::Min(-push * bh);
        }
    }
    // Move the document in space until its image lands there. Perspective changes the image's
    // size as it moves off-axis, so this takes a few steps.
    let mut offset = (0.0, 0.0);
    let mut corners = camera.project(&pose_3d, offset);
    for _ in 0..8 {
        let xs = corners.map(|p| p.0);
        let ys = corners.map(|p| p.1);
        offset.0 += anchor_x.error(&xs);
        offset.1 += anchor_y.error(&ys);
        corners = camera.project(&pose_3d, offset);
    }
    // Draw the document at about the scale it will appear, a little finer.
    let ppm = (scale * 1.15).clamp(3.0, 24.0);
    let wrong_digit = (defect_choice == Some(DefectChoice::WrongCheckDigit)
        && spec.kind.layout().is_some())
    .then(|| *effects.pick(&CheckDigitField::ALL));
    let mut doc = document::render(
        spec.kind,
        &identity,
        &style,
        ppm,
        wrong_digit,
        &mut rng.fork(5),
    );
    if let Some(field) = wrong_digit {
        defects.push(Defect::WrongCheckDigit { field });
    }
    let glare_light = (defect_choice == Some(DefectChoice::Glare)).then(|| {
        defects::GlareLight::random(
            doc.image.width() as f32,
            doc.image.height() as f32,
            &mut effects,
        )
    });
    if defect_choice == Some(DefectChoice::Photocopy) {
        defects::photocopy(&mut doc.image, &mut effects);
        defects.push(Defect::Photocopy);
    }

    // The scene.
    let background_kind = if screenshot {
        None
    } else {
        Some(*pose.pick(&Background::ALL))
    };
    let mut img = match background_kind {
        Some(kind) => scene::background(kind, width, height, &mut rng.fork(6)),
        None => image::RgbImage::from_pixel(width, height, image::Rgb([236, 236, 240])),
    };
    let no_document = defect_choice == Some(DefectChoice::NoDocument);
    let doc_px = (doc.image.width() as f32, doc.image.height() as f32);
    let projection = Projection::from_control_points(
        [(0.0, 0.0), (doc_px.0, 0.0), doc_px, (0.0, doc_px.1)],
        corners,
    )
    .expect("a convex document quad");
    let zone_quad = |zone: Option<RectMm>| {
        zone.map(|z| z.corners().map(|(u, v)| projection * (u * ppm, v * ppm)))
    };
    let mrz_quad = zone_quad(doc.mrz_zone);
    let portrait_quad = zone_quad(doc.portrait_zone);
    if no_document {
        defects.push(Defect::NoDocument);
    } else {
        if !screenshot {
            let offset = (
                pose.range(-0.02, 0.03) * scale * 10.0,
                pose.range(0.0, 0.03) * scale * 10.0,
            );
            scene::drop_shadow(
                &mut img,
                &corners,
                offset,
                scale * pose.range(1.0, 4.0),
                pose.range(0.2, 0.45),
            );
        }
        scene::place(&mut img, &doc.image, &corners);
    }
    let doc_width_px = ((corners[1].0 - corners[0].0).hypot(corners[1].1 - corners[0].1)
        + (corners[2].0 - corners[3].0).hypot(corners[2].1 - corners[3].1))
        / 2.0;

    // Frame-space defects and light.
    match defect_choice {
        Some(DefectChoice::Finger) if !no_document => {
            defects.push(defects::finger(
                &mut img,
                &corners,
                mrz_quad.as_ref(),
                doc_width_px,
                &mut effects,
            ));
        }
        Some(DefectChoice::Screenshot) => {
            defects::screenshot_bars(&mut img, &mut effects);
            defects.push(Defect::Screenshot { width, height });
        }
        _ => {}
    }
    if !screenshot {
        let angle = pose.range(0.0, std::f32::consts::TAU);
        let (width, height) = (width as f32, height as f32);
        if defect_choice == Some(DefectChoice::UnevenLight) {
            let light = scene::LightGradient {
                width,
                height,
                angle,
                low: effects.range(0.15, 0.35),
                high: 1.05,
            };
            light.apply(&mut img);
            // The ratio that matters is the one across the document.
            defects.push(Defect::UnevenLight {
                ratio: light.ratio_over(&corners),
            });
        } else {
            scene::LightGradient {
                width,
                height,
                angle,
                low: pose.range(0.85, 0.95),
                high: pose.range(1.0, 1.08),
            }
            .apply(&mut img);
        }
    }
    if let Some(light) = &glare_light {
        defects.push(defects::glare(
            &mut img,
            light,
            &projection.invert(),
            doc_px,
            ppm,
            (doc.mrz_zone, doc.portrait_zone),
        ));
    }
    match defect_choice {
        Some(DefectChoice::Underexposed) => {
            let gain = effects.range(0.18, 0.35);
            defects::exposure(&mut img, gain);
            defects.push(Defect::Underexposed { gain });
        }
        Some(DefectChoice::Overexposed) => {
            let gain = effects.range(1.8, 2.6);
            defects::exposure(&mut img, gain);
            defects.push(Defect::Overexposed { gain });
        }
        Some(DefectChoice::ScreenPhoto) => {
            let pitch = effects.range(3.0, 7.0);
            defects::screen_photo(&mut img, pitch, &mut effects);
            defects.push(Defect::ScreenPhoto { pixel_pitch: pitch });
        }
        Some(DefectChoice::Defocus) => {
            let sigma_at_1000 = effects.range(1.0, 6.0);
            let sigma_px = sigma_at_1000 * doc_width_px / 1000.0;
            defects::defocus(&mut img, sigma_px.max(0.3));
            defects.push(Defect::Defocus {
                sigma_px,
                sigma_at_1000,
            });
        }
        Some(DefectChoice::MotionBlur) => {
            let length_at_1000 = effects.range(3.0, 20.0);
            let length_px = length_at_1000 * doc_width_px / 1000.0;
            let angle = effects.range(0.0, std::f32::consts::PI);
            defects::motion_blur(&mut img, length_px, angle);
            defects.push(Defect::MotionBlur {
                length_px,
                angle_deg: angle.to_degrees(),
                length_at_1000,
            });
        }
        _ => {}
    }

    // Camera: noise, then scaling for low-resolution samples.
    if !screenshot {
        let sigma = pose.range(1.0, 4.0);
        let mut noise = rng.fork(7);
        for pixel in img.pixels_mut() {
            let n = noise.approx_normal() * sigma;
            pixel.0 = pixel.0.map(|c| (c as f32 + n).clamp(0.0, 255.0) as u8);
        }
    }
    let (mut mrz_quad, mut portrait_quad) = (mrz_quad, portrait_quad);
    let (mut width, mut height) = (width, height);
    if defect_choice == Some(DefectChoice::LowResolution) {
        // Aim the document's resolution at 60–280 dpi: failures and warnings both.
        let current_dpi = doc_width_px / (w_mm / 25.4);
        let target = effects.range(60.0, 280.0);
        let factor = (target / current_dpi).min(1.0);
        let (old_w, old_h) = (width as f32, height as f32);
        width = ((old_w * factor).round() as u32).max(16);
        height = ((old_h * factor).round() as u32).max(16);
        img = image::imageops::resize(&img, width, height, image::imageops::FilterType::Triangle);
        let (sx, sy) = (width as f32 / old_w, height as f32 / old_h);
        let scale_quad = |q: &mut [(f32, f32); 4]| {
            for p in q.iter_mut() {
                p.0 *= sx;
                p.1 *= sy;
            }
        };
        scale_quad(&mut corners);
        if let Some(q) = mrz_quad.as_mut() {
            scale_quad(q);
        }
        if let Some(q) = portrait_quad.as_mut() {
            scale_quad(q);
        }
        defects.push(Defect::LowResolution { scale: factor });
    }
    if defect_choice == Some(DefectChoice::CutOff) {
        let outside: Vec<usize> = (0..4)
            .filter(|&i| {
                let (x, y) = corners[i];
                x < 0.0 || y < 0.0 || x > width as f32 || y > height as f32
            })
            .collect();
        defects.push(Defect::CutOff {
            corners_outside: outside,
        });
    }
    if defect_choice == Some(DefectChoice::FarAway) {
        defects.push(Defect::FarAway);
    }
    if steep {
        defects.push(Defect::SteepAngle);
    }

    let outline_contrast = (!no_document).then(|| scene::outline_contrast(&img, &corners));

    // Encode.
    let mut exif = (!screenshot).then(|| encode::CameraExif::random(&mut rng.fork(8)));
    if let Some(exif) = exif.as_mut() {
        match defect_choice {
            Some(DefectChoice::Edited) => {
                exif.software = effects
                    .pick(&[
                        "Adobe Photoshop 25.0 (Windows)",
                        "GIMP 2.10.36",
                        "Snapseed 2.0",
                        "PicsArt 24.1",
                    ])
                    .to_string();
                defects.push(Defect::Edited {
                    software: exif.software.clone(),
                });
            }
            Some(DefectChoice::Location) => {
                exif.gps = true;
                defects.push(Defect::Location);
            }
            _ => {}
        }
    }
    let (bytes, format, quality) = if screenshot {
        (encode::png(&img), "png", None)
    } else {
        let drawn = pose.int(72, 96) as u8;
        let quality = spec.quality.unwrap_or(drawn);
        (
            encode::jpeg(&img, quality, exif.as_ref()),
            "jpeg",
            Some(quality),
        )
    };

    let doc_dpi = doc_width_px * scale_after(&corners, doc_width_px) / (w_mm / 25.4);
    let span_of = |q: &[(f32, f32); 4]| {
        let top = (q[1].0 - q[0].0).hypot(q[1].1 - q[0].1);
        let bottom = (q[2].0 - q[3].0).hypot(q[2].1 - q[3].1);
        let along = if (q[1].0 - q[0].0).abs() >= (q[1].1 - q[0].1).abs() {
            width
        } else {
            height
        };
        (top + bottom) / 2.0 / along as f32
    };
    let mrz = (!doc.mrz_lines.is_empty()).then(|| MrzTruth {
        format: spec
            .kind
            .layout()
            .expect("documents with MRZ lines have a layout"),
        lines: doc.mrz_lines.clone(),
        valid: wrong_digit.is_none(),
        name_truncated: doc.name_truncated,
    });
    let present = !no_document;
    let mut label = Label {
        spec: *spec,
        format: format.to_owned(),
        width,
        height,
        background: background_kind,
        corners: present.then(|| to_points(&corners)),
        mrz_quad: mrz_quad.filter(|_| present).map(|q| to_points(&q)),
        portrait_quad: portrait_quad.filter(|_| present).map(|q| to_points(&q)),
        document_dpi: present.then_some(doc_dpi),
        document_span: present.then(|| span_of(&corners)),
        outline_contrast,
        corner_angle_deviation_deg: present.then(|| scene::corner_angle_deviation(&corners)),
        rotation_deg: present.then(|| {
            (corners[1].1 - corners[0].1)
                .atan2(corners[1].0 - corners[0].0)
                .to_degrees()
        }),
        mrz: mrz.filter(|_| present),
        identity,
        print_style: style,
        defects,
        jpeg_quality: quality,
        exif,
        bytes: bytes.len() as u64,
        expected: BTreeMap::new(),
    };
    label.expected = expect::expected_statuses(&label);
    Sample { bytes, label }
}

/// The document width in the final image relative to `before` (1 unless scaled down).
fn scale_after(corners: &[(f32, f32); 4], before: f32) -> f32 {
    let after = ((corners[1].0 - corners[0].0).hypot(corners[1].1 - corners[0].1)
        + (corners[2].0 - corners[3].0).hypot(corners[2].1 - corners[3].1))
        / 2.0;
    after / before.max(1.0)
}
