//! JSON and NDJSON output: the serde structs of `report` written as they are.

use std::io::{self, Write};

use serde::Serialize;

use super::Renderer;
use crate::report::{FileReport, ProfileReport, Report, SCHEMA_VERSION, Summary, Tool, Verdict};

/// `--format json`: the whole [`Report`] as one pretty-printed document at the end.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn file(&mut self, _out: &mut dyn Write, _file: &FileReport) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)
    }
}

/// `--format ndjson`: one line per file as it finishes, then a `profile` line (when a profile
/// was given) and a final `summary` line. Every line carries `type` and `schema_version`.
pub struct NdjsonRenderer;

/// One NDJSON line: a tag, the schema version, then the object's own fields.
#[derive(Serialize)]
pub struct Line<'a, T: Serialize> {
    /// `file`, `profile` or `summary`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub schema_version: u32,
    #[serde(flatten)]
    pub body: &'a T,
}

/// The body of the last NDJSON line.
#[derive(Serialize)]
pub struct SummaryLine<'a> {
    pub tool: &'a Tool,
    /// The run's verdict, as in the JSON document.
    pub verdict: Verdict,
    #[serde(flatten)]
    pub summary: &'a Summary,
}

fn write_line<T: Serialize>(out: &mut dyn Write, kind: &'static str, body: &T) -> io::Result<()> {
    let line = Line {
        kind,
        schema_version: SCHEMA_VERSION,
        body,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)?;
    // Scripts reading the stream see each file as soon as it is done.
    out.flush()
}

impl Renderer for NdjsonRenderer {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        write_line(out, "file", file)
    }

    fn finish(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        if let Some(profile) = &report.profile {
            write_line::<ProfileReport>(out, "profile", profile)?;
        }
        let summary = SummaryLine {
            tool: &report.tool,
            verdict: report.verdict,
            summary: &report.summary,
        };
        write_line(out, "summary", &summary)
    }
}
