//! The demo alliance with both demo sheets answered and sealed on one machine, for tests that
//! start where the comparison opens.
#![allow(dead_code)]

use accord_core::demo::{demo_alliance, demo_sheets};
use accord_core::{AllianceId, PartyId, Timestamp};
use accord_envelope::PartyKey;
use accord_store::Store;

pub const T0: Timestamp = Timestamp(1_795_436_044_000);

pub fn at(minutes: i64) -> Timestamp {
    Timestamp(T0.millis() + minutes * 60_000)
}

pub fn p(id: &str) -> PartyId {
    PartyId(id.into())
}

pub struct Sealed {
    pub store: Store,
    pub id: AllianceId,
    pub key_a: PartyKey,
    pub key_b: PartyKey,
}

/// The demo alliance with both demo sheets answered and sealed.
pub fn sealed() -> Sealed {
    let mut store = Store::open_in_memory().unwrap();
    let id = AllianceId("alliance-1".into());
    store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    let (demo_a, demo_b) = demo_sheets();
    let mut keys = Vec::new();
    for (party, pass, demo) in [
        ("p1", "alpha passphrase", &demo_a),
        ("p2", "bravo passphrase", &demo_b),
    ] {
        let key = store.create_passphrase(&id, &p(party), pass, T0).unwrap();
        let mut sheet = store.answers(&id, &key, &p(party), T0).unwrap();
        sheet.answers = demo.answers.clone();
        store.save_answers(&id, &key, &sheet, at(1)).unwrap();
        keys.push(key);
    }
    let key_b = keys.pop().unwrap();
    let key_a = keys.pop().unwrap();
    store.seal(&id, &key_a, &p("p1"), at(2)).unwrap();
    store.seal(&id, &key_b, &p("p2"), at(2)).unwrap();
    Sealed {
        store,
        id,
        key_a,
        key_b,
    }
}
