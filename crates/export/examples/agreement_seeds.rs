//! Writes the seed corpus of the `alliance`, `agreement`, `render` and `export` fuzz targets
//! (`fuzz/corpus/<target>/`): valid files made with Accord's own builders (the demo alliance,
//! the seminar agreement of `tests/fixture`, signed with its fixed keys) and files each wrong
//! in one known way, so the fuzzer starts from every refusal and from files that pass every
//! check.
//!
//! `cargo run -p accord-export --example agreement_seeds`. Deterministic: the same code gives
//! the same bytes, so a run changes the corpus only when a format or a renderer changed (then
//! commit the corpus with that change; the replay tests check that every `valid*` file is
//! accepted). The folders are emptied first.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::fs;
use std::path::{Path, PathBuf};

use accord_core::agreement::Agreement;
use accord_core::alliance_file::AllianceFile;
use accord_core::demo::demo_alliance;
use accord_core::questions::set_for_kind;
use accord_core::{Alliance, AllianceDraft, AllianceId, AllianceKind, Timestamp};
use accord_export::{html, json, markdown, pdf};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::Value;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    alliances(&Folder::new(corpus.join("alliance"))?)?;
    agreements(&Folder::new(corpus.join("agreement"))?)?;
    rendered(&Folder::new(corpus.join("render"))?)?;
    exports(&Folder::new(corpus.join("export"))?)?;
    Ok(())
}

fn alliances(dir: &Folder) -> Result<()> {
    let demo = alliance_file(demo_alliance(), "a1b2c3d4-demo", 6);
    let three = alliance_file(
        AllianceDraft {
            name: "Regional research consortium".into(),
            kind: AllianceKind::Consortium,
            parties: vec![
                "Université Lumière".into(),
                "Helix Labs".into(),
                "Østfold & Partners".into(),
            ],
            terms: Vec::new(),
        },
        "5e6f7a8b-consortium",
        4,
    );
    dir.write("valid-demo.json", demo.to_json())?;
    dir.write("valid-compact.json", serde_json::to_string(&demo)?)?;
    dir.write("valid-three-partners.json", three.to_json())?;
    let value = serde_json::to_value(&demo)?;
    dir.write("truncated.json", half(&demo.to_json()))?;
    dir.altered("newer-version.json", &value, "/version", |_| 2.into())?;
    dir.altered("wrong-format.json", &value, "/format", |_| {
        "accord.agreement".into()
    })?;
    dir.altered("bad-id.json", &value, "/id", |_| "../../etc/passwd".into())?;
    dir.altered("renumbered.json", &value, "/parties/1/id", |_| "p7".into())?;
    dir.altered("one-partner.json", &value, "/parties", |p| {
        Value::Array(p.as_array().map(|p| p[..1].to_vec()).unwrap_or_default())
    })?;
    dir.altered("empty-term.json", &value, "/terms/0/text", |_| " ".into())?;
    dir.altered(
        "unknown-category.json",
        &value,
        "/questions/questions/0/category",
        |_| "nowhere".into(),
    )?;
    dir.altered(
        "duplicate-question.json",
        &value,
        "/questions/questions",
        |q| {
            let mut q = q.as_array().cloned().unwrap_or_default();
            q.push(q[0].clone());
            Value::Array(q)
        },
    )?;
    Ok(())
}

/// An alliance file of `draft` under `id`, with the first `questions` questions of its kind's
/// set (enough to hold every kind of question, small enough to fuzz quickly).
fn alliance_file(draft: AllianceDraft, id: &str, questions: usize) -> AllianceFile {
    let content = draft.normalize().expect("a valid alliance");
    let alliance = Alliance {
        id: AllianceId(id.into()),
        name: content.name,
        kind: content.kind,
        parties: content.parties,
        terms: content.terms,
        revision: 1,
        created_at: Timestamp(0),
        updated_at: Timestamp(0),
        deleted: false,
    };
    let mut set = set_for_kind(alliance.kind);
    set.questions.truncate(questions);
    AllianceFile::new(&alliance, &set)
}

/// The seminar agreement cut to its first `items` agreed items and one open item, with its
/// hash restated: small enough to fuzz quickly, still of several kinds of value.
fn small(mut agreement: Agreement, items: usize) -> Agreement {
    agreement.items.truncate(items);
    agreement.open.truncate(1);
    agreement.with_hash()
}

fn agreements(dir: &Folder) -> Result<()> {
    let signed = fixture::signed(small(fixture::seminar(), 6));
    let unsigned = small(fixture::seminar(), 3);
    dir.write("valid-signed.json", json(&signed))?;
    dir.write("valid-compact.json", serde_json::to_string(&signed)?)?;
    dir.write("valid-unsigned.json", json(&unsigned))?;
    dir.write(
        "valid-hostile.json",
        json(&fixture::signed(small(fixture::hostile(), 4))),
    )?;
    let value = serde_json::to_value(&signed)?;
    dir.write("truncated.json", half(&json(&signed)))?;
    dir.altered("newer-version.json", &value, "/version", |_| 2.into())?;
    dir.altered("wrong-format.json", &value, "/format", |_| {
        "accord.alliance".into()
    })?;
    dir.altered("altered-value.json", &value, "/items/0/shown", |_| {
        "something else".into()
    })?;
    dir.altered("altered-hash.json", &value, "/hash", |_| {
        "0".repeat(64).into()
    })?;
    dir.altered(
        "bad-signature.json",
        &value,
        "/signatures/0/signature",
        |s| flipped(s.as_str().unwrap_or_default()).into(),
    )?;
    dir.altered(
        "bad-signing-key.json",
        &value,
        "/signatures/1/signing",
        |_| "AAAA".into(),
    )?;
    dir.altered(
        "other-fingerprint.json",
        &value,
        "/signatures/0/fingerprint",
        |_| "0000-0000-0000-0000-0000".into(),
    )?;
    dir.altered(
        "relabelled-party.json",
        &value,
        "/signatures/0/party",
        |_| "p2".into(),
    )?;
    dir.altered("unknown-party.json", &value, "/signatures/1/party", |_| {
        "p9".into()
    })?;
    dir.altered("signed-twice.json", &value, "/signatures", |s| {
        let mut s = s.as_array().cloned().unwrap_or_default();
        s.push(s[0].clone());
        Value::Array(s)
    })?;
    Ok(())
}

