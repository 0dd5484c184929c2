//! Every setting the checks read: policy thresholds (each with its default and where that default
//! comes from) and run settings such as the date of "today" and whether personal data may be shown.
//!
//! Measurement code never sees these; only `checks/` turns numbers into statuses with them.
//! Thresholds can be overridden by a TOML file given with `--config`, whose keys are the field
//! names of [`Thresholds`]; unknown keys are rejected so a typo cannot silently keep a default.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::load::{Format, LoadLimits};

/// Run-wide settings handed to every check.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date expiry and age are judged against. `--today`, or the local date.
    pub today: Date,
    /// Print names, numbers and dates unmasked (`--show-pii`). Off by default.
    pub show_pii: bool,
    pub thresholds: Thresholds,
    /// Safety limits for reading untrusted files (not policy; not in `--config`).
    pub limits: LoadLimits,
}

impl Options {
    pub fn new(today: Date) -> Self {
        Options {
            today,
            show_pii: false,
            thresholds: Thresholds::default(),
            limits: LoadLimits::default(),
        }
    }
}

/// Policy thresholds. Every default names its source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Formats `file.format` accepts. Default `["jpeg", "png"]`: the two formats every KYC
    /// upload form we surveyed accepts (ComplyCube, Onfido, Sumsub list JPG/PNG; some add PDF,
    /// which is never right for a photo of a card).
    pub accepted_formats: Vec<Format>,
    /// `file.size` fails above this many bytes. Default 10 000 000 (10 MB): the most common
    /// upload cap; ComplyCube's is 4 MB, so lower it for stricter services.
    pub max_file_bytes: u64,
    /// `file.size` warns below this many bytes. Default 30 000 (30 KB): ComplyCube rejects
    /// files under 34 KB; a real phone photo of a card is far larger, so a file this small
    /// is a thumbnail or heavily recompressed.
    pub min_file_bytes: u64,
    /// `photo.corners` fails when a corner of the document lies closer than this to the edge
    /// of the photo, as a fraction of the photo's shorter side (or outside it). Default 0.02:
    /// BlinkID's `inputImageMargin`.
    pub corner_margin: f64,
    /// `photo.framing` fails when the document spans less than this fraction of the photo
    /// (along the document's long side). Default 0.4: Veridas asks for the document to cover
    /// 40–90% of the frame.
    pub min_document_span: f64,
    /// `photo.framing` warns when the document spans more than this fraction: no margin left
    /// around it. Default 0.95.
    pub max_document_span: f64,
    /// `photo.perspective` warns when a corner of the document is more than this many degrees
    /// from square. Default 5: Regula's `angleThreshold`.
    pub max_corner_angle_deg: f64,
    /// `photo.resolution` fails when the document is imaged at fewer dots per inch than this.
    /// Default 150: Regula's `dpiThreshold` (an ID-1 card 85.6 mm wide at ~505 px).
    pub min_document_dpi_fail: f64,
    /// `photo.resolution` warns below this many dots per inch. Default 300: where the
    /// machine-readable zone's characters (2.54 mm apart) are 30 px apart, comfortable to read.
    pub min_document_dpi_warn: f64,
    /// `photo.blur` warns when the document's blur, in pixels of Gaussian spread on the
    /// document rectified to 1000 px wide (its worst direction), exceeds this. Default 1.5:
    /// about half the stroke width of the machine-readable zone at that size (3 px).
    pub max_blur_warn_px: f64,
    /// `photo.blur` fails above this. Default 2.5: a blur of most of a stroke's width, which
    /// merges the strokes of neighbouring characters.
    pub max_blur_fail_px: f64,
    /// `photo.blur` warns when a document whose pixel count gives `min_document_dpi_warn` or
    /// more spreads its print's edges over more than this many of the photo's own pixels
    /// (Gaussian σ) and the detail that leaves is below `min_document_dpi_warn`: a photo
    /// enlarged from a smaller copy, or slightly out of focus. Default 0.9, one and a half
    /// times the spread of a sharp photo (calibrated: unblurred synthetic photos of 300 dpi or
    /// more measure up to 1.07, with over 500 dpi of detail; sharp real scans 0.57 or less;
    /// the real set's enlarged scan 1.23).
    pub max_native_spread_px: f64,
    /// `photo.glare` fails when blown-out highlights cover more than this fraction of the
    /// document (a 5% margin along its edges ignored), or touch the machine-readable zone or
    /// the portrait. Default 0.01: Regula's glare rule.
    pub max_glare_fraction: f64,
    /// `photo.exposure` fails when the document's paper is darker than this (luma, 0–255).
    /// Default 110: calibrated on the synthetic set, where well-lit paper measures 207 or
    /// more and under-exposed paper 79 or less; no vendor publishes a figure.
    pub min_paper_level: f64,
    /// `photo.exposure` fails when more than this share of the document is blown out to white
    /// and its print is washed out too. Default 0.75 (calibrated: over-exposed documents
    /// measure 0.86 and more; a white photocopy, well exposed, up to 0.66).
    pub max_blown_fraction: f64,
    /// `photo.exposure` warns when the light on the document's brightest corner is this many
    /// times that on its dimmest. Default 2.0: at 2:1 the shadowed side's print has half the
    /// contrast.
    pub max_light_ratio: f64,
    /// `photo.color` fails when the document's colour varies by less than this across it
    /// (percent of brightness between the typical chromaticities of its parts). Default 1.5:
    /// calibrated between black-and-white copies (0) and colour documents (3.4 and more).
    pub min_colour_variation: f64,
    /// `photo.screen` fails when a screen's pixel grid stands this many times above the
    /// spectrum around it, in every patch of the document (but one); warns at three quarters.
    /// Default 2000 (calibrated: photos of screens measure 3000 and more, photos of documents
    /// 1300 or less).
    pub screen_grid_fail: f64,
    /// `photo.occlusion` warns when objects reaching in over the document's edge cover more
    /// than this share of it. Default 0.02 (a fingertip over a card covers 3–9%).
    pub max_occluded_fraction: f64,
    /// `file.duplicate` takes two photos of one applicant for the same picture when at most
    /// this many of the 1024 cells of their fingerprints differ (`vision::fingerprint`).
    /// Default 16 (calibrated with `eval-applicants`: copies saved again as JPEG q60, at half
    /// size or as PNG differ in 13 cells or fewer; the other side of the same card in the same
    /// scene in 9 or more, and 20 or more unless the card is far from the camera).
    pub max_duplicate_distance: u32,
    /// `document.expiry` warns when the document expires within this many days. Default 30:
    /// services commonly refuse documents that expire before the review is likely to finish.
    pub expiry_warn_days: i64,
    /// `document.age` fails below this age in whole years. Default 18, the age of majority
    /// and the minimum age of most exchanges and banks.
    pub min_age_years: i16,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            accepted_formats: vec![Format::Jpeg, Format::Png],
            max_file_bytes: 10_000_000,
            min_file_bytes: 30_000,
            corner_margin: 0.02,
            min_document_span: 0.4,
            max_document_span: 0.95,
            max_corner_angle_deg: 5.0,
            min_document_dpi_fail: 150.0,
            min_document_dpi_warn: 300.0,
            max_blur_warn_px: 1.5,
            max_blur_fail_px: 2.5,
            max_native_spread_px: 0.9,
            max_glare_fraction: 0.01,
            min_paper_level: 110.0,
            max_blown_fraction: 0.75,
            max_light_ratio: 2.0,
            min_colour_variation: 1.5,
            screen_grid_fail: 2000.0,
            max_occluded_fraction: 0.02,
            max_duplicate_distance: 16,
            expiry_warn_days: 30,
            min_age_years: 18,
        }
    }
}

