//! Drawing an invented identity document, flat and to scale.
//!
//! Layouts follow ICAO 9303 sizes: the TD3 passport data page (125 × 88 mm), the TD1 card
//! (85.6 × 54 mm, MRZ on the back) and the TD2 card (105 × 74 mm). A page has a tinted
//! guilloche background, a drawn head-and-shoulders portrait, printed labels and values, and
//! the MRZ in OCR-B at ICAO pitch (2.54 mm). Print variation — font cut, ink weight, size and
//! spacing jitter — keeps a recogniser from overfitting one rendering.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{GrayImage, Luma, Rgba, RgbaImage};
use imageproc::morphology::{Mask, grayscale_dilate, grayscale_erode};
use kyc_preflight::mrz::{self, Layout};
use serde::{Deserialize, Serialize};

use crate::identity::{Identity, printed_date};
use crate::rng::Rng;

static OCR_B_REGULAR: &[u8] = include_bytes!("../../assets/fonts/OCRB.otf");
static OCR_B_SHARP: &[u8] = include_bytes!("../../assets/fonts/OCRBS.otf");

/// The two OCR-B cuts shipped by Debian's fonts-ocr-b.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FontCut {
    Regular,
    Sharp,
}

impl FontCut {
    fn font(self) -> &'static FontRef<'static> {
        static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
        static SHARP: OnceLock<FontRef<'static>> = OnceLock::new();
        let (cell, bytes) = match self {
            FontCut::Regular => (&REGULAR, OCR_B_REGULAR),
            FontCut::Sharp => (&SHARP, OCR_B_SHARP),
        };
        cell.get_or_init(|| FontRef::try_from_slice(bytes).expect("vendored OCR-B parses"))
    }

    /// Cap height as a fraction of the font's pixel scale, measured on `H`.
    fn cap_ratio(self) -> f32 {
        let font = self.font();
        let glyph = font
            .glyph_id('H')
            .with_scale_and_position(PxScale::from(1000.0), point(0.0, 0.0));
        let bounds = font
            .outline_glyph(glyph)
            .expect("H has an outline")
            .px_bounds();
        bounds.height() / 1000.0
    }
}

/// Which document, and which side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// TD3 passport data page.
    Td3Page,
    /// TD1 ID card, front (no MRZ).
    Td1Front,
    /// TD1 ID card, back (3-line MRZ).
    Td1Back,
    /// TD2 card (2-line MRZ on the front).
    Td2,
}

impl DocKind {
    pub const ALL: [DocKind; 4] = [
        DocKind::Td3Page,
        DocKind::Td1Front,
        DocKind::Td1Back,
        DocKind::Td2,
    ];

    /// Physical size in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            DocKind::Td3Page => (125.0, 88.0),
            DocKind::Td1Front | DocKind::Td1Back => (85.6, 54.0),
            DocKind::Td2 => (105.0, 74.0),
        }
    }

    pub fn layout(self) -> Option<Layout> {
        match self {
            DocKind::Td3Page => Some(Layout::Td3),
            DocKind::Td1Back => Some(Layout::Td1),
            DocKind::Td2 => Some(Layout::Td2),
            DocKind::Td1Front => None,
        }
    }

    /// Short name used in file names: `td3`, `td1_front`, `td1_back`, `td2`.
    pub fn slug(self) -> &'static str {
        match self {
            DocKind::Td3Page => "td3",
            DocKind::Td1Front => "td1_front",
            DocKind::Td1Back => "td1_back",
            DocKind::Td2 => "td2",
        }
    }

    fn document_code(self) -> &'static str {
        match self {
            DocKind::Td3Page => "P<",
            _ => "I<",
        }
    }

    fn corner_radius_mm(self) -> f32 {
        match self {
            DocKind::Td3Page => 0.6,
            _ => 3.18,
        }
    }
}

/// An axis-aligned rectangle in millimetres on the document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RectMm {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl RectMm {
    pub fn corners(self) -> [(f32, f32); 4] {
        [
            (self.x, self.y),
            (self.x + self.w, self.y),
            (self.x + self.w, self.y + self.h),
            (self.x, self.y + self.h),
        ]
    }
}

