//! Negotiating the demo alliance's gaps on one machine: suggestions, the resolution workflow
//! with every step kept, and freezing numbered agreements.

use accord_core::agreement::{parse_agreement, AgreementSignature, Settled};
use accord_core::negotiate::workflow::{Action, ItemStatus};
use accord_store::{Acting, StoreError};

mod common;

use common::{at, p, sealed, T0};

#[test]
fn partners_negotiate_every_gap_and_freeze_a_numbered_agreement() {
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
    let negotiation = s.store.negotiation(&id, &a).unwrap();
    assert!(!negotiation.suggestions.disputed.is_empty());
    assert!(negotiation
        .items
        .iter()
        .all(|i| matches!(i.status, ItemStatus::Open { last: None })));
    // Every disputed question is unresolved, most severe first.
    assert_eq!(
        (negotiation.a.clone(), negotiation.b.clone()),
        (p("p1"), p("p2"))
    );
    for d in &negotiation.suggestions.disputed {
        assert!(negotiation
            .unresolved
            .iter()
            .any(|u| u.question == d.question));
    }
    assert!(negotiation
        .unresolved
        .windows(2)
        .all(|w| w[0].severity >= w[1].severity));

    // Nothing may be frozen while a severe question is unresolved.
    assert!(matches!(
        s.store
            .freeze_agreement(&id, &a, 30, "2026-11-23", "2027-05-23", at(3)),
        Err(StoreError::Unresolved { .. })
    ));

    let top = negotiation.suggestions.packages[0].clone();
    for (d, &pick) in negotiation.suggestions.disputed.iter().zip(&top.picks) {
        let value = d.options[pick].value.clone();
        let status = s
            .store
            .record_step(
                &id,
                &a,
                &d.question,
                Action::Propose,
                Some(value),
                Some("as suggested".into()),
                at(4),
            )
            .unwrap();
        assert!(matches!(status, ItemStatus::Proposed { .. }));
        // The proposer cannot accept their own proposal; nothing is written.
        assert!(matches!(
            s.store
                .record_step(&id, &a, &d.question, Action::Accept, None, None, at(5)),
            Err(StoreError::Workflow(_))
        ));
        let status = s
            .store
            .record_step(
                &id,
                &b,
                &d.question,
                Action::Accept,
                None,
                Some("fine".into()),
                at(5),
            )
            .unwrap();
        assert!(matches!(status, ItemStatus::Agreed { .. }));
    }
    let negotiation = s.store.negotiation(&id, &b).unwrap();
    for item in &negotiation.items {
        assert_eq!(item.steps.len(), 2, "every step is kept: {}", item.question);
    }
    assert!(negotiation
        .unresolved
        .iter()
        .all(|u| !negotiation.items.iter().any(|i| i.question == u.question)));

    let agreement = s
        .store
        .freeze_agreement(&id, &a, 30, "2026-11-23", "2027-05-23", at(6))
        .unwrap();
    assert_eq!((agreement.number, agreement.round), (1, 1));
    assert_eq!(
        agreement
            .items
            .iter()
            .filter(|i| i.settled == Settled::Negotiated)
            .count(),
        negotiation.suggestions.disputed.len()
    );
    assert!(agreement
        .items
        .iter()
        .any(|i| i.comment.as_deref() == Some("as suggested / fine")));
    parse_agreement(&agreement.to_json()).unwrap();

    // The round is closed to further steps and to a second agreement.
    let d = &negotiation.suggestions.disputed[0];
    assert!(matches!(
        s.store
            .record_step(&id, &a, &d.question, Action::Reject, None, None, at(7)),
        Err(StoreError::RoundAgreed { round: 1 })
    ));
    assert!(matches!(
        s.store
            .freeze_agreement(&id, &a, 30, "2026-11-23", "2027-05-23", at(7)),
        Err(StoreError::RoundAgreed { .. })
    ));
    assert_eq!(s.store.agreements(&id).unwrap(), vec![agreement.clone()]);

    // A real identity signs for the other partner and the stored agreement verifies; nobody
    // signs twice, for a stranger or an agreement that does not exist.
    // With no identity bound here, the unlocked partner is the one signed for.
    let pb = p("p2");
    let b = Acting::Partner {
        party: &pb,
        key: &s.key_b,
    };
    assert_eq!(s.store.signing_party(&id, &b, at(10)).unwrap(), pb);
    let bea = accord_envelope::Identity::generate("Bea");
    assert!(matches!(
        s.store.sign_agreement(&id, 1, &bea, p("stranger"), at(10)),
        Err(StoreError::Signature(_))
    ));
    assert!(matches!(
        s.store.sign_agreement(&id, 9, &bea, p("p2"), at(10)),
        Err(StoreError::NoAgreement { number: 9 })
    ));
    let signed = s
        .store
        .sign_agreement(&id, 1, &bea, p("p2"), at(10))
        .unwrap();
    assert_eq!(signed.signatures.len(), 1);
    assert_eq!(signed.signatures[0].name, "Bea");
    accord_envelope::agreement::verify(&signed).unwrap();
    assert_eq!(s.store.agreement(&id, 1).unwrap(), signed);
    assert!(matches!(
        s.store.sign_agreement(&id, 1, &bea, p("p2"), at(11)),
        Err(StoreError::Signature(_))
    ));

    // A signature is recorded once per partner.
    let signature = AgreementSignature {
        party: p("p1"),
        name: "Ana".into(),
        encryption: "age1...".into(),
        signing: "key".into(),
        fingerprint: "0000".into(),
        signature: "sig".into(),
    };
    let signed = s.store.add_signature(&id, 1, &signature, at(8)).unwrap();
    assert_eq!(signed.signatures.len(), 2);
    assert_eq!(
        signed.hash, agreement.hash,
        "signatures are not part of the hash"
    );
    assert!(matches!(
        s.store.add_signature(&id, 1, &signature, at(9)),
        Err(StoreError::AlreadySigned { .. })
    ));
}

