//! Writing the files the user asked for (annotated pictures, scrubbed copies) so that a
//! reader never sees half a file and nothing is replaced by accident.
//!
//! The bytes go to a temporary file beside the target first (same folder, so the final step
//! is a rename within one file system), which is then moved into place. Without `replace`,
//! the move is a hard link, which fails if the target exists, even if it appeared a moment
//! ago: there is no window between a check and the write (on file systems without hard
//! links, a check and a rename).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write `path` through `fill`, atomically. With `replace`, an existing file at `path` is
/// replaced (a symlink there is replaced itself, never written through); without, an existing
/// file is an `AlreadyExists` error and is left untouched.
pub fn write_atomically(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let temporary = temporary_beside(path);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|file| {
            let mut out = io::BufWriter::new(file);
            fill(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
        .and_then(|()| {
            if replace {
                std::fs::rename(&temporary, path)
            } else {
                match std::fs::hard_link(&temporary, path) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                        // A file system without hard links (FAT on a memory stick): check,
                        // then rename, which leaves a moment's window but still never
                        // replaces a file that was there before the run.
                        if std::fs::symlink_metadata(path).is_ok() {
                            Err(io::ErrorKind::AlreadyExists.into())
                        } else {
                            std::fs::rename(&temporary, path)
                        }
                    }
                    linked => linked,
                }
            }
        });
    // After a rename the temporary name is gone already; after a link or a failure it is
    // removed here.
    let _ = std::fs::remove_file(&temporary);
    written
}

fn temporary_beside(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{}.partial", std::process::id()));
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_replace_an_existing_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jpg");
        std::fs::write(&path, b"before").unwrap();
        let err = write_atomically(&path, false, |w| w.write_all(b"after")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"before");
        write_atomically(&path, true, |w| w.write_all(b"after")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"after");
        // No temporary file is left behind either way.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.png");
        let err = write_atomically(&path, true, |_| Err(io::Error::other("encoder failed")));
        assert!(err.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
