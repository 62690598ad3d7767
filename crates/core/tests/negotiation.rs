//! Suggested resolutions checked by brute force: on generated pairs of sheets small enough to
//! enumerate every package, each suggested package is Pareto-optimal under the partners'
//! stated preferences, and the top one has the largest product of gains (the Nash bargaining
//! solution).

mod generate;

use accord_core::answer::Answer;
use accord_core::negotiate::{issues, suggest, value_utilities, Origin, Side, Suggestions};
use accord_core::sheet::check_sheet;
use accord_core::QuestionSet;
use generate::{answers_with, general, sheet};
use proptest::prelude::*;

/// Seven questions of the general set, one of each ordered, discrete and set kind, so that a
/// pair's packages can be enumerated (at most a few thousand).
fn small() -> QuestionSet {
    let mut set = general();
    let mut kinds = std::collections::HashSet::new();
    set.questions
        .retain(|q| kinds.insert(q.kind.tag()) && q.kind.tag() != "text");
    set.questions.truncate(7);
    set
}

/// Every package's gains, by enumeration.
fn every_package(s: &Suggestions) -> Vec<(f64, f64)> {
    let mut totals = vec![(0.0, 0.0)];
    for issue in issues(&s.disputed) {
        totals = totals
            .iter()
            .flat_map(|&(a, b)| issue.options.iter().map(move |&(x, y)| (a + x, b + y)))
            .collect();
    }
    totals
}

fn dominates(x: (f64, f64), y: (f64, f64)) -> bool {
    x.0 >= y.0 - 1e-9 && x.1 >= y.1 - 1e-9 && (x.0 > y.0 + 1e-9 || x.1 > y.1 + 1e-9)
}

fn pair(a: Vec<Option<Answer>>, b: Vec<Option<Answer>>) -> Suggestions {
    let set = small();
    let (sa, sb) = (sheet(&set, "p1", a), sheet(&set, "p2", b));
    assert_eq!(check_sheet(&sa, &set), Ok(()));
    assert_eq!(check_sheet(&sb, &set), Ok(()));
    suggest(&set, &sa, &sb)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn suggested_packages_are_pareto_optimal_and_the_top_is_the_nash_solution(
        a in answers_with(&small(), 0.95),
        b in answers_with(&small(), 0.95),
    ) {
        let s = pair(a, b);
        if s.disputed.is_empty() {
            prop_assert!(s.packages.is_empty());
            return Ok(());
        }
        let every = every_package(&s);
        prop_assert!(every.len() <= 300_000);
        let issues = issues(&s.disputed);
        for p in &s.packages {
            prop_assert_eq!(p.picks.len(), s.disputed.len());
            let (mut ga, mut gb) = (0.0, 0.0);
            for (issue, &pick) in issues.iter().zip(&p.picks) {
                ga += issue.options[pick].0;
                gb += issue.options[pick].1;
            }
            prop_assert!((ga - p.gain_a).abs() < 1e-9 && (gb - p.gain_b).abs() < 1e-9);
            for &other in &every {
                prop_assert!(!dominates(other, (p.gain_a, p.gain_b)),
                    "{:?} dominates a suggested package ({}, {})", other, p.gain_a, p.gain_b);
            }
        }
        let best = every.iter().map(|&(x, y)| x * y).fold(0.0, f64::max);
        prop_assert!((s.packages[0].nash - best).abs() < 1e-9,
            "top {} but the best package has {}", s.packages[0].nash, best);
    }

    #[test]
    fn utilities_follow_the_stated_preferences(
        a in answers_with(&small(), 0.95),
        b in answers_with(&small(), 0.95),
    ) {
        let s = pair(a, b);
        for d in &s.disputed {
            prop_assert!(!d.options.is_empty());
            for r in &d.options {
                prop_assert!((0.0..=1.0).contains(&r.utility_a) && (0.0..=1.0).contains(&r.utility_b));
                prop_assert!(!r.why.is_empty() && !r.shown.is_empty());
                match r.origin {
                    Origin::FirstChoice(Side::A) | Origin::FirmerPartner(Side::A) => {
                        prop_assert!(r.utility_a > 0.999, "{}: A's own value is worth {}", d.question, r.utility_a)
                    }
                    Origin::FirstChoice(Side::B) | Origin::FirmerPartner(Side::B) => {
                        prop_assert!(r.utility_b > 0.999, "{}: B's own value is worth {}", d.question, r.utility_b)
                    }
                    _ => {}
                }
            }
        }
    }

    /// A candidate's utilities are what its value is worth when agreed: the same function
    /// values any proposal, a suggestion or a partner's own.
    #[test]
    fn any_agreed_value_is_valued_like_the_candidates(
        a in answers_with(&small(), 0.95),
        b in answers_with(&small(), 0.95),
    ) {
        let set = small();
        let (sa, sb) = (sheet(&set, "p1", a), sheet(&set, "p2", b));
        let s = suggest(&set, &sa, &sb);
        for d in &s.disputed {
            for r in &d.options {
                let (ua, ub) = value_utilities(&set, &sa, &sb, &d.question, &r.value)
                    .expect("both answered");
                prop_assert!((ua - r.utility_a).abs() < 1e-6 && (ub - r.utility_b).abs() < 1e-6,
                    "{}: {} valued ({ua}, {ub}) but suggested as ({}, {})",
                    d.question, r.shown, r.utility_a, r.utility_b);
            }
        }
    }

    /// Swapping the partners gives the mirror problem: the same best product of gains.
    #[test]
    fn the_best_package_does_not_depend_on_who_is_a(
        a in answers_with(&small(), 0.95),
        b in answers_with(&small(), 0.95),
    ) {
        let set = small();
        let (sa, sb) = (sheet(&set, "p1", a), sheet(&set, "p2", b));
        let ab = suggest(&set, &sa, &sb);
        let ba = suggest(&set, &sb, &sa);
        prop_assert_eq!(ab.disputed.len(), ba.disputed.len());
        let nash = |s: &Suggestions| s.packages.first().map_or(0.0, |p| p.nash);
        prop_assert!((nash(&ab) - nash(&ba)).abs() < 1e-9);
    }
}
