//! Scores only, over a history: the verdict and severity of every question, and the overall and
//! per-category scores, for one pair of sheets after another. An alliance's timeline compares
//! the partners' answers at every revision and a drift looks at every check-in; consecutive
//! revisions usually differ in one answer, and only scores (or verdicts) are kept.
//!
//! A [`Rescorer`] gives each question the verdict and severity `compare` gives its gap: both
//! call `assess` in `mod.rs` with the same answers, normalised the same way, in the same
//! canonical order and context. It writes no reasons or values in words, and skips what scores
//! do not need (perception gaps, give/get, paper terms). It re-judges only the questions whose
//! two answers differ from those of the previous pair it was given. Everything else a
//! judgement depends on (the sheets' labels, their parties, the party each speaks for, their
//! canonical order) is compared too, and any change there re-judges every question.
//!
//! Answers are compared with `==`. The only different values it equates are +0 and −0, which
//! the engine cannot tell apart: it only compares, adds, subtracts and multiplies numbers,
//! takes their absolute value, minimum or maximum, and divides by constants or by values kept
//! away from zero. NaN never equals itself, which costs only a re-judgement.

use std::cmp::Ordering;

use super::score::{self, Scored};
use super::{assess, canonical, ctx_for, labels, normalized, sheet_order, Sheet};
use crate::answer::Answer;
use crate::comparison::{CategoryScore, Score};
use crate::question::QuestionSet;
use crate::sheet::AnswerSheet;
use crate::{Party, PartyId};

/// One question's place in the scores, as `compare` decides it for its gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Judged {
    pub scored: Scored,
    /// Whether sheet `a`'s answer counts (given, and fitting the question): the comparison
    /// shows a value for `a` exactly then.
    pub a_answered: bool,
}

/// What a question's judgement depends on besides its two answers.
#[derive(Debug, PartialEq)]
struct Frame {
    labels: (String, String),
    parties: (Vec<Party>, Vec<Party>),
    party: (PartyId, PartyId),
    order: Ordering,
}

impl Frame {
    fn fits(&self, a: &Sheet<'_>, b: &Sheet<'_>, order: Ordering) -> bool {
        self.order == order
            && self.labels.0 == a.label
            && self.labels.1 == b.label
            && self.party.0 == a.sheet.party
            && self.party.1 == b.sheet.party
            && self.parties.0 == a.sheet.parties
            && self.parties.1 == b.sheet.parties
    }
}

/// Judges pairs of sheets over one question set, remembering each question's last two
/// answers and judgement.
pub(crate) struct Rescorer<'s> {
    set: &'s QuestionSet,
    category_of: Vec<Option<usize>>,
    /// The frame of the previous pair; `None` before the first.
    frame: Option<Frame>,
    /// Per question in set order, the previous pair's answers (empty before the first pair or
    /// after a change of frame).
    answers: Vec<(Option<Answer>, Option<Answer>)>,
    /// Per question in set order, the previous pair's judgement.
    judged: Vec<Judged>,
}

impl<'s> Rescorer<'s> {
    pub(crate) fn new(set: &'s QuestionSet) -> Self {
        Rescorer {
            set,
            category_of: score::category_indices(set),
            frame: None,
            answers: Vec::with_capacity(set.questions.len()),
            judged: Vec::with_capacity(set.questions.len()),
        }
    }

