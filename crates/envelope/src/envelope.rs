//! Sealed envelopes: a partner's answers, committed to before anyone can read them (issue 6,
//! the file formats and their checks; storage, CLI and app come next).
//!
//! The exchange, for two partners on separate machines:
//! 1. [`seal`]: the sheet is encrypted in the age format to a fresh X25519 key (the *envelope
//!    key*); the file carries the ciphertext, its SHA-256, the alliance, round and party, and
//!    an Ed25519 signature over all of those. Importing a partner's envelope ([`open_sealed`])
//!    checks the signature and records the commitment (the hash); it cannot be read yet.
//! 2. [`reveal`]: once both envelopes are exchanged, each side sends the envelope key,
//!    encrypted to the partner's age public key and signed. [`open_reveal`] opens the
//!    partner's answers only if the reveal names the commitment recorded earlier and the
//!    ciphertext hashes to it.
//!
//! So neither partner can read the other's answers before sending their own envelope, nor
//! change their answers after reading. Every check fails with a [`EnvelopeError`] that says
//! what was wrong; nothing here stores anything, so a refusal changes nothing.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use accord_core::file_head::{read_head, strip_bom};

use crate::identity::{ContactCard, Identity};

pub const ENVELOPE_FORMAT: &str = "accord.envelope";
pub const REVEAL_FORMAT: &str = "accord.reveal";
pub const ENVELOPE_VERSION: u32 = 1;
/// Largest envelope or reveal accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the file is {len} bytes; at most {max} are accepted")]
    TooLarge { len: usize, max: usize },
    #[error("the file is truncated or not an Accord file: {0}")]
    Malformed(String),
    #[error("this is not an {expected} file (\"format\" is {found:?})")]
    WrongFormat {
        expected: &'static str,
        found: String,
    },
    #[error("this file uses version {found}; this Accord reads up to {supported}; update Accord")]
    NewerVersion { found: u32, supported: u32 },
    #[error("the file was altered: its content does not match its hash")]
    Tampered,
    #[error(
        "the signature does not match {name}'s key; the file was altered or signed by someone else"
    )]
    BadSignature { name: String },
    #[error("the file is for another alliance")]
    OtherAlliance,
    #[error("the file is for round {found}, expected round {expected}")]
    OtherRound { found: u32, expected: u32 },
    #[error("the file speaks for partner {found:?}, expected {expected:?}")]
    OtherParty { found: String, expected: String },
    #[error("the answers were sealed for a different version of the question set; exchange the alliance file again so both sides answer the same questions")]
    OtherQuestions,
    #[error("the reveal does not match the envelope recorded earlier")]
    CommitmentMismatch,
    #[error("the envelope key is not for this identity")]
    NotForMe,
    #[error("encryption failed: {0}")]
    Crypto(String),
}

/// What an envelope binds its ciphertext to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub alliance: String,
    pub round: u32,
    pub party: String,
    /// SHA-256 (hex) of the question set answered, so both sides compare the same questions.
    pub questions: String,
}

/// A sealed envelope as written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    #[serde(flatten)]
    pub binding: Binding,
    /// The sender's card fingerprint.
    pub sender: String,
    /// SHA-256 of the ciphertext, hex: the commitment.
    pub commitment: String,
    /// The sheet in the age format, encrypted to the envelope key, base64.
    pub ciphertext: String,
    /// Ed25519 over [`signed_bytes`] of the envelope, base64.
    pub signature: String,
}

/// A reveal as written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    pub format: String,
    pub version: u32,
    #[serde(flatten)]
    pub binding: Binding,
    pub sender: String,
    /// The commitment of the envelope this reveal opens.
    pub commitment: String,
    /// The envelope key (an age identity), encrypted to the recipient's age key, base64.
    pub key: String,
    pub signature: String,
}

/// Seals `sheet` for `binding`: returns the envelope to send and the envelope key to keep
/// (secret) until the reveal.
pub fn seal(
    me: &Identity,
    binding: &Binding,
    sheet: &[u8],
) -> Result<(Envelope, String), EnvelopeError> {
    let key = age::x25519::Identity::generate();
    let ciphertext =
        age::encrypt(&key.to_public(), sheet).map_err(|e| EnvelopeError::Crypto(e.to_string()))?;
    let commitment = sha256_hex(&ciphertext);
    let sender = me.card().fingerprint;
    let to_sign = signed_bytes(ENVELOPE_FORMAT, binding, &sender, &commitment, &ciphertext);
    let envelope = Envelope {
        format: ENVELOPE_FORMAT.into(),
        version: ENVELOPE_VERSION,
        binding: binding.clone(),
        sender,
        commitment,
        ciphertext: B64.encode(&ciphertext),
        signature: B64.encode(me.sign(&to_sign).to_bytes()),
    };
    Ok((envelope, key.to_string().expose_secret().to_string()))
}

