//! A person's identity for exchanging sealed answers between machines (issue 6, first part):
//! an age X25519 key pair to encrypt to them and an Ed25519 key pair to check what they sign,
//! shown as a short fingerprint and shared as a contact card file.
//!
//! The card is versioned JSON (`accord.contact-card`, version 1) holding only public keys. Its
//! fingerprint is derived from both keys, so a partner confirms one short string (read aloud or
//! compared in a call) before binding the card to a party. [`parse_card`] refuses anything it
//! cannot trust, naming what is wrong; it never panics on hostile input.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use accord_core::file_head::{read_head, strip_bom};

use crate::LockError;

/// The `format` field of a contact card.
pub const CARD_FORMAT: &str = "accord.contact-card";
/// The newest card version this build reads and writes.
pub const CARD_VERSION: u32 = 1;
/// Largest card accepted, in bytes; real cards are a few hundred.
pub const MAX_CARD_BYTES: usize = 16 * 1024;
const MAX_NAME_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("the card is {len} bytes; a contact card is at most {max}")]
    TooLarge { len: usize, max: usize },
    #[error("not a contact card: {0}")]
    NotJson(String),
    #[error("not an Accord contact card: \"format\" is {0:?}")]
    WrongFormat(String),
    #[error("this card uses version {found}; this Accord reads up to {supported}; update Accord")]
    NewerVersion { found: u32, supported: u32 },
    #[error("the card has no name, a name over {max} characters, or one with control characters (escapes, NUL)")]
    BadName { max: usize },
    #[error("the card's encryption key is not an age public key")]
    BadEncryptionKey,
    #[error("the card's signing key is not an Ed25519 public key")]
    BadSigningKey,
    #[error(
        "the card's fingerprint {found} does not match its keys ({expected}); the file was altered"
    )]
    FingerprintMismatch { found: String, expected: String },
}

/// What a partner shares: their name and public keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactCard {
    pub format: String,
    pub version: u32,
    pub name: String,
    /// age X25519 public key (`age1...`).
    pub encryption: String,
    /// Ed25519 public key, base64.
    pub signing: String,
    /// [`fingerprint`] of the two keys, for people to compare.
    pub fingerprint: String,
}

/// A local user's identity with its secret keys.
pub struct Identity {
    pub name: String,
    encryption: age::x25519::Identity,
    signing: SigningKey,
}

impl Identity {
    /// A new identity with fresh random keys.
    pub fn generate(name: &str) -> Identity {
        Identity {
            name: name.trim().to_string(),
            encryption: age::x25519::Identity::generate(),
            signing: SigningKey::generate(&mut rand_core::OsRng),
        }
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// Opens an age file encrypted to this identity.
    pub(crate) fn decrypt(&self, ciphertext: &[u8]) -> Result<Vec<u8>, age::DecryptError> {
        age::decrypt(&self.encryption, ciphertext)
    }

    /// The age public key others encrypt to.
    pub fn recipient(&self) -> String {
        self.encryption.to_public().to_string()
    }

    /// The identity's age key as a [`PartyKey`], to open what was encrypted to
    /// [`Identity::recipient`] with the same functions as a partner's key.
    pub fn party_key(&self) -> crate::PartyKey {
        crate::PartyKey(self.encryption.clone())
    }

    /// The card to give to partners.
    pub fn card(&self) -> ContactCard {
        let encryption = self.encryption.to_public().to_string();
        let signing = B64.encode(self.verifying_key().as_bytes());
        ContactCard {
            format: CARD_FORMAT.into(),
            version: CARD_VERSION,
            name: self.name.clone(),
            fingerprint: fingerprint(&encryption, self.verifying_key().as_bytes()),
            encryption,
            signing,
        }
    }
}

/// The secret parts of an [`Identity`], as locked on disk.
#[derive(Serialize, Deserialize)]
struct IdentitySecrets {
    name: String,
    encryption: String,
    signing: String,
}

impl Identity {
    /// The identity with its secret keys encrypted by `passphrase` (age scrypt mode).
    pub fn lock(&self, passphrase: &str) -> Result<Vec<u8>, LockError> {
        let secrets = IdentitySecrets {
            name: self.name.clone(),
            encryption: self.encryption.to_string().expose_secret().to_string(),
            signing: B64.encode(self.signing.to_bytes()),
        };
        let json = serde_json::to_vec(&secrets).map_err(|e| LockError::Encrypt(e.to_string()))?;
        crate::lock::encrypt_with_passphrase(&json, passphrase)
    }

    /// Opens an identity locked by [`Identity::lock`].
    pub fn unlock(locked: &[u8], passphrase: &str) -> Result<Identity, LockError> {
        let json = crate::lock::decrypt_with_passphrase(locked, passphrase)?;
        let damaged = |what: &str| LockError::DamagedKey(format!("the stored identity's {what}"));
        let secrets: IdentitySecrets =
            serde_json::from_slice(&json).map_err(|_| damaged("format"))?;
        let encryption = age::x25519::Identity::from_str(&secrets.encryption)
            .map_err(|_| damaged("encryption key"))?;
        let signing: [u8; 32] = B64
            .decode(secrets.signing.as_bytes())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| damaged("signing key"))?;
        Ok(Identity {
            name: secrets.name,
            encryption,
            signing: SigningKey::from_bytes(&signing),
        })
    }
}

