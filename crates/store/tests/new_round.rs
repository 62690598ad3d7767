//! Where a partner's answers start in a new round: from their own most recent expectations
//! (their sealed answers of the round before, or a check-in recorded since), carried onto the
//! questions as they are now, never from another partner's answers, and saved nowhere until
//! they save. The first round starts blank.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use accord_core::answer::{Answer, Expectation};
use accord_core::demo::{demo_alliance, demo_sheets};
use accord_core::question::{Question, QuestionKind};
use accord_core::{AllianceId, AnswerSheet, QuestionId};
use accord_envelope::PartyKey;
use accord_store::{Acting, CarriedAnswers, CarrySource, PartyAnswers, Store, StoreError};
use common::{agree_all, at, p, sealed, sealed_with, T0};

/// Answers by question id, to compare sheets whatever their order.
fn by_question(answers: &[Answer]) -> BTreeMap<String, Answer> {
    answers
        .iter()
        .map(|a| (a.question.0.clone(), a.clone()))
        .collect()
}

fn start(store: &mut Store, id: &AllianceId, key: &PartyKey, party: &str) -> PartyAnswers {
    store
        .party_answers(id, key, &p(party), at(50))
        .expect("the partner's answers")
}

fn questions(store: &mut Store, id: &AllianceId) -> u32 {
    store.question_set(id, at(50)).unwrap().set.questions.len() as u32
}

fn answer_rows(store: &Store, id: &AllianceId) -> u32 {
    store
        .round_state(id)
        .unwrap()
        .parties
        .iter()
        .filter(|party| party.started)
        .count() as u32
}

#[test]
fn the_first_round_starts_blank() {
    let mut store = Store::open_in_memory().unwrap();
    let id = AllianceId("alliance-1".into());
    store
        .create_alliance(id.clone(), &demo_alliance(), T0)
        .unwrap();
    let key = store
        .create_passphrase(&id, &p("p1"), "alpha passphrase", T0)
        .unwrap();
    let fresh = start(&mut store, &id, &key, "p1");
    assert!(fresh.sheet.answers.is_empty());
    assert_eq!((fresh.saved, fresh.carried), (None, None));

    // Saved answers come back as saved, with their revision.
    let mut sheet = fresh.sheet;
    sheet.answers = demo_sheets().0.answers;
    store.save_answers(&id, &key, &sheet, at(1)).unwrap();
    let saved = start(&mut store, &id, &key, "p1");
    assert_eq!((saved.saved, saved.carried), (Some(1), None));
    assert_eq!(saved.sheet.answers, sheet.answers);
}

#[test]
fn round_two_starts_from_each_partners_own_sealed_answers() {
    let mut s = sealed();
    let id = s.id.clone();
    s.store.open_next_round(&id, at(3)).unwrap();
    let total = questions(&mut s.store, &id);
    let (demo_a, demo_b) = demo_sheets();
    for (party, key, own, other) in [
        ("p1", s.key_a.clone(), &demo_a, &demo_b),
        ("p2", s.key_b.clone(), &demo_b, &demo_a),
    ] {
        let fresh = start(&mut s.store, &id, &key, party);
        assert_eq!(fresh.saved, None, "{party}: nothing saved in round 2 yet");
        let carried = own.answers.len() as u32;
        assert_eq!(
            fresh.carried,
            Some(CarriedAnswers {
                from: CarrySource::SealedAnswers {
                    round: 1,
                    sealed_at: at(2),
                },
                carried,
                changed: 0,
                blank: total - carried,
            }),
            "{party}"
        );
        assert_eq!(fresh.sheet.party, p(party));
        assert_eq!(
            by_question(&fresh.sheet.answers),
            by_question(&own.answers),
            "{party} starts from their own answers"
        );
        // Never the other partner's: where the two differ, or only the other answered.
        assert!(other
            .answers
            .iter()
            .any(|theirs| own.answer(&theirs.question) != Some(theirs)));
        for theirs in &other.answers {
            if own.answer(&theirs.question) != Some(theirs) {
                assert_ne!(fresh.sheet.answer(&theirs.question), Some(theirs));
            }
        }
        // A sheet the store takes as it is.
        s.store.check_answers(&id, &fresh.sheet, at(4)).unwrap();
    }
    // B never answered success-first-project; A did. B's sheet leaves it blank.
    let only_a = QuestionId("success-first-project".into());
    assert!(demo_a.answer(&only_a).is_some() && demo_b.answer(&only_a).is_none());
    let b = start(&mut s.store, &id, &s.key_b.clone(), "p2");
    assert_eq!(b.sheet.answer(&only_a), None);

    // Starting from them wrote nothing: nobody has started round 2.
    assert_eq!(answer_rows(&s.store, &id), 0);

    // Once A saves, A's saved answers are what A gets, carried from nowhere.
    let mut sheet = start(&mut s.store, &id, &s.key_a.clone(), "p1").sheet;
    sheet.answers.remove(0);
    s.store.save_answers(&id, &s.key_a, &sheet, at(5)).unwrap();
    let saved = start(&mut s.store, &id, &s.key_a.clone(), "p1");
    assert_eq!((saved.saved, saved.carried), (Some(1), None));
    assert_eq!(saved.sheet.answers, sheet.answers);
    // B's key opens neither A's saved answers nor A's starting sheet.
    assert!(matches!(
        s.store.party_answers(&id, &s.key_b, &p("p1"), at(6)),
        Err(StoreError::WrongKey { .. })
    ));
}

