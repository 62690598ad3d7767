//! The `alliance` target: `accord_core::alliance_file::parse_alliance_file` on any text, as
//! `accord alliance import` and the app's "Import alliance file…" read a partner's file.

use accord_core::alliance_file::{parse_alliance_file, AllianceFile, AllianceFileError};

/// Parses `data` (read as UTF-8, invalid bytes replaced) as an alliance file. A file that is
/// accepted must read back as itself once written out again.
pub fn alliance(data: &[u8]) -> Result<AllianceFile, AllianceFileError> {
    let file = parse_alliance_file(&String::from_utf8_lossy(data))?;
    assert_eq!(
        parse_alliance_file(&file.to_json()).as_ref(),
        Ok(&file),
        "an accepted alliance file must read back as itself"
    );
    Ok(file)
}