/// Checks a partner's envelope: format, version, binding, hash and the signature of `from`.
/// Returns it so the caller can record its commitment; the content stays unreadable.
pub fn open_sealed(
    text: &str,
    from: &ContactCard,
    expected: &Binding,
) -> Result<Envelope, EnvelopeError> {
    let envelope: Envelope = parse(text, ENVELOPE_FORMAT)?;
    check_binding(&envelope.binding, expected)?;
    let ciphertext = decode(&envelope.ciphertext)?;
    if sha256_hex(&ciphertext) != envelope.commitment {
        return Err(EnvelopeError::Tampered);
    }
    let to_sign = signed_bytes(
        ENVELOPE_FORMAT,
        &envelope.binding,
        &envelope.sender,
        &envelope.commitment,
        &ciphertext,
    );
    verify(from, &envelope.sender, &to_sign, &envelope.signature)?;
    Ok(envelope)
}

/// The reveal of my envelope for `partner`: the envelope key, encrypted to them and signed.
pub fn reveal(
    me: &Identity,
    envelope: &Envelope,
    envelope_key: &str,
    partner: &ContactCard,
) -> Result<Reveal, EnvelopeError> {
    reveal_to_all(me, envelope, envelope_key, std::slice::from_ref(partner))
}

/// The reveal of my envelope for every partner at once: the envelope key is encrypted to all
/// of their age keys (one age file with several recipients).
pub fn reveal_to_all(
    me: &Identity,
    envelope: &Envelope,
    envelope_key: &str,
    partners: &[ContactCard],
) -> Result<Reveal, EnvelopeError> {
    let recipients = partners
        .iter()
        .map(|partner| {
            age::x25519::Recipient::from_str(&partner.encryption)
                .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
                .map_err(|_| {
                    EnvelopeError::Crypto(format!("{}'s card has no valid age key", partner.name))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
        .map_err(|e| EnvelopeError::Crypto(e.to_string()))?;
    let key = write_age(encryptor, envelope_key.as_bytes())?;
    let sender = me.card().fingerprint;
    let to_sign = signed_bytes(
        REVEAL_FORMAT,
        &envelope.binding,
        &sender,
        &envelope.commitment,
        &key,
    );
    Ok(Reveal {
        format: REVEAL_FORMAT.into(),
        version: ENVELOPE_VERSION,
        binding: envelope.binding.clone(),
        sender,
        commitment: envelope.commitment.clone(),
        key: B64.encode(&key),
        signature: B64.encode(me.sign(&to_sign).to_bytes()),
    })
}

fn write_age(encryptor: age::Encryptor, plaintext: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
    use std::io::Write;
    let crypto = |e: std::io::Error| EnvelopeError::Crypto(e.to_string());
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).map_err(crypto)?;
    writer.write_all(plaintext).map_err(crypto)?;
    writer.finish().map_err(crypto)?;
    Ok(out)
}

/// Reads an envelope file's text without checking its signature or binding: to find whom it
/// claims to come from before [`open_sealed`] checks it.
pub fn read_envelope(text: &str) -> Result<Envelope, EnvelopeError> {
    parse(text, ENVELOPE_FORMAT)
}

/// Reads a reveal file's text without checking it (see [`read_envelope`]).
pub fn read_reveal(text: &str) -> Result<Reveal, EnvelopeError> {
    parse(text, REVEAL_FORMAT)
}

/// Opens a partner's answers with their reveal: checks it against the envelope recorded
/// earlier (`sealed`), verifies the signature, decrypts the envelope key with my identity and
/// the sheet with the envelope key.
pub fn open_reveal(
    text: &str,
    me: &Identity,
    from: &ContactCard,
    sealed: &Envelope,
) -> Result<Vec<u8>, EnvelopeError> {
    let reveal: Reveal = parse(text, REVEAL_FORMAT)?;
    check_binding(&reveal.binding, &sealed.binding)?;
    if reveal.commitment != sealed.commitment {
        return Err(EnvelopeError::CommitmentMismatch);
    }
    let key = decode(&reveal.key)?;
    let to_sign = signed_bytes(
        REVEAL_FORMAT,
        &reveal.binding,
        &reveal.sender,
        &reveal.commitment,
        &key,
    );
    verify(from, &reveal.sender, &to_sign, &reveal.signature)?;
    let envelope_key = me.decrypt(&key).map_err(|_| EnvelopeError::NotForMe)?;
    let envelope_key = String::from_utf8(envelope_key)
        .ok()
        .and_then(|k| age::x25519::Identity::from_str(k.trim()).ok())
        .ok_or(EnvelopeError::CommitmentMismatch)?;
    let ciphertext = decode(&sealed.ciphertext)?;
    if sha256_hex(&ciphertext) != sealed.commitment {
        return Err(EnvelopeError::Tampered);
    }
    age::decrypt(&envelope_key, &ciphertext).map_err(|_| EnvelopeError::CommitmentMismatch)
}

/// The bytes a signature covers: a domain tag, the binding, the sender, the commitment and
/// the SHA-256 of the payload, one labelled field per line. Field values cannot hold a line
/// break (ids, fingerprints and hex), so no field can be moved into another.
fn signed_bytes(
    tag: &str,
    binding: &Binding,
    sender: &str,
    commitment: &str,
    payload: &[u8],
) -> Vec<u8> {
    format!(
        "{tag}.v{ENVELOPE_VERSION}\nalliance:{}\nround:{}\nparty:{}\nquestions:{}\nsender:{sender}\ncommitment:{commitment}\npayload:{}\n",
        binding.alliance,
        binding.round,
        binding.party,
        binding.questions,
        sha256_hex(payload)
    )
    .into_bytes()
}

fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    expected: &'static str,
) -> Result<T, EnvelopeError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(EnvelopeError::TooLarge {
            len: text.len(),
            max: MAX_FILE_BYTES,
        });
    }
    // The signed text has one field per line: no field may hold a line break or another
    // control character, so no field can pose as another.
    const SIGNED: [&str; 5] = ["alliance", "party", "questions", "sender", "commitment"];
    let text = strip_bom(text);
    let head = read_head(
        text,
        &[
            "format", "version", SIGNED[0], SIGNED[1], SIGNED[2], SIGNED[3], SIGNED[4],
        ],
    )
    .map_err(|e| EnvelopeError::Malformed(e.to_string()))?;
    let format = head.format();
    if format != expected {
        return Err(EnvelopeError::WrongFormat {
            expected,
            found: format.to_string(),
        });
    }
    if let Some(found) = head.get("version").count() {
        if found > u64::from(ENVELOPE_VERSION) {
            return Err(EnvelopeError::NewerVersion {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: ENVELOPE_VERSION,
            });
        }
        if found == 0 {
            return Err(EnvelopeError::Malformed("version 0 does not exist".into()));
        }
    }
    for field in SIGNED {
        if let Some(text) = head.get(field).text() {
            if text.chars().any(char::is_control) {
                return Err(EnvelopeError::Malformed(format!(
                    "\"{field}\" holds a control character"
                )));
            }
        }
    }
    serde_json::from_str(text).map_err(|e| EnvelopeError::Malformed(e.to_string()))
}

