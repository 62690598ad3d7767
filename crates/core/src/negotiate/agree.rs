//! Freezing an Agreement from a round's comparison and the resolution workflow's statuses.
//!
//! Every question both partners answered becomes an agreed item or an open item: aligned and
//! compatible answers are agreed as they stand (compatible ones on the value best for both);
//! disputed questions are agreed when a proposal was accepted, else open. Questions only one
//! partner answered are open. The partners choose a severity threshold: every open item at
//! or above it blocks freezing.

use std::collections::HashMap;

use crate::agreement::{
    AgreedItem, Agreement, AgreementAlliance, FirstExpectation, OpenItem, PartyGain, Settled,
    AGREEMENT_FORMAT, AGREEMENT_VERSION,
};
use crate::comparison::{Gap, Verdict};
use crate::diff::{compare, normalize::normalize, ShowCtx};
use crate::{AnswerSheet, QuestionId, QuestionSet};

use super::by_question;
use super::candidates::{self, Pair};
use super::workflow::ItemStatus;

/// What the partners decide when freezing.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementMeta {
    pub alliance: AgreementAlliance,
    pub number: u32,
    pub round: u32,
    pub agreed_on: String,
    pub review_on: String,
    pub threshold: u8,
}

/// An unresolved question at or above the threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocking {
    pub question: QuestionId,
    pub text: String,
    pub severity: u8,
}

