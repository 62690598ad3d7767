//! The exports checked by tools that are not Accord: poppler's `pdfinfo`, `pdffonts`,
//! `pdftotext` and `pdfdetach` open the PDF, find every agreed value in its text and take the
//! agreement back out of it; `cmark` renders the Markdown and `cmark-gfm` reads its tables;
//! Python's html5lib parses the HTML strictly; Python's jsonschema validates the JSON export
//! against `crates/core/schema/agreement.schema.json`.
//!
//! They need Debian's poppler-utils, cmark and cmark-gfm, and a Python with html5lib and
//! jsonschema (by default `.venv/bin/python` at the workspace root, or `$ACCORD_PYTHON`).
//! `scripts/install.sh` installs all of them; a missing one fails the test saying so, nothing
//! is skipped.

mod fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use accord_core::agreement::Agreement;
use accord_export::{html, json, markdown, pdf};

const INSTALL: &str = "run scripts/install.sh to install it";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `cmd`, failing the test with its stderr when it does not start or exits non-zero.
fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}; {INSTALL}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `tool`, or a failure naming its Debian package and how to install it.
fn tool(tool: &str, package: &str) -> Command {
    let found = Command::new(tool).arg("--version").output().or_else(|_| {
        // poppler's tools answer -v, not --version.
        Command::new(tool).arg("-v").output()
    });
    assert!(
        found.is_ok(),
        "`{tool}` is missing (Debian package {package}); {INSTALL}"
    );
    Command::new(tool)
}

/// The Python that has html5lib and jsonschema.
fn python() -> Command {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    let path = PYTHON.get_or_init(|| {
        let python = std::env::var_os("ACCORD_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace_root().join(".venv/bin/python"));
        let found = Command::new(&python)
            .args(["-c", "import html5lib, jsonschema"])
            .output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "{} cannot import html5lib and jsonschema (set ACCORD_PYTHON to another Python); {INSTALL}",
            python.display()
        );
        python
    });
    Command::new(path)
}

fn stdout(out: Output) -> String {
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// White space folded to single spaces, as text extraction and HTML rendering fold it.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every text the summary must show, whatever the format: agreed values, open proposals,
/// partners' first expectations, names, dates, the hash and signatures.
fn shown_texts(agreement: &Agreement) -> Vec<String> {
    let mut texts = vec![
        agreement.hash.clone(),
        agreement.agreed_on.clone(),
        agreement.review_on.clone(),
    ];
    texts.extend(agreement.parties.iter().map(|p| p.name.clone()));
    for item in &agreement.items {
        texts.push(item.shown.clone());
        texts.push(item.text.clone());
        texts.extend(item.expected.iter().filter_map(|e| e.shown.clone()));
    }
    for item in &agreement.open {
        texts.push(item.text.clone());
        texts.extend(item.last_proposal.clone());
    }
    for signature in &agreement.signatures {
        texts.push(signature.fingerprint.clone());
    }
    texts
        .iter()
        .map(|t| {
            let spaced: String = t
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            folded(&spaced)
        })
        .collect()
}

fn agreements() -> [(&'static str, Agreement); 2] {
    [
        ("seminar", fixture::signed(fixture::seminar())),
        ("hostile", fixture::signed(fixture::hostile())),
    ]
}

#[test]
fn poppler_opens_the_pdf_finds_every_value_and_the_attached_agreement() {
    let dir = tempfile::tempdir().unwrap();
    for (name, agreement) in agreements() {
        let file = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, pdf(&agreement).unwrap()).unwrap();

        let info = stdout(run(tool("pdfinfo", "poppler-utils").arg(&file)));
        assert!(
            info.contains("Page size:       595.276 x 841.89 pts (A4)"),
            "{info}"
        );
        let title = format!("Agreement 1: {}", agreement.alliance.name);
        assert!(info.contains(&title), "no title {title:?} in:\n{info}");

        // Every font embedded, as a subset, with a Unicode map.
        let fonts = stdout(run(tool("pdffonts", "poppler-utils").arg(&file)));
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(&cols[4..7], ["yes", "yes", "yes"], "emb sub uni: {fonts}");
        }

        // Text in the content's order, so a cell's wrapped lines stay together.
        let raw = stdout(run(tool("pdftotext", "poppler-utils")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&file)
            .arg("-")));
        let raw = folded(&raw);
        for text in shown_texts(&agreement) {
            assert!(raw.contains(&text), "{name}: pdftotext lacks {text:?}");
        }
        // The default, reading-order extraction finds the one-line texts too.
        let plain = stdout(run(tool("pdftotext", "poppler-utils").arg(&file).arg("-")));
        assert!(plain.contains(&agreement.hash), "{name}: hash");
        assert!(plain.contains("page 1 of "), "{name}: page numbers");

        let attached = dir.path().join(format!("{name}.attached.json"));
        run(tool("pdfdetach", "poppler-utils")
            .args(["-save", "1", "-o"])
            .arg(&attached)
            .arg(&file));
        assert_eq!(
            std::fs::read_to_string(&attached).unwrap(),
            json(&agreement),
            "{name}: the attachment is the agreement file"
        );
    }
}

