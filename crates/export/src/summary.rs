//! What every export shows, decided once: the words, the order and the tables of an
//! agreement's summary, as plain strings. Markdown, HTML and PDF each lay this out in their own
//! way, so the three cannot drift apart in content.
//!
//! It only reads the [`Agreement`]: every figure shown is in the agreement itself. It knows
//! nothing about any output format; escaping is each renderer's job.

use accord_core::agreement::{AgreedItem, Agreement, FirstExpectation, OpenItem, Settled};
use accord_core::PartyId;

/// Shown where a partner did not answer a question.
pub const NOT_ANSWERED: &str = "not answered";

/// How to check an export, printed at the end of each: text, a command, text.
pub const VERIFY_NOTE: [&str; 3] = [
    "This document carries the agreement it shows: ",
    "accord verify FILE",
    " recomputes the hash, checks every signature and that the text above was not altered.",
];

pub struct Summary {
    /// "Agreement 1: Spring client seminar".
    pub title: String,
    /// Label and value: alliance, partners, version, dates, threshold, hash.
    pub facts: Vec<(&'static str, String)>,
    pub hash: String,
    /// Headers of the agreed table: question, agreed value, what each partner first expected.
    pub agreed_columns: Vec<String>,
    /// Agreed items by category, categories in order of first appearance.
    pub agreed: Vec<Group>,
    pub agreed_count: usize,
    /// Headers of the open table: question, last proposal, what each partner first expected.
    pub open_columns: Vec<String>,
    pub open: Vec<Row>,
    pub balance_note: &'static str,
    /// Partner and what the negotiated items are worth to them ("62% of their best").
    pub balance: Vec<(String, String)>,
    pub review: String,
    pub signatures: Vec<SignatureLine>,
}

pub struct Group {
    pub category: String,
    pub rows: Vec<Row>,
}

/// One question: its id and text, then one cell per further column.
pub struct Row {
    pub id: String,
    pub question: String,
    pub cells: Vec<Cell>,
}

/// A table cell: the value, and a smaller note under it (how it was settled, a comment).
pub struct Cell {
    pub text: String,
    pub note: Option<String>,
}

pub struct SignatureLine {
    pub name: String,
    pub party: String,
    pub fingerprint: String,
}

pub const EMPTY_AGREED: &str = "Nothing was agreed in this round.";
pub const EMPTY_OPEN: &str = "No open items: every question is settled.";
pub const EMPTY_BALANCE: &str = "No item was negotiated, so there is no balance to show.";
pub const EMPTY_SIGNATURES: &str = "Not signed yet.";
pub const SIGNATURES_NOTE: &str = "Each signature is an Ed25519 signature over the hash above, \
by the key whose fingerprint is shown; compare it with the one your partner gave you.";

impl Summary {
    pub fn of(a: &Agreement) -> Summary {
        let partners: Vec<&str> = a.parties.iter().map(|p| p.name.as_str()).collect();
        let facts = vec![
            (
                "Alliance",
                format!("{} ({})", a.alliance.name, a.alliance.kind.label()),
            ),
            ("Partners", join_names(&partners)),
            (
                "Agreement",
                format!("version {}, settling answer round {}", a.number, a.round),
            ),
            ("Agreed on", a.agreed_on.clone()),
            ("Review on", a.review_on.clone()),
            (
                "Threshold",
                format!(
                    "every gap of severity {} or more was negotiated or is listed as open",
                    a.threshold
                ),
            ),
            ("Hash (SHA-256)", a.hash.clone()),
        ];
        let expected_columns = a
            .parties
            .iter()
            .map(|p| format!("{} first expected", p.name));
        let agreed_columns = ["Question".to_string(), "Agreed".to_string()]
            .into_iter()
            .chain(expected_columns.clone())
            .collect();
        let open_columns = ["Question".to_string(), "Last proposal".to_string()]
            .into_iter()
            .chain(expected_columns)
            .collect();

        let mut agreed: Vec<Group> = Vec::new();
        for item in &a.items {
            let row = agreed_row(a, item);
            match agreed.iter_mut().find(|g| g.category == item.category) {
                Some(group) => group.rows.push(row),
                None => agreed.push(Group {
                    category: item.category.clone(),
                    rows: vec![row],
                }),
            }
        }

        Summary {
            title: format!("Agreement {}: {}", a.number, a.alliance.name),
            facts,
            hash: a.hash.clone(),
            agreed_columns,
            agreed,
            agreed_count: a.items.len(),
            open_columns,
            open: a.open.iter().map(|item| open_row(a, item)).collect(),
            balance_note: "What the negotiated items are worth to each partner under their own \
stated preferences (100%: every negotiated item on their first choice).",
            balance: a
                .balance
                .iter()
                .map(|g| {
                    (
                        a.party_name(&g.party).to_string(),
                        format!("{:.0}% of their best", g.gain * 100.0),
                    )
                })
                .collect(),
            review: format!(
                "The partners review this agreement on {}, or earlier if either asks.",
                a.review_on
            ),
            signatures: a
                .signatures
                .iter()
                .map(|s| SignatureLine {
                    name: s.name.clone(),
                    party: a.party_name(&s.party).to_string(),
                    fingerprint: s.fingerprint.clone(),
                })
                .collect(),
        }
    }
}

fn agreed_row(a: &Agreement, item: &AgreedItem) -> Row {
    let how = match item.settled {
        Settled::Aligned => "agreed from the start".to_string(),
        Settled::Negotiated => format!(
            "negotiated; was {}, severity {}",
            item.verdict.label(),
            item.severity
        ),
    };
    let note = match &item.comment {
        Some(comment) => format!("{how}. Comment: {comment}"),
        None => how,
    };
    let mut cells = vec![Cell {
        text: item.shown.clone(),
        note: Some(note),
    }];
    cells.extend(expectations(a, &item.expected));
    Row {
        id: item.question.0.clone(),
        question: item.text.clone(),
        cells,
    }
}

fn open_row(a: &Agreement, item: &OpenItem) -> Row {
    let mut cells = vec![Cell {
        text: item
            .last_proposal
            .clone()
            .unwrap_or_else(|| "none".to_string()),
        note: Some(format!(
            "{}, severity {}",
            item.verdict.label(),
            item.severity
        )),
    }];
    cells.extend(expectations(a, &item.expected));
    Row {
        id: item.question.0.clone(),
        question: item.text.clone(),
        cells,
    }
}

/// One cell per party of the agreement, in the agreement's party order.
fn expectations<'a>(
    a: &'a Agreement,
    expected: &'a [FirstExpectation],
) -> impl Iterator<Item = Cell> + 'a {
    a.parties.iter().map(move |p| Cell {
        text: first_expected(expected, &p.id).to_string(),
        note: None,
    })
}

fn first_expected<'a>(expected: &'a [FirstExpectation], party: &PartyId) -> &'a str {
    expected
        .iter()
        .find(|e| &e.party == party)
        .and_then(|e| e.shown.as_deref())
        .unwrap_or(NOT_ANSWERED)
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
