//! The diff engine: compares two answer sheets question by question, by meaning.
//!
//! One step per file, each a pure function of the previous one's output:
//! `normalize.rs` (one frame of reference: days, times a year, party ids) → `measure.rs` (gap,
//! zones, hard conflicts, values in words; `text.rs` reads free text) → `classify.rs` (verdict,
//! severity, reason) → `score.rs` (category and overall scores, give/get, paper terms). This
//! file drives them and owns the one rule that makes the diff symmetric: each pair of answers is
//! put in a canonical order (by party id, then respondent) before it is measured, and the result
//! is turned back to the caller's order afterwards. So `compare(b, a)` is exactly the mirror of
//! `compare(a, b)`: same verdicts, same severities, same reasons. `rescore.rs` gives the same
//! verdicts, severities and scores without the words, for a history of many revisions.
//!
//! It assumes both sheets passed [`crate::sheet::check_sheet`] against `set`; an answer that
//! does not fit its question is treated as missing, never as a panic. It suggests no
//! resolutions (a later `suggest.rs`).

mod classify;
mod measure;
pub(crate) mod normalize;
mod rescore;
mod score;
mod text;

use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::answer::Answer;
use crate::comparison::{AnswerView, Comparison, Gap, PerceptionGap, SheetSide, Verdict};
use crate::question::{Question, QuestionSet};
use crate::sheet::{common_set, AnswerSheet, SheetError};
use crate::QuestionId;

pub(crate) use classify::possessive;
use measure::Ctx;
pub(crate) use measure::Ctx as ShowCtx;
use normalize::Norm;
pub(crate) use rescore::Rescorer;
use score::Scored;
pub use score::IMBALANCE_POINTS;

/// A percentage or other figure as the reports write it: thousands separated, at most two
/// decimals.
pub fn fmt_pct(x: f64) -> String {
    text::fmt_num(x)
}

/// An agreed value (no zone, parties by id) in words, as the comparison writes answers.
pub(crate) fn shown_value(
    ctx: &ShowCtx<'_>,
    value: &crate::answer::Expectation,
    sheet: &AnswerSheet,
) -> String {
    let answer = Answer {
        question: QuestionId(String::new()),
        value: value.clone(),
        importance: crate::answer::Importance::default(),
        flexibility: crate::answer::Flexibility::Flexible,
        note: None,
        guess: None,
    };
    match normalize::normalize(ctx.kind, value, &answer, sheet, false) {
        Some(norm) => measure::shown(ctx, &norm),
        None => String::from("(cannot be shown)"),
    }
}

/// Compares two sheets that answer the same question set; the sets are resolved and checked.
pub fn compare_sheets(a: &AnswerSheet, b: &AnswerSheet) -> Result<Comparison, SheetError> {
    let set = common_set(a, b)?;
    Ok(compare(&set, a, b))
}

/// FxHash-style hashing for question ids: SipHash's protection against crafted keys buys
/// nothing for local files, and hashing was a visible share of comparing 10,000 questions.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        // splitmix64's finalizer: the table picks buckets from the low bits, which a bare
        // multiply leaves poorly mixed.
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }
}

type AnswerIndex<'a> = HashMap<&'a QuestionId, &'a Answer, BuildHasherDefault<IdHasher>>;

struct Sheet<'a> {
    sheet: &'a AnswerSheet,
    label: String,
    /// Built on the first lookup the in-order walk cannot answer.
    answers: OnceCell<AnswerIndex<'a>>,
}

impl<'a> Sheet<'a> {
    fn new(sheet: &'a AnswerSheet, label: String) -> Self {
        Sheet {
            sheet,
            label,
            answers: OnceCell::new(),
        }
    }

