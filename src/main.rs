//! The `kyc-preflight` binary: parse the command line, call the library, print, exit.

mod cli;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser};

use cli::{CheckArgs, Cli, ColorWhen, Command, Format, MrzArgs};
use kyc_preflight::render::{self, OutputFormat};
use kyc_preflight::text::{display_path, escape, wrap};
use kyc_preflight::{
    Annotated, ExitStatus, Options, Report, Selection, Thresholds, checks, inputs,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Mrz(args) => read_mrz(args),
        Command::Checks => list_checks().map(|()| ExitStatus::Clean),
        Command::Explain { id } => explain(&id),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "kyc-preflight",
                &mut io::stdout(),
            );
            Ok(ExitStatus::Clean)
        }
    };
    match result {
        Ok(status) => ExitCode::from(status.code()),
        // A reader that stopped reading (`| head`) is not an error worth a message.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(ExitStatus::Clean.code()),
        Err(err) => {
            eprintln!("kyc-preflight: error: {err:#}");
            ExitCode::from(ExitStatus::Trouble.code())
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `mrz IMAGE`: the document.mrz check alone, printing what was read.
fn read_mrz(args: MrzArgs) -> Result<ExitStatus> {
    let mut options = Options::new(jiff::Zoned::now().date());
    options.show_pii = args.show_pii;
    let shown = escape(&args.image.to_string_lossy());
    let (finding, mrz) = match kyc_preflight::read_mrz(&args.image, &options) {
        Ok(read) => read,
        Err(reason) => {
            eprintln!("kyc-preflight: error: {shown}: {reason}");
            return Ok(ExitStatus::Trouble);
        }
    };
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json | Format::Ndjson => {
            let document = serde_json::json!({
                "schema_version": 1,
                "path": args.image.to_string_lossy(),
                "mrz": mrz,
                "status": finding.status,
                "message": finding.message,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        }
        Format::Text => {
            writeln!(out, "{shown}")?;
            writeln!(out, "  {}: {}", finding.status.as_str(), finding.message)?;
            if let Some(m) = &mrz {
                render::text::mrz(&mut out, m)?;
            }
        }
    }
    out.flush()?;
    Ok(if mrz.as_ref().is_some_and(|m| m.valid) {
        ExitStatus::Clean
    } else {
        ExitStatus::Failed
    })
}

fn check(args: CheckArgs) -> Result<ExitStatus> {
    if args.paths.is_empty() && args.profile.is_none() {
        bail!("nothing to check: give photos or folders, and/or --profile FILE (see --help)");
    }
    let selection = Selection::new(&args.only, &args.skip)?;
    let today = match args.today {
        Some(date) => date,
        None => jiff::Zoned::now().date(),
    };
    let mut options = Options::new(today);
    options.show_pii = args.show_pii;
    if let Some(path) = &args.config {
        options.thresholds = Thresholds::from_config_file(path)
            .with_context(|| format!("config {}", display_path(path)))?;
    }
    let format = match args.format {
        Format::Text => OutputFormat::Text,
        Format::Json => OutputFormat::Json,
        Format::Ndjson => OutputFormat::Ndjson,
    };
    let color = match args.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(io::stdout().lock(), color);
    let mut renderer = render::renderer(format);

    // The profile is loaded first so that a broken one is reported before a long batch; its
    // checks run after the photos, with the documents read from them.
    let profile = args.profile.as_deref().map(|path| {
        let loaded = kyc_preflight::load_profile(path, options.today);
        if let Err(reason) = &loaded {
            eprintln!("kyc-preflight: error: {}: {reason}", display_path(path));
        }
        (path, loaded)
    });
    let mut documents = Vec::new();

    let inputs = inputs::expand(&args.paths);
    let mut annotations = match &args.annotate {
        Some(dir) => Some(Annotations::new(dir, &inputs)?),
        None => None,
    };
    let mut files = Vec::new();
    let mut trouble = false;
    for input in inputs {
        let report = match input {
            inputs::Input::File(path) => {
                let target = annotations.as_mut().map(|a| a.target(&path));
                let out = match &target {
                    Some(Ok(out)) => Some(out.as_path()),
                    _ => None,
                };
                let examined = kyc_preflight::examine_file(&path, &options, &selection, out);
                let (report, annotated) = (examined.report, examined.annotated);
                documents.extend(examined.document);
                let shown = escape(&report.path);
                match (target, annotated) {
                    (Some(Err(why)), _) | (_, Some(Annotated::Failed(why))) => {
                        eprintln!("kyc-preflight: error: {shown}: {why}");
                        trouble = true;
                    }
                    // Its findings already say why it was not decoded.
                    (_, Some(Annotated::NotDecoded)) => {
                        eprintln!("kyc-preflight: note: {shown}: not annotated (not decoded)");
                    }
                    _ => {}
                }
                report
            }
            inputs::Input::Problem { path, reason } => {
                kyc_preflight::FileReport::unreadable(path.to_string_lossy().into_owned(), reason)
            }
        };
        if let Some(reason) = report.error_reason() {
            eprintln!("kyc-preflight: error: {}: {}", escape(&report.path), reason);
        }
        renderer.file(&mut out, &report)?;
        files.push(report);
    }

    let profile = match profile {
        Some((path, Ok(profile))) => Some(kyc_preflight::check_applicant(
            Some(path),
            &profile,
            &documents,
            &options,
            &selection,
        )),
        Some((path, Err(reason))) => Some(kyc_preflight::ProfileReport::invalid(
            path.to_string_lossy().into_owned(),
            reason.to_string(),
        )),
        // Without a profile, what the documents say is still judged (an expired passport).
        None if !documents.is_empty() => Some(kyc_preflight::check_applicant(
            None,
            &kyc_preflight::Profile::default(),
            &documents,
            &options,
            &selection,
        )),
        None => None,
    };
    let report = Report::new(files, profile);
    renderer.finish(&mut out, &report)?;
    out.flush()?;
    if trouble {
        return Ok(ExitStatus::Trouble);
    }
    Ok(ExitStatus::of(report.verdict, args.strict))
}

/// Where `--annotate` pictures go: `DIR/<file name>.annotated.png`, numbered when two inputs
/// share a name, and never a path that is one of the run's inputs.
struct Annotations {
    dir: PathBuf,
    inputs: HashSet<PathBuf>,
    used: HashSet<PathBuf>,
}

impl Annotations {
    fn new(dir: &Path, inputs: &[inputs::Input]) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("--annotate folder {}", display_path(dir)))?;
        let inputs = inputs
            .iter()
            .filter_map(|input| match input {
                inputs::Input::File(path) => std::fs::canonicalize(path).ok(),
                inputs::Input::Problem { .. } => None,
            })
            .collect();
        Ok(Annotations {
            dir: dir.to_path_buf(),
            inputs,
            used: HashSet::new(),
        })
    }

    fn target(&mut self, input: &Path) -> Result<PathBuf, String> {
        let name = input
            .file_name()
            .map_or_else(|| "photo".into(), |n| n.to_string_lossy().into_owned());
        let mut number = 1;
        loop {
            let file = if number == 1 {
                format!("{name}.annotated.png")
            } else {
                format!("{name}-{number}.annotated.png")
            };
            let path = self.dir.join(file);
            number += 1;
            if !self.used.insert(path.clone()) {
                continue;
            }
            let is_input = std::fs::canonicalize(&path).is_ok_and(|p| self.inputs.contains(&p));
            if is_input {
                return Err(format!(
                    "not annotated: {} is one of the inputs, and inputs are never overwritten",
                    display_path(&path)
                ));
            }
            return Ok(path);
        }
    }
}

fn list_checks() -> Result<()> {
    let mut out = io::stdout().lock();
    let width = checks::REGISTRY
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(0);
    for check in checks::REGISTRY {
        writeln!(
            out,
            "{:<width$}  {:<8}  {}",
            check.id,
            check.category.as_str(),
            check.summary
        )?;
    }
    Ok(())
}

fn explain(id: &str) -> Result<ExitStatus> {
    let check = match checks::lookup(id) {
        Ok(check) => check,
        Err(err) => {
            eprintln!("kyc-preflight: error: {err}");
            return Ok(ExitStatus::Trouble);
        }
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} — {} ({})\n",
        check.id,
        check.title,
        check.category.heading()
    )?;
    for (heading, body) in [
        ("What it checks", check.what),
        ("Why uploads get rejected for it", check.why),
        ("How to fix it", check.fix),
    ] {
        writeln!(out, "{heading}\n{}", wrap(body, 80, "  "))?;
    }
    Ok(ExitStatus::Clean)
}