/// The agreement of `a` and `b`'s round with the workflow's `statuses`, or the questions that
/// still block it (most severe first).
pub fn draft_agreement(
    set: &QuestionSet,
    a: &AnswerSheet,
    b: &AnswerSheet,
    statuses: &HashMap<QuestionId, ItemStatus>,
    meta: AgreementMeta,
) -> Result<Agreement, Vec<Blocking>> {
    let comparison = compare(set, a, b);
    let (by_a, by_b) = (by_question(a), by_question(b));
    let (la, lb) = (comparison.a.label.as_str(), comparison.b.label.as_str());
    let expected = |gap: &Gap| {
        vec![
            FirstExpectation {
                party: a.party.clone(),
                shown: gap.a.value.clone(),
            },
            FirstExpectation {
                party: b.party.clone(),
                shown: gap.b.value.clone(),
            },
        ]
    };
    let mut items = Vec::new();
    let mut open = Vec::new();
    let mut blocking = Vec::new();
    let (mut gain_a, mut gain_b, mut weight_a, mut weight_b) = (0.0, 0.0, 0.0, 0.0);
    for gap in &comparison.gaps {
        let question = set.question(&gap.question);
        let (Some(q), Some(ans_a), Some(ans_b)) =
            (question, by_a.get(&gap.question), by_b.get(&gap.question))
        else {
            if gap.a.value.is_some() || gap.b.value.is_some() {
                open.push(open_item(set, gap, expected(gap), None));
                if gap.severity >= meta.threshold {
                    blocking.push(block(gap));
                }
            }
            continue;
        };
        let pair = match (
            normalize(&q.kind, &ans_a.value, ans_a, a, true),
            normalize(&q.kind, &ans_b.value, ans_b, b, true),
        ) {
            (Some(na), Some(nb)) => Pair {
                ctx: ShowCtx {
                    kind: &q.kind,
                    parties: &a.parties,
                    la,
                    lb,
                },
                sheet: a,
                sheet_b: b,
                a: (ans_a, na),
                b: (ans_b, nb),
            },
            _ => {
                open.push(open_item(set, gap, expected(gap), None));
                if gap.severity >= meta.threshold {
                    blocking.push(block(gap));
                }
                continue;
            }
        };
        let settled = match (gap.verdict, statuses.get(&gap.question)) {
            (
                _,
                Some(ItemStatus::Agreed {
                    proposal, comment, ..
                }),
            ) => {
                let comments: Vec<&str> = [proposal.comment.as_deref(), comment.as_deref()]
                    .into_iter()
                    .flatten()
                    .filter(|c| !c.trim().is_empty())
                    .collect();
                Some((
                    proposal.value.clone(),
                    proposal.shown.clone(),
                    Settled::Negotiated,
                    (!comments.is_empty()).then(|| comments.join(" / ")),
                ))
            }
            // Answers that mean the same are agreed in A's words; compatible ones on the value
            // best for both.
            (Verdict::Aligned | Verdict::Compatible, _) => {
                let options = candidates::candidates(&pair);
                let own = options.iter().position(|r| {
                    matches!(
                        r.origin,
                        super::Origin::FirstChoice(super::Side::A)
                            | super::Origin::FirmerPartner(super::Side::A)
                    )
                });
                let pick = match (gap.verdict, own) {
                    (Verdict::Aligned, Some(i)) => i,
                    _ => 0,
                };
                options
                    .into_iter()
                    .nth(pick)
                    .map(|best| (best.value, best.shown, Settled::Aligned, None))
            }
            _ => None,
        };
        match settled {
            Some((value, shown, how, comment)) => {
                let (ua, ub) = candidates::utilities(&pair, &value);
                let (wa, wb) = (
                    f64::from(ans_a.importance.get()),
                    f64::from(ans_b.importance.get()),
                );
                gain_a += wa * ua;
                gain_b += wb * ub;
                weight_a += wa;
                weight_b += wb;
                items.push(AgreedItem {
                    question: gap.question.clone(),
                    category: category_title(set, gap),
                    text: gap.text.to_string(),
                    value,
                    shown,
                    settled: how,
                    verdict: gap.verdict,
                    severity: gap.severity,
                    expected: expected(gap),
                    comment,
                });
            }
            None => {
                let last = match statuses.get(&gap.question) {
                    Some(ItemStatus::Proposed { proposal })
                    | Some(ItemStatus::Open {
                        last: Some(proposal),
                    }) => Some(proposal.shown.clone()),
                    _ => None,
                };
                open.push(open_item(set, gap, expected(gap), last));
                if gap.severity >= meta.threshold {
                    blocking.push(block(gap));
                }
            }
        }
    }
    if !blocking.is_empty() {
        blocking.sort_by_key(|b| std::cmp::Reverse(b.severity));
        return Err(blocking);
    }
    let ratio = |gain: f64, weight: f64| if weight > 0.0 { gain / weight } else { 1.0 };
    let agreement = Agreement {
        format: AGREEMENT_FORMAT.into(),
        version: AGREEMENT_VERSION,
        alliance: meta.alliance,
        parties: a.parties.clone(),
        number: meta.number,
        round: meta.round,
        agreed_on: meta.agreed_on,
        review_on: meta.review_on,
        threshold: meta.threshold,
        items,
        open,
        balance: vec![
            PartyGain {
                party: a.party.clone(),
                gain: ratio(gain_a, weight_a),
            },
            PartyGain {
                party: b.party.clone(),
                gain: ratio(gain_b, weight_b),
            },
        ],
        hash: String::new(),
        signatures: Vec::new(),
    };
    Ok(agreement.with_hash())
}

/// The category's title as people read it ("Money", not "money").
fn category_title(set: &QuestionSet, gap: &Gap) -> String {
    set.categories
        .iter()
        .find(|c| *c.id == *gap.category)
        .map_or_else(|| gap.category.to_string(), |c| c.title.to_string())
}

fn open_item(
    set: &QuestionSet,
    gap: &Gap,
    expected: Vec<FirstExpectation>,
    last: Option<String>,
) -> OpenItem {
    OpenItem {
        question: gap.question.clone(),
        category: category_title(set, gap),
        text: gap.text.to_string(),
        verdict: gap.verdict,
        severity: gap.severity,
        expected,
        last_proposal: last,
    }
}

fn block(gap: &Gap) -> Blocking {
    Blocking {
        question: gap.question.clone(),
        text: gap.text.to_string(),
        severity: gap.severity,
    }
}
