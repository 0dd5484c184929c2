//! Printing a run: one renderer per output format, fed file reports as they finish.
//!
//! Renderers write to any `io::Write` and never decide colour: the text renderer always emits
//! ANSI styles and the binary wraps stdout in an `anstream` stream that strips them unless
//! colour is wanted (a terminal, `NO_COLOR` unset, or `--color always`).

pub mod annotate;
mod json;
pub mod text;

use std::io::{self, Write};

use crate::report::{FileReport, Report};

pub use json::{JsonRenderer, NdjsonRenderer};
pub use text::TextRenderer;

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// A checklist for people, grouped by category.
    #[default]
    Text,
    /// One JSON document at the end (`schema_version` 1).
    Json,
    /// One JSON object per line: a line per file as it finishes, then the profile and a summary.
    Ndjson,
}

/// Receives results as they are produced and writes them in one format.
pub trait Renderer {
    /// A file's report, called once per file in input order as soon as it is ready.
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()>;
    /// The end of the run, with everything (files again, the profile, the summary).
    fn finish(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()>;
}

/// The renderer for a format.
pub fn renderer(format: OutputFormat) -> Box<dyn Renderer> {
    match format {
        OutputFormat::Text => Box::new(TextRenderer),
        OutputFormat::Json => Box::new(JsonRenderer),
        OutputFormat::Ndjson => Box::new(NdjsonRenderer),
    }
}
