//! Revisiting an agreement (issue 8): how far each partner's current answers have drifted from
//! the agreed values, since when, how alignment moved across rounds and check-ins, and what
//! changed between two agreement versions.
//!
//! Drift uses the diff engine itself: a partner's answer is compared with the agreed value as
//! if the agreement were a firm answer of equal importance, so drift has the same verdicts,
//! severities and reasons as a comparison. Pure, like the rest of the core: check-ins come in
//! as `(time, sheet)` pairs.
//!
//! A history holds many revisions, each usually one answer away from the one before, and only
//! the latest check-in's drift needs reasons; so the timeline and the since-when of a drift
//! take verdicts and scores from the engine's scores-only pass (`diff::Rescorer`), which
//! re-judges only the answers that changed and gives exactly what `compare` gives.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::agreement::Agreement;
use crate::answer::{Answer, Flexibility};
use crate::comparison::{CategoryScore, Score, Verdict};
use crate::diff::{compare, Rescorer};
use crate::sheet::{AnswerSheet, Respondent};
use crate::{PartyId, QuestionId, QuestionSet, Timestamp};

/// One agreed item a partner has moved away from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DriftItem {
    pub question: QuestionId,
    pub text: String,
    pub agreed: String,
    /// The partner's current answer in words; `None` if they no longer answer it.
    pub current: Option<String>,
    /// Divergent or conflict (compatible answers still hold the agreement).
    pub verdict: Verdict,
    pub severity: u8,
    pub reason: String,
    /// The first check-in from which the item has drifted without interruption.
    pub since: Timestamp,
}

/// A partner's drift from an agreement, worst first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Drift {
    pub party: PartyId,
    pub agreement: u32,
    pub items: Vec<DriftItem>,
    /// How many agreed items still hold (aligned or compatible with the current answers).
    pub holding: u32,
    /// When the answers compared were checked in.
    pub as_of: Option<Timestamp>,
}

/// The agreement as a sheet of firm answers for `party`'s frame, so the engine compares a
/// current answer with it. Importance follows the partner's own answer.
fn agreed_sheet(agreement: &Agreement, template: &AnswerSheet) -> AnswerSheet {
    let importance: BTreeMap<&QuestionId, _> = template
        .answers
        .iter()
        .map(|a| (&a.question, a.importance))
        .collect();
    AnswerSheet {
        format: template.format.clone(),
        version: template.version,
        question_set: template.question_set.clone(),
        // The engine is given the set; the agreement needs no copy of a custom one.
        custom_set: None,
        alliance: template.alliance.clone(),
        parties: template.parties.clone(),
        // Not a party of the alliance: reasons name it "the agreement", and agreed values hold
        // parties by id, so nothing in them depends on whose sheet it is.
        party: PartyId(format!("agreement {}", agreement.number)),
        respondent: Respondent {
            name: String::new(),
            role: template.respondent.role.clone(),
        },
        answers: agreement
            .items
            .iter()
            .map(|item| Answer {
                question: item.question.clone(),
                value: item.value.clone(),
                importance: importance.get(&item.question).copied().unwrap_or_default(),
                flexibility: Flexibility::Firm,
                note: None,
                guess: None,
            })
            .collect(),
    }
}

/// Where a partner's check-ins start after `agreement` is frozen: their own sheet with every
/// agreed item set to the agreed value (their importance kept; the value is now their first
/// choice, so an acceptable zone around the old one is dropped unless the value is unchanged).
pub fn check_in_baseline(agreement: &Agreement, own: &AnswerSheet) -> AnswerSheet {
    let mut sheet = own.clone();
    for item in &agreement.items {
        match sheet
            .answers
            .iter_mut()
            .find(|a| a.question == item.question)
        {
            Some(answer) => {
                if answer.value != item.value {
                    answer.value = item.value.clone();
                }
            }
            None => sheet.answers.push(Answer {
                question: item.question.clone(),
                value: item.value.clone(),
                importance: Default::default(),
                flexibility: Flexibility::Flexible,
                note: None,
                guess: None,
            }),
        }
    }
    sheet
}

/// Whether a partner has moved away from an agreed item, from the verdict of their answer
/// against the agreed value and whether their answer counts (given and fitting the question).
fn moved(verdict: Verdict, answered: bool) -> bool {
    match verdict {
        Verdict::Divergent | Verdict::Conflict => true,
        // The partner stopped answering an agreed question: that is drift too.
        Verdict::Unanswered => !answered,
        Verdict::Aligned | Verdict::Compatible => false,
    }
}

/// The items of `agreement` that `sheet` (one partner's answers) has drifted from, with
/// reasons (`since` is left to the caller).
fn drifted(set: &QuestionSet, agreement: &Agreement, sheet: &AnswerSheet) -> Vec<DriftItem> {
    let agreed = agreed_sheet(agreement, sheet);
    let comparison = compare(set, sheet, &agreed);
    let by_question: BTreeMap<&QuestionId, _> =
        agreement.items.iter().map(|i| (&i.question, i)).collect();
    comparison
        .gaps
        .iter()
        .filter_map(|gap| {
            let item = by_question.get(&gap.question)?;
            moved(gap.verdict, gap.a.value.is_some()).then(|| DriftItem {
                question: gap.question.clone(),
                text: gap.text.to_string(),
                agreed: item.shown.clone(),
                current: gap.a.value.clone(),
                verdict: gap.verdict,
                severity: gap.severity,
                reason: gap.reason.clone(),
                since: Timestamp(0),
            })
        })
        .collect()
}

