//! Candidate resolutions for one disputed question, each with what it is worth to either
//! partner under their own stated preferences.
//!
//! The utility of a value to a partner, from their answer:
//! - their first choice is worth 1;
//! - inside their acceptable zone it is worth less: ranked options in order (the k-th of n
//!   alternatives is worth `1 - 0.75·k/n`), ranges falling off linearly from 1 at the first
//!   choice to 0.25 at the zone's edge; sets by their overlap with the first choice (Jaccard);
//! - outside the zone it is worth 0;
//! - "don't care" makes every value worth 1; "flexible" without a zone falls off to 0.25 at a
//!   quarter of the first choice's size (30 days for dates, a quarter of a scale) and to 0
//!   beyond; "firm" is a zone of the first choice alone.
//!
//! Candidates come from the answers: each partner's first choice, the overlap of both zones
//! (its ends nearest each first choice, and its middle), the midpoint of the first choices,
//! and the alternatives either partner named. Values are in the common frame of the diff
//! engine (`diff::normalize`), so A's "me" and B's "partner" are the same party.

use std::collections::BTreeSet;

use crate::answer::{
    ChoiceValue, DateValue, DurationUnit, DurationValue, Expectation, Flexibility, FrequencyValue,
    NumberValue, PartyPick, PartyValue, ScaleValue, SetValue, ShareValue, YesNoValue,
};
use crate::diff::normalize::{Discrete, Norm, Ordered, Quantity, Reach, Split, Who};
use crate::diff::{possessive, shown_value, ShowCtx};
use crate::question::Period;
use crate::time::format_date;
use crate::Answer;

use super::{Origin, Resolution, Side};

/// The two answers to one question, normalised, with the names to write reasons with.
pub(crate) struct Pair<'a> {
    pub ctx: ShowCtx<'a>,
    /// Sheet A, to resolve agreed values (party ids, splits) when writing them in words.
    pub sheet: &'a crate::AnswerSheet,
    /// Sheet B, to turn B's own words ("me", "partner") into party ids.
    pub sheet_b: &'a crate::AnswerSheet,
    pub a: (&'a Answer, Norm<'a>),
    pub b: (&'a Answer, Norm<'a>),
}

const EPS: f64 = 1e-9;

impl Pair<'_> {
    fn name(&self, side: Side) -> &str {
        match side {
            Side::A => self.ctx.la,
            Side::B => self.ctx.lb,
        }
    }

    fn flexibility(&self, side: Side) -> Flexibility {
        match side {
            Side::A => self.a.0.flexibility,
            Side::B => self.b.0.flexibility,
        }
    }

    /// Whether the side stated how far it would move (a zone or alternatives), rather than
    /// being flexible without saying how far.
    fn zone_stated(&self, side: Side) -> bool {
        let norm = match side {
            Side::A => &self.a.1,
            Side::B => &self.b.1,
        };
        !matches!(
            norm,
            Norm::Quantity(Quantity {
                axis: Ordered {
                    reach: Reach::Unstated,
                    ..
                },
                ..
            }) | Norm::Duration(
                Ordered {
                    reach: Reach::Unstated,
                    ..
                },
                ..
            ) | Norm::Frequency(Ordered {
                reach: Reach::Unstated,
                ..
            }) | Norm::Date(Ordered {
                reach: Reach::Unstated,
                ..
            }) | Norm::Scale(
                Ordered {
                    reach: Reach::Unstated,
                    ..
                },
                ..
            ) | Norm::Split(Split {
                reach: Reach::Unstated,
                ..
            }) | Norm::Choice(Discrete {
                reach: Reach::Unstated,
                ..
            }) | Norm::Party(Discrete {
                reach: Reach::Unstated,
                ..
            }) | Norm::YesNo(Discrete {
                reach: Reach::Unstated,
                ..
            })
        ) && !matches!(norm, Norm::Text(_) | Norm::Set(_))
            || self.flexibility(side) == Flexibility::Firm
    }

    fn importance(&self, side: Side) -> u8 {
        match side {
            Side::A => self.a.0.importance.get(),
            Side::B => self.b.0.importance.get(),
        }
    }
}

