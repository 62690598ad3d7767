//! Two partners answering privately on one machine: passphrases, autosaves, seals, and the
//! comparison that opens only once both have sealed.

use accord_core::demo::{demo_alliance, demo_sheets};
use accord_core::{AllianceId, AnswerSheet, PartyId, Timestamp, Verdict};
use accord_envelope::PartyKey;
use accord_store::{Store, StoreError};

const T0: Timestamp = Timestamp(1_795_436_044_000);

fn at(minutes: i64) -> Timestamp {
    Timestamp(T0.millis() + minutes * 60_000)
}

fn p(id: &str) -> PartyId {
    PartyId(id.into())
}

struct Fixture {
    store: Store,
    id: AllianceId,
    key_a: PartyKey,
    key_b: PartyKey,
}

/// The demo alliance with both partners' passphrases set.
fn fixture() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let id = AllianceId("alliance-1".into());
    store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    let key_a = PartyKey::generate();
    let key_b = PartyKey::generate();
    store
        .set_passphrase(&id, &p("p1"), &key_a.lock("alpha passphrase").unwrap(), T0)
        .unwrap();
    store
        .set_passphrase(&id, &p("p2"), &key_b.lock("bravo passphrase").unwrap(), T0)
        .unwrap();
    Fixture {
        store,
        id,
        key_a,
        key_b,
    }
}

/// A partner's sheet for the alliance, filled with the demo sheet's answers.
fn filled(f: &mut Fixture, party: &str, from: &AnswerSheet) -> AnswerSheet {
    let key = if party == "p1" { &f.key_a } else { &f.key_b };
    let mut sheet = f.store.answers(&f.id, key, &p(party), T0).unwrap();
    assert!(sheet.answers.is_empty(), "a new partner starts blank");
    sheet.answers = from.answers.clone();
    sheet
}

#[test]
fn the_question_set_starts_from_the_kind_and_carries_the_paper_terms() {
    let mut f = fixture();
    let state = f.store.question_set(&f.id, T0).unwrap();
    assert_eq!(state.revision, 1);
    assert!(state.editable);
    assert!(state.set.questions.len() >= 40);
    let terms: Vec<_> = state.set.terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(terms[0], "Venue and speaker costs are shared equally");

    let mut edited = state.set.clone();
    let removed = edited.questions.remove(0);
    edited.questions[0].term = Some(edited.terms[0].id.clone());
    let saved = f.store.save_question_set(&f.id, &edited, at(1)).unwrap();
    assert_eq!(saved.revision, 2);
    let again = f.store.question_set(&f.id, at(2)).unwrap();
    assert!(again.set.question(&removed.id).is_none());

    let mut broken = edited.clone();
    broken.questions.push(broken.questions[0].clone());
    assert!(matches!(
        f.store.save_question_set(&f.id, &broken, at(3)),
        Err(StoreError::InvalidQuestionSet(_))
    ));
}

#[test]
fn a_wrong_passphrase_is_refused_and_a_lock_cannot_be_replaced() {
    let mut f = fixture();
    assert!(matches!(
        f.store.unlock(&f.id, &p("p1"), "bravo passphrase"),
        Err(StoreError::WrongPassphrase)
    ));
    let key = f.store.unlock(&f.id, &p("p1"), "alpha passphrase").unwrap();
    assert_eq!(key.recipient(), f.key_a.recipient());
    let other = PartyKey::generate().lock("another passphrase").unwrap();
    assert!(matches!(
        f.store.set_passphrase(&f.id, &p("p1"), &other, at(1)),
        Err(StoreError::PassphraseAlreadySet { .. })
    ));
    assert!(matches!(
        f.store.unlock(&f.id, &p("p9"), "alpha passphrase"),
        Err(StoreError::UnknownParty { .. })
    ));
}