    /// The answer to `id`. Sheets usually list answers in the set's order, so the next answer
    /// after the last one found is tried first; the index covers any other order.
    fn find(&self, id: &QuestionId, cursor: &mut usize) -> Option<&'a Answer> {
        if let Some(next) = self.sheet.answers.get(*cursor) {
            if &next.question == id {
                *cursor += 1;
                return Some(next);
            }
        }
        self.answers
            .get_or_init(|| {
                self.sheet
                    .answers
                    .iter()
                    .map(|x| (&x.question, x))
                    .collect()
            })
            .get(id)
            .copied()
    }

    fn key(&self) -> (&str, &str, &str) {
        (
            self.sheet.party.0.as_str(),
            self.sheet.respondent.name.as_str(),
            self.sheet.respondent.role.as_deref().unwrap_or(""),
        )
    }
}

/// How the comparison names the two sheets: by party, and by respondent too when both speak
/// for the same party.
fn labels(a: &AnswerSheet, b: &AnswerSheet) -> (String, String) {
    let same_party = a.party == b.party;
    let label = |s: &AnswerSheet| {
        if same_party {
            format!("{} ({})", s.party_name(), s.respondent.name)
        } else {
            s.party_name().to_string()
        }
    };
    (label(a), label(b))
}

/// The canonical order of two sheets: `Greater` when `b` is measured first.
fn sheet_order(sa: &Sheet<'_>, sb: &Sheet<'_>) -> Ordering {
    // Two respondents with the same party, name and role: order by content, so the order is
    // still the same whichever sheet came first (only equal sheets tie, and they compare equal).
    sa.key()
        .cmp(&sb.key())
        .then_with(|| format!("{:?}", sa.sheet.answers).cmp(&format!("{:?}", sb.sheet.answers)))
}

/// `a` and `b` in canonical order.
fn canonical<T>(order: Ordering, a: T, b: T) -> (T, T) {
    if order == Ordering::Greater {
        (b, a)
    } else {
        (a, b)
    }
}

/// `ans` (an answer to `q` in `sheet`) in the common frame, zones included.
fn normalized<'a>(
    q: &'a Question,
    ans: Option<&'a Answer>,
    sheet: &AnswerSheet,
) -> Option<Norm<'a>> {
    ans.and_then(|x| normalize::normalize(&q.kind, &x.value, x, sheet, true))
}

