//! Accord's domain core: the words of the product as types, and the pure functions over them.
//!
//! This crate owns the model of an alliance (its kind, its parties, the terms agreed on paper)
//! and, later, question sets and the diff engine. It is the API boundary every other crate builds
//! on.
//!
//! It deliberately knows nothing about storage, files, the clock, randomness, Tauri or the UI:
//! time and identifiers come in as arguments, so everything here is deterministic and testable
//! without set-up.

pub mod alliance;
pub mod demo;
pub mod error;
pub mod time;

pub use alliance::{
    normalize_name, Alliance, AllianceChange, AllianceContent, AllianceDraft, AllianceId,
    AllianceKind, AllianceLimits, AllianceRevision, PaperTerm, Party, PartyId, TermId,
    ALLIANCE_LIMITS,
};
pub use error::ModelError;
pub use time::Timestamp;
