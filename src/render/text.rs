//! The human checklist: one block per file, findings grouped under category headings, a hint
//! under every problem; after each applicant's last file, the checks of that applicant (their
//! profile, their photos together); at the end the things no tool can check and a summary.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::Renderer;
use crate::report::{ApplicantReport, Category, FileReport, Finding, Status, Summary, Verdict};
use crate::text::{escape, wrap};

pub struct TextRenderer;

/// What no offline tool can judge, said once at the end, never as pass/fail.
const ALSO_BEFORE_YOU_SUBMIT: &[(&str, &str)] = &[
    (
        "Liveness",
        "If the service asks for a selfie or video, follow its prompts in good light, without \
         glasses, hat or mask.",
    ),
    (
        "One account",
        "Verify only one account per person; a second account with the same document is \
         usually blocked.",
    ),
    (
        "Region",
        "Check that the service is offered where you live and to holders of your document.",
    ),
    (
        "Network",
        "Turn off VPNs and proxies: a location that does not match your document triggers \
         extra review.",
    ),
    (
        "Resubmitting",
        "Fix every problem above before submitting again; repeated rejected attempts can lock \
         verification for a while.",
    ),
];

fn style_of(status: Status) -> Style {
    match status {
        Status::Pass => AnsiColor::Green.on_default(),
        Status::Warn => AnsiColor::Yellow.on_default().bold(),
        Status::Fail => AnsiColor::Red.on_default().bold(),
        Status::Error => AnsiColor::Magenta.on_default().bold(),
        Status::Skip => Style::new().dimmed(),
    }
}

/// `✓ pass`, `! WARN`, `✗ FAIL`… Problems are in capitals so they stand out without colour.
fn label(status: Status) -> String {
    let (mark, word) = match status {
        Status::Pass => ("✓", "pass"),
        Status::Warn => ("!", "WARN"),
        Status::Fail => ("✗", "FAIL"),
        Status::Error => ("?", "ERROR"),
        Status::Skip => ("-", "skip"),
    };
    let style = style_of(status);
    format!("{style}{mark} {word:<5}{style:#}")
}

fn verdict_label(verdict: Verdict) -> String {
    let status = Status::from(verdict);
    let style = style_of(status);
    format!("{style}{}{style:#}", verdict.as_str().to_uppercase())
}

fn heading(out: &mut dyn Write, title: &str, verdict: Verdict) -> io::Result<()> {
    let bold = Style::new().bold();
    writeln!(out, "{bold}{title}{bold:#} — {}", verdict_label(verdict))
}

