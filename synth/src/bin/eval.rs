//! The accuracy harness: run kyc-preflight's checks over labelled images and print, per check,
//! the confusion counts, precision and recall, and per-stage median times, as Markdown.
//!
//! ```text
//! cargo run --release -p kyc-synth --bin eval -- synth --n 300 --seed 7
//! cargo run --release -p kyc-synth --bin eval -- realdata ../shared/realdata/manifest.csv
//! ```
//!
//! A "positive" is a problem: expected `warn` or `fail`. A check's report counts as detecting
//! it when it says `warn` or `fail`. Reports of `skip` or `error` where a judgement was expected
//! are "undecided" (neither right nor wrong, but counted); samples whose expected status is
//! `skip` are "n/a". `exact` is the share of decided samples with exactly the expected status.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use image::RgbImage;
use kyc_preflight::checks::REGISTRY;
use kyc_preflight::load::{Format, LoadLimits, decode_pixels};
use kyc_preflight::{Options, Selection, Status};
use kyc_synth::defects::Defect;
use kyc_synth::{ANCHOR_DATE, Label, Sample, Spec, generate, sheet::contact_sheet};
use rayon::prelude::*;

#[derive(Parser)]
#[command(about = "Measure kyc-preflight's checks on labelled images")]
struct Cli {
    #[command(subcommand)]
    set: Set,
}

#[derive(Subcommand)]
enum Set {
    /// Generate labelled synthetic samples and check them.
    Synth {
        #[arg(long, default_value_t = 300)]
        n: u64,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Also write each image and its label JSON here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write a contact sheet (PNG) of the first 48 samples.
        #[arg(long)]
        contact_sheet: Option<PathBuf>,
        /// Read the samples an earlier `--out` wrote to this folder instead of generating them
        /// (`--n` and `--seed` are then ignored).
        #[arg(long, conflicts_with = "out")]
        from: Option<PathBuf>,
        /// Also list every sample a check got wrong (reported against expected status).
        #[arg(long)]
        mismatches: bool,
    },
    /// Check the real specimen set described by a manifest CSV.
    Realdata {
        manifest: PathBuf,
        #[arg(long)]
        contact_sheet: Option<PathBuf>,
        /// Also print each image's status per photo check (for notes, not the README: the
        /// set's images are reported in aggregate there).
        #[arg(long)]
        per_image: bool,
    },
}

#[derive(Default, Clone)]
struct Confusion {
    tp: u32,
    fp: u32,
    fn_: u32,
    tn: u32,
    undecided: u32,
    not_applicable: u32,
    exact: u32,
}