/// `party`'s drift from `agreement` at their latest check-in, with since when each item has
/// drifted. `check_ins` are the partner's answers over time, oldest first.
///
/// Only the latest check-in is compared in full (its items carry reasons). Since when: the
/// check-ins before it are looked at from the newest back, only for verdicts, and only while
/// some item's unbroken run of drifted check-ins goes on.
pub fn drift(
    set: &QuestionSet,
    agreement: &Agreement,
    party: &PartyId,
    check_ins: &[(Timestamp, AnswerSheet)],
) -> Drift {
    let Some(((as_of, latest), earlier)) = check_ins.split_last() else {
        return Drift {
            party: party.clone(),
            agreement: agreement.number,
            items: Vec::new(),
            holding: agreement.items.len() as u32,
            as_of: None,
        };
    };
    let mut items = drifted(set, agreement, latest);
    // Per item still drifted in every check-in looked at so far: its index in `items` and the
    // questions of the set with its id (one, in a well-formed set), of which any may drift.
    let mut running: Vec<(usize, Vec<usize>)> = items
        .iter_mut()
        .enumerate()
        .map(|(i, item)| {
            item.since = *as_of;
            let questions = set
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.id == item.question)
                .map(|(k, _)| k)
                .collect();
            (i, questions)
        })
        .collect();
    let mut rescorer = Rescorer::new(set);
    for (at, sheet) in earlier.iter().rev() {
        if running.is_empty() {
            break;
        }
        let agreed = agreed_sheet(agreement, sheet);
        let judged = rescorer.judge(sheet, &agreed);
        running.retain(|(i, questions)| {
            let still = questions
                .iter()
                .any(|&k| moved(judged[k].scored.verdict, judged[k].a_answered));
            if still {
                items[*i].since = *at;
            }
            still
        });
    }
    items.sort_by(|x, y| {
        y.severity
            .cmp(&x.severity)
            .then_with(|| x.question.0.cmp(&y.question.0))
    });
    Drift {
        party: party.clone(),
        agreement: agreement.number,
        holding: (agreement.items.len() - items.len()) as u32,
        items,
        as_of: Some(*as_of),
    }
}

/// One point of the alignment timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TimelinePoint {
    pub at: Timestamp,
    /// "Round 2", "Check-in by Lumen Analytics".
    pub label: String,
    pub overall: Score,
    pub categories: Vec<CategoryScore>,
}

/// An event of an alliance's history, for the timeline: the two partners' answers as they
/// stood at `at`.
pub struct Snapshot<'a> {
    pub at: Timestamp,
    pub label: String,
    pub a: &'a AnswerSheet,
    pub b: &'a AnswerSheet,
}

/// Overall and per-category alignment at each snapshot, in time order: the scores of
/// `compare(set, a, b)`, computed without reasons and re-judging only the questions whose
/// answers changed since the snapshot before (in the order given).
pub fn timeline(set: &QuestionSet, snapshots: &[Snapshot<'_>]) -> Vec<TimelinePoint> {
    let mut rescorer = Rescorer::new(set);
    let mut points: Vec<TimelinePoint> = snapshots
        .iter()
        .map(|s| {
            let (overall, categories) = rescorer.scores(s.a, s.b);
            TimelinePoint {
                at: s.at,
                label: s.label.clone(),
                overall,
                categories,
            }
        })
        .collect();
    points.sort_by_key(|p| p.at);
    points
}

/// What changed for one question between two agreement versions.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "change", rename_all = "snake_case")]
#[ts(export)]
pub enum VersionChange {
    /// Agreed in the newer version, open or absent in the older.
    Agreed {
        question: QuestionId,
        text: String,
        now: String,
    },
    /// Agreed in both, on different values.
    Changed {
        question: QuestionId,
        text: String,
        before: String,
        now: String,
    },
    /// Agreed in the older version, open or absent in the newer.
    Reopened {
        question: QuestionId,
        text: String,
        before: String,
    },
}

/// The differences in agreed values between `older` and `newer`, in question order of `newer`
/// then of `older`.
pub fn diff_versions(older: &Agreement, newer: &Agreement) -> Vec<VersionChange> {
    let before: BTreeMap<&QuestionId, _> = older.items.iter().map(|i| (&i.question, i)).collect();
    let now: BTreeMap<&QuestionId, _> = newer.items.iter().map(|i| (&i.question, i)).collect();
    let mut changes = Vec::new();
    for item in &newer.items {
        match before.get(&item.question) {
            None => changes.push(VersionChange::Agreed {
                question: item.question.clone(),
                text: item.text.clone(),
                now: item.shown.clone(),
            }),
            Some(old) if old.value != item.value => changes.push(VersionChange::Changed {
                question: item.question.clone(),
                text: item.text.clone(),
                before: old.shown.clone(),
                now: item.shown.clone(),
            }),
            Some(_) => {}
        }
    }
    for item in &older.items {
        if !now.contains_key(&item.question) {
            changes.push(VersionChange::Reopened {
                question: item.question.clone(),
                text: item.text.clone(),
                before: item.shown.clone(),
            });
        }
    }
    changes
}
