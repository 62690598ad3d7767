//! The demo alliance with both partners' answers saved and sealed on one machine, for tests
//! that start where the comparison opens.
#![allow(dead_code)]

use accord_core::demo::{demo_alliance, demo_sheets};
use accord_core::negotiate::workflow::Action;
use accord_core::{AllianceId, Answer, PartyId, Timestamp};
use accord_envelope::PartyKey;
use accord_store::{Acting, Store};

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
    let (demo_a, demo_b) = demo_sheets();
    sealed_with(demo_a.answers, demo_b.answers)
}

/// The demo alliance with these answers of each partner saved and sealed.
pub fn sealed_with(answers_a: Vec<Answer>, answers_b: Vec<Answer>) -> Sealed {
    let mut store = Store::open_in_memory().unwrap();
    let id = AllianceId("alliance-1".into());
    store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    let mut keys = Vec::new();
    for (party, pass, answers) in [
        ("p1", "alpha passphrase", answers_a),
        ("p2", "bravo passphrase", answers_b),
    ] {
        let key = store.create_passphrase(&id, &p(party), pass, T0).unwrap();
        let mut sheet = store.answers(&id, &key, &p(party), T0).unwrap();
        sheet.answers = answers;
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

/// Agrees on the top package for every disputed question of the current round and freezes it.
pub fn agree_all(
    s: &mut Sealed,
    agreed_on: &str,
    review_on: &str,
    now: accord_core::Timestamp,
) -> accord_core::agreement::Agreement {
    let id = s.id.clone();
    let (pa, pb) = (p("p1"), p("p2"));
    let a = Acting::Partner {
        party: &pa,
        key: &s.key_a,
    };
    let b = Acting::Partner {
        party: &pb,
        key: &s.key_b,
    };
    let negotiation = s.store.negotiation(&id, &a).unwrap();
    let top = negotiation.suggestions.packages[0].clone();
    for (d, &pick) in negotiation.suggestions.disputed.iter().zip(&top.picks) {
        let value = d.options[pick].value.clone();
        s.store
            .record_step(
                &id,
                &a,
                &d.question,
                Action::Propose,
                Some(value),
                None,
                now,
            )
            .unwrap();
        s.store
            .record_step(&id, &b, &d.question, Action::Accept, None, None, now)
            .unwrap();
    }
    s.store
        .freeze_agreement(&id, &a, 30, agreed_on, review_on, now)
        .unwrap()
}