#[test]
fn a_500_question_pdf_has_every_question_on_numbered_pages() {
    let dir = tempfile::tempdir().unwrap();
    let agreement = fixture::large(500);
    let file = dir.path().join("large.pdf");
    std::fs::write(&file, pdf(&agreement).unwrap()).unwrap();
    let info = stdout(run(tool("pdfinfo", "poppler-utils").arg(&file)));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    assert!(pages > 20, "{pages} pages");
    let raw = folded(&stdout(run(tool("pdftotext", "poppler-utils")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-"))));
    for item in &agreement.items {
        assert!(
            raw.contains(&item.question.0),
            "{} missing",
            item.question.0
        );
    }
    assert!(raw.contains(&format!("page {pages} of {pages}")));
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn cmark_renders_the_markdown_as_written() {
    let dir = tempfile::tempdir().unwrap();
    for (name, agreement) in agreements() {
        let file = dir.path().join(format!("{name}.md"));
        std::fs::write(&file, markdown(&agreement)).unwrap();

        // CommonMark: every text reads as written, nothing becomes markup.
        let commonmark = stdout(run(tool("cmark", "cmark").arg(&file)));
        let folded_html = folded(&commonmark);
        for text in shown_texts(&agreement) {
            assert!(
                folded_html.contains(&escaped(&text)),
                "{name}: cmark output lacks {text:?}"
            );
        }
        for tag in ["<script", "<a ", "<img", "<b>", "<del", "<ol", "<h1>#"] {
            assert!(!commonmark.contains(tag), "{name}: cmark made {tag}");
        }
        let notes = agreement.items.len() + agreement.open.len();
        assert_eq!(
            commonmark.matches("<em>").count(),
            notes,
            "{name}: emphasis"
        );

        // GitHub's tables: one row per item and header, each with every column.
        let gfm = stdout(run(tool("cmark-gfm", "cmark-gfm")
            .args(["-e", "table", "-e", "strikethrough", "-e", "autolink"])
            .arg(&file)));
        let columns = 2 + agreement.parties.len();
        let categories = {
            let mut seen: Vec<&str> = Vec::new();
            for item in &agreement.items {
                if !seen.contains(&item.category.as_str()) {
                    seen.push(&item.category);
                }
            }
            seen.len()
        };
        let rows: Vec<&str> = gfm
            .split("<tr>")
            .skip(1)
            .map(|row| row.split("</tr>").next().unwrap_or_default())
            .collect();
        let headers = categories + usize::from(!agreement.open.is_empty());
        assert_eq!(
            rows.len(),
            agreement.items.len() + agreement.open.len() + headers,
            "{name}"
        );
        for row in &rows {
            let cells = row.matches("<td").count() + row.matches("<th").count();
            assert_eq!(cells, columns, "{name}: a row with {cells} cells: {row}");
        }
        for tag in ["<script", "<a ", "<img", "<del"] {
            assert!(!gfm.contains(tag), "{name}: cmark-gfm made {tag}");
        }
    }
}

/// Parses each HTML file strictly with html5lib and checks it loads nothing and runs nothing;
/// prints the folded text content of the document.
const CHECK_HTML: &str = r#"
import sys, html5lib
path = sys.argv[1]
parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
with open(path, "rb") as f:
    doc = parser.parse(f)
assert not parser.errors, parser.errors
assert doc.get("lang") == "en"
forbidden = {"script", "link", "img", "iframe", "object", "embed", "base", "video", "audio", "source", "svg", "form"}
for el in doc.iter():
    tag = el.tag if isinstance(el.tag, str) else ""
    assert tag not in forbidden, "forbidden element " + tag
    for attr in el.attrib:
        assert attr not in ("src", "href", "srcset", "action") and not attr.startswith("on"), attr
style = "".join(el.text or "" for el in doc.iter("style"))
assert "url(" not in style and "@import" not in style, "the style sheet loads something"
assert doc.find("head/meta[@charset='utf-8']") is not None
assert doc.find("head/title").text
body = doc.find("body")
for el in body.iter("template"):
    el.clear()
print(" ".join("".join(body.itertext()).split()))
"#;

#[test]
fn html5lib_parses_the_html_strictly_and_it_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, agreement) in agreements() {
        let file = dir.path().join(format!("{name}.html"));
        std::fs::write(&file, html(&agreement)).unwrap();
        let text = stdout(run(python().args(["-c", CHECK_HTML]).arg(&file)));
        for shown in shown_texts(&agreement) {
            assert!(text.contains(&shown), "{name}: the page lacks {shown:?}");
        }
    }
}

const VALIDATE: &str = r#"
import json, sys
from jsonschema.validators import validator_for
schema = json.load(open(sys.argv[1]))
cls = validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
for path in sys.argv[2:]:
    validator.validate(json.load(open(path, encoding="utf-8")))
broken = json.load(open(sys.argv[2], encoding="utf-8"))
broken["items"][0]["severity"] = "high"
assert not validator.is_valid(broken), "a wrong type passes"
print("valid", len(sys.argv) - 2)
"#;

#[test]
fn jsonschema_validates_the_json_export_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let schema = workspace_root().join("crates/core/schema/agreement.schema.json");
    let mut files = Vec::new();
    for (name, agreement) in agreements()
        .into_iter()
        .chain([("large", fixture::large(60))])
    {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, json(&agreement)).unwrap();
        files.push(file);
    }
    let out = stdout(run(python()
        .args(["-c", VALIDATE])
        .arg(&schema)
        .args(&files)));
    assert_eq!(out.trim(), "valid 3");
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next() {
    let mut agreement = fixture::seminar();
    let words: Vec<String> = (0..2500).map(|i| format!("clause{i}")).collect();
    agreement.items[3].comment = Some(words.join(" "));
    agreement.items[4].shown = format!("https://example.invalid/{}", "x".repeat(400));
    let agreement = agreement.with_hash();
    let bytes = pdf(&agreement).unwrap();
    assert_eq!(
        accord_export::verify_export(&bytes).unwrap().agreement,
        agreement
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tall.pdf");
    std::fs::write(&file, bytes).unwrap();
    let raw = folded(&stdout(run(tool("pdftotext", "poppler-utils")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-"))));
    // Every word of the comment, in order, across the pages it fills.
    let mut at = 0;
    for word in &words {
        let found = raw[at..]
            .find(&format!("{word} "))
            .or_else(|| raw[at..].find(word.as_str()));
        at += found.unwrap_or_else(|| panic!("{word} missing after byte {at}"));
    }
    assert!(
        raw.contains("(continued)"),
        "the category goes on on the next page"
    );
}

#[test]
fn the_preview_shows_the_pages_and_lines_poppler_reads_from_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for (name, agreement) in agreements() {
        let file = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&file, pdf(&agreement).unwrap()).unwrap();
        let pages = accord_export::pdf_pages(&agreement).unwrap();

        let info = stdout(run(tool("pdfinfo", "poppler-utils").arg(&file)));
        let count = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(str::trim);
        assert_eq!(
            count,
            Some(pages.len().to_string().as_str()),
            "{name}: pages in the preview and in pdfinfo:\n{info}"
        );
        for (i, page) in pages.iter().enumerate() {
            let n = (i + 1).to_string();
            let raw = stdout(run(tool("pdftotext", "poppler-utils")
                .args(["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n])
                .arg(&file)
                .arg("-")));
            let raw = folded(&raw);
            for line in &page.lines {
                let text = folded(&line.text);
                assert!(
                    raw.contains(&text),
                    "{name}: page {n} of the PDF lacks the preview's line {text:?}"
                );
            }
        }
    }
}
