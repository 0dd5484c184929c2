//! `file.duplicate`: has one applicant uploaded the same photo twice?

use super::{Check, Outcome, Run};
use crate::applicant::{Applicant, PhotoFacts};
use crate::options::Options;
use crate::report::Category;

pub static CHECK: Check = Check {
    id: "file.duplicate",
    category: Category::File,
    title: "Each photo once",
    summary: "No photo of one applicant is the same picture as another (the same file twice, or a \
              re-saved copy).",
    what: "Compares every photo of one applicant (the photos given with --profile, or found in \
           one applicant folder) with the others: the same bytes are the same file; otherwise a \
           fingerprint of the picture (its brightness over a 32 × 32 grid, normalised for \
           brightness and contrast), which survives re-saving, resizing and recompression, \
           tells whether two files are the same photo (at most 16 of the 1024 cells differ: \
           `max_duplicate_distance` in --config). Photos that could not be decoded are compared by their bytes only.",
    why: "When a form asks for the front and the back of a card, or a document and a selfie, the \
          same photo uploaded in two places means one side is missing, and the submission is \
          refused as incomplete. Reviewers also flag repeated images as a sign of a reused \
          submission.",
    fix: "Upload each required photo once: check that the second upload is the other side of the \
          card (or the other document asked for), not the first photo again.",
    hint: "Replace the repeated photo with the one the form asks for (e.g. the other side).",
    run: Run::Applicant(run),
};

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let photos = applicant.photos;
    if photos.len() < 2 {
        return Outcome::skip("Fewer than two photos, so none can repeat another.");
    }
    let limit = options.thresholds.max_duplicate_distance;
    let mut repeats = Vec::new();
    // Photos an applicant uploads are a handful; comparing every pair is nothing. Each photo
    // is reported once, against the first one it repeats.
    let mut closest: Option<u32> = None;
    for (i, later) in photos.iter().enumerate().skip(1) {
        for earlier in &photos[..i] {
            match sameness(earlier, later) {
                Some(Sameness::File) => {
                    repeats.push(format!(
                        "{} is the same file as {}",
                        later.name(),
                        earlier.name()
                    ));
                }
                Some(Sameness::Picture(distance)) if distance <= limit => {
                    repeats.push(format!(
                        "{} is the same picture as {} (saved again)",
                        later.name(),
                        earlier.name()
                    ));
                }
                Some(Sameness::Picture(distance)) => {
                    closest = Some(closest.map_or(distance, |c| c.min(distance)));
                    continue;
                }
                None => continue,
            }
            break;
        }
    }
    let checked = format!("{} photos compared", photos.len());
    if !repeats.is_empty() {
        return Outcome::fail(format!("{}.", repeats.join("; ")));
    }
    let outcome = Outcome::pass(format!("Every photo is a different picture ({checked})."));
    match closest {
        Some(distance) => outcome.measured(f64::from(distance), f64::from(limit), "cells"),
        None => outcome,
    }
}

enum Sameness {
    /// Byte for byte the same file.
    File,
    /// Different files; their fingerprints differ in this many cells.
    Picture(u32),
}

/// Whether the `index`-th photo repeats an earlier one (the same file, or the same picture
/// within `limit` fingerprint cells).
pub(super) fn repeats_an_earlier(photos: &[PhotoFacts], index: usize, limit: u32) -> bool {
    photos[..index]
        .iter()
        .any(|earlier| match sameness(earlier, &photos[index]) {
            Some(Sameness::File) => true,
            Some(Sameness::Picture(distance)) => distance <= limit,
            None => false,
        })
}

fn sameness(a: &PhotoFacts, b: &PhotoFacts) -> Option<Sameness> {
    if a.content == b.content {
        return Some(Sameness::File);
    }
    Some(Sameness::Picture(a.fingerprint?.distance(&b.fingerprint?)))
}
