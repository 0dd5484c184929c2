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
           `max_duplicate_distance` in --config). Photos that could not be decoded are compared \
           by their bytes only. Above 200 photos (a folder of many people's photos rather than \
           one applicant's), only identical files are looked for.",
    why: "When a form asks for the front and the back of a card, or a document and a selfie, the \
          same photo uploaded in two places means one side is missing, and the submission is \
          refused as incomplete. Reviewers also flag repeated images as a sign of a reused \
          submission.",
    fix: "Upload each required photo once: check that the second upload is the other side of the \
          card (or the other document asked for), not the first photo again.",
    hint: "Replace the repeated photo with the one the form asks for (e.g. the other side).",
    run: Run::Applicant(run),
};

/// Above this many photos, one applicant's photos are compared for identical files only: a
/// person uploads a handful, and comparing every pair of pictures in a folder of thousands
/// (a batch without applicant folders) would cost more than checking them.
const MOST_PICTURES_COMPARED: usize = 200;

fn run(applicant: &Applicant, options: &Options) -> Outcome {
    let photos = applicant.photos;
    if photos.len() < 2 {
        return Outcome::skip("Fewer than two photos, so none can repeat another.");
    }
    let limit = options.thresholds.max_duplicate_distance;
    let found = repeats(photos, limit);
    let mut messages: Vec<String> = found
        .iter()
        .enumerate()
        .filter_map(|(later, repeat)| {
            let (earlier, sameness) = repeat.as_ref()?;
            let (later, earlier) = (photos[later].name(), photos[*earlier].name());
            Some(match sameness {
                Sameness::File => format!("{later} is the same file as {earlier}"),
                Sameness::Picture(_) => {
                    format!("{later} is the same picture as {earlier} (saved again)")
                }
            })
        })
        .collect();
    let compared = if photos.len() > MOST_PICTURES_COMPARED {
        format!(
            "{} photos, more than one applicant's: compared for identical files only",
            photos.len()
        )
    } else {
        format!("{} photos compared", photos.len())
    };
    if !messages.is_empty() {
        // A folder of hundreds of copies needs a few examples, not hundreds.
        const SHOWN: usize = 5;
        let more = messages.len().saturating_sub(SHOWN);
        messages.truncate(SHOWN);
        let tail = if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        };
        return Outcome::fail(format!("{}{tail}.", messages.join("; ")));
    }
    let outcome = Outcome::pass(format!("Every photo is a different picture ({compared})."));
    // The pair of different pictures that came closest, against the threshold.
    let closest = (photos.len() <= MOST_PICTURES_COMPARED)
        .then(|| {
            (1..photos.len())
                .flat_map(|i| (0..i).map(move |j| (i, j)))
                .filter_map(|(i, j)| match sameness(&photos[j], &photos[i])? {
                    Sameness::Picture(distance) => Some(distance),
                    Sameness::File => None,
                })
                .min()
        })
        .flatten();
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

/// For each photo, the first earlier photo it repeats (the same file, or the same picture
/// within `limit` fingerprint cells) and how; `None` for a photo that repeats none.
fn repeats(photos: &[PhotoFacts], limit: u32) -> Vec<Option<(usize, Sameness)>> {
    if photos.len() > MOST_PICTURES_COMPARED {
        let mut first = std::collections::HashMap::new();
        return photos
            .iter()
            .enumerate()
            .map(|(i, photo)| {
                let earlier = *first.entry(photo.content).or_insert(i);
                (earlier != i).then_some((earlier, Sameness::File))
            })
            .collect();
    }
    photos
        .iter()
        .enumerate()
        .map(|(i, later)| {
            photos[..i].iter().enumerate().find_map(|(j, earlier)| {
                match sameness(earlier, later)? {
                    Sameness::Picture(distance) if distance > limit => None,
                    same => Some((j, same)),
                }
            })
        })
        .collect()
}

/// Whether each photo repeats an earlier one, by [`repeats`]: a repeat is not another side.
pub(super) fn repeated(photos: &[PhotoFacts], limit: u32) -> Vec<bool> {
    repeats(photos, limit)
        .into_iter()
        .map(|r| r.is_some())
        .collect()
}

fn sameness(a: &PhotoFacts, b: &PhotoFacts) -> Option<Sameness> {
    if a.content == b.content {
        return Some(Sameness::File);
    }
    Some(Sameness::Picture(a.fingerprint?.distance(&b.fingerprint?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::report::Status;
    use crate::vision::fingerprint::Fingerprint;
    use crate::vision::proxy::GreyF32;

    fn photo(name: &str, content: u64, phase: f32) -> PhotoFacts {
        let grey = GreyF32::from_fn(320, 240, |x, y| {
            image::Luma([
                ((x as f32 * 0.04 + phase).sin() + (y as f32 * 0.05).cos()) * 60.0 + 128.0,
            ])
        });
        PhotoFacts {
            source: format!("dir/{name}"),
            content: (content, 1000),
            fingerprint: Fingerprint::of(&grey),
            document: None,
        }
    }

    fn judge(photos: &[PhotoFacts]) -> Outcome {
        let profile = Profile::default();
        run(
            &Applicant::new(&profile, &[], photos),
            &Options::new(jiff::civil::date(2026, 11, 22)),
        )
    }

    #[test]
    fn the_same_file_or_picture_twice_fails_and_different_pictures_pass() {
        assert_eq!(judge(&[photo("a.jpg", 1, 0.0)]).status, Status::Skip);
        let different = judge(&[photo("a.jpg", 1, 0.0), photo("b.jpg", 2, 2.0)]);
        assert_eq!(different.status, Status::Pass);
        assert!(different.measured.unwrap() > 16.0);
        let same_file = judge(&[photo("a.jpg", 1, 0.0), photo("b.jpg", 1, 2.0)]);
        assert_eq!(same_file.status, Status::Fail);
        assert!(
            same_file
                .message
                .contains("b.jpg is the same file as a.jpg")
        );
        let resaved = judge(&[photo("a.jpg", 1, 0.0), photo("b.jpg", 2, 0.0)]);
        assert_eq!(resaved.status, Status::Fail);
        assert!(resaved.message.contains("same picture"));
    }

    #[test]
    fn many_copies_are_summarised() {
        let copies: Vec<PhotoFacts> = (0..9).map(|i| photo(&format!("{i}.jpg"), 7, 0.0)).collect();
        let outcome = judge(&copies);
        assert_eq!(outcome.status, Status::Fail);
        assert!(
            outcome.message.ends_with("; and 3 more."),
            "{}",
            outcome.message
        );
    }

    #[test]
    fn a_folder_of_thousands_is_compared_for_identical_files_only() {
        // Every photo the same picture, each a different file: too many to compare pictures.
        let mut photos: Vec<PhotoFacts> = (0..=MOST_PICTURES_COMPARED as u64)
            .map(|i| photo(&format!("{i}.jpg"), i, 0.0))
            .collect();
        let outcome = judge(&photos);
        assert_eq!(outcome.status, Status::Pass, "{}", outcome.message);
        assert!(outcome.message.contains("identical files only"));
        photos.push(photo("again.jpg", 3, 0.0));
        let outcome = judge(&photos);
        assert_eq!(outcome.status, Status::Fail);
        assert!(
            outcome
                .message
                .contains("again.jpg is the same file as 3.jpg")
        );
    }
}
