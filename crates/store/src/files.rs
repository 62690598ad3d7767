//! Files that cross between partners' machines, read and written safely on the local disk:
//! contact cards, alliance files, envelopes, reveals, answer sheets and exported agreements.
//!
//! A read is bounded: a file larger than its format allows is refused from its size before any
//! of it is read, so a wrong file (a video, a disk image) costs neither time nor memory, and a
//! file that grows while it is read is still never read past the limit. Folders, pipes and
//! devices are refused before they are opened (opening a pipe would wait for a writer).
//!
//! A write is atomic: the content goes to a temporary file beside the target, is flushed to
//! disk and then renamed over the target, so a failure (a full disk, a crash) never leaves
//! half a file where one was asked for, and the file that was there stays whole. Whether an
//! existing file may be replaced is the caller's choice ([`IfExists`]).
//!
//! Every refusal is a [`FileError`] that names the path and, for a file too large, its size
//! and the limit in the units people read. This module knows nothing of the database, of the
//! formats it reads (callers parse the bytes), nor of who asks: the command line's `--force`
//! and the app's error codes are theirs to add.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Why a file could not be read or written. `what` names the content expected ("a contact
/// card"), for messages that say what the file is not.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("{path} is a folder; it is not {what}")]
    Folder { path: PathBuf, what: &'static str },
    #[error("{path} is not a regular file (a pipe or a device); it is not {what}")]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{path} is {}, but {what} is at most {}; it is not {what}", size(*found), size(*limit))]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        /// Bytes found: the file's size, or the limit plus one if it grew while being read.
        found: u64,
        limit: u64,
    },
    #[error("{path} is not a text file; it is not {what}")]
    NotText { path: PathBuf, what: &'static str },
    #[error("{path} already exists")]
    Exists { path: PathBuf },
    #[error("{path} is a folder; choose a file name")]
    TargetIsFolder { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// Reads the file at `path`, of at most `max` bytes.
pub fn read_bytes(path: &Path, max: usize, what: &'static str) -> Result<Vec<u8>, FileError> {
    let cannot = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let too_large = |found| FileError::TooLarge {
        path: path.to_path_buf(),
        what,
        found,
        limit: max as u64,
    };
    let metadata = fs::metadata(path).map_err(cannot)?;
    if metadata.is_dir() {
        return Err(FileError::Folder {
            path: path.to_path_buf(),
            what,
        });
    }
    if !metadata.is_file() {
        return Err(FileError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    if metadata.len() > max as u64 {
        return Err(too_large(metadata.len()));
    }
    let file = File::open(path).map_err(cannot)?;
    let expected = usize::try_from(metadata.len()).unwrap_or(max).min(max);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    // The file may have grown since its size was read: one byte past the limit is enough to
    // know it is too large.
    file.take((max as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads the UTF-8 text file at `path`, of at most `max` bytes.
pub fn read_text(path: &Path, max: usize, what: &'static str) -> Result<String, FileError> {
    String::from_utf8(read_bytes(path, max, what)?).map_err(|_| FileError::NotText {
        path: path.to_path_buf(),
        what,
    })
}

/// What a write does when its target already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    /// Replace it (the user already agreed, in a save dialog or with `--force`).
    Replace,
    /// Refuse with [`FileError::Exists`], leaving it as it was.
    Refuse,
}

/// Refuses a `path` that already exists (a dangling link counts: renaming over it would
/// replace it).
pub fn check_free(path: &Path) -> Result<(), FileError> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(FileError::Exists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes `content` to `path` atomically.
pub fn write_atomic(
    path: &Path,
    content: impl AsRef<[u8]>,
    if_exists: IfExists,
) -> Result<(), FileError> {
    AtomicFile::create(path, if_exists)?.commit(content)
}

/// A file being written: a temporary file beside the target until [`AtomicFile::commit`]
/// renames it into place. Dropped without committing, it removes the temporary file.
///
/// Creating it before a change that cannot be undone (sealing answers) finds most problems (a
/// missing folder, no permission, an existing file) while nothing has happened yet.
pub struct AtomicFile {
    target: PathBuf,
    /// Empty once renamed into place: nothing left to remove.
    temp: PathBuf,
    file: Option<File>,
    if_exists: IfExists,
}

impl AtomicFile {
    pub fn create(target: &Path, if_exists: IfExists) -> Result<AtomicFile, FileError> {
        let target_is_folder = || FileError::TargetIsFolder {
            path: target.to_path_buf(),
        };
        let name = target.file_name().ok_or_else(target_is_folder)?;
        if target.is_dir() {
            return Err(target_is_folder());
        }
        if if_exists == IfExists::Refuse {
            check_free(target)?;
        }
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        // Unique within this process by the counter, across processes by the id; a name left
        // by a crashed process with the same id is skipped.
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let mut attempts = 0;
        let (temp, file) = loop {
            let mut temp_name = OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(
                ".{}-{}.partial",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            let temp = folder.join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => break (temp, file),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => {
                    attempts += 1;
                }
                Err(source) => {
                    return Err(FileError::Write {
                        path: target.to_path_buf(),
                        source,
                    })
                }
            }
        };
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            file: Some(file),
            if_exists,
        })
    }

    /// Writes `content`, flushes it to disk and renames it over the target. On any failure
    /// the temporary file is removed and the target is as it was.
    pub fn commit(mut self, content: impl AsRef<[u8]>) -> Result<(), FileError> {
        let cannot = |source| FileError::Write {
            path: self.target.clone(),
            source,
        };
        let mut file = self.file.take().expect("an uncommitted file is open");
        file.write_all(content.as_ref()).map_err(cannot)?;
        file.sync_all().map_err(cannot)?;
        drop(file);
        if self.if_exists == IfExists::Refuse {
            // Checked again: the file may have appeared since `create`.
            check_free(&self.target)?;
        }
        fs::rename(&self.temp, &self.target).map_err(cannot)?;
        self.temp = PathBuf::new();
        // The rename is durable once the folder itself is flushed (where the system allows it).
        if let Some(folder) = self.target.parent() {
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        self.file.take();
        if !self.temp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// A size as people read it: "512 bytes", "16 KiB", "100.5 MiB".
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * 1024 * 1024;
    let (unit, name) = match bytes {
        b if b >= GIB => (GIB, "GiB"),
        b if b >= MIB => (MIB, "MiB"),
        b if b >= KIB => (KIB, "KiB"),
        _ => return format!("{bytes} bytes"),
    };
    let tenths = (u128::from(bytes) * 10 + u128::from(unit) / 2) / u128::from(unit);
    if tenths.is_multiple_of(10) {
        format!("{} {name}", tenths / 10)
    } else {
        format!("{}.{} {name}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A temporary folder holding one file, `name`, with `content`.
    fn folder_with(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, content).unwrap();
        (dir, path)
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(1023), "1023 bytes");
        assert_eq!(size(16 * 1024), "16 KiB");
        assert_eq!(size(20_278), "19.8 KiB");
        assert_eq!(size(100 * 1024 * 1024), "100 MiB");
        assert_eq!(size(32 * 1024 * 1024 - 1), "32 MiB");
        assert_eq!(size(10 << 30), "10 GiB");
        assert_eq!(size(u64::MAX), "17179869184 GiB");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_from_its_size_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("video.json");
        // Sparse: 10 GiB on paper, nothing on disk. Reading it would take minutes and the
        // error would say "16 KiB + 1 byte"; refused from its size, it says 10 GiB.
        File::create(&path).unwrap().set_len(10 << 30).unwrap();
        let error = read_bytes(&path, 16 * 1024, "a contact card").unwrap_err();
        match &error {
            FileError::TooLarge {
                path: p,
                found,
                limit,
                ..
            } => {
                assert_eq!((p, *found, *limit), (&path, 10 << 30, 16 * 1024));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            error.to_string(),
            format!(
                "{} is 10 GiB, but a contact card is at most 16 KiB; it is not a contact card",
                path.display()
            )
        );
    }

    #[test]
    fn a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        fs::write(&path, "x".repeat(100)).unwrap();
        assert_eq!(read_text(&path, 100, "a card").unwrap().len(), 100);
        fs::write(&path, "x".repeat(101)).unwrap();
        let error = read_text(&path, 100, "an envelope").unwrap_err();
        assert!(
            error.to_string().ends_with(
                "card.json is 101 bytes, but an envelope is at most 100 bytes; it is not an envelope"
            ),
            "{error}"
        );
        fs::write(&path, "").unwrap();
        assert_eq!(read_bytes(&path, 0, "nothing").unwrap(), b"");
    }

    #[test]
    fn folders_missing_files_and_binary_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_bytes(dir.path(), 100, "an answer sheet").unwrap_err();
        assert!(matches!(error, FileError::Folder { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .ends_with("is a folder; it is not an answer sheet"),
            "{error}"
        );
        let missing = dir.path().join("missing.json");
        let error = read_bytes(&missing, 100, "a card").unwrap_err();
        assert!(matches!(error, FileError::Read { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("cannot read {}: ", missing.display())),
            "{error}"
        );
        let binary = dir.path().join("binary.json");
        fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
        let error = read_text(&binary, 100, "a card").unwrap_err();
        assert!(matches!(error, FileError::NotText { .. }), "{error:?}");
        assert_eq!(read_bytes(&binary, 100, "a card").unwrap().len(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_they_are_opened() {
        let error = read_bytes(Path::new("/dev/null"), 100, "a card").unwrap_err();
        assert!(matches!(error, FileError::NotAFile { .. }), "{error:?}");
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let (dir, path) = folder_with("card.json", "old content that is longer");
        write_atomic(&path, "{\"new\": true}", IfExists::Replace).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"new\": true}");
        write_atomic(&dir.path().join("new.json"), b"new", IfExists::Refuse).unwrap();
        assert_eq!(names(dir.path()), ["card.json", "new.json"]);
    }

    #[test]
    fn an_existing_file_is_kept_when_replacing_is_refused() {
        let (dir, path) = folder_with("envelope.json", "first");
        let error = write_atomic(&path, "second", IfExists::Refuse).unwrap_err();
        assert!(matches!(error, FileError::Exists { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!("{} already exists", path.display())
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(names(dir.path()), ["envelope.json"]);

        // A file that appears between `create` and `commit` is not replaced either.
        let late = dir.path().join("late.json");
        let pending = AtomicFile::create(&late, IfExists::Refuse).unwrap();
        fs::write(&late, "written by someone else").unwrap();
        let error = pending.commit("mine").unwrap_err();
        assert!(matches!(error, FileError::Exists { .. }), "{error:?}");
        assert_eq!(
            fs::read_to_string(&late).unwrap(),
            "written by someone else"
        );
        assert_eq!(names(dir.path()), ["envelope.json", "late.json"]);
    }

    #[test]
    fn an_abandoned_write_leaves_the_old_file_untouched() {
        let (dir, path) = folder_with("envelope.json", "sealed before");
        let pending = AtomicFile::create(&path, IfExists::Replace).unwrap();
        assert_eq!(names(dir.path()).len(), 2, "the temporary file exists");
        drop(pending);
        assert_eq!(fs::read_to_string(&path).unwrap(), "sealed before");
        assert_eq!(names(dir.path()), ["envelope.json"]);
    }

    #[test]
    fn a_failed_commit_leaves_no_partial_file_and_the_old_content_whole() {
        // The temporary file is taken away (another program cleaning the folder) before the
        // commit: the rename fails, and the file that was there is still the old one.
        let (dir, path) = folder_with("agreement.pdf", "version 1");
        let pending = AtomicFile::create(&path, IfExists::Replace).unwrap();
        for name in names(dir.path()) {
            if name.ends_with(".partial") {
                fs::remove_file(dir.path().join(name)).unwrap();
            }
        }
        let error = pending.commit("version 2").unwrap_err();
        assert!(matches!(error, FileError::Write { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("cannot write {}: ", path.display())),
            "{error}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "version 1");
        assert_eq!(names(dir.path()), ["agreement.pdf"]);

        // The target's folder is removed before the commit: nothing appears anywhere.
        let folder = dir.path().join("exports");
        fs::create_dir(&folder).unwrap();
        let pending = AtomicFile::create(&folder.join("a.pdf"), IfExists::Replace).unwrap();
        fs::remove_dir_all(&folder).unwrap();
        let error = pending.commit("content").unwrap_err();
        assert!(matches!(error, FileError::Write { .. }), "{error:?}");
        assert!(!folder.exists());
        assert_eq!(names(dir.path()), ["agreement.pdf"]);
    }

    #[test]
    fn writing_where_one_cannot_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no such folder").join("x.json");
        let error = AtomicFile::create(&missing, IfExists::Replace)
            .err()
            .unwrap();
        assert!(matches!(error, FileError::Write { .. }), "{error:?}");
        let error = AtomicFile::create(dir.path(), IfExists::Replace)
            .err()
            .unwrap();
        assert!(
            matches!(error, FileError::TargetIsFolder { .. }),
            "{error:?}"
        );
        let error = AtomicFile::create(&dir.path().join(".."), IfExists::Replace)
            .err()
            .unwrap();
        assert!(
            matches!(error, FileError::TargetIsFolder { .. }),
            "{error:?}"
        );
        assert!(names(dir.path()).is_empty());
    }
}
