//! Accord's storage: one SQLite file (bundled SQLite, WAL) holding every alliance and every
//! change ever made to it.
//!
//! **Invariant:** nothing is overwritten. Each change appends a revision; the newest revision is
//! the current state, older ones are history; triggers in the schema refuse updates and deletes
//! of revision rows. Deleting an alliance appends a revision marked deleted, so it can be
//! restored.
//!
//! This is the only crate that contains SQL. It knows the domain types of `accord-core` but
//! nothing of Tauri, the UI or the command line; the clock and new ids come in as arguments.
//!
//! It also owns the other files on this disk: [`files`] reads the files partners send with a
//! size limit and writes the files for them atomically, for the command line and the app alike.

mod error;
mod exchange;
pub mod files;
mod location;
mod migrate;
mod negotiation;
mod questionnaire;
mod revisit;
mod store;

pub use error::StoreError;
pub use exchange::{
    questions_hash, Accepted, AllianceImport, BoundCard, ExchangeState, IdentitySummary,
    PartyExchange,
};
pub use location::{default_db_path, resolve_db_path, DB_ENV_VAR};
pub use migrate::SCHEMA_VERSION;
pub use negotiation::{Acting, Negotiation, NegotiationItem};
pub use questionnaire::{
    CarriedAnswers, CarrySource, PartyAnswers, PartyProgress, QuestionSetState, RoundState,
};
pub use revisit::{
    AgreementInfo, CheckInRecord, NextReview, ReviewDue, RevisitState, DEFAULT_REVIEW_DAYS,
    REVIEW_INTERVAL_DAYS, REVIEW_NOTICE_DAYS,
};
pub use store::{Listing, Store};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
