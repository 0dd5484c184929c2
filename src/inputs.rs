//! Turning the PATH arguments into the batch: the files to check, and the applicant each
//! belongs to.
//!
//! Files named on the command line are checked whatever their extension (the content decides
//! the format). Folders are walked recursively in name order, following symlinks with loop
//! detection, picking up files with an image extension. Every problem (a missing path, an
//! empty folder, a symlink loop) becomes an error entry in place, so one bad path never stops
//! the rest of the batch.
//!
//! Applicants: the checks of the typed details and the cross-file checks (the same photo twice,
//! a card's front without its back) run once per applicant, over that applicant's photos. With
//! `--profile` there is one applicant, every photo theirs. Otherwise a folder holding a
//! `profile.toml` or `profile.json` is one applicant: the photos in it and below (down to a
//! deeper folder with a profile of its own). Photos found in a folder with no profile above them
//! are taken as one applicant per folder (support teams keep one submission per folder), and
//! the files named on the command line as one more (a person checking their own photos).
//!
//! Only paths are collected, never file contents, so a folder of 100,000 photos costs a few
//! megabytes to plan.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::load::has_image_extension;

/// The file names a folder's profile may have.
pub const PROFILE_NAMES: [&str; 2] = ["profile.toml", "profile.json"];

/// One entry of the batch: a file to check, or why a path yielded none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Problem { path: PathBuf, reason: String },
}

/// An input and the index of its applicant in [`Batch::applicants`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub input: Input,
    pub applicant: usize,
}

/// Whose photos a set of entries are, and where their typed details come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantSource {
    /// The profile: `--profile`, or the one found in the applicant's folder.
    pub profile: Option<PathBuf>,
    /// Why the folder's profile cannot be used (both `profile.toml` and `profile.json`).
    pub profile_problem: Option<String>,
    /// The folder the applicant's photos were found in; `None` for `--profile` and for the files
    /// named on the command line.
    pub folder: Option<PathBuf>,
    /// The index of the applicant's last entry: their checks can run once it is done. `None`
    /// when no entry is theirs (a folder with a profile and no photos).
    pub last_entry: Option<usize>,
}

/// The whole batch, planned before any file is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// In input order: arguments in order, folders in name order.
    pub entries: Vec<Entry>,
    pub applicants: Vec<ApplicantSource>,
    /// The applicants each entry completes, by entry index (only entries that complete any).
    completions: HashMap<usize, Vec<usize>>,
}

impl Batch {
    /// The applicants whose last entry is `index`, ready to be checked once it is done.
    pub fn applicants_completed_by(&self, index: usize) -> &[usize] {
        self.completions.get(&index).map_or(&[], Vec::as_slice)
    }

    fn add_applicant(&mut self, source: ApplicantSource) -> usize {
        self.applicants.push(source);
        self.applicants.len() - 1
    }

    fn push(&mut self, input: Input, applicant: usize) {
        self.applicants[applicant].last_entry = Some(self.entries.len());
        self.entries.push(Entry { input, applicant });
    }
}

/// Expand PATH arguments into the batch, keeping their order. `profile` is `--profile`: when
/// given, every photo is that one applicant's and folder profiles are not looked for.
pub fn plan(paths: &[PathBuf], profile: Option<&Path>) -> Batch {
    let mut batch = Batch::default();
    // The applicant of the files named on the command line (and of all, with --profile).
    let named = batch.add_applicant(ApplicantSource {
        profile: profile.map(Path::to_path_buf),
        profile_problem: None,
        folder: None,
        last_entry: None,
    });
    let mut walker = FolderWalk {
        by_folder: HashMap::new(),
        single: profile.map(|_| named),
    };
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walker.walk(path, &mut batch),
            // Anything else named explicitly is checked as a file; loading tells a FIFO or a
            // device apart from a regular file and says so.
            Ok(_) => batch.push(Input::File(path.clone()), named),
            Err(err) => batch.push(
                Input::Problem {
                    path: path.clone(),
                    reason: crate::load::OpenError::from_io(&err).to_string(),
                },
                named,
            ),
        }
    }
    // Indexed once, so that finding who a finished file completes costs nothing in a batch of
    // many applicants.
    for (applicant, source) in batch.applicants.iter().enumerate() {
        if let Some(last) = source.last_entry {
            batch.completions.entry(last).or_default().push(applicant);
        }
    }
    batch
}

/// The profile a folder holds, if any: its path, or why it cannot be used.
fn folder_profile(folder: &Path) -> Option<(PathBuf, Option<String>)> {
    let found: Vec<PathBuf> = PROFILE_NAMES
        .iter()
        .map(|name| folder.join(name))
        .filter(|path| path.is_file())
        .collect();
    let problem = (found.len() > 1).then(|| {
        "this folder has both profile.toml and profile.json; keep the one that is up to date"
            .to_owned()
    });
    found.into_iter().next().map(|path| (path, problem))
}

struct FolderWalk {
    /// The no-profile applicant of each folder seen, by folder.
    by_folder: HashMap<PathBuf, usize>,
    /// With `--profile`: the one applicant everything belongs to.
    single: Option<usize>,
}

