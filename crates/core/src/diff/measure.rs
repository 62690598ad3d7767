//! Step 2: measure how far apart two normalised answers are, each by its own meaning.
//!
//! For every answer type this step answers the same questions: do the first choices mean the
//! same, how big is the gap (0 to 1), does each first choice fall in the other's acceptable zone,
//! do the zones meet at all, is there a conflict in the nature of the values (open-ended against
//! a fixed term, yes against no, options marked incompatible), and can the values be compared at
//! all (different currencies, unconvertible units). It also writes each value in words. It
//! decides no verdict and no severity: that is `classify.rs`, so the rules stay in one place.
//!
//! Inputs arrive in a canonical order (see `mod.rs`), so nothing here needs to be symmetric by
//! itself; still, every gap below is symmetric in its two arguments.

use std::collections::BTreeSet;
use std::fmt::{self, Write};

use super::normalize::{Discrete, Norm, Ordered, Quantity, Reach, Split, Who, Zone};
use super::text::{self, per_year_shown, Num};
use crate::answer::{DurationUnit, YesNo};
use crate::comparison::TextDiff;
use crate::question::{Period, QuestionKind};
use crate::time::format_date;
use crate::Party;

/// What `classify` needs to know about a pair of answers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Measure {
    /// 0 when the first choices mean the same, 1 when they are as far apart as it gets.
    pub gap: f64,
    pub same: bool,
    /// Why the first choices already overlap (ranges, subsets, neighbouring scale points).
    pub overlap: Option<String>,
    pub a_accepts_b: bool,
    pub b_accepts_a: bool,
    /// Both zones are known and no value lies in both.
    pub zones_disjoint: bool,
    /// A conflict by the nature of the two values.
    pub hard: Option<String>,
    /// Why the two values cannot be compared by meaning.
    pub unknown: Option<String>,
    pub a_shown: String,
    pub b_shown: String,
    /// The size of the gap in words ("3 times as often").
    pub note: Option<String>,
    pub text: Option<TextDiff>,
}

/// Context for writing values in words.
pub(crate) struct Ctx<'a> {
    pub kind: &'a QuestionKind,
    pub parties: &'a [Party],
    pub la: &'a str,
    pub lb: &'a str,
}

const EPS: f64 = 1e-9;

pub(crate) fn measure(ctx: &Ctx<'_>, a: &Norm, b: &Norm) -> Measure {
    match (a, b) {
        (Norm::Quantity(x), Norm::Quantity(y)) => quantity(x, y),
        (Norm::Split(x), Norm::Split(y)) => split(ctx, x, y),
        (Norm::Duration(x, ux, vx), Norm::Duration(y, uy, vy)) => {
            duration(x, y, (*ux, *vx), (*uy, *vy))
        }
        (Norm::Frequency(x), Norm::Frequency(y)) => frequency(x, y),
        (Norm::Date(x), Norm::Date(y)) => date(x, y),
        (Norm::Scale(x, lo, hi), Norm::Scale(y, _, _)) => scale(x, y, *lo, *hi),
        (Norm::Choice(x), Norm::Choice(y)) => choice(ctx, x, y),
        (Norm::Set(x), Norm::Set(y)) => set(ctx, x, y),
        (Norm::Party(x), Norm::Party(y)) => party(ctx, x, y),
        (Norm::YesNo(x), Norm::YesNo(y)) => yes_no(x, y),
        (Norm::Text(x), Norm::Text(y)) => free_text(ctx, x, y),
        _ => Measure {
            unknown: Some("the two answers are of different types".into()),
            gap: 0.5,
            ..Measure::default()
        },
    }
}

/// One normalised value in words, for unanswered questions and guesses.
pub(crate) fn shown(ctx: &Ctx<'_>, n: &Norm) -> String {
    match n {
        Norm::Quantity(q) => quantity_shown(q, q.per),
        Norm::Split(s) => split_shown(ctx.parties, s),
        Norm::Duration(o, u, v) => duration_shown(o, *u, *v, false),
        Norm::Frequency(o) => frequency_shown(o),
        Norm::Date(o) => date_shown(o),
        Norm::Scale(o, lo, hi) => format!("{} on {lo}–{hi}", Num(o.first.map_or(0.0, |f| f.0))),
        Norm::Choice(c) => ctx.kind.option_label(c.first).to_string(),
        Norm::Set(s) => set_shown(ctx, s.iter()),
        Norm::Party(p) => who_shown(ctx.parties, &p.first),
        Norm::YesNo(y) => y.first.to_string(),
        Norm::Text(t) => format!("\"{}\"", t.preview),
    }
}

