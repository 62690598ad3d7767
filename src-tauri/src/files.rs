//! Files the user chose in a dialog: read with a size limit, written atomically.
//!
//! The UI only passes the path the dialog returned; reading and writing happen here, so the
//! web view never gets file-system access. A read refuses anything larger than the format
//! allows before loading it; a write goes to a temporary file in the same folder, is flushed
//! to disk and then renamed over the target, so a failure (a full disk, a crash) never leaves
//! a half-written file where the user asked for one.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::{ErrorCode, IpcError};

/// Reads the text file at `path`, refusing one over `max` bytes. `what` names the expected
/// content for messages ("an envelope file").
pub fn read_limited(path: &Path, max: usize, what: &str) -> Result<String, IpcError> {
    let cannot = |error: std::io::Error| {
        IpcError::new(
            ErrorCode::FileAccess,
            format!("cannot read {}: {error}", path.display()),
        )
    };
    let file = File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if !metadata.is_file() {
        return Err(IpcError::new(
            ErrorCode::FileAccess,
            format!("{} is not a file", path.display()),
        ));
    }
    let too_large = |len: u64| {
        IpcError::new(
            ErrorCode::RefusedFile,
            format!(
                "{} is {len} bytes, but {what} is at most {max}; it is not the file you meant",
                path.display()
            ),
        )
    };
    let max64 = u64::try_from(max).unwrap_or(u64::MAX);
    if metadata.len() > max64 {
        return Err(too_large(metadata.len()));
    }
    // The file may grow between the size check and the read: never read more than allowed.
    let mut bytes = Vec::new();
    file.take(max64.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() > max {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|_| {
        IpcError::new(
            ErrorCode::RefusedFile,
            format!("{} is not a text file, so it is not {what}", path.display()),
        )
    })
}

/// A file being written: a temporary file beside the target until [`AtomicFile::commit`]
/// renames it into place. Dropped without committing, it removes the temporary file.
///
/// Creating it first, before any change to the store, finds most problems (a missing folder,
/// no permission) while nothing has been recorded yet.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile, IpcError> {
        let cannot = |error: std::io::Error| {
            IpcError::new(
                ErrorCode::FileAccess,
                format!("cannot write {}: {error}", target.display()),
            )
        };
        let name = target.file_name().ok_or_else(|| {
            IpcError::new(
                ErrorCode::FileAccess,
                format!("{} is not a file name", target.display()),
            )
        })?;
        if target.is_dir() {
            return Err(IpcError::new(
                ErrorCode::FileAccess,
                format!("{} is a folder; choose a file name", target.display()),
            ));
        }
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
        let temp = folder.join(temp_name);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(cannot)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            file: Some(file),
        })
    }

    /// Writes `content`, flushes it to disk and renames it over the target.
    pub fn commit(mut self, content: impl AsRef<[u8]>) -> Result<(), IpcError> {
        let cannot = |error: std::io::Error| {
            IpcError::new(
                ErrorCode::FileAccess,
                format!("cannot write {}: {error}", self.target.display()),
            )
        };
        let mut file = self.file.take().expect("an uncommitted file is open");
        file.write_all(content.as_ref()).map_err(cannot)?;
        file.sync_all().map_err(cannot)?;
        drop(file);
        fs::rename(&self.temp, &self.target).map_err(cannot)?;
        // The rename is durable once the folder itself is flushed (where the system allows it).
        if let Some(folder) = self.target.parent() {
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        self.temp = PathBuf::new();
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

/// Writes `text` to `path` atomically.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), IpcError> {
    AtomicFile::create(path)?.commit(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        fs::write(&path, "old content that is longer").unwrap();
        write_atomic(&path, "{\"new\": true}").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"new\": true}");
        assert_eq!(leftovers(dir.path()), vec!["card.json".to_string()]);
    }

    #[test]
    fn an_abandoned_write_leaves_the_old_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("envelope.json");
        fs::write(&path, "sealed before").unwrap();
        let pending = AtomicFile::create(&path).unwrap();
        assert_eq!(leftovers(dir.path()).len(), 2, "the temporary file exists");
        drop(pending);
        assert_eq!(fs::read_to_string(&path).unwrap(), "sealed before");
        assert_eq!(leftovers(dir.path()), vec!["envelope.json".to_string()]);
    }

    #[test]
    fn writing_where_one_cannot_is_refused_before_anything_else_happens() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no such folder").join("x.json");
        let error = AtomicFile::create(&missing).err().unwrap();
        assert_eq!(error.code, ErrorCode::FileAccess);
        assert!(error.message.contains("cannot write"), "{}", error.message);
        let error = AtomicFile::create(dir.path()).err().unwrap();
        assert_eq!(error.code, ErrorCode::FileAccess);
    }

    #[test]
    fn reads_refuse_files_over_the_limit_and_binary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        fs::write(&path, "x".repeat(101)).unwrap();
        let error = read_limited(&path, 100, "a contact card").unwrap_err();
        assert_eq!(error.code, ErrorCode::RefusedFile);
        assert!(
            error.message.contains("101 bytes") && error.message.contains("at most 100"),
            "{}",
            error.message
        );
        assert_eq!(read_limited(&path, 101, "a card").unwrap().len(), 101);
        fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
        let error = read_limited(&path, 100, "a contact card").unwrap_err();
        assert_eq!(error.code, ErrorCode::RefusedFile);
        let error = read_limited(&dir.path().join("missing"), 100, "a card").unwrap_err();
        assert_eq!(error.code, ErrorCode::FileAccess);
    }
}
