//! Step 1: put every answer into one frame of reference, so that equal meanings compare equal.
//!
//! Durations become days, frequencies times per year, units a canonical spelling with a factor
//! (minutes to hours), and anything said about parties ("me", "partner", a share split keyed
//! `me`) becomes party ids, because A's "me" is B's "partner". Each answer's acceptable zone is
//! resolved here too: an explicit `accept`, "don't care" (anything goes), "firm" (only the
//! first choice), or unstated. This step never compares two answers and never fails: an answer
//! that does not fit its question yields `None` and is treated as missing.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::text::{analyse, TextN};
use crate::answer::{Answer, Bounds, DurationUnit, Expectation, Flexibility, PartyPick, YesNo};
use crate::question::{Period, QuestionKind};
use crate::time::parse_date;
use crate::{AnswerSheet, Party, PartyId};

/// How far an answer's author would move.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reach<T> {
    /// "Don't care": anything the partner prefers.
    Any,
    /// Exactly this zone, first choice included.
    Known(T),
    /// Flexible, but without saying how far.
    Unstated,
}

/// An interval `lo..=hi`, or the open end (open-ended duration, ad hoc frequency).
pub(crate) type Span = Option<(f64, f64)>;

/// The zone of an ordered answer: a range (possibly empty) and whether "open" is acceptable.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Zone {
    pub range: Option<(f64, f64)>,
    pub open: bool,
}

/// An answer on an ordered axis (number, duration, frequency, date, scale).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ordered {
    /// `None` for open-ended / ad hoc.
    pub first: Span,
    pub reach: Reach<Zone>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity<'a> {
    pub axis: Ordered,
    /// Canonical unit: a currency code, `%`, `hour`, or a lower-case singular noun.
    pub unit: Cow<'a, str>,
    pub currency: bool,
    pub per: Option<Period>,
    /// The unit as the author wrote it, and the factor from it into `unit`, for display.
    pub written_unit: &'a str,
    pub factor: f64,
}

/// Who, as a set of parties of the alliance (bit `i` is the sheet's `parties[i]`; both sheets
/// of a comparison list the same parties), or someone outside it, or no one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Who {
    Parties(u64),
    Nobody,
    Outsider,
}

