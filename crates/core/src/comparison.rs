//! The result of comparing two answer sheets, as plain data.
//!
//! [`Comparison`] is what the CLI prints, the app shows and exports embed: one [`Gap`] per
//! question, scores per category and overall, each partner's give/get balance, perception gaps,
//! and the paper terms that hide divergence. It has public fields and derives `Serialize` and
//! `TS`, so it is also the JSON of `accord compare --format json`. Nothing here computes
//! anything (see [`crate::diff`]) or renders anything (see [`crate::report`]).
//!
//! "a" and "b" are the two sheets in the order they were given; everything else (reasons,
//! lists, scores) is the same whichever order that was, so [`Comparison::mirrored`] of
//! `compare(a, b)` equals `compare(b, a)`.

use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::answer::Flexibility;
use crate::{PartyId, QuestionId, TermId};

/// How two answers to one question relate.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    /// Both mean the same.
    Aligned,
    /// Different, but each would accept the other's choice (or the ranges overlap).
    Compatible,
    /// Different, and only talking will tell whether they can meet.
    Divergent,
    /// Different, and no acceptable zone bridges the gap.
    Conflict,
    /// At least one side gave no answer.
    Unanswered,
}

impl Verdict {
    pub const ALL: [Verdict; 5] = [
        Verdict::Conflict,
        Verdict::Divergent,
        Verdict::Compatible,
        Verdict::Aligned,
        Verdict::Unanswered,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Aligned => "aligned",
            Verdict::Compatible => "compatible",
            Verdict::Divergent => "divergent",
            Verdict::Conflict => "conflict",
            Verdict::Unanswered => "unanswered",
        }
    }
}

/// Who wrote one of the two sheets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetSide {
    pub party: PartyId,
    pub party_name: String,
    pub respondent: String,
    /// How reasons name this side: the party's name, plus the respondent's when both sheets
    /// speak for the same party.
    pub label: String,
}

/// One side's answer to one question, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AnswerView {
    /// The value in words, normalised where it helps ("monthly (12 a year)"); `None` when the
    /// question was not answered.
    pub value: Option<String>,
    pub importance: Option<u8>,
    pub flexibility: Option<Flexibility>,
    pub note: Option<String>,
}

/// Word-level difference of two free-text answers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TextDiff {
    /// Share of content words in common, 0 to 1.
    pub similarity: f64,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
}

/// The comparison of one question.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Gap {
    pub question: QuestionId,
    // Shared with the question set's question (plain strings in JSON and TypeScript).
    pub category: Arc<str>,
    pub text: Arc<str>,
    pub term: Option<TermId>,
    pub verdict: Verdict,
    /// 0 (nothing to discuss) to 100 (a deal-breaker gap between two firm, important answers).
    pub severity: u8,
    /// Plain language, naming both values.
    pub reason: String,
    pub a: AnswerView,
    pub b: AnswerView,
    pub text_diff: Option<TextDiff>,
}

/// Counts per verdict and an alignment score.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Score {
    /// 100 minus the importance-weighted mean severity of the questions at least one side
    /// answered; `None` when neither answered any.
    pub score: Option<u8>,
    pub aligned: u32,
    pub compatible: u32,
    pub divergent: u32,
    pub conflict: u32,
    pub unanswered: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CategoryScore {
    pub category: String,
    pub title: String,
    pub score: Score,
}

/// How one sheet sees one party's give and get, in percent of the whole.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BalanceView {
    /// The label of the sheet this view comes from.
    pub by: String,
    pub give: Option<f64>,
    pub get: Option<f64>,
}

/// One party's give/get balance as each sheet sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PartyBalance {
    pub party: PartyId,
    pub party_name: String,
    pub views: Vec<BalanceView>,
    /// Gives far more than it gets (or the reverse), or the sheets disagree on it.
    pub imbalanced: bool,
    pub reason: String,
}

/// How far one side's guess of the other's answer was from the real answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PerceptionGap {
    pub question: QuestionId,
    /// Label of the side that guessed.
    pub guesser: String,
    pub guessed: String,
    pub actual: String,
    /// 0 (spot on) to 100 (as far off as it gets).
    pub gap: u8,
    pub reason: String,
}

/// A question behind a paper term whose answers diverge; its reason is in the [`Gap`] with
/// the same question id.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TermGap {
    pub question: QuestionId,
    pub verdict: Verdict,
    pub severity: u8,
}

/// A paper term and the questions linked to it that diverge, most severe first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TermReport {
    pub term: TermId,
    pub text: String,
    /// Empty when the term holds up in practice too.
    pub gaps: Vec<TermGap>,
    pub worst: u8,
}

/// Everything `compare(a, b)` found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub question_set: String,
    pub title: String,
    pub a: SheetSide,
    pub b: SheetSide,
    /// One per question, in the set's order.
    pub gaps: Vec<Gap>,
    pub overall: Score,
    pub categories: Vec<CategoryScore>,
    /// Parties in id order; empty when no contribution or benefit question was answered.
    pub balance: Vec<PartyBalance>,
    pub imbalanced: bool,
    /// Largest gap first.
    pub perception: Vec<PerceptionGap>,
    /// Worst first; terms with no linked divergence last.
    pub paper_terms: Vec<TermReport>,
}

impl Comparison {
    /// The same comparison with "a" and "b" swapped: what `compare(b, a)` returns.
    pub fn mirrored(&self) -> Comparison {
        let mut m = self.clone();
        std::mem::swap(&mut m.a, &mut m.b);
        for g in &mut m.gaps {
            std::mem::swap(&mut g.a, &mut g.b);
            if let Some(t) = &mut g.text_diff {
                std::mem::swap(&mut t.only_a, &mut t.only_b);
            }
        }
        m
    }

    /// Gaps in severity order (highest first), ties in set order.
    pub fn by_severity(&self) -> Vec<&Gap> {
        let mut v: Vec<&Gap> = self.gaps.iter().collect();
        v.sort_by_key(|g| std::cmp::Reverse(g.severity));
        v
    }
}
