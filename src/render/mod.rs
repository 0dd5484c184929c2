//! Printing a run: one renderer per output format, fed file reports as they finish.
//!
//! Renderers write to any `io::Write` and never decide colour: the text renderer always emits
//! ANSI styles and the binary wraps stdout in an `anstream` stream that strips them unless
//! colour is wanted (a terminal, `NO_COLOR` unset, or `--color always`).

pub mod annotate;
mod json;
pub mod text;

use std::io::{self, Write};

use crate::report::{ApplicantReport, FileReport, Summary, Verdict};

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
    /// One JSON object per line: a line per file as it finishes, a line per applicant after
    /// their last file, then a summary.
    Ndjson,
}

/// Receives results as they are produced and writes them in one format. Nothing is kept
/// that a later call does not need, so a batch of any length prints in bounded memory (the
/// JSON document keeps the applicants' reports, which it prints after the files).
pub trait Renderer {
    /// A file's report, called once per file in input order as soon as it is ready.
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()>;
    /// An applicant's report, called once their last file has been given to [`Self::file`].
    fn applicant(&mut self, out: &mut dyn Write, applicant: &ApplicantReport) -> io::Result<()>;
    /// The end of the run: its verdict and the counts.
    fn finish(
        &mut self,
        out: &mut dyn Write,
        verdict: Verdict,
        summary: &Summary,
    ) -> io::Result<()>;
}

/// Print a whole [`crate::Report`] with `renderer`, as a run would have streamed it.
pub fn render_report(
    renderer: &mut dyn Renderer,
    out: &mut dyn Write,
    report: &crate::Report,
) -> io::Result<()> {
    for file in &report.files {
        renderer.file(out, file)?;
    }
    for applicant in &report.applicants {
        renderer.applicant(out, applicant)?;
    }
    renderer.finish(out, report.verdict, &report.summary)
}

/// The renderer for a format.
pub fn renderer(format: OutputFormat) -> Box<dyn Renderer> {
    match format {
        OutputFormat::Text => Box::new(TextRenderer),
        OutputFormat::Json => Box::new(JsonRenderer::default()),
        OutputFormat::Ndjson => Box::new(NdjsonRenderer),
    }
}
