//! Freezing agreements from the demo pair: accepted proposals become agreed items, the rest
//! open items, and anything unresolved at or above the threshold blocks.

use std::collections::HashMap;

use super::workflow::{status, Action, ItemStatus, Step};
use super::*;
use crate::agreement::{parse_agreement, AgreementAlliance, Settled};
use crate::demo::demo_sheets;
use crate::sheet::resolve_set;
use crate::{AllianceId, AllianceKind, Timestamp};

fn meta(threshold: u8) -> AgreementMeta {
    AgreementMeta {
        alliance: AgreementAlliance {
            id: AllianceId("alliance-1".into()),
            name: "Spring client seminar".into(),
            kind: AllianceKind::CoMarketing,
        },
        number: 1,
        round: 1,
        agreed_on: "2026-11-23".into(),
        review_on: "2027-05-23".into(),
        threshold,
    }
}

/// p1 proposes the top package's value for every disputed question and p2 accepts.
fn accept_top_package(s: &Suggestions) -> HashMap<QuestionId, ItemStatus> {
    let top = &s.packages[0];
    s.disputed
        .iter()
        .zip(&top.picks)
        .map(|(d, &pick)| {
            let r = &d.options[pick];
            let steps = vec![
                Step {
                    party: PartyId("p1".into()),
                    action: Action::Propose,
                    value: Some(r.value.clone()),
                    shown: Some(r.shown.clone()),
                    comment: Some("from the suggested package".into()),
                    at: Timestamp(0),
                },
                Step {
                    party: PartyId("p2".into()),
                    action: Action::Accept,
                    value: None,
                    shown: None,
                    comment: None,
                    at: Timestamp(1),
                },
            ];
            (d.question.clone(), status(&steps))
        })
        .collect()
}

use crate::PartyId;

#[test]
fn accepting_every_disputed_question_freezes_an_agreement_that_verifies() {
    let (a, b) = demo_sheets();
    let set = resolve_set(&a).unwrap();
    let s = suggest(&set, &a, &b);
    let statuses = accept_top_package(&s);
    // Questions only one partner answered cannot be agreed; they block at threshold 0.
    let blocking = draft_agreement(&set, &a, &b, &statuses, meta(0)).unwrap_err();
    assert!(blocking
        .iter()
        .all(|q| !s.disputed.iter().any(|d| d.question == q.question)));
    let agreement = draft_agreement(&set, &a, &b, &statuses, meta(101)).unwrap();

    let negotiated = agreement
        .items
        .iter()
        .filter(|i| i.settled == Settled::Negotiated)
        .count();
    assert_eq!(negotiated, s.disputed.len());
    assert!(agreement
        .items
        .iter()
        .any(|i| i.settled == Settled::Aligned));
    // Only questions one side left unanswered stay open.
    assert!(agreement
        .open
        .iter()
        .all(|o| o.verdict == crate::Verdict::Unanswered));
    // The package's gains are the agreement's balance over negotiated items... and the
    // aligned ones count fully for both, so the balance is at least as high.
    let top = &s.packages[0];
    assert!(agreement.balance[0].gain >= top.gain_a - 1e-9);
    assert!(agreement.balance[1].gain >= top.gain_b - 1e-9);
    // The file reads back and its hash holds; any edit breaks it.
    let read = parse_agreement(&agreement.to_json()).unwrap();
    assert_eq!(read, agreement);
    let mut edited = agreement.clone();
    edited.items[0].shown.push('!');
    assert!(parse_agreement(&edited.to_json()).is_err());
}

#[test]
fn unresolved_questions_at_or_above_the_threshold_block_freezing() {
    let (a, b) = demo_sheets();
    let set = resolve_set(&a).unwrap();
    let blocking = draft_agreement(&set, &a, &b, &HashMap::new(), meta(50)).unwrap_err();
    assert!(!blocking.is_empty());
    assert!(blocking.iter().all(|q| q.severity >= 50));
    assert!(blocking.windows(2).all(|w| w[0].severity >= w[1].severity));
    // With a threshold above every severity, everything unresolved is simply open.
    let agreement = draft_agreement(&set, &a, &b, &HashMap::new(), meta(101)).unwrap();
    let s = suggest(&set, &a, &b);
    assert!(agreement.open.len() >= s.disputed.len());
}

#[test]
fn an_agreed_value_names_parties_by_id_and_has_no_zone() {
    use crate::answer::Expectation;
    let parties = vec![
        crate::Party {
            id: PartyId("p1".into()),
            name: "Acme".into(),
        },
        crate::Party {
            id: PartyId("p2".into()),
            name: "Globex".into(),
        },
    ];
    let agreed = |json: &str, author: &str| {
        let value: Expectation = serde_json::from_str(json).unwrap();
        serde_json::to_value(agreed_value(&value, &PartyId(author.into()), &parties)).unwrap()
    };
    assert_eq!(
        agreed(r#"{"type":"party","value":"me","accept":["both"]}"#, "p2"),
        serde_json::json!({"type": "party", "value": "p2"})
    );
    assert_eq!(
        agreed(r#"{"type":"party","value":"partner"}"#, "p2"),
        serde_json::json!({"type": "party", "value": "p1"})
    );
    assert_eq!(
        agreed(
            r#"{"type":"share","split":{"me":60,"partner":40},"accept_min":50}"#,
            "p1"
        ),
        serde_json::json!({"type": "share", "split": {"p1": 60.0, "p2": 40.0}})
    );
    assert_eq!(
        agreed(
            r#"{"type":"yes_no","value":"yes","accept":["unsure"]}"#,
            "p1"
        ),
        serde_json::json!({"type": "yes_no", "value": "yes"})
    );
}
