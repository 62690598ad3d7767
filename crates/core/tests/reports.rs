//! Snapshots (insta) of the full rendered reports, text and Markdown, for the realistic sample
//! pairs, one per alliance kind. The per-question verdicts are pinned by `samples.rs`; these pin
//! what a person reads. Review changes with `cargo insta review` or accept them with
//! `INSTA_UPDATE=always cargo test -p accord-core --test reports`.

use std::path::Path;

use accord_core::diff::compare_sheets;
use accord_core::report::{render_markdown, render_text};
use accord_core::sheet::parse_sheet;

const REALISTIC: [&str; 5] = [
    "co_marketing_seminar",
    "reseller_channel",
    "development_partnership",
    "joint_venture_grid",
    "consortium_three_members",
];

fn sheets(case: &str) -> (accord_core::AnswerSheet, accord_core::AnswerSheet) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(case);
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        parse_sheet(&text).unwrap_or_else(|e| panic!("{case}/{name}: {e}"))
    };
    (read("a.json"), read("b.json"))
}

/// Suggested resolutions and packages, as `accord suggest` prints them.
#[test]
fn suggestion_reports() {
    for case in REALISTIC {
        let (a, b) = sheets(case);
        let set = accord_core::sheet::common_set(&a, &b).unwrap();
        let suggestions = accord_core::negotiate::suggest(&set, &a, &b);
        insta::assert_snapshot!(
            format!("{case}_suggestions"),
            accord_core::report::render_suggestions(&suggestions)
        );
    }
}

fn comparison(case: &str) -> accord_core::Comparison {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(case);
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        parse_sheet(&text).unwrap_or_else(|e| panic!("{case}/{name}: {e}"))
    };
    compare_sheets(&read("a.json"), &read("b.json")).unwrap()
}

#[test]
fn text_reports() {
    for case in REALISTIC {
        insta::assert_snapshot!(
            format!("{case}_text"),
            render_text(&comparison(case), false)
        );
    }
}

#[test]
fn markdown_reports() {
    for case in REALISTIC {
        insta::assert_snapshot!(
            format!("{case}_markdown"),
            render_markdown(&comparison(case))
        );
    }
}
