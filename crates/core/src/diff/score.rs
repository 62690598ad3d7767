//! Step 4: sum the per-question gaps into what partners look at first.
//!
//! Scores per category and overall (100 minus the importance-weighted mean severity), each
//! partner's give/get balance from the contribution and benefit questions (imbalanced
//! alliances fail far more often than balanced ones, so an imbalance is flagged), the
//! perception gaps between one side's guess and the other's real answer, and, for each paper
//! term, the linked questions that diverge. Every list is ordered by content, never by which
//! sheet came first, so the mirror comparison gives the same lists.

use std::collections::BTreeMap;

use super::normalize::{Norm, Who};
use crate::answer::Answer;
use crate::comparison::{
    BalanceView, CategoryScore, Gap, PartyBalance, Score, TermGap, TermReport, Verdict,
};
use crate::question::{Balance, QuestionSet};
use crate::Party;

/// Share points between give and get (or between two views of them) that count as imbalance.
pub const IMBALANCE_POINTS: f64 = 15.0;

/// What scoring needs of one question: its verdict, its severity, and the importance that
/// weights it. A full comparison takes it from its gaps, a scores-only pass from its judgements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub verdict: Verdict,
    pub severity: u8,
    pub weight: f64,
}

/// Scores over questions.
pub(crate) fn score(items: impl Iterator<Item = Scored>) -> Score {
    let mut s = Score::default();
    let (mut weighted, mut weights) = (0.0, 0.0);
    for Scored {
        verdict,
        severity,
        weight: w,
    } in items
    {
        match verdict {
            Verdict::Aligned => s.aligned += 1,
            Verdict::Compatible => s.compatible += 1,
            Verdict::Divergent => s.divergent += 1,
            Verdict::Conflict => s.conflict += 1,
            Verdict::Unanswered => s.unanswered += 1,
        }
        if w > 0.0 {
            weighted += w * f64::from(severity);
            weights += w;
        }
    }
    if weights > 0.0 {
        s.score = Some((100.0 - weighted / weights).round().clamp(0.0, 100.0) as u8);
    }
    s
}

/// Mean importance of the answers given, 0 when neither answered.
pub(crate) fn importance(a: Option<&Answer>, b: Option<&Answer>) -> f64 {
    let (mut sum, mut n) = (0.0, 0.0);
    for x in [a, b].into_iter().flatten() {
        sum += f64::from(x.importance.get());
        n += 1.0;
    }
    if n == 0.0 {
        0.0
    } else {
        sum / n
    }
}

/// For each question of `set`, the index in `set.categories` of its category (`None` when the
/// category is unknown: such a question counts only overall).
pub(crate) fn category_indices(set: &QuestionSet) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = Vec::with_capacity(set.questions.len());
    for q in &set.questions {
        // Questions come grouped by category, so the previous question's category usually fits.
        let cat = match out.last() {
            Some(&Some(i)) if *set.categories[i].id == *q.category => Some(i),
            _ => set.categories.iter().position(|c| *c.id == *q.category),
        };
        out.push(cat);
    }
    out
}

/// Scores per category; `scored(i)` is question `i`'s and `category_of` comes from
/// [`category_indices`].
pub(crate) fn categories(
    set: &QuestionSet,
    scored: impl Fn(usize) -> Scored,
    category_of: &[Option<usize>],
) -> Vec<CategoryScore> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); set.categories.len()];
    for (i, c) in category_of.iter().enumerate() {
        if let Some(c) = c {
            members[*c].push(i);
        }
    }
    set.categories
        .iter()
        .zip(members)
        .map(|(c, idx)| CategoryScore {
            category: c.id.clone(),
            title: c.title.clone(),
            score: score(idx.into_iter().map(&scored)),
        })
        .collect()
}

/// One party's share of a contribution or benefit in one sheet's answer, in percent.
/// `index` is the party's position in the sheets' party list.
pub(crate) fn share_of(norm: &Norm, party: &Party, index: usize) -> Option<f64> {
    let bit = 1u64.checked_shl(index as u32).unwrap_or(0);
    match norm {
        Norm::Split(s) => Some(s.shares.get(&party.id).copied().unwrap_or(0.0)),
        Norm::Party(d) => match d.first {
            Who::Parties(mask) if mask & bit != 0 => Some(100.0 / f64::from(mask.count_ones())),
            Who::Parties(_) | Who::Nobody | Who::Outsider => Some(0.0),
        },
        _ => None,
    }
}