// ---------------------------------------------------------------------------------------------
// Ordered values

fn accepts(reach: &Reach<Zone>, first: Option<(f64, f64)>) -> bool {
    match reach {
        Reach::Any => true,
        Reach::Unstated => false,
        Reach::Known(z) => match first {
            None => z.open,
            Some((lo, hi)) => z.range.is_some_and(|(zl, zh)| {
                let tol = EPS * zl.abs().max(zh.abs()).max(1.0);
                zl <= lo + tol && hi <= zh + tol
            }),
        },
    }
}

fn disjoint(a: &Reach<Zone>, b: &Reach<Zone>) -> bool {
    match (a, b) {
        (Reach::Known(x), Reach::Known(y)) => {
            if x.open && y.open {
                return false;
            }
            match (x.range, y.range) {
                (Some((al, ah)), Some((bl, bh))) => ah < bl || bh < al,
                _ => true,
            }
        }
        _ => false,
    }
}

fn scaled(o: &Ordered, k: f64) -> Ordered {
    let f = |s: (f64, f64)| (s.0 * k, s.1 * k);
    Ordered {
        first: o.first.map(f),
        reach: match &o.reach {
            Reach::Any => Reach::Any,
            Reach::Unstated => Reach::Unstated,
            Reach::Known(z) => Reach::Known(Zone {
                range: z.range.map(f),
                open: z.open,
            }),
        },
    }
}

/// Gap between two intervals: overlapping ones stay under 0.3, apart ones grow with distance.
fn interval_gap(a: (f64, f64), b: (f64, f64)) -> (f64, bool, bool) {
    let scale =
        a.0.abs()
            .max(a.1.abs())
            .max(b.0.abs())
            .max(b.1.abs())
            .max(EPS);
    let same = (a.0 - b.0).abs() <= EPS * scale && (a.1 - b.1).abs() <= EPS * scale;
    if same {
        return (0.0, true, false);
    }
    let dist = (b.0 - a.1).max(a.0 - b.1).max(0.0);
    if dist <= 0.0 {
        let inter = a.1.min(b.1) - a.0.max(b.0);
        let union = a.1.max(b.1) - a.0.min(b.0);
        let g = if union > 0.0 {
            0.3 * (1.0 - inter / union)
        } else {
            0.0
        };
        (g, false, true)
    } else {
        (0.3 + 0.7 * (dist / scale).min(1.0), false, false)
    }
}

fn mid(s: (f64, f64)) -> f64 {
    (s.0 + s.1) / 2.0
}

fn ratio_note(a: f64, b: f64, as_what: &str) -> Option<String> {
    let (lo, hi) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
    if hi <= EPS {
        return None;
    }
    let sep = if as_what.is_empty() { "" } else { " " };
    if lo > EPS && (hi / lo - 2.0).abs() < 0.005 {
        Some(format!("one is twice {as_what}{sep}the other"))
    } else if lo > EPS && hi / lo >= 2.0 {
        Some(format!(
            "one is {} times {as_what}{sep}the other",
            Num(hi / lo)
        ))
    } else {
        Some(format!("{}% apart", Num(((hi - lo) / hi * 100.0).round())))
    }
}

fn zone_flags(m: &mut Measure, a: &Ordered, b: &Ordered) {
    m.a_accepts_b = accepts(&a.reach, b.first);
    m.b_accepts_a = accepts(&b.reach, a.first);
    m.zones_disjoint = disjoint(&a.reach, &b.reach);
}

/// A range in words ("40 to 60", or "50" when both ends are the same), for `format!`.
struct RangeShown((f64, f64));

impl fmt::Display for RangeShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if (s.0 - s.1).abs() <= EPS * s.0.abs().max(1.0) {
            Num(s.0).fmt(f)
        } else {
            write!(f, "{} to {}", Num(s.0), Num(s.1))
        }
    }
}