/// Every candidate for the pair, best for both (product of utilities) first.
pub(crate) fn candidates(pair: &Pair<'_>) -> Vec<Resolution> {
    let mut out = match (&pair.a.1, &pair.b.1) {
        (Norm::Quantity(x), Norm::Quantity(y))
            if x.unit == y.unit && x.per == y.per && x.currency == y.currency =>
        {
            // Computed values are written in the larger of the two units (hours, not
            // minutes), whichever partner is A.
            let unit = if (x.factor, y.written_unit) > (y.factor, x.written_unit) {
                x
            } else {
                y
            };
            ordered(pair, &x.axis, &y.axis, 0.25, false, |v| {
                quantity_value(unit, v)
            })
        }
        (Norm::Duration(x, unit_a, _), Norm::Duration(y, unit_b, _)) => {
            let units: Vec<DurationUnit> = [*unit_a, *unit_b].into_iter().flatten().collect();
            ordered(pair, x, y, 0.25, false, |v| duration_value(&units, v))
        }
        (Norm::Frequency(x), Norm::Frequency(y)) => {
            ordered(pair, x, y, 0.25, false, frequency_value)
        }
        (Norm::Date(x), Norm::Date(y)) => ordered(pair, x, y, 30.0, true, date_value),
        (Norm::Scale(x, lo, hi), Norm::Scale(y, ..)) => {
            let (lo, hi) = (f64::from(*lo), f64::from(*hi));
            let quarter = ((hi - lo) / 4.0).max(1.0);
            ordered(pair, x, y, quarter, true, |v| {
                let point = v.map_or(lo, |x| x.round().clamp(lo, hi));
                (
                    Expectation::Scale(ScaleValue {
                        value: point as u8,
                        accept: None,
                    }),
                    Some(point),
                )
            })
        }
        (Norm::Split(x), Norm::Split(y)) if two_party_split(x, y) => split(pair, x, y),
        (Norm::Choice(x), Norm::Choice(y)) => discrete(pair, x, y, |c| {
            Expectation::Choice(ChoiceValue {
                value: (*c).to_string(),
                accept: vec![],
            })
        }),
        (Norm::Party(x), Norm::Party(y)) => discrete(pair, x, y, |w| {
            Expectation::Party(PartyValue {
                value: who_pick(w, pair.ctx.parties),
                accept: vec![],
            })
        }),
        (Norm::YesNo(x), Norm::YesNo(y)) => discrete(pair, x, y, |v| {
            Expectation::YesNo(YesNoValue {
                value: *v,
                accept: vec![],
            })
        }),
        (Norm::Set(x), Norm::Set(y)) => sets(pair, x, y),
        _ => firsts_only(pair),
    };
    out.sort_by(|x, y| {
        (y.utility_a * y.utility_b)
            .total_cmp(&(x.utility_a * x.utility_b))
            .then((y.utility_a + y.utility_b).total_cmp(&(x.utility_a + x.utility_b)))
    });
    out
}