/// Compares sheet `a` with sheet `b` over `set`.
pub fn compare(set: &QuestionSet, a: &AnswerSheet, b: &AnswerSheet) -> Comparison {
    let (label_a, label_b) = labels(a, b);
    let sa = Sheet::new(a, label_a);
    let sb = Sheet::new(b, label_b);
    let sheet_order = sheet_order(&sa, &sb);
    let category_of = score::category_indices(set);

    let (mut cursor_a, mut cursor_b) = (0, 0);
    let mut gaps = Vec::with_capacity(set.questions.len());
    let mut weights = Vec::with_capacity(set.questions.len());
    let mut perception: Vec<(usize, PerceptionGap)> = Vec::new();
    let balance_questions = set.questions.iter().filter(|q| q.balance.is_some()).count();
    let mut bal_a = Vec::with_capacity(balance_questions);
    let mut bal_b = Vec::with_capacity(balance_questions);
    for q in &set.questions {
        let ans_a = sa.find(&q.id, &mut cursor_a);
        let ans_b = sb.find(&q.id, &mut cursor_b);
        let norm_a = normalized(q, ans_a, a);
        let norm_b = normalized(q, ans_b, b);
        let (x, y) = canonical(
            sheet_order,
            (&sa, ans_a, norm_a.as_ref()),
            (&sb, ans_b, norm_b.as_ref()),
        );
        let mut gap = judge(q, a, x, y);
        if sheet_order == Ordering::Greater {
            std::mem::swap(&mut gap.a, &mut gap.b);
            if let Some(t) = &mut gap.text_diff {
                std::mem::swap(&mut t.only_a, &mut t.only_b);
            }
        }
        weights.push(score::importance(ans_a, ans_b));
        for (guesser, ans_g, other, norm_o) in [
            (&sa, ans_a, &sb, norm_b.as_ref()),
            (&sb, ans_b, &sa, norm_a.as_ref()),
        ] {
            if let (Some(g), Some(actual)) = (ans_g, norm_o) {
                if let Some(p) = perceive(q, guesser, g, other, actual) {
                    perception.push((gaps.len(), p));
                }
            }
        }
        if let Some(role) = q.balance {
            if let Some(n) = norm_a {
                bal_a.push((role, n));
            }
            if let Some(n) = norm_b {
                bal_b.push((role, n));
            }
        }
        gaps.push(gap);
    }

    let scored = |i: usize| Scored {
        verdict: gaps[i].verdict,
        severity: gaps[i].severity,
        weight: weights[i],
    };
    let overall = score::score((0..gaps.len()).map(scored));
    let categories = score::categories(set, scored, &category_of);
    let mut inputs = [
        score::BalanceInput {
            label: &sa.label,
            answers: bal_a.iter().map(|(r, n)| (*r, n)).collect(),
        },
        score::BalanceInput {
            label: &sb.label,
            answers: bal_b.iter().map(|(r, n)| (*r, n)).collect(),
        },
    ];
    if sheet_order == Ordering::Greater {
        inputs.swap(0, 1);
    }
    let (balance, imbalanced) = score::balance(&a.parties, &inputs);
    // Largest gap first, then in set order; the labels settle the rest, never the sheet order.
    perception.sort_by(|(i, x), (j, y)| {
        y.gap
            .cmp(&x.gap)
            .then(i.cmp(j))
            .then_with(|| x.guesser.cmp(&y.guesser))
            .then_with(|| x.guessed.cmp(&y.guessed))
            .then_with(|| x.actual.cmp(&y.actual))
    });
    let perception = perception.into_iter().map(|(_, p)| p).collect();
    let paper_terms = score::paper_terms(set, &gaps);

    Comparison {
        question_set: set.id.clone(),
        title: set.title.clone(),
        a: side(&sa),
        b: side(&sb),
        gaps,
        overall,
        categories,
        balance,
        imbalanced,
        perception,
        paper_terms,
    }
}

fn side(s: &Sheet<'_>) -> SheetSide {
    SheetSide {
        party: s.sheet.party.clone(),
        party_name: s.sheet.party_name().to_string(),
        respondent: s.sheet.respondent.name.clone(),
        label: s.label.clone(),
    }
}