fn quantity_shown(q: &Quantity, common: Option<Period>) -> String {
    let k = if q.factor > 0.0 { q.factor } else { 1.0 };
    let first = q.axis.first.map_or((0.0, 0.0), |(lo, hi)| (lo / k, hi / k));
    let unit = q.written_unit;
    let sep = if unit.is_empty() || unit == "%" {
        ""
    } else {
        " "
    };
    let mut s = String::with_capacity(2 * unit.len() + 40);
    let _ = write!(s, "{}{sep}{unit}", RangeShown(first));
    if let Some(p) = q.per {
        let _ = write!(s, " a {}", p.noun());
        if let Some(c) = common.filter(|c| *c != p) {
            let k = c.per_year().recip() * p.per_year();
            let _ = write!(
                s,
                " ({}{sep}{unit} a {})",
                RangeShown((first.0 * k, first.1 * k)),
                c.noun()
            );
        }
    }
    s
}

fn quantity(a: &Quantity, b: &Quantity) -> Measure {
    let mut m = Measure::default();
    if a.unit != b.unit || a.per.is_some() != b.per.is_some() {
        m.a_shown = quantity_shown(a, a.per);
        m.b_shown = quantity_shown(b, b.per);
    }
    if a.unit != b.unit {
        m.gap = 0.5;
        m.unknown = Some(if a.currency && b.currency {
            format!("the amounts are in different currencies ({} and {}) and Accord has no exchange rate", a.unit, b.unit)
        } else {
            format!(
                "the units differ ({} and {}) and Accord cannot convert between them",
                a.written_unit, b.written_unit
            )
        });
        return m;
    }
    let (ka, kb, common) = match (a.per, b.per) {
        (Some(pa), Some(pb)) => {
            let c = if pa.per_year() <= pb.per_year() {
                pa
            } else {
                pb
            };
            (
                pa.per_year() / c.per_year(),
                pb.per_year() / c.per_year(),
                Some(c),
            )
        }
        (None, None) => (1.0, 1.0, None),
        (Some(_), None) | (None, Some(_)) => {
            m.gap = 0.5;
            m.unknown = Some("one amount is recurring and the other a one-off total".into());
            return m;
        }
    };
    m.a_shown = quantity_shown(a, common);
    m.b_shown = quantity_shown(b, common);
    let (x, y) = (scaled(&a.axis, ka), scaled(&b.axis, kb));
    let (fa, fb) = (x.first.unwrap_or_default(), y.first.unwrap_or_default());
    let (g, same, overlap) = interval_gap(fa, fb);
    m.gap = g;
    m.same = same;
    if overlap {
        let (lo, hi) = (fa.0.max(fb.0), fa.1.min(fb.1));
        m.overlap = Some(format!("the ranges overlap at {}", RangeShown((lo, hi))));
    }
    m.note = ratio_note(mid(fa), mid(fb), "");
    zone_flags(&mut m, &x, &y);
    m
}

fn duration_shown(
    o: &Ordered,
    unit: Option<DurationUnit>,
    value: Option<f64>,
    days: bool,
) -> String {
    match (o.first, unit, value) {
        (None, _, _) => "open-ended".into(),
        (Some((d, _)), Some(u), Some(v)) => {
            let noun = u.noun((v - 1.0).abs() > EPS);
            if days && u != DurationUnit::Days {
                format!("{} {noun} ({} days)", Num(v), Num(d.round()))
            } else {
                format!("{} {noun}", Num(v))
            }
        }
        (Some((d, _)), _, _) => format!("{} days", Num(d.round())),
    }
}

fn duration(
    a: &Ordered,
    b: &Ordered,
    (ua, va): (Option<DurationUnit>, Option<f64>),
    (ub, vb): (Option<DurationUnit>, Option<f64>),
) -> Measure {
    let days = ua != ub;
    let mut m = Measure {
        a_shown: duration_shown(a, ua, va, days),
        b_shown: duration_shown(b, ub, vb, days),
        ..Measure::default()
    };
    zone_flags(&mut m, a, b);
    match (a.first, b.first) {
        (None, None) => m.same = true,
        (Some(_), None) | (None, Some(_)) => {
            m.gap = 1.0;
            m.hard = Some("an open-ended arrangement and a fixed term cannot both hold".into());
        }
        (Some(x), Some(y)) => {
            let (g, same, _) = interval_gap(x, y);
            m.gap = g;
            // 3 months and 90 days mean the same to people; 2% absorbs calendar rounding.
            m.same = same || (x.0 - y.0).abs() <= 0.5f64.max(0.02 * x.0.max(y.0));
            if !m.same {
                m.note = if x.0.max(y.0) >= 2.0 * x.0.min(y.0) {
                    ratio_note(x.0, y.0, "as long as")
                } else {
                    Some(format!("{} days apart", Num((x.0 - y.0).abs().round())))
                };
            }
        }
    }
    m
}