fn check_binding(found: &Binding, expected: &Binding) -> Result<(), EnvelopeError> {
    if found.alliance != expected.alliance {
        return Err(EnvelopeError::OtherAlliance);
    }
    if found.round != expected.round {
        return Err(EnvelopeError::OtherRound {
            found: found.round,
            expected: expected.round,
        });
    }
    if found.party != expected.party {
        return Err(EnvelopeError::OtherParty {
            found: found.party.clone(),
            expected: expected.party.clone(),
        });
    }
    if found.questions != expected.questions {
        return Err(EnvelopeError::OtherQuestions);
    }
    Ok(())
}

fn verify(
    from: &ContactCard,
    sender: &str,
    message: &[u8],
    signature: &str,
) -> Result<(), EnvelopeError> {
    let bad = || EnvelopeError::BadSignature {
        name: from.name.clone(),
    };
    if sender != from.fingerprint {
        return Err(bad());
    }
    let key: [u8; 32] = B64
        .decode(from.signing.as_bytes())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| bad())?;
    let signature: [u8; 64] = B64
        .decode(signature.as_bytes())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    key.verify(message, &Signature::from_bytes(&signature))
        .map_err(|_| bad())
}

fn decode(text: &str) -> Result<Vec<u8>, EnvelopeError> {
    B64.decode(text.as_bytes())
        .map_err(|_| EnvelopeError::Malformed("a base64 field is damaged or truncated".into()))
}

