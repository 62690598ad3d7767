//! The timeline and the since-when of a drift take their scores and verdicts from the engine's
//! scores-only pass, which re-judges only the answers that changed since the revision before.
//! They must give exactly what one full comparison per revision gives: checked over generated
//! histories (answers replaced, removed and restored one at a time, sides swapped, two
//! respondents of one party, +0 and −0, timestamps out of order and tied) and over histories
//! built from the golden samples.
//!
//! The references below use nothing but `compare` and `drift` over a single check-in, which is
//! one full comparison.

mod generate;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use accord_core::agreement::{Agreement, AgreementAlliance};
use accord_core::answer::{Answer, Expectation};
use accord_core::diff::compare;
use accord_core::negotiate::{draft_agreement, AgreementMeta};
use accord_core::revisit::{check_in_baseline, drift, timeline, Drift, Snapshot, TimelinePoint};
use accord_core::sheet::{common_set, parse_sheet};
use accord_core::{AllianceId, AllianceKind, AnswerSheet, PartyId, QuestionSet, Timestamp};
use proptest::prelude::*;

use generate::*;

/// The timeline as one full comparison per snapshot gives it.
fn timeline_by_compare(set: &QuestionSet, snapshots: &[Snapshot<'_>]) -> Vec<TimelinePoint> {
    let mut points: Vec<TimelinePoint> = snapshots
        .iter()
        .map(|s| {
            let c = compare(set, s.a, s.b);
            TimelinePoint {
                at: s.at,
                label: s.label.clone(),
                overall: c.overall,
                categories: c.categories,
            }
        })
        .collect();
    points.sort_by_key(|p| p.at);
    points
}

/// The drift with since-when taken from each check-in's own full comparison: the items of
/// the latest check-in, each since the earliest check-in of its unbroken run up to the latest.
fn drift_by_compare(
    set: &QuestionSet,
    agreement: &Agreement,
    party: &PartyId,
    check_ins: &[(Timestamp, AnswerSheet)],
) -> Drift {
    let alone = |k: usize| drift(set, agreement, party, &check_ins[k..=k]);
    let Some(last) = check_ins.len().checked_sub(1) else {
        return drift(set, agreement, party, &[]);
    };
    let mut latest = alone(last);
    let earlier: Vec<Vec<_>> = (0..last)
        .map(|k| alone(k).items.into_iter().map(|i| i.question).collect())
        .collect();
    for item in &mut latest.items {
        for k in (0..last).rev() {
            if !earlier[k].contains(&item.question) {
                break;
            }
            item.since = check_ins[k].0;
        }
    }
    latest
}

fn meta() -> AgreementMeta {
    AgreementMeta {
        alliance: AgreementAlliance {
            id: AllianceId("history".into()),
            name: "History".into(),
            kind: AllianceKind::CoMarketing,
        },
        number: 1,
        round: 1,
        agreed_on: "2026-01-01".into(),
        review_on: "2026-07-01".into(),
        threshold: 101,
    }
}

/// One step of a generated history, on one side's answers.
#[derive(Debug, Clone)]
enum Edit {
    /// The question's answer from the alternative answers (possibly none).
    Alternative(usize),
    /// Back to the first answer (possibly none).
    Restore(usize),
    Remove(usize),
    /// A number or share answer to exactly +0 or −0 (others are left alone).
    Zero(usize, bool),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = general().questions.len();
    prop_oneof![
        4 => (0..n).prop_map(Edit::Alternative),
        2 => (0..n).prop_map(Edit::Restore),
        1 => (0..n).prop_map(Edit::Remove),
        2 => (0..n, any::<bool>()).prop_map(|(q, negative)| Edit::Zero(q, negative)),
    ]
}

fn apply(
    answers: &mut [Option<Answer>],
    first: &[Option<Answer>],
    alternative: &[Option<Answer>],
    edit: &Edit,
) {
    match *edit {
        Edit::Alternative(q) => answers[q] = alternative[q].clone(),
        Edit::Restore(q) => answers[q] = first[q].clone(),
        Edit::Remove(q) => answers[q] = None,
        Edit::Zero(q, negative) => {
            let zero = if negative { -0.0 } else { 0.0 };
            if let Some(answer) = &mut answers[q] {
                match &mut answer.value {
                    Expectation::Number(n) => {
                        n.value = Some(zero);
                        n.min = None;
                        n.max = None;
                        if let Some(b) = &mut n.accept {
                            b.min = Some(zero);
                        }
                    }
                    Expectation::Share(s) => {
                        s.split.insert("me".into(), zero);
                        s.split.insert("partner".into(), 100.0);
                        if s.accept_min.is_some() {
                            s.accept_min = Some(zero);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// How a snapshot's two sheets stand to each other.
#[derive(Debug, Clone, Copy)]
enum Frame {
    /// p1 against p2.
    Partners,
    /// p2 against p1.
    Swapped,
    /// Two respondents of p1.
    Respondents,
    /// Two sheets of p1 by the same respondent: only their answers order them.
    SameRespondent,
}

fn frame() -> impl Strategy<Value = Frame> {
    prop_oneof![
        8 => Just(Frame::Partners),
        1 => Just(Frame::Swapped),
        1 => Just(Frame::Respondents),
        1 => Just(Frame::SameRespondent),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_timeline_is_one_full_comparison_per_snapshot(
        first_a in answers(&general()),
        first_b in answers(&general()),
        alt_a in answers(&general()),
        alt_b in answers(&general()),
        steps in prop::collection::vec((any::<bool>(), edit(), frame(), 0i64..8), 1..24),
    ) {
        let set = general();
        let (mut a, mut b) = (first_a.clone(), first_b.clone());
        let mut pairs = Vec::new();
        for (on_a, e, f, at) in &steps {
            if *on_a {
                apply(&mut a, &first_a, &alt_a, e);
            } else {
                apply(&mut b, &first_b, &alt_b, e);
            }
            let (x, mut y) = (sheet(&set, "p1", a.clone()), sheet(&set, "p2", b.clone()));
            let pair = match f {
                Frame::Partners => (x, y),
                Frame::Swapped => (y, x),
                Frame::Respondents => {
                    y.party = PartyId("p1".into());
                    (x, y)
                }
                Frame::SameRespondent => {
                    y.party = PartyId("p1".into());
                    y.respondent.name = x.respondent.name.clone();
                    (x, y)
                }
            };
            pairs.push((Timestamp(*at), pair));
        }
        let snapshots: Vec<Snapshot<'_>> = pairs
            .iter()
            .enumerate()
            .map(|(i, (at, (x, y)))| Snapshot { at: *at, label: format!("revision {i}"), a: x, b: y })
            .collect();
        prop_assert_eq!(timeline(&set, &snapshots), timeline_by_compare(&set, &snapshots));
    }

    #[test]
    fn a_drift_is_the_full_comparison_of_every_check_in(
        first_a in answers(&general()),
        first_b in answers(&general()),
        alt in answers(&general()),
        steps in prop::collection::vec(edit(), 1..24),
    ) {
        let set = general();
        let (a, b) = (sheet(&set, "p1", first_a), sheet(&set, "p2", first_b));
        let Ok(agreement) = draft_agreement(&set, &a, &b, &HashMap::new(), meta()) else {
            return Err(TestCaseError::reject("nothing blocks at 101"));
        };
        let baseline = check_in_baseline(&agreement, &a);
        // The baseline in set order, one slot per question, so edits can address questions.
        let start: Vec<Option<Answer>> = set
            .questions
            .iter()
            .map(|q| baseline.answers.iter().find(|x| x.question == q.id).cloned())
            .collect();
        let mut answers = start.clone();
        let mut check_ins = vec![(Timestamp(0), baseline.clone())];
        for (i, e) in steps.iter().enumerate() {
            apply(&mut answers, &start, &alt, e);
            let mut sheet = baseline.clone();
            sheet.answers = answers.iter().flatten().cloned().collect();
            check_ins.push((Timestamp(i as i64 + 1), sheet));
        }
        let party = PartyId("p1".into());
        for end in [1, check_ins.len() / 2, check_ins.len()] {
            let history = &check_ins[..end];
            prop_assert_eq!(
                drift(&set, &agreement, &party, history),
                drift_by_compare(&set, &agreement, &party, history)
            );
        }
    }
}

/// The golden sample pairs that open, with the set they share.
fn samples() -> Vec<(String, QuestionSet, AnswerSheet, AnswerSheet)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/samples");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.expect("readable folder").path())
        .collect();
    cases.sort();
    cases
        .into_iter()
        .filter_map(|case| {
            let read = |name: &str| {
                let text = fs::read_to_string(case.join(name)).ok()?;
                parse_sheet(&text).ok()
            };
            let (a, b) = (read("a.json")?, read("b.json")?);
            let set = common_set(&a, &b).ok()?;
            let name = case.file_name()?.to_string_lossy().into_owned();
            Some((name, set, a, b))
        })
        .collect()
}

/// `from` with its answer to `question` replaced by `to`'s (or removed if `to` has none).
fn adopt(from: &AnswerSheet, to: &AnswerSheet, question: &accord_core::QuestionId) -> AnswerSheet {
    let mut sheet = from.clone();
    sheet.answers.retain(|x| &x.question != question);
    if let Some(answer) = to.answers.iter().find(|x| &x.question == question) {
        sheet.answers.push(answer.clone());
    }
    sheet
}

#[test]
fn over_the_samples_the_history_is_the_full_comparisons() {
    let cases = samples();
    assert!(cases.len() >= 8, "found {} sample pairs", cases.len());
    for (name, set, a, b) in &cases {
        // A moves to B's answers one question at a time, with the sides swapped and a against
        // itself in between.
        let mut sheets = vec![(a.clone(), b.clone())];
        let mut current = a.clone();
        for q in &set.questions {
            current = adopt(&current, b, &q.id);
            sheets.push((current.clone(), b.clone()));
            if sheets.len() % 5 == 0 {
                sheets.push((b.clone(), current.clone()));
                sheets.push((current.clone(), a.clone()));
            }
        }
        let snapshots: Vec<Snapshot<'_>> = sheets
            .iter()
            .enumerate()
            .map(|(i, (x, y))| Snapshot {
                at: Timestamp(i as i64),
                label: format!("revision {i}"),
                a: x,
                b: y,
            })
            .collect();
        assert_eq!(
            timeline(set, &snapshots),
            timeline_by_compare(set, &snapshots),
            "{name}"
        );

        // Drift: from the agreed values, A takes back its own answers (every third one B's)
        // one question at a time, and every fourth check-in goes back to the agreed value two
        // questions before, so items drift, hold again and drift anew.
        let Ok(agreement) = draft_agreement(set, a, b, &HashMap::new(), meta()) else {
            continue;
        };
        let baseline = check_in_baseline(&agreement, a);
        let mut current = baseline.clone();
        let mut check_ins = vec![(Timestamp(0), current.clone())];
        for (k, q) in set.questions.iter().enumerate() {
            let to = if k % 3 == 2 { b } else { a };
            current = adopt(&current, to, &q.id);
            if k % 4 == 3 {
                current = adopt(&current, &baseline, &set.questions[k - 2].id);
            }
            check_ins.push((Timestamp(k as i64 + 1), current.clone()));
        }
        let party = a.party.clone();
        for end in [1, check_ins.len() / 2, check_ins.len()] {
            let history = &check_ins[..end];
            assert_eq!(
                drift(set, &agreement, &party, history),
                drift_by_compare(set, &agreement, &party, history),
                "{name}, {end} check-ins"
            );
        }
    }
}