fn frequency_shown(o: &Ordered) -> String {
    match o.first {
        None => "ad hoc, no fixed rhythm".into(),
        Some((v, _)) => per_year_shown(v),
    }
}

fn frequency(a: &Ordered, b: &Ordered) -> Measure {
    let mut m = Measure {
        a_shown: frequency_shown(a),
        b_shown: frequency_shown(b),
        ..Measure::default()
    };
    zone_flags(&mut m, a, b);
    match (a.first, b.first) {
        (None, None) => m.same = true,
        (Some(_), None) | (None, Some(_)) => {
            m.gap = 0.6;
            m.note = Some("one wants a fixed rhythm, the other meets only when needed".into());
        }
        (Some((x, _)), Some((y, _))) => {
            let r = x.max(y) / x.min(y).max(EPS);
            m.same = r < 1.0 + 1e-6;
            m.gap = (r.ln() / 52f64.ln()).min(1.0);
            if !m.same {
                m.note = Some(if (r - 2.0).abs() < 0.005 {
                    "one expects twice as often as the other".to_string()
                } else {
                    format!("one expects {} times as often as the other", Num(r))
                });
            }
        }
    }
    m
}

fn date_shown(o: &Ordered) -> String {
    o.first
        .map_or_else(String::new, |(d, _)| format_date(d as i64))
}

fn date(a: &Ordered, b: &Ordered) -> Measure {
    let mut m = Measure {
        a_shown: date_shown(a),
        b_shown: date_shown(b),
        ..Measure::default()
    };
    zone_flags(&mut m, a, b);
    let (x, y) = (a.first.unwrap_or_default().0, b.first.unwrap_or_default().0);
    let days = (x - y).abs();
    m.same = days < 0.5;
    m.gap = (days / 365.0).min(1.0);
    if !m.same {
        m.note = Some(format!("{} days apart", Num(days)));
    }
    m
}

fn scale(a: &Ordered, b: &Ordered, lo: u8, hi: u8) -> Measure {
    let (x, y) = (a.first.unwrap_or_default().0, b.first.unwrap_or_default().0);
    let span = f64::from(hi.saturating_sub(lo)).max(1.0);
    let mut m = Measure {
        a_shown: format!("{} on {lo}–{hi}", Num(x)),
        b_shown: format!("{} on {lo}–{hi}", Num(y)),
        ..Measure::default()
    };
    zone_flags(&mut m, a, b);
    let d = (x - y).abs();
    m.same = d < 0.5;
    m.gap = d / span;
    if !m.same {
        m.note = Some(format!(
            "{} point{} apart",
            Num(d),
            if d == 1.0 { "" } else { "s" }
        ));
        if (d - span).abs() < 0.5 {
            m.hard = Some("the answers sit at opposite ends of the scale".into());
        } else if d <= 1.0 && span >= 4.0 {
            m.overlap = Some("they are neighbours on the scale".into());
        }
    }
    m
}

// ---------------------------------------------------------------------------------------------
// Discrete values

/// Distance of `pick` in a ranked zone: 0 for the first choice, up to 0.75 for the last
/// alternative, 1 when outside.
fn rank_gap<T: PartialEq>(d: &Discrete<T>, pick: &T) -> f64 {
    if &d.first == pick {
        return 0.0;
    }
    match &d.reach {
        Reach::Any => 0.5,
        Reach::Unstated => 1.0,
        Reach::Known(()) => match d.accept.iter().position(|x| x == pick) {
            Some(i) => 0.25 + 0.5 * i as f64 / d.accept.len().max(1) as f64,
            None => 1.0,
        },
    }
}

fn in_zone<T: PartialEq>(d: &Discrete<T>, pick: &T) -> bool {
    &d.first == pick
        || match &d.reach {
            Reach::Any => true,
            Reach::Unstated => false,
            Reach::Known(()) => d.accept.contains(pick),
        }
}

fn discrete_flags<T: PartialEq>(m: &mut Measure, a: &Discrete<T>, b: &Discrete<T>) {
    m.same = a.first == b.first;
    m.a_accepts_b = in_zone(a, &b.first);
    m.b_accepts_a = in_zone(b, &a.first);
    m.zones_disjoint = matches!((&a.reach, &b.reach), (Reach::Known(()), Reach::Known(())))
        && !std::iter::once(&a.first)
            .chain(&a.accept)
            .any(|x| in_zone(b, x));
    m.gap = if m.same {
        0.0
    } else {
        ((rank_gap(a, &b.first) + rank_gap(b, &a.first)) / 2.0).min(1.0)
    };
}

