//! The demo alliance a new user finds in an empty database, so the app is never blank at first
//! start, and the two demo answer sheets `accord demo` compares. Plain data; the store decides
//! when to seed it. The sheets are the `co_marketing_seminar` sample pair, so the demo is pinned
//! by the same golden test as every other sample, and it shows every verdict.

use crate::comparison::Comparison;
use crate::sheet::{parse_sheet, AnswerSheet};
use crate::{AllianceDraft, AllianceKind};

const DEMO_A: &str = include_str!("../tests/samples/co_marketing_seminar/a.json");
const DEMO_B: &str = include_str!("../tests/samples/co_marketing_seminar/b.json");

/// The two demo sheets: Northwind Advisory's and Lumen Analytics' answers on their seminar.
pub fn demo_sheets() -> (AnswerSheet, AnswerSheet) {
    let parse = |text| parse_sheet(text).expect("the demo sheets are valid (pinned by tests)");
    (parse(DEMO_A), parse(DEMO_B))
}

/// The demo sheets' raw JSON, for `accord demo` to show or write out as examples.
pub fn demo_sheet_texts() -> (&'static str, &'static str) {
    (DEMO_A, DEMO_B)
}

/// The comparison of the two demo sheets.
pub fn demo_comparison() -> Comparison {
    let (a, b) = demo_sheets();
    let set = crate::sheet::resolve_set(&a).expect("the demo set is built in");
    crate::diff::compare(&set, &a, &b)
}

/// A small co-marketing alliance of the sort the seeds describe: two non-competing firms
/// sharing the cost of a seminar, with terms that read the same to both and will not be.
pub fn demo_alliance() -> AllianceDraft {
    AllianceDraft {
        name: "Demo: Spring client seminar".into(),
        kind: AllianceKind::CoMarketing,
        parties: vec!["Northwind Advisory".into(), "Lumen Analytics".into()],
        terms: vec![
            "Venue and speaker costs are shared equally".into(),
            "Each partner invites its own clients".into(),
            "The seminar runs once in spring, with an option to repeat".into(),
            "Leads from the seminar are shared".into(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use crate::comparison::Verdict;

    #[test]
    fn the_demo_comparison_shows_every_verdict() {
        let c = super::demo_comparison();
        for v in Verdict::ALL {
            assert!(
                c.gaps.iter().any(|g| g.verdict == v),
                "no {v:?} in the demo"
            );
        }
        assert!(!c.perception.is_empty());
        assert!(c.paper_terms.iter().any(|t| !t.gaps.is_empty()));
    }

    #[test]
    fn the_demo_is_a_valid_alliance() {
        let content = super::demo_alliance().normalize().unwrap();
        assert_eq!(content.parties.len(), 2);
        assert_eq!(content.terms.len(), 4);
    }
}