/// A pick among discrete options, with the ranked alternatives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Discrete<T> {
    pub first: T,
    /// Alternatives, best first; meaningful when `reach` is `Known`.
    pub accept: Vec<T>,
    pub reach: Reach<()>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split {
    pub shares: BTreeMap<PartyId, f64>,
    pub author: PartyId,
    /// The range of its own share the author would accept.
    pub reach: Reach<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Norm<'a> {
    Quantity(Quantity<'a>),
    Split(Split),
    Duration(Ordered, Option<DurationUnit>, Option<f64>),
    Frequency(Ordered),
    Date(Ordered),
    Scale(Ordered, u8, u8),
    Choice(Discrete<&'a str>),
    Set(BTreeSet<&'a str>),
    Party(Discrete<Who>),
    YesNo(Discrete<YesNo>),
    Text(TextN<'a>),
}

fn reach_of<T>(flex: Flexibility, stated: Option<T>, firm: impl FnOnce() -> T) -> Reach<T> {
    match (flex, stated) {
        (Flexibility::DontCare, _) => Reach::Any,
        (_, Some(zone)) => Reach::Known(zone),
        (Flexibility::Firm, None) => Reach::Known(firm()),
        (Flexibility::Flexible, None) => Reach::Unstated,
    }
}

/// Widens stated bounds to include the first choice; a missing bound stays at the first choice.
fn zone_from(first: Span, bounds: Option<&Bounds>, factor: f64, open: bool) -> Option<Zone> {
    let b = bounds?;
    let (flo, fhi) = first.unwrap_or((f64::INFINITY, f64::NEG_INFINITY));
    let lo = b.min.map(|v| v * factor).unwrap_or(flo);
    let hi = b.max.map(|v| v * factor).unwrap_or(fhi);
    let (lo, hi) = (lo.min(flo), hi.max(fhi));
    Some(Zone {
        range: (lo <= hi).then_some((lo, hi)),
        open,
    })
}

fn firm_zone(first: Span) -> Zone {
    Zone {
        range: first,
        open: first.is_none(),
    }
}

/// Canonical unit and the factor into it. Time units convert within minutes and hours only:
/// how many hours make a working day is exactly the kind of assumption Accord should surface.
pub(crate) fn canonical_unit(raw: &str) -> (Cow<'_, str>, f64, bool) {
    let t = raw.trim();
    let lower: Cow<'_, str> = if t.chars().any(char::is_uppercase) {
        Cow::Owned(t.to_lowercase())
    } else {
        Cow::Borrowed(t)
    };
    let fixed = |u: &'static str, factor: f64, currency: bool| (Cow::Borrowed(u), factor, currency);
    match &*lower {
        "€" | "eur" | "euro" | "euros" => return fixed("EUR", 1.0, true),
        "$" | "usd" | "dollar" | "dollars" => return fixed("USD", 1.0, true),
        "£" | "gbp" | "pound" | "pounds" => return fixed("GBP", 1.0, true),
        _ => {}
    }
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) {
        return (Cow::Borrowed(t), 1.0, true);
    }
    match &*lower {
        "%" | "percent" | "per cent" => fixed("%", 1.0, false),
        "min" | "mins" | "minute" | "minutes" => fixed("hour", 1.0 / 60.0, false),
        "h" | "hr" | "hrs" | "hour" | "hours" => fixed("hour", 1.0, false),
        "person" | "people" | "persons" => fixed("people", 1.0, false),
        other => {
            let keep = if other.len() > 3 && other.ends_with('s') && !other.ends_with("ss") {
                other.len() - 1
            } else {
                other.len()
            };
            let unit = match lower {
                Cow::Borrowed(b) => Cow::Borrowed(&b[..keep]),
                Cow::Owned(mut o) => {
                    o.truncate(keep);
                    Cow::Owned(o)
                }
            };
            (unit, 1.0, false)
        }
    }
}

/// The bit of party `id` in `roster`; 0 for an unknown id.
pub(crate) fn party_bit(roster: &[Party], id: &PartyId) -> u64 {
    roster
        .iter()
        .position(|p| p.id == *id)
        .and_then(|i| 1u64.checked_shl(i as u32))
        .unwrap_or(0)
}

/// Resolves a party pick, written by `author`, to the parties it means.
pub(crate) fn who(pick: &PartyPick, author: &PartyId, roster: &[Party]) -> Who {
    let all = match 1u64.checked_shl(roster.len() as u32) {
        Some(x) => x - 1,
        None => u64::MAX,
    };
    match pick {
        PartyPick::Me => Who::Parties(party_bit(roster, author)),
        PartyPick::Partner => Who::Parties(all & !party_bit(roster, author)),
        PartyPick::Both => Who::Parties(all),
        PartyPick::Neither => Who::Nobody,
        PartyPick::ThirdParty => Who::Outsider,
        PartyPick::Party(id) => Who::Parties(party_bit(roster, id)),
    }
}

/// One answer (or a guess, with `zones` off) in the common frame; `None` if it does not fit.
pub(crate) fn normalize<'a>(
    kind: &'a QuestionKind,
    value: &'a Expectation,
    answer: &Answer,
    sheet: &AnswerSheet,
    zones: bool,
) -> Option<Norm<'a>> {
    let flex = if zones {
        answer.flexibility
    } else {
        Flexibility::Flexible
    };
    Some(match (kind, value) {
        (QuestionKind::Number { unit, per }, Expectation::Number(n)) => {
            let written_unit = n.unit.as_deref().or(unit.as_deref()).unwrap_or_default();
            let (canon, factor, currency) = canonical_unit(written_unit);
            let first = match (n.value, n.min, n.max) {
                (Some(v), _, _) => (v * factor, v * factor),
                (None, Some(lo), Some(hi)) => (lo * factor, hi * factor),
                _ => return None,
            };
            let stated = zone_from(
                Some(first),
                n.accept.as_ref().filter(|_| zones),
                factor,
                false,
            );
            Norm::Quantity(Quantity {
                axis: Ordered {
                    first: Some(first),
                    reach: reach_of(flex, stated, || firm_zone(Some(first))),
                },
                unit: canon,
                currency,
                per: n.per.or(*per),
                written_unit,
                factor,
            })
        }
        (QuestionKind::Share, Expectation::Share(s)) => {
            let shares = crate::sheet::resolve_split(&s.split, sheet).ok()?;
            let own = shares.get(&sheet.party).copied().unwrap_or(0.0);
            let stated = (zones && (s.accept_min.is_some() || s.accept_max.is_some())).then(|| {
                (
                    s.accept_min.unwrap_or(0.0).min(own),
                    s.accept_max.unwrap_or(100.0).max(own),
                )
            });
            Norm::Split(Split {
                shares,
                author: sheet.party.clone(),
                reach: reach_of(flex, stated, || (own, own)),
            })
        }
        (QuestionKind::Duration, Expectation::Duration(d)) => {
            let unit_days = d.unit.unwrap_or(DurationUnit::Months).days();
            let first = match (d.open_ended, d.value) {
                (true, _) => None,
                (false, Some(v)) => Some((v * unit_days, v * unit_days)),
                (false, None) => return None,
            };
            let stated = d.accept.filter(|_| zones).and_then(|z| {
                zone_from(
                    first,
                    Some(&Bounds {
                        min: z.min,
                        max: z.max,
                    }),
                    unit_days,
                    z.open_ended || first.is_none(),
                )
            });
            Norm::Duration(
                Ordered {
                    first,
                    reach: reach_of(flex, stated, || firm_zone(first)),
                },
                d.unit,
                d.value,
            )
        }
        (QuestionKind::Frequency, Expectation::Frequency(f)) => {
            let first = match (f.ad_hoc, f.per) {
                (true, _) => None,
                (false, Some(p)) => {
                    let v = f.times.unwrap_or(1.0) * p.per_year();
                    Some((v, v))
                }
                (false, None) => return None,
            };
            Norm::Frequency(Ordered {
                first,
                reach: reach_of(flex, None, || firm_zone(first)),
            })
        }
        (QuestionKind::Date, Expectation::Date(d)) => {
            let day = parse_date(&d.value)? as f64;
            let stated = d.accept.as_ref().filter(|_| zones).map(|z| {
                let lo = z.earliest.as_deref().and_then(parse_date).map(|v| v as f64);
                let hi = z.latest.as_deref().and_then(parse_date).map(|v| v as f64);
                Zone {
                    range: Some((lo.unwrap_or(day).min(day), hi.unwrap_or(day).max(day))),
                    open: false,
                }
            });
            Norm::Date(Ordered {
                first: Some((day, day)),
                reach: reach_of(flex, stated, || firm_zone(Some((day, day)))),
            })
        }
        (QuestionKind::Scale { min, max, .. }, Expectation::Scale(s)) => {
            let v = f64::from(s.value);
            let stated = zone_from(
                Some((v, v)),
                s.accept.as_ref().filter(|_| zones),
                1.0,
                false,
            );
            Norm::Scale(
                Ordered {
                    first: Some((v, v)),
                    reach: reach_of(flex, stated, || firm_zone(Some((v, v)))),
                },
                *min,
                *max,
            )
        }
        (QuestionKind::Choice { .. }, Expectation::Choice(c)) => Norm::Choice(discrete(
            c.value.as_str(),
            if zones {
                c.accept.iter().map(String::as_str).collect()
            } else {
                Vec::new()
            },
            flex,
        )),
        (QuestionKind::Set { .. }, Expectation::Set(s)) => {
            Norm::Set(s.values.iter().map(String::as_str).collect())
        }
        (QuestionKind::Party, Expectation::Party(p)) => {
            let w = |pick: &PartyPick| who(pick, &sheet.party, &sheet.parties);
            let accept = if zones {
                p.accept.iter().map(w).collect()
            } else {
                Vec::new()
            };
            Norm::Party(discrete(w(&p.value), accept, flex))
        }
        (QuestionKind::YesNo, Expectation::YesNo(y)) => Norm::YesNo(discrete(
            y.value,
            if zones { y.accept.clone() } else { Vec::new() },
            flex,
        )),
        (QuestionKind::Text, Expectation::Text(t)) => Norm::Text(analyse(&t.value)),
        _ => return None,
    })
}

