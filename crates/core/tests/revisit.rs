//! A scripted alliance over three rounds with two agreement versions and check-ins in between:
//! the drift of a partner who moved away from agreed values, since when, the alignment
//! timeline, and what changed between the versions (snapshots of what a person reads).

use std::collections::HashMap;

use accord_core::agreement::{Agreement, AgreementAlliance};
use accord_core::answer::Expectation;
use accord_core::demo::demo_sheets;
use accord_core::negotiate::workflow::{status, Action, ItemStatus, Step};
use accord_core::negotiate::{draft_agreement, suggest, AgreementMeta};
use accord_core::report::{render_drift, render_timeline, render_version_changes};
use accord_core::revisit::{check_in_baseline, diff_versions, drift, timeline, Snapshot};
use accord_core::sheet::resolve_set;
use accord_core::time::parse_date;
use accord_core::{
    AllianceId, AllianceKind, AnswerSheet, PartyId, QuestionId, QuestionSet, Timestamp,
};

fn day(date: &str) -> Timestamp {
    Timestamp(parse_date(date).unwrap() * 86_400_000)
}

fn with(sheet: &AnswerSheet, question: &str, json: &str) -> AnswerSheet {
    let mut sheet = sheet.clone();
    let value: Expectation = serde_json::from_str(json).unwrap();
    sheet
        .answers
        .iter_mut()
        .find(|a| a.question.0 == question)
        .unwrap()
        .value = value;
    sheet
}

/// Northwind proposes the best package for every disputed question; Lumen accepts.
fn negotiate(
    set: &QuestionSet,
    a: &AnswerSheet,
    b: &AnswerSheet,
    number: u32,
    on: &str,
    review: &str,
) -> Agreement {
    let s = suggest(set, a, b);
    let statuses: HashMap<QuestionId, ItemStatus> = match s.packages.first() {
        None => HashMap::new(),
        Some(top) => s
            .disputed
            .iter()
            .zip(&top.picks)
            .map(|(d, &pick)| {
                let r = &d.options[pick];
                let step = |party: &str, action, value: Option<Expectation>| Step {
                    party: PartyId(party.into()),
                    action,
                    shown: value.as_ref().map(|_| r.shown.clone()),
                    value,
                    comment: None,
                    at: day(on),
                };
                let steps = vec![
                    step("p1", Action::Propose, Some(r.value.clone())),
                    step("p2", Action::Accept, None),
                ];
                (d.question.clone(), status(&steps))
            })
            .collect(),
    };
    let meta = AgreementMeta {
        alliance: AgreementAlliance {
            id: AllianceId("alliance-1".into()),
            name: "Spring client seminar".into(),
            kind: AllianceKind::CoMarketing,
        },
        number,
        round: number,
        agreed_on: on.into(),
        review_on: review.into(),
        threshold: 101,
    };
    draft_agreement(set, a, b, &statuses, meta).unwrap()
}

#[test]
fn three_rounds_two_agreements_drift_and_timeline() {
    let (a1, b1) = demo_sheets();
    let set = resolve_set(&a1).unwrap();

    // Round 1 and the first agreement.
    let v1 = negotiate(&set, &a1, &b1, 1, "2026-01-10", "2026-07-10");
    // Check-ins start from the agreed values; Northwind then moves away twice.
    let a_feb = check_in_baseline(&v1, &a1);
    let b_feb = check_in_baseline(&v1, &b1);
    let a_mar = with(
        &a_feb,
        "event-attendees",
        r#"{"type":"number","value":250,"unit":"people"}"#,
    );
    let a_apr = with(
        &a_mar,
        "time-duration",
        r#"{"type":"duration","value":3,"unit":"months"}"#,
    );
    let check_ins = vec![
        (day("2026-02-01"), a_feb.clone()),
        (day("2026-03-01"), a_mar.clone()),
        (day("2026-04-01"), a_apr.clone()),
    ];
    let northwind = drift(&set, &v1, &PartyId("p1".into()), &check_ins);
    let lumen = drift(
        &set,
        &v1,
        &PartyId("p2".into()),
        &[(day("2026-02-01"), b_feb.clone())],
    );
    assert!(
        lumen.items.is_empty(),
        "the baseline holds the agreement: {lumen:?}"
    );
    let attendees = northwind
        .items
        .iter()
        .find(|i| i.question.0 == "event-attendees")
        .expect("moved on attendees");
    assert_eq!(attendees.since, day("2026-03-01"));

    // Round 2 from where the check-ins left off (Lumen now hopes for more guests too), and
    // the second agreement.
    let b2 = with(
        &b_feb,
        "event-attendees",
        r#"{"type":"number","value":180,"unit":"people"}"#,
    );
    let v2 = negotiate(&set, &a_apr, &b2, 2, "2026-05-01", "2026-11-01");
    // Round 3: both start from the second agreement; Lumen now moves on the meeting rhythm.
    let b3 = with(
        &check_in_baseline(&v2, &b2),
        "consult-meetings",
        r#"{"type":"frequency","times":1,"per":"quarter"}"#,
    );
    let a3 = check_in_baseline(&v2, &a_apr);

    let snapshots = vec![
        Snapshot {
            at: day("2026-01-05"),
            label: "Round 1".into(),
            a: &a1,
            b: &b1,
        },
        Snapshot {
            at: day("2026-02-01"),
            label: "Check-in, both".into(),
            a: &a_feb,
            b: &b_feb,
        },
        Snapshot {
            at: day("2026-03-01"),
            label: "Check-in, Northwind".into(),
            a: &a_mar,
            b: &b_feb,
        },
        Snapshot {
            at: day("2026-04-01"),
            label: "Check-in, Northwind".into(),
            a: &a_apr,
            b: &b_feb,
        },
        Snapshot {
            at: day("2026-04-20"),
            label: "Round 2".into(),
            a: &a_apr,
            b: &b_feb,
        },
        Snapshot {
            at: day("2026-09-01"),
            label: "Round 3".into(),
            a: &a3,
            b: &b3,
        },
    ];
    let points = timeline(&set, &snapshots);
    assert_eq!(points.len(), 6);
    // Agreeing raised alignment; drifting lowered it again.
    let score = |i: usize| points[i].overall.score.unwrap();
    assert!(score(1) > score(0), "{} then {}", score(0), score(1));
    assert!(score(2) < score(1));

    let changes = diff_versions(&v1, &v2);
    assert!(!changes.is_empty());
    insta::assert_snapshot!(
        "scripted_alliance",
        format!(
            "{}\n{}\n{}\n{}",
            render_drift(&northwind, "Northwind Advisory"),
            render_drift(&lumen, "Lumen Analytics"),
            render_timeline(&points),
            render_version_changes(1, 2, &changes)
        )
    );
}