impl Confusion {
    fn add(&mut self, expected: &str, actual: Status) {
        if expected == "skip" {
            self.not_applicable += 1;
            return;
        }
        if matches!(actual, Status::Skip | Status::Error) {
            self.undecided += 1;
            return;
        }
        if expected == actual.as_str() {
            self.exact += 1;
        }
        let expected_problem = expected == "warn" || expected == "fail";
        let reported_problem = matches!(actual, Status::Warn | Status::Fail);
        match (expected_problem, reported_problem) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn row(&self, id: &str) -> String {
        let ratio = |num: u32, den: u32| {
            if den == 0 {
                "–".to_owned()
            } else {
                format!("{:.1}%", 100.0 * num as f64 / den as f64)
            }
        };
        let decided = self.tp + self.fp + self.fn_ + self.tn;
        format!(
            "| `{id}` | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.tp,
            self.fp,
            self.fn_,
            self.tn,
            self.undecided,
            self.not_applicable,
            ratio(self.tp, self.tp + self.fp),
            ratio(self.tp, self.tp + self.fn_),
            ratio(self.exact, decided),
        )
    }
}

const TABLE_HEAD: &str = "| check | TP | FP | FN | TN | undecided | n/a | precision | recall | exact |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

fn write_sheet(thumbs: impl Iterator<Item = (RgbImage, String)>, path: &Path) -> Result<()> {
    let items: Vec<(RgbImage, String)> = thumbs.collect();
    contact_sheet(&items, 6, 320).save(path)?;
    eprintln!("contact sheet: {}", path.display());
    Ok(())
}

fn median_ms(mut values: Vec<f64>) -> String {
    if values.is_empty() {
        return "–".into();
    }
    values.sort_by(f64::total_cmp);
    format!("{:.1} ms", values[values.len() / 2] * 1e3)
}

/// The harness compares what was read with the truth, so it sees personal data (all of it
/// invented, or public specimens'); it prints only counts.
fn options() -> Options {
    let mut options = Options::new(ANCHOR_DATE);
    options.show_pii = true;
    options
}

/// How MRZ readings compare with the truth over a set of samples.
#[derive(Default)]
struct MrzScore {
    samples: u32,
    /// A reading with every character confident.
    read: u32,
    exact: u32,
    /// Reported unreadable (uncertain characters, or no lines placed).
    unreadable: u32,
    /// No MRZ found at all.
    not_found: u32,
    /// Characters compared (readings with the right shape) and those right.
    chars: u64,
    chars_right: u64,
    /// Confident readings, every check digit holding, that differ from the truth.
    wrong_but_valid: u32,
}

impl MrzScore {
    fn add(&mut self, truth: &[String], reading: Option<&kyc_preflight::report::MrzReport>) {
        self.samples += 1;
        let Some(r) = reading else {
            self.not_found += 1;
            return;
        };
        if r.lines.len() == truth.len() {
            for (read, want) in r.lines.iter().zip(truth) {
                self.chars += want.len() as u64;
                self.chars_right += read
                    .chars()
                    .zip(want.chars())
                    .filter(|(a, b)| a == b)
                    .count() as u64;
            }
        }
        if !r.uncertain.is_empty() || r.fields.is_none() {
            self.unreadable += 1;
            return;
        }
        self.read += 1;
        if r.lines == truth {
            self.exact += 1;
        } else if r.valid {
            self.wrong_but_valid += 1;
        }
    }

