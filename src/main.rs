//! The `kyc-preflight` binary: parse the command line, call the library, print, exit.

mod cli;

use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser};

use cli::{CheckArgs, Cli, ColorWhen, Command, Format, MrzArgs, ScrubArgs};
use kyc_preflight::render::{self, OutputFormat};
use kyc_preflight::report::Summary;
use kyc_preflight::text::{display_path, escape, wrap};
use kyc_preflight::{
    Annotated, ApplicantOrigin, ApplicantReport, Evidence, ExitStatus, Options, Profile, Selection,
    Thresholds, Verdict, batch, checks, inputs,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Mrz(args) => read_mrz(args),
        Command::Scrub(args) => scrub(args),
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
            let text = serde_json::to_string_pretty(&document)?;
            writeln!(out, "{}", kyc_preflight::text::json_escape_unsafe(text))?;
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

/// `scrub IMAGE -o OUT`: write a verified copy without metadata, never over IMAGE.
fn scrub(args: ScrubArgs) -> Result<ExitStatus> {
    use kyc_preflight::scrub::{PixelsKept, scrub};
    let refuse = |path: &Path, why: &dyn std::fmt::Display| {
        eprintln!("kyc-preflight: error: {}: {why}", display_path(path));
        Ok(ExitStatus::Trouble)
    };
    let (input, output) = (&args.image, &args.output);
    let limits = kyc_preflight::load::LoadLimits::default();
    let file = match kyc_preflight::load::read_file(input, &limits) {
        Ok(file) => file,
        Err(why) => return refuse(input, &why),
    };
    let kyc_preflight::load::Contents::Whole(bytes) = file.contents else {
        return refuse(
            input,
            &format!(
                "over the {} MiB reading limit; not read",
                limits.max_read_bytes >> 20
            ),
        );
    };
    if is_same_file(input, output) {
        return refuse(
            output,
            &"this is the input photo; scrub writes a copy and never replaces its input",
        );
    }
    let copy = match scrub(&bytes, &limits) {
        Ok(copy) => copy,
        Err(why) => return refuse(input, &why),
    };
    let extension = output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    if let Some(ext) = extension
        && !copy.format.extensions().contains(&ext.as_str())
    {
        return refuse(
            output,
            &format!(
                "the copy is {}, so its name should end in .{}",
                copy.format.name(),
                copy.format.extensions()[0]
            ),
        );
    }
    let written = kyc_preflight::output::write_atomically(output, args.force, |out| {
        out.write_all(&copy.bytes)
    });
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return refuse(output, &"already exists; add --force to replace it");
        }
        Err(e) => return refuse(output, &format!("cannot write the copy ({})", e.kind())),
    }
    let removed = if copy.removed.is_empty() {
        "it carried no metadata".to_owned()
    } else {
        let kinds: Vec<&str> = copy.removed.iter().copied().collect();
        format!("removed {}", kinds.join(", "))
    };
    let pixels = match copy.pixels {
        PixelsKept::Untouched => "image data copied unchanged",
        PixelsKept::Lossless => "pixels rewritten losslessly",
        PixelsKept::Reencoded => "turned upright and re-encoded at JPEG quality 95",
    };
    let mut out = io::stdout().lock();
    writeln!(out, "wrote {}: {removed}; {pixels}", display_path(output))?;
    out.flush()?;
    Ok(ExitStatus::Clean)
}