fn choice(ctx: &Ctx<'_>, a: &Discrete<&str>, b: &Discrete<&str>) -> Measure {
    let mut m = Measure {
        a_shown: ctx.kind.option_label(a.first).to_string(),
        b_shown: ctx.kind.option_label(b.first).to_string(),
        ..Measure::default()
    };
    discrete_flags(&mut m, a, b);
    if let QuestionKind::Choice { incompatible, .. } = ctx.kind {
        let clash = incompatible
            .iter()
            .any(|[x, y]| (x == a.first && y == b.first) || (y == a.first && x == b.first));
        if clash {
            m.gap = 1.0;
            m.hard = Some("the question marks these two options as incompatible".into());
        }
    }
    m
}

fn set_shown<'a, 'b: 'a>(ctx: &Ctx<'_>, items: impl Iterator<Item = &'a &'b str>) -> String {
    let mut s = String::new();
    push_set_shown(&mut s, ctx, items);
    s
}

fn push_set_shown<'a, 'b: 'a>(
    s: &mut String,
    ctx: &Ctx<'_>,
    items: impl Iterator<Item = &'a &'b str>,
) {
    let start = s.len();
    for i in items {
        if s.len() > start {
            s.push_str(", ");
        }
        s.push_str(ctx.kind.option_label(i));
    }
    if s.len() == start {
        s.push_str("none");
    }
}

fn set(ctx: &Ctx<'_>, a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> Measure {
    let common: BTreeSet<&&str> = a.intersection(b).collect();
    let union = a.union(b).count();
    let jaccard = if union == 0 {
        1.0
    } else {
        common.len() as f64 / union as f64
    };
    let mut m = Measure {
        a_shown: set_shown(ctx, a.iter()),
        b_shown: set_shown(ctx, b.iter()),
        same: a == b,
        gap: 1.0 - jaccard,
        ..Measure::default()
    };
    if !m.same {
        let mut note = String::with_capacity(80);
        if !common.is_empty() {
            note.push_str("in common: ");
            push_set_shown(&mut note, ctx, common.iter().copied());
        }
        for (who, mut only) in [(ctx.la, a.difference(b)), (ctx.lb, b.difference(a))] {
            if let Some(first) = only.next() {
                if !note.is_empty() {
                    note.push_str("; ");
                }
                let _ = write!(note, "only {who}: ");
                push_set_shown(&mut note, ctx, std::iter::once(first).chain(only));
            }
        }
        m.note = Some(note);
        if a.is_subset(b) || b.is_subset(a) {
            m.overlap = Some("one list contains the other".into());
        }
    }
    m
}

fn who_shown(parties: &[Party], w: &Who) -> String {
    match *w {
        Who::Nobody | Who::Parties(0) => "neither side".into(),
        Who::Outsider => "a third party".into(),
        Who::Parties(mask) if parties.len() > 1 && mask.count_ones() as usize == parties.len() => {
            if parties.len() == 2 {
                "both sides".into()
            } else {
                "all parties".into()
            }
        }
        Who::Parties(mask) => {
            let mut s = String::new();
            let named = parties.iter().enumerate().filter(|(i, _)| {
                1u64.checked_shl(*i as u32)
                    .is_some_and(|bit| mask & bit != 0)
            });
            for (_, p) in named {
                if !s.is_empty() {
                    s.push_str(" and ");
                }
                s.push_str(&p.name);
            }
            s
        }
    }
}

fn party(ctx: &Ctx<'_>, a: &Discrete<Who>, b: &Discrete<Who>) -> Measure {
    let mut m = Measure {
        a_shown: who_shown(ctx.parties, &a.first),
        b_shown: who_shown(ctx.parties, &b.first),
        ..Measure::default()
    };
    discrete_flags(&mut m, a, b);
    if let (Who::Parties(x), Who::Parties(y)) = (&a.first, &b.first) {
        if !m.same {
            if x & y == 0 {
                m.gap = 1.0;
                m.hard = Some("each names a different party".into());
            } else {
                m.gap = m.gap.min(0.5);
                m.note = Some("they name overlapping but different parties".into());
            }
        }
    }
    m
}