    fn row(&self, what: &str) -> String {
        let share = |n: u32| {
            format!(
                "{:.1}%",
                100.0 * f64::from(n) / f64::from(self.samples.max(1))
            )
        };
        format!(
            "| {what} | {} | {} ({}) | {} | {} | {:.2}% | {} ({}) |",
            self.samples,
            self.exact,
            share(self.exact),
            self.unreadable,
            self.not_found,
            100.0 * self.chars_right as f64 / self.chars.max(1) as f64,
            self.wrong_but_valid,
            share(self.wrong_but_valid),
        )
    }
}

/// The reading accuracy the MRZ issue asks for is over photos varied in the ways it names:
/// characters at least this tall, blurred by no more than this (σ; a motion streak of length L
/// has σ = L / √12), noise, in-plane rotation, perspective up to 10°, JPEG compression and
/// print weight. Every sample carries the last five (noise σ 1–4, rotation σ 4° on top of
/// sideways, tilt 0–10°, JPEG q 72–96, print weight drawn per document); the samples kept are
/// those with no defect beyond them (blur, distance and resolution within the limits, or
/// metadata only). Glare, exposure, uneven light, photocopies, screens, fingers, cut-off
/// corners and steep angles are other checks' defects: the readable row counts them.
const MIN_CHAR_HEIGHT_PX: f32 = 20.0;
const MAX_BLUR_SIGMA_PX: f32 = 1.0;

/// Whether a sample is one [`MIN_CHAR_HEIGHT_PX`] and [`MAX_BLUR_SIGMA_PX`] describe. The
/// character height is the printed cap height (2.4 mm scaled by the print style) at the zone's
/// own scale: its outline's length along the lines over the zone's printed length (2.54 mm a
/// character plus 1 mm each side; `synth::document`).
fn within_issue_strength(label: &Label) -> bool {
    let (Some(quad), Some(truth)) = (&label.mrz_quad, &label.mrz) else {
        return false;
    };
    let length = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    let along = (length(quad[0], quad[1]) + length(quad[3], quad[2])) / 2.0;
    let px_per_mm = along / (2.54 * truth.format.line_length() as f32 + 2.0);
    let char_height = 2.4 * label.print_style.size_scale * px_per_mm;
    let named = label.defects.iter().all(|d| match d {
        Defect::Defocus { sigma_px, .. } => *sigma_px <= MAX_BLUR_SIGMA_PX,
        Defect::MotionBlur { length_px, .. } => length_px / 12f32.sqrt() <= MAX_BLUR_SIGMA_PX,
        Defect::LowResolution { .. }
        | Defect::FarAway
        | Defect::Edited { .. }
        | Defect::Location => true,
        _ => false,
    });
    char_height >= MIN_CHAR_HEIGHT_PX && named
}

const MRZ_TABLE_HEAD: &str = "| samples | n | read exactly | unreadable (said so) | no MRZ found | character accuracy | wrong reads passing every check digit |\n|---|---:|---:|---:|---:|---:|---:|";

struct Timed {
    generate: f64,
    decode: f64,
    locate: f64,
    check: f64,
}

/// How the document finder did on one sample.
enum Located {
    /// The whole document is in the frame: found (with its corner error as a fraction of the
    /// document diagonal) or missed.
    Whole(Option<f64>),
    /// Part of the document is outside the frame: found or not.
    CutOff(bool),
    /// No document in the photo: something found anyway (a false find) or not.
    Absent(bool),
}

/// Mean distance from each true corner to the nearest found corner, over the diagonal.
fn corner_error(truth: &[[f32; 2]; 4], found: &[[f64; 2]; 4]) -> f64 {
    let diagonal = f64::from(truth[0][0] - truth[2][0]).hypot(f64::from(truth[0][1] - truth[2][1]));
    let mean = truth
        .iter()
        .map(|t| {
            found
                .iter()
                .map(|f| (f[0] - f64::from(t[0])).hypot(f[1] - f64::from(t[1])))
                .fold(f64::MAX, f64::min)
        })
        .sum::<f64>()
        / 4.0;
    mean / diagonal.max(1.0)
}

fn main() -> Result<()> {
    match Cli::parse().set {
        Set::Synth {
            n,
            seed,
            out,
            contact_sheet: sheet,
            from,
            mismatches,
        } => {
            let source = match from {
                Some(dir) => Source::Saved(saved_labels(&dir)?),
                None => Source::Generate { n, seed },
            };
            synth(&source, out.as_deref(), sheet.as_deref(), mismatches)
        }
        Set::Realdata {
            manifest,
            contact_sheet: sheet,
            per_image,
        } => realdata(&manifest, sheet.as_deref(), per_image),
    }
}

/// Where the synthetic samples come from.
enum Source {
    Generate {
        n: u64,
        seed: u64,
    },
    /// The label files of samples saved by an earlier `--out`, in name order.
    Saved(Vec<PathBuf>),
}

impl Source {
    fn len(&self) -> u64 {
        match self {
            Source::Generate { n, .. } => *n,
            Source::Saved(labels) => labels.len() as u64,
        }
    }

