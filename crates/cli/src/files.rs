//! Reading files from partners and writing files for them, safely: reads are bounded (a wrong
//! file, a video or a disk image, fails fast), writes never clobber a file by accident and
//! never leave half a file behind (written beside the target, synced, then renamed over it).

use std::fs::{self, File};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{bail, Context};

/// Reads a file of at most `max` bytes. A larger file is refused from its size, before any of
/// it is read, so a wrong file (a video, a disk image) costs neither time nor memory; a file
/// that grows while it is read is still never read past `max`.
pub fn read_bytes(path: &Path, max: usize, what: &str) -> anyhow::Result<Vec<u8>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a folder; it is not {what}", path.display());
    }
    let too_large = |len: u64| {
        anyhow::anyhow!(
            "{} is {}, but {what} is at most {}; it is not {what}",
            path.display(),
            size(len),
            size(max as u64)
        )
    };
    let max64 = max as u64;
    if meta.len() > max64 {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(max) + 1);
    file.take(max64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A size as people read it: "512 bytes", "16 KiB", "100.5 MiB".
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let (unit, name) = match bytes {
        b if b >= MIB => (MIB, "MiB"),
        b if b >= KIB => (KIB, "KiB"),
        _ => return format!("{bytes} bytes"),
    };
    let tenths = (bytes * 10 + unit / 2) / unit;
    if tenths.is_multiple_of(10) {
        format!("{} {name}", tenths / 10)
    } else {
        format!("{}.{} {name}", tenths / 10, tenths % 10)
    }
}

/// Reads a text file of at most `max` bytes.
pub fn read_text(path: &Path, max: usize, what: &str) -> anyhow::Result<String> {
    let bytes = read_bytes(path, max, what)?;
    String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} is not a text file; it is not {what}", path.display()))
}

/// Refuses an existing `path` unless `force`.
pub fn check_free(path: &Path, force: bool) -> anyhow::Result<()> {
    if path.exists() && !force {
        bail!(
            "{} already exists; choose another file or pass --force to replace it",
            path.display()
        );
    }
    Ok(())
}

/// Writes `text` to `path` atomically. An existing file is kept unless `force`.
pub fn write_text(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    write_bytes(path, text.as_bytes(), force)
}

/// Writes `bytes` to `path` atomically. An existing file is kept unless `force`.
pub fn write_bytes(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    check_free(path, force)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let temp = dir.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| -> std::io::Result<()> {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(error).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// The environment variable a script sets to give the identity passphrase.
pub const PASSPHRASE_ENV: &str = "ACCORD_PASSPHRASE";

/// The identity passphrase: from $ACCORD_PASSPHRASE, else asked on the terminal without echo.
pub fn passphrase(prompt: &str, confirm: bool) -> anyhow::Result<String> {
    if let Ok(value) = std::env::var(PASSPHRASE_ENV) {
        if !value.is_empty() {
            return Ok(value);
        }
    }
    if !std::io::stdin().is_terminal() {
        bail!("a passphrase is needed: set {PASSPHRASE_ENV} or run this in a terminal");
    }
    let first = ask_hidden(prompt)?;
    if confirm {
        let again = ask_hidden("Type it again: ")?;
        if again != first {
            bail!("the two passphrases differ; nothing was changed");
        }
    }
    Ok(first)
}

fn ask_hidden(prompt: &str) -> anyhow::Result<String> {
    eprint!("{prompt}");
    std::io::stderr().flush()?;
    let echo_off = stty("-echo");
    let mut line = String::new();
    let read = std::io::stdin().read_line(&mut line);
    if echo_off {
        stty("echo");
        eprintln!();
    }
    read.context("cannot read the passphrase")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Turns terminal echo on or off with the system's `stty`; false if that was not possible.
fn stty(setting: &str) -> bool {
    std::process::Command::new("stty")
        .arg(setting)
        .stdin(std::process::Stdio::inherit())
        .status()
        .is_ok_and(|s| s.success())
}

/// Asks a yes/no question on the terminal; false when not on a terminal.
pub fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_whole_and_never_clobber_by_accident() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("envelope.json");
        write_text(&path, "first", false).unwrap();
        let err = write_text(&path, "second", false).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write_text(&path, "second", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(16 * 1024), "16 KiB");
        assert_eq!(size(20_278), "19.8 KiB");
        assert_eq!(size(100 * 1024 * 1024), "100 MiB");
        assert_eq!(size(32 * 1024 * 1024 - 1), "32 MiB");
    }

    #[test]
    fn reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        fs::write(&path, vec![b'x'; 101]).unwrap();
        let err = read_text(&path, 100, "an envelope").unwrap_err();
        assert!(
            err.to_string().ends_with(
                "big.json is 101 bytes, but an envelope is at most 100 bytes; it is not an envelope"
            ),
            "{err}"
        );
        fs::write(&path, [0xff, 0xfe]).unwrap();
        assert!(read_text(&path, 100, "an envelope").is_err());
    }
}
