//! Negotiating the gaps: for each divergent or conflicting question, resolutions drawn from
//! the answers, and packages of resolutions across questions that both partners can prefer to
//! settling each question on its own.
//!
//! Each partner's stated preferences are read as a utility (`candidates.rs` says how): a
//! package is worth to a partner the importance-weighted mean of what its resolutions are worth
//! to them, 1 when every question is settled on their first choice. `bargain.rs` finds the
//! packages no other package beats for one partner without costing the other (Pareto-optimal)
//! and, among them, the one with the largest product of both partners' gains (the Nash
//! bargaining solution): a partner concedes where they care little and gains where they care
//! much. Ties go to the more even package.
//!
//! Pure and deterministic, like the rest of the core: the same sheets give the same suggestions.

mod agree;
mod bargain;
mod candidates;
pub mod workflow;

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

pub use agree::{draft_agreement, AgreementMeta, Blocking};
pub use bargain::{frontier, Frontier, Issue, Method, Package};

use crate::answer::Expectation;
use crate::comparison::Verdict;
use crate::diff::{compare, normalize::normalize, ShowCtx};
use crate::{AnswerSheet, Party, PartyId, QuestionId, QuestionSet};

/// The exact frontier is computed while it holds at most this many packages.
pub const EXACT_FRONTIER_CAP: usize = 4096;

/// The severity threshold offered first when freezing: gaps this severe or worse must be
/// resolved.
pub const DEFAULT_THRESHOLD: u8 = 40;

/// Months from the agreement to its first review, by default.
pub const DEFAULT_REVIEW_MONTHS: u32 = 6;

/// Gains further apart than this (in shares of each partner's best) count as uneven.
pub const EVEN_BALANCE: f64 = 0.1;

/// Which partner: the comparison's A or B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// Where a suggested value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "side", rename_all = "snake_case")]
#[ts(export)]
pub enum Origin {
    /// One partner's first choice.
    FirstChoice(Side),
    /// The first choice of the partner who is firm, where the other is flexible or does not
    /// mind.
    FirmerPartner(Side),
    /// A value both partners' acceptable zones contain.
    Overlap,
    /// Halfway between the first choices.
    Midpoint,
    /// An alternative one partner named as acceptable.
    Alternative(Side),
    /// What both named (sets).
    Intersection,
    /// Everything either named (sets).
    Union,
}

/// A possible agreed value for one question.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Resolution {
    /// The value as it would be agreed: parties by id, no acceptable zone.
    pub value: Expectation,
    /// The value in words.
    pub shown: String,
    pub origin: Origin,
    /// Why, in plain words, from the answers.
    pub why: String,
    /// What it is worth to each partner, 0 to 1 (1: their first choice).
    pub utility_a: f64,
    pub utility_b: f64,
    /// The point on an ordered axis, to drop duplicates.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) point: Option<Option<f64>>,
}

/// A question the partners disagree on, with its possible resolutions, best for both first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Disputed {
    pub question: QuestionId,
    pub text: Arc<str>,
    pub verdict: Verdict,
    pub severity: u8,
    pub a_shown: Option<String>,
    pub b_shown: Option<String>,
    pub importance_a: u8,
    pub importance_b: u8,
    pub options: Vec<Resolution>,
}

/// A package: one resolution per disputed question.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Suggestion {
    /// For each disputed question, in order, the index of the chosen resolution.
    pub picks: Vec<usize>,
    /// What the package is worth to each partner, 0 to 1 of their best.
    pub gain_a: f64,
    pub gain_b: f64,
    /// `gain_a × gain_b`, the quantity the top suggestion maximises.
    pub nash: f64,
    /// The gains are within [`EVEN_BALANCE`] of each other.
    pub even: bool,
    /// Why, in plain words: who gets their way where, and the trades.
    pub why: String,
}

/// Everything suggested for a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Suggestions {
    pub a: String,
    pub b: String,
    pub disputed: Vec<Disputed>,
    /// The Nash bargaining solution first, then its neighbours on the Pareto frontier (one
    /// leaning towards each partner), when there are any.
    pub packages: Vec<Suggestion>,
    pub method: Method,
}

