//! Accord's domain core: the words of the product as types, and the pure functions over them.
//!
//! This crate owns the model of an alliance (its kind, its parties, the terms agreed on paper),
//! question sets and answer sheets with their JSON file format, the diff engine that compares two
//! sheets, and plain-text renderings of a comparison. It is the API boundary every other crate
//! builds on.
//!
//! It deliberately knows nothing about storage, files, the clock, randomness, Tauri or the UI:
//! text, time and identifiers come in as arguments, so everything here is deterministic and
//! testable without set-up.

pub mod agreement;
pub mod alliance;
pub mod alliance_file;
pub mod answer;
pub mod carry;
pub mod comparison;
pub mod demo;
pub mod diff;
pub mod error;
pub mod file_head;
pub mod negotiate;
pub mod question;
pub mod questions;
pub mod report;
pub mod revisit;
pub mod sheet;
pub mod time;

pub use alliance::{
    normalize_name, Alliance, AllianceChange, AllianceContent, AllianceDraft, AllianceId,
    AllianceKind, AllianceLimits, AllianceRevision, PaperTerm, Party, PartyId, TermId,
    ALLIANCE_LIMITS, MAX_PARTIES, MIN_PARTIES,
};
pub use answer::{Answer, Expectation, Flexibility, Importance};
pub use comparison::{Comparison, Gap, Verdict};
pub use error::ModelError;
pub use question::{Category, Question, QuestionId, QuestionKind, QuestionSet};
pub use sheet::{AnswerSheet, SheetError};
pub use time::Timestamp;