/// Print variation, drawn once per document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PrintStyle {
    pub cut: FontCut,
    /// Ink spread in pixels at render scale: -1 thinner, 0, +1 bolder.
    pub ink_grow: i8,
    /// Coverage exponent: below 1 darkens anti-aliased edges (heavier ink), above 1 lightens.
    pub ink_gamma: f32,
    /// Relative MRZ glyph size (1.0 = ICAO nominal).
    pub size_scale: f32,
    /// Standard deviation of per-character horizontal offset, in millimetres.
    pub spacing_jitter_mm: f32,
    /// Background tint of the page.
    pub tint: [u8; 3],
    /// The two security inks of the background pattern, blended across the page from left to
    /// right ("iris" printing, as on real documents).
    #[serde(default)]
    pub inks: [[u8; 3]; 2],
}

impl PrintStyle {
    pub fn random(rng: &mut Rng) -> PrintStyle {
        const TINTS: [[u8; 3]; 5] = [
            [226, 236, 230],
            [238, 226, 232],
            [224, 232, 242],
            [240, 234, 218],
            [232, 232, 236],
        ];
        PrintStyle {
            cut: if rng.chance(0.5) {
                FontCut::Regular
            } else {
                FontCut::Sharp
            },
            ink_grow: [-1, 0, 0, 1][rng.int(0, 4) as usize],
            ink_gamma: rng.range(0.7, 1.4),
            size_scale: rng.range(0.94, 1.06),
            spacing_jitter_mm: rng.range(0.0, 0.08),
            tint: *rng.pick(&TINTS),
            inks: {
                const INKS: [[u8; 3]; 6] = [
                    [70, 140, 205],
                    [200, 95, 150],
                    [90, 170, 110],
                    [215, 150, 60],
                    [140, 105, 205],
                    [60, 175, 180],
                ];
                let first = rng.int(0, INKS.len() as u32) as usize;
                let second = (first + 1 + rng.int(0, INKS.len() as u32 - 1) as usize) % INKS.len();
                [INKS[first], INKS[second]]
            },
        }
    }
}

/// A drawn document and where its parts are.
pub struct RenderedDoc {
    /// The page, with transparent rounded corners.
    pub image: RgbaImage,
    /// Pixels per millimetre of `image`.
    pub ppm: f32,
    /// The MRZ lines as printed (empty for a card front).
    pub mrz_lines: Vec<String>,
    /// Whether the name had to be truncated to fit the MRZ.
    pub name_truncated: bool,
    pub mrz_zone: Option<RectMm>,
    pub portrait_zone: Option<RectMm>,
}

/// Which check digit to print wrong, for `document.mrz` failure samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckDigitField {
    DocumentNumber,
    BirthDate,
    ExpiryDate,
    Composite,
}

impl CheckDigitField {
    pub const ALL: [CheckDigitField; 4] = [
        CheckDigitField::DocumentNumber,
        CheckDigitField::BirthDate,
        CheckDigitField::ExpiryDate,
        CheckDigitField::Composite,
    ];

    /// (line, column) of this check digit in a layout.
    fn position(self, layout: Layout) -> (usize, usize) {
        match (layout, self) {
            (Layout::Td1, CheckDigitField::DocumentNumber) => (0, 14),
            (Layout::Td1, CheckDigitField::BirthDate) => (1, 6),
            (Layout::Td1, CheckDigitField::ExpiryDate) => (1, 14),
            (Layout::Td1, CheckDigitField::Composite) => (1, 29),
            (_, CheckDigitField::DocumentNumber) => (1, 9),
            (_, CheckDigitField::BirthDate) => (1, 19),
            (_, CheckDigitField::ExpiryDate) => (1, 27),
            (Layout::Td2, CheckDigitField::Composite) => (1, 35),
            (Layout::Td3, CheckDigitField::Composite) => (1, 43),
        }
    }
}

/// Replace one check digit with a different digit.
fn corrupt_check_digit(lines: &mut [String], layout: Layout, field: CheckDigitField) {
    let (line, col) = field.position(layout);
    let mut chars: Vec<char> = lines[line].chars().collect();
    let old = chars[col].to_digit(10).unwrap_or(0);
    chars[col] = char::from_digit((old + 3) % 10, 10).expect("a digit");
    lines[line] = chars.into_iter().collect();
}

