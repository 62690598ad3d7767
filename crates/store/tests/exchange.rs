//! Two partners on two machines (two databases) exchanging sealed envelopes: the fair order,
//! the comparison at the end, and every refusal leaving the database as it was.

use accord_core::demo::{demo_alliance, demo_sheets};
use accord_core::sheet::{blank_sheet, Respondent};
use accord_core::{AllianceId, AnswerSheet, PartyId, Timestamp};
use accord_envelope::envelope::EnvelopeError;
use accord_envelope::Identity;
use accord_store::{Store, StoreError};

const T0: Timestamp = Timestamp(1_795_436_044_000);
const PASS_A: &str = "northwind machine";
const PASS_B: &str = "lumen machine pass";

fn at(minutes: i64) -> Timestamp {
    Timestamp(T0.millis() + minutes * 60_000)
}

fn p(id: &str) -> PartyId {
    PartyId(id.into())
}

struct Machine {
    store: Store,
    me: Identity,
}

impl Machine {
    fn new(name: &str, passphrase: &str) -> Machine {
        let mut store = Store::open_in_memory().unwrap();
        let me = Identity::generate(name);
        store.create_identity(&me, passphrase, T0).unwrap();
        Machine { store, me }
    }

    /// The sheet this machine's partner would fill in, with the demo answers of `from`.
    fn sheet(&mut self, id: &AllianceId, party: &str, from: &AnswerSheet) -> AnswerSheet {
        let set = self.store.question_set(id, T0).unwrap().set;
        let alliance = self.store.alliance(id).unwrap();
        let mut sheet = blank_sheet(&set, &alliance.parties, &p(party), Respondent::default());
        sheet.answers = from.answers.clone();
        sheet
    }

    /// Every row of every table, to show a refusal wrote nothing.
    fn snapshot(&mut self, id: &AllianceId) -> String {
        format!(
            "{:?}{:?}{:?}",
            self.store.exchange_state(id, T0).unwrap(),
            self.store.round_state(id).unwrap(),
            self.store.alliance_history(id).unwrap()
        )
    }
}

