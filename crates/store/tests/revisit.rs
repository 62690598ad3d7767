//! After an agreement is frozen: private check-ins, a partner's drift from the agreement with
//! since when, and reviews that fall due.

mod common;

use accord_core::answer::Expectation;
use accord_core::negotiate::workflow::Action;
use accord_store::{Acting, StoreError, DEFAULT_REVIEW_DAYS};
use common::{at, p, sealed};

#[test]
fn check_ins_are_private_and_show_the_drift_since_when() {
    let mut s = sealed();
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
    // Nothing to check in against before an agreement.
    let sheet = s.store.answers(&id, &s.key_a, &pa, at(3)).unwrap();
    assert!(matches!(
        s.store.check_in(&id, &a, &sheet, at(3)),
        Err(StoreError::NoAgreementYet)
    ));
    // Agree on the top package for every disputed question.
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
                at(4),
            )
            .unwrap();
        s.store
            .record_step(&id, &b, &d.question, Action::Accept, None, None, at(4))
            .unwrap();
    }
    let agreement = s
        .store
        .freeze_agreement(&id, &a, 30, "2026-11-23", "2027-05-23", at(5))
        .unwrap();

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