/// Draw a document at `ppm` pixels per millimetre.
pub fn render(
    kind: DocKind,
    identity: &Identity,
    style: &PrintStyle,
    ppm: f32,
    wrong_check_digit: Option<CheckDigitField>,
    rng: &mut Rng,
) -> RenderedDoc {
    let (w_mm, h_mm) = kind.size_mm();
    let (width, height) = ((w_mm * ppm).round() as u32, (h_mm * ppm).round() as u32);
    let mut page = RgbaImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / ppm, y as f32 / ppm);
        let [r, g, b] = guilloche(u, v, w_mm, style);
        Rgba([r, g, b, 255])
    });
    round_corners(&mut page, kind.corner_radius_mm() * ppm);

    let mut labels = GrayImage::new(width, height);
    let mut values = GrayImage::new(width, height);
    let font = style.cut;
    let text = |mask: &mut GrayImage, s: &str, x_mm: f32, baseline_mm: f32, cap_mm: f32| {
        // Proportional text has no jitter, so it draws nothing from the generator.
        let mut unused = Rng::new(0);
        draw_text(
            mask,
            font,
            s,
            x_mm * ppm,
            baseline_mm * ppm,
            cap_mm * ppm,
            None,
            0.0,
            &mut unused,
        );
    };

    let portrait_zone = match kind {
        DocKind::Td3Page => Some(RectMm {
            x: 5.0,
            y: 20.0,
            w: 35.0,
            h: 45.0,
        }),
        DocKind::Td1Front => Some(RectMm {
            x: 3.5,
            y: 12.0,
            w: 25.0,
            h: 32.0,
        }),
        DocKind::Td2 => Some(RectMm {
            x: 4.5,
            y: 14.0,
            w: 30.0,
            h: 38.0,
        }),
        DocKind::Td1Back => None,
    };
    if let Some(zone) = portrait_zone {
        draw_portrait(&mut page, zone, ppm, rng);
    }

    // Header and visual-zone fields.
    let title = match kind {
        DocKind::Td3Page => "PASSPORT / PASSEPORT",
        DocKind::Td1Back => "",
        _ => "IDENTITY CARD / CARTE D'IDENTITE",
    };
    if !title.is_empty() {
        text(&mut values, &identity.country_name, 4.0, 6.0, 2.2);
        text(&mut labels, title, 4.0, 10.5, 1.6);
    }
    match kind {
        DocKind::Td1Back => {
            text(
                &mut labels,
                "DATE OF ISSUE / DATE DE DELIVRANCE",
                4.0,
                6.0,
                1.1,
            );
            text(
                &mut values,
                &printed_date(identity.birth_date),
                4.0,
                9.5,
                1.7,
            );
            text(&mut labels, "AUTHORITY / AUTORITE", 4.0, 14.0, 1.1);
            text(&mut values, &identity.country_name, 4.0, 17.5, 1.7);
            // A barcode-like block above the MRZ.
            for i in 0..60 {
                if rng.chance(0.55) {
                    let x0 = ((4.0 + i as f32 * 0.9) * ppm) as u32;
                    for y in (21.0 * ppm) as u32..(34.0 * ppm) as u32 {
                        for x in x0..x0 + (0.5 * ppm).max(1.0) as u32 {
                            values.put_pixel(x.min(width - 1), y.min(height - 1), Luma([255]));
                        }
                    }
                }
            }
        }
        _ => {
            let zone = portrait_zone.expect("fronts have a portrait");
            let x = zone.x + zone.w + 4.0;
            let (cap, label_cap, row) = match kind {
                DocKind::Td3Page => (2.0, 1.2, 8.2),
                DocKind::Td2 => (1.8, 1.1, 7.0),
                _ => (1.6, 1.0, 5.4),
            };
            let fields = [
                ("SURNAME / NOM", identity.surname.clone()),
                ("GIVEN NAMES / PRENOMS", identity.given_names.clone()),
                ("NATIONALITY", identity.nationality.replace('<', "")),
                (
                    "DATE OF BIRTH / SEX",
                    format!("{}   {}", printed_date(identity.birth_date), identity.sex),
                ),
                ("DATE OF EXPIRY", printed_date(identity.expiry_date)),
                ("DOCUMENT NO.", identity.document_number.clone()),
            ];
            for (i, (label, value)) in fields.iter().enumerate() {
                let top = zone.y + 1.0 + i as f32 * row;
                text(&mut labels, label, x, top + label_cap, label_cap);
                text(&mut values, value, x, top + label_cap + 1.2 + cap, cap);
            }
        }
    }

    // The MRZ.
    let mut mrz_lines = Vec::new();
    let mut name_truncated = false;
    let mut mrz_zone = None;
    if let Some(layout) = kind.layout() {
        let fields = identity.mrz_fields(kind.document_code());
        mrz_lines = mrz::compose(layout, &fields);
        name_truncated = mrz::name_field(layout, &identity.surname, &identity.given_names).1;
        if let Some(field) = wrong_check_digit {
            corrupt_check_digit(&mut mrz_lines, layout, field);
        }
        let pitch = 2.54;
        let line_pitch = 4.23;
        let cap = 2.4 * style.size_scale;
        let left = (w_mm - pitch * layout.line_length() as f32) / 2.0;
        let last_baseline = h_mm - 3.8;
        let first_baseline = last_baseline - line_pitch * (layout.lines() - 1) as f32;
        for (i, line) in mrz_lines.iter().enumerate() {
            let baseline = first_baseline + i as f32 * line_pitch;
            draw_text(
                &mut values,
                font,
                line,
                left * ppm,
                baseline * ppm,
                cap * ppm,
                Some(pitch * ppm),
                style.spacing_jitter_mm * ppm,
                rng,
            );
        }
        mrz_zone = Some(RectMm {
            x: left - 1.0,
            y: first_baseline - cap - 1.0,
            w: pitch * layout.line_length() as f32 + 2.0,
            h: last_baseline - first_baseline + cap + 2.0,
        });
    }

    let values = ink_weight(values, style);
    let labels = ink_weight(labels, style);
    composite_ink(&mut page, &labels, [60, 80, 125]);
    composite_ink(&mut page, &values, [22, 22, 30]);
    RenderedDoc {
        image: page,
        ppm,
        mrz_lines,
        name_truncated,
        mrz_zone,
        portrait_zone,
    }
}

