//! Writes the fuzz fixtures (`fuzz/fixtures/`) and the seed corpus of the `card`, `envelope`
//! and `reveal` targets (`fuzz/corpus/<target>/`): valid files made with this crate and
//! files each wrong in one known way, so the fuzzer starts from every refusal and from files
//! that pass every check.
//!
//! `cargo run -p accord-envelope --example fuzz_seeds`. Keys are new on every run, so every
//! file changes: run it only when the formats change, and commit fixtures and corpus together
//! (the replay tests check that the valid seeds verify against the fixtures).

use std::fs;
use std::path::{Path, PathBuf};

use accord_envelope::envelope::{self, Binding};
use accord_envelope::Identity;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::Serialize;
use serde_json::Value;

/// Must match `PASSPHRASE` in fuzz/src/envelope.rs.
const PASSPHRASE: &str = "accord fuzz fixture, not a secret";
const SHEET: &str = r#"{"format":"accord.answer-sheet","version":1,"question_set":"general","parties":[{"id":"p1","name":"Acme"},{"id":"p2","name":"Globex"}],"party":"p1","respondent":{"name":"Ada"},"answers":[]}
"#;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let alice = Identity::generate("Alice");
    let bob = Identity::generate("Bob");
    let carol = Identity::generate("Carol");
    let binding = Binding {
        alliance: "3f1c2a9e-alliance".into(),
        round: 1,
        party: "p1".into(),
        questions: envelope::sha256_hex(b"the question set"),
    };
    let (sealed, key) = envelope::seal(&alice, &binding, SHEET.as_bytes())?;

    let fixtures = Folder::new(fuzz.join("fixtures"))?;
    fixtures.write("alice.card.json", alice.card().to_json())?;
    fixtures.write("bob.identity.age", bob.lock(PASSPHRASE)?)?;
    fixtures.write("sealed.envelope.json", pretty(&sealed))?;
    fixtures.write("sheet.json", SHEET)?;

    let cards = Folder::new(fuzz.join("corpus/card"))?;
    let card = alice.card();
    cards.write("valid.json", card.to_json())?;
    cards.write("valid-compact.json", compact(&card))?;
    cards.write("valid-bob.json", bob.card().to_json())?;
    cards.altered("altered-fingerprint.json", &card, "encryption", |_| {
        bob.card().encryption.into()
    })?;
    cards.altered("newer-version.json", &card, "version", |_| 2.into())?;
    cards.altered("bad-signing-key.json", &card, "signing", |_| "AAAA".into())?;
    cards.altered("bad-encryption-key.json", &card, "encryption", |_| {
        "age1notakey".into()
    })?;
    cards.altered("empty-name.json", &card, "name", |_| " ".into())?;
    cards.write("truncated.json", half(&card.to_json()))?;
    cards.write("wrong-format.json", r#"{"format":"accord.answer-sheet"}"#)?;

    let envelopes = Folder::new(fuzz.join("corpus/envelope"))?;
    envelopes.write("valid.json", pretty(&sealed))?;
    envelopes.write("valid-compact.json", compact(&sealed))?;
    envelopes.altered("other-round.json", &sealed, "round", |_| 2.into())?;
    envelopes.altered("other-questions.json", &sealed, "questions", |_| {
        "0".repeat(64).into()
    })?;
    envelopes.altered("tampered-ciphertext.json", &sealed, "ciphertext", |c| {
        let mut bytes = B64
            .decode(c.as_str().unwrap_or_default())
            .unwrap_or_default();
        if let Some(last) = bytes.last_mut() {
            *last ^= 1;
        }
        B64.encode(bytes).into()
    })?;
    envelopes.altered("bad-base64.json", &sealed, "ciphertext", |_| "!!!!".into())?;
    envelopes.altered("bad-signature.json", &sealed, "signature", |_| {
        B64.encode([0u8; 64]).into()
    })?;
    envelopes.altered("newer-version.json", &sealed, "version", |_| 2.into())?;
    let (by_bob, _) = envelope::seal(&bob, &binding, SHEET.as_bytes())?;
    envelopes.write("signed-by-bob.json", pretty(&by_bob))?;
    envelopes.write("truncated.json", half(&pretty(&sealed)))?;

    let reveals = Folder::new(fuzz.join("corpus/reveal"))?;
    let reveal = envelope::reveal(&alice, &sealed, &key, &bob.card())?;
    reveals.write("valid.json", pretty(&reveal))?;
    reveals.write("valid-compact.json", compact(&reveal))?;
    let for_carol = envelope::reveal(&alice, &sealed, &key, &carol.card())?;
    reveals.write("for-someone-else.json", pretty(&for_carol))?;
    let (other, other_key) = envelope::seal(&alice, &binding, b"other answers")?;
    let of_other = envelope::reveal(&alice, &other, &other_key, &bob.card())?;
    reveals.write("other-envelope.json", pretty(&of_other))?;
    // Signed by Alice and encrypted to Bob, but not the key of the recorded envelope.
    let wrong_key = envelope::reveal(&alice, &sealed, &other_key, &bob.card())?;
    reveals.write("wrong-envelope-key.json", pretty(&wrong_key))?;
    let not_a_key = envelope::reveal(&alice, &sealed, "not an age key", &bob.card())?;
    reveals.write("key-not-an-identity.json", pretty(&not_a_key))?;
    reveals.altered("other-party.json", &reveal, "party", |_| "p2".into())?;
    reveals.altered("bad-signature.json", &reveal, "signature", |_| {
        B64.encode([0u8; 64]).into()
    })?;
    reveals.altered("newer-version.json", &reveal, "version", |_| 2.into())?;
    reveals.write("an-envelope.json", pretty(&sealed))?;
    reveals.write("truncated.json", half(&pretty(&reveal)))?;

    println!("wrote {}", fuzz.canonicalize()?.display());
    Ok(())
}

struct Folder(PathBuf);

impl Folder {
    fn new(path: PathBuf) -> Result<Folder> {
        fs::create_dir_all(&path)?;
        Ok(Folder(path))
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> Result<()> {
        Ok(fs::write(self.0.join(name), bytes)?)
    }

    /// `value` written with one field replaced.
    fn altered<T: Serialize>(
        &self,
        name: &str,
        value: &T,
        field: &str,
        change: impl Fn(&Value) -> Value,
    ) -> Result<()> {
        let mut json = serde_json::to_value(value)?;
        json[field] = change(&json[field]);
        self.write(name, serde_json::to_string_pretty(&json)? + "\n")
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn compact<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn half(text: &str) -> &str {
    &text[..text.len() / 2]
}