    /// Every question of `a` against `b`, in set order: the verdicts and severities of
    /// `compare(set, a, b).gaps`, and the importance that weights each in the scores.
    pub(crate) fn judge(&mut self, a: &AnswerSheet, b: &AnswerSheet) -> &[Judged] {
        let (label_a, label_b) = labels(a, b);
        let sa = Sheet::new(a, label_a);
        let sb = Sheet::new(b, label_b);
        let order = sheet_order(&sa, &sb);
        if !self.frame.as_ref().is_some_and(|f| f.fits(&sa, &sb, order)) {
            self.answers.clear();
            self.judged.clear();
            self.frame = Some(Frame {
                labels: (sa.label.clone(), sb.label.clone()),
                parties: (a.parties.clone(), b.parties.clone()),
                party: (a.party.clone(), b.party.clone()),
                order,
            });
        }
        let (mut cursor_a, mut cursor_b) = (0, 0);
        for (i, q) in self.set.questions.iter().enumerate() {
            let ans_a = sa.find(&q.id, &mut cursor_a);
            let ans_b = sb.find(&q.id, &mut cursor_b);
            if let Some((was_a, was_b)) = self.answers.get(i) {
                if was_a.as_ref() == ans_a && was_b.as_ref() == ans_b {
                    continue;
                }
            }
            let norm_a = normalized(q, ans_a, a);
            let norm_b = normalized(q, ans_b, b);
            let ((lx, x), (ly, y)) = canonical(
                order,
                (&sa.label, (ans_a, norm_a.as_ref())),
                (&sb.label, (ans_b, norm_b.as_ref())),
            );
            let judgement = assess(&ctx_for(q, a, lx, ly), x, y);
            let judged = Judged {
                scored: Scored {
                    verdict: judgement.verdict,
                    severity: judgement.severity,
                    weight: score::importance(ans_a, ans_b),
                },
                a_answered: norm_a.is_some(),
            };
            let answers = (ans_a.cloned(), ans_b.cloned());
            if i < self.judged.len() {
                self.answers[i] = answers;
                self.judged[i] = judged;
            } else {
                self.answers.push(answers);
                self.judged.push(judged);
            }
        }
        &self.judged
    }

    /// The overall and per-category scores of `compare(set, a, b)`.
    pub(crate) fn scores(
        &mut self,
        a: &AnswerSheet,
        b: &AnswerSheet,
    ) -> (Score, Vec<CategoryScore>) {
        self.judge(a, b);
        let scored = |i: usize| self.judged[i].scored;
        let overall = score::score((0..self.judged.len()).map(scored));
        let categories = score::categories(self.set, scored, &self.category_of);
        (overall, categories)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_sheets;
    use crate::diff::compare;
    use crate::sheet::resolve_set;
    use crate::QuestionId;

    fn expected(set: &QuestionSet, a: &AnswerSheet, b: &AnswerSheet) -> Vec<Judged> {
        let c = compare(set, a, b);
        fn find<'a>(s: &'a AnswerSheet, q: &QuestionId) -> Option<&'a Answer> {
            s.answers.iter().find(|x| &x.question == q)
        }
        let weights = set
            .questions
            .iter()
            .map(|q| score::importance(find(a, &q.id), find(b, &q.id)));
        c.gaps
            .iter()
            .zip(weights)
            .map(|(g, weight)| Judged {
                scored: Scored {
                    verdict: g.verdict,
                    severity: g.severity,
                    weight,
                },
                a_answered: g.a.value.is_some(),
            })
            .collect()
    }

    #[test]
    fn judges_like_compare_through_changes_of_answers_and_of_frame() {
        let (a, b) = demo_sheets();
        let set = resolve_set(&a).expect("built in");
        let mut moved = a.clone();
        moved.answers.swap(0, 1);
        moved.answers[2].value = b.answers[2].value.clone();
        let mut dropped = a.clone();
        dropped.answers.remove(3);
        let mut renamed = b.clone();
        renamed.parties[0].name = "Renamed".into();
        let mut rescorer = Rescorer::new(&set);
        for (x, y) in [
            (&a, &b),
            (&a, &b),
            (&moved, &b),
            (&dropped, &b),
            (&b, &a),
            (&a, &a),
            (&moved, &a),
            (&a, &renamed),
            (&renamed, &a),
        ] {
            assert_eq!(rescorer.judge(x, y), expected(&set, x, y).as_slice());
            let c = compare(&set, x, y);
            assert_eq!(rescorer.scores(x, y), (c.overall, c.categories));
        }
    }
}
