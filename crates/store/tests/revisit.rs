//! After an agreement is frozen: private check-ins, a partner's drift from the agreement with
//! since when, and reviews that fall due.

mod common;

use accord_core::answer::Expectation;
use accord_store::{Acting, StoreError, DEFAULT_REVIEW_DAYS};
use common::{agree_all, at, p, sealed};

#[test]
fn check_ins_are_private_and_show_the_drift_since_when() {
    let mut s = sealed();
    let id = s.id.clone();
    let (pa, pb) = (p("p1"), p("p2"));
    let a = Acting::Partner {
        party: &pa,
        key: &s.key_a,
    };
    // Nothing to check in against before an agreement.
    let sheet = s.store.answers(&id, &s.key_a, &pa, at(3)).unwrap();
    assert!(matches!(
        s.store.check_in(&id, &a, &sheet, at(3)),
        Err(StoreError::NoAgreementYet)
    ));
    // Agree on the top package for every disputed question.
    let agreement = agree_all(&mut s, "2026-11-23", "2027-05-23", at(5));
    let a = Acting::Partner {
        party: &pa,
        key: &s.key_a,
    };
    let b = Acting::Partner {
        party: &pb,
        key: &s.key_b,
    };

    // A's first check-in starts from the agreed values: no drift.
    let baseline = s.store.check_in_sheet(&id, &a).unwrap();
    s.store.check_in(&id, &a, &baseline, at(10)).unwrap();
    assert!(s.store.my_drift(&id, &a).unwrap().items.is_empty());
    // A moves on attendance, then on the duration.
    let mut moved = baseline.clone();
    let answer = moved
        .answers
        .iter_mut()
        .find(|x| x.question.0 == "event-attendees")
        .unwrap();
    answer.value =
        serde_json::from_str::<Expectation>(r#"{"type":"number","value":400,"unit":"people"}"#)
            .unwrap();
    s.store.check_in(&id, &a, &moved, at(20)).unwrap();
    let mut moved_more = moved.clone();
    moved_more
        .answers
        .iter_mut()
        .find(|x| x.question.0 == "time-duration")
        .unwrap()
        .value = serde_json::from_str(r#"{"type":"duration","value":3,"unit":"months"}"#).unwrap();
    s.store.check_in(&id, &a, &moved_more, at(30)).unwrap();

    let drift = s.store.my_drift(&id, &a).unwrap();
    assert_eq!(drift.agreement, agreement.number);
    let since = |q: &str| {
        drift
            .items
            .iter()
            .find(|i| i.question.0 == q)
            .map(|i| i.since)
    };
    assert_eq!(since("event-attendees"), Some(at(20)));
    assert_eq!(since("time-duration"), Some(at(30)));
    // B sees none of it: B's check-ins are B's own, and A's sheets do not open with B's key.
    assert!(s.store.check_ins(&id, &b).unwrap().is_empty());
    assert!(s.store.my_drift(&id, &b).unwrap().items.is_empty());
    // A check-in must be A's own sheet.
    assert!(matches!(
        s.store.check_in(&id, &b, &moved, at(31)),
        Err(StoreError::SheetForOtherParty { .. })
    ));

    // The timeline: the sealed round, then A's three check-ins against B's round answers.
    let timeline = s.store.timeline(&id, &a).unwrap();
    let labels: Vec<&str> = timeline.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Round 1",
            "Check-in, Northwind Advisory",
            "Check-in, Northwind Advisory",
            "Check-in, Northwind Advisory"
        ]
    );

    // Reviews: the default interval, a chosen one, and what is due.
    assert_eq!(s.store.review_interval(&id).unwrap(), DEFAULT_REVIEW_DAYS);
    s.store.set_review_interval(&id, 90, at(40)).unwrap();
    assert_eq!(s.store.review_interval(&id).unwrap(), 90);
    assert!(s.store.set_review_interval(&id, 3, at(41)).is_err());
    assert!(s
        .store
        .reviews_due("2027-01-01", "2027-02-01")
        .unwrap()
        .is_empty());
    let due = s.store.reviews_due("2027-06-01", "2027-06-01").unwrap();
    assert_eq!(due.len(), 1);
    assert!(due[0].overdue);
    assert_eq!(due[0].review_on, "2027-05-23");
}