fn yes_no(a: &Discrete<YesNo>, b: &Discrete<YesNo>) -> Measure {
    let mut m = Measure {
        a_shown: a.first.to_string(),
        b_shown: b.first.to_string(),
        ..Measure::default()
    };
    discrete_flags(&mut m, a, b);
    match (a.first, b.first) {
        (YesNo::Yes, YesNo::No) | (YesNo::No, YesNo::Yes) => {
            m.gap = 1.0;
            m.hard = Some("one says yes, the other no".into());
        }
        (YesNo::Unsure, YesNo::Yes | YesNo::No) | (YesNo::Yes | YesNo::No, YesNo::Unsure) => {
            m.gap = m.gap.min(0.5);
            // Not having made up one's mind is an open question, never a conflict.
            m.zones_disjoint = false;
            m.note = Some("one side has not made up its mind".into());
        }
        (YesNo::Yes, YesNo::Yes) | (YesNo::No, YesNo::No) | (YesNo::Unsure, YesNo::Unsure) => {}
    }
    m
}

fn split_shown(parties: &[Party], s: &Split) -> String {
    let mut out = String::with_capacity(40);
    for (i, p) in parties.iter().enumerate() {
        let v = s.shares.get(&p.id).copied().unwrap_or(0.0);
        let sep = if i == 0 { "" } else { " / " };
        let _ = write!(out, "{sep}{} {}", p.name, Num(v));
    }
    out
}

fn split(ctx: &Ctx<'_>, a: &Split, b: &Split) -> Measure {
    let mut m = Measure {
        a_shown: split_shown(ctx.parties, a),
        b_shown: split_shown(ctx.parties, b),
        ..Measure::default()
    };
    fn share(s: &Split, p: &crate::PartyId) -> f64 {
        s.shares.get(p).copied().unwrap_or(0.0)
    }
    let mut worst = 0.0f64;
    for p in ctx.parties {
        worst = worst.max((share(a, &p.id) - share(b, &p.id)).abs());
    }
    m.same = worst <= 0.5;
    m.gap = (worst / 50.0).min(1.0);
    if !m.same {
        m.note = Some(format!(
            "up to {} point{} apart",
            Num(worst),
            if (worst - 1.0).abs() < 0.01 { "" } else { "s" }
        ));
    }
    let accepts = |me: &Split, other: &Split| match me.reach {
        Reach::Any => true,
        Reach::Unstated => false,
        Reach::Known((lo, hi)) => {
            let s = share(other, &me.author);
            s + 0.5 >= lo && s - 0.5 <= hi
        }
    };
    m.a_accepts_b = accepts(a, b);
    m.b_accepts_a = accepts(b, a);
    if let (Reach::Known((la, ha)), Reach::Known((lb, hb))) = (&a.reach, &b.reach) {
        m.zones_disjoint = if a.author == b.author {
            la.max(*lb) > ha.min(*hb) + 0.5
        } else {
            // Both authors' own shares must fit in 100 together; with two parties they make
            // up the whole 100.
            la + lb > 100.5 || (ctx.parties.len() == 2 && ha + hb < 99.5)
        };
    }
    m
}

fn free_text(ctx: &Ctx<'_>, a: &text::TextN, b: &text::TextN) -> Measure {
    let c = text::compare(a, b);
    let mut m = Measure {
        a_shown: format!("\"{}\"", a.preview),
        b_shown: format!("\"{}\"", b.preview),
        same: a.words == b.words,
        gap: 1.0 - c.similarity,
        ..Measure::default()
    };
    if !c.clashes.is_empty() {
        m.same = false;
        m.gap = m.gap.max(0.6);
        let mut note = String::with_capacity(80 * c.clashes.len());
        for (i, (_, x, y)) in c.clashes.iter().enumerate() {
            let sep = if i == 0 { "" } else { "; " };
            let _ = write!(note, "{sep}{} writes {x}, {} {y}", ctx.la, ctx.lb);
        }
        m.note = Some(note);
    } else if !m.same && c.similarity >= 0.5 {
        m.overlap = Some(format!(
            "the texts share {}% of their words",
            Num((c.similarity * 100.0).round())
        ));
    } else if !m.same {
        m.note = Some(format!(
            "the texts share {}% of their words",
            Num((c.similarity * 100.0).round())
        ));
    }
    m.text = Some(TextDiff {
        similarity: (c.similarity * 100.0).round() / 100.0,
        only_a: c.only_a,
        only_b: c.only_b,
    });
    m
}
