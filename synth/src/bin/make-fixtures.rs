//! Regenerate the committed fixtures: `cargo run --release -p kyc-synth --bin make-fixtures`.
//!
//! Writes `fixtures/photos` and `fixtures/profiles` (generated files only; hand-written
//! profiles there are left alone). `--no-heic` keeps the committed HEIC pair when Debian's
//! `heif-enc` (package libheif-examples) is not installed.

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// The fixtures folder.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures"))]
    out: PathBuf,
    /// Do not re-encode the HEIC fixtures (they need heif-enc).
    #[arg(long)]
    no_heic: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let written = kyc_synth::fixtures::write_all(&args.out, !args.no_heic)?;
    for name in written {
        println!("{name}");
    }
    Ok(())
}
