//! Bargaining over packages, as plain numbers: which combinations of one option per disputed
//! question are Pareto-optimal, and which of them is the Nash bargaining solution.
//!
//! Each [`Issue`] lists its options as `(a, b)`: what choosing it adds to each partner's
//! utility, already weighted by importance and normalised so that a package's totals lie in
//! `0..=1` (1 = every question settled on that partner's first choice). Utilities add up over
//! questions. The disagreement point is 0 for both (nothing agreed), so a package's gains are
//! its totals and the Nash solution maximises `a × b`.
//!
//! Two methods, both giving only Pareto-optimal packages:
//! - [`Method::Exact`]: the whole Pareto frontier by dynamic programming over the questions,
//!   dropping dominated partial packages at each step (a dominated partial package stays
//!   dominated whatever is added to it). Exact; its cost grows with the frontier's size.
//! - [`Method::Supported`]: when the frontier would exceed a cap, the packages that maximise
//!   `λa + (1-λ)b` for some `0 < λ < 1` (the frontier's convex hull), found by sweeping λ
//!   across the points where some question's best option changes. Each such package is
//!   Pareto-optimal (a package dominating it would have a larger weighted sum). It scales with
//!   questions × options², but can miss the Nash optimum when it lies inside the hull.
//!
//! This module knows nothing of questions or answers; `candidates.rs` supplies the numbers.

/// Utilities are compared with this tolerance; sums of a few thousand weights stay well above.
const EPS: f64 = 1e-12;

/// One disputed question: each option's weighted utility for partner A and partner B.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub options: Vec<(f64, f64)>,
}

/// One option per issue, and the totals for A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub picks: Vec<usize>,
    pub a: f64,
    pub b: f64,
}

impl Package {
    /// The Nash product: both partners' gains over no agreement, multiplied.
    pub fn nash(&self) -> f64 {
        self.a.max(0.0) * self.b.max(0.0)
    }

    /// True if `other` is at least as good for both and better for one.
    pub fn dominated_by(&self, other: &Package) -> bool {
        other.a >= self.a - EPS
            && other.b >= self.b - EPS
            && (other.a > self.a + EPS || other.b > self.b + EPS)
    }
}

/// How a frontier was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Method {
    Exact,
    Supported,
}

/// Pareto-optimal packages, by A's total ascending (so B's descending).
#[derive(Debug, Clone, PartialEq)]
pub struct Frontier {
    pub packages: Vec<Package>,
    pub method: Method,
}

impl Frontier {
    /// The Nash bargaining solution among the frontier's packages; ties go to the more even
    /// package, then to the one found first. `None` only when there are no issues.
    pub fn nash(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, p) in self.packages.iter().enumerate() {
            let better = match best {
                None => true,
                Some(j) => {
                    let q = &self.packages[j];
                    let (pn, qn) = (p.nash(), q.nash());
                    pn > qn + EPS
                        || ((pn - qn).abs() <= EPS && (p.a - p.b).abs() + EPS < (q.a - q.b).abs())
                }
            };
            if better {
                best = Some(i);
            }
        }
        best
    }
}

/// The Pareto frontier of `issues`: exact while it has at most `cap` packages, else the
/// supported packages. Every issue needs at least one option.
pub fn frontier(issues: &[Issue], cap: usize) -> Frontier {
    match exact(issues, cap) {
        Some(packages) => Frontier {
            packages,
            method: Method::Exact,
        },
        None => Frontier {
            packages: supported(issues),
            method: Method::Supported,
        },
    }
}

/// A partial package: totals so far and how it was reached.
#[derive(Clone, Copy)]
struct Node {
    a: f64,
    b: f64,
    prev: u32,
    pick: u32,
}

/// The exact frontier, or `None` if at some step it holds more than `cap` packages.
pub fn exact(issues: &[Issue], cap: usize) -> Option<Vec<Package>> {
    let mut levels: Vec<Vec<Node>> = Vec::with_capacity(issues.len());
    let mut current = vec![Node {
        a: 0.0,
        b: 0.0,
        prev: u32::MAX,
        pick: 0,
    }];
    for issue in issues {
        let mut next = Vec::with_capacity(current.len() * issue.options.len());
        for (i, node) in current.iter().enumerate() {
            for (k, &(oa, ob)) in issue.options.iter().enumerate() {
                next.push(Node {
                    a: node.a + oa,
                    b: node.b + ob,
                    prev: i as u32,
                    pick: k as u32,
                });
            }
        }
        let kept = pareto_filter(next);
        if kept.len() > cap {
            return None;
        }
        levels.push(std::mem::replace(&mut current, kept));
    }
    levels.push(current);
    let last = levels.len() - 1;
    let mut packages: Vec<Package> = levels[last]
        .iter()
        .map(|node| {
            let mut picks = vec![0; issues.len()];
            let (mut level, mut at) = (last, *node);
            while level > 0 {
                picks[level - 1] = at.pick as usize;
                at = levels[level - 1][at.prev as usize];
                level -= 1;
            }
            Package {
                picks,
                a: node.a,
                b: node.b,
            }
        })
        .collect();
    packages.sort_by(|x, y| x.a.total_cmp(&y.a));
    Some(packages)
}