fn findings(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    for category in Category::ALL {
        let mut in_category = findings
            .iter()
            .filter(|f| f.category == category)
            .peekable();
        if in_category.peek().is_none() {
            continue;
        }
        let bold = Style::new().bold();
        writeln!(out, "  {bold}{}{bold:#}", category.heading())?;
        for finding in in_category {
            write!(
                out,
                "    {}  {}: {}",
                label(finding.status),
                finding.title,
                finding.message
            )?;
            // Problems carry their id, for `kyc-preflight explain ID`.
            if let Some(hint) = &finding.hint {
                let dim = Style::new().dimmed();
                writeln!(out, " {dim}[{}]{dim:#}", finding.id)?;
                writeln!(out, "             → {hint}")?;
            } else {
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

fn could_not_check(out: &mut dyn Write, reason: &str) -> io::Result<()> {
    writeln!(
        out,
        "    {}  could not be checked: {reason}",
        label(Status::Error)
    )
}

/// One block of the checklist: its heading and verdict, why it could not be checked if it
/// could not, and its findings by category.
fn section(
    out: &mut dyn Write,
    title: &str,
    verdict: Verdict,
    error: Option<&str>,
    checks: &[Finding],
) -> io::Result<()> {
    heading(out, title, verdict)?;
    if let Some(reason) = error {
        could_not_check(out, reason)?;
    }
    findings(out, checks)?;
    writeln!(out)
}

impl Renderer for TextRenderer {
    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        section(
            out,
            &escape(&file.path),
            file.verdict,
            file.error.as_deref(),
            &file.checks,
        )
    }

    fn applicant(&mut self, out: &mut dyn Write, applicant: &ApplicantReport) -> io::Result<()> {
        let (verdict, error) = (applicant.verdict, applicant.error.as_deref());
        section(
            out,
            &applicant_title(applicant),
            verdict,
            error,
            &applicant.checks,
        )
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        verdict: Verdict,
        summary: &Summary,
    ) -> io::Result<()> {
        let bold = Style::new().bold();
        writeln!(out, "{bold}Also before you submit{bold:#}")?;
        for (topic, advice) in ALSO_BEFORE_YOU_SUBMIT {
            let wrapped = wrap(&format!("{topic}: {advice}"), 96, "    ");
            // The first line's indent becomes the bullet; continuation lines keep theirs.
            writeln!(out, "  • {}", wrapped.trim_end().trim_start())?;
        }
        let dim = Style::new().dimmed();
        writeln!(
            out,
            "{dim}More on any check: kyc-preflight explain ID (ids: kyc-preflight checks){dim:#}"
        )?;
        writeln!(out)?;
        let s = summary;
        let files = if s.files == 1 { "file" } else { "files" };
        let mut line = format!(
            "{} {files}: {} pass, {} warn, {} fail, {} error",
            s.files, s.pass, s.warn, s.fail, s.error
        );
        if s.applicants > 0 {
            let applicants = if s.applicants == 1 {
                "applicant"
            } else {
                "applicants"
            };
            line.push_str(&format!("; {} {applicants}", s.applicants));
        }
        writeln!(out, "{line}. Verdict: {}", verdict_label(verdict))?;
        if !s.failing_checks.is_empty() {
            // A batch's most common problems, for the team deciding what to tell users first.
            let top: Vec<String> = s
                .failing_checks
                .iter()
                .take(TOP_FAILING_CHECKS)
                .map(|c| format!("{} ({})", c.id, c.count))
                .collect();
            writeln!(out, "Failed most often: {}", top.join(", "))?;
        }
        Ok(())
    }
}

/// How many of the most common failing checks the summary names.
const TOP_FAILING_CHECKS: usize = 5;

/// "Profile alice/profile.toml", "Photos in bob/ together"…
fn applicant_title(applicant: &ApplicantReport) -> String {
    match (&applicant.profile, &applicant.folder) {
        (Some(profile), _) => format!("Profile {}", escape(profile)),
        (None, Some(folder)) => format!("Photos in {} together", escape(folder)),
        (None, None) => "The photos together".to_owned(),
    }
}

/// The fields of a machine-readable zone, one per line (as masked in `m`), then its lines.
pub fn mrz(out: &mut dyn Write, m: &crate::report::MrzReport) -> io::Result<()> {
    writeln!(out, "  format: {}", m.format)?;
    if let Some(f) = &m.fields {
        let verdict = |field: &str| -> &'static str {
            match f.checks.iter().find(|c| c.field == field) {
                Some(c) if c.valid => "  (check digit right)",
                Some(_) => "  (check digit WRONG)",
                None => "",
            }
        };
        let rows = [
            ("document code", f.document_code.clone(), ""),
            ("issuing state", f.issuing_state.clone(), ""),
            ("surname", f.surname.clone(), ""),
            ("given names", f.given_names.clone(), ""),
            (
                "document number",
                f.document_number.clone(),
                verdict("document_number"),
            ),
            ("nationality", f.nationality.clone(), ""),
            (
                "birth date (YYMMDD)",
                f.birth_date.clone(),
                verdict("birth_date"),
            ),
            ("sex", f.sex.clone(), ""),
            (
                "expiry date (YYMMDD)",
                f.expiry_date.clone().unwrap_or_else(|| "–".into()),
                verdict("expiry_date"),
            ),
            (
                "optional data",
                f.optional_data.clone(),
                verdict("optional_data"),
            ),
        ];
        for (name, value, check) in rows {
            writeln!(out, "  {name:<21} {}{check}", escape(&value))?;
        }
        if f.name_truncated {
            writeln!(out, "  (the name fills its field: it may be truncated)")?;
        }
        writeln!(out, "  composite{}", verdict("composite"))?;
    }
    if !m.uncertain.is_empty() {
        let places: Vec<String> = m
            .uncertain
            .iter()
            .map(|[l, c]| format!("line {l} char {c}"))
            .collect();
        writeln!(out, "  unclear: {}", places.join(", "))?;
    }
    for line in &m.lines {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
