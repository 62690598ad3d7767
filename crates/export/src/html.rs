//! The agreement as one self-contained HTML5 document, ready to print: its style sheet is
//! inline (A4 pages, table headers repeated on each page, rows never split), and it loads
//! nothing: no links, fonts, images or scripts. The agreement itself rides along in an inert
//! `<template>` for `accord verify`.
//!
//! Every piece of user text goes through [`escape`], attributes included. It knows nothing of
//! files or of the other formats.

use std::fmt::Write;

use accord_core::agreement::Agreement;

use crate::summary::{self, Row, Summary};
use crate::{embed, LAYOUT};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.4; color: #1a1a1a; background: #fff; max-width: 62rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.6em; margin: 0 0 .6em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid #bbb;
  break-after: avoid; page-break-after: avoid; }
h2 .count { color: #555; font-weight: normal; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1.2em; margin: 0; }
dl.facts div { display: contents; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
code, .hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
table { width: 100%; border-collapse: collapse; margin: .4em 0 1em; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: .3em .5em; border: 1px solid #c8c8c8;
  overflow-wrap: anywhere; }
thead th { background: #ececec; }
tbody th { background: #f6f6f6; font-size: 1.02em; }
tr { break-inside: avoid; page-break-inside: avoid; }
.qid { display: block; color: #666; font-size: .85em; }
.note { display: block; color: #555; font-size: .85em; margin-top: .15em; }
ul { padding-left: 1.2em; }
footer { margin-top: 2em; padding-top: .5em; border-top: 1px solid #bbb; color: #444;
  font-size: .9em; }
@page { size: A4; margin: 18mm 15mm 20mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid-page; }
}
"#;

/// The agreement as an HTML document.
pub fn html(agreement: &Agreement) -> String {
    let s = Summary::of(agreement);
    let mut o = String::with_capacity(4096 + agreement.items.len() * 700);
    let title = escape(&s.title);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"Accord, export layout {LAYOUT}\">\n\
<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n\
<dl class=\"facts\">\n"
    );
    for (label, value) in &s.facts {
        let class = if *label == "Hash (SHA-256)" {
            " class=\"hash\""
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<div><dt>{label}</dt><dd{class}>{}</dd></div>",
            escape(value)
        );
    }
    o.push_str("</dl>\n</header>\n<main>\n");

    let _ = writeln!(
        o,
        "<section id=\"agreed\">\n<h2>Agreed <span class=\"count\">({})</span></h2>",
        s.agreed_count
    );
    if s.agreed.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", summary::EMPTY_AGREED);
    } else {
        table_head(&mut o, &s.agreed_columns);
        for group in &s.agreed {
            let _ = writeln!(
                o,
                "<tbody>\n<tr><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
                s.agreed_columns.len(),
                escape(&group.category)
            );
            rows(&mut o, &group.rows);
            o.push_str("</tbody>\n");
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");

    let _ = writeln!(
        o,
        "<section id=\"open\">\n<h2>Open items <span class=\"count\">({})</span></h2>",
        s.open.len()
    );
    if s.open.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", summary::EMPTY_OPEN);
    } else {
        table_head(&mut o, &s.open_columns);
        o.push_str("<tbody>\n");
        rows(&mut o, &s.open);
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");

    o.push_str("<section id=\"balance\">\n<h2>Balance</h2>\n");
    if s.balance.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", summary::EMPTY_BALANCE);
    } else {
        let _ = writeln!(o, "<p>{}</p>\n<ul>", s.balance_note);
        for (party, gain) in &s.balance {
            let _ = writeln!(o, "<li><strong>{}:</strong> {gain}</li>", escape(party));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");

    let _ = writeln!(
        o,
        "<section id=\"review\">\n<h2>Review</h2>\n<p>{}</p>\n</section>",
        escape(&s.review)
    );

    o.push_str("<section id=\"signatures\">\n<h2>Signatures</h2>\n");
    if s.signatures.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", summary::EMPTY_SIGNATURES);
    } else {
        let _ = writeln!(o, "<p>{}</p>\n<ul>", summary::SIGNATURES_NOTE);
        for sig in &s.signatures {
            let _ = writeln!(
                o,
                "<li><strong>{}</strong> for {}, fingerprint <code>{}</code></li>",
                escape(&sig.name),
                escape(&sig.party),
                escape(&sig.fingerprint)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n</main>\n");

    let [before, command, after] = summary::VERIFY_NOTE;
    let _ = writeln!(
        o,
        "<footer>\n<p>{before}<code>{command}</code>{after}</p>\n</footer>"
    );
    embed::HTML.write(&mut o, LAYOUT, &crate::json(agreement));
    o.push_str("</body>\n</html>\n");
    o
}

fn table_head(o: &mut String, columns: &[String]) {
    o.push_str("<table>\n<thead><tr>");
    for column in columns {
        let _ = write!(o, "<th scope=\"col\">{}</th>", escape(column));
    }
    o.push_str("</tr></thead>\n");
}

fn rows(o: &mut String, rows: &[Row]) {
    for row in rows {
        let _ = write!(
            o,
            "<tr><td><span class=\"qid\">{}</span>{}</td>",
            escape(&row.id),
            escape(&row.question)
        );
        for (i, cell) in row.cells.iter().enumerate() {
            o.push_str("<td>");
            // The agreed value (or last proposal) stands out, as in the PDF.
            if i == 0 {
                let _ = write!(o, "<strong>{}</strong>", escape(&cell.text));
            } else {
                o.push_str(&escape(&cell.text));
            }
            if let Some(note) = &cell.note {
                let _ = write!(o, "<span class=\"note\">{}</span>", escape(note));
            }
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
    }
}

/// `text` safe as HTML text and as a quoted attribute value. Characters HTML forbids in a
/// document (controls other than white space, noncharacters) become U+FFFD, so a parser
/// reports no error.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            c if c.is_control() || is_noncharacter(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(
            escape("a\u{0}b\u{7f}c\u{FFFF}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(escape("15,000 € – é…"), "15,000 € – é…");
    }
}
