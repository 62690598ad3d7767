//! Unit tests of the engine on small hand-made pairs: the traps each answer type sets.
//! Whole realistic pairs live in `crates/core/tests/samples`.

use super::*;
use crate::answer::{Answer, Expectation, Flexibility, Importance};
use crate::comparison::Verdict;
use crate::sheet::{AnswerSheet, Respondent, FORMAT, FORMAT_VERSION};
use crate::{Party, PartyId, QuestionSet};

pub(crate) fn sheet(set: &QuestionSet, party: &str, answers: Vec<Answer>) -> AnswerSheet {
    AnswerSheet {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        question_set: set.id.clone(),
        custom_set: None,
        alliance: None,
        parties: vec![
            Party {
                id: PartyId("p1".into()),
                name: "Acme".into(),
            },
            Party {
                id: PartyId("p2".into()),
                name: "Globex".into(),
            },
        ],
        party: PartyId(party.into()),
        respondent: Respondent {
            name: format!("{party} lead"),
            role: None,
        },
        answers,
    }
}

fn answer(q: &str, json: &str, importance: u8, flexibility: Flexibility) -> Answer {
    Answer {
        question: q.into(),
        value: serde_json::from_str::<Expectation>(json).expect("test value"),
        importance: Importance::new(importance).expect("1..=5"),
        flexibility,
        note: None,
        guess: None,
    }
}

fn one(q: &str, a: &str, b: &str) -> crate::comparison::Gap {
    let set = crate::questions::builtin_set("general").expect("general");
    let sa = sheet(&set, "p1", vec![answer(q, a, 3, Flexibility::Firm)]);
    let sb = sheet(&set, "p2", vec![answer(q, b, 3, Flexibility::Firm)]);
    let c = compare(&set, &sa, &sb);
    c.gaps
        .into_iter()
        .find(|g| g.question.0 == q)
        .expect("question in set")
}

#[test]
fn me_from_both_sides_is_not_agreement() {
    let me = r#"{"type":"party","value":"me"}"#;
    let partner = r#"{"type":"party","value":"partner"}"#;
    assert_eq!(one("money-pays-first", me, me).verdict, Verdict::Conflict);
    assert_eq!(
        one("money-pays-first", partner, partner).verdict,
        Verdict::Conflict
    );
    let g = one("money-pays-first", me, partner);
    assert_eq!(g.verdict, Verdict::Aligned);
    assert_eq!(g.reason, "both expect Acme");
}

#[test]
fn open_ended_against_fixed_is_a_conflict() {
    let g = one(
        "time-duration",
        r#"{"type":"duration","open_ended":true}"#,
        r#"{"type":"duration","value":18,"unit":"months"}"#,
    );
    assert_eq!(g.verdict, Verdict::Conflict);
    assert!(g.reason.contains("open-ended"), "{}", g.reason);
}

#[test]
fn frequencies_compare_per_year() {
    let g = one(
        "consult-meetings",
        r#"{"type":"frequency","per":"month"}"#,
        r#"{"type":"frequency","per":"quarter"}"#,
    );
    assert_eq!(
        g.reason,
        "Acme expects monthly (12 a year); Globex expects quarterly (4 a year) — no acceptable zone bridges the gap; one expects 3 times as often as the other"
    );
    let same = one(
        "consult-meetings",
        r#"{"type":"frequency","times":4,"per":"year"}"#,
        r#"{"type":"frequency","per":"quarter"}"#,
    );
    assert_eq!(same.verdict, Verdict::Aligned);
}

#[test]
fn amounts_compare_per_common_period_and_refuse_unknown_currencies() {
    let g = one(
        "contrib-budget",
        r#"{"type":"number","value":1000,"unit":"EUR","per":"month"}"#,
        r#"{"type":"number","value":12000,"unit":"EUR","per":"year"}"#,
    );
    assert_eq!(g.verdict, Verdict::Aligned);
    let g = one(
        "contrib-budget",
        r#"{"type":"number","value":1000,"unit":"EUR","per":"year"}"#,
        r#"{"type":"number","value":1000,"unit":"USD","per":"year"}"#,
    );
    assert_eq!(g.verdict, Verdict::Divergent);
    assert!(g.reason.contains("no exchange rate"), "{}", g.reason);
}

#[test]
fn yes_against_no_is_a_conflict_and_unsure_is_divergent() {
    let (y, n, u) = (
        r#"{"type":"yes_no","value":"yes"}"#,
        r#"{"type":"yes_no","value":"no"}"#,
        r#"{"type":"yes_no","value":"unsure"}"#,
    );
    assert_eq!(one("time-prelude", y, n).verdict, Verdict::Conflict);
    assert_eq!(one("time-prelude", y, u).verdict, Verdict::Divergent);
}

#[test]
fn mutually_acceptable_first_choices_are_compatible() {
    let g = one(
        "decide-rule",
        r#"{"type":"choice","value":"consensus","accept":["majority"]}"#,
        r#"{"type":"choice","value":"majority","accept":["consensus"]}"#,
    );
    assert_eq!(g.verdict, Verdict::Compatible);
    let g = one(
        "decide-rule",
        r#"{"type":"choice","value":"own-area","accept":["majority"]}"#,
        r#"{"type":"choice","value":"majority","accept":["consensus"]}"#,
    );
    assert_eq!(g.verdict, Verdict::Divergent, "{}", g.reason);
}

#[test]
fn share_zones_bridge_or_not() {
    let a = r#"{"type":"share","split":{"me":60,"partner":40},"accept_min":50}"#;
    let b = r#"{"type":"share","split":{"me":50,"partner":50},"accept_min":40}"#;
    assert_eq!(
        one("money-revenue-split", a, b).verdict,
        Verdict::Compatible
    );
    let greedy = r#"{"type":"share","split":{"me":70,"partner":30},"accept_min":65}"#;
    assert_eq!(
        one("money-revenue-split", greedy, b).verdict,
        Verdict::Conflict
    );
}
