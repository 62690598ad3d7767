//! The agreement as Markdown (CommonMark with GitHub's pipe tables): a header list, one table
//! per category of agreed items, the open items, the balance, the review date and the
//! signatures, then the agreement itself in an HTML comment for `accord verify`.
//!
//! Every piece of user text (names, questions, values, comments) goes through [`inline`], so
//! it renders as the same text in any CommonMark reader: no emphasis, links, HTML, entities or
//! table cells appear that the partners did not write. It knows nothing of files or of the
//! other formats.

use std::fmt::Write;

use accord_core::agreement::Agreement;

use crate::summary::{self, Cell, Row, Summary};
use crate::{embed, LAYOUT};

/// The agreement as a Markdown document.
pub fn markdown(agreement: &Agreement) -> String {
    let s = Summary::of(agreement);
    let mut o = String::with_capacity(2048 + agreement.items.len() * 400);
    let _ = writeln!(o, "# {}\n", inline(&s.title));
    for (label, value) in &s.facts {
        if *label == "Hash (SHA-256)" {
            let _ = writeln!(o, "- **{label}:** {}", code(value));
        } else {
            let _ = writeln!(o, "- **{label}:** {}", inline(value));
        }
    }

    let _ = writeln!(o, "\n## Agreed ({})\n", s.agreed_count);
    if s.agreed.is_empty() {
        let _ = writeln!(o, "{}", summary::EMPTY_AGREED);
    }
    for group in &s.agreed {
        let _ = writeln!(o, "### {}\n", inline(&group.category));
        table(&mut o, &s.agreed_columns, &group.rows);
    }

    let _ = writeln!(o, "\n## Open items ({})\n", s.open.len());
    if s.open.is_empty() {
        let _ = writeln!(o, "{}", summary::EMPTY_OPEN);
    } else {
        table(&mut o, &s.open_columns, &s.open);
    }

    let _ = writeln!(o, "\n## Balance\n");
    if s.balance.is_empty() {
        let _ = writeln!(o, "{}", summary::EMPTY_BALANCE);
    } else {
        let _ = writeln!(o, "{}\n", s.balance_note);
        for (party, gain) in &s.balance {
            let _ = writeln!(o, "- **{}:** {gain}", inline(party));
        }
    }

    let _ = writeln!(o, "\n## Review\n\n{}", inline(&s.review));

    let _ = writeln!(o, "\n## Signatures\n");
    if s.signatures.is_empty() {
        let _ = writeln!(o, "{}", summary::EMPTY_SIGNATURES);
    } else {
        let _ = writeln!(o, "{}\n", summary::SIGNATURES_NOTE);
        for sig in &s.signatures {
            let _ = writeln!(
                o,
                "- **{}** for {}, fingerprint {}",
                inline(&sig.name),
                inline(&sig.party),
                code(&sig.fingerprint)
            );
        }
    }

    let [before, command, after] = summary::VERIFY_NOTE;
    let _ = writeln!(o, "\n---\n\n{before}{}{after}\n", code(command));
    embed::MARKDOWN.write(&mut o, LAYOUT, &crate::json(agreement));
    o
}

fn table(o: &mut String, columns: &[String], rows: &[Row]) {
    o.push('|');
    for column in columns {
        let _ = write!(o, " {} |", inline(column));
    }
    o.push_str("\n|");
    for _ in columns {
        o.push_str("---|");
    }
    o.push('\n');
    for row in rows {
        let _ = write!(o, "| {} {} |", code(&row.id), inline(&row.question));
        for cell in &row.cells {
            let _ = write!(o, " {} |", cell_text(cell));
        }
        o.push('\n');
    }
    o.push('\n');
}

fn cell_text(cell: &Cell) -> String {
    match &cell.note {
        Some(note) => format!("{} — *{}*", inline(&cell.text), inline(note)),
        None => inline(&cell.text),
    }
}

/// `text` as Markdown inline content that reads back as exactly `text` (line breaks and other
/// control characters become spaces): ASCII punctuation that could start markup is
/// backslash-escaped, `|` too so a table cell cannot be split, and a start that could open a
/// list or a heading is defused.
pub fn inline(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A list marker or setext underline at the start of a table cell or list item.
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // "1. " or "1) " at the start would open an ordered list inside a list item.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

/// `text` as a code span, fenced by more backticks than it contains in a row; `|` escaped so
/// that a table cell cannot be split.
fn code(text: &str) -> String {
    let text: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_cannot_open_markup() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(
            inline("*bold* _it_ `code`"),
            "\\*bold\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(
            inline("[a](b) &amp; ![i](j)"),
            "\\[a\\](b) \\&amp; \\!\\[i\\](j)"
        );
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("12) twelve"), "12\\) twelve");
        assert_eq!(inline("# title #"), "\\# title \\#");
        assert_eq!(inline("line\nbreak\ttab"), "line break tab");
        assert_eq!(
            inline("50 / 50, 15,000 € – fine…"),
            "50 / 50, 15,000 € – fine…"
        );
        assert_eq!(inline("2027-03-18"), "2027-03-18");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("abc"), "`abc`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }
}