#[test]
fn a_partner_never_starts_from_the_other_partners_answers() {
    // A answers three questions, B every one of theirs; both seal.
    let (demo_a, demo_b) = demo_sheets();
    let few: Vec<Answer> = demo_a.answers[..3].to_vec();
    let mut s = sealed_with(few.clone(), demo_b.answers);
    let (store, id, key_a) = (&mut s.store, s.id.clone(), s.key_a.clone());
    store.open_next_round(&id, at(3)).unwrap();
    let fresh = start(store, &id, &key_a, "p1");
    assert_eq!(by_question(&fresh.sheet.answers), by_question(&few));
    let counts = fresh.carried.expect("carried");
    assert_eq!((counts.carried, counts.changed), (3, 0));
    assert_eq!(counts.blank, questions(store, &id) - 3);
}

#[test]
fn questions_removed_or_changed_between_rounds_start_blank() {
    let mut s = sealed();
    let id = s.id.clone();
    s.store.open_next_round(&id, at(3)).unwrap();
    let (demo_a, _) = demo_sheets();
    // Between the rounds: one answered question removed, one reworded, one retyped, one
    // moved to another category, and one added.
    let mut set = s.store.question_set(&id, at(4)).unwrap().set;
    let answered = |n: usize| demo_a.answers[n].question.clone();
    let (removed, reworded, retyped, moved) = (answered(0), answered(1), answered(2), answered(3));
    set.questions.retain(|q| q.id != removed);
    let category = set.categories.last().unwrap().id.clone();
    for question in &mut set.questions {
        if question.id == reworded {
            question.text = Arc::from(format!("{} Be specific.", question.text));
        } else if question.id == retyped {
            question.kind = QuestionKind::Text;
        } else if question.id == moved {
            assert_ne!(&*question.category, category.as_str());
            question.category = Arc::from(category.as_str());
        }
    }
    set.questions.push(Question {
        id: QuestionId("event-parking".into()),
        category: Arc::from(category.as_str()),
        text: Arc::from("Is parking offered to guests?"),
        kind: QuestionKind::YesNo,
        term: None,
        balance: None,
        scenario: false,
    });
    s.store.save_question_set(&id, &set, at(4)).unwrap();

    let fresh = start(&mut s.store, &id, &s.key_a.clone(), "p1");
    for gone in [&removed, &reworded, &retyped] {
        assert_eq!(fresh.sheet.answer(gone), None, "{gone} starts blank");
    }
    assert_eq!(fresh.sheet.answer(&moved), demo_a.answer(&moved));
    assert_eq!(
        fresh.sheet.answer(&QuestionId("event-parking".into())),
        None
    );
    let carried = demo_a.answers.len() as u32 - 3;
    let counts = fresh.carried.expect("carried");
    assert_eq!(counts.carried, carried);
    assert_eq!(counts.changed, 2, "the reworded and the retyped question");
    assert_eq!(counts.blank, set.questions.len() as u32 - carried);
    assert_eq!(fresh.sheet.custom_set.as_ref(), Some(&set));
    s.store.check_answers(&id, &fresh.sheet, at(5)).unwrap();
}

