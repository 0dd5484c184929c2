//! The `kyc-preflight` binary: parse the command line, call the library, print, exit.

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser};

use cli::{CheckArgs, Cli, ColorWhen, Command, Format};
use kyc_preflight::render::{self, OutputFormat};
use kyc_preflight::text::{display_path, escape, wrap};
use kyc_preflight::{ExitStatus, Options, Report, Selection, Thresholds, checks, inputs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
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

    // The profile is checked first so that a broken profile is reported before a long batch.
    let profile = args.profile.as_deref().map(|path| {
        let report = kyc_preflight::check_profile(path, &options, &selection);
        if let Some(reason) = &report.error {
            eprintln!("kyc-preflight: error: {}: {reason}", display_path(path));
        }
        report
    });

    let mut files = Vec::new();
    for input in inputs::expand(&args.paths) {
        let report = match input {
            inputs::Input::File(path) => kyc_preflight::check_file(&path, &options, &selection),
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

    let report = Report::new(files, profile);
    renderer.finish(&mut out, &report)?;
    out.flush()?;
    Ok(ExitStatus::of(report.verdict, args.strict))
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