/// Suggests resolutions for every divergent or conflicting question between `a` and `b`.
pub fn suggest(set: &QuestionSet, a: &AnswerSheet, b: &AnswerSheet) -> Suggestions {
    let comparison = compare(set, a, b);
    let (by_a, by_b) = (by_question(a), by_question(b));
    let (la, lb) = (comparison.a.label.as_str(), comparison.b.label.as_str());
    let mut disputed = Vec::new();
    for gap in &comparison.gaps {
        if !matches!(gap.verdict, Verdict::Divergent | Verdict::Conflict) {
            continue;
        }
        let (Some(q), Some(ans_a), Some(ans_b)) = (
            set.question(&gap.question),
            by_a.get(&gap.question),
            by_b.get(&gap.question),
        ) else {
            continue;
        };
        let (Some(norm_a), Some(norm_b)) = (
            normalize(&q.kind, &ans_a.value, ans_a, a, true),
            normalize(&q.kind, &ans_b.value, ans_b, b, true),
        ) else {
            continue;
        };
        let pair = candidates::Pair {
            ctx: ShowCtx {
                kind: &q.kind,
                parties: &a.parties,
                la,
                lb,
            },
            sheet: a,
            sheet_b: b,
            a: (ans_a, norm_a),
            b: (ans_b, norm_b),
        };
        let options = candidates::candidates(&pair);
        if options.is_empty() {
            continue;
        }
        disputed.push(Disputed {
            question: gap.question.clone(),
            text: gap.text.clone(),
            verdict: gap.verdict,
            severity: gap.severity,
            a_shown: gap.a.value.clone(),
            b_shown: gap.b.value.clone(),
            importance_a: ans_a.importance.get(),
            importance_b: ans_b.importance.get(),
            options,
        });
    }
    let issues = issues(&disputed);
    let frontier = frontier(&issues, EXACT_FRONTIER_CAP);
    let packages = match frontier.nash() {
        _ if disputed.is_empty() => Vec::new(),
        None => Vec::new(),
        Some(top) => {
            let mut chosen = vec![top];
            if top + 1 < frontier.packages.len() {
                chosen.push(top + 1);
            }
            if top > 0 {
                chosen.push(top - 1);
            }
            chosen
                .into_iter()
                .map(|i| suggestion(&frontier.packages[i], &disputed, la, lb))
                .collect()
        }
    };
    Suggestions {
        a: la.to_string(),
        b: lb.to_string(),
        disputed,
        packages,
        method: frontier.method,
    }
}

/// What `value`, as the agreed value of `question`, is worth to A and to B under their stated
/// preferences (0 to 1 each); `None` if either did not answer or the value does not fit.
pub fn value_utilities(
    set: &QuestionSet,
    a: &AnswerSheet,
    b: &AnswerSheet,
    question: &QuestionId,
    value: &Expectation,
) -> Option<(f64, f64)> {
    let q = set.question(question)?;
    let ans_a = a.answers.iter().find(|x| &x.question == question)?;
    let ans_b = b.answers.iter().find(|x| &x.question == question)?;
    let (la, lb) = (a.party_name().to_string(), b.party_name().to_string());
    let pair = candidates::Pair {
        ctx: ShowCtx {
            kind: &q.kind,
            parties: &a.parties,
            la: &la,
            lb: &lb,
        },
        sheet: a,
        sheet_b: b,
        a: (ans_a, normalize(&q.kind, &ans_a.value, ans_a, a, true)?),
        b: (ans_b, normalize(&q.kind, &ans_b.value, ans_b, b, true)?),
    };
    Some(candidates::utilities(&pair, value))
}

/// A value as it is agreed: without its author's acceptable zone, and with "me" and "partner"
/// (in a party pick or a share split) turned into party ids from `author`'s side, so it reads
/// the same whoever proposed it. "partner" stays as written when there are several others.
pub fn agreed_value(value: &Expectation, author: &PartyId, parties: &[Party]) -> Expectation {
    let others: Vec<&Party> = parties.iter().filter(|p| &p.id != author).collect();
    let by_id = |pick: &str| -> String {
        match (pick, others.as_slice()) {
            ("me", _) => author.0.clone(),
            ("partner", [only]) => only.id.0.clone(),
            _ => pick.to_string(),
        }
    };
    match candidates::own_value_of(value) {
        Expectation::Party(mut party) => {
            party.value = crate::answer::PartyPick::try_from(by_id(party.value.as_str()))
                .unwrap_or(party.value);
            Expectation::Party(party)
        }
        Expectation::Share(mut share) => {
            share.split = share
                .split
                .into_iter()
                .map(|(key, v)| (by_id(&key), v))
                .collect();
            Expectation::Share(share)
        }
        other => other,
    }
}