type SideIn<'a, 'b> = (&'b Sheet<'a>, Option<&'a Answer>, Option<&'b Norm<'a>>);

fn view(
    ctx: &Ctx<'_>,
    ans: Option<&Answer>,
    norm: Option<&Norm>,
    shown: Option<String>,
) -> AnswerView {
    AnswerView {
        value: shown.or_else(|| norm.map(|n| measure::shown(ctx, n))),
        importance: ans.map(|x| x.importance.get()),
        flexibility: ans.map(|x| x.flexibility),
        note: ans.and_then(|x| x.note.clone()),
    }
}

/// What decides a question's place in the scores: its verdict and severity, and, when both
/// sides answered, the measurement they were decided from (the values and the gap in words).
struct Judgement {
    verdict: Verdict,
    severity: u8,
    measure: Option<measure::Measure>,
}

/// The one place a question's verdict and severity are decided, with each side's answer and
/// normalised answer in canonical order. `judge` writes the gap from it; a scores-only pass
/// (`rescore.rs`) keeps only the verdict and severity.
fn assess(
    ctx: &Ctx<'_>,
    x: (Option<&Answer>, Option<&Norm<'_>>),
    y: (Option<&Answer>, Option<&Norm<'_>>),
) -> Judgement {
    match (x.0.zip(x.1), y.0.zip(y.1)) {
        (Some((ax, nx)), Some((ay, ny))) => {
            let m = measure::measure(ctx, nx, ny);
            let verdict = classify::verdict(&m);
            let severity = classify::severity(verdict, m.gap, classify::weight(ax, ay));
            Judgement {
                verdict,
                severity,
                measure: Some(m),
            }
        }
        (Some((ax, _)), None) | (None, Some((ax, _))) => Judgement {
            verdict: Verdict::Unanswered,
            severity: classify::unanswered_severity(ax),
            measure: None,
        },
        (None, None) => Judgement {
            verdict: Verdict::Unanswered,
            severity: 0,
            measure: None,
        },
    }
}

/// The context values are measured and written in for question `q`, with the sheets labelled
/// `la` and `lb` in canonical order; parties are those of `any` (both sheets list the same).
fn ctx_for<'c>(q: &'c Question, any: &'c AnswerSheet, la: &'c str, lb: &'c str) -> Ctx<'c> {
    Ctx {
        kind: &q.kind,
        parties: &any.parties,
        la,
        lb,
    }
}

/// One question, with `x` and `y` already in canonical order.
fn judge(q: &Question, any: &AnswerSheet, x: SideIn<'_, '_>, y: SideIn<'_, '_>) -> Gap {
    let ctx = ctx_for(q, any, &x.0.label, &y.0.label);
    let Judgement {
        verdict,
        severity,
        measure: measured,
    } = assess(&ctx, (x.1, x.2), (y.1, y.2));
    let base = |reason, va, vb, text_diff| Gap {
        question: q.id.clone(),
        category: q.category.clone(),
        text: q.text.clone(),
        term: q.term.clone(),
        verdict,
        severity,
        reason,
        a: va,
        b: vb,
        text_diff,
    };
    match (measured, x.2.or(y.2)) {
        (Some(m), _) => {
            let reason = classify::reason(verdict, &m, ctx.la, ctx.lb);
            base(
                reason,
                view(&ctx, x.1, x.2, Some(m.a_shown)),
                view(&ctx, y.1, y.2, Some(m.b_shown)),
                m.text,
            )
        }
        (None, Some(answered)) => {
            let who = if x.2.is_some() { ctx.la } else { ctx.lb };
            let reason = format!("only {who} answered: {}", measure::shown(&ctx, answered));
            base(
                reason,
                view(&ctx, x.1.filter(|_| x.2.is_some()), x.2, None),
                view(&ctx, y.1.filter(|_| y.2.is_some()), y.2, None),
                None,
            )
        }
        (None, None) => base(
            "neither side answered".into(),
            view(&ctx, None, None, None),
            view(&ctx, None, None, None),
            None,
        ),
    }
}

/// How far `guesser`'s guess of `other`'s answer was from that answer.
fn perceive(
    q: &Question,
    guesser: &Sheet<'_>,
    ans: &Answer,
    other: &Sheet<'_>,
    actual: &Norm,
) -> Option<PerceptionGap> {
    let guess = ans.guess.as_ref()?;
    let guessed = normalize::normalize(&q.kind, guess, ans, guesser.sheet, false)?;
    let ctx = Ctx {
        kind: &q.kind,
        parties: &guesser.sheet.parties,
        la: &guesser.label,
        lb: &other.label,
    };
    let m = measure::measure(&ctx, &guessed, actual);
    let gap = if m.same {
        0
    } else {
        (m.gap.clamp(0.0, 1.0) * 100.0).round().max(1.0) as u8
    };
    let reason = if m.same {
        format!(
            "{} rightly expected {} to answer {}",
            guesser.label, other.label, m.b_shown
        )
    } else {
        format!(
            "{} thought {} would answer {}; {} answered {}",
            guesser.label, other.label, m.a_shown, other.label, m.b_shown
        )
    };
    Some(PerceptionGap {
        question: q.id.clone(),
        guesser: guesser.label.clone(),
        guessed: m.a_shown,
        actual: m.b_shown,
        gap,
        reason,
    })
}

#[cfg(test)]
mod tests;
