//! The command line, declared once with clap's derive API; help and completions come from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  nothing failed (warnings allowed, unless --strict)
  1  some check failed (or warned, with --strict)
  2  usage error, or some input could not be evaluated";

/// Check ID-document photos and the details typed into a KYC form, before you submit.
///
/// Nothing leaves the machine: no network connection is made, and no file is written except
/// the ones asked for (--annotate pictures, scrub copies), never over an input.
#[derive(Debug, Parser)]
#[command(name = "kyc-preflight", version, after_help = EXIT_STATUS_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check photos (files or folders) and/or the typed details of a profile.
    #[command(after_help = EXIT_STATUS_HELP)]
    Check(CheckArgs),
    /// Read the machine-readable zone of one photo and print its fields, with each check digit.
    #[command(after_help = MRZ_EXIT_STATUS_HELP)]
    Mrz(MrzArgs),
    /// Write a copy of a photo without its metadata (GPS position, camera, comments).
    ///
    /// The copy has the same pixels, turned upright; the photo itself is never written over.
    #[command(after_help = SCRUB_HELP)]
    Scrub(ScrubArgs),
    /// List every check: id, category, one line.
    Checks,
    /// Explain a check: what it checks, why uploads get rejected for it, how to fix it.
    Explain {
        /// A check id, e.g. photo.resolution (see `kyc-preflight checks`).
        id: String,
    },
    /// Print a shell completion script to stdout.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const MRZ_EXIT_STATUS_HELP: &str = "Exit status: 0 when a machine-readable zone was read with \
every check digit right, 1 when none was (not found, unreadable, or a check digit wrong), 2 when \
the file could not be read.";

#[derive(Debug, Args)]
pub struct MrzArgs {
    /// The photo or scan (JPEG, PNG or WebP).
    #[arg(value_name = "IMAGE")]
    pub image: PathBuf,

    /// Output format: text, or one JSON document.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Show names, numbers and dates unmasked.
    #[arg(long)]
    pub show_pii: bool,
}

const SCRUB_HELP: &str = "\
A JPEG is rebuilt from its own compressed data minus the metadata segments, so its pixels are
exactly the same; one whose EXIF says to turn it is re-encoded upright at quality 95 instead.
PNG and WebP are written again losslessly. The copy is read back and verified before it is
written: no EXIF, XMP or IPTC left, the same pixels.

Exit status: 0 when the copy was written, 2 when it was not (unreadable or unsupported input,
OUT exists without --force, OUT is IMAGE).";

#[derive(Debug, Args)]
pub struct ScrubArgs {
    /// The photo (JPEG, PNG or WebP). It is only read.
    #[arg(value_name = "IMAGE")]
    pub image: PathBuf,

    /// Where to write the copy, in the same format as IMAGE. Must not exist, unless --force.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,

    /// Replace OUT if it exists (IMAGE itself is never replaced).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Photos to check, or folders to search for them (recursively, in name order).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// What was typed into the form (TOML or JSON); with no PATH, only its checks run. Without
    /// it, a profile.toml or profile.json in a folder applies to the photos in it and below.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Output format: a checklist, one JSON document, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Colour the checklist: auto (only on a terminal, and not when NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Thresholds to use instead of the defaults (TOML; see the README for the keys).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Show names, numbers and dates unmasked in the output.
    #[arg(long)]
    pub show_pii: bool,

    /// Treat warnings as failures for the exit status.
    #[arg(long)]
    pub strict: bool,

    /// Run only these checks (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    pub only: Vec<String>,

    /// Do not run these checks (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    pub skip: Vec<String>,

    /// Also write each photo with the findings drawn over it to DIR/<name>.annotated.png
    /// (DIR is created if needed; inputs are never overwritten).
    #[arg(long, value_name = "DIR")]
    pub annotate: Option<PathBuf>,

    /// Check this many photos at a time (default: one per core). Results still come out in
    /// input order.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Judge expiry and age as on this date (YYYY-MM-DD) instead of today, for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Ndjson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_today(text: &str) -> Result<Date, String> {
    kyc_preflight::profile::parse_date(text).map_err(|why| format!("'{text}' {why}"))
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
