//! Accord's agreement exports (issue 7): a frozen [`Agreement`] rendered as Markdown, as a
//! self-contained print-ready HTML page, as a PDF with embedded fonts, or as its JSON file, and
//! read back for `accord verify`.
//!
//! Each export shows the same summary (`summary.rs` decides it once): the alliance, partners,
//! version, dates and hash; per question the agreed value and what each partner first
//! expected; the open items; the balance; the review date; the signatures. Each also *carries*
//! the agreement file, signatures included (`embed.rs` for Markdown and HTML, an attachment in
//! the PDF), and every renderer is deterministic, so [`verify_export`] can prove a document
//! unaltered: it takes the agreement it carries, checks its hash and signatures, renders it
//! again and compares the result with the document, byte for byte.
//!
//! This crate knows nothing about storage, files on disk, the clock, the CLI or Tauri: an
//! agreement in, bytes out, and back.

mod embed;
mod error;
mod html;
mod markdown;
mod pdf;
mod preview;
mod summary;

use accord_core::agreement::{parse_agreement, Agreement};
use accord_envelope::agreement::verify;
pub use accord_envelope::VerifiedSignature;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::ExportError;
pub use html::html;
pub use markdown::markdown;
pub use pdf::pdf;
pub use preview::{
    file_name, pdf_pages, preview, BoxPreview, ExportPreview, LinePreview, PagePreview,
    PreviewContent, RulePreview,
};

/// The version of the documents' layout. Verifying re-renders a document, which reproduces
/// only documents of the same layout: bump it whenever any renderer's output changes, and
/// documents of an older layout are refused with [`ExportError::OtherLayout`] instead of
/// being reported as altered.
pub const LAYOUT: u32 = 1;

/// Largest export read back, in bytes: an agreement file at its largest, base64-encoded, plus
/// the document around it.
pub const MAX_EXPORT_BYTES: usize = 128 * 1024 * 1024;

/// The formats an agreement exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Markdown,
    Html,
    Pdf,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Pdf,
        ExportFormat::Json,
    ];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Json => "json",
        }
    }

    /// How the format reads to a person.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "Markdown",
            ExportFormat::Html => "HTML",
            ExportFormat::Pdf => "PDF",
            ExportFormat::Json => "JSON",
        }
    }
}

/// The agreement file itself: pretty JSON, as `accord_core::agreement::parse_agreement` reads
/// it and `schema/agreement.schema.json` (in `accord-core`) describes it.
pub fn json(agreement: &Agreement) -> String {
    let mut text = agreement.to_json();
    text.push('\n');
    text
}

/// `agreement` in `format`.
pub fn render(agreement: &Agreement, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Markdown => markdown(agreement).into_bytes(),
        ExportFormat::Html => html(agreement).into_bytes(),
        ExportFormat::Pdf => pdf(agreement)?,
        ExportFormat::Json => json(agreement).into_bytes(),
    })
}

/// An export whose agreement, hash, signatures and visible text all checked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub format: ExportFormat,
    pub agreement: Agreement,
    /// Every signature on it, in order; empty when nobody has signed yet.
    pub signatures: Vec<VerifiedSignature>,
}

/// Which format `bytes` are in, from their first bytes (and, for Markdown, the agreement
/// block it carries).
pub fn detect(bytes: &[u8]) -> Option<ExportFormat> {
    if bytes.starts_with(b"%PDF-") {
        return Some(ExportFormat::Pdf);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).trim_start();
    let head: String = text
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if text.starts_with('{') {
        Some(ExportFormat::Json)
    } else if head.starts_with("<!doctype html") || text.contains(embed::HTML.open) {
        Some(ExportFormat::Html)
    } else if text.contains(embed::MARKDOWN.open) {
        Some(ExportFormat::Markdown)
    } else {
        None
    }
}

/// The agreement an export carries, after checking that its content matches its hash and
/// that the document shows exactly that agreement. Signatures are not checked here (see
/// [`verify_export`]).
pub fn read_export(bytes: &[u8]) -> Result<Agreement, ExportError> {
    read(bytes).map(|(_, agreement)| agreement)
}

fn read(bytes: &[u8]) -> Result<(ExportFormat, Agreement), ExportError> {
    if bytes.len() > MAX_EXPORT_BYTES {
        return Err(ExportError::TooLarge {
            len: bytes.len(),
            max: MAX_EXPORT_BYTES,
        });
    }
    let format = detect(bytes).ok_or(ExportError::UnknownFormat)?;
    let text = || {
        let text = std::str::from_utf8(bytes).map_err(|_| ExportError::UnknownFormat)?;
        Ok::<_, ExportError>(text.strip_prefix('\u{FEFF}').unwrap_or(text))
    };
    let agreement = match format {
        ExportFormat::Pdf => pdf::read(bytes)?,
        ExportFormat::Json => parse_agreement(text()?)?,
        ExportFormat::Markdown => read_text(text()?, &embed::MARKDOWN, markdown)?,
        ExportFormat::Html => read_text(text()?, &embed::HTML, html)?,
    };
    Ok((format, agreement))
}

/// Checks an export of any format: the agreement it carries matches its hash, every signature
/// on it is valid, and (Markdown, HTML, PDF) the document is exactly what that agreement
/// renders to, so nothing visible was altered.
pub fn verify_export(bytes: &[u8]) -> Result<Verified, ExportError> {
    let (format, agreement) = read(bytes)?;
    let signatures = verify(&agreement)?;
    Ok(Verified {
        format,
        agreement,
        signatures,
    })
}

/// Reads a Markdown or HTML export: the embedded agreement, then the whole document compared
/// with a fresh rendering of it (line endings aside, which editors and mail change). The
/// document is compared where it lies, never copied: it may be a hundred megabytes.
fn read_text(
    found: &str,
    carrier: &embed::Carrier,
    render: fn(&Agreement) -> String,
) -> Result<Agreement, ExportError> {
    let (layout, json) = carrier.read(found)?;
    let agreement = parse_agreement(&json)?;
    if layout != LAYOUT.to_string() {
        return Err(ExportError::OtherLayout {
            format: carrier.format,
            found: layout,
            supported: LAYOUT,
        });
    }
    let expected = render(&agreement);
    if same_but_line_endings(&expected, found) {
        return Ok(agreement);
    }
    let mut expected_lines = expected.lines();
    let mut found_lines = found.lines();
    let mut line = 0;
    loop {
        line += 1;
        let (e, f) = (expected_lines.next(), found_lines.next());
        let end = "(end of the document)";
        if e.is_none() && f.is_none() {
            return Err(ExportError::VisibleTextAltered {
                format: carrier.format,
                line,
                expected: end.to_string(),
                found: "(the same lines, with another ending)".to_string(),
            });
        }
        if e != f {
            return Err(ExportError::VisibleTextAltered {
                format: carrier.format,
                line,
                expected: shorten(e.unwrap_or(end)),
                found: shorten(f.unwrap_or(end)),
            });
        }
    }
}

/// Whether `found` is `expected` once each `\r\n` in it is read as `\n`.
fn same_but_line_endings(expected: &str, found: &str) -> bool {
    let found = found.as_bytes();
    let mut normalized = found
        .iter()
        .enumerate()
        .filter(|&(i, &b)| !(b == b'\r' && found.get(i + 1) == Some(&b'\n')))
        .map(|(_, &b)| b);
    expected.bytes().all(|b| normalized.next() == Some(b)) && normalized.next().is_none()
}

/// At most 160 characters of a line, for an error message.
fn shorten(line: &str) -> String {
    let mut out: String = line.chars().take(160).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}