/// Why a `--config` file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read it: {0}")]
    Read(#[from] std::io::Error),
    /// TOML syntax or a wrong key/type; the config holds no personal data, so the parser's
    /// message (not its multi-line source excerpt) is safe to show.
    #[error("{0}")]
    Parse(String),
    #[error("{0}")]
    Invalid(String),
}

impl Thresholds {
    /// Read thresholds from a TOML file; missing keys keep their defaults.
    pub fn from_config_file(path: &Path) -> Result<Thresholds, ConfigError> {
        let text = std::fs::read_to_string(path)?;
        Thresholds::from_toml(&text)
    }

    pub fn from_toml(text: &str) -> Result<Thresholds, ConfigError> {
        let thresholds: Thresholds = toml::from_str(text).map_err(|e| {
            // One line: the parser's own Display quotes the source over several lines.
            let (line, column) = crate::text::line_column(text, e.span().map_or(0, |s| s.start));
            ConfigError::Parse(format!(
                "line {line}, column {column}: {}",
                e.message().trim()
            ))
        })?;
        thresholds.validate()?;
        Ok(thresholds)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.accepted_formats.is_empty() {
            return Err(ConfigError::Invalid(
                "accepted_formats must name at least one format".into(),
            ));
        }
        if let Some(format) = self.accepted_formats.iter().find(|f| !f.is_decodable()) {
            return Err(ConfigError::Invalid(format!(
                "accepted_formats: {} cannot be decoded by this tool; choose from {}",
                format.name(),
                Format::DECODABLE
                    .iter()
                    .map(|f| f.config_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if self.min_file_bytes >= self.max_file_bytes {
            return Err(ConfigError::Invalid(
                "min_file_bytes must be smaller than max_file_bytes".into(),
            ));
        }
        let in_range = |name: &str, value: f64, low: f64, high: f64| {
            if (low..=high).contains(&value) {
                Ok(())
            } else {
                Err(ConfigError::Invalid(format!(
                    "{name} must be between {low} and {high}"
                )))
            }
        };
        in_range("corner_margin", self.corner_margin, 0.0, 0.25)?;
        in_range("min_document_span", self.min_document_span, 0.0, 1.0)?;
        in_range("max_document_span", self.max_document_span, 0.0, 1.0)?;
        in_range("max_corner_angle_deg", self.max_corner_angle_deg, 0.0, 45.0)?;
        in_range(
            "min_document_dpi_fail",
            self.min_document_dpi_fail,
            0.0,
            2400.0,
        )?;
        in_range(
            "min_document_dpi_warn",
            self.min_document_dpi_warn,
            0.0,
            2400.0,
        )?;
        in_range("max_blur_warn_px", self.max_blur_warn_px, 0.0, 50.0)?;
        in_range("max_blur_fail_px", self.max_blur_fail_px, 0.0, 50.0)?;
        in_range("max_native_spread_px", self.max_native_spread_px, 0.0, 50.0)?;
        in_range("max_glare_fraction", self.max_glare_fraction, 0.0, 1.0)?;
        in_range("min_paper_level", self.min_paper_level, 0.0, 255.0)?;
        in_range("max_blown_fraction", self.max_blown_fraction, 0.0, 1.0)?;
        in_range("max_light_ratio", self.max_light_ratio, 1.0, 100.0)?;
        in_range(
            "min_colour_variation",
            self.min_colour_variation,
            0.0,
            100.0,
        )?;
        in_range("screen_grid_fail", self.screen_grid_fail, 1.0, 1e9)?;
        in_range(
            "max_occluded_fraction",
            self.max_occluded_fraction,
            0.0,
            1.0,
        )?;
        in_range(
            "max_duplicate_distance",
            f64::from(self.max_duplicate_distance),
            0.0,
            1024.0,
        )?;
        for (low, high, names) in [
            (
                self.min_document_span,
                self.max_document_span,
                "min_document_span must be below max_document_span",
            ),
            (
                self.min_document_dpi_fail,
                self.min_document_dpi_warn,
                "min_document_dpi_fail must not exceed min_document_dpi_warn",
            ),
            (
                self.max_blur_warn_px,
                self.max_blur_fail_px,
                "max_blur_warn_px must not exceed max_blur_fail_px",
            ),
        ] {
            if low > high {
                return Err(ConfigError::Invalid(names.into()));
            }
        }
        if self.expiry_warn_days < 0 || !(0..=150).contains(&self.min_age_years) {
            return Err(ConfigError::Invalid(
                "expiry_warn_days must be ≥ 0 and min_age_years between 0 and 150".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_overrides_only_the_keys_it_names() {
        let t =
            Thresholds::from_toml("expiry_warn_days = 60\naccepted_formats = [\"jpeg\"]").unwrap();
        assert_eq!(t.expiry_warn_days, 60);
        assert_eq!(t.accepted_formats, [Format::Jpeg]);
        assert_eq!(t.max_file_bytes, Thresholds::default().max_file_bytes);
    }

    #[test]
    fn config_errors_are_one_line_and_name_the_problem() {
        let err = Thresholds::from_toml("max_file_byte = 5")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 1, column 1: unknown field `max_file_byte`"),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
        let err = Thresholds::from_toml("accepted_formats = [\"heif\"]").unwrap_err();
        assert!(err.to_string().contains("cannot be decoded"), "{err}");
        let err = Thresholds::from_toml("min_file_bytes = 20000000").unwrap_err();
        assert!(
            err.to_string().contains("smaller than max_file_bytes"),
            "{err}"
        );
    }
}