/// The `render` target reads any agreement and restates its hash, as anyone can: its refused
/// inputs are those that are not an agreement at all.
fn rendered(dir: &Folder) -> Result<()> {
    let agreement = small(fixture::seminar(), 6);
    dir.write("valid.json", serde_json::to_string(&agreement)?)?;
    dir.write(
        "valid-hostile.json",
        serde_json::to_string(&small(fixture::hostile(), 4))?,
    )?;
    let value = serde_json::to_value(&agreement)?;
    dir.altered("valid-altered-hash.json", &value, "/hash", |_| "".into())?;
    dir.write("truncated.json", half(&serde_json::to_string(&agreement)?))?;
    dir.altered("no-items.json", &value, "/items", |_| Value::Null)?;
    dir.altered(
        "severity-out-of-range.json",
        &value,
        "/items/0/severity",
        |_| 300.into(),
    )?;
    Ok(())
}

fn exports(dir: &Folder) -> Result<()> {
    let signed = fixture::signed(small(fixture::seminar(), 3));
    let hostile = fixture::signed(small(fixture::hostile(), 4));
    let md = markdown(&signed);
    let page = html(&hostile);
    let document = pdf(&signed)?;
    dir.write("valid.md", &md)?;
    dir.write("valid-crlf.md", md.replace('\n', "\r\n"))?;
    dir.write("valid-hostile.html", &page)?;
    dir.write("valid.json", json(&signed))?;
    dir.write("valid.pdf", &document)?;

    dir.write("md-truncated.md", half(&md))?;
    dir.write(
        "md-altered-value.md",
        md.replacen(&signed.items[0].shown, "something else", 1),
    )?;
    dir.write("md-other-layout.md", md.replace("layout=1\n", "layout=0\n"))?;
    dir.write("md-bad-base64.md", {
        let block = md.rfind("layout=1\n").expect("an embedded block") + "layout=1\n".len();
        format!("{}!!{}", &md[..block], &md[block + 2..])
    })?;
    let mut altered = hostile.clone();
    altered.hash = "0".repeat(64);
    dir.write(
        "html-altered-hash.html",
        with_embedded(&page, &hostile, &altered),
    )?;
    let mut forged = hostile.clone();
    forged.signatures[1].signature = flipped(&forged.signatures[1].signature);
    dir.write(
        "html-bad-signature.html",
        with_embedded(&page, &hostile, &forged),
    )?;
    dir.write(
        "html-no-template.html",
        &page[..page.find("<template").expect("a template")],
    )?;
    dir.write("json-newer-version.json", {
        json(&signed).replacen("\"version\": 1", "\"version\": 2", 1)
    })?;
    dir.write("unknown-format.txt", "Agreement 1 of the spring seminar\n")?;

    // The PDF's attachment (object 4) holds zlib data: flip one byte in its middle.
    let start = find(&document, b"4 0 obj").expect("the attachment object");
    let data = start + find(&document[start..], b"stream\n").expect("its data") + 7;
    let mut broken = document.clone();
    broken[data + 40] ^= 0x55;
    dir.write("pdf-broken-attachment.pdf", &broken)?;
    dir.write("pdf-truncated.pdf", &document[..2048])?;
    Ok(())
}

/// `page` with the agreement it embeds replaced by `instead` (everything else as rendered
/// for `original`).
fn with_embedded(page: &str, original: &Agreement, instead: &Agreement) -> String {
    page.replace(
        &wrapped(&B64.encode(json(original))),
        &wrapped(&B64.encode(json(instead))),
    )
}

/// Base64 in lines of 76, as the exports write it.
fn wrapped(base64: &str) -> String {
    base64
        .as_bytes()
        .chunks(76)
        .map(|line| format!("{}\n", String::from_utf8_lossy(line)))
        .collect()
}

/// `base64` with one bit of its first byte flipped.
fn flipped(base64: &str) -> String {
    let mut bytes = B64.decode(base64).unwrap_or_default();
    if let Some(first) = bytes.first_mut() {
        *first ^= 1;
    }
    B64.encode(bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The first half of `text`, cut at a character boundary.
fn half(text: &str) -> String {
    text.chars().take(text.chars().count() / 2).collect()
}

struct Folder(PathBuf);

impl Folder {
    /// The folder, emptied (so files no longer written do not linger).
    fn new(path: PathBuf) -> Result<Folder> {
        if path.exists() {
            fs::remove_dir_all(&path)?;
        }
        fs::create_dir_all(&path)?;
        Ok(Folder(path))
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> Result<()> {
        fs::write(self.0.join(name), contents)?;
        Ok(())
    }

    /// `value` with the member at `pointer` replaced, pretty-printed.
    fn altered(
        &self,
        name: &str,
        value: &Value,
        pointer: &str,
        change: impl FnOnce(&Value) -> Value,
    ) -> Result<()> {
        let mut value = value.clone();
        let slot = value
            .pointer_mut(pointer)
            .ok_or_else(|| format!("{name}: no {pointer}"))?;
        *slot = change(slot);
        self.write(name, serde_json::to_string_pretty(&value)? + "\n")
    }
}