#[test]
fn answers_stay_private_until_both_seal_then_compare_as_the_engine_does() {
    let mut f = fixture();
    let (demo_a, demo_b) = demo_sheets();
    let sheet_a = filled(&mut f, "p1", &demo_a);
    let id = f.id.clone();
    assert_eq!(
        f.store
            .save_answers(&id, &f.key_a, &sheet_a, at(1))
            .unwrap(),
        1
    );
    assert_eq!(
        f.store
            .save_answers(&id, &f.key_a, &sheet_a, at(2))
            .unwrap(),
        2
    );

    // B cannot read A's answers with B's key, nor pass B's key off as A's.
    assert!(matches!(
        f.store.answers(&id, &f.key_b, &p("p1"), at(2)),
        Err(StoreError::WrongKey { .. })
    ));
    let mut forged = sheet_a.clone();
    forged.party = p("p1");
    assert!(matches!(
        f.store.save_answers(&id, &f.key_b, &forged, at(2)),
        Err(StoreError::WrongKey { .. })
    ));

    // Progress shows counts, never content, and each partner sees only their own count.
    let state = f.store.round_state(&id).unwrap();
    assert_eq!(state.round, 1);
    assert_eq!(
        state.parties[0].answered,
        Some(sheet_a.answers.len() as u32)
    );
    assert_eq!(state.parties[1].answered, Some(0));
    let seen_by_b = state.clone().as_seen_by(Some(&p("p2")));
    assert_eq!(
        seen_by_b.parties[0].answered, None,
        "B cannot count A's answers"
    );
    assert!(seen_by_b.parties[0].started);
    assert_eq!(seen_by_b.parties[1].answered, Some(0));
    assert_eq!(state.clone().as_seen_by(None).parties[0].answered, None);

    // A seals; the questions freeze; A can no longer change the answers.
    f.store.seal(&id, &f.key_a, &p("p1"), at(3)).unwrap();
    assert!(!f.store.question_set(&id, at(3)).unwrap().editable);
    assert!(matches!(
        f.store.save_answers(&id, &f.key_a, &sheet_a, at(4)),
        Err(StoreError::AlreadySealed { .. })
    ));
    assert!(matches!(
        f.store.comparison(&id, &f.key_a, &p("p1")),
        Err(StoreError::NotAllSealed)
    ));
    assert!(matches!(
        f.store.comparison(&id, &f.key_b, &p("p2")),
        Err(StoreError::NotAllSealed)
    ));

    let sheet_b = filled(&mut f, "p2", &demo_b);
    f.store
        .save_answers(&id, &f.key_b, &sheet_b, at(5))
        .unwrap();
    let state = f.store.seal(&id, &f.key_b, &p("p2"), at(6)).unwrap();
    assert!(state.all_sealed());

    let seen_by_a = f.store.comparison(&id, &f.key_a, &p("p1")).unwrap();
    let seen_by_b = f.store.comparison(&id, &f.key_b, &p("p2")).unwrap();
    assert_eq!(seen_by_a, seen_by_b);
    let verdicts: std::collections::HashSet<Verdict> =
        seen_by_a.gaps.iter().map(|g| g.verdict).collect();
    assert!(
        verdicts.len() >= 4,
        "the demo answers give varied verdicts: {verdicts:?}"
    );

    // The next round starts unsealed, from each partner's own sealed answers, saved nowhere yet
    // (tests/new_round.rs has the details).
    assert_eq!(f.store.open_next_round(&id, at(7)).unwrap(), 2);
    assert!(f.store.question_set(&id, at(7)).unwrap().editable);
    let fresh = f
        .store
        .party_answers(&id, &f.key_a, &p("p1"), at(7))
        .unwrap();
    let by_question = |sheet: &AnswerSheet| {
        let mut answers = sheet.answers.clone();
        answers.sort_by(|x, y| x.question.0.cmp(&y.question.0));
        answers
    };
    assert_eq!(by_question(&fresh.sheet), by_question(&sheet_a));
    assert_eq!(fresh.saved, None);
    assert!(fresh.carried.is_some());
    let state = f.store.round_state(&id).unwrap();
    assert!(state
        .parties
        .iter()
        .all(|p| !p.started && p.sealed_at.is_none()));
}

