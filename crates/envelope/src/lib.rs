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
//! [`agreement`] signs a frozen agreement's hash with a partner's Ed25519 key and verifies the
//! signatures on one (issue 7).
//!
//! This crate knows nothing about storage or the UI, and of the domain only the
//! [`accord_core::agreement::Agreement`] it signs: bytes in, bytes out. It is the one place
//! that draws randomness (new keys and age file keys come from the operating system's
//! generator, as age requires).

pub mod agreement;
pub mod envelope;
pub mod identity;
pub mod lock;

pub use agreement::{AgreementSignatureError, VerifiedSignature};
pub use identity::{parse_card, CardError, ContactCard, Identity};
pub use lock::{LockError, LockedKey, PartyKey};
