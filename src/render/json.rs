//! JSON and NDJSON output: the serde structs of `report` written as they are.
//!
//! The JSON document is written as the run goes, not built at the end: its opening, then each
//! file as it finishes, then the applicants and the summary. It has exactly the layout of
//! [`crate::Report`] (the tests parse it back into one), but a batch of any length costs only
//! the applicants' reports in memory.

use std::io::{self, Write};

use serde::Serialize;

use super::Renderer;
use crate::report::{ApplicantReport, FileReport, SCHEMA_VERSION, Summary, Tool, Verdict};
use crate::text::json_escape_unsafe;

/// `--format json`: one pretty-printed document, streamed.
#[derive(Default)]
pub struct JsonRenderer {
    /// Files written so far (for the commas between them).
    files: usize,
    /// The applicants, printed after the files as the layout has them.
    applicants: Vec<ApplicantReport>,
}

/// Write `value` pretty-printed where the cursor is, `depth` levels deep: every line after
/// the first indented to match (the caller indents the first). JSON strings never hold a raw
/// newline, so splitting on them only ever splits between tokens.
fn write_nested<T: Serialize>(out: &mut dyn Write, value: &T, depth: usize) -> io::Result<()> {
    let text = json_escape_unsafe(serde_json::to_string_pretty(value)?);
    let indent = "  ".repeat(depth);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            write!(out, "\n{indent}")?;
        }
        write!(out, "{line}")?;
    }
    Ok(())
}

/// Start the next member of an array of the document's top level: the comma after the one
/// before, a new line, the indent.
fn start_member(out: &mut dyn Write, first: bool) -> io::Result<()> {
    writeln!(out, "{}", if first { "" } else { "," })?;
    write!(out, "    ")
}

/// Close such an array after `members` members (an empty one closes on its own line).
fn close_array(out: &mut dyn Write, members: usize) -> io::Result<()> {
    let indent = if members == 0 { "" } else { "\n  " };
    writeln!(out, "{indent}],")
}

impl JsonRenderer {
    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        writeln!(out, "  \"schema_version\": {SCHEMA_VERSION},")?;
        write!(out, "  \"tool\": ")?;
        write_nested(out, &Tool::this(), 1)?;
        writeln!(out, ",")?;
        write!(out, "  \"files\": [")
    }
}

impl Renderer for JsonRenderer {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        if self.files == 0 {
            self.open(out)?;
        }
        start_member(out, self.files == 0)?;
        write_nested(out, file, 2)?;
        self.files += 1;
        Ok(())
    }

    fn applicant(&mut self, _out: &mut dyn Write, applicant: &ApplicantReport) -> io::Result<()> {
        self.applicants.push(applicant.clone());
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        verdict: Verdict,
        summary: &Summary,
    ) -> io::Result<()> {
        if self.files == 0 {
            self.open(out)?;
        }
        close_array(out, self.files)?;
        write!(out, "  \"applicants\": [")?;
        for (i, applicant) in self.applicants.iter().enumerate() {
            start_member(out, i == 0)?;
            write_nested(out, applicant, 2)?;
        }
        close_array(out, self.applicants.len())?;
        writeln!(out, "  \"verdict\": {},", serde_json::to_string(&verdict)?)?;
        write!(out, "  \"summary\": ")?;
        write_nested(out, summary, 1)?;
        writeln!(out, "\n}}")
    }
}

/// `--format ndjson`: one line per file as it finishes, one per applicant after their last
/// file, and a final `summary` line. Every line carries `type` and `schema_version`.
pub struct NdjsonRenderer;

/// One NDJSON line: a tag, the schema version, then the object's own fields.
#[derive(Serialize)]
pub struct Line<'a, T: Serialize> {
    /// `file`, `applicant` or `summary`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub schema_version: u32,
    #[serde(flatten)]
    pub body: &'a T,
}

/// The body of the last NDJSON line.
#[derive(Serialize)]
pub struct SummaryLine<'a> {
    pub tool: Tool,
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
    writeln!(out, "{}", json_escape_unsafe(serde_json::to_string(&line)?))?;
    // Scripts reading the stream see each file as soon as it is done.
    out.flush()
}

impl Renderer for NdjsonRenderer {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        write_line(out, "file", file)
    }

    fn applicant(&mut self, out: &mut dyn Write, applicant: &ApplicantReport) -> io::Result<()> {
        write_line(out, "applicant", applicant)
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        verdict: Verdict,
        summary: &Summary,
    ) -> io::Result<()> {
        let summary = SummaryLine {
            tool: Tool::this(),
            verdict,
            summary,
        };
        write_line(out, "summary", &summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Finding, Report};

    #[test]
    fn the_streamed_document_parses_back_into_the_report_it_was_made_of() {
        let file = |name: &str| FileReport::from_findings(name.into(), Vec::<Finding>::new());
        for (files, applicants) in [
            (vec![], vec![]),
            (vec![file("a.jpg")], vec![]),
            (
                vec![file("a.jpg"), file("b\nc.jpg")],
                vec![
                    ApplicantReport::invalid(
                        "p.toml".into(),
                        None,
                        vec!["a.jpg".into()],
                        "x".into(),
                    ),
                    ApplicantReport::from_findings(None, Some("d".into()), vec![], vec![]),
                ],
            ),
        ] {
            let report = Report::new(files, applicants);
            let mut out = Vec::new();
            super::super::render_report(&mut JsonRenderer::default(), &mut out, &report).unwrap();
            let text = String::from_utf8(out).unwrap();
            let parsed: Report =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            assert_eq!(parsed, report);
            let whole: serde_json::Value = serde_json::to_value(&report).unwrap();
            let streamed: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(streamed, whole);
        }
    }
}
