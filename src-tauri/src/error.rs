//! Errors as the UI receives them: a stable code it can act on and a message it can show.
//!
//! Sent over IPC as `{"code":"NotFound","message":"…"}`. A code exists only where the UI does
//! something different for it; everything else is `Unknown` with the whole message.

use accord_core::alliance_file::AllianceFileError;
use accord_core::ModelError;
use accord_envelope::agreement::AgreementSignatureError;
use accord_envelope::envelope::EnvelopeError;
use accord_envelope::CardError;
use accord_export::ExportError;
use accord_store::files::FileError;
use accord_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure, for the UI to choose a title, a hint and where to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    /// The user's input was refused; the message names the field. Shown beside the form.
    InvalidInput,
    /// The alliance does not exist (any more); the UI returns to the list.
    NotFound,
    /// The alliance is deleted; the UI offers to restore it.
    AllianceDeleted,
    /// The action does not apply in the alliance's current state (restoring a live one).
    Conflict,
    /// The database was written by a newer Accord; nothing can be done in this version.
    NewerDatabase,
    /// The passphrase did not open the partner's key; the UI asks again.
    WrongPassphrase,
    /// The partner must unlock (or set a passphrase) before this action.
    Locked,
    /// The comparison is not open yet: not every partner has sealed.
    NotAllSealed,
    /// A file from a partner (card, alliance file, envelope, reveal) was refused: damaged,
    /// altered, signed by someone else, for another alliance or round, or replayed.
    RefusedFile,
    /// The file was written by a newer Accord.
    NewerFile,
    /// A file the user chose could not be read or written (missing, no permission, disk
    /// full); nothing else was changed.
    FileAccess,
    /// This machine has no identity yet, or it is not bound to a partner of the alliance.
    NoIdentity,
    /// The database could not be opened or read; the app cannot work.
    StorageUnavailable,
    Unknown,
}

/// An error crossing IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<ModelError> for IpcError {
    fn from(error: ModelError) -> Self {
        IpcError::new(ErrorCode::InvalidInput, error.to_string())
    }
}

impl From<CardError> for IpcError {
    fn from(error: CardError) -> Self {
        let code = match error {
            CardError::NewerVersion { .. } => ErrorCode::NewerFile,
            _ => ErrorCode::RefusedFile,
        };
        IpcError::new(code, format!("the contact card was refused: {error}"))
    }
}

impl From<AllianceFileError> for IpcError {
    fn from(error: AllianceFileError) -> Self {
        let code = match error {
            AllianceFileError::NewerVersion { .. } => ErrorCode::NewerFile,
            _ => ErrorCode::RefusedFile,
        };
        IpcError::new(code, error.to_string())
    }
}

/// A file the user chose in a dialog: one the system would not let us read or write is
/// `FileAccess`; one that is not what it should be (too large, not text) is `RefusedFile`,
/// like a damaged file from a partner.
impl From<FileError> for IpcError {
    fn from(error: FileError) -> Self {
        let code = match &error {
            FileError::Read { .. }
            | FileError::Folder { .. }
            | FileError::NotAFile { .. }
            | FileError::TargetIsFolder { .. }
            | FileError::Write { .. } => ErrorCode::FileAccess,
            // The app replaces existing files (the save dialog asked), so this does not occur.
            FileError::Exists { .. } => ErrorCode::FileAccess,
            FileError::TooLarge { .. } | FileError::NotText { .. } => ErrorCode::RefusedFile,
        };
        IpcError::new(code, error.to_string())
    }
}