/// A fine interference pattern of thin lines over the page tint, like the security printing
/// of real documents, its ink blending from one colour to another across the page (`u`, `v` in
/// millimetres on a page `width` wide).
fn guilloche(u: f32, v: f32, width: f32, style: &PrintStyle) -> [u8; 3] {
    let family = |s: f32| (1.0 - s.abs() / 0.35).max(0.0);
    let a = family((u * 7.0 + 2.2 * (v * 0.45).sin()).sin());
    let b = family((v * 6.0 + 2.5 * (u * 0.38 + 1.0).sin()).sin());
    let c = family(((u - 60.0).hypot(v - 44.0) * 4.5).sin());
    // A light wash of the inks under the lines, then the lines themselves.
    let cover = 0.12 + (0.55 * a + 0.45 * b + 0.3 * c).min(1.0) * 0.3;
    let blend = (u / width).clamp(0.0, 1.0);
    [0, 1, 2].map(|i| {
        let ink = style.inks[0][i] as f32 * (1.0 - blend) + style.inks[1][i] as f32 * blend;
        (style.tint[i] as f32 * (1.0 - cover) + ink * cover) as u8
    })
}

fn round_corners(page: &mut RgbaImage, radius: f32) {
    let (w, h) = (page.width() as f32, page.height() as f32);
    for (x, y, pixel) in page.enumerate_pixels_mut() {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        let cx = px.clamp(radius, w - radius);
        let cy = py.clamp(radius, h - radius);
        let outside = (px - cx).hypot(py - cy) - radius;
        if outside > 0.0 {
            pixel.0[3] = ((1.0 - outside).clamp(0.0, 1.0) * 255.0) as u8;
        }
    }
}

/// A head-and-shoulders silhouette on a pale background.
fn draw_portrait(page: &mut RgbaImage, zone: RectMm, ppm: f32, rng: &mut Rng) {
    const SKIN: [[f32; 3]; 5] = [
        [236.0, 200.0, 170.0],
        [210.0, 160.0, 120.0],
        [170.0, 120.0, 85.0],
        [120.0, 80.0, 55.0],
        [80.0, 55.0, 40.0],
    ];
    let skin = *rng.pick(&SKIN);
    let hair_dark = rng.range(20.0, 90.0);
    let backdrop = rng.range(200.0, 235.0);
    let shirt = [
        rng.range(30.0, 120.0),
        rng.range(30.0, 120.0),
        rng.range(40.0, 140.0),
    ];
    let head_w = rng.range(0.2, 0.25) * zone.w;
    for y in (zone.y * ppm) as u32..((zone.y + zone.h) * ppm) as u32 {
        for x in (zone.x * ppm) as u32..((zone.x + zone.w) * ppm) as u32 {
            if x >= page.width() || y >= page.height() {
                continue;
            }
            let u = (x as f32 / ppm - zone.x) / zone.w; // 0..1
            let v = (y as f32 / ppm - zone.y) / zone.h;
            let head = ((u - 0.5) * zone.w / head_w).powi(2) + ((v - 0.4) / 0.2).powi(2);
            let hair = ((u - 0.5) * zone.w / (head_w * 1.08)).powi(2) + ((v - 0.34) / 0.17).powi(2);
            let shoulders = ((u - 0.5) / 0.46).powi(2) + ((v - 1.02) / 0.3).powi(2);
            let colour = if head < 1.0 {
                skin
            } else if hair < 1.0 && v < 0.4 {
                [hair_dark, hair_dark * 0.8, hair_dark * 0.6]
            } else if shoulders < 1.0 {
                shirt
            } else {
                [backdrop, backdrop, backdrop + 8.0]
            };
            let shade = 1.0 - 0.25 * (u - 0.35).max(0.0);
            page.put_pixel(
                x,
                y,
                Rgba([
                    (colour[0] * shade).min(255.0) as u8,
                    (colour[1] * shade).min(255.0) as u8,
                    (colour[2] * shade).min(255.0) as u8,
                    255,
                ]),
            );
        }
    }
}

