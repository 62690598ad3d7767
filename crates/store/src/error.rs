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
    #[error("stored {what} could not be read: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
