//! The command line's side of files and the terminal: writing a file refuses to replace an
//! existing one unless `--force`, saying so; and the identity passphrase and fingerprint
//! confirmations are asked for here (`$ACCORD_PASSPHRASE` or the terminal, without echo).
//!
//! Reading partners' files with a size limit and writing atomically are `accord_store::files`,
//! shared with the app; this module adds only the command line's words and its `--force`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use accord_store::files::{self, FileError, IfExists};
use anyhow::{bail, Context};

/// Refuses an existing `path` unless `force`.
pub fn check_free(path: &Path, force: bool) -> anyhow::Result<()> {
    if force {
        return Ok(());
    }
    files::check_free(path).map_err(with_hint)
}

/// Writes `text` to `path` atomically. An existing file is kept unless `force`.
pub fn write_text(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    write_bytes(path, text.as_bytes(), force)
}

/// Writes `bytes` to `path` atomically. An existing file is kept unless `force`.
pub fn write_bytes(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let if_exists = if force {
        IfExists::Replace
    } else {
        IfExists::Refuse
    };
    files::write_atomic(path, bytes, if_exists).map_err(with_hint)
}

/// The error, with what to do about an existing file on the command line.
fn with_hint(error: FileError) -> anyhow::Error {
    match error {
        FileError::Exists { .. } => {
            anyhow::anyhow!("{error}; choose another file or pass --force to replace it")
        }
        other => other.into(),
    }
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
    fn an_existing_file_is_replaced_only_with_force_and_the_refusal_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("envelope.json");
        write_text(&path, "first", false).unwrap();
        let error = write_text(&path, "second", false).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{} already exists; choose another file or pass --force to replace it",
                path.display()
            )
        );
        assert_eq!(
            check_free(&path, false).unwrap_err().to_string(),
            error.to_string()
        );
        check_free(&path, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        write_text(&path, "second", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    }
}