impl ContactCard {
    /// The card as the file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A short, human-comparable fingerprint of both public keys: the first 10 bytes of
/// SHA-256(encryption key text, 0x00, signing key bytes), as five groups of four hex digits.
pub fn fingerprint(encryption: &str, signing: &[u8; 32]) -> String {
    let mut hash = Sha256::new();
    hash.update(encryption.as_bytes());
    hash.update([0u8]);
    hash.update(signing);
    let digest = hash.finalize();
    digest[..10]
        .chunks(2)
        .map(|pair| format!("{:02X}{:02X}", pair[0], pair[1]))
        .collect::<Vec<_>>()
        .join("-")
}

/// Reads and checks a contact card file's text.
pub fn parse_card(text: &str) -> Result<ContactCard, CardError> {
    if text.len() > MAX_CARD_BYTES {
        return Err(CardError::TooLarge {
            len: text.len(),
            max: MAX_CARD_BYTES,
        });
    }
    let text = strip_bom(text);
    let head =
        read_head(text, &["format", "version"]).map_err(|e| CardError::NotJson(e.to_string()))?;
    let format = head.format();
    if format != CARD_FORMAT {
        return Err(CardError::WrongFormat(format.to_string()));
    }
    if let Some(found) = head.get("version").count() {
        if found > u64::from(CARD_VERSION) {
            return Err(CardError::NewerVersion {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: CARD_VERSION,
            });
        }
    }
    let card: ContactCard =
        serde_json::from_str(text).map_err(|e| CardError::NotJson(e.to_string()))?;
    let name_len = card.name.trim().chars().count();
    // The name is shown on terminals and screens: an escape sequence in it would act there.
    if name_len == 0 || name_len > MAX_NAME_CHARS || card.name.chars().any(char::is_control) {
        return Err(CardError::BadName {
            max: MAX_NAME_CHARS,
        });
    }
    age::x25519::Recipient::from_str(&card.encryption).map_err(|_| CardError::BadEncryptionKey)?;
    let signing: [u8; 32] = B64
        .decode(card.signing.as_bytes())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(CardError::BadSigningKey)?;
    VerifyingKey::from_bytes(&signing).map_err(|_| CardError::BadSigningKey)?;
    let expected = fingerprint(&card.encryption, &signing);
    if card.fingerprint != expected {
        return Err(CardError::FingerprintMismatch {
            found: card.fingerprint.clone(),
            expected,
        });
    }
    Ok(card)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_round_trips_and_keeps_its_fingerprint() {
        let me = Identity::generate("  Northwind Advisory ");
        let card = me.card();
        assert_eq!(card.name, "Northwind Advisory");
        assert_eq!(card.fingerprint.len(), 24, "{}", card.fingerprint);
        assert_eq!(card.fingerprint.matches('-').count(), 4);
        assert_eq!(parse_card(&card.to_json()).unwrap(), card);
    }

    #[test]
    fn a_locked_identity_opens_only_with_its_passphrase() {
        let me = Identity::generate("Northwind Advisory");
        let locked = me.lock("a long passphrase").unwrap();
        let again = Identity::unlock(&locked, "a long passphrase").unwrap();
        assert_eq!(again.card(), me.card());
        assert!(matches!(
            Identity::unlock(&locked, "another passphrase"),
            Err(LockError::WrongPassphrase)
        ));
    }

    #[test]
    fn the_fingerprint_depends_on_both_keys() {
        let a = Identity::generate("A").card();
        let b = Identity::generate("B").card();
        let signing_b: [u8; 32] = B64.decode(&b.signing).unwrap().try_into().unwrap();
        let signing_a: [u8; 32] = B64.decode(&a.signing).unwrap().try_into().unwrap();
        assert_ne!(a.fingerprint, b.fingerprint);
        assert_ne!(fingerprint(&a.encryption, &signing_b), a.fingerprint);
        assert_ne!(fingerprint(&b.encryption, &signing_a), a.fingerprint);
    }

    #[test]
    fn altered_or_foreign_cards_are_refused_with_the_reason() {
        let card = Identity::generate("Lumen Analytics").card();
        let other = Identity::generate("Mallory").card();

        let mut swapped = card.clone();
        swapped.encryption = other.encryption.clone();
        assert!(matches!(
            parse_card(&swapped.to_json()),
            Err(CardError::FingerprintMismatch { .. })
        ));

        let mut newer = card.clone();
        newer.version = 2;
        assert_eq!(
            parse_card(&newer.to_json()),
            Err(CardError::NewerVersion {
                found: 2,
                supported: 1
            })
        );

        let mut bad_key = card.clone();
        bad_key.signing = "AAAA".into();
        assert_eq!(
            parse_card(&bad_key.to_json()),
            Err(CardError::BadSigningKey)
        );

        let mut bad_age = card.clone();
        bad_age.encryption = "age1notakey".into();
        assert_eq!(
            parse_card(&bad_age.to_json()),
            Err(CardError::BadEncryptionKey)
        );

        let json = card.to_json();
        assert!(matches!(
            parse_card(&json[..json.len() / 2]),
            Err(CardError::NotJson(_))
        ));
        assert!(matches!(
            parse_card(r#"{"format":"accord.answer-sheet"}"#),
            Err(CardError::WrongFormat(_))
        ));
        assert!(matches!(
            parse_card(&" ".repeat(MAX_CARD_BYTES + 1)),
            Err(CardError::TooLarge { .. })
        ));
        // A name is not signed by the fingerprint; an escape sequence in it is refused anyway.
        let mut ansi = card.clone();
        ansi.name = "Lumen \u{1b}[2J\u{1b}]0;owned\u{7}".into();
        assert_eq!(
            parse_card(&ansi.to_json()),
            Err(CardError::BadName {
                max: MAX_NAME_CHARS
            })
        );

        for junk in ["", "null", "[]", "{}", "\u{0}", "{\"format\":1}"] {
            assert!(parse_card(junk).is_err(), "{junk:?}");
        }
    }
}
