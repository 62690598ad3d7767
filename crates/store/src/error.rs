//! What can go wrong opening or changing the store, with what the user needs to act on it.

use std::path::PathBuf;

use accord_core::ModelError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data folder is known for this user; pass --db PATH or set ACCORD_DB")]
    NoDataFolder,
    #[error("cannot create the folder {path}: {source}")]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} is not an Accord database; choose another file with --db PATH")]
    NotAnAccordDatabase { path: PathBuf },
    #[error(
        "the database {path} was written by a newer Accord (schema {found}; this version reads up to {supported}); install a newer Accord to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("cannot back up {path} before upgrading it to {backup}: {source}")]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        source: rusqlite::Error,
    },
    #[error("migration {name} failed, the database is unchanged: {source}")]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error(transparent)]
    Invalid(#[from] ModelError),
    #[error("no alliance has the id {id:?}; `accord alliance list --all` shows every id")]
    AllianceNotFound { id: String },
    #[error("the id {prefix:?} matches {matches} alliances; type more of it")]
    AmbiguousId { prefix: String, matches: usize },
    #[error("alliance {name:?} is deleted; restore it first")]
    AllianceDeleted { name: String },
    #[error("alliance {name:?} is not deleted")]
    AllianceNotDeleted { name: String },
    #[error("partner {party:?} is not part of alliance {alliance:?}")]
    UnknownParty { party: String, alliance: String },
    #[error("wrong passphrase; nothing was changed")]
    WrongPassphrase,
    #[error("the passphrase is {len} characters long; use at least {min}")]
    PassphraseTooShort { len: usize, min: usize },
    #[error("partner {party:?} already has a passphrase")]
    PassphraseAlreadySet { party: String },
    #[error("partner {party:?} has not set a passphrase yet")]
    NoPassphrase { party: String },
    #[error("this key does not belong to partner {party:?}; unlock with their passphrase")]
    WrongKey { party: String },
    #[error("{name} has not set a passphrase yet; every partner needs one before anyone can seal")]
    PartnerHasNoPassphrase { name: String },
    #[error("a partner has already sealed this round, so its questions are frozen; open a new round to change them")]
    QuestionsFrozen,
    #[error("the question set was refused: {0}")]
    InvalidQuestionSet(String),
    #[error("the answers were written for an older version of the questions; reload them and answer again")]
    StaleQuestions,
    #[error("the answers were refused: {0}")]
    InvalidAnswers(String),
    #[error("partner {party:?} has already sealed round {round}; a seal is final")]
    AlreadySealed { party: String, round: u32 },
    #[error("there are no saved answers to seal yet")]
    NothingToSeal,
    #[error("the comparison opens once every partner has sealed their answers")]
    NotAllSealed,
    #[error("encryption failed: {0}")]
    Crypto(String),
    #[error("stored {what} could not be read: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
