//! A folder of generated phone photos for the batch benchmark:
//! `cargo run --release -p kyc-synth --bin make-batch -- --n 500 --out /tmp/batch`.
//!
//! Every photo is `--size` (default 4000 × 3000, a 12-megapixel phone camera), JPEG q90,
//! document kinds in turn and defects spread as in the accuracy harness (`Spec::nth`), so a
//! batch costs what a real folder of submissions would. `--per-applicant K` puts the photos in
//! folders of K, each with a `profile.toml` typed from the first photo's holder, as support
//! teams lay out submissions. Deterministic for a seed; generated on every core.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Parser;
use rayon::prelude::*;

#[derive(Parser)]
struct Args {
    /// How many photos.
    #[arg(long, default_value_t = 500)]
    n: u64,
    /// The folder to write them to (created; must be empty or new).
    #[arg(long)]
    out: PathBuf,
    /// Photo size, WIDTHxHEIGHT.
    #[arg(long, default_value = "4000x3000")]
    size: String,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Group the photos into applicant folders of this many, each with a profile.toml.
    #[arg(long)]
    per_applicant: Option<u64>,
}

fn parse_size(text: &str) -> anyhow::Result<(u32, u32)> {
    let (w, h) = text
        .split_once('x')
        .context("--size is WIDTHxHEIGHT, e.g. 4000x3000")?;
    Ok((w.parse()?, h.parse()?))
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let frame = parse_size(&args.size)?;
    std::fs::create_dir_all(&args.out)?;
    if std::fs::read_dir(&args.out)?.next().is_some() {
        bail!("{} is not empty", args.out.display());
    }
    (0..args.n).into_par_iter().try_for_each(|i| {
        let mut spec = kyc_synth::Spec::nth(args.seed, i);
        spec.frame = Some(frame);
        spec.quality = Some(90);
        let sample = kyc_synth::generate(&spec);
        let folder = match args.per_applicant {
            Some(k) => args.out.join(format!("applicant-{:04}", i / k.max(1))),
            None => args.out.clone(),
        };
        std::fs::create_dir_all(&folder)?;
        let name = format!("{i:04}_{}.{}", spec.slug(), sample.extension());
        std::fs::write(folder.join(name), &sample.bytes)?;
        let first_of_applicant = args.per_applicant.is_some_and(|k| i % k.max(1) == 0);
        if first_of_applicant {
            let holder = &sample.label.identity;
            let profile = format!(
                "surname = \"{}\"\ngiven_names = \"{}\"\nbirth_date = \"{}\"\n",
                holder.surname, holder.given_names, holder.birth_date
            );
            std::fs::write(folder.join("profile.toml"), profile)?;
        }
        anyhow::Ok(())
    })?;
    println!("{} photos in {}", args.n, args.out.display());
    Ok(())
}
