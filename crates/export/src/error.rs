//! Why an export could not be written or read back. Every message says what was wrong with
//! the file and, where there is one, what to do.

use accord_core::agreement::AgreementError;
use accord_envelope::AgreementSignatureError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("the file is {len} bytes; an export is at most {max}")]
    TooLarge { len: usize, max: usize },
    #[error("not an Accord export: expected an agreement as JSON, Markdown, HTML or PDF")]
    UnknownFormat,
    #[error("the {format} file carries no embedded agreement (its accord-agreement block is missing or cut); ask for the original export")]
    NoEmbeddedAgreement { format: &'static str },
    #[error(
        "the {format} file's embedded agreement is damaged ({what}); ask for the original export"
    )]
    DamagedEmbedding { format: &'static str, what: String },
    #[error("this {format} export was laid out by Accord layout {found}, this Accord writes layout {supported}; its visible text cannot be compared, so verify it with the Accord that made it or verify the JSON export")]
    OtherLayout {
        format: &'static str,
        found: String,
        supported: u32,
    },
    /// The embedded agreement (or the JSON file) is not a valid agreement, or its content does
    /// not match its hash.
    #[error("the embedded agreement: {0}")]
    Agreement(#[from] AgreementError),
    #[error("the {format} document's visible text was altered after export: line {line} reads {found:?} where the agreement it carries gives {expected:?}; the embedded agreement is intact, so ask for the original export or export it again")]
    VisibleTextAltered {
        format: &'static str,
        line: usize,
        expected: String,
        found: String,
    },
    #[error("the PDF is truncated or damaged ({0}); ask for the original export")]
    DamagedPdf(String),
    #[error("the PDF differs from what the agreement it carries renders to (first at byte {offset}): its pages were altered, or another program saved it again; ask for the original export")]
    PdfAltered { offset: usize },
    #[error("{0}")]
    Signature(#[from] AgreementSignatureError),
    #[error(
        "the bundled font could not be used ({0}); this build of Accord is broken, reinstall it"
    )]
    Font(String),
}