/// Draw text into a coverage mask. With `pitch`, characters sit in fixed cells (the MRZ).
#[allow(clippy::too_many_arguments)]
fn draw_text(
    mask: &mut GrayImage,
    cut: FontCut,
    text: &str,
    x: f32,
    baseline: f32,
    cap_px: f32,
    pitch: Option<f32>,
    jitter_px: f32,
    rng: &mut Rng,
) {
    let font = cut.font();
    let scale = PxScale::from(cap_px / cut.cap_ratio());
    let scaled = font.as_scaled(scale);
    let mut pen = x;
    for c in text.chars() {
        let glyph_id = font.glyph_id(c);
        let advance = scaled.h_advance(glyph_id);
        let offset = match pitch {
            Some(p) => (p - advance) / 2.0 + rng.normal() * jitter_px,
            None => 0.0,
        };
        let glyph = glyph_id.with_scale_and_position(scale, point(pen + offset, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i32 + gx as i32;
                let py = bounds.min.y as i32 + gy as i32;
                if px >= 0 && py >= 0 && (px as u32) < mask.width() && (py as u32) < mask.height() {
                    let pixel = mask.get_pixel_mut(px as u32, py as u32);
                    pixel.0[0] = pixel.0[0].max((coverage.min(1.0) * 255.0) as u8);
                }
            });
        }
        pen += pitch.unwrap_or(advance);
    }
}

/// Write `text` onto an image in OCR-B, `cap_px` high, for captions on contact sheets.
pub fn caption(
    img: &mut image::RgbImage,
    text: &str,
    x: f32,
    baseline: f32,
    cap_px: f32,
    colour: [u8; 3],
) {
    let mut mask = GrayImage::new(img.width(), img.height());
    draw_text(
        &mut mask,
        FontCut::Regular,
        text,
        x,
        baseline,
        cap_px,
        None,
        0.0,
        &mut Rng::new(0),
    );
    for (pixel, coverage) in img.pixels_mut().zip(mask.pixels()) {
        let a = coverage.0[0] as f32 / 255.0;
        for (channel, ink) in pixel.0.iter_mut().zip(colour) {
            *channel = (*channel as f32 * (1.0 - a) + ink as f32 * a) as u8;
        }
    }
}

/// Ink spread and edge darkness: grey-level dilation or erosion, then a coverage exponent.
fn ink_weight(mask: GrayImage, style: &PrintStyle) -> GrayImage {
    let mut mask = match style.ink_grow {
        1 => grayscale_dilate(&mask, &Mask::disk(1)),
        -1 => grayscale_erode(&mask, &Mask::disk(1)),
        _ => mask,
    };
    let gamma = style.ink_gamma;
    for pixel in mask.pixels_mut() {
        let c = pixel.0[0] as f32 / 255.0;
        pixel.0[0] = (c.powf(gamma) * 255.0) as u8;
    }
    mask
}

fn composite_ink(page: &mut RgbaImage, mask: &GrayImage, ink: [u8; 3]) {
    for (pixel, coverage) in page.pixels_mut().zip(mask.pixels()) {
        let a = coverage.0[0] as f32 / 255.0;
        if a > 0.0 {
            for (channel, ink) in pixel.0.iter_mut().zip(ink) {
                *channel = (*channel as f32 * (1.0 - a) + ink as f32 * a) as u8;
            }
        }
    }
}