/// Alliance created on A, carried to B by file; each binds itself and the other's card.
fn two_machines() -> (Machine, Machine, AllianceId) {
    let id = AllianceId("0b6f7a52-4d1e-4e8a-9a57-2f1c0c1d9e11".into());
    let mut a = Machine::new("Ana at Northwind", PASS_A);
    let mut b = Machine::new("Ben at Lumen", PASS_B);
    a.store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    let file = a.store.export_alliance(&id, T0).unwrap();
    let text = file.to_json();
    let parsed = accord_core::alliance_file::parse_alliance_file(&text).unwrap();
    let imported = b.store.import_alliance(&parsed, at(1)).unwrap();
    assert!(imported.created);
    assert_eq!(
        imported.alliance.parties,
        a.store.alliance(&id).unwrap().parties
    );

    a.store.bind_me(&id, &p("p1"), at(2)).unwrap();
    b.store.bind_me(&id, &p("p2"), at(2)).unwrap();
    let card_a = accord_envelope::parse_card(&a.me.card().to_json()).unwrap();
    let card_b = accord_envelope::parse_card(&b.me.card().to_json()).unwrap();
    a.store.bind_card(&id, &p("p2"), &card_b, at(3)).unwrap();
    b.store.bind_card(&id, &p("p1"), &card_a, at(3)).unwrap();
    (a, b, id)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

#[test]
fn a_fair_exchange_between_two_databases_opens_the_same_comparison_on_both() {
    let (mut a, mut b, id) = two_machines();
    let (demo_a, demo_b) = demo_sheets();
    assert_eq!(
        a.store.exchange_state(&id, T0).unwrap().questions,
        b.store.exchange_state(&id, T0).unwrap().questions,
        "both machines hold the same question set"
    );

    let sheet_a = a.sheet(&id, "p1", &demo_a);
    let env_a = a.store.seal_envelope(&id, &a.me, &sheet_a, at(10)).unwrap();
    // A cannot reveal before holding B's envelope.
    assert!(matches!(
        a.store.reveal_mine(&id, &a.me, at(11)),
        Err(StoreError::PartnerEnvelopeMissing { .. })
    ));

    // B records A's envelope; it cannot be read, and B cannot open anything before sealing.
    let got = b.store.import_envelope(&json(&env_a), at(12)).unwrap();
    assert_eq!((got.party, got.round), (p("p1"), 1));
    assert!(matches!(
        b.store.exchange_comparison(&id, &b.me),
        Err(StoreError::NotAllSealed)
    ));

    let sheet_b = b.sheet(&id, "p2", &demo_b);
    let env_b = b.store.seal_envelope(&id, &b.me, &sheet_b, at(13)).unwrap();
    a.store.import_envelope(&json(&env_b), at(14)).unwrap();

    let reveal_a = a.store.reveal_mine(&id, &a.me, at(15)).unwrap();
    let reveal_b = b.store.reveal_mine(&id, &b.me, at(15)).unwrap();
    let opened = a
        .store
        .import_reveal(&json(&reveal_b), &a.me, at(16))
        .unwrap();
    assert!(opened.all_open);
    b.store
        .import_reveal(&json(&reveal_a), &b.me, at(16))
        .unwrap();

    let on_a = a.store.exchange_comparison(&id, &a.me).unwrap();
    let on_b = b.store.exchange_comparison(&id, &b.me).unwrap();
    let engine = accord_core::demo::demo_comparison();
    assert_eq!(on_a.gaps.len(), engine.gaps.len());
    assert_eq!(
        on_a.gaps.iter().map(|g| g.verdict).collect::<Vec<_>>(),
        on_b.gaps.iter().map(|g| g.verdict).collect::<Vec<_>>()
    );
    assert_eq!(
        on_a.gaps.iter().map(|g| g.verdict).collect::<Vec<_>>(),
        engine.gaps.iter().map(|g| g.verdict).collect::<Vec<_>>()
    );
    // The round is complete on both machines, as after a same-machine seal.
    assert!(a.store.round_state(&id).unwrap().all_sealed());
    assert!(b.store.round_state(&id).unwrap().all_sealed());
}

#[test]
fn a_partner_who_answers_on_this_machine_too_sees_the_comparison_with_their_passphrase() {
    let (mut a, mut b, id) = two_machines();
    let (demo_a, demo_b) = demo_sheets();
    // A answers in the app, with a partner passphrase as on a shared machine.
    let key = a
        .store
        .create_passphrase(&id, &p("p1"), "ana's passphrase", T0)
        .unwrap();
    let sheet_a = a.sheet(&id, "p1", &demo_a);
    a.store.save_answers(&id, &key, &sheet_a, at(5)).unwrap();
    // The same-machine seal points to the envelopes.
    assert!(matches!(
        a.store.seal(&id, &key, &p("p1"), at(6)),
        Err(StoreError::SealByEnvelope { .. })
    ));
    let env_a = a.store.seal_envelope(&id, &a.me, &sheet_a, at(10)).unwrap();
    assert!(matches!(
        a.store.save_answers(&id, &key, &sheet_a, at(11)),
        Err(StoreError::AlreadySealed { .. })
    ));
    b.store.import_envelope(&json(&env_a), at(12)).unwrap();
    let sheet_b = b.sheet(&id, "p2", &demo_b);
    let env_b = b.store.seal_envelope(&id, &b.me, &sheet_b, at(13)).unwrap();
    a.store.import_envelope(&json(&env_b), at(14)).unwrap();
    let reveal_b = b.store.reveal_mine(&id, &b.me, at(15)).unwrap();
    a.store
        .import_reveal(&json(&reveal_b), &a.me, at(16))
        .unwrap();
    let comparison = a.store.comparison(&id, &key, &p("p1")).unwrap();
    assert_eq!(
        comparison.gaps.len(),
        accord_core::demo::demo_comparison().gaps.len()
    );
    // And the next round opens as on one machine.
    assert_eq!(a.store.open_next_round(&id, at(20)).unwrap(), 2);
}

#[test]
fn refused_files_say_why_and_change_nothing() {
    let (mut a, mut b, id) = two_machines();
    let (demo_a, demo_b) = demo_sheets();
    let sheet_a = a.sheet(&id, "p1", &demo_a);
    let env_a = a.store.seal_envelope(&id, &a.me, &sheet_a, at(10)).unwrap();
    let text = json(&env_a);
    let before = b.snapshot(&id);

    // Truncated, tampered, newer.
    let refused = |b: &mut Machine, text: &str| b.store.import_envelope(text, at(12)).unwrap_err();
    assert!(matches!(
        refused(&mut b, &text[..text.len() / 3]),
        StoreError::Envelope(EnvelopeError::Malformed(_))
    ));
    let mut tampered = env_a.clone();
    tampered.commitment = "0".repeat(64);
    assert!(matches!(
        refused(&mut b, &json(&tampered)),
        StoreError::Envelope(EnvelopeError::Tampered)
    ));
    let mut newer = env_a.clone();
    newer.version = 2;
    assert!(matches!(
        refused(&mut b, &json(&newer)),
        StoreError::Envelope(EnvelopeError::NewerVersion { .. })
    ));
    // A wrong signature: same sender fingerprint, another key signed it.
    let mallory = Identity::generate("Mallory");
    let mut forged = env_a.clone();
    forged.signature = {
        let (other, _) = accord_envelope::envelope::seal(&mallory, &forged.binding, b"x").unwrap();
        other.signature
    };
    assert!(matches!(
        refused(&mut b, &json(&forged)),
        StoreError::Envelope(EnvelopeError::BadSignature { .. })
    ));
    // An unknown sender: Mallory's own envelope claiming to be p1.
    let (from_mallory, _) =
        accord_envelope::envelope::seal(&mallory, &env_a.binding, b"answers").unwrap();
    assert!(matches!(
        refused(&mut b, &json(&from_mallory)),
        StoreError::UnknownSender { .. }
    ));
    // Another alliance.
    let (other_alliance, _) = accord_envelope::envelope::seal(
        &a.me,
        &accord_envelope::envelope::Binding {
            alliance: "someone-else".into(),
            ..env_a.binding.clone()
        },
        b"answers",
    )
    .unwrap();
    assert!(matches!(
        refused(&mut b, &json(&other_alliance)),
        StoreError::UnknownAlliance
    ));
    // A later round, and questions that differ.
    let mut binding = env_a.binding.clone();
    binding.round = 2;
    let (later, _) = accord_envelope::envelope::seal(&a.me, &binding, b"answers").unwrap();
    assert!(matches!(
        refused(&mut b, &json(&later)),
        StoreError::LaterRound {
            found: 2,
            current: 1
        }
    ));
    let mut binding = env_a.binding.clone();
    binding.questions = "f".repeat(64);
    let (edited, _) = accord_envelope::envelope::seal(&a.me, &binding, b"answers").unwrap();
    assert!(matches!(
        refused(&mut b, &json(&edited)),
        StoreError::Envelope(EnvelopeError::OtherQuestions)
    ));
    let sheet_b = b.sheet(&id, "p2", &demo_b);
    assert_eq!(b.snapshot(&id), before, "no refusal changed anything");

    // Now the real one, then a replay and a changed envelope.
    b.store.import_envelope(&text, at(12)).unwrap();
    assert!(matches!(
        refused(&mut b, &text),
        StoreError::EnvelopeAlreadyRecorded { round: 1, .. }
    ));
    // A second, different envelope from A for the same round (a partner changing answers).
    let (second, _) =
        accord_envelope::envelope::seal(&a.me, &env_a.binding, b"other answers").unwrap();
    let changed = json(&second);
    assert!(matches!(
        refused(&mut b, &changed),
        StoreError::EnvelopeChanged { round: 1, .. }
    ));
    // B's own envelope is refused on B.
    let env_b = b.store.seal_envelope(&id, &b.me, &sheet_b, at(13)).unwrap();
    assert!(matches!(
        refused(&mut b, &json(&env_b)),
        StoreError::OwnFile
    ));

    // Reveals: one that does not match the recorded commitment, and a truncated one.
    a.store.import_envelope(&json(&env_b), at(14)).unwrap();
    let reveal_a = a.store.reveal_mine(&id, &a.me, at(15)).unwrap();
    let before = b.snapshot(&id);
    let mut mismatched = reveal_a.clone();
    mismatched.commitment = "a".repeat(64);
    assert!(matches!(
        b.store.import_reveal(&json(&mismatched), &b.me, at(16)),
        Err(StoreError::Envelope(EnvelopeError::CommitmentMismatch))
    ));
    let text = json(&reveal_a);
    assert!(matches!(
        b.store
            .import_reveal(&text[..text.len() - 20], &b.me, at(16)),
        Err(StoreError::Envelope(EnvelopeError::Malformed(_)))
    ));
    assert_eq!(
        b.snapshot(&id),
        before,
        "no refused reveal changed anything"
    );
    b.store.import_reveal(&text, &b.me, at(16)).unwrap();
    assert!(matches!(
        b.store.import_reveal(&text, &b.me, at(17)),
        Err(StoreError::RevealAlreadyOpened { .. })
    ));

    // After the round moves on, the old envelope is an older round.
    let reveal_b = b.store.reveal_mine(&id, &b.me, at(18)).unwrap();
    a.store
        .import_reveal(&json(&reveal_b), &a.me, at(19))
        .unwrap();
    b.store.open_next_round(&id, at(20)).unwrap();
    assert!(matches!(
        b.store.import_envelope(&json(&env_a), at(21)),
        Err(StoreError::OlderRound {
            found: 1,
            current: 2
        })
    ));
}

#[test]
fn a_partner_cannot_open_answers_before_sealing_their_own() {
    let (mut a, mut b, id) = two_machines();
    let (demo_a, demo_b) = demo_sheets();
    let sheet_a = a.sheet(&id, "p1", &demo_a);
    let env_a = a.store.seal_envelope(&id, &a.me, &sheet_a, at(10)).unwrap();
    b.store.import_envelope(&json(&env_a), at(11)).unwrap();

    // B's identity seals on a second database, so A can reveal while B's own has not sealed
    // (a partner trying to read first).
    let mut copy = Machine {
        store: Store::open_in_memory().unwrap(),
        me: Identity::unlock(&b.me.lock("copy passphrase").unwrap(), "copy passphrase").unwrap(),
    };
    copy.store
        .create_identity(&copy.me, "copy passphrase", T0)
        .unwrap();
    let file = a.store.export_alliance(&id, T0).unwrap();
    copy.store.import_alliance(&file, T0).unwrap();
    copy.store.bind_me(&id, &p("p2"), T0).unwrap();
    copy.store
        .bind_card(&id, &p("p1"), &a.me.card(), T0)
        .unwrap();
    let sheet_b = copy.sheet(&id, "p2", &demo_b);
    let env_b = copy
        .store
        .seal_envelope(&id, &copy.me, &sheet_b, at(12))
        .unwrap();
    a.store.import_envelope(&json(&env_b), at(13)).unwrap();
    let reveal_a = a.store.reveal_mine(&id, &a.me, at(14)).unwrap();

    let before = b.snapshot(&id);
    assert!(matches!(
        b.store.import_reveal(&json(&reveal_a), &b.me, at(15)),
        Err(StoreError::SealEnvelopeFirst)
    ));
    assert_eq!(b.snapshot(&id), before);
}

#[test]
fn cards_bind_once_after_confirmation_and_the_alliance_file_keeps_both_sides_in_step() {
    let (mut a, mut b, id) = two_machines();
    let mallory = Identity::generate("Mallory");
    assert!(matches!(
        a.store.bind_card(&id, &p("p2"), &mallory.card(), at(5)),
        Err(StoreError::CardAlreadyBound { .. })
    ));
    // Binding the same card again is harmless.
    a.store
        .bind_card(&id, &p("p2"), &b.me.card(), at(5))
        .unwrap();
    assert!(matches!(
        a.store.bind_card(&id, &p("p1"), &a.me.card(), at(5)),
        Err(StoreError::OwnCard)
    ));
    let mut altered = mallory.card();
    altered.name = "Ben at Lumen".into();
    altered.fingerprint = b.me.card().fingerprint;
    assert!(matches!(
        a.store.bind_card(&id, &p("p2"), &altered, at(5)),
        Err(StoreError::BadCard(_))
    ));
    assert!(matches!(
        a.store
            .create_identity(&mallory, "another passphrase", at(5)),
        Err(StoreError::IdentityExists { .. })
    ));
    assert!(matches!(
        a.store.unlock_identity("not the passphrase"),
        Err(StoreError::WrongPassphrase)
    ));
    assert_eq!(a.store.unlock_identity(PASS_A).unwrap().card(), a.me.card());

    // A edits the questions before anyone seals; B re-imports and both hashes agree again.
    let mut set = a.store.question_set(&id, at(6)).unwrap().set;
    set.questions.truncate(10);
    a.store.save_question_set(&id, &set, at(6)).unwrap();
    let file = a.store.export_alliance(&id, at(7)).unwrap();
    let imported = b.store.import_alliance(&file, at(8)).unwrap();
    assert!(!imported.created && imported.questions_updated);
    assert_eq!(
        a.store.exchange_state(&id, at(9)).unwrap().questions,
        b.store.exchange_state(&id, at(9)).unwrap().questions
    );
    // Importing the same file again changes nothing.
    let again = b.store.import_alliance(&file, at(9)).unwrap();
    assert!(!again.created && !again.questions_updated);
    // A file describing other partners under the same id is refused.
    let mut conflicting = file.clone();
    conflicting.parties[1].name = "Someone Else".into();
    assert!(matches!(
        b.store.import_alliance(&conflicting, at(9)),
        Err(StoreError::AllianceFileConflict { .. })
    ));
}