#[test]
fn steps_are_checked_before_anything_is_written() {
    let mut s = sealed();
    let id = s.id.clone();
    let pa = p("p1");
    let a = Acting::Partner {
        party: &pa,
        key: &s.key_a,
    };
    let negotiation = s.store.negotiation(&id, &a).unwrap();
    let disputed = &negotiation.suggestions.disputed[0];
    let aligned = negotiation
        .suggestions
        .disputed
        .iter()
        .map(|d| d.question.clone())
        .collect::<Vec<_>>();
    // A question that is not disputed.
    let set = s.store.question_set(&id, T0).unwrap().set;
    let calm = set
        .questions
        .iter()
        .find(|q| !aligned.contains(&q.id))
        .unwrap();
    assert!(matches!(
        s.store.record_step(
            &id,
            &a,
            &calm.id,
            Action::Propose,
            Some(disputed.options[0].value.clone()),
            None,
            at(3)
        ),
        Err(StoreError::NotDisputed { .. })
    ));
    // A value of the wrong type.
    let wrong = accord_core::answer::Expectation::YesNo(accord_core::answer::YesNoValue {
        value: accord_core::answer::YesNo::Yes,
        accept: vec![],
    });
    let numeric = negotiation
        .suggestions
        .disputed
        .iter()
        .find(|d| {
            !matches!(
                d.options[0].value,
                accord_core::answer::Expectation::YesNo(_)
            )
        })
        .unwrap();
    assert!(matches!(
        s.store.record_step(
            &id,
            &a,
            &numeric.question,
            Action::Propose,
            Some(wrong),
            None,
            at(3)
        ),
        Err(StoreError::InvalidAnswers(_))
    ));
    // Acting with the other partner's key.
    let impostor = Acting::Partner {
        party: &pa,
        key: &s.key_b,
    };
    assert!(matches!(
        s.store.negotiation(&id, &impostor),
        Err(StoreError::WrongKey { .. })
    ));
    let after = s.store.negotiation(&id, &a).unwrap();
    assert!(after.items.iter().all(|i| i.steps.is_empty()));
}

#[test]
fn a_proposed_value_is_agreed_by_party_id_from_the_proposers_side() {
    let mut s = sealed();
    let id = s.id.clone();
    let pb = p("p2");
    let b = Acting::Partner {
        party: &pb,
        key: &s.key_b,
    };
    // Lumen (p2) proposes "me pays first", with a zone: it is recorded as p2, without the zone.
    let value: accord_core::answer::Expectation =
        serde_json::from_str(r#"{"type":"party","value":"me","accept":["both"]}"#).unwrap();
    let status = s
        .store
        .record_step(
            &id,
            &b,
            &accord_core::QuestionId("money-pays-first".into()),
            Action::Propose,
            Some(value),
            None,
            at(3),
        )
        .unwrap();
    let ItemStatus::Proposed { proposal } = status else {
        panic!("proposed");
    };
    assert_eq!(
        serde_json::to_value(&proposal.value).unwrap(),
        serde_json::json!({"type": "party", "value": "p2"})
    );
    assert_eq!(proposal.shown, "Lumen Analytics");
}
