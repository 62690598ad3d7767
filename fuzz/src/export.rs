//! The `export` and `render` targets: reading exports back (`accord_export::verify_export`, as
//! `accord verify FILE` does), and rendering agreements whose content is anyone's choice.

use accord_core::agreement::{parse_agreement, Agreement, AgreementError};
use accord_envelope::agreement::verify;
use accord_export::{read_export, verify_export, ExportError, ExportFormat, Verified};

/// Verifies `data` as an export of any format. An export that verifies must carry an agreement
/// whose hash and signatures check, and be what that agreement renders to: the same bytes
/// (PDF), the same text up to a byte-order mark and CRLF line ends (Markdown, HTML), or the
/// same agreement (JSON, whose layout is free).
pub fn export(data: &[u8]) -> Result<Verified, ExportError> {
    let verified = verify_export(data)?;
    let agreement = &verified.agreement;
    assert_eq!(agreement.check_hash(), Ok(()));
    assert_eq!(verify(agreement).as_ref(), Ok(&verified.signatures));
    let again =
        accord_export::render(agreement, verified.format).expect("a verified agreement renders");
    let text = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string()
    };
    match verified.format {
        ExportFormat::Pdf => assert!(again == data, "a verified PDF must render to itself"),
        ExportFormat::Json => assert_eq!(parse_agreement(&text(&again)).as_ref(), Ok(agreement)),
        ExportFormat::Markdown | ExportFormat::Html => assert_eq!(text(&again), text(data)),
    }
    Ok(verified)
}

/// Reads `data` as any agreement and restates its hash, as whoever writes a file can: the hash
/// proves the content unaltered, not who chose it. So this reaches the renderers with content
/// the fuzzer chooses, which `export` cannot (its mutations break the hash). The agreement must
/// read back as itself, and its export in every format must read back as it.
pub fn render(data: &[u8]) -> Result<Agreement, AgreementError> {
    let crafted: Agreement = serde_json::from_str(&String::from_utf8_lossy(data))
        .map_err(|e| AgreementError::Malformed(e.to_string()))?;
    let crafted = crafted.with_hash();
    let agreement = match parse_agreement(&crafted.to_json()) {
        Err(e @ AgreementError::HashMismatch { .. }) => panic!("a restated hash: {e}"),
        read => read?,
    };
    assert_eq!(agreement, crafted, "an agreement must read back as itself");
    for format in ExportFormat::ALL {
        let bytes = accord_export::render(&agreement, format).expect("an agreement renders");
        assert_eq!(
            read_export(&bytes).as_ref(),
            Ok(&agreement),
            "the {} export must read back as its agreement",
            format.label()
        );
    }
    Ok(agreement)
}