/// Keeps the non-dominated nodes (one per distinct point), deterministic in input order.
fn pareto_filter(mut nodes: Vec<Node>) -> Vec<Node> {
    // Highest a first; among equal a, highest b; then the earliest (stable sort).
    nodes.sort_by(|x, y| y.a.total_cmp(&x.a).then(y.b.total_cmp(&x.b)));
    let mut kept: Vec<Node> = Vec::new();
    let mut best_b = f64::NEG_INFINITY;
    for node in nodes {
        if node.b > best_b + EPS {
            // Same a (within EPS) as the last kept and higher b: the last kept is dominated.
            if let Some(last) = kept.last() {
                if (last.a - node.a).abs() <= EPS {
                    kept.pop();
                }
            }
            best_b = node.b;
            kept.push(node);
        }
    }
    kept
}

/// The supported Pareto-optimal packages: one per interval of λ between breakpoints.
pub fn supported(issues: &[Issue]) -> Vec<Package> {
    let mut breaks: Vec<f64> = Vec::new();
    for issue in issues {
        for (j, &(aj, bj)) in issue.options.iter().enumerate() {
            for &(ak, bk) in &issue.options[j + 1..] {
                // λ·aj + (1-λ)·bj = λ·ak + (1-λ)·bk
                let denominator = (aj - ak) - (bj - bk);
                if denominator.abs() > EPS {
                    let lambda = (bk - bj) / denominator;
                    if lambda > EPS && lambda < 1.0 - EPS {
                        breaks.push(lambda);
                    }
                }
            }
        }
    }
    breaks.sort_by(f64::total_cmp);
    breaks.dedup_by(|x, y| (*x - *y).abs() <= 1e-12);
    let mut probes = Vec::with_capacity(breaks.len() + 1);
    let mut lower = 0.0;
    for &point in &breaks {
        probes.push((lower + point) / 2.0);
        lower = point;
    }
    probes.push((lower + 1.0) / 2.0);

    let mut packages: Vec<Package> = probes
        .iter()
        .map(|&lambda| best_for(issues, lambda))
        .collect();
    packages.sort_by(|x, y| x.a.total_cmp(&y.a).then(y.b.total_cmp(&x.b)));
    packages.dedup_by(|x, y| (x.a - y.a).abs() <= EPS && (x.b - y.b).abs() <= EPS);
    packages
}