/// Whether two paths name the same file (after symlinks), so that a copy never lands on its
/// own source.
fn is_same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(a), Ok(b)) if a == b
    )
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
    // --profile is loaded first, so that a broken one is reported before a long batch; its
    // checks run after the photos, with the documents read from them.
    let given_profile = args.profile.as_deref().map(|path| {
        let loaded = kyc_preflight::load_profile(path, options.today);
        if let Err(reason) = &loaded {
            eprintln!("kyc-preflight: error: {}: {reason}", display_path(path));
        }
        loaded.map_err(|reason| reason.to_string())
    });
    let plan = inputs::plan(&args.paths, args.profile.as_deref());
    // Annotation file names are chosen in input order before any work, so that two photos
    // with one name are numbered the same way whatever order the workers finish in.
    let targets: Vec<Option<Result<PathBuf, String>>> = match &args.annotate {
        Some(dir) => {
            let mut annotations = Annotations::new(dir, &plan.entries)?;
            plan.entries
                .iter()
                .map(|entry| match &entry.input {
                    inputs::Input::File(path) => Some(annotations.target(path)),
                    inputs::Input::Problem { .. } => None,
                })
                .collect()
        }
        None => vec![None; plan.entries.len()],
    };
    let mut run = Run {
        out: anstream::AutoStream::new(io::stdout().lock(), color),
        renderer: render::renderer(format),
        progress: progress_bar(plan.entries.len()),
        evidence: vec![Evidence::default(); plan.applicants.len()],
        summary: Summary::default(),
        verdict: Verdict::Pass,
        trouble: false,
        options: &options,
        selection: &selection,
        given_profile,
    };
    let jobs = args.jobs.map_or_else(batch::default_jobs, usize::from);
    batch::run_in_order(
        &plan.entries,
        jobs,
        |index, entry| examine(entry, targets[index].as_ref(), &options, &selection),
        |index, examined| run.deliver(&plan, index, examined),
    )?;
    run.progress.finish_and_clear();
    // Applicants with no photo at all: a profile checked on its own.
    for (index, source) in plan.applicants.iter().enumerate() {
        if source.last_entry.is_none() {
            run.applicant(index, source)?;
        }
    }
    run.renderer
        .finish(&mut run.out, run.verdict, &run.summary)?;
    run.out.flush()?;
    if run.trouble {
        return Ok(ExitStatus::Trouble);
    }
    Ok(ExitStatus::of(run.verdict, args.strict))
}

/// What a worker made of one entry of the batch.
struct Done {
    examined: kyc_preflight::Examined,
    /// Why the requested annotation could not be written, to report.
    annotation_problem: Option<String>,
}

/// Check one entry: on a worker thread, printing nothing.
fn examine(
    entry: &inputs::Entry,
    target: Option<&Result<PathBuf, String>>,
    options: &Options,
    selection: &Selection,
) -> Done {
    match &entry.input {
        inputs::Input::File(path) => {
            let out = match target {
                Some(Ok(out)) => Some(out.as_path()),
                _ => None,
            };
            let examined = kyc_preflight::examine_file(path, options, selection, out);
            let annotation_problem = match (target, &examined.annotated) {
                (Some(Err(why)), _) | (_, Some(Annotated::Failed(why))) => Some(why.clone()),
                _ => None,
            };
            Done {
                examined,
                annotation_problem,
            }
        }
        inputs::Input::Problem { path, reason } => Done {
            examined: kyc_preflight::Examined::unreadable(
                path.to_string_lossy().into_owned(),
                reason.clone(),
            ),
            annotation_problem: None,
        },
    }
}

/// The progress bar on stderr: files done of the total, rate and time left. Hidden unless
/// stderr is a terminal (a log file or a pipe gets no bar).
fn progress_bar(total: usize) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() || total < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} files  {rate} photos/s  {eta} left",
    ) {
        // indicatif's own {per_sec} prints four decimals.
        let rate = |state: &indicatif::ProgressState, out: &mut dyn std::fmt::Write| {
            let _ = write!(out, "{:.1}", state.per_sec());
        };
        bar.set_style(style.with_key("rate", rate));
    }
    bar
}

/// The state of a run on the printing thread: results arrive here in input order.
struct Run<'a, W: Write> {
    out: W,
    renderer: Box<dyn render::Renderer>,
    progress: indicatif::ProgressBar,
    /// What each applicant's photos gave so far, by applicant index.
    evidence: Vec<Evidence>,
    summary: Summary,
    verdict: Verdict,
    /// Some requested output (an annotation) could not be written.
    trouble: bool,
    options: &'a Options,
    selection: &'a Selection,
    /// `--profile`, loaded: the profile of applicant 0.
    given_profile: Option<Result<Profile, String>>,
}

