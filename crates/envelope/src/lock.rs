//! Partner keys locked by a passphrase, and data encrypted to partners.
//!
//! A partner's [`PartyKey`] is an age X25519 identity. [`PartyKey::lock`] encrypts it with the
//! partner's passphrase in age's scrypt mode (memory-hard); [`LockedKey::unlock`] reverses it
//! and reports a wrong passphrase as such. [`encrypt`] writes an age file that any of the given
//! public keys can open; [`decrypt`] opens one with an unlocked key.

use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

/// scrypt cost for passphrase locks: N = 2^16 (64 MiB of memory per attempt).
pub const PASSPHRASE_WORK_FACTOR: u8 = 16;
/// Highest scrypt cost accepted when unlocking, so a crafted lock cannot demand hours.
const MAX_WORK_FACTOR: u8 = 20;
/// Shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LockError {
    #[error("the passphrase is {len} characters long; use at least {min}")]
    PassphraseTooShort { len: usize, min: usize },
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the stored key is damaged: {0}")]
    DamagedKey(String),
    #[error("{0:?} is not an age public key")]
    BadRecipient(String),
    #[error("these answers are not encrypted to this partner's key")]
    NotForThisKey,
    #[error("the encrypted data is damaged or truncated")]
    Damaged,
    #[error("encryption failed: {0}")]
    Encrypt(String),
}

/// A partner's unlocked key. Lives in memory only while the partner is signed in.
#[derive(Clone)]
pub struct PartyKey(pub(crate) x25519::Identity);

impl std::fmt::Debug for PartyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PartyKey({})", self.recipient())
    }
}

/// A partner's key as stored: the public key in the clear, the secret key locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedKey {
    /// The age public key (`age1...`) answers are encrypted to.
    pub recipient: String,
    /// The age identity, encrypted with the passphrase (an age file in scrypt mode).
    pub locked: Vec<u8>,
}

impl PartyKey {
    /// A new random key pair.
    pub fn generate() -> PartyKey {
        PartyKey(x25519::Identity::generate())
    }

    /// The public key others encrypt to.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    /// Locks this key with `passphrase`.
    pub fn lock(&self, passphrase: &str) -> Result<LockedKey, LockError> {
        let secret = self.0.to_string();
        let locked = encrypt_with_passphrase(secret.expose_secret().as_bytes(), passphrase)?;
        Ok(LockedKey {
            recipient: self.recipient(),
            locked,
        })
    }
}

/// Encrypts `secret` with a passphrase in age's scrypt mode (memory-hard).
pub(crate) fn encrypt_with_passphrase(
    secret: &[u8],
    passphrase: &str,
) -> Result<Vec<u8>, LockError> {
    let len = passphrase.chars().count();
    if len < MIN_PASSPHRASE_CHARS {
        return Err(LockError::PassphraseTooShort {
            len,
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(PASSPHRASE_WORK_FACTOR);
    age::encrypt(&recipient, secret).map_err(|e| LockError::Encrypt(e.to_string()))
}

/// Reverses [`encrypt_with_passphrase`]; a wrong passphrase is [`LockError::WrongPassphrase`].
pub(crate) fn decrypt_with_passphrase(
    locked: &[u8],
    passphrase: &str,
) -> Result<Vec<u8>, LockError> {
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    age::decrypt(&identity, locked).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
            LockError::WrongPassphrase
        }
        other => LockError::DamagedKey(other.to_string()),
    })
}

impl LockedKey {
    /// Unlocks the key with `passphrase`; a wrong one is [`LockError::WrongPassphrase`].
    pub fn unlock(&self, passphrase: &str) -> Result<PartyKey, LockError> {
        let secret = decrypt_with_passphrase(&self.locked, passphrase)?;
        let text =
            String::from_utf8(secret).map_err(|_| LockError::DamagedKey("not text".into()))?;
        let key = x25519::Identity::from_str(text.trim())
            .map_err(|e| LockError::DamagedKey(e.to_string()))?;
        let key = PartyKey(key);
        if key.recipient() != self.recipient {
            return Err(LockError::DamagedKey(
                "the locked key does not match its public key".into(),
            ));
        }
        Ok(key)
    }
}

/// Encrypts `plaintext` so that any one of `recipients` can open it.
pub fn encrypt(recipients: &[&str], plaintext: &[u8]) -> Result<Vec<u8>, LockError> {
    let parsed = recipients
        .iter()
        .map(|r| x25519::Recipient::from_str(r).map_err(|_| LockError::BadRecipient(r.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let encryptor =
        age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| LockError::Encrypt(e.to_string()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| LockError::Encrypt(e.to_string()))?;
    std::io::Write::write_all(&mut writer, plaintext)
        .map_err(|e| LockError::Encrypt(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| LockError::Encrypt(e.to_string()))?;
    Ok(out)
}

/// Opens an age file encrypted to `key`.
pub fn decrypt(key: &PartyKey, ciphertext: &[u8]) -> Result<Vec<u8>, LockError> {
    age::decrypt(&key.0, ciphertext).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => LockError::NotForThisKey,
        _ => LockError::Damaged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_key_opens_only_with_its_passphrase() {
        let key = PartyKey::generate();
        let locked = key.lock("correct horse battery").unwrap();
        assert!(locked.recipient.starts_with("age1"));
        assert_eq!(
            locked.unlock("correct horse battery").unwrap().recipient(),
            key.recipient()
        );
        assert_eq!(
            locked.unlock("wrong horse battery").unwrap_err(),
            LockError::WrongPassphrase
        );
        assert_eq!(
            key.lock("short").unwrap_err(),
            LockError::PassphraseTooShort { len: 5, min: 8 }
        );
    }

    #[test]
    fn data_opens_for_each_recipient_and_nobody_else() {
        let (a, b, c) = (
            PartyKey::generate(),
            PartyKey::generate(),
            PartyKey::generate(),
        );
        let sealed = encrypt(&[&a.recipient(), &b.recipient()], b"our answers").unwrap();
        assert_eq!(decrypt(&a, &sealed).unwrap(), b"our answers");
        assert_eq!(decrypt(&b, &sealed).unwrap(), b"our answers");
        assert_eq!(decrypt(&c, &sealed).unwrap_err(), LockError::NotForThisKey);
        let truncated = &sealed[..sealed.len() - 10];
        assert_eq!(decrypt(&a, truncated).unwrap_err(), LockError::Damaged);
        assert!(matches!(
            encrypt(&["not-a-key"], b"x"),
            Err(LockError::BadRecipient(_))
        ));
    }

    #[test]
    fn a_tampered_lock_is_reported_not_mistaken_for_a_wrong_passphrase() {
        let key = PartyKey::generate();
        let mut locked = key.lock("correct horse battery").unwrap();
        locked.recipient = PartyKey::generate().recipient();
        assert!(matches!(
            locked.unlock("correct horse battery"),
            Err(LockError::DamagedKey(_))
        ));
    }
}
