//! The `card`, `envelope` and `reveal` targets, and the fixed keys and files they check
//! against (`fuzz/fixtures/`, written by `cargo run -p accord-envelope --example fuzz_seeds`).
//!
//! The fixtures are test keys, published on purpose: Alice's card, Bob's identity locked with
//! [`PASSPHRASE`], and Alice's envelope for Bob as recorded earlier. Because they are fixed, the
//! valid files of the corpus really verify, so the fuzzer starts past the signature checks.

use std::sync::OnceLock;

use accord_envelope::envelope::{open_reveal, open_sealed, Envelope, EnvelopeError};
use accord_envelope::identity::{parse_card, CardError, ContactCard, Identity};

/// The passphrase of the fixture identity; not a secret.
pub const PASSPHRASE: &str = "accord fuzz fixture, not a secret";

/// What the targets check against, loaded once per process.
pub struct Fixtures {
    /// The sender, Alice.
    pub alice: ContactCard,
    /// The receiver, Bob, with his secret keys.
    pub bob: Identity,
    /// Alice's envelope as Bob recorded it.
    pub sealed: Envelope,
    /// What Alice sealed.
    pub sheet: &'static [u8],
}

pub fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| Fixtures {
        alice: parse_card(include_str!("../fixtures/alice.card.json")).expect("fixture card"),
        bob: Identity::unlock(include_bytes!("../fixtures/bob.identity.age"), PASSPHRASE)
            .expect("fixture identity"),
        sealed: serde_json::from_str(include_str!("../fixtures/sealed.envelope.json"))
            .expect("fixture envelope"),
        sheet: include_bytes!("../fixtures/sheet.json"),
    })
}

/// `parse_card` on any text; an accepted card must read back as itself.
pub fn card(data: &[u8]) -> Result<ContactCard, CardError> {
    let card = parse_card(&String::from_utf8_lossy(data))?;
    assert_eq!(
        parse_card(&card.to_json()).as_ref(),
        Ok(&card),
        "card round trip"
    );
    Ok(card)
}

/// `open_sealed` on any text, as Bob receiving Alice's envelope for the fixture's binding; an
/// accepted envelope must have that binding and open again once written out.
pub fn envelope(data: &[u8]) -> Result<Envelope, EnvelopeError> {
    let f = fixtures();
    let envelope = open_sealed(&String::from_utf8_lossy(data), &f.alice, &f.sealed.binding)?;
    assert_eq!(envelope.binding, f.sealed.binding);
    let json = serde_json::to_string(&envelope).expect("an envelope serialises");
    assert_eq!(
        open_sealed(&json, &f.alice, &f.sealed.binding).as_ref(),
        Ok(&envelope),
        "envelope round trip"
    );
    Ok(envelope)
}

/// `open_reveal` on any text, as Bob opening Alice's recorded envelope; whatever it accepts
/// must open to exactly the sheet Alice sealed (the commitment allows nothing else).
pub fn reveal(data: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
    let f = fixtures();
    let sheet = open_reveal(&String::from_utf8_lossy(data), &f.bob, &f.alice, &f.sealed)?;
    assert_eq!(
        sheet, f.sheet,
        "a reveal opened something other than the sealed sheet"
    );
    Ok(sheet)
}