/// SHA-256 of `bytes` as lower-case hex (commitments and question-set hashes).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Identity {
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.signing_key().sign(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(party: &str) -> Binding {
        Binding {
            alliance: "alliance-1".into(),
            round: 1,
            party: party.into(),
            questions: "q".into(),
        }
    }

    #[test]
    fn a_fair_exchange_opens_each_sheet_only_after_both_are_committed() {
        let (alice, bob) = (Identity::generate("Alice"), Identity::generate("Bob"));
        let (alice_card, bob_card) = (alice.card(), bob.card());

        let (env_a, key_a) = seal(&alice, &binding("p1"), b"alice's answers").unwrap();
        let (env_b, key_b) = seal(&bob, &binding("p2"), b"bob's answers").unwrap();

        let got_b = open_sealed(&to_json(&env_b), &bob_card, &binding("p2")).unwrap();
        let got_a = open_sealed(&to_json(&env_a), &alice_card, &binding("p1")).unwrap();

        let reveal_a = reveal(&alice, &env_a, &key_a, &bob_card).unwrap();
        let reveal_b = reveal(&bob, &env_b, &key_b, &alice_card).unwrap();
        assert_eq!(
            open_reveal(&to_json(&reveal_b), &alice, &bob_card, &got_b).unwrap(),
            b"bob's answers"
        );
        assert_eq!(
            open_reveal(&to_json(&reveal_a), &bob, &alice_card, &got_a).unwrap(),
            b"alice's answers"
        );
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        let (alice, bob, mallory) = (
            Identity::generate("Alice"),
            Identity::generate("Bob"),
            Identity::generate("Mallory"),
        );
        let (env, key) = seal(&alice, &binding("p1"), b"answers").unwrap();
        let text = to_json(&env);
        let card = alice.card();

        // Truncated.
        assert!(matches!(
            open_sealed(&text[..text.len() / 2], &card, &binding("p1")),
            Err(EnvelopeError::Malformed(_))
        ));
        // Tampered ciphertext.
        let mut tampered = env.clone();
        let mut bytes = B64.decode(&tampered.ciphertext).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        tampered.ciphertext = B64.encode(&bytes);
        assert_eq!(
            open_sealed(&to_json(&tampered), &card, &binding("p1")),
            Err(EnvelopeError::Tampered)
        );
        // Signed by someone else / unknown sender.
        assert!(matches!(
            open_sealed(&text, &mallory.card(), &binding("p1")),
            Err(EnvelopeError::BadSignature { .. })
        ));
        // Another alliance, another round (a replay of an older round).
        let mut other = binding("p1");
        other.alliance = "alliance-2".into();
        assert_eq!(
            open_sealed(&text, &card, &other),
            Err(EnvelopeError::OtherAlliance)
        );
        let mut later = binding("p1");
        later.round = 2;
        assert_eq!(
            open_sealed(&text, &card, &later),
            Err(EnvelopeError::OtherRound {
                found: 1,
                expected: 2
            })
        );
        // Another version of the questions, another partner.
        let mut edited = binding("p1");
        edited.questions = "other".into();
        assert_eq!(
            open_sealed(&text, &card, &edited),
            Err(EnvelopeError::OtherQuestions)
        );
        assert!(matches!(
            open_sealed(&text, &card, &binding("p2")),
            Err(EnvelopeError::OtherParty { .. })
        ));
        // Re-signed binding change is caught by the signature.
        let mut moved = env.clone();
        moved.binding.round = 2;
        assert!(matches!(
            open_sealed(&to_json(&moved), &card, &later),
            Err(EnvelopeError::BadSignature { .. })
        ));
        // Newer version.
        let mut newer = env.clone();
        newer.version = 2;
        assert_eq!(
            open_sealed(&to_json(&newer), &card, &binding("p1")),
            Err(EnvelopeError::NewerVersion {
                found: 2,
                supported: 1
            })
        );
        // A reveal for another envelope does not open the recorded one.
        let (env2, key2) = seal(&alice, &binding("p1"), b"changed answers").unwrap();
        let reveal2 = reveal(&alice, &env2, &key2, &bob.card()).unwrap();
        assert_eq!(
            open_reveal(&to_json(&reveal2), &bob, &card, &env),
            Err(EnvelopeError::CommitmentMismatch)
        );
        // A reveal meant for Bob does not open for Mallory.
        let reveal1 = reveal(&alice, &env, &key, &bob.card()).unwrap();
        assert_eq!(
            open_reveal(&to_json(&reveal1), &mallory, &card, &env),
            Err(EnvelopeError::NotForMe)
        );
        // Hostile input never panics.
        for junk in [
            "",
            "{",
            "null",
            "{\"format\":\"accord.envelope\",\"version\":0}",
            "{\"format\":\"accord.envelope\",\"version\":1,\"party\":\"p1\\nround:2\"}",
            "[]",
            "{\"format\":\"accord.envelope\"}",
            "\u{0}",
        ] {
            assert!(open_sealed(junk, &card, &binding("p1")).is_err());
            assert!(open_reveal(junk, &bob, &card, &env).is_err());
        }
    }

    fn to_json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }
}
