//! Accord's cryptography, in standard formats a third party can check: the age file format
//! (X25519 recipients, scrypt passphrases).
//!
//! [`identity`] is a person's key pairs for exchanging answers between machines, shared as a
//! contact card with a fingerprint (the start of sealed envelopes, issue 6).
//!
//! [`lock`] keeps each partner's answers private on a shared machine: a partner's key pair is
//! locked by their passphrase, answers are encrypted to the partner's public key (so saving
//! needs no passphrase), and only the unlocked key opens them.
//!
//! This crate knows nothing about alliances, storage or the UI: bytes in, bytes out. It is the
//! one place that draws randomness (new keys and age file keys come from the operating
//! system's generator, as age requires).

pub mod envelope;
pub mod identity;
pub mod lock;

pub use identity::{parse_card, CardError, ContactCard, Identity};
pub use lock::{LockError, LockedKey, PartyKey};