#[test]
fn the_review_cadence_sets_the_next_default_and_what_counts_as_due() {
    let mut s = sealed();
    let id = s.id.clone();
    // Before any agreement: the default interval, nothing to review.
    let state = s.store.revisit_state(&id, "2026-11-23").unwrap();
    assert!(state.agreements.is_empty());
    assert_eq!(state.interval_days, DEFAULT_REVIEW_DAYS);
    assert!(!state.interval_chosen);
    assert_eq!(state.next, None);
    // Without a chosen interval an agreement is reviewed six months on; with one, that far on.
    assert_eq!(
        s.store.default_review_on(&id, "2026-11-23").unwrap(),
        "2027-05-23"
    );
    s.store.set_review_interval(&id, 30, at(3)).unwrap();
    assert_eq!(
        s.store.default_review_on(&id, "2026-11-23").unwrap(),
        "2026-12-23"
    );
    // Outside a week to five years the interval is refused, with the range in the message.
    for days in [6, 1831] {
        let error = s.store.set_review_interval(&id, days, at(4)).unwrap_err();
        assert!(error.to_string().contains("7 to 1,830 days"), "{error}");
    }
    assert_eq!(s.store.review_interval(&id).unwrap(), 30);

    let agreement = agree_all(&mut s, "2026-11-23", "2026-12-23", at(5));
    let state = s.store.revisit_state(&id, "2026-11-23").unwrap();
    assert!(state.interval_chosen);
    assert_eq!(state.interval_days, 30);
    let info = &state.agreements[0];
    assert_eq!((info.number, info.round), (1, 1));
    assert_eq!(info.hash, agreement.hash);
    assert_eq!(info.agreed as usize, agreement.items.len());
    assert_eq!(info.open as usize, agreement.open.len());
    let next = state.next.unwrap();
    assert_eq!((next.agreement, next.review_on.as_str()), (1, "2026-12-23"));
    assert!(!next.due && !next.overdue, "a month away is not due yet");
    // Two weeks before the date it is due; after the date, overdue.
    for (today, due, overdue) in [
        ("2026-12-08", false, false),
        ("2026-12-09", true, false),
        ("2026-12-23", true, false),
        ("2026-12-24", true, true),
    ] {
        let next = s.store.revisit_state(&id, today).unwrap().next.unwrap();
        assert_eq!((next.due, next.overdue), (due, overdue), "on {today}");
        let soon = s.store.reviews_due_soon(today).unwrap();
        assert_eq!(soon.len(), usize::from(due), "on {today}");
        if let Some(review) = soon.first() {
            assert_eq!(review.overdue, overdue);
            assert_eq!(review.alliance, id);
        }
    }
    // A deleted alliance has no review due.
    s.store.delete_alliance(&id, at(6)).unwrap();
    assert!(s.store.reviews_due_soon("2026-12-24").unwrap().is_empty());
}

#[test]
fn a_new_agreement_starts_a_new_baseline_and_versions_can_be_compared() {
    let mut s = sealed();
    let id = s.id.clone();
    let (pa, pb) = (p("p1"), p("p2"));
    let first = agree_all(&mut s, "2026-11-23", "2027-05-23", at(5));
    let a = Acting::Partner {
        party: &pa,
        key: &s.key_a,
    };
    // A checks in having moved on one agreed item.
    let mut moved = s.store.check_in_sheet(&id, &a).unwrap();
    let question = first.items[0].question.clone();
    let position = moved
        .answers
        .iter()
        .position(|x| x.question == question)
        .unwrap();
    moved.answers.remove(position);
    s.store.check_in(&id, &a, &moved, at(10)).unwrap();
    let drift = s.store.my_drift(&id, &a).unwrap();
    assert_eq!(drift.items.len(), 1);
    assert_eq!(drift.items[0].question, question);
    let history = s.store.check_in_history(&id, &a).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].revision, history[0].at), (1, at(10)));
    assert_eq!((history[0].agreement, history[0].drifted), (1, 1));
    assert_eq!(history[0].holding as usize, first.items.len() - 1);

    // A second round, answered as before but with A's check-in, and agreement 2.
    s.store.open_next_round(&id, at(11)).unwrap();
    let (key_a, key_b) = (s.key_a.clone(), s.key_b.clone());
    for (party, key, answers) in [
        (&pa, &key_a, moved.answers.clone()),
        (&pb, &key_b, {
            let (_, demo_b) = accord_core::demo::demo_sheets();
            demo_b.answers
        }),
    ] {
        let mut sheet = s.store.answers(&id, key, party, at(12)).unwrap();
        sheet.answers = answers;
        s.store.save_answers(&id, key, &sheet, at(12)).unwrap();
        s.store.seal(&id, key, party, at(13)).unwrap();
    }
    let second = agree_all(&mut s, "2026-12-01", "2027-06-01", at(14));
    assert_eq!(second.number, 2);
    let a = Acting::Partner {
        party: &pa,
        key: &s.key_a,
    };
    // Agreement 2 is the new baseline: the check-in against agreement 1 no longer counts.
    let drift = s.store.my_drift(&id, &a).unwrap();
    assert_eq!(drift.agreement, 2);
    assert!(drift.items.is_empty(), "{:?}", drift.items);
    assert_eq!(drift.as_of, None);
    let baseline = s.store.check_in_sheet(&id, &a).unwrap();
    for item in &second.items {
        let answer = baseline
            .answers
            .iter()
            .find(|x| x.question == item.question);
        assert_eq!(answer.map(|x| &x.value), Some(&item.value));
    }
    // The history keeps the old check-in, against agreement 1.
    assert_eq!(s.store.check_in_history(&id, &a).unwrap()[0].agreement, 1);

    // What changed from 1 to 2: the item A stopped answering is no longer agreed.
    let changes = s.store.version_changes(&id, 1, 2).unwrap();
    assert_eq!(
        changes,
        accord_core::revisit::diff_versions(&first, &second),
        "the core's comparison of the two"
    );
    assert!(changes.iter().any(|c| matches!(
        c,
        accord_core::revisit::VersionChange::Reopened { question: q, .. } if *q == question
    )));
    assert!(s.store.version_changes(&id, 1, 3).is_err());
    // Who acts is proven by the key.
    assert_eq!(s.store.acting_party(&id, &a).unwrap(), pa);
    let wrong = Acting::Partner {
        party: &pa,
        key: &s.key_b,
    };
    assert!(matches!(
        s.store.acting_party(&id, &wrong),
        Err(StoreError::WrongKey { .. })
    ));
}
