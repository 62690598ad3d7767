//! Step 3: turn a measurement into a verdict, a severity and a reason a person can read.
//!
//! The rules, in order: the same meaning is aligned; values that cannot be compared by meaning
//! are divergent (with the reason why, never an error); first choices that each fall in the
//! other's acceptable zone are compatible; a conflict in the nature of the values, or zones that
//! are both known and do not meet, is a conflict; overlapping first choices are compatible;
//! anything else is divergent. Severity grows with the size of the gap and with both partners'
//! importance and firmness, inside a band per verdict, so a conflict always outranks a
//! divergence of the same size. Aggregation across questions is `score.rs`.

use std::fmt::Write;

use super::measure::Measure;
use crate::answer::{Answer, Flexibility};
use crate::comparison::Verdict;

pub(crate) fn verdict(m: &Measure) -> Verdict {
    if m.same {
        Verdict::Aligned
    } else if m.unknown.is_some() {
        Verdict::Divergent
    } else if m.a_accepts_b && m.b_accepts_a {
        Verdict::Compatible
    } else if m.hard.is_some() {
        Verdict::Conflict
    } else if m.overlap.is_some() {
        Verdict::Compatible
    } else if m.zones_disjoint {
        Verdict::Conflict
    } else {
        Verdict::Divergent
    }
}

fn firmness(f: Flexibility) -> f64 {
    match f {
        Flexibility::Firm => 1.0,
        Flexibility::Flexible => 0.7,
        Flexibility::DontCare => 0.4,
    }
}

/// How much the two authors care, 0.08 (both don't care, importance 1) to 1 (both firm, 5).
pub(crate) fn weight(a: &Answer, b: &Answer) -> f64 {
    let importance = f64::from(a.importance.get() + b.importance.get()) / 10.0;
    let firm = (firmness(a.flexibility) + firmness(b.flexibility)) / 2.0;
    importance * firm
}

/// 0 to 100 inside the verdict's band: compatible 1–20, divergent 20–70, conflict 45–100.
pub(crate) fn severity(v: Verdict, gap: f64, weight: f64) -> u8 {
    let x = gap.clamp(0.0, 1.0) * weight.clamp(0.0, 1.0);
    let s = match v {
        Verdict::Aligned | Verdict::Unanswered => 0.0,
        Verdict::Compatible => 1.0 + 19.0 * x,
        Verdict::Divergent => 20.0 + 50.0 * x,
        Verdict::Conflict => 45.0 + 55.0 * x,
    };
    s.round().clamp(0.0, 100.0) as u8
}

/// Severity of a question only one side answered: a blind spot, weighted by how much the side
/// that answered cares.
pub(crate) fn unanswered_severity(answered: &Answer) -> u8 {
    5 + 3 * answered.importance.get()
}

/// "Lumen Analytics'" and "Northwind's".
pub(crate) fn possessive(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 2);
    push_possessive(&mut s, name);
    s
}

fn push_possessive(s: &mut String, name: &str) {
    s.push_str(name);
    s.push_str(if name.ends_with('s') { "'" } else { "'s" });
}

/// The reason, written into one string sized up front (it is kept for every question, so
/// intermediate strings would double the allocations).
pub(crate) fn reason(v: Verdict, m: &Measure, la: &str, lb: &str) -> String {
    let extra = m.note.as_ref().map_or(0, String::len)
        + [&m.overlap, &m.hard, &m.unknown]
            .into_iter()
            .map(|x| x.as_ref().map_or(0, String::len))
            .max()
            .unwrap_or(0);
    let mut s =
        String::with_capacity(la.len() + lb.len() + m.a_shown.len() + m.b_shown.len() + extra + 64);
    if v == Verdict::Aligned {
        if m.a_shown == m.b_shown {
            s.push_str("both expect ");
            s.push_str(&m.a_shown);
        } else {
            let _ = write!(
                s,
                "both mean the same: {la} wrote {}, {lb} {}",
                m.a_shown, m.b_shown
            );
        }
        return s;
    }
    for x in [
        la,
        " expects ",
        &m.a_shown,
        "; ",
        lb,
        " expects ",
        &m.b_shown,
    ] {
        s.push_str(x);
    }
    let mut first = true;
    let mut part = |s: &mut String, text: &str| {
        s.push_str(if first { " — " } else { "; " });
        s.push_str(text);
        first = false;
    };
    match v {
        Verdict::Compatible => {
            if m.a_accepts_b && m.b_accepts_a {
                part(&mut s, "each would accept the other's choice");
            } else if let Some(o) = &m.overlap {
                part(&mut s, o);
            }
        }
        Verdict::Conflict => {
            part(
                &mut s,
                m.hard
                    .as_deref()
                    .unwrap_or("no acceptable zone bridges the gap"),
            );
        }
        Verdict::Divergent => {
            if let Some(u) = &m.unknown {
                part(&mut s, u);
            } else if m.a_accepts_b || m.b_accepts_a {
                let (who, whose) = if m.a_accepts_b { (la, lb) } else { (lb, la) };
                part(&mut s, who);
                s.push_str(" would accept ");
                push_possessive(&mut s, whose);
                s.push_str(" choice, not the reverse");
            }
        }
        Verdict::Aligned | Verdict::Unanswered => {}
    }
    if let Some(n) = &m.note {
        part(&mut s, n);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_bands_keep_verdicts_in_order() {
        assert_eq!(severity(Verdict::Aligned, 1.0, 1.0), 0);
        assert!(severity(Verdict::Compatible, 1.0, 1.0) <= severity(Verdict::Divergent, 0.0, 0.0));
        assert!(severity(Verdict::Divergent, 1.0, 0.3) < severity(Verdict::Conflict, 0.0, 0.0));
        assert_eq!(severity(Verdict::Conflict, 1.0, 1.0), 100);
        assert!(severity(Verdict::Divergent, 0.8, 1.0) > severity(Verdict::Divergent, 0.4, 1.0));
    }

    #[test]
    fn zones_decide_between_compatible_and_conflict() {
        let base = Measure {
            a_shown: "x".into(),
            b_shown: "y".into(),
            gap: 0.5,
            ..Measure::default()
        };
        assert_eq!(verdict(&base), Verdict::Divergent);
        let mutual = Measure {
            a_accepts_b: true,
            b_accepts_a: true,
            ..base.clone()
        };
        assert_eq!(verdict(&mutual), Verdict::Compatible);
        let apart = Measure {
            zones_disjoint: true,
            ..base.clone()
        };
        assert_eq!(verdict(&apart), Verdict::Conflict);
        let r = reason(Verdict::Conflict, &apart, "A", "B");
        assert_eq!(
            r,
            "A expects x; B expects y — no acceptable zone bridges the gap"
        );
    }
}