/// `value`, as an agreed value of `question`, in words (parties named from `a`'s roster).
pub fn describe_value(
    set: &QuestionSet,
    a: &AnswerSheet,
    question: &QuestionId,
    value: &Expectation,
) -> Option<String> {
    let q = set.question(question)?;
    let ctx = ShowCtx {
        kind: &q.kind,
        parties: &a.parties,
        la: "",
        lb: "",
    };
    Some(crate::diff::shown_value(&ctx, value, a))
}

fn by_question(sheet: &AnswerSheet) -> HashMap<&QuestionId, &crate::Answer> {
    sheet.answers.iter().map(|x| (&x.question, x)).collect()
}

/// The bargaining problem of the disputed questions: utilities weighted by each partner's
/// importance, normalised so a package's totals lie in 0..=1.
pub fn issues(disputed: &[Disputed]) -> Vec<Issue> {
    let total_a: f64 = disputed.iter().map(|d| f64::from(d.importance_a)).sum();
    let total_b: f64 = disputed.iter().map(|d| f64::from(d.importance_b)).sum();
    disputed
        .iter()
        .map(|d| {
            let wa = f64::from(d.importance_a) / total_a.max(1.0);
            let wb = f64::from(d.importance_b) / total_b.max(1.0);
            Issue {
                options: d
                    .options
                    .iter()
                    .map(|r| (wa * r.utility_a, wb * r.utility_b))
                    .collect(),
            }
        })
        .collect()
}

fn suggestion(package: &Package, disputed: &[Disputed], la: &str, lb: &str) -> Suggestion {
    let mut a_way = Vec::new();
    let mut b_way = Vec::new();
    let mut met = Vec::new();
    for (d, &pick) in disputed.iter().zip(&package.picks) {
        let r = &d.options[pick];
        let full = |u: f64| u >= 1.0 - 1e-9;
        match (full(r.utility_a), full(r.utility_b)) {
            (true, false) => a_way.push(d),
            (false, true) => b_way.push(d),
            _ => met.push(d),
        }
    }
    let mut why = String::new();
    let count = |n: usize| match n {
        1 => "1 question".to_string(),
        n => format!("{n} questions"),
    };
    let _ = write!(
        why,
        "{la} gets its way on {}, {lb} on {}",
        count(a_way.len()),
        count(b_way.len())
    );
    if !met.is_empty() {
        let _ = write!(why, ", and they meet on {}", count(met.len()));
    }
    why.push_str(". ");
    // The clearest trade: where one gives way on what matters least to it and most to the other.
    let trade = |giver: &[&Disputed], mine: fn(&Disputed) -> u8, theirs: fn(&Disputed) -> u8| {
        giver
            .iter()
            .filter(|d| mine(d) < theirs(d))
            .max_by_key(|d| (theirs(d) - mine(d), d.severity))
            .map(|d| (d.text.clone(), mine(d), theirs(d)))
    };
    if let Some((text, mine, theirs)) = trade(&b_way, |d| d.importance_a, |d| d.importance_b) {
        let _ = write!(
            why,
            "{la} gives way on \"{text}\", which matters less to {la} (importance {mine}) than to {lb} ({theirs}). "
        );
    }
    if let Some((text, mine, theirs)) = trade(&a_way, |d| d.importance_b, |d| d.importance_a) {
        let _ = write!(
            why,
            "{lb} gives way on \"{text}\", which matters less to {lb} (importance {mine}) than to {la} ({theirs}). "
        );
    }
    let (ga, gb) = (package.a, package.b);
    let even = (ga - gb).abs() <= EVEN_BALANCE;
    if !even {
        let (more, less) = if ga > gb { (la, lb) } else { (lb, la) };
        let _ = write!(why, "{more} gains more than {less}. ");
    }
    let _ = write!(
        why,
        "{la} keeps {:.0}% of what it hoped for, {lb} {:.0}%",
        ga * 100.0,
        gb * 100.0
    );
    why.push_str(if even {
        ": an even balance."
    } else {
        "; the balance is uneven."
    });
    Suggestion {
        picks: package.picks.clone(),
        gain_a: ga,
        gain_b: gb,
        nash: package.nash(),
        even,
        why,
    }
}

#[cfg(test)]
mod tests;
