//! Snapshots (insta) of the Markdown and HTML exports of the seminar agreement, signed by both
//! partners, and of the one whose user text tries to be markup. They pin what a person reads;
//! the embedded agreement block at the end (base64 of the JSON export) is left out, since the
//! verify tests check it. Review changes with `cargo insta review` or accept them with
//! `INSTA_UPDATE=always cargo test -p accord-export --test snapshots`.

mod fixture;

use accord_export::{html, markdown};

/// The document before its embedded agreement block.
fn visible<'a>(document: &'a str, marker: &str) -> &'a str {
    let end = document
        .rfind(marker)
        .unwrap_or_else(|| panic!("no {marker} in the document"));
    &document[..end]
}

const MARKDOWN_BLOCK: &str = "<!-- accord-agreement";
const HTML_BLOCK: &str = "<template id=\"accord-agreement\"";

#[test]
fn markdown_exports() {
    let seminar = markdown(&fixture::signed(fixture::seminar()));
    insta::assert_snapshot!("seminar_markdown", visible(&seminar, MARKDOWN_BLOCK));
    let hostile = markdown(&fixture::hostile());
    insta::assert_snapshot!("hostile_markdown", visible(&hostile, MARKDOWN_BLOCK));
}

#[test]
fn html_exports() {
    let seminar = html(&fixture::signed(fixture::seminar()));
    insta::assert_snapshot!("seminar_html", visible(&seminar, HTML_BLOCK));
    let hostile = html(&fixture::hostile());
    insta::assert_snapshot!("hostile_html", visible(&hostile, HTML_BLOCK));
}

#[test]
fn an_empty_agreement_says_so_in_every_section() {
    let mut agreement = fixture::seminar();
    agreement.items.clear();
    agreement.open.clear();
    agreement.balance.clear();
    let agreement = agreement.with_hash();
    let md = markdown(&agreement);
    for line in [
        "## Agreed (0)",
        "Nothing was agreed in this round.",
        "No open items: every question is settled.",
        "No item was negotiated, so there is no balance to show.",
        "Not signed yet.",
    ] {
        assert!(md.contains(line), "{line:?} missing from:\n{md}");
    }
    let page = html(&agreement);
    assert!(page.contains("<p>Nothing was agreed in this round.</p>"));
    assert!(!page.contains("<table>"), "no table without rows");
}