#[test]
fn sealing_needs_every_partner_to_have_a_passphrase_and_some_answers() {
    let mut store = Store::open_in_memory().unwrap();
    let id = AllianceId("a".into());
    store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    let key = PartyKey::generate();
    store
        .set_passphrase(&id, &p("p1"), &key.lock("alpha passphrase").unwrap(), T0)
        .unwrap();
    assert!(matches!(
        store.seal(&id, &key, &p("p1"), T0),
        Err(StoreError::NothingToSeal)
    ));
    let mut sheet = store.answers(&id, &key, &p("p1"), T0).unwrap();
    sheet.answers = demo_sheets().0.answers;
    store.save_answers(&id, &key, &sheet, T0).unwrap();
    let err = store.seal(&id, &key, &p("p1"), T0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Lumen Analytics has not set a passphrase yet; every partner needs one before anyone can seal"
    );
}

#[test]
fn answers_to_questions_that_are_not_in_the_set_are_refused() {
    let mut f = fixture();
    let id = f.id.clone();
    let mut sheet = f.store.answers(&id, &f.key_a, &p("p1"), T0).unwrap();
    let mut answer = demo_sheets().0.answers[0].clone();
    answer.question = accord_core::QuestionId("no-such-question".into());
    sheet.answers = vec![answer];
    assert!(matches!(
        f.store.save_answers(&id, &f.key_a, &sheet, T0),
        Err(StoreError::InvalidAnswers(_))
    ));
    assert_eq!(
        f.store.round_state(&id).unwrap().round,
        0,
        "nothing was written"
    );
}

#[test]
fn answers_are_checked_without_a_key_and_without_writing() {
    let mut f = fixture();
    let id = f.id.clone();
    let mut sheet = f.store.answers(&id, &f.key_a, &p("p1"), T0).unwrap();
    sheet.answers = demo_sheets().0.answers;
    f.store.check_answers(&id, &sheet, T0).unwrap();
    assert_eq!(
        f.store.round_state(&id).unwrap().round,
        0,
        "the round the check opened was rolled back"
    );

    let mut other_set = sheet.clone();
    other_set.question_set = "general".into();
    other_set.custom_set = None;
    assert!(matches!(
        f.store.check_answers(&id, &other_set, T0),
        Err(StoreError::StaleQuestions)
    ));
    let mut wrong = sheet.clone();
    wrong.answers[0].question = accord_core::QuestionId("no-such-question".into());
    assert!(matches!(
        f.store.check_answers(&id, &wrong, T0),
        Err(StoreError::InvalidAnswers(_))
    ));

    f.store.save_answers(&id, &f.key_a, &sheet, T0).unwrap();
    f.store.seal(&id, &f.key_a, &p("p1"), T0).unwrap();
    assert!(matches!(
        f.store.check_answers(&id, &sheet, T0),
        Err(StoreError::AlreadySealed { .. })
    ));
}

#[test]
fn a_new_passphrase_gives_an_unlocked_key_that_the_passphrase_opens_again() {
    let mut store = Store::open_in_memory().unwrap();
    let id = AllianceId("a".into());
    store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    assert!(matches!(
        store.create_passphrase(&id, &p("p1"), "short", T0),
        Err(StoreError::PassphraseTooShort { len: 5, min: 8 })
    ));
    let key = store
        .create_passphrase(&id, &p("p1"), "alpha passphrase", T0)
        .unwrap();
    let again = store.unlock(&id, &p("p1"), "alpha passphrase").unwrap();
    assert_eq!(key.recipient(), again.recipient());
    assert!(matches!(
        store.create_passphrase(&id, &p("p1"), "another passphrase", T0),
        Err(StoreError::PassphraseAlreadySet { .. })
    ));
    let state = store.round_state(&id).unwrap();
    assert!(state.parties[0].has_passphrase);
    assert!(!state.parties[1].has_passphrase);
}