/// The package maximising `λa + (1-λ)b`, each issue on its own; ties to the first option.
fn best_for(issues: &[Issue], lambda: f64) -> Package {
    let mut package = Package {
        picks: Vec::with_capacity(issues.len()),
        a: 0.0,
        b: 0.0,
    };
    for issue in issues {
        let mut best = 0;
        let mut best_value = f64::NEG_INFINITY;
        for (k, &(oa, ob)) in issue.options.iter().enumerate() {
            let value = lambda * oa + (1.0 - lambda) * ob;
            if value > best_value + EPS {
                best = k;
                best_value = value;
            }
        }
        let (oa, ob) = issue.options.get(best).copied().unwrap_or((0.0, 0.0));
        package.picks.push(best);
        package.a += oa;
        package.b += ob;
    }
    package
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every package, by enumeration: the reference the methods are checked against.
    fn all_packages(issues: &[Issue]) -> Vec<Package> {
        let mut packages = vec![Package {
            picks: vec![],
            a: 0.0,
            b: 0.0,
        }];
        for issue in issues {
            let mut next = Vec::new();
            for p in &packages {
                for (k, &(oa, ob)) in issue.options.iter().enumerate() {
                    let mut picks = p.picks.clone();
                    picks.push(k);
                    next.push(Package {
                        picks,
                        a: p.a + oa,
                        b: p.b + ob,
                    });
                }
            }
            packages = next;
        }
        packages
    }

    fn totals(issues: &[Issue], picks: &[usize]) -> (f64, f64) {
        picks
            .iter()
            .zip(issues)
            .fold((0.0, 0.0), |(a, b), (&k, issue)| {
                (a + issue.options[k].0, b + issue.options[k].1)
            })
    }

    fn issues_strategy(max_issues: usize) -> impl Strategy<Value = Vec<Issue>> {
        // Utilities on a coarse grid, so ties and equal points occur as in real answers.
        let option = (0u8..=8, 0u8..=8).prop_map(|(a, b)| (f64::from(a) / 8.0, f64::from(b) / 8.0));
        let issue = (prop::collection::vec(option, 1..=4), 1u8..=5, 1u8..=5).prop_map(
            |(options, wa, wb)| Issue {
                options: options
                    .into_iter()
                    .map(|(a, b)| (a * f64::from(wa), b * f64::from(wb)))
                    .collect(),
            },
        );
        prop::collection::vec(issue, 1..=max_issues)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The exact frontier is exactly the set of non-dominated points, each package's picks
        /// add up to its totals, and its Nash choice is the best of all packages.
        #[test]
        fn the_exact_frontier_matches_enumeration(issues in issues_strategy(6)) {
            let every = all_packages(&issues);
            let frontier = frontier(&issues, 100_000);
            prop_assert_eq!(frontier.method, Method::Exact);
            for p in &frontier.packages {
                prop_assert!(every.iter().all(|q| !p.dominated_by(q)), "dominated: {:?}", p);
                let (a, b) = totals(&issues, &p.picks);
                prop_assert!((a - p.a).abs() < 1e-9 && (b - p.b).abs() < 1e-9);
            }
            for q in &every {
                if every.iter().all(|r| !q.dominated_by(r)) {
                    prop_assert!(
                        frontier.packages.iter().any(|p| (p.a - q.a).abs() < 1e-9 && (p.b - q.b).abs() < 1e-9),
                        "missing Pareto point {:?}", q
                    );
                }
            }
            let best = every.iter().map(Package::nash).fold(0.0, f64::max);
            let chosen = &frontier.packages[frontier.nash().unwrap()];
            prop_assert!((chosen.nash() - best).abs() < 1e-9);
        }

        /// Supported packages are Pareto-optimal too, and never beat the exact Nash product.
        #[test]
        fn supported_packages_are_pareto_optimal(issues in issues_strategy(6)) {
            let every = all_packages(&issues);
            let supported = supported(&issues);
            prop_assert!(!supported.is_empty());
            for p in &supported {
                prop_assert!(every.iter().all(|q| !p.dominated_by(q)), "dominated: {:?}", p);
                let (a, b) = totals(&issues, &p.picks);
                prop_assert!((a - p.a).abs() < 1e-9 && (b - p.b).abs() < 1e-9);
            }
        }
    }

    /// How close the scalable method gets to the exact Nash solution, on problems of 20
    /// questions where the exact frontier is still cheap. Deterministic (a fixed generator).
    #[test]
    fn the_supported_method_comes_close_to_the_exact_nash_product() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 1000) as f64 / 1000.0
        };
        let (mut worst, mut sum, runs) = (1.0f64, 0.0, 200);
        for _ in 0..runs {
            let issues: Vec<Issue> = (0..20)
                .map(|_| {
                    let (wa, wb) = (1.0 + 4.0 * next(), 1.0 + 4.0 * next());
                    let k = 2 + (next() * 4.0) as usize;
                    Issue {
                        options: (0..k).map(|_| (wa * next(), wb * next())).collect(),
                    }
                })
                .collect();
            let exact = frontier(&issues, usize::MAX);
            let scaled = Frontier {
                packages: supported(&issues),
                method: Method::Supported,
            };
            let best = exact.packages[exact.nash().unwrap()].nash();
            let near = scaled.packages[scaled.nash().unwrap()].nash();
            let ratio = near / best;
            worst = worst.min(ratio);
            sum += ratio;
        }
        eprintln!(
            "supported/exact Nash product over {runs} problems: worst {worst:.4}, mean {:.4}",
            sum / f64::from(runs)
        );
        assert!(worst > 0.95, "worst ratio {worst}");
    }

    #[test]
    fn a_trade_beats_splitting_every_difference() {
        // Two questions; A cares about the first, B about the second. Options: A's value,
        // B's value, a midpoint worth half to each.
        let issues = vec![
            Issue {
                options: vec![(0.8, 0.0), (0.0, 0.2), (0.4, 0.1)],
            },
            Issue {
                options: vec![(0.2, 0.0), (0.0, 0.8), (0.1, 0.4)],
            },
        ];
        let f = frontier(&issues, 1000);
        let top = &f.packages[f.nash().unwrap()];
        assert_eq!(
            top.picks,
            vec![0, 1],
            "each gets its way where it cares most"
        );
        assert!((top.a - 0.8).abs() < 1e-12 && (top.b - 0.8).abs() < 1e-12);
    }

    #[test]
    fn the_cap_switches_to_the_supported_method() {
        let issues: Vec<Issue> = (0..40)
            .map(|i| {
                let x = f64::from(i) / 40.0;
                Issue {
                    options: vec![(1.0 - x, x * x), (x, 1.0 - x * x), (0.5, 0.5 - x / 3.0)],
                }
            })
            .collect();
        let f = frontier(&issues, 50);
        assert_eq!(f.method, Method::Supported);
        assert!(f.nash().is_some());
    }
}