impl<W: Write> Run<'_, W> {
    /// Print one file's result, then the checks of every applicant it completes.
    fn deliver(&mut self, plan: &inputs::Batch, index: usize, done: Done) -> Result<()> {
        let Done {
            mut examined,
            annotation_problem,
        } = done;
        let report = &examined.report;
        let shown = escape(&report.path);
        let (out, renderer, progress) = (&mut self.out, &mut self.renderer, &self.progress);
        // The bar is taken off the terminal while anything else is printed.
        progress.suspend(|| -> io::Result<()> {
            if let Some(why) = &annotation_problem {
                eprintln!("kyc-preflight: error: {shown}: {why}");
            } else if examined.annotated == Some(Annotated::NotDecoded) && report.error.is_none() {
                // Its findings already say why it was not decoded; a file with no photo to
                // examine has its error line below.
                eprintln!("kyc-preflight: note: {shown}: not annotated (not decoded)");
            }
            if let Some(reason) = report.error_reason() {
                eprintln!("kyc-preflight: error: {shown}: {reason}");
            }
            renderer.file(out, report)
        })?;
        self.trouble |= annotation_problem.is_some();
        self.summary.add_file(report);
        self.verdict = self.verdict.max(report.verdict);
        let applicant = plan.entries[index].applicant;
        examined.add_to(&mut self.evidence[applicant]);
        drop(examined);
        for &completed in plan.applicants_completed_by(index) {
            self.applicant(completed, &plan.applicants[completed])?;
        }
        self.progress.inc(1);
        Ok(())
    }

    /// Check one applicant, now that all their files are done, and print the result when it
    /// says something.
    fn applicant(&mut self, index: usize, source: &inputs::ApplicantSource) -> Result<()> {
        let evidence = std::mem::take(&mut self.evidence[index]);
        let origin = ApplicantOrigin {
            profile: source.profile.as_deref(),
            folder: source.folder.as_deref(),
        };
        // An unusable profile is reported on stderr once: --profile's before the batch, a
        // folder's here.
        let loaded = match (&source.profile, &source.profile_problem) {
            (None, _) => Ok(Profile::default()),
            (Some(_), Some(problem)) => Err((problem.clone(), true)),
            (Some(path), None) => match (index, &self.given_profile) {
                (0, Some(given)) => given.clone().map_err(|reason| (reason, false)),
                _ => kyc_preflight::load_profile(path, self.options.today)
                    .map_err(|reason| (reason.to_string(), true)),
            },
        };
        let report = match loaded {
            Ok(profile) => kyc_preflight::check_applicant(
                origin,
                &profile,
                &evidence,
                self.options,
                self.selection,
            ),
            Err((reason, print)) => {
                let path = source.profile.as_deref().unwrap_or(Path::new(""));
                if print {
                    self.progress.suspend(|| {
                        eprintln!("kyc-preflight: error: {}: {reason}", display_path(path));
                    });
                }
                ApplicantReport::invalid(
                    path.to_string_lossy().into_owned(),
                    origin.folder.map(|f| f.to_string_lossy().into_owned()),
                    evidence.files,
                    reason,
                )
            }
        };
        if !report.says_something() {
            return Ok(());
        }
        self.summary.add_applicant(&report);
        self.verdict = self.verdict.max(report.verdict);
        let (out, renderer) = (&mut self.out, &mut self.renderer);
        self.progress.suspend(|| renderer.applicant(out, &report))?;
        Ok(())
    }
}

/// Where `--annotate` pictures go: `DIR/<file name>.annotated.png`, numbered when two inputs
/// share a name, and never a path that is one of the run's inputs.
struct Annotations {
    dir: PathBuf,
    inputs: HashSet<PathBuf>,
    used: HashSet<PathBuf>,
}

impl Annotations {
    fn new(dir: &Path, entries: &[inputs::Entry]) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("--annotate folder {}", display_path(dir)))?;
        let inputs = entries
            .iter()
            .filter_map(|entry| match &entry.input {
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