impl FolderWalk {
    fn walk(&mut self, root: &Path, batch: &mut Batch) {
        let before = batch.entries.len();
        let applicants_before = batch.applicants.len();
        // Folders with a profile that enclose the current entry, innermost last.
        let mut enclosing: Vec<(PathBuf, usize)> = Vec::new();
        for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let reason = if err.loop_ancestor().is_some() {
                        "a symlink loop (skipped)".to_owned()
                    } else if let Some(io) = err.io_error() {
                        crate::load::OpenError::from_io(io).to_string()
                    } else {
                        "cannot be read".to_owned()
                    };
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let applicant = self.applicant_of(&path, &enclosing, batch);
                    batch.push(Input::Problem { path, reason }, applicant);
                    continue;
                }
            };
            let path = entry.path();
            while enclosing
                .last()
                .is_some_and(|(folder, _)| !path.starts_with(folder))
            {
                enclosing.pop();
            }
            if entry.file_type().is_dir() {
                if self.single.is_none()
                    && let Some((profile, problem)) = folder_profile(path)
                {
                    let applicant = batch.add_applicant(ApplicantSource {
                        profile: Some(profile),
                        profile_problem: problem,
                        folder: Some(path.to_path_buf()),
                        last_entry: None,
                    });
                    enclosing.push((path.to_path_buf(), applicant));
                }
            } else if has_image_extension(path) {
                let applicant = self.applicant_of(path, &enclosing, batch);
                batch.push(Input::File(entry.into_path()), applicant);
            }
        }
        let found_profile = batch.applicants.len() > applicants_before
            && batch.applicants[applicants_before..]
                .iter()
                .any(|a| a.profile.is_some());
        if batch.entries.len() == before && !found_profile {
            let applicant = self.single.unwrap_or(0);
            batch.push(
                Input::Problem {
                    path: root.to_path_buf(),
                    reason: "no images found in this folder (looked for .jpg, .jpeg, .png, .heic, \
                             .webp, .pdf and other image extensions)"
                        .to_owned(),
                },
                applicant,
            );
        }
    }

    /// The applicant of a file found in the walk: `--profile`'s, the innermost enclosing
    /// folder profile's, or its folder's.
    fn applicant_of(
        &mut self,
        file: &Path,
        enclosing: &[(PathBuf, usize)],
        batch: &mut Batch,
    ) -> usize {
        if let Some(single) = self.single {
            return single;
        }
        if let Some((_, applicant)) = enclosing.last() {
            return *applicant;
        }
        let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
        *self.by_folder.entry(folder.clone()).or_insert_with(|| {
            batch.add_applicant(ApplicantSource {
                profile: None,
                profile_problem: None,
                folder: Some(folder),
                last_entry: None,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }

    #[test]
    fn a_folder_profile_covers_its_photos_and_below_until_a_deeper_profile() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "alice/profile.toml",
            "alice/front.jpg",
            "alice/more/back.jpg",
            "bob/profile.json",
            "bob/passport.png",
            "bob/child/profile.toml",
            "bob/child/passport.jpg",
            "loose/one.jpg",
            "loose/two.jpg",
            "notes.txt",
        ] {
            touch(&root.join(file));
        }
        let batch = plan(&[root.to_path_buf()], None);
        let owner = |name: &str| {
            let entry = batch
                .entries
                .iter()
                .find(|e| matches!(&e.input, Input::File(p) if p.ends_with(name)))
                .unwrap_or_else(|| panic!("{name} planned"));
            &batch.applicants[entry.applicant]
        };
        let profile_of = |name: &str| owner(name).profile.clone();
        assert_eq!(
            profile_of("alice/front.jpg"),
            Some(root.join("alice/profile.toml"))
        );
        assert_eq!(
            profile_of("alice/more/back.jpg"),
            Some(root.join("alice/profile.toml"))
        );
        assert_eq!(
            profile_of("bob/passport.png"),
            Some(root.join("bob/profile.json"))
        );
        assert_eq!(
            profile_of("bob/child/passport.jpg"),
            Some(root.join("bob/child/profile.toml"))
        );
        assert_eq!(profile_of("loose/one.jpg"), None);
        assert_eq!(owner("loose/one.jpg"), owner("loose/two.jpg"));
        assert_eq!(owner("loose/one.jpg").folder, Some(root.join("loose")));
        assert_eq!(batch.entries.len(), 6, "the text file is not an image");
        // Each applicant is complete at its last photo.
        let last = owner("alice/more/back.jpg").last_entry.unwrap();
        assert!(matches!(&batch.entries[last].input, Input::File(p) if p.ends_with("back.jpg")));
        let completed = batch.applicants_completed_by(last);
        assert_eq!(completed.len(), 1);
        assert_eq!(
            batch.applicants[completed[0]].profile,
            profile_of("alice/front.jpg")
        );
    }

    #[test]
    fn with_profile_given_every_photo_is_one_applicants() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("a/profile.toml"));
        touch(&dir.path().join("a/x.jpg"));
        touch(&dir.path().join("b/y.jpg"));
        let given = dir.path().join("me.toml");
        let batch = plan(&[dir.path().to_path_buf()], Some(&given));
        assert_eq!(batch.applicants.len(), 1);
        assert_eq!(batch.applicants[0].profile, Some(given));
        assert!(batch.entries.iter().all(|e| e.applicant == 0));
        assert_eq!(batch.applicants[0].last_entry, Some(1));
    }

    #[test]
    fn a_folder_with_a_profile_and_no_photo_is_an_applicant_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("profile.toml"));
        touch(&dir.path().join("profile.json"));
        let batch = plan(&[dir.path().to_path_buf()], None);
        assert!(batch.entries.is_empty());
        let applicant = batch
            .applicants
            .iter()
            .find(|a| a.profile.is_some())
            .unwrap();
        assert_eq!(applicant.last_entry, None);
        assert!(
            applicant
                .profile_problem
                .as_deref()
                .unwrap()
                .contains("both")
        );
    }

    #[test]
    fn an_empty_folder_is_a_problem_entry() {
        let dir = tempfile::tempdir().unwrap();
        let batch = plan(&[dir.path().to_path_buf()], None);
        assert!(matches!(
            &batch.entries[..],
            [Entry {
                input: Input::Problem { .. },
                ..
            }]
        ));
    }
}
