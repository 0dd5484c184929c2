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
    /// `photo.resolution` fails when the image's shorter side is below this. Default 600 px:
    /// an ID-1 card filling ~85% of such a frame is imaged at about 150 dpi, Regula's
    /// `dpiThreshold` (85.6 mm at 150 dpi ≈ 505 px).
    pub min_short_side_fail_px: u32,
    /// `photo.resolution` warns when the shorter side is below this. Default 1000 px: about
    /// 300 dpi across a card that fills the frame (1011 px), where MRZ text is comfortable.
    pub min_short_side_warn_px: u32,
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
            min_short_side_fail_px: 600,
            min_short_side_warn_px: 1000,
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
        if self.min_short_side_fail_px > self.min_short_side_warn_px {
            return Err(ConfigError::Invalid(
                "min_short_side_fail_px must not exceed min_short_side_warn_px".into(),
            ));
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