    /// The `index`-th sample, its file name, and how long generating it took (0 when read).
    fn sample(&self, index: u64) -> Result<(Sample, String, f64)> {
        match self {
            Source::Generate { seed, .. } => {
                let spec = Spec::nth(*seed, index);
                let t0 = Instant::now();
                let sample = generate(&spec);
                let generate_s = t0.elapsed().as_secs_f64();
                let name = format!("{index:05}_{}.{}", spec.slug(), sample.extension());
                Ok((sample, name, generate_s))
            }
            Source::Saved(labels) => {
                let path = &labels[index as usize];
                let mut label: Label = serde_json::from_slice(&std::fs::read(path)?)
                    .with_context(|| format!("reading {}", path.display()))?;
                // The expectations are derived again from the truth, so that a saved sample
                // is judged by the rules of this build, as a generated one would be.
                label.expected = kyc_synth::expect::expected_statuses(&label);
                let extension = if label.format == "png" { "png" } else { "jpg" };
                let image = path.with_extension(extension);
                let bytes = std::fs::read(&image)
                    .with_context(|| format!("reading {}", image.display()))?;
                let name = image
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Ok((Sample { bytes, label }, name, 0.0))
            }
        }
    }
}

/// The label files (`*.json`) of a folder written by `--out`, in name order.
fn saved_labels(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut labels: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    labels.sort();
    if labels.is_empty() {
        bail!("no sample labels (*.json) in {}", dir.display());
    }
    Ok(labels)
}

fn synth(
    source: &Source,
    out: Option<&Path>,
    sheet: Option<&Path>,
    mismatches: bool,
) -> Result<()> {
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let started = Instant::now();
    let options = options();
    let selection = Selection::default();
    let n = source.len();
    let results: Vec<_> = (0..n)
        .into_par_iter()
        .map(|i| -> Result<_> {
            let (sample, name, generate_s) = source.sample(i)?;
            let format = if sample.label.format == "png" {
                Format::Png
            } else {
                Format::Jpeg
            };
            let t1 = Instant::now();
            let pixels = decode_pixels(&sample.bytes, format, &LoadLimits::default())
                .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            let decode_s = t1.elapsed().as_secs_f64();
            let t_locate = Instant::now();
            let proxy = kyc_preflight::vision::proxy::proxy(
                &pixels,
                kyc_preflight::vision::document::SEARCH_LONG_SIDE,
            );
            let outline =
                kyc_preflight::vision::document::find_document(&proxy.grey, proxy.scale).best;
            let locate_s = t_locate.elapsed().as_secs_f64();
            let located = match sample.label.corners {
                None => Located::Absent(outline.is_some()),
                Some(truth)
                    if sample
                        .label
                        .defects
                        .iter()
                        .any(|d| matches!(d, kyc_synth::defects::Defect::CutOff { .. })) =>
                {
                    let _ = truth;
                    Located::CutOff(outline.is_some())
                }
                Some(truth) => Located::Whole(outline.map(|o| corner_error(&truth, &o.corners))),
            };
            let t2 = Instant::now();
            let report =
                kyc_preflight::check_bytes(&name, sample.bytes.clone(), &options, &selection);
            let check_s = t2.elapsed().as_secs_f64();
            if let Some(dir) = out {
                std::fs::write(dir.join(&name), &sample.bytes)?;
                let label_path = dir.join(name.rsplit_once('.').unwrap().0.to_owned() + ".json");
                std::fs::write(label_path, serde_json::to_vec_pretty(&sample.label)?)?;
            }
            let thumb = (i < 48).then(|| {
                let small = image::imageops::thumbnail(&pixels.to_rgb8(), 320, 320);
                (small, sample.label.spec.slug())
            });
            Ok((
                sample.label,
                report,
                Timed {
                    generate: generate_s,
                    decode: decode_s,
                    locate: locate_s,
                    check: check_s,
                },
                thumb,
                located,
            ))
        })
        .collect::<Result<_>>()?;
    let wall = started.elapsed().as_secs_f64();

    let mut confusion: BTreeMap<&str, Confusion> = BTreeMap::new();
    let mut unbuilt: BTreeMap<String, u32> = BTreeMap::new();
    for (label, report, ..) in &results {
        for finding in &report.checks {
            let expected = label
                .expected
                .get(&finding.id)
                .with_context(|| format!("label has no expectation for {}", finding.id))?;
            let id = REGISTRY.iter().find(|c| c.id == finding.id).unwrap().id;
            confusion
                .entry(id)
                .or_default()
                .add(expected, finding.status);
        }
        for (id, status) in &label.expected {
            if !REGISTRY.iter().any(|c| c.id == id) && status != "skip" {
                *unbuilt.entry(id.clone()).or_default() += u32::from(status != "pass");
            }
        }
    }

    match source {
        Source::Generate { seed, .. } => println!("### Synthetic set: {n} samples, seed {seed}\n"),
        Source::Saved(_) => println!("### Synthetic set: {n} saved samples\n"),
    }
    println!("{TABLE_HEAD}");
    for check in REGISTRY {
        if let Some(c) = confusion.get(check.id) {
            println!("{}", c.row(check.id));
        }
    }
    if !unbuilt.is_empty() {
        println!(
            "\nLabelled but not built yet (problem samples in this set): {}.",
            unbuilt
                .iter()
                .map(|(id, problems)| format!("`{id}` ({problems})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut errors: Vec<f64> = Vec::new();
    let (mut whole, mut missed, mut cut, mut cut_found, mut absent, mut false_finds) =
        (0, 0, 0, 0, 0, 0);
    for (_, _, _, _, located) in &results {
        match located {
            Located::Whole(Some(error)) => {
                whole += 1;
                errors.push(*error);
            }
            Located::Whole(None) => {
                whole += 1;
                missed += 1;
            }
            Located::CutOff(found) => {
                cut += 1;
                cut_found += u32::from(*found);
            }
            Located::Absent(found) => {
                absent += 1;
                false_finds += u32::from(*found);
            }
        }
    }
    errors.sort_by(f64::total_cmp);
    let within = errors.iter().filter(|&&e| e <= 0.02).count();
    println!(
        "\n**Document finder** (`vision::document::find_document`, behind every `photo.*` check that judges the document):\n"
    );
    println!("| measure | value |\n|---|---:|");
    println!(
        "| whole document in frame: found | {} of {whole} |",
        whole - missed
    );
    println!(
        "| corner error, median (share of the diagonal) | {} |",
        errors
            .get(errors.len() / 2)
            .map_or("–".into(), |e| format!("{:.2}%", e * 100.0))
    );
    println!("| found with corner error ≤ 2% | {within} of {whole} |");
    println!("| document partly outside the frame: an outline found | {cut_found} of {cut} |");
    println!("| no document: something found anyway | {false_finds} of {absent} |");
    let (mut all, mut readable, mut in_strength) = (
        MrzScore::default(),
        MrzScore::default(),
        MrzScore::default(),
    );
    for (label, report, ..) in &results {
        let Some(truth) = &label.mrz else { continue };
        let reading = report.document.as_ref().and_then(|d| d.mrz.as_ref());
        all.add(&truth.lines, reading);
        if label
            .expected
            .get("document.mrz")
            .is_some_and(|s| s == "pass")
        {
            readable.add(&truth.lines, reading);
            if within_issue_strength(label) {
                in_strength.add(&truth.lines, reading);
            }
        }
    }
    println!("\n**MRZ reader** (`mrz::read_document`):\n\n{MRZ_TABLE_HEAD}");
    println!(
        "{}",
        readable.row("readable: the label expects `document.mrz` to pass")
    );
    println!(
        "{}",
        in_strength.row(&format!(
            "readable, varied only as issue 5 names: characters ≥ {MIN_CHAR_HEIGHT_PX} px tall, blur σ ≤ {MAX_BLUR_SIGMA_PX} px, noise, rotation, tilt ≤ 10°, JPEG, print weight"
        ))
    );
    println!(
        "{}",
        all.row("every sample showing an MRZ (incl. glare, blur, cut-off, wrong digits)")
    );
    let column =
        |f: fn(&Timed) -> f64| median_ms(results.iter().map(|(_, _, t, ..)| f(t)).collect());
    println!("\n| stage (per image, median) | time |\n|---|---:|");
    println!("| generate the sample | {} |", column(|t| t.generate));
    println!("| decode only (baseline) | {} |", column(|t| t.decode));
    println!(
        "| find the document (on the decoded image) | {} |",
        column(|t| t.locate)
    );
    println!(
        "| `check` (all checks, incl. its own decode) | {} |",
        column(|t| t.check)
    );
    println!(
        "\n{n} samples in {wall:.1} s wall time on {} threads.",
        rayon::current_num_threads()
    );
    if mismatches {
        println!("\n| sample | check | expected | reported | message |\n|---|---|---|---|---|");
        for (label, report, ..) in &results {
            for finding in &report.checks {
                let expected = &label.expected[&finding.id];
                if expected != "skip" && expected != finding.status.as_str() {
                    println!(
                        "| {} | `{}` | {expected} | {} | {} |",
                        report.path,
                        finding.id,
                        finding.status.as_str(),
                        finding.message
                    );
                }
            }
        }
        println!("\nMRZ misses among the samples varied only as issue 5 names:\n");
        for (label, report, ..) in &results {
            let (Some(truth), true) = (&label.mrz, within_issue_strength(label)) else {
                continue;
            };
            if label
                .expected
                .get("document.mrz")
                .is_none_or(|s| s != "pass")
            {
                continue;
            }
            let reading = report.document.as_ref().and_then(|d| d.mrz.as_ref());
            let outcome = match reading {
                None => "no MRZ found".to_owned(),
                Some(r) if r.lines == truth.lines && r.uncertain.is_empty() => continue,
                Some(r) if !r.uncertain.is_empty() || r.fields.is_none() => {
                    format!("unreadable: {} unclear", r.uncertain.len())
                }
                Some(_) => "read wrong".to_owned(),
            };
            println!("- {}: {outcome}", report.path);
        }
    }

    if let Some(path) = sheet {
        write_sheet(results.into_iter().filter_map(|(.., thumb, _)| thumb), path)?;
    }
    Ok(())
}

/// Real specimens: the manifest gives the layout and notes; the only per-image truths about
/// today's checks are the format (every file is a JPEG or PNG named as such), completeness,
/// the images the notes call low-resolution, the blurred and the glare example they name, and
/// the scans, which show neither blur nor glare.
fn realdata(manifest: &Path, sheet: Option<&Path>, per_image: bool) -> Result<()> {
    let dir = manifest
        .parent()
        .context("manifest has a folder")?
        .join("images");
    let mut reader = csv::Reader::from_path(manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(file_col), Some(notes_col), Some(type_col)) =
        (column("file"), column("notes"), column("doc_type"))
    else {
        bail!("manifest needs `file`, `doc_type` and `notes` columns");
    };
    let truth_cols: Vec<usize> = ["mrz_line1", "mrz_line2", "mrz_line3"]
        .iter()
        .filter_map(|c| column(c))
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let options = options();
    let selection = Selection::default();
    let results: Vec<_> = rows
        .par_iter()
        .map(|row| -> Result<_> {
            let name = &row[file_col];
            let bytes = std::fs::read(dir.join(name)).with_context(|| format!("reading {name}"))?;
            let t = Instant::now();
            let report = kyc_preflight::check_bytes(name, bytes.clone(), &options, &selection);
            let check_s = t.elapsed().as_secs_f64();
            let thumb = image::load_from_memory(&bytes).ok().map(|img| {
                (
                    image::imageops::thumbnail(&img.to_rgb8(), 320, 320),
                    name.chars().take(40).collect(),
                )
            });
            Ok((row[notes_col].to_owned(), report, check_s, thumb))
        })
        .collect::<Result<_>>()?;
    let mrz_rows: Vec<(String, Vec<String>)> = rows
        .iter()
        .map(|row| {
            let lines = truth_cols
                .iter()
                .map(|&c| row[c].trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect();
            (row[type_col].to_owned(), lines)
        })
        .collect();

    let mut counts: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    let mut confusion: BTreeMap<&str, Confusion> = BTreeMap::new();
    for (notes, report, ..) in &results {
        let low_res = notes.contains("low-res");
        // The notes name one blurred and one glare example; clean scans are neither.
        let scan = notes.starts_with("[scan]");
        for finding in &report.checks {
            let id = REGISTRY.iter().find(|c| c.id == finding.id).unwrap().id;
            *counts
                .entry(id)
                .or_default()
                .entry(finding.status.as_str())
                .or_default() += 1;
            let truth = match id {
                "file.format" | "file.complete" => Some("pass"),
                "photo.resolution" if low_res => Some("fail"),
                "photo.blur" if notes.contains("BLUR example") => Some("warn"),
                "photo.glare" if notes.contains("GLARE") => Some("fail"),
                "photo.blur" | "photo.glare" if scan => Some("pass"),
                _ => None,
            };
            if let Some(expected) = truth {
                confusion
                    .entry(id)
                    .or_default()
                    .add(expected, finding.status);
            }
        }
    }
    println!("### Real specimen set: {} images\n", results.len());
    println!("| check | pass | warn | fail | skip | error |\n|---|---:|---:|---:|---:|---:|");
    for check in REGISTRY {
        if let Some(c) = counts.get(check.id) {
            let n = |s: &str| c.get(s).copied().unwrap_or(0);
            println!(
                "| `{}` | {} | {} | {} | {} | {} |",
                check.id,
                n("pass"),
                n("warn"),
                n("fail"),
                n("skip"),
                n("error")
            );
        }
    }
    println!(
        "\nWhere the set gives a truth (every file is a complete JPEG or PNG named as such; the \
         notes call {} images low-resolution, one blurred and one with glare; the clean scans \
         have neither):\n",
        results
            .iter()
            .filter(|(notes, ..)| notes.contains("low-res"))
            .count()
    );
    println!("{TABLE_HEAD}");
    for (id, c) in &confusion {
        println!("{}", c.row(id));
    }
    // The MRZ against the manifest's transcriptions.
    let (mut truths, mut exact, mut icao, mut icao_valid) = (0, 0, 0, 0);
    let (mut negatives, mut negatives_reported, mut low_res, mut low_res_misread) = (0, 0, 0, 0);
    let (mut read_any, mut unreadable, mut misread) = (0, 0, 0);
    for ((doc_type, truth), (notes, report, ..)) in mrz_rows.iter().zip(&results) {
        let reading = report.document.as_ref().and_then(|d| d.mrz.as_ref());
        let confident = reading.filter(|r| r.uncertain.is_empty() && r.fields.is_some());
        read_any += u32::from(confident.is_some());
        unreadable += u32::from(reading.is_some() && confident.is_none());
        if !truth.is_empty() {
            truths += 1;
            exact += u32::from(confident.is_some_and(|r| &r.lines == truth));
            misread += u32::from(confident.is_some_and(|r| &r.lines != truth));
        }
        if ["td1", "td2", "td3"].contains(&doc_type.as_str()) {
            icao += 1;
            icao_valid += u32::from(confident.is_some_and(|r| r.valid));
        }
        if notes.contains("NEGATIVE") {
            negatives += 1;
            negatives_reported += u32::from(confident.is_some());
        }
        if notes.contains("low-res") {
            low_res += 1;
            low_res_misread += u32::from(confident.is_some_and(|r| &r.lines != truth));
        }
    }
    println!("\n**MRZ reader** on the set's transcriptions:\n");
    println!("| measure | value |\n|---|---:|");
    println!("| images with a transcribed MRZ: read exactly | {exact} of {truths} |");
    println!(
        "| images with an ICAO layout (TD1/TD2/TD3): read with every check digit right | {icao_valid} of {icao} |"
    );
    println!(
        "| images with a transcribed MRZ: read with confidence but wrong | {misread} of {truths} |"
    );
    println!(
        "| all images: MRZ read with confidence / reported unreadable | {read_any} / {unreadable} |"
    );
    println!("| negatives (no MRZ): an MRZ reported | {negatives_reported} of {negatives} |");
    println!(
        "| low-resolution images: misread (rather than reported unreadable) | {low_res_misread} of {low_res} |"
    );
    println!(
        "\n| stage (per image, median) | time |\n|---|---:|\n| `check` (all checks) | {} |",
        median_ms(results.iter().map(|(_, _, t, _)| *t).collect())
    );
    if per_image {
        let photo: Vec<&str> = REGISTRY
            .iter()
            .filter(|c| c.id.starts_with("photo."))
            .map(|c| c.id)
            .collect();
        println!(
            "\n| image | {} |\n|---|{}",
            photo
                .iter()
                .map(|id| id.trim_start_matches("photo."))
                .collect::<Vec<_>>()
                .join(" | "),
            "---|".repeat(photo.len())
        );
        for (_, report, ..) in &results {
            let status = |id: &str| {
                report
                    .checks
                    .iter()
                    .find(|f| f.id == id)
                    .map_or("–", |f| f.status.as_str())
            };
            println!(
                "| {} | {} |",
                report.path,
                photo
                    .iter()
                    .map(|id| status(id))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
        }
    }
    if let Some(path) = sheet {
        write_sheet(results.into_iter().filter_map(|(.., thumb)| thumb), path)?;
    }
    Ok(())
}