/// What an agreed value (any value, not only a candidate) is worth to A and to B.
pub(crate) fn utilities(pair: &Pair<'_>, value: &Expectation) -> (f64, f64) {
    let answer = Answer {
        question: pair.a.0.question.clone(),
        value: value.clone(),
        importance: pair.a.0.importance,
        flexibility: Flexibility::Flexible,
        note: None,
        guess: None,
    };
    let Some(agreed) =
        crate::diff::normalize::normalize(pair.ctx.kind, value, &answer, pair.sheet, false)
    else {
        return (0.0, 0.0);
    };
    let on_axis = |x: &Ordered, y: &Ordered, agreed: &Ordered, tolerance: f64, absolute: bool| {
        let point = agreed.first.map(|(lo, hi)| (lo + hi) / 2.0);
        (
            axis(x, tolerance, absolute).utility(point),
            axis(y, tolerance, absolute).utility(point),
        )
    };
    match (&pair.a.1, &pair.b.1, &agreed) {
        (Norm::Quantity(x), Norm::Quantity(y), Norm::Quantity(v))
            if x.unit == y.unit && v.unit == x.unit && x.per == y.per && v.per == x.per =>
        {
            on_axis(&x.axis, &y.axis, &v.axis, 0.25, false)
        }
        (Norm::Duration(x, ..), Norm::Duration(y, ..), Norm::Duration(v, ..)) => {
            on_axis(x, y, v, 0.25, false)
        }
        (Norm::Frequency(x), Norm::Frequency(y), Norm::Frequency(v)) => {
            on_axis(x, y, v, 0.25, false)
        }
        (Norm::Date(x), Norm::Date(y), Norm::Date(v)) => on_axis(x, y, v, 30.0, true),
        (Norm::Scale(x, lo, hi), Norm::Scale(y, ..), Norm::Scale(v, ..)) => {
            let quarter = ((f64::from(*hi) - f64::from(*lo)) / 4.0).max(1.0);
            on_axis(x, y, v, quarter, true)
        }
        (Norm::Split(x), Norm::Split(y), Norm::Split(v)) if two_party_split(x, y) => {
            let share = v.shares.get(&x.author).copied().unwrap_or(0.0);
            let (oa, ob) = split_axes(x, y);
            (
                axis(&oa, 10.0, true).utility(Some(share)),
                axis(&ob, 10.0, true).utility(Some(share)),
            )
        }
        (Norm::Choice(x), Norm::Choice(y), Norm::Choice(v)) => {
            (rank_utility(x, &v.first), rank_utility(y, &v.first))
        }
        (Norm::Party(x), Norm::Party(y), Norm::Party(v)) => {
            (rank_utility(x, &v.first), rank_utility(y, &v.first))
        }
        (Norm::YesNo(x), Norm::YesNo(y), Norm::YesNo(v)) => {
            (rank_utility(x, &v.first), rank_utility(y, &v.first))
        }
        (Norm::Set(x), Norm::Set(y), Norm::Set(v)) => {
            let side = |side: Side, first: &BTreeSet<&str>| match pair.flexibility(side) {
                Flexibility::DontCare => 1.0,
                Flexibility::Firm if first != v => 0.0,
                _ => jaccard(first, v),
            };
            (side(Side::A, x), side(Side::B, y))
        }
        _ => {
            let own = |_: &Answer, side: Side| {
                if neutral_own(pair, side) == *value {
                    1.0
                } else {
                    match pair.flexibility(side) {
                        Flexibility::DontCare => 1.0,
                        Flexibility::Flexible => 0.25,
                        Flexibility::Firm => 0.0,
                    }
                }
            };
            (own(pair.a.0, Side::A), own(pair.b.0, Side::B))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ordered axes: numbers, durations, frequencies, dates, scales, shares

/// A point on an ordered axis; `None` is the open end (open-ended, ad hoc).
type Point = Option<f64>;

/// What a partner would accept on an ordered axis.
struct Axis {
    first: Option<(f64, f64)>,
    accept: Accept,
}

enum Accept {
    Any,
    Zone {
        range: Option<(f64, f64)>,
        open: bool,
    },
    /// Flexible without a zone: falls off within this distance.
    Tolerance(f64),
}

fn axis(o: &Ordered, relative: f64, absolute: bool) -> Axis {
    let accept = match &o.reach {
        Reach::Any => Accept::Any,
        Reach::Known(z) => Accept::Zone {
            range: z.range,
            open: z.open,
        },
        Reach::Unstated => {
            let size = o
                .first
                .map_or(0.0, |(lo, hi)| lo.abs().max(hi.abs()).max(1.0));
            Accept::Tolerance(if absolute { relative } else { size * relative })
        }
    };
    Axis {
        first: o.first,
        accept,
    }
}

impl Axis {
    fn utility(&self, v: Point) -> f64 {
        if matches!(self.accept, Accept::Any) {
            return 1.0;
        }
        match (self.first, v) {
            (None, None) => 1.0,
            (Some(_), None) => match self.accept {
                Accept::Zone { open: true, .. } => 0.5,
                Accept::Tolerance(_) => 0.25,
                _ => 0.0,
            },
            (None, Some(x)) => match self.accept {
                Accept::Zone {
                    range: Some((lo, hi)),
                    ..
                } if lo - EPS <= x && x <= hi + EPS => 0.5,
                Accept::Tolerance(_) => 0.25,
                _ => 0.0,
            },
            (Some((lo, hi)), Some(x)) => {
                if lo - EPS <= x && x <= hi + EPS {
                    return 1.0;
                }
                let (distance, edge) = if x < lo {
                    (lo - x, self.edge_below(lo))
                } else {
                    (x - hi, self.edge_above(hi))
                };
                match edge {
                    Some(reach) if reach > EPS && distance <= reach + EPS => {
                        1.0 - 0.75 * (distance / reach).min(1.0)
                    }
                    _ => 0.0,
                }
            }
        }
    }

    /// How far below the first choice the zone reaches.
    fn edge_below(&self, lo: f64) -> Option<f64> {
        match self.accept {
            Accept::Zone {
                range: Some((zl, _)),
                ..
            } => Some(lo - zl),
            Accept::Tolerance(t) => Some(t),
            _ => None,
        }
    }

    fn edge_above(&self, hi: f64) -> Option<f64> {
        match self.accept {
            Accept::Zone {
                range: Some((_, zh)),
                ..
            } => Some(zh - hi),
            Accept::Tolerance(t) => Some(t),
            _ => None,
        }
    }

    /// The values this partner accepts, as an interval (the first choice included).
    fn interval(&self) -> Option<(f64, f64)> {
        let first = self.first;
        match self.accept {
            Accept::Any => Some((f64::NEG_INFINITY, f64::INFINITY)),
            Accept::Zone { range, .. } => range.or(first),
            Accept::Tolerance(t) => first.map(|(lo, hi)| (lo - t, hi + t)),
        }
    }

    /// The point of the first choice nearest to `towards`.
    fn nearest_first(&self, towards: Option<f64>) -> Point {
        let (lo, hi) = self.first?;
        Some(match towards {
            Some(t) => t.clamp(lo, hi),
            None => lo,
        })
    }
}

fn mid(span: Option<(f64, f64)>) -> Option<f64> {
    span.map(|(lo, hi)| (lo + hi) / 2.0)
}

/// Candidates on an ordered axis. `value` turns a point into the agreed value and the point it
/// really is (after rounding), so utilities are computed on what will be written down.
fn ordered(
    pair: &Pair<'_>,
    a: &Ordered,
    b: &Ordered,
    tolerance: f64,
    absolute: bool,
    value: impl Fn(Point) -> (Expectation, Point),
) -> Vec<Resolution> {
    ordered_with(pair, a, b, tolerance, absolute, true, value)
}

/// With `own_words`, a partner's single-valued first choice is written as they wrote it (their
/// unit, no rounding); computed points (overlaps, midpoints) are rounded by `value`.
fn ordered_with(
    pair: &Pair<'_>,
    a: &Ordered,
    b: &Ordered,
    tolerance: f64,
    absolute: bool,
    own_words: bool,
    value: impl Fn(Point) -> (Expectation, Point),
) -> Vec<Resolution> {
    let (xa, xb) = (axis(a, tolerance, absolute), axis(b, tolerance, absolute));
    let first_a = xa.nearest_first(mid(xb.first));
    let first_b = xb.nearest_first(mid(xa.first));
    let mut points: Vec<(Point, Origin)> = vec![
        (first_a, first_origin(pair, Side::A)),
        (first_b, first_origin(pair, Side::B)),
    ];
    if let (Some((al, ah)), Some((bl, bh))) = (xa.interval(), xb.interval()) {
        let (lo, hi) = (al.max(bl), ah.min(bh));
        if lo <= hi + EPS && (lo.is_finite() || hi.is_finite()) {
            let clamp = |p: Point| p.map(|x| x.clamp(lo, hi));
            points.push((clamp(first_a), Origin::Overlap));
            points.push((clamp(first_b), Origin::Overlap));
            if lo.is_finite() && hi.is_finite() {
                points.push((Some((lo + hi) / 2.0), Origin::Overlap));
            }
        }
    }
    if let (Some(x), Some(y)) = (first_a, first_b) {
        points.push((Some((x + y) / 2.0), Origin::Midpoint));
    }
    let mut out: Vec<Resolution> = Vec::new();
    for (point, origin) in points {
        let own = match origin {
            Origin::FirstChoice(side) | Origin::FirmerPartner(side) if own_words => {
                let (axis, answer) = match side {
                    Side::A => (&xa, pair.a.0),
                    Side::B => (&xb, pair.b.0),
                };
                let single = axis.first.is_none_or(|(lo, hi)| (hi - lo).abs() <= EPS);
                single.then(|| own_value(answer))
            }
            _ => None,
        };
        let (agreed, point) = match own {
            Some(own) => (own, point),
            None => value(point),
        };
        if out.iter().any(|r| same_point(r.point, point)) {
            continue;
        }
        let (ua, ub) = (xa.utility(point), xb.utility(point));
        let mut resolution = resolution(pair, agreed, origin, ua, ub);
        resolution.point = Some(point);
        out.push(resolution);
    }
    out
}

fn same_point(x: Option<Point>, y: Point) -> bool {
    match (x, y) {
        (Some(None), None) => true,
        (Some(Some(p)), Some(q)) => (p - q).abs() <= EPS * p.abs().max(q.abs()).max(1.0),
        _ => false,
    }
}

/// A round figure for people to agree on: whole numbers from 10 up, one decimal below.
fn nice(x: f64) -> f64 {
    if x.abs() >= 10.0 {
        x.round_ties_even()
    } else {
        round_to(x, 1)
    }
}

fn quantity_value(q: &Quantity<'_>, v: Point) -> (Expectation, Point) {
    let k = if q.factor > 0.0 { q.factor } else { 1.0 };
    let shown = v.map(|x| nice(x / k));
    (
        Expectation::Number(NumberValue {
            value: shown,
            unit: (!q.written_unit.is_empty()).then(|| q.written_unit.to_string()),
            per: q.per,
            ..NumberValue::default()
        }),
        shown.map(|x| x * k),
    )
}

/// A duration in the largest of the partners' units that writes it as a whole or half number,
/// else in whole days.
fn duration_value(units: &[DurationUnit], v: Point) -> (Expectation, Point) {
    match v {
        None => (
            Expectation::Duration(DurationValue {
                open_ended: true,
                ..DurationValue::default()
            }),
            None,
        ),
        Some(days) => {
            let unit = [
                DurationUnit::Years,
                DurationUnit::Months,
                DurationUnit::Weeks,
                DurationUnit::Days,
            ]
            .into_iter()
            .filter(|u| units.contains(u))
            .find(|u| {
                let x = days / u.days() * 2.0;
                (x - x.round()).abs() < 1e-6
            })
            .unwrap_or(DurationUnit::Days);
            let value = round_to(days / unit.days(), 1);
            (
                Expectation::Duration(DurationValue {
                    value: Some(value),
                    unit: Some(unit),
                    ..DurationValue::default()
                }),
                Some(value * unit.days()),
            )
        }
    }
}

fn frequency_value(v: Point) -> (Expectation, Point) {
    match v {
        None => (
            Expectation::Frequency(FrequencyValue {
                ad_hoc: true,
                ..FrequencyValue::default()
            }),
            None,
        ),
        Some(per_year) => {
            let period = [
                Period::Day,
                Period::Week,
                Period::Month,
                Period::Quarter,
                Period::Year,
            ]
            .into_iter()
            .find(|p| per_year >= p.per_year() - EPS)
            .unwrap_or(Period::Year);
            let times = round_to(per_year / period.per_year(), 1);
            (
                Expectation::Frequency(FrequencyValue {
                    times: Some(times),
                    per: Some(period),
                    ad_hoc: false,
                }),
                Some(times * period.per_year()),
            )
        }
    }
}

fn date_value(v: Point) -> (Expectation, Point) {
    let day = v.map_or(0.0, f64::round);
    (
        Expectation::Date(DateValue {
            value: format_date(day as i64),
            accept: None,
        }),
        Some(day),
    )
}

/// Rounded to `decimals`, ties to even, so that `x` and `100 - x` round to values that still
/// add up (whichever partner is A, a split rounds the same way).
fn round_to(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round_ties_even() / k
}

// ---------------------------------------------------------------------------------------------
// Shares between two parties: an ordered axis on A's party's share

fn two_party_split(a: &Split, b: &Split) -> bool {
    a.author != b.author
        && a.shares.len() == 2
        && b.shares.len() == 2
        && a.shares.contains_key(&b.author)
        && b.shares.contains_key(&a.author)
}

/// The two partners' preferences on the axis of A's party's share: each author's zone is on
/// their own share, so B's is mirrored.
fn split_axes(a: &Split, b: &Split) -> (Ordered, Ordered) {
    let own = |s: &Split, party| s.shares.get(party).copied().unwrap_or(0.0);
    let x_a = own(a, &a.author);
    let x_b = 100.0 - own(b, &b.author);
    let mirror = |reach: &Reach<(f64, f64)>, mirrored: bool| match reach {
        Reach::Any => Reach::Any,
        Reach::Unstated => Reach::Unstated,
        Reach::Known((lo, hi)) => Reach::Known(crate::diff::normalize::Zone {
            range: Some(if mirrored {
                (100.0 - hi, 100.0 - lo)
            } else {
                (*lo, *hi)
            }),
            open: false,
        }),
    };
    (
        Ordered {
            first: Some((x_a, x_a)),
            reach: mirror(&a.reach, false),
        },
        Ordered {
            first: Some((x_b, x_b)),
            reach: mirror(&b.reach, true),
        },
    )
}

fn split(pair: &Pair<'_>, a: &Split, b: &Split) -> Vec<Resolution> {
    let (pa, pb) = (a.author.clone(), b.author.clone());
    let (oa, ob) = split_axes(a, b);
    ordered_with(pair, &oa, &ob, 10.0, true, false, |v| {
        let x = round_to(v.unwrap_or(50.0).clamp(0.0, 100.0), 1);
        let split = [(pa.0.clone(), x), (pb.0.clone(), round_to(100.0 - x, 1))]
            .into_iter()
            .collect();
        (
            Expectation::Share(ShareValue {
                split,
                accept_min: None,
                accept_max: None,
            }),
            Some(x),
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Discrete picks: choices, parties, yes/no

fn rank_utility<T: PartialEq>(d: &Discrete<T>, v: &T) -> f64 {
    if &d.first == v {
        return 1.0;
    }
    match d.reach {
        Reach::Any => 1.0,
        Reach::Unstated => 0.25,
        Reach::Known(()) => match d.accept.iter().position(|x| x == v) {
            Some(k) => 1.0 - 0.75 * (k + 1) as f64 / d.accept.len() as f64,
            None => 0.0,
        },
    }
}

fn discrete<T: PartialEq + Clone>(
    pair: &Pair<'_>,
    a: &Discrete<T>,
    b: &Discrete<T>,
    value: impl Fn(&T) -> Expectation,
) -> Vec<Resolution> {
    let mut picks: Vec<(T, Origin)> = vec![
        (a.first.clone(), first_origin(pair, Side::A)),
        (b.first.clone(), first_origin(pair, Side::B)),
    ];
    for (side, d) in [(Side::A, a), (Side::B, b)] {
        if matches!(d.reach, Reach::Known(())) {
            for alternative in &d.accept {
                picks.push((alternative.clone(), Origin::Alternative(side)));
            }
        }
    }
    let mut seen: Vec<T> = Vec::new();
    let mut out = Vec::new();
    for (pick, origin) in picks {
        if seen.contains(&pick) {
            continue;
        }
        let (ua, ub) = (rank_utility(a, &pick), rank_utility(b, &pick));
        out.push(resolution(pair, value(&pick), origin, ua, ub));
        seen.push(pick);
    }
    out
}

fn who_pick(w: &Who, parties: &[crate::Party]) -> PartyPick {
    match *w {
        Who::Nobody | Who::Parties(0) => PartyPick::Neither,
        Who::Outsider => PartyPick::ThirdParty,
        Who::Parties(mask) if mask.count_ones() == 1 => parties
            .get(mask.trailing_zeros() as usize)
            .map_or(PartyPick::Both, |p| PartyPick::Party(p.id.clone())),
        Who::Parties(_) => PartyPick::Both,
    }
}

// ---------------------------------------------------------------------------------------------
// Sets: each side's, what both named, everything either named

fn jaccard(x: &BTreeSet<&str>, y: &BTreeSet<&str>) -> f64 {
    let union = x.union(y).count();
    if union == 0 {
        1.0
    } else {
        x.intersection(y).count() as f64 / union as f64
    }
}

fn sets(pair: &Pair<'_>, a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> Vec<Resolution> {
    let both: BTreeSet<&str> = a.intersection(b).copied().collect();
    let either: BTreeSet<&str> = a.union(b).copied().collect();
    let utility = |side: Side, first: &BTreeSet<&str>, s: &BTreeSet<&str>| {
        if pair.flexibility(side) == Flexibility::DontCare {
            1.0
        } else if pair.flexibility(side) == Flexibility::Firm && s != first {
            0.0
        } else {
            jaccard(first, s)
        }
    };
    let mut candidates = vec![
        (a.clone(), first_origin(pair, Side::A)),
        (b.clone(), first_origin(pair, Side::B)),
        (either, Origin::Union),
    ];
    if !both.is_empty() {
        candidates.push((both, Origin::Intersection));
    }
    let mut seen: Vec<BTreeSet<&str>> = Vec::new();
    let mut out = Vec::new();
    for (set, origin) in candidates {
        if seen.contains(&set) {
            continue;
        }
        let agreed = Expectation::Set(SetValue {
            values: set.iter().map(|s| (*s).to_string()).collect(),
        });
        let (ua, ub) = (utility(Side::A, a, &set), utility(Side::B, b, &set));
        out.push(resolution(pair, agreed, origin, ua, ub));
        seen.push(set);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Anything that cannot be placed on a common axis: each side's own answer

/// A partner's own answer as an agreed value that means the same to both: shares and parties
/// keyed by party id instead of "me" and "partner".
fn neutral_own(pair: &Pair<'_>, side: Side) -> Expectation {
    let (answer, sheet) = match side {
        Side::A => (pair.a.0, pair.sheet),
        Side::B => (pair.b.0, pair.sheet_b),
    };
    let mut value = own_value(answer);
    match &mut value {
        Expectation::Share(share) => {
            if let Ok(ids) = crate::sheet::resolve_split(&share.split, sheet) {
                share.split = ids.into_iter().map(|(party, v)| (party.0, v)).collect();
            }
        }
        Expectation::Party(party) => {
            party.value = who_pick(
                &crate::diff::normalize::who(&party.value, &sheet.party, &sheet.parties),
                &sheet.parties,
            );
        }
        _ => {}
    }
    value
}

fn firsts_only(pair: &Pair<'_>) -> Vec<Resolution> {
    let other = |side: Side| match pair.flexibility(side) {
        Flexibility::DontCare => 1.0,
        Flexibility::Flexible => 0.25,
        Flexibility::Firm => 0.0,
    };
    let mut out = vec![
        resolution(
            pair,
            neutral_own(pair, Side::A),
            first_origin(pair, Side::A),
            1.0,
            other(Side::B),
        ),
        resolution(
            pair,
            neutral_own(pair, Side::B),
            first_origin(pair, Side::B),
            other(Side::A),
            1.0,
        ),
    ];
    if out[0].value == out[1].value {
        out.truncate(1);
    }
    out
}

/// A partner's own answer without its zone, as an agreed value.
fn own_value(answer: &Answer) -> Expectation {
    own_value_of(&answer.value)
}

/// A value without its acceptable zone.
pub(crate) fn own_value_of(value: &Expectation) -> Expectation {
    let mut value = value.clone();
    match &mut value {
        Expectation::Number(n) => n.accept = None,
        Expectation::Share(s) => (s.accept_min, s.accept_max) = (None, None),
        Expectation::Duration(d) => d.accept = None,
        Expectation::Date(d) => d.accept = None,
        Expectation::Scale(s) => s.accept = None,
        Expectation::Choice(c) => c.accept.clear(),
        Expectation::Party(p) => p.accept.clear(),
        Expectation::YesNo(y) => y.accept.clear(),
        Expectation::Frequency(_) | Expectation::Set(_) | Expectation::Text(_) => {}
    }
    value
}

// ---------------------------------------------------------------------------------------------
// Origins and reasons

fn first_origin(pair: &Pair<'_>, side: Side) -> Origin {
    let other = side.other();
    let firmness = |f: Flexibility| match f {
        Flexibility::Firm => 2,
        Flexibility::Flexible => 1,
        Flexibility::DontCare => 0,
    };
    if firmness(pair.flexibility(side)) > firmness(pair.flexibility(other)) {
        Origin::FirmerPartner(side)
    } else {
        Origin::FirstChoice(side)
    }
}

fn resolution(
    pair: &Pair<'_>,
    value: Expectation,
    origin: Origin,
    utility_a: f64,
    utility_b: f64,
) -> Resolution {
    let shown = shown_value(&pair.ctx, &value, pair.sheet);
    let why = why(pair, &origin, utility_a, utility_b);
    Resolution {
        value,
        shown,
        origin,
        why,
        utility_a,
        utility_b,
        point: None,
    }
}

fn stance(pair: &Pair<'_>, side: Side, utility: f64) -> String {
    let name = pair.name(side);
    if utility >= 1.0 - EPS {
        if pair.flexibility(side) == Flexibility::DontCare {
            format!("{name} does not mind")
        } else {
            format!("it is {} first choice", possessive(name))
        }
    } else if utility > EPS && pair.zone_stated(side) {
        format!("{name} named it as acceptable")
    } else if utility > EPS {
        format!("{name} is flexible but said not how far, so it may be acceptable")
    } else {
        format!("it is outside what {name} said they accept")
    }
}

fn why(pair: &Pair<'_>, origin: &Origin, ua: f64, ub: f64) -> String {
    let (la, lb) = (pair.ctx.la, pair.ctx.lb);
    match origin {
        Origin::FirstChoice(side) | Origin::FirmerPartner(side) => {
            let other = side.other();
            let mut s = format!(
                "{} first choice; {}",
                possessive(pair.name(*side)),
                stance(pair, other, if other == Side::A { ua } else { ub })
            );
            if let Origin::FirmerPartner(_) = origin {
                s.push_str(&format!(
                    ", and {} is {} while {} is {}",
                    pair.name(*side),
                    pair.flexibility(*side).label(),
                    pair.name(other),
                    pair.flexibility(other).label()
                ));
            }
            let (wi, wo) = (pair.importance(*side), pair.importance(other));
            if wi > wo {
                s.push_str(&format!(
                    "; it matters more to {} (importance {wi}) than to {} ({wo})",
                    pair.name(*side),
                    pair.name(other)
                ));
            }
            s
        }
        Origin::Overlap => format!(
            "Both can accept it: {}, and {}",
            stance(pair, Side::A, ua),
            stance(pair, Side::B, ub)
        ),
        Origin::Midpoint => format!(
            "Halfway between {} first choice and {}; {} and {}",
            possessive(la),
            possessive(lb),
            stance(pair, Side::A, ua),
            stance(pair, Side::B, ub)
        ),
        Origin::Alternative(side) => format!(
            "{} named it as an acceptable alternative; {}",
            pair.name(*side),
            stance(pair, side.other(), if *side == Side::A { ub } else { ua })
        ),
        Origin::Intersection => {
            format!("What both {la} and {lb} named, and nothing only one of them wants")
        }
        Origin::Union => format!("Everything {la} or {lb} named"),
    }
}
