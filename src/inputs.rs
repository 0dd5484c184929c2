//! Turning the PATH arguments into the list of files to check.
//!
//! Files named on the command line are checked whatever their extension (the content decides
//! the format). Folders are walked recursively in name order, following symlinks with loop
//! detection, picking up files with an image extension. Every problem (a missing path, an
//! empty folder, a symlink loop) becomes an error entry in place, so one bad path never stops
//! the rest of the batch.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::load::has_image_extension;

/// One entry of the batch: a file to check, or why a path yielded none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Problem { path: PathBuf, reason: String },
}

/// Expand PATH arguments, keeping their order; folders contribute their images in name order.
pub fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_folder(path, &mut inputs),
            // Anything else named explicitly is checked as a file; loading tells a FIFO or a
            // device apart from a regular file and says so.
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(err) => inputs.push(Input::Problem {
                path: path.clone(),
                reason: crate::load::OpenError::from_io(&err).to_string(),
            }),
        }
    }
    inputs
}

fn walk_folder(folder: &Path, inputs: &mut Vec<Input>) {
    let before = inputs.len();
    let walker = WalkDir::new(folder).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) if has_image_extension(entry.path()) => {
                inputs.push(Input::File(entry.into_path()));
            }
            Ok(_) => {}
            Err(err) => {
                let reason = if err.loop_ancestor().is_some() {
                    "a symlink loop (skipped)".to_owned()
                } else if let Some(io) = err.io_error() {
                    crate::load::OpenError::from_io(io).to_string()
                } else {
                    "cannot be read".to_owned()
                };
                inputs.push(Input::Problem {
                    path: err.path().unwrap_or(folder).to_path_buf(),
                    reason,
                });
            }
        }
    }
    if inputs.len() == before {
        inputs.push(Input::Problem {
            path: folder.to_path_buf(),
            reason: "no images found in this folder (looked for .jpg, .jpeg, .png, .heic, .webp, \
                     .pdf and other image extensions)"
                .to_owned(),
        });
    }
}
