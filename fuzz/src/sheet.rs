//! The `sheet` target: `accord_core::sheet::parse_sheet` on any text.

use accord_core::sheet::{parse_sheet, SheetError};
use accord_core::AnswerSheet;

/// Parses `data` (read as UTF-8, invalid bytes replaced) as an answer sheet. A sheet that is
/// accepted must read back as itself once written out again.
pub fn sheet(data: &[u8]) -> Result<AnswerSheet, SheetError> {
    let sheet = parse_sheet(&String::from_utf8_lossy(data))?;
    let again = parse_sheet(&sheet.to_json());
    assert_eq!(
        again.as_ref(),
        Ok(&sheet),
        "an accepted sheet must read back as itself"
    );
    Ok(sheet)
}