#[test]
fn a_check_in_newer_than_the_last_seal_is_where_the_next_round_starts() {
    let mut s = sealed();
    let id = s.id.clone();
    let (pa, pb) = (p("p1"), p("p2"));
    agree_all(&mut s, "2026-11-23", "2027-05-23", at(5));
    let (key_a, key_b) = (s.key_a.clone(), s.key_b.clone());
    let a = Acting::Partner {
        party: &pa,
        key: &key_a,
    };
    // A checks in, expecting 400 guests now.
    let mut moved = s.store.check_in_sheet(&id, &a).unwrap();
    let attendees = QuestionId("event-attendees".into());
    let four_hundred: Expectation =
        serde_json::from_str(r#"{"type":"number","value":400,"unit":"people"}"#).unwrap();
    moved
        .answers
        .iter_mut()
        .find(|x| x.question == attendees)
        .unwrap()
        .value = four_hundred.clone();
    s.store.check_in(&id, &a, &moved, at(10)).unwrap();

    // Round 2: A starts from that check-in, B (no check-in) from B's sealed answers.
    s.store.open_next_round(&id, at(11)).unwrap();
    let fresh_a = start(&mut s.store, &id, &key_a, "p1");
    assert_eq!(
        fresh_a.carried.map(|c| c.from),
        Some(CarrySource::CheckIn {
            agreement: 1,
            recorded_at: at(10),
        })
    );
    assert_eq!(
        by_question(&fresh_a.sheet.answers),
        by_question(&moved.answers)
    );
    assert_eq!(
        fresh_a.sheet.answer(&attendees).map(|x| &x.value),
        Some(&four_hundred)
    );
    let fresh_b = start(&mut s.store, &id, &key_b, "p2");
    assert_eq!(
        fresh_b.carried.map(|c| c.from),
        Some(CarrySource::SealedAnswers {
            round: 1,
            sealed_at: at(2),
        })
    );

    // Both seal what they started from; agreement 2 is frozen.
    for (party, key, fresh) in [(&pa, &key_a, fresh_a), (&pb, &key_b, fresh_b)] {
        s.store
            .save_answers(&id, key, &fresh.sheet, at(12))
            .unwrap();
        s.store.seal(&id, key, party, at(13)).unwrap();
    }
    agree_all(&mut s, "2026-12-01", "2027-06-01", at(14));

    // Round 3: A's check-in is older than A's round 2 seal (and against agreement 1), so A
    // starts from the seal.
    s.store.open_next_round(&id, at(15)).unwrap();
    let fresh = start(&mut s.store, &id, &key_a, "p1");
    assert_eq!(
        fresh.carried.map(|c| c.from),
        Some(CarrySource::SealedAnswers {
            round: 2,
            sealed_at: at(13),
        })
    );
    // A check-in against agreement 2, recorded after that seal, takes over while A has saved
    // nothing in round 3.
    let a = Acting::Partner {
        party: &pa,
        key: &key_a,
    };
    let mut later: AnswerSheet = s.store.check_in_sheet(&id, &a).unwrap();
    later.answers.retain(|x| x.question != attendees);
    s.store.check_in(&id, &a, &later, at(16)).unwrap();
    let fresh = start(&mut s.store, &id, &key_a, "p1");
    assert_eq!(
        fresh.carried.map(|c| c.from),
        Some(CarrySource::CheckIn {
            agreement: 2,
            recorded_at: at(16),
        })
    );
    assert_eq!(fresh.sheet.answer(&attendees), None);
    // B's check-ins are B's: none, so B starts from B's round 2 seal.
    let fresh = start(&mut s.store, &id, &key_b, "p2");
    assert_eq!(
        fresh.carried.map(|c| c.from),
        Some(CarrySource::SealedAnswers {
            round: 2,
            sealed_at: at(13),
        })
    );
}