/// Rendering a stored agreement fails only if the bundled fonts cannot be read: a bug.
impl From<ExportError> for IpcError {
    fn from(error: ExportError) -> Self {
        IpcError::new(
            ErrorCode::Unknown,
            format!("the export could not be made: {error}"),
        )
    }
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        let code = match &error {
            StoreError::Invalid(_)
            | StoreError::UnknownParty { .. }
            | StoreError::PassphraseTooShort { .. }
            | StoreError::InvalidQuestionSet(_)
            | StoreError::InvalidAnswers(_)
            | StoreError::BadIdentityName
            | StoreError::SheetForOtherParty { .. } => ErrorCode::InvalidInput,
            StoreError::NoIdentity | StoreError::NotBoundHere { .. } => ErrorCode::NoIdentity,
            StoreError::Envelope(EnvelopeError::NewerVersion { .. }) => ErrorCode::NewerFile,
            StoreError::Envelope(_)
            | StoreError::BadCard(_)
            | StoreError::BadAllianceFile(_)
            | StoreError::UnknownAlliance
            | StoreError::UnknownSender { .. }
            | StoreError::OwnFile
            | StoreError::OwnCard
            | StoreError::OlderRound { .. }
            | StoreError::LaterRound { .. }
            | StoreError::EnvelopeChanged { .. }
            | StoreError::RevealedAnswersInvalid(_)
            | StoreError::AllianceFileConflict { .. } => ErrorCode::RefusedFile,
            StoreError::IdentityExists { .. }
            | StoreError::CardAlreadyBound { .. }
            | StoreError::CardBoundElsewhere { .. }
            | StoreError::AlreadyBoundMe { .. }
            | StoreError::NoPartnerCard { .. }
            | StoreError::SealByEnvelope { .. }
            | StoreError::EnvelopeAlreadyRecorded { .. }
            | StoreError::NoEnvelopeYet
            | StoreError::PartnerEnvelopeMissing { .. }
            | StoreError::SealEnvelopeFirst
            | StoreError::NoEnvelopeFrom { .. }
            | StoreError::RevealAlreadyOpened { .. }
            | StoreError::RoundAgreed { .. }
            | StoreError::Workflow(_)
            | StoreError::Unresolved { .. }
            | StoreError::AlreadySigned { .. } => ErrorCode::Conflict,
            StoreError::NotDisputed { .. } => ErrorCode::InvalidInput,
            StoreError::Signature(AgreementSignatureError::SignedTwice { .. }) => {
                ErrorCode::Conflict
            }
            StoreError::Signature(AgreementSignatureError::UnknownParty { .. }) => {
                ErrorCode::InvalidInput
            }
            StoreError::Signature(_) => ErrorCode::Unknown,
            StoreError::NoAgreement { .. } | StoreError::NoAgreementYet => ErrorCode::NotFound,
            StoreError::WrongPassphrase => ErrorCode::WrongPassphrase,
            StoreError::NoPassphrase { .. } | StoreError::WrongKey { .. } => ErrorCode::Locked,
            StoreError::NotAllSealed => ErrorCode::NotAllSealed,
            StoreError::PassphraseAlreadySet { .. }
            | StoreError::PartnerHasNoPassphrase { .. }
            | StoreError::QuestionsFrozen
            | StoreError::StaleQuestions
            | StoreError::AlreadySealed { .. }
            | StoreError::NothingToSeal => ErrorCode::Conflict,
            StoreError::AllianceNotFound { .. } | StoreError::AmbiguousId { .. } => {
                ErrorCode::NotFound
            }
            StoreError::AllianceDeleted { .. } => ErrorCode::AllianceDeleted,
            StoreError::AllianceNotDeleted { .. } => ErrorCode::Conflict,
            StoreError::NewerSchema { .. } => ErrorCode::NewerDatabase,
            StoreError::NoDataFolder
            | StoreError::CreateFolder { .. }
            | StoreError::Open { .. }
            | StoreError::NotAnAccordDatabase { .. }
            | StoreError::Backup { .. }
            | StoreError::Migration { .. } => ErrorCode::StorageUnavailable,
            StoreError::Corrupt { .. } | StoreError::Crypto(_) | StoreError::Sqlite(_) => {
                ErrorCode::Unknown
            }
        };
        IpcError::new(code, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_and_message() {
        let error = IpcError::from(StoreError::AllianceNotFound { id: "abcd".into() });
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"code":"NotFound","message":"no alliance has the id \"abcd\"; `accord alliance list --all` shows every id"}"#
        );
        let error = IpcError::from(ModelError::EmptyName);
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"code": "InvalidInput", "message": "the alliance name is empty"})
        );
        let error = IpcError::from(StoreError::NewerSchema {
            path: "/x.db".into(),
            found: 9,
            supported: 1,
        });
        assert_eq!(error.code, ErrorCode::NewerDatabase);
    }

    #[test]
    fn file_errors_keep_the_codes_the_ui_acts_on() {
        use accord_store::files::{read_text, AtomicFile, IfExists};
        let error = IpcError::from(FileError::TooLarge {
            path: "/x/card.json".into(),
            what: "a contact card",
            found: 20_278,
            limit: 16 * 1024,
        });
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"code":"RefusedFile","message":"/x/card.json is 19.8 KiB, but a contact card is at most 16 KiB; it is not a contact card"}"#
        );
        let dir = tempfile::tempdir().unwrap();
        let code = |error: FileError| IpcError::from(error).code;
        let binary = dir.path().join("binary.json");
        std::fs::write(&binary, [0xff, 0xfe]).unwrap();
        assert_eq!(
            code(read_text(&binary, 100, "a card").unwrap_err()),
            ErrorCode::RefusedFile
        );
        let missing = dir.path().join("missing.json");
        assert_eq!(
            code(read_text(&missing, 100, "a card").unwrap_err()),
            ErrorCode::FileAccess
        );
        assert_eq!(
            code(read_text(dir.path(), 100, "a card").unwrap_err()),
            ErrorCode::FileAccess
        );
        let nowhere = dir.path().join("no such folder").join("x.json");
        assert_eq!(
            code(
                AtomicFile::create(&nowhere, IfExists::Replace)
                    .err()
                    .unwrap()
            ),
            ErrorCode::FileAccess
        );
        assert_eq!(
            code(
                AtomicFile::create(dir.path(), IfExists::Replace)
                    .err()
                    .unwrap()
            ),
            ErrorCode::FileAccess
        );
    }
}