/// Per sheet (label, in canonical order): per question, its balance role and normalised answer.
pub(crate) struct BalanceInput<'a> {
    pub label: &'a str,
    pub answers: Vec<(Balance, &'a Norm<'a>)>,
}

pub(crate) fn balance(parties: &[Party], views: &[BalanceInput<'_>]) -> (Vec<PartyBalance>, bool) {
    let mut out = Vec::new();
    let mut sorted: Vec<(usize, &Party)> = parties.iter().enumerate().collect();
    sorted.sort_by(|x, y| x.1.id.cmp(&y.1.id));
    for (index, party) in sorted {
        let mut pv = Vec::new();
        for v in views {
            let mean = |role: Balance| {
                let xs: Vec<f64> = v
                    .answers
                    .iter()
                    .filter(|(r, _)| *r == role)
                    .filter_map(|(_, n)| share_of(n, party, index))
                    .collect();
                (!xs.is_empty())
                    .then(|| (xs.iter().sum::<f64>() / xs.len() as f64 * 10.0).round() / 10.0)
            };
            pv.push(BalanceView {
                by: v.label.to_string(),
                give: mean(Balance::Contribution),
                get: mean(Balance::Benefit),
            });
        }
        if pv.iter().all(|x| x.give.is_none() && x.get.is_none()) {
            continue;
        }
        let mut why = Vec::new();
        for x in &pv {
            if let (Some(g), Some(t)) = (x.give, x.get) {
                if (g - t).abs() > IMBALANCE_POINTS {
                    why.push(format!(
                        "in {} answers {} gives {}% and gets {}%",
                        super::classify::possessive(&x.by),
                        party.name,
                        super::text::Num(g),
                        super::text::Num(t)
                    ));
                }
            }
        }
        for (i, x) in pv.iter().enumerate() {
            for y in &pv[i + 1..] {
                for (what, p, q) in [("give", x.give, y.give), ("get", x.get, y.get)] {
                    if let (Some(p), Some(q)) = (p, q) {
                        if (p - q).abs() > IMBALANCE_POINTS {
                            why.push(format!(
                                "{} and {} disagree on what {} should {what} ({}% against {}%)",
                                x.by,
                                y.by,
                                party.name,
                                super::text::Num(p),
                                super::text::Num(q)
                            ));
                        }
                    }
                }
            }
        }
        let imbalanced = !why.is_empty();
        let reason = if imbalanced {
            why.join("; ")
        } else {
            format!("{} gives and gets about the same share", party.name)
        };
        out.push(PartyBalance {
            party: party.id.clone(),
            party_name: party.name.clone(),
            views: pv,
            imbalanced,
            reason,
        });
    }
    let any = out.iter().any(|p| p.imbalanced);
    (out, any)
}

pub(crate) fn paper_terms(set: &QuestionSet, gaps: &[Gap]) -> Vec<TermReport> {
    let mut by_term: BTreeMap<&str, Vec<&Gap>> = BTreeMap::new();
    for g in gaps {
        if let Some(t) = &g.term {
            if matches!(g.verdict, Verdict::Divergent | Verdict::Conflict) {
                by_term.entry(t.0.as_str()).or_default().push(g);
            }
        }
    }
    let mut out: Vec<(usize, TermReport)> = set
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut list = by_term.remove(t.id.0.as_str()).unwrap_or_default();
            list.sort_by_key(|g| std::cmp::Reverse(g.severity));
            let gaps: Vec<TermGap> = list
                .into_iter()
                .map(|g| TermGap {
                    question: g.question.clone(),
                    verdict: g.verdict,
                    severity: g.severity,
                })
                .collect();
            let worst = gaps.first().map_or(0, |g| g.severity);
            (
                i,
                TermReport {
                    term: t.id.clone(),
                    text: t.text.clone(),
                    gaps,
                    worst,
                },
            )
        })
        .collect();
    out.sort_by(|(i, x), (j, y)| y.worst.cmp(&x.worst).then(i.cmp(j)));
    out.into_iter().map(|(_, t)| t).collect()
}