fn discrete<T>(first: T, accept: Vec<T>, flex: Flexibility) -> Discrete<T> {
    let reach = reach_of(flex, (!accept.is_empty()).then_some(()), || ());
    Discrete {
        first,
        accept,
        reach,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn me_and_partner_resolve_from_each_side() {
        let (p1, p2, p3) = (
            PartyId("p1".into()),
            PartyId("p2".into()),
            PartyId("p3".into()),
        );
        let party = |id: &PartyId| Party {
            id: id.clone(),
            name: id.0.clone(),
        };
        let two = [party(&p1), party(&p2)];
        assert_eq!(
            who(&PartyPick::Me, &p1, &two),
            who(&PartyPick::Partner, &p2, &two)
        );
        assert_ne!(
            who(&PartyPick::Me, &p1, &two),
            who(&PartyPick::Me, &p2, &two)
        );
        let three = [party(&p1), party(&p2), party(&p3)];
        assert_eq!(who(&PartyPick::Partner, &p1, &three), Who::Parties(0b110));
    }

    #[test]
    fn units_are_canonical() {
        assert_eq!(canonical_unit("€"), (Cow::Borrowed("EUR"), 1.0, true));
        assert_eq!(canonical_unit("Hours").0, "hour");
        assert_eq!(canonical_unit("minutes").1, 1.0 / 60.0);
        assert_eq!(canonical_unit("customers").0, "customer");
        assert_eq!(canonical_unit("NOK"), (Cow::Borrowed("NOK"), 1.0, true));
    }
}
